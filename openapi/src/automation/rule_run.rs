//! What rules did and would do: their runs, dry runs, the triggers they start from, the
//! ready rules, and the recent events to try one on.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::rule::{ActionKind, FieldType, Operator};
use crate::mail::EmailKind;

/// How a run of a rule ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum RunOutcome {
    /// The conditions held: its actions ran (see each).
    Matched,
    /// The conditions did not hold: nothing ran.
    NotMatched,
    /// The event came from a chain of rules deeper than 5: nothing ran.
    LoopStopped,
}

/// Where one action of a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Not run yet, or failed and retried with the outbox's backoff.
    Pending,
    Done,
    /// Every retry failed, or it could never succeed.
    Failed,
}

/// How one condition fared: the field's value and whether the comparison held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ConditionOutcome {
    pub field: String,
    pub op: Operator,
    /// The field's value in the event (null when it has none).
    pub actual: Value,
    pub held: bool,
}

/// One action of a run: what it did, or why it failed, in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ActionRunOut {
    pub position: i32,
    #[serde(rename = "type")]
    pub kind: ActionKind,
    pub status: ActionStatus,
    pub attempts: i32,
    pub result: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// One run of a rule on an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000b1",
    "rule_id": "0196f5a0-0000-7000-8000-0000000000a1",
    "event_id": "0196f5a0-0000-7000-8000-0000000000f1",
    "event_type": "order.paid",
    "depth": 0,
    "outcome": "matched",
    "conditions": [{ "field": "order.total", "op": "greater_than", "actual": "740.00", "held": true }],
    "actions": [{
        "position": 0, "type": "tag_order", "status": "done", "attempts": 1,
        "result": "Etiqueta \"revisar\" adicionada ao pedido #1042", "updated_at": "2026-12-07T12:00:01Z"
    }],
    "created_at": "2026-12-07T12:00:01Z"
}))]
pub struct RuleRunOut {
    pub id: Uuid,
    pub rule_id: Uuid,
    pub event_id: Uuid,
    pub event_type: String,
    /// How many rules' actions led to the event (0: a person or an integration did).
    pub depth: i32,
    pub outcome: RunOutcome,
    pub conditions: Vec<ConditionOutcome>,
    pub actions: Vec<ActionRunOut>,
    pub created_at: DateTime<Utc>,
}

/// Filters of a rule's run log, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RuleRunQuery {
    pub outcome: Option<RunOutcome>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// The event to try a rule on: one of the store's last 100 of its trigger (the newest when
/// none is named).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({ "event_id": "0196f5a0-0000-7000-8000-0000000000f1" }))]
pub struct DryRunIn {
    #[serde(default)]
    pub event_id: Option<Uuid>,
}

/// What an action would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ActionPreview {
    pub position: i32,
    #[serde(rename = "type")]
    pub kind: ActionKind,
    /// In the reader's language.
    pub would: String,
}

/// A rule tried on an event, changing nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "event_id": "0196f5a0-0000-7000-8000-0000000000f1",
    "event_type": "order.paid",
    "matched": true,
    "conditions": [{ "field": "order.total", "op": "greater_than", "actual": "740.00", "held": true }],
    "actions": [{ "position": 0, "type": "hold_order", "would": "Reter o pedido #1042: Pedido grande" }]
}))]
pub struct DryRunOut {
    pub event_id: Uuid,
    pub event_type: String,
    pub matched: bool,
    pub conditions: Vec<ConditionOutcome>,
    /// What each action would do; empty when the conditions do not hold.
    pub actions: Vec<ActionPreview>,
}

/// A field a condition may name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TriggerField {
    pub path: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    pub operators: Vec<Operator>,
    /// The values a `choice` field takes.
    pub choices: Vec<String>,
}

/// An event a rule may start from: the fields its conditions may name, the actions it may
/// run and the email templates those may use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "event": "order.paid",
    "fields": [
        { "path": "order.total", "type": "number", "operators": ["equals", "not_equals", "greater_than", "less_than"], "choices": [] },
        { "path": "order.channel_kind", "type": "choice", "operators": ["equals", "not_equals", "in"], "choices": ["web", "marketplace", "physical"] }
    ],
    "actions": ["email_team", "email_customer", "tag_order", "tag_customer", "hold_order", "call_webhook"],
    "team_templates": ["staff_order_paid", "staff_order_held"],
    "customer_templates": ["order_confirmation"]
}))]
pub struct TriggerOut {
    pub event: String,
    pub fields: Vec<TriggerField>,
    pub actions: Vec<ActionKind>,
    pub team_templates: Vec<EmailKind>,
    pub customer_templates: Vec<EmailKind>,
}

/// A ready rule a store switches on in one click.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "key": "first_payment_team",
    "name": "Primeiro pagamento de um cliente novo: avisar a equipe de entrega",
    "description": "Envia à equipe o pedido completo quando o primeiro pedido de um cliente é pago.",
    "trigger": "order.paid",
    "rule_id": null
}))]
pub struct RuleTemplateOut {
    pub key: String,
    /// In the reader's language.
    pub name: String,
    pub description: String,
    pub trigger: String,
    /// The store's rule made from it, if any.
    pub rule_id: Option<Uuid>,
}

/// One of the store's recent events, to try a rule on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000f1",
    "type": "order.paid",
    "depth": 0,
    "created_at": "2026-12-07T12:00:00Z"
}))]
pub struct RecentEventOut {
    pub id: Uuid,
    #[serde(rename = "type")]
    pub kind: String,
    pub depth: i32,
    pub created_at: DateTime<Utc>,
}

/// The store's last 100 events of one kind, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RecentEventQuery {
    /// An event's name, e.g. `order.paid`.
    #[validate(length(min = 1, max = 80))]
    #[param(min_length = 1, max_length = 80)]
    #[serde(rename = "type")]
    pub kind: String,
}
