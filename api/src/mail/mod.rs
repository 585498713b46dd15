//! Mail: email templates (pt-BR, es, en) rendered with minijinja, the email log, lettre
//! transports, and what the outbox worker turns events into.

pub mod compose;
pub mod error;
pub mod events;
pub mod handlers;
pub mod sandbox;
pub mod sender;
pub mod service;
pub mod template_store;
pub mod templates;
pub mod transport;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/emails").get(handlers::list_emails))
        .service(web::resource("/emails/{id}").get(handlers::get_email))
        .service(web::resource("/emails/{id}/resend").post(handlers::resend_email))
        .service(web::resource("/mail/templates").get(handlers::list_templates))
        .service(
            web::resource("/mail/templates/{kind}/{locale}")
                .put(handlers::put_template)
                .delete(handlers::reset_template),
        )
        .service(
            web::resource("/mail/templates/{kind}/{locale}/preview")
                .post(handlers::preview_template),
        );
}
