//! Mail: email templates (pt-BR, es, en) rendered with minijinja, the email log, lettre
//! transports, and what the outbox worker turns events into.

pub mod compose;
pub mod dunning;
pub mod error;
pub mod events;
pub mod handlers;
pub mod notifications;
pub mod order_emails;
pub mod returns;
pub mod sandbox;
pub mod sender;
pub mod service;
pub mod shipping;
pub mod template_store;
pub mod templates;
pub mod transport;
pub mod webhooks;
#[cfg(test)]
mod wire;

use std::sync::Arc;

use utoipa::OpenApi;

use crate::access::permission::{Grant, Permission};
use crate::module::{EventHandlers, Link, Module, Services, StartError};
use crate::routes::{Access, Routes};

pub const MODULE: Module = Module {
    event_handlers,
    conflict: |operation_id| {
        (operation_id == "mail.email.resend").then(|| {
            crate::tenancy::error::TenancyError::InvitationNotPending { status: "revoked" }.into()
        })
    },
    links: LINKS,
    permissions: PERMISSIONS,
    #[cfg(test)]
    wire_types: wire::types,
    ..Module::new("mail", routes, <Doc as OpenApi>::openapi)
};

/// Its rows of the permission table: each permission, whether an API key may hold it, and
/// the roles that have it.
const PERMISSIONS: &[Grant] = {
    use Permission::*;
    use openapi::tenancy::Role::*;
    &[
        (EmailsRead, true, &[Owner, Admin, Manager]),
        (MailManage, true, &[Owner, Admin]),
    ]
};

/// A resent email's id, to read it and resend it again.
const LINKS: &[Link] = &[Link::new(
    "mail.email.resend",
    &["mail.email.get", "mail.email.resend"],
)];

fn routes(routes: &mut Routes) {
    use Access::Needs;
    use Permission::*;
    routes
        .get("/emails", Needs(EmailsRead), handlers::list_emails)
        .get("/emails/{id}", Needs(EmailsRead), handlers::get_email)
        .post(
            "/emails/{id}/resend",
            Needs(MailManage),
            handlers::resend_email,
        )
        .get(
            "/mail/templates",
            Needs(MailManage),
            handlers::list_templates,
        )
        .put(
            "/mail/templates/{kind}/{locale}",
            Needs(MailManage),
            handlers::put_template,
        )
        .delete(
            "/mail/templates/{kind}/{locale}",
            Needs(MailManage),
            handlers::reset_template,
        )
        .post(
            "/mail/templates/{kind}/{locale}/preview",
            Needs(MailManage),
            handlers::preview_template,
        );
}

#[derive(OpenApi)]
#[openapi(paths(
    handlers::list_emails,
    handlers::get_email,
    handlers::resend_email,
    handlers::list_templates,
    handlers::put_template,
    handlers::reset_template,
    handlers::preview_template,
),
    tags((name = "mail", description = "The email log and the store's email templates"))
)]
struct Doc;

/// Mail's handler of outbox events, with its transport and its count of emails sent.
fn event_handlers(services: &Services) -> EventHandlers {
    let failed = |source: Box<dyn std::error::Error + Send + Sync>| StartError {
        module: "mail",
        source,
    };
    let sent = services
        .counter("emails_sent_total", "Emails handed to the transport")
        .map_err(|e| failed(Box::new(e)))?;
    let mailer =
        transport::Mailer::from_config(&services.config.mail).map_err(|e| failed(Box::new(e)))?;
    Ok(vec![Arc::new(events::MailEvents {
        mailer: Arc::new(mailer),
        mail: services.config.mail.clone(),
        return_secret: services.config.jwt_secret.clone(),
        sent,
    })])
}
