//! Automation: webhook endpoints a store registers to receive its events, signed as Standard
//! Webhooks defines, at addresses checked to be on the public internet.

pub mod demo;
pub mod error;
pub mod events;
pub mod handlers;
pub mod service;
#[cfg(test)]
mod wire;

use std::sync::Arc;

use utoipa::OpenApi;

use crate::access::permission::{Grant, Permission};
use crate::automation::service::attempt::Poster;
use crate::automation::service::sender::Sender;
use crate::module::{Link, Module, Services, Sweep};
use crate::routes::{Access, Routes};

pub const MODULE: Module = Module {
    links: LINKS,
    event_handlers: |_| Ok(vec![Arc::new(events::WebhookEvents)]),
    sweeps: |services| vec![sender(services)],
    permissions: PERMISSIONS,
    #[cfg(test)]
    wire_types: wire::types,
    ..Module::new("automation", routes, automation_doc)
};

/// Managing endpoints is an admin's; an integration's key may hold it to register itself.
const PERMISSIONS: &[Grant] = {
    use Permission::*;
    use openapi::tenancy::Role::*;
    &[(AutomationManage, true, &[Owner, Admin])]
};

const LINKS: &[Link] = &[Link::new(
    "automation.webhook.create",
    &[
        "automation.webhook.get",
        "automation.webhook.update",
        "automation.webhook.rotate",
        "automation.webhook.delete",
        "automation.delivery.list",
        "automation.delivery.replay_failed",
        "automation.webhook.ping",
    ],
)
.at("/endpoint/id")];

/// The delivery loop.
fn sender(services: &Services) -> Sweep {
    let sender = Sender {
        db: services.db.clone(),
        poster: Poster::from_config(services.config),
        poll: services.config.outbox.poll_interval,
        backoff: services.config.outbox.webhook_backoff,
    };
    Box::pin(sender.run())
}

fn routes(routes: &mut Routes) {
    use Access::Needs;
    use Permission::AutomationManage;
    use handlers::{delivery, endpoint};
    routes
        .post(
            "/automation/webhooks",
            Needs(AutomationManage),
            endpoint::create_webhook,
        )
        .get(
            "/automation/webhooks",
            Needs(AutomationManage),
            endpoint::list_webhooks,
        )
        .get(
            "/automation/webhooks/{id}",
            Needs(AutomationManage),
            endpoint::get_webhook,
        )
        .patch(
            "/automation/webhooks/{id}",
            Needs(AutomationManage),
            endpoint::update_webhook,
        )
        .delete(
            "/automation/webhooks/{id}",
            Needs(AutomationManage),
            endpoint::delete_webhook,
        )
        .post(
            "/automation/webhooks/{id}/rotate-secret",
            Needs(AutomationManage),
            endpoint::rotate_secret,
        )
        .get(
            "/automation/webhooks/{id}/deliveries",
            Needs(AutomationManage),
            delivery::list_deliveries,
        )
        .get(
            "/automation/webhooks/{id}/deliveries/{delivery_id}",
            Needs(AutomationManage),
            delivery::get_delivery,
        )
        .post(
            "/automation/webhooks/{id}/deliveries/{delivery_id}/replay",
            Needs(AutomationManage),
            delivery::replay_delivery,
        )
        .post(
            "/automation/webhooks/{id}/replay-failed",
            Needs(AutomationManage),
            delivery::replay_failed,
        )
        .post(
            "/automation/webhooks/{id}/ping",
            Needs(AutomationManage),
            delivery::ping,
        );
}

fn automation_doc() -> utoipa::openapi::OpenApi {
    <Doc as OpenApi>::openapi()
}

#[derive(OpenApi)]
#[openapi(
    paths(
        handlers::endpoint::create_webhook,
        handlers::endpoint::list_webhooks,
        handlers::endpoint::get_webhook,
        handlers::endpoint::update_webhook,
        handlers::endpoint::delete_webhook,
        handlers::endpoint::rotate_secret,
        handlers::delivery::list_deliveries,
        handlers::delivery::get_delivery,
        handlers::delivery::replay_delivery,
        handlers::delivery::replay_failed,
        handlers::delivery::ping,
    ),
    tags((name = "automation", description = "Webhook endpoints: the events a store wants delivered to an https address on the public internet, signed with the endpoint's secret as Standard Webhooks defines (shown once; a rotation keeps the previous secret signing for 24 hours), retried for about three days, each attempt in the endpoint's delivery log, which staff may replay. The events and their bodies are the document's `webhooks`"))
)]
struct Doc;
