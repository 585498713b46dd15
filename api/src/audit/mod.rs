//! The audit log: every mutation writes an entry in its own transaction; staff read it back.

pub mod handlers;
pub mod service;

use utoipa::OpenApi;

use crate::access::permission::Permission;
use crate::module::Module;
use crate::routes::{Access, Routes};

pub const MODULE: Module = Module::new("audit", routes, <Doc as OpenApi>::openapi);

fn routes(routes: &mut Routes) {
    use Access::Needs;
    use Permission::*;
    routes.get(
        "/audit-events",
        Needs(AuditRead),
        handlers::list_audit_events,
    );
}

#[derive(OpenApi)]
#[openapi(
    paths(handlers::list_audit_events),
    tags((name = "audit", description = "Who changed what and when"))
)]
struct Doc;
