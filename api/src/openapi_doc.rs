//! The OpenAPI document: every route, its types and the security scheme. Committed as
//! `openapi/openapi.json`; `cargo xtask openapi` rewrites it and a test checks it is current.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::{audit, auth, health, tenancy};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Retaguarda API",
        description = "The back office of an online store. Authenticate with `Authorization: Bearer <access token>` (from `/auth/login`) or `Bearer rtg_…` (an API key). Errors are RFC 7807 problem documents. Lists take `limit` and `cursor` and answer `{items, next_cursor}`. POSTs that create something accept `Idempotency-Key`.",
    ),
    paths(
        tenancy::handlers::tenant::signup,
        tenancy::handlers::tenant::get_tenant,
        tenancy::handlers::tenant::update_tenant,
        tenancy::handlers::member::list_members,
        tenancy::handlers::member::change_member_role,
        tenancy::handlers::member::remove_member,
        tenancy::handlers::invitation::create_invitation,
        tenancy::handlers::invitation::list_invitations,
        tenancy::handlers::invitation::revoke_invitation,
        tenancy::handlers::invitation::accept_invitation,
        auth::handlers::session::login,
        auth::handlers::session::refresh,
        auth::handlers::session::logout,
        auth::handlers::session::me,
        auth::handlers::api_key::create_api_key,
        auth::handlers::api_key::list_api_keys,
        auth::handlers::api_key::revoke_api_key,
        audit::handlers::list_audit_events,
        health::live,
        health::ready,
    ),
    components(schemas(openapi::Problem, openapi::FieldError)),
    modifiers(&BearerScheme),
    tags(
        (name = "tenancy", description = "The store, its settings, members and invitations"),
        (name = "auth", description = "Login, tokens, the current caller, API keys"),
        (name = "audit", description = "Who changed what and when"),
        (name = "health", description = "Liveness and readiness"),
    )
)]
pub struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A JWT access token, or an API key (`rtg_…`)".to_owned(),
                    ))
                    .build(),
            ),
        );
    }
}

/// The document as committed: pretty JSON with a final newline.
pub fn spec_json() -> String {
    let mut json = ApiDoc::openapi().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}
