//! Canned replies: a store's ready answers per language, and one previewed for a ticket.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::checks;
use crate::tenancy::Locale;

/// A ready answer: a template over `customer` (`name`, `email`), `ticket` (`number`,
/// `subject`), `order` (`number`, when the ticket has one), `agent` and `store` (`name`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Prazo de entrega",
    "locale": "pt-BR",
    "body": "Olá, {{ customer.name }}! Seu pedido {% if order %}#{{ order.number }} {% endif %}sai em até 2 dias úteis.\n{{ agent }}, {{ store.name }}"
}))]
pub struct CannedReplyIn {
    #[validate(length(min = 1, max = 100), custom(function = "checks::not_blank"))]
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub name: String,
    pub locale: Locale,
    #[validate(length(min = 1, max = 10000), custom(function = "checks::not_blank"))]
    #[schema(min_length = 1, max_length = 10000, pattern = r"\S")]
    pub body: String,
}

/// What changes on a canned reply: only the fields given.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({ "body": "Olá, {{ customer.name }}! Já verificamos seu pedido." }))]
pub struct CannedReplyPatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 100), custom(function = "checks::not_blank"))]
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub name: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 10000), custom(function = "checks::not_blank"))]
    #[schema(min_length = 1, max_length = 10000, pattern = r"\S")]
    pub body: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000f1",
    "name": "Prazo de entrega",
    "locale": "pt-BR",
    "body": "Olá, {{ customer.name }}! Seu pedido sai em até 2 dias úteis.",
    "version": 1,
    "created_at": "2026-12-08T09:00:00Z",
    "updated_at": "2026-12-08T09:00:00Z"
}))]
pub struct CannedReplyOut {
    pub id: Uuid,
    pub name: String,
    pub locale: Locale,
    pub body: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The store's canned replies, by name.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CannedReplyQuery {
    /// Only those in this language (a ticket's).
    pub locale: Option<Locale>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// A canned reply to fill in for a ticket.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({ "canned_reply_id": "0196f5a0-0000-7000-8000-0000000000f1" }))]
pub struct ReplyPreviewIn {
    pub canned_reply_id: Uuid,
}

/// The canned reply filled in for the ticket: the answer's text, to edit and send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({ "body": "Olá, Ana Souza! Seu pedido #1042 sai em até 2 dias úteis.\nBruno, Loja Exemplo" }))]
pub struct ReplyPreviewOut {
    pub body: String,
}
