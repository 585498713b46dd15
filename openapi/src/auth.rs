//! Sign-up, login, token refresh, the current principal and API keys.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::tenancy::{Currency, Locale, Role, TenantOut};

mod permission;
pub use permission::Permission;

/// Creates a store and its owner.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SignupIn {
    /// The store's name.
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub store_name: String,
    /// The owner's name.
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub owner_name: String,
    #[validate(email, length(max = 254))]
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    /// At least 10 characters.
    #[validate(length(min = 10, max = 128))]
    #[schema(min_length = 10, max_length = 128)]
    pub password: String,
    /// The store's currency; BRL when absent.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// The store's language; pt-BR when absent.
    #[serde(default)]
    pub locale: Option<Locale>,
    /// An IANA time zone; America/Sao_Paulo when absent.
    #[serde(default)]
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub timezone: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "tenant": {
        "id": "0196f5a0-0000-7000-8000-00000000000a",
        "name": "Loja Exemplo",
        "currency": "BRL",
        "locale": "pt-BR",
        "timezone": "America/Sao_Paulo",
        "version": 1,
        "created_at": "2026-09-01T12:00:00Z",
        "updated_at": "2026-09-01T12:00:00Z"
    },
    "user": {
        "id": "0196f5a0-0000-7000-8000-00000000000b",
        "email": "marcos@lojaexemplo.com.br",
        "name": "Marcos Oliveira"
    },
    "tokens": {
        "access_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMTk2ZjVhMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMGIiLCJ0aWQiOiIwMTk2ZjVhMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMGEiLCJpc3MiOiJyZXRhZ3VhcmRhIiwiYXVkIjoicmV0YWd1YXJkYS1hcGkiLCJpYXQiOjE3OTUxODMzOTEsImV4cCI6MTc5NTE4NDI5MX0.85cNmsL4wDZCQ6ZVBS5ROdz5ywn74q8d_J_8fvO_F0g",
        "token_type": "Bearer",
        "expires_in": 900,
        "refresh_token": "rt_qxMonggdzBCxNmS-2cxQVuC0OXUkUEDy8GaM1AXTpGA",
        "tenant_id": "0196f5a0-0000-7000-8000-00000000000a"
    }
}))]
pub struct SignupOut {
    pub tenant: TenantOut,
    pub user: UserOut,
    pub tokens: TokensOut,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({ "email": "ana@example.com", "password": "a long passphrase" }))]
pub struct LoginIn {
    #[validate(length(min = 1, max = 254))]
    #[schema(min_length = 1, max_length = 254)]
    pub email: String,
    #[validate(length(min = 1, max = 128))]
    #[schema(min_length = 1, max_length = 128)]
    pub password: String,
    /// Which of the user's stores to log in to; the oldest membership when absent.
    #[serde(default)]
    pub tenant_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({ "refresh_token": "rt_a1X_spbW8DndbDBCjc1Pr5oJOAnFMgCsjVCVHLVyv60" }))]
pub struct RefreshIn {
    #[validate(length(min = 1, max = 512))]
    #[schema(min_length = 1, max_length = 512)]
    pub refresh_token: String,
}

/// A new pair of tokens. Send the access token as `Authorization: Bearer …`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "access_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMTk2ZjVhMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMGIiLCJ0aWQiOiIwMTk2ZjVhMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMGEiLCJpc3MiOiJyZXRhZ3VhcmRhIiwiYXVkIjoicmV0YWd1YXJkYS1hcGkiLCJpYXQiOjE3OTUxODMzOTEsImV4cCI6MTc5NTE4NDI5MX0.85cNmsL4wDZCQ6ZVBS5ROdz5ywn74q8d_J_8fvO_F0g",
    "token_type": "Bearer",
    "expires_in": 900,
    "refresh_token": "rt_qxMonggdzBCxNmS-2cxQVuC0OXUkUEDy8GaM1AXTpGA",
    "tenant_id": "0196f5a0-0000-7000-8000-00000000000a"
}))]
pub struct TokensOut {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Single use: each refresh returns a new one; re-using a spent one logs out its session.
    pub refresh_token: String,
    pub tenant_id: Uuid,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserOut {
    pub id: Uuid,
    pub email: String,
    pub name: String,
}

/// Who is calling: a user (logged in) or an API key.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "tenant": {
        "id": "0196f5a0-0000-7000-8000-00000000000a",
        "name": "Loja Exemplo",
        "currency": "BRL",
        "locale": "pt-BR",
        "timezone": "America/Sao_Paulo",
        "version": 3,
        "created_at": "2026-09-01T12:00:00Z",
        "updated_at": "2026-11-18T09:42:10Z"
    },
    "user": {
        "id": "0196f5a0-0000-7000-8000-00000000000b",
        "email": "marcos@lojaexemplo.com.br",
        "name": "Marcos Oliveira"
    },
    "role": "owner",
    "permissions": [
        "tenant:read",
        "tenant:manage",
        "members:read",
        "members:manage",
        "api_keys:manage",
        "audit:read",
        "catalog:read",
        "catalog:write",
        "channels:manage",
        "inventory:read",
        "stock:move",
        "stock:count",
        "purchasing:manage",
        "locations:manage",
        "customers:read",
        "customers:write",
        "orders:read",
        "orders:write",
        "payments:manage",
        "emails:read",
        "mail:manage"
    ],
    "memberships": [
        {
            "tenant_id": "0196f5a0-0000-7000-8000-00000000000a",
            "tenant_name": "Loja Exemplo",
            "role": "owner"
        }
    ]
}))]
pub struct MeOut {
    pub tenant: TenantOut,
    /// The user, when the caller is a user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<UserOut>,
    /// The API key's id, when the caller is an API key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_id: Option<Uuid>,
    pub role: Role,
    /// Everything this caller may do, e.g. `members:manage`.
    pub permissions: Vec<Permission>,
    /// The stores this user belongs to (empty for an API key).
    pub memberships: Vec<MembershipOut>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MembershipOut {
    pub tenant_id: Uuid,
    pub tenant_name: String,
    pub role: Role,
}

/// Creates an API key. The secret is shown once, in the response.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyIn {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// Permission names, e.g. `["tenant:read", "audit:read"]`; no more than the creator has.
    #[validate(length(min = 1, max = 50))]
    #[schema(min_items = 1, max_items = 50)]
    pub scopes: Vec<Permission>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000011",
    "name": "Integração ERP",
    "prefix": "rtg_0196f5a00000",
    "scopes": ["catalog:read", "inventory:read"],
    "created_by": "0196f5a0-0000-7000-8000-00000000000b",
    "created_at": "2026-10-02T16:20:00Z",
    "last_used_at": "2026-11-20T13:58:02Z"
}))]
pub struct ApiKeyOut {
    pub id: Uuid,
    pub name: String,
    /// The start of the secret, to recognise the key.
    pub prefix: String,
    /// The permissions the key holds.
    pub scopes: Vec<Permission>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "api_key": {
        "id": "0196f5a0-0000-7000-8000-000000000011",
        "name": "Integração ERP",
        "prefix": "rtg_0196f5a00000",
        "scopes": ["catalog:read", "inventory:read"],
        "created_by": "0196f5a0-0000-7000-8000-00000000000b",
        "created_at": "2026-11-20T14:03:11Z"
    },
    "secret": "rtg_0196f5a000007000800000000000000a_HPFRILU0GzF2VxtCzawXauUBWXu2j0Tyl1cK3Zl5aQM"
}))]
pub struct ApiKeyCreatedOut {
    pub api_key: ApiKeyOut,
    /// The secret, shown this once. Send it as `Authorization: Bearer rtg_…`.
    pub secret: String,
}

/// The answer of the browser mode's login and refresh: the refresh token travels only in an
/// `HttpOnly` cookie, never to the page's code.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "access_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMTk2ZjVhMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMGIiLCJ0aWQiOiIwMTk2ZjVhMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMGEiLCJpc3MiOiJyZXRhZ3VhcmRhIiwiYXVkIjoicmV0YWd1YXJkYS1hcGkiLCJpYXQiOjE3OTUxODMzOTEsImV4cCI6MTc5NTE4NDI5MX0.85cNmsL4wDZCQ6ZVBS5ROdz5ywn74q8d_J_8fvO_F0g",
    "token_type": "Bearer",
    "expires_in": 900,
    "tenant_id": "0196f5a0-0000-7000-8000-00000000000a"
}))]
pub struct BrowserTokensOut {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires; refresh before.
    pub expires_in: i64,
    pub tenant_id: Uuid,
}
