//! Rules: when an event happens (its trigger), if its conditions hold, run its actions in
//! order. Conditions name fields of the event (`payload.…`) and of what it is about (`order.…`,
//! `customer.…`), as `GET /automation/triggers` lists them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::{ArrayBuilder, RefOr};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError, ValidationErrors};

use crate::mail::EmailKind;
use crate::tenancy::Role;

/// Whether every condition must hold, or one is enough.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    #[default]
    All,
    Any,
}

/// How a condition compares a field with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    Equals,
    NotEquals,
    /// The field's value is one of a list.
    In,
    GreaterThan,
    LessThan,
    /// Text containing the value (any case), or a list holding it.
    Contains,
    /// A list of tags holding the tag (any case).
    HasTag,
    /// The order is its customer's first (no value).
    IsFirstOrder,
}

/// What a field holds, which decides its operators and values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Text,
    /// A number; money compares as a decimal in the order's currency.
    Number,
    Boolean,
    /// A list of tags.
    Tags,
    /// One of `choices`.
    Choice,
}

/// Text of at most 200 characters, a number, a yes/no, or a list of at most 50 texts (null:
/// none).
fn value_schema() -> Schema {
    let text = || {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .max_length(Some(200))
    };
    let list = ArrayBuilder::new().items(text()).max_items(Some(50));
    Schema::OneOf(
        OneOfBuilder::new()
            .item(text())
            .item(ObjectBuilder::new().schema_type(Type::Number))
            .item(ObjectBuilder::new().schema_type(Type::Boolean))
            .item(list)
            .item(ObjectBuilder::new().schema_type(Type::Null))
            .build(),
    )
}

fn condition_value(value: &Value) -> Result<(), ValidationError> {
    let text = |v: &Value| v.as_str().is_some_and(|s| s.chars().count() <= 200);
    let fits = match value {
        Value::String(_) => text(value),
        Value::Number(_) | Value::Bool(_) => true,
        Value::Array(items) => items.len() <= 50 && items.iter().all(text),
        Value::Null | Value::Object(_) => false,
    };
    if fits {
        Ok(())
    } else {
        Err(ValidationError::new("condition_value"))
    }
}

/// One comparison: `field` (`order.total`, `payload.from`, …) `op` `value`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    #[validate(length(min = 1, max = 80))]
    #[schema(min_length = 1, max_length = 80)]
    pub field: String,
    pub op: Operator,
    /// What the field is compared with; none for `is_first_order`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "condition_value"))]
    #[schema(schema_with = value_schema)]
    pub value: Option<Value>,
}

/// Conditions joined by `match`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ConditionSet {
    #[serde(default, rename = "match")]
    pub match_: Match,
    #[serde(default)]
    #[validate(length(max = 20), nested)]
    #[schema(max_items = 20)]
    pub conditions: Vec<Condition>,
}

/// A rule's conditions: its own, joined by `match`, and groups of their own, each one more
/// term of that `match` (`all` of: a, b, (`any` of c, d)). None at all always holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    #[serde(default, rename = "match")]
    pub match_: Match,
    #[serde(default)]
    #[validate(length(max = 20), nested)]
    #[schema(max_items = 20)]
    pub conditions: Vec<Condition>,
    #[serde(default)]
    #[validate(length(max = 5), nested)]
    #[schema(max_items = 5)]
    pub groups: Vec<ConditionSet>,
}

/// What a rule does, in order. Actions on an order or a customer need a trigger about one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum RuleAction {
    /// Emails the store's team (its staff addresses, else its owners) with a staff template.
    EmailTeam { template: EmailKind },
    /// Emails the order's customer, in their language, with a customer template.
    EmailCustomer { template: EmailKind },
    /// Adds a tag to the order.
    TagOrder {
        #[schema(min_length = 1, max_length = 50)]
        tag: String,
    },
    /// Adds a tag to the customer.
    TagCustomer {
        #[schema(min_length = 1, max_length = 50)]
        tag: String,
    },
    /// Holds the order for review with a reason (one awaiting payment, or paid and not yet
    /// in fulfilment); releasing it puts it back.
    HoldOrder {
        #[schema(min_length = 1, max_length = 500)]
        reason: String,
    },
    /// Sends the event to one of the store's webhook endpoints, whatever it subscribes to.
    CallWebhook { endpoint_id: Uuid },
    /// Notifies members in the app (and by email, those who get the event's topic so): the
    /// members of `roles`, or every member when none is named.
    NotifyMembers {
        #[serde(default)]
        #[schema(max_items = 5)]
        roles: Vec<Role>,
        /// A few words added to the notification.
        #[serde(default)]
        #[schema(min_length = 1, max_length = 200)]
        note: Option<String>,
    },
}

/// The derive takes no enum: the lengths the schema states, checked by hand.
impl Validate for RuleAction {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let (field, text, max) = match self {
            RuleAction::TagOrder { tag } | RuleAction::TagCustomer { tag } => ("tag", tag, 50),
            RuleAction::HoldOrder { reason } => ("reason", reason, 500),
            RuleAction::NotifyMembers { roles, .. } if roles.len() > 5 => {
                let mut error = ValidationError::new("length");
                error.add_param("max".into(), &5);
                let mut errors = ValidationErrors::new();
                errors.add("roles", error);
                return Err(errors);
            }
            RuleAction::NotifyMembers {
                note: Some(note), ..
            } => ("note", note, 200),
            _ => return Ok(()),
        };
        let length = text.chars().count();
        if (1..=max).contains(&length) {
            return Ok(());
        }
        let mut error = ValidationError::new("length");
        error.add_param("min".into(), &1);
        error.add_param("max".into(), &max);
        let mut errors = ValidationErrors::new();
        errors.add(field, error);
        Err(errors)
    }
}

/// What kind of action it is (the `type` of `RuleAction`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    EmailTeam,
    EmailCustomer,
    TagOrder,
    TagCustomer,
    HoldOrder,
    CallWebhook,
    NotifyMembers,
}

impl ActionKind {
    pub const ALL: [ActionKind; 7] = [
        ActionKind::EmailTeam,
        ActionKind::EmailCustomer,
        ActionKind::TagOrder,
        ActionKind::TagCustomer,
        ActionKind::HoldOrder,
        ActionKind::CallWebhook,
        ActionKind::NotifyMembers,
    ];
}

impl RuleAction {
    pub fn kind(&self) -> ActionKind {
        match self {
            RuleAction::EmailTeam { .. } => ActionKind::EmailTeam,
            RuleAction::EmailCustomer { .. } => ActionKind::EmailCustomer,
            RuleAction::TagOrder { .. } => ActionKind::TagOrder,
            RuleAction::TagCustomer { .. } => ActionKind::TagCustomer,
            RuleAction::HoldOrder { .. } => ActionKind::HoldOrder,
            RuleAction::CallWebhook { .. } => ActionKind::CallWebhook,
            RuleAction::NotifyMembers { .. } => ActionKind::NotifyMembers,
        }
    }
}

fn actions_schema() -> ArrayBuilder {
    ArrayBuilder::new()
        .items(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
            "RuleAction",
        )))
        .min_items(Some(1))
        .max_items(Some(10))
}

fn optional_actions_schema() -> ArrayBuilder {
    actions_schema().schema_type(utoipa::openapi::schema::SchemaType::from_iter([
        Type::Array,
        Type::Null,
    ]))
}

/// A rule to add.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Pedidos grandes do marketplace",
    "trigger": "order.paid",
    "conditions": {
        "match": "all",
        "conditions": [
            { "field": "order.total", "op": "greater_than", "value": "500.00" },
            { "field": "order.channel_kind", "op": "equals", "value": "marketplace" }
        ]
    },
    "actions": [
        { "type": "email_team", "template": "staff_order_paid" },
        { "type": "tag_order", "tag": "revisar" },
        { "type": "hold_order", "reason": "Pedido grande do marketplace: conferir antes de separar" }
    ]
}))]
pub struct RuleIn {
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120)]
    pub name: String,
    /// The event's name (`GET /automation/triggers`).
    #[validate(length(min = 1, max = 80))]
    #[schema(min_length = 1, max_length = 80)]
    pub trigger: String,
    #[serde(default)]
    #[validate(nested)]
    pub conditions: Conditions,
    #[validate(length(min = 1, max = 10), nested)]
    #[schema(schema_with = actions_schema)]
    pub actions: Vec<RuleAction>,
    /// On unless `false`.
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// Changes to a rule; what is left out stays. Checked whole against its trigger.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({ "enabled": false }))]
pub struct RulePatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120)]
    pub name: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 80))]
    #[schema(min_length = 1, max_length = 80)]
    pub trigger: Option<String>,
    #[serde(default)]
    #[validate(nested)]
    pub conditions: Option<Conditions>,
    #[serde(default)]
    #[validate(length(min = 1, max = 10), nested)]
    #[schema(schema_with = optional_actions_schema)]
    pub actions: Option<Vec<RuleAction>>,
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// A rule of the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000a1",
    "name": "Pedido pago: avisar a equipe",
    "trigger": "order.paid",
    "conditions": { "match": "all", "conditions": [], "groups": [] },
    "actions": [{ "type": "email_team", "template": "staff_order_paid" }],
    "enabled": true,
    "template": "order_paid_team",
    "version": 1,
    "created_at": "2026-12-07T12:00:00Z",
    "updated_at": "2026-12-07T12:00:00Z"
}))]
pub struct RuleOut {
    pub id: Uuid,
    /// In the reader's language when the rule came from a template and was not renamed.
    pub name: String,
    pub trigger: String,
    pub conditions: Conditions,
    pub actions: Vec<RuleAction>,
    pub enabled: bool,
    /// The template it was made from, if any.
    pub template: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Pages of the store's rules, oldest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RuleQuery {
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}
