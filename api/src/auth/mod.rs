//! Authentication: passwords, sign-in and refresh tokens, API keys, and the `Principal`
//! extractor (the principal itself and the permission table are `access`).

pub mod error;
pub mod handlers;
pub mod login_limit;
pub mod password;
pub mod principal;
pub mod respond;
pub mod secret;
pub mod service;
#[cfg(test)]
mod wire;

use utoipa::OpenApi;

use crate::access::permission::{Grant, Permission};
use crate::error::ApiError;
use crate::module::{Link, Module};
use crate::routes::{Access, Routes};

pub const MODULE: Module = Module {
    sweeps: |services| {
        let sweep = login_limit::run_sweep(services.db.clone(), services.limiter.clone());
        vec![Box::pin(sweep)]
    },
    conflict,
    links: LINKS,
    permissions: PERMISSIONS,
    #[cfg(test)]
    wire_types: wire::types,
    ..Module::new("auth", routes, <Doc as OpenApi>::openapi)
};

/// Its rows of the permission table: each permission, whether an API key may hold it, and
/// the roles that have it.
const PERMISSIONS: &[Grant] = {
    use Permission::*;
    use openapi::tenancy::Role::*;
    &[(ApiKeysManage, false, &[Owner, Admin])]
};

/// A new key's id, to revoke it.
const LINKS: &[Link] =
    &[Link::new("auth.api_key.create", &["auth.api_key.revoke"]).at("/api_key/id")];

fn routes(routes: &mut Routes) {
    use Access::{Anyone, Needs};
    use Permission::*;
    use handlers::{api_key, browser, session};
    routes
        .post("/auth/login", Anyone, session::login)
        .post("/auth/refresh", Anyone, session::refresh)
        .post("/auth/logout", Anyone, session::logout)
        .post("/auth/browser/login", Anyone, browser::login)
        .post("/auth/browser/refresh", Anyone, browser::refresh)
        .post("/auth/browser/logout", Anyone, browser::logout)
        .post("/api-keys", Needs(ApiKeysManage), api_key::create_api_key)
        .get("/api-keys", Needs(ApiKeysManage), api_key::list_api_keys)
        .delete(
            "/api-keys/{id}",
            Needs(ApiKeysManage),
            api_key::revoke_api_key,
        );
}

#[derive(OpenApi)]
#[openapi(paths(
    handlers::session::login,
    handlers::session::refresh,
    handlers::session::logout,
    handlers::browser::login,
    handlers::browser::refresh,
    handlers::browser::logout,
    handlers::api_key::create_api_key,
    handlers::api_key::list_api_keys,
    handlers::api_key::revoke_api_key,
),
    tags((name = "auth", description = "Login, tokens, the current caller, API keys"))
)]
struct Doc;

/// The conflict each operation most often meets, for the document's examples.
fn conflict(operation_id: &str) -> Option<ApiError> {
    match operation_id {
        "auth.api_key.create" => Some(crate::idempotency::secret_not_replayed(uuid::uuid!(
            "0196f5a0-0000-7000-8000-000000000011"
        ))),
        _ => None,
    }
}
