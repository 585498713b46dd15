//! Automation: rules a store sets on its events (`rules/`), and webhook endpoints a store
//! registers to receive its events, signed as Standard Webhooks defines, at addresses checked
//! to be on the public internet.

pub mod demo;
pub mod error;
pub mod events;
pub mod handlers;
pub mod notifications;
pub mod rules;
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
    event_handlers: |services| {
        Ok(vec![
            Arc::new(events::WebhookEvents),
            Arc::new(rules::run::RuleEvents),
            Arc::new(rules::act::ActionEvents {
                public_url: services.config.mail.public_url.clone(),
                max_attempts: services.config.outbox.max_attempts,
            }),
        ])
    },
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

const LINKS: &[Link] = &[
    Link::new(
        "automation.rule.create",
        &[
            "automation.rule.get",
            "automation.rule.update",
            "automation.rule.delete",
            "automation.rule_run.list",
            "automation.rule.dry_run",
        ],
    )
    .at("/id"),
    Link::new(
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
    .at("/endpoint/id"),
];

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
    rule_routes(routes);
}

fn rule_routes(routes: &mut Routes) {
    use Access::Needs;
    use Permission::AutomationManage;
    use handlers::{rule, rule_catalogue as catalogue};
    routes
        .post(
            "/automation/rules",
            Needs(AutomationManage),
            rule::create_rule,
        )
        .get(
            "/automation/rules",
            Needs(AutomationManage),
            rule::list_rules,
        )
        .get(
            "/automation/rules/{id}",
            Needs(AutomationManage),
            rule::get_rule,
        )
        .patch(
            "/automation/rules/{id}",
            Needs(AutomationManage),
            rule::update_rule,
        )
        .delete(
            "/automation/rules/{id}",
            Needs(AutomationManage),
            rule::delete_rule,
        )
        .get(
            "/automation/rules/{id}/runs",
            Needs(AutomationManage),
            rule::list_runs,
        )
        .post(
            "/automation/rules/{id}/dry-run",
            Needs(AutomationManage),
            rule::dry_run_rule,
        )
        .get(
            "/automation/triggers",
            Needs(AutomationManage),
            catalogue::list_triggers,
        )
        .get(
            "/automation/rule-templates",
            Needs(AutomationManage),
            catalogue::list_templates,
        )
        .post(
            "/automation/rule-templates/{key}/install",
            Needs(AutomationManage),
            catalogue::install_template,
        )
        .get(
            "/automation/events",
            Needs(AutomationManage),
            catalogue::recent,
        );
    notification_routes(routes);
}

/// A member's own notifications: every member has them, whatever their role.
fn notification_routes(routes: &mut Routes) {
    use Access::Caller;
    use handlers::notification as n;
    routes
        .get("/notifications", Caller, n::list_notifications)
        .get("/notifications/unread", Caller, n::unread)
        .post("/notifications/read-all", Caller, n::read_all)
        .get("/notifications/settings", Caller, n::get_settings)
        .put("/notifications/settings", Caller, n::put_settings)
        .post("/notifications/{id}/read", Caller, n::mark_read);
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
        handlers::rule::create_rule,
        handlers::rule::list_rules,
        handlers::rule::get_rule,
        handlers::rule::update_rule,
        handlers::rule::delete_rule,
        handlers::rule::list_runs,
        handlers::rule::dry_run_rule,
        handlers::rule_catalogue::list_triggers,
        handlers::rule_catalogue::list_templates,
        handlers::rule_catalogue::install_template,
        handlers::rule_catalogue::recent,
        handlers::notification::list_notifications,
        handlers::notification::unread,
        handlers::notification::mark_read,
        handlers::notification::read_all,
        handlers::notification::get_settings,
        handlers::notification::put_settings,
    ),
    tags((name = "automation", description = "Rules (an event, conditions on it and on the order or customer it is about, actions run in order: email the team or the customer, tag, hold, call a webhook), each run logged, tried beforehand on a recent event; ready rules switched on in one click. Notifications: what rules tell each member, in the app and, for the topics they choose, by email. Webhook endpoints: the events a store wants delivered to an https address on the public internet, signed with the endpoint's secret as Standard Webhooks defines (shown once; a rotation keeps the previous secret signing for 24 hours), retried for about three days, each attempt in the endpoint's delivery log, which staff may replay. The events and their bodies are the document's `webhooks`"))
)]
struct Doc;
