//! Rules run on the outbox's events: for each switched-on rule the event starts, a run is
//! written with its conditions' outcome and, when they held, one action row per action, each
//! due as its own `rule.action_due` event (`act.rs`), so one failing is retried alone.

use std::sync::LazyLock;

use chrono::Utc;
use openapi::automation::{ActionStatus, RunOutcome};
use openapi::events::{Event, EventKind, RuleActionDue};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::{automation_action_run as action_run, automation_rule_run as run};

use crate::automation::rules::evaluate::evaluate;
use crate::automation::rules::facts::gather;
use crate::automation::rules::fields::triggers;
use crate::automation::rules::store::{Rule, enabled_for};
use crate::automation::rules::templates::ensure_given;
use crate::db::{self, Access, TenantTransaction};
use crate::outbox;
use crate::outbox::worker::{EventHandler, HandlerError, StoredEvent, mark_done};

/// A chain of rules deeper than this is stopped: an event that this many rules' actions led
/// to starts no action.
pub const MAX_DEPTH: i32 = 5;

static TRIGGERS: LazyLock<Vec<EventKind>> = LazyLock::new(|| triggers().collect());

pub struct RuleEvents;

#[async_trait::async_trait]
impl EventHandler for RuleEvents {
    fn name(&self) -> &'static str {
        "automation.rules"
    }

    fn kinds(&self) -> &'static [EventKind] {
        &TRIGGERS
    }

    async fn handle(
        &self,
        db: &DatabaseConnection,
        stored: &StoredEvent,
    ) -> Result<(), HandlerError> {
        ensure_given(db, stored.tenant_id)
            .await
            .map_err(HandlerError::retry)?;
        let name = stored.event.kind().name();
        let txn = db::begin_tenant(db, stored.tenant_id, Access::Read).await?;
        let rules = enabled_for(&txn, name).await.map_err(HandlerError::retry)?;
        txn.commit().await?;
        // Most events start no rule: then nothing is written.
        if rules.is_empty() {
            return Ok(());
        }
        let txn = db::begin_tenant(db, stored.tenant_id, Access::Write).await?;
        let facts = gather(&txn, &stored.event)
            .await
            .map_err(HandlerError::retry)?;
        for row in rules {
            if ran_already(&txn, row.id, stored.id).await? {
                continue;
            }
            let rule = Rule::read(row).map_err(HandlerError::fail)?;
            let (outcomes, held) = evaluate(&rule.conditions, &facts);
            let outcome = match (stored.depth >= MAX_DEPTH, held) {
                (true, _) => RunOutcome::LoopStopped,
                (false, true) => RunOutcome::Matched,
                (false, false) => RunOutcome::NotMatched,
            };
            let run_id = write_run(&txn, &rule, stored, outcome, json!(outcomes)).await?;
            if outcome == RunOutcome::Matched {
                write_actions(&txn, &rule, run_id).await?;
            }
        }
        mark_done(&txn, stored).await?;
        txn.commit().await?;
        Ok(())
    }
}

async fn ran_already(
    txn: &TenantTransaction,
    rule_id: Uuid,
    event_id: Uuid,
) -> Result<bool, HandlerError> {
    let found = txn
        .find::<run::Entity>()
        .filter(run::Column::RuleId.eq(rule_id))
        .filter(run::Column::EventId.eq(event_id))
        .one(txn)
        .await?;
    Ok(found.is_some())
}

async fn write_run(
    txn: &TenantTransaction,
    rule: &Rule,
    stored: &StoredEvent,
    outcome: RunOutcome,
    conditions: serde_json::Value,
) -> Result<Uuid, HandlerError> {
    let row = run::Model {
        tenant_id: stored.tenant_id,
        id: Uuid::now_v7(),
        rule_id: rule.row.id,
        event_id: stored.id,
        event_type: stored.event.kind().name().to_owned(),
        depth: stored.depth,
        outcome,
        conditions,
        created_at: Utc::now(),
    };
    run::Entity::insert(run::ActiveModel::from(row.clone()))
        .exec_without_returning(txn)
        .await?;
    Ok(row.id)
}

/// Each action as the rule says it now, pending, and its `rule.action_due` event.
async fn write_actions(
    txn: &TenantTransaction,
    rule: &Rule,
    run_id: Uuid,
) -> Result<(), HandlerError> {
    let now = Utc::now();
    let mut rows = Vec::new();
    for (position, action) in (0..).zip(&rule.actions) {
        rows.push(action_run::ActiveModel::from(action_run::Model {
            tenant_id: txn.tenant(),
            id: Uuid::now_v7(),
            run_id,
            position,
            kind: action.kind(),
            action: json!(action),
            status: ActionStatus::Pending,
            attempts: 0,
            result: None,
            updated_at: now,
        }));
        let due = Event::RuleActionDue(RuleActionDue { run_id, position });
        outbox::emit(txn, &due).await?;
    }
    action_run::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await?;
    Ok(())
}
