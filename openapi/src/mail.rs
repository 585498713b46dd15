//! Emails: what the store sent (the log), and the templates they are written from.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::tenancy::Locale;

/// The emails the product writes, each from a template per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum EmailKind {
    /// To the customer when an order is paid.
    OrderConfirmation,
    /// To the team when an order is paid: everything needed to pick and ship it.
    StaffOrderPaid,
    /// To the team when verification holds an order, with the reasons.
    StaffOrderHeld,
    /// To someone invited to join the store.
    MemberInvitation,
    /// To the customer when the last package of an order is with its carrier: tracking codes
    /// and links, the promised date.
    OrderShipped,
    /// To the customer, once, when an order is late: the new estimate.
    OrderDelayed,
    /// To the team when a fulfilment becomes late, to ship or in transit.
    StaffShipmentLate,
    /// To the customer when an order is delivered, with the link to request a return.
    OrderDelivered,
    /// To the customer when a return is approved: the authorization code and instructions.
    ReturnApproved,
    /// To the customer when a return is declined, with the reason.
    ReturnDeclined,
    /// To the customer before an instalment falls due.
    DunningReminder,
    /// To the customer when an instalment is overdue.
    DunningNotice,
    /// To the customer when an instalment is overdue, naming the day they will be blocked.
    DunningWarning,
    /// To the customer's account owner (or the store's finance addresses) when they are
    /// blocked, and why.
    StaffCustomerBlocked,
    /// To the same people when the block is lifted.
    StaffCustomerUnblocked,
    /// To the store's owners and admins when a webhook endpoint is switched off for failing.
    StaffWebhookDisabled,
    /// To a member, of a notification a rule gave them, when they get its topic by email.
    StaffNotification,
    /// To the customer: an agent's answer on their ticket, threaded under their message.
    SupportReply,
}

impl EmailKind {
    pub const ALL: [EmailKind; 18] = [
        EmailKind::OrderConfirmation,
        EmailKind::StaffOrderPaid,
        EmailKind::StaffOrderHeld,
        EmailKind::MemberInvitation,
        EmailKind::OrderShipped,
        EmailKind::OrderDelayed,
        EmailKind::StaffShipmentLate,
        EmailKind::OrderDelivered,
        EmailKind::ReturnApproved,
        EmailKind::ReturnDeclined,
        EmailKind::DunningReminder,
        EmailKind::DunningNotice,
        EmailKind::DunningWarning,
        EmailKind::StaffCustomerBlocked,
        EmailKind::StaffCustomerUnblocked,
        EmailKind::StaffWebhookDisabled,
        EmailKind::StaffNotification,
        EmailKind::SupportReply,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EmailKind::OrderConfirmation => "order_confirmation",
            EmailKind::StaffOrderPaid => "staff_order_paid",
            EmailKind::StaffOrderHeld => "staff_order_held",
            EmailKind::MemberInvitation => "member_invitation",
            EmailKind::OrderShipped => "order_shipped",
            EmailKind::OrderDelayed => "order_delayed",
            EmailKind::StaffShipmentLate => "staff_shipment_late",
            EmailKind::OrderDelivered => "order_delivered",
            EmailKind::ReturnApproved => "return_approved",
            EmailKind::ReturnDeclined => "return_declined",
            EmailKind::DunningReminder => "dunning_reminder",
            EmailKind::DunningNotice => "dunning_notice",
            EmailKind::DunningWarning => "dunning_warning",
            EmailKind::StaffCustomerBlocked => "staff_customer_blocked",
            EmailKind::StaffCustomerUnblocked => "staff_customer_unblocked",
            EmailKind::StaffWebhookDisabled => "staff_webhook_disabled",
            EmailKind::StaffNotification => "staff_notification",
            EmailKind::SupportReply => "support_reply",
        }
    }

    pub fn parse(text: &str) -> Option<EmailKind> {
        EmailKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// Whether a store may write its own template of this kind: not for an email that carries
    /// a one-time link (a store's template could send the link elsewhere, say as an image's
    /// address), nor for a support answer, whose reply address carries the ticket's token:
    /// these always use the built-in wording.
    pub fn editable(self) -> bool {
        !matches!(self, EmailKind::MemberInvitation | EmailKind::SupportReply)
    }
}

/// Where an email stands: waiting (or retrying), handed to the mail server, or given up on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EmailStatus {
    Queued,
    Sent,
    Failed,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-00000000000f",
    "kind": "order_confirmation",
    "locale": "pt-BR",
    "to": "ana@example.com.br",
    "reply_to": "contato@lojaexemplo.com.br",
    "subject": "Pedido #1001 confirmado — Loja Exemplo",
    "text": "Olá, Ana Souza!\n\nRecebemos o pagamento do seu pedido #1001. Obrigado por comprar na Loja Exemplo.\n\n2 × Camiseta Básica (branca, P) (CAM-P) — R$ 119,80\n\nTotal: R$ 139,70\n",
    "status": "sent",
    "attempts": 1,
    "message_id": "<0196f5a0-0000-7000-8000-00000000000f@lojaexemplo.com.br>",
    "reference_type": "order",
    "reference_id": "0196f5a0-0000-7000-8000-000000000009",
    "created_at": "2026-11-20T14:07:53Z",
    "sent_at": "2026-11-20T14:07:58Z"
}))]
pub struct EmailOut {
    pub id: Uuid,
    pub kind: EmailKind,
    pub locale: Locale,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    pub status: EmailStatus,
    pub attempts: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// The `Message-ID` header; a retry after a crash repeats it, so receivers can drop it.
    pub message_id: String,
    /// What it is about, e.g. `order`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<DateTime<Utc>>,
}

/// Filters of `GET /emails`, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EmailQuery {
    pub status: Option<EmailStatus>,
    pub kind: Option<EmailKind>,
    pub reference_id: Option<Uuid>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// A template (minijinja syntax) of one email in one language.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TemplateIn {
    #[validate(length(min = 1, max = 300))]
    #[schema(
        min_length = 1,
        max_length = 300,
        example = "Pedido {{ order.reference }} confirmado"
    )]
    pub subject: String,
    #[validate(length(min = 1, max = 50_000))]
    #[schema(min_length = 1, max_length = 50_000)]
    pub text: String,
    #[validate(length(min = 1, max = 200_000))]
    #[schema(min_length = 1, max_length = 200_000)]
    pub html: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "kind": "order_confirmation",
    "locale": "pt-BR",
    "subject": "Pedido {{ order.reference }} confirmado — {{ store.name }}",
    "text": "Olá, {{ customer.name }}!\n\nRecebemos o pagamento do seu pedido {{ order.reference }}.\n\nTotal: {{ order.total }}\n",
    "html": "<p>Olá, {{ customer.name }}!</p>\n<p>Recebemos o pagamento do seu pedido <strong>{{ order.reference }}</strong>.</p>\n<p>Total: {{ order.total }}</p>\n",
    "customized": false,
    "sample_data": {
        "store": {"name": "Loja Exemplo", "reply_to": "contato@lojaexemplo.com.br"},
        "customer": {"name": "Ana Souza", "email": "ana@example.com.br", "first_order": true},
        "order": {
            "reference": "#1001",
            "number": 1001,
            "total": "R$ 139,70",
            "lines": [
                {
                    "sku": "CAM-P",
                    "name": "Camiseta Básica (branca, P)",
                    "quantity": 2,
                    "total": "R$ 119,80"
                }
            ]
        }
    }
}))]
pub struct TemplateOut {
    pub kind: EmailKind,
    pub locale: Locale,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Whether the store changed it; otherwise it is the built-in one.
    pub customized: bool,
    /// The variables the template can use, with sample values.
    #[schema(value_type = Object)]
    pub sample_data: serde_json::Value,
}

/// An email rendered from a template with sample data.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "subject": "Pedido #1001 confirmado — Loja Exemplo",
    "text": "Olá, Ana Souza!\n\nRecebemos o pagamento do seu pedido #1001.\n\nTotal: R$ 139,70\n",
    "html": "<p>Olá, Ana Souza!</p>\n<p>Recebemos o pagamento do seu pedido <strong>#1001</strong>.</p>\n<p>Total: R$ 139,70</p>\n"
}))]
pub struct PreviewOut {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What to preview: the template given, else the store's current one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PreviewIn {
    #[serde(default)]
    #[validate(nested)]
    pub template: Option<TemplateIn>,
}
