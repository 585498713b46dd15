//! A rule tried on one of the store's recent events of its trigger: how each condition fares
//! and what each action would do, changing nothing.

use openapi::automation::{ActionKind, ConditionOutcome, NotificationTopic, RuleAction};
use openapi::events::Event;
use openapi::orders::OrderStatus;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use entity::outbox_event;

use crate::automation::error::{AutomationError, RuleProblem};
use crate::automation::notifications::recipients;
use crate::automation::rules::evaluate::evaluate;
use crate::automation::rules::facts::{Facts, gather};
use crate::automation::rules::notify;
use crate::automation::rules::store::{Rule, find};
use crate::automation::service::endpoint;
use crate::db::TenantTransaction;
use crate::i18n::{Key, Message};
use crate::mail::compose::team_addresses;

/// How many of the store's latest events of a kind a rule may be tried on.
pub const RECENT: u64 = 100;

pub struct DryRun {
    pub event_id: Uuid,
    pub event_type: String,
    pub matched: bool,
    pub conditions: Vec<ConditionOutcome>,
    pub actions: Vec<(i32, ActionKind, Message)>,
}

/// The store's latest events named `kind`, newest first.
pub async fn recent_events(
    txn: &TenantTransaction,
    kind: &str,
) -> Result<Vec<outbox_event::Model>, AutomationError> {
    Ok(txn
        .find::<outbox_event::Entity>()
        .filter(outbox_event::Column::EventType.eq(kind))
        .order_by_desc(outbox_event::Column::Id)
        .limit(RECENT)
        .all(txn)
        .await?)
}

pub async fn dry_run(
    txn: &TenantTransaction,
    rule_id: Uuid,
    event_id: Option<Uuid>,
) -> Result<DryRun, AutomationError> {
    let rule = find(txn, rule_id).await?;
    let trigger = rule.row.trigger.clone();
    let recent = recent_events(txn, &trigger).await?;
    let chosen =
        match event_id {
            Some(id) => recent.into_iter().find(|e| e.id == id).ok_or_else(|| {
                AutomationError::RuleInvalid {
                    field: "event_id".into(),
                    problem: RuleProblem::DryRunEvent {
                        trigger: trigger.clone(),
                    },
                }
            })?,
            None => recent
                .into_iter()
                .next()
                .ok_or(AutomationError::NoRecentEvent { trigger })?,
        };
    let event = Event::decode(&chosen.event_type, chosen.payload)?;
    let facts = gather(txn, &event).await?;
    let (conditions, matched) = evaluate(&rule.conditions, &facts);
    let mut actions = Vec::new();
    if matched {
        for (position, action) in (0..).zip(&rule.actions) {
            let what = would(txn, &rule, action, &facts, &chosen.event_type).await?;
            actions.push((position, action.kind(), what));
        }
    }
    Ok(DryRun {
        event_id: chosen.id,
        event_type: chosen.event_type,
        matched,
        conditions,
        actions,
    })
}

async fn would(
    txn: &TenantTransaction,
    rule: &Rule,
    action: &RuleAction,
    facts: &Facts,
    event_type: &str,
) -> Result<Message, AutomationError> {
    let order = facts.order_reference();
    Ok(match action {
        RuleAction::EmailTeam { template } => Message::new(Key::RuleWouldEmailTeam)
            .with("to", team_addresses(txn).await?.join(", "))
            .with("template", template.as_str()),
        RuleAction::EmailCustomer { template } => {
            match facts.customer.as_ref().and_then(|c| c.email.clone()) {
                Some(to) => Message::new(Key::RuleWouldEmailCustomer)
                    .with("to", to)
                    .with("template", template.as_str()),
                None => Message::new(Key::RuleWouldNoEmail),
            }
        }
        RuleAction::TagOrder { tag } => Message::new(Key::RuleWouldTagOrder)
            .with("tag", tag.as_str())
            .with("order", order),
        RuleAction::TagCustomer { tag } => Message::new(Key::RuleWouldTagCustomer)
            .with("tag", tag.as_str())
            .with(
                "customer",
                facts
                    .customer
                    .as_ref()
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
            ),
        RuleAction::HoldOrder { reason } => {
            let status = facts.order.as_ref().map(|o| o.status);
            match status {
                Some(OrderStatus::PendingPayment | OrderStatus::Paid) => {
                    Message::new(Key::RuleWouldHold)
                        .with("order", order)
                        .with("reason", reason.as_str())
                }
                Some(status) => Message::new(Key::RuleWouldNotHold)
                    .with("order", order)
                    .with("status", Key::status(status)),
                None => Message::new(Key::RuleWouldNotHold)
                    .with("order", order)
                    .with("status", "—"),
            }
        }
        RuleAction::CallWebhook { endpoint_id } => {
            let endpoint = endpoint::find(txn, *endpoint_id).await?;
            Message::new(Key::RuleWouldCallWebhook).with("url", endpoint.url)
        }
        RuleAction::NotifyMembers { roles, note } => {
            let topic = NotificationTopic::of_event(event_type);
            let count = recipients(txn, roles, topic).await?.len() as i64;
            let text = notify::message(rule, event_type, facts, note.as_deref());
            Message::new(Key::RuleWouldNotify)
                .with("count", count)
                .with("text", text)
        }
    })
}
