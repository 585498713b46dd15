//! The store (tenant), its settings, members and invitations.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// A member's role. One permission table in the server says what each may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "lowercase")
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Admin,
    Manager,
    Staff,
    Viewer,
    /// The role of API keys; members cannot hold it.
    Api,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Staff => "staff",
            Role::Viewer => "viewer",
            Role::Api => "api",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        [
            Role::Owner,
            Role::Admin,
            Role::Manager,
            Role::Staff,
            Role::Viewer,
            Role::Api,
        ]
        .into_iter()
        .find(|role| role.as_str() == text)
    }
}

/// The languages the product speaks. A new store's is Brazilian Portuguese unless it says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text")
)]
pub enum Locale {
    #[serde(rename = "pt-BR")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "pt-BR"))]
    #[default]
    PtBr,
    #[serde(rename = "es")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "es"))]
    Es,
    #[serde(rename = "en")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "en"))]
    En,
}

impl Locale {
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::PtBr => "pt-BR",
            Locale::Es => "es",
            Locale::En => "en",
        }
    }

    pub fn parse(text: &str) -> Option<Locale> {
        [Locale::PtBr, Locale::Es, Locale::En]
            .into_iter()
            .find(|locale| locale.as_str() == text)
    }
}

/// The ISO 4217 currencies a store may keep its books in. A new store's is BRL unless it says.
#[allow(clippy::upper_case_acronyms)]
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "UPPERCASE")
)]
pub enum Currency {
    #[default]
    BRL,
    ARS,
    CLP,
    COP,
    MXN,
    PEN,
    UYU,
    PYG,
    BOB,
    USD,
    EUR,
}

impl Currency {
    pub const ALL: [Currency; 11] = [
        Currency::BRL,
        Currency::ARS,
        Currency::CLP,
        Currency::COP,
        Currency::MXN,
        Currency::PEN,
        Currency::UYU,
        Currency::PYG,
        Currency::BOB,
        Currency::USD,
        Currency::EUR,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Currency::BRL => "BRL",
            Currency::ARS => "ARS",
            Currency::CLP => "CLP",
            Currency::COP => "COP",
            Currency::MXN => "MXN",
            Currency::PEN => "PEN",
            Currency::UYU => "UYU",
            Currency::PYG => "PYG",
            Currency::BOB => "BOB",
            Currency::USD => "USD",
            Currency::EUR => "EUR",
        }
    }

    pub fn parse(text: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// Digits after the decimal point of the currency's smallest unit (ISO 4217).
    pub fn minor_units(self) -> u32 {
        match self {
            Currency::CLP | Currency::PYG => 0,
            _ => 2,
        }
    }

    /// The symbol shown before an amount.
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::BRL => "R$",
            Currency::USD => "US$",
            Currency::EUR => "€",
            Currency::PEN => "S/",
            Currency::UYU => "$U",
            Currency::PYG => "₲",
            Currency::BOB => "Bs",
            Currency::ARS | Currency::CLP | Currency::COP | Currency::MXN => "$",
        }
    }
}

/// A store and its settings. Its `version` is also the `ETag` of `GET /tenant`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-00000000000a",
    "name": "Loja Exemplo",
    "currency": "BRL",
    "locale": "pt-BR",
    "timezone": "America/Sao_Paulo",
    "version": 3,
    "created_at": "2026-09-01T12:00:00Z",
    "updated_at": "2026-11-18T09:42:10Z"
}))]
pub struct TenantOut {
    pub id: Uuid,
    pub name: String,
    pub currency: Currency,
    pub locale: Locale,
    /// IANA time zone, e.g. `America/Sao_Paulo`.
    pub timezone: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Changes the store's settings; absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TenantPatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[serde(default)]
    pub currency: Option<Currency>,
    #[serde(default)]
    pub locale: Option<Locale>,
    #[serde(default)]
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub timezone: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000010",
    "user_id": "0196f5a0-0000-7000-8000-000000000019",
    "email": "joao@lojaexemplo.com.br",
    "name": "João Pereira",
    "role": "manager",
    "version": 2,
    "created_at": "2026-09-10T13:00:00Z"
}))]
pub struct MemberOut {
    pub id: Uuid,
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct MemberPatch {
    #[schema(schema_with = member_role)]
    pub role: Role,
}

/// The roles a member may be given: every one but `api`, which API keys alone hold.
pub const MEMBER_ROLES: [Role; 5] = [
    Role::Owner,
    Role::Admin,
    Role::Manager,
    Role::Staff,
    Role::Viewer,
];

fn member_role() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .enum_values(Some(MEMBER_ROLES.map(Role::as_str)))
        .description(Some("A member's role (not `api`, which is API keys')"))
        .build()
}

/// Invites an email address to join the store.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct InvitationIn {
    #[validate(email, length(max = 254))]
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    #[schema(schema_with = member_role)]
    pub role: Role,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000012",
    "email": "beatriz@lojaexemplo.com.br",
    "role": "staff",
    "status": "pending",
    "invited_by": "0196f5a0-0000-7000-8000-00000000000b",
    "expires_at": "2026-11-27T14:03:11Z",
    "created_at": "2026-11-20T14:03:11Z"
}))]
pub struct InvitationOut {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    /// `pending`, `accepted`, `revoked` or `expired`.
    pub status: String,
    pub invited_by: Uuid,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

/// Accepts an invitation. Signed in (`Authorization: Bearer`), it joins the caller's own
/// account, which must be the invited address's: send only the token. Not signed in, it creates
/// the invited address's account with a name and a password (at least 10 characters, not easy to
/// guess); an address that already has an account signs in first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "token": "inv_0196f5a000007000800000000000000a_nTwLmdw2xA1oGWgOwaFMDxC6bLj1ZTtG02D1H8wneEo",
    "name": "João Pereira", "password": "cafe com leite na varanda"
}))]
pub struct InvitationAcceptIn {
    #[validate(length(min = 1, max = 512))]
    #[schema(min_length = 1, max_length = 512)]
    pub token: String,
    /// The new account's name; not sent when signed in.
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    /// The new account's password; not sent when signed in.
    #[serde(default)]
    #[validate(length(min = 10, max = 128))]
    #[schema(min_length = 10, max_length = 128)]
    pub password: Option<String>,
}

/// Filters of `GET /members` and `GET /invitations`: the page only.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page size, 1 to 200; 50 when absent.
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
