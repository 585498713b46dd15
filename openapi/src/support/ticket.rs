//! Tickets and their messages.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::checks;
use crate::orders::customer::{optional_tags_schema, tags_schema, valid_tags};
use crate::tenancy::Locale;

/// How a ticket came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum TicketChannel {
    Email,
    /// The store's contact form.
    Web,
    /// Entered by an agent from a call.
    Phone,
    /// A marketplace's message, entered by an agent.
    Marketplace,
}

/// Where a ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// Nobody has answered yet.
    New,
    Open,
    WaitingOnCustomer,
    WaitingOnThirdParty,
    Solved,
    /// Done for good: a customer's new message opens a new ticket.
    Closed,
}

impl TicketStatus {
    pub const ALL: [TicketStatus; 6] = [
        TicketStatus::New,
        TicketStatus::Open,
        TicketStatus::WaitingOnCustomer,
        TicketStatus::WaitingOnThirdParty,
        TicketStatus::Solved,
        TicketStatus::Closed,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum TicketPriority {
    Low,
    Normal,
    High,
    Urgent,
}

/// A message on a ticket's thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum TicketMessageKind {
    /// From the customer.
    Inbound,
    /// The store's answer, emailed to the customer.
    Reply,
    /// For the team only.
    Note,
}

/// What an agent adds to a thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    /// Emailed to the customer, threaded under their last message.
    Reply,
    /// Seen by the team only.
    Note,
}

/// A file kept elsewhere, linked from a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AttachmentIn {
    #[validate(length(min = 1, max = 255))]
    #[schema(min_length = 1, max_length = 255, example = "nota.pdf")]
    pub name: String,
    /// An `http(s)` address.
    #[validate(length(max = 2000), custom(function = "checks::web_address"))]
    #[schema(
        max_length = 2000,
        pattern = r"^https?://\S+$",
        example = "https://files.example.com.br/nota.pdf"
    )]
    pub url: String,
}

/// An attachment of a message: a link, or (of an email that came in) what it held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AttachmentOut {
    pub name: String,
    pub content_type: Option<String>,
    pub size: Option<u64>,
    pub url: Option<String>,
}

/// A ticket an agent opens (from a call, a marketplace message, …). Email opens its own.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "subject": "Troca de tamanho",
    "customer_id": "0196f5a0-0000-7000-8000-0000000000c1",
    "channel": "phone",
    "priority": "normal",
    "body": "A cliente ligou pedindo para trocar a camiseta P por M.",
    "tags": ["troca"]
}))]
pub struct TicketIn {
    #[validate(length(min = 1, max = 200), custom(function = "checks::not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub subject: String,
    pub customer_id: Uuid,
    pub channel: TicketChannel,
    #[serde(default)]
    pub priority: Option<TicketPriority>,
    /// What the customer asked, as the first message.
    #[validate(length(min = 1, max = 20000), custom(function = "checks::not_blank"))]
    #[schema(min_length = 1, max_length = 20000, pattern = r"\S")]
    pub body: String,
    /// One of the customer's orders.
    #[serde(default)]
    pub order_id: Option<Uuid>,
    #[serde(default)]
    #[validate(custom(function = "valid_tags"))]
    #[schema(schema_with = tags_schema)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub assignee_id: Option<Uuid>,
    #[serde(default)]
    #[validate(length(min = 1, max = 60))]
    #[schema(min_length = 1, max_length = 60)]
    pub team: Option<String>,
}

/// What changes on a ticket: only the fields given.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({ "status": "open", "priority": "high", "tags": ["troca"] }))]
pub struct TicketPatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 200), custom(function = "checks::not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub subject: Option<String>,
    #[serde(default)]
    pub status: Option<TicketStatus>,
    #[serde(default)]
    pub priority: Option<TicketPriority>,
    #[serde(default)]
    #[validate(custom(function = "valid_tags"))]
    #[schema(schema_with = optional_tags_schema)]
    pub tags: Option<Vec<String>>,
    /// A member of the store.
    #[serde(default)]
    pub assignee_id: Option<Uuid>,
    /// Leaves the ticket to nobody (with no `assignee_id`).
    #[serde(default)]
    pub unassign: Option<bool>,
    #[serde(default)]
    #[validate(length(min = 1, max = 60))]
    #[schema(min_length = 1, max_length = 60)]
    pub team: Option<String>,
    /// One of the customer's orders.
    #[serde(default)]
    pub order_id: Option<Uuid>,
}

/// A ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000d1",
    "number": 12,
    "subject": "Pedido 1042 não chegou",
    "customer_id": "0196f5a0-0000-7000-8000-0000000000c1",
    "customer_name": "Ana Souza",
    "customer_email": "ana@example.com.br",
    "order_id": "0196f5a0-0000-7000-8000-0000000000a1",
    "order_number": 1042,
    "return_id": null,
    "invoice_id": null,
    "channel": "email",
    "status": "open",
    "priority": "normal",
    "tags": [],
    "assignee_id": null,
    "team": null,
    "locale": "pt-BR",
    "messages_count": 2,
    "version": 2,
    "created_at": "2026-12-08T09:00:00Z",
    "updated_at": "2026-12-08T09:30:00Z",
    "last_message_at": "2026-12-08T09:30:00Z",
    "first_response_at": "2026-12-08T09:30:00Z",
    "solved_at": null
}))]
pub struct TicketOut {
    pub id: Uuid,
    pub number: i64,
    pub subject: String,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub customer_email: Option<String>,
    pub order_id: Option<Uuid>,
    pub order_number: Option<i64>,
    pub return_id: Option<Uuid>,
    pub invoice_id: Option<Uuid>,
    pub channel: TicketChannel,
    pub status: TicketStatus,
    pub priority: TicketPriority,
    pub tags: Vec<String>,
    pub assignee_id: Option<Uuid>,
    pub team: Option<String>,
    /// The customer's language: answers are emailed in it.
    pub locale: Locale,
    pub messages_count: i32,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub last_message_at: DateTime<Utc>,
    /// When the store first answered.
    pub first_response_at: Option<DateTime<Utc>>,
    pub solved_at: Option<DateTime<Utc>>,
}

/// Filters of the ticket list (newest first).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TicketQuery {
    pub status: Option<TicketStatus>,
    pub priority: Option<TicketPriority>,
    pub assignee_id: Option<Uuid>,
    /// Only tickets nobody has.
    pub unassigned: Option<bool>,
    #[validate(length(min = 1, max = 60))]
    #[param(min_length = 1, max_length = 60)]
    pub team: Option<String>,
    #[validate(length(min = 1, max = 40))]
    #[param(min_length = 1, max_length = 40)]
    pub tag: Option<String>,
    pub customer_id: Option<Uuid>,
    /// Words of the subject or of any message; ignores case and accents.
    #[validate(length(min = 1, max = 100))]
    #[param(min_length = 1, max_length = 100)]
    pub q: Option<String>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// An agent's answer or note.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "kind": "reply",
    "body": "Olá, Ana! Seu pedido saiu ontem; o código de rastreio é AA123456789BR.",
    "status": "waiting_on_customer"
}))]
pub struct TicketMessageIn {
    pub kind: AnswerKind,
    #[validate(length(min = 1, max = 20000), custom(function = "checks::not_blank"))]
    #[schema(min_length = 1, max_length = 20000, pattern = r"\S")]
    pub body: String,
    #[serde(default)]
    #[validate(length(max = 10), nested)]
    #[schema(max_items = 10)]
    pub attachments: Vec<AttachmentIn>,
    /// Where the ticket stands after it (a reply alone makes a new ticket open).
    #[serde(default)]
    pub status: Option<TicketStatus>,
}

/// A message on a ticket's thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000d2",
    "ticket_id": "0196f5a0-0000-7000-8000-0000000000d1",
    "kind": "inbound",
    "author_id": null,
    "from": "ana@example.com.br",
    "body": "Meu pedido 1042 ainda não chegou.",
    "attachments": [{ "name": "foto.jpg", "content_type": "image/jpeg", "size": 48213, "url": null }],
    "email_id": null,
    "created_at": "2026-12-08T09:00:00Z"
}))]
pub struct TicketMessageOut {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub kind: TicketMessageKind,
    pub author_id: Option<Uuid>,
    pub from: Option<String>,
    pub body: String,
    pub attachments: Vec<AttachmentOut>,
    /// The email a reply went out as (in the email log).
    pub email_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// A thread, oldest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TicketMessageQuery {
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// What became of an email that came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InboundOutcome {
    /// A new ticket.
    Created,
    /// A message on the ticket it answers.
    Added,
    /// The same `Message-ID` came before: nothing was made.
    Duplicate,
    /// An auto-reply, a bounce or a list's mail: nothing was made.
    Ignored,
}

/// The answer to an email that came in (always 200: the sending service retries otherwise).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "outcome": "created",
    "ticket_id": "0196f5a0-0000-7000-8000-0000000000d1",
    "message_id": "0196f5a0-0000-7000-8000-0000000000d2"
}))]
pub struct InboundOut {
    pub outcome: InboundOutcome,
    pub ticket_id: Option<Uuid>,
    pub message_id: Option<Uuid>,
}

/// The store's support desk settings.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({ "address": "atendimento@lojaexemplo.com.br" }))]
pub struct SupportSettingsIn {
    /// The address customers write to: answers go out from it, and customers' replies come
    /// back to its `+<ticket>` form.
    #[serde(default)]
    #[validate(email, length(max = 254))]
    #[schema(format = Email, max_length = 254)]
    pub address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({ "address": "atendimento@lojaexemplo.com.br", "version": 1 }))]
pub struct SupportSettingsOut {
    pub address: Option<String>,
    pub version: i32,
}
