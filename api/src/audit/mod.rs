//! The audit log: every mutation writes an entry in its own transaction; staff read it back.

pub mod handlers;
pub mod service;
#[cfg(test)]
mod wire;

use utoipa::OpenApi;

use crate::access::permission::{Grant, Permission};
use crate::module::Module;
use crate::routes::{Access, Routes};

pub const MODULE: Module = Module {
    permissions: PERMISSIONS,
    #[cfg(test)]
    wire_types: wire::types,
    ..Module::new("audit", routes, <Doc as OpenApi>::openapi)
};

/// Its rows of the permission table: each permission, whether an API key may hold it, and
/// the roles that have it.
const PERMISSIONS: &[Grant] = {
    use Permission::*;
    use openapi::tenancy::Role::*;
    &[(AuditRead, true, &[Owner, Admin, Manager])]
};

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
