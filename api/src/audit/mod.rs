//! The audit log: every mutation writes an entry in its own transaction; staff read it back.

pub mod handlers;
pub mod service;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/audit-events").get(handlers::list_audit_events));
}
