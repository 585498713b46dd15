//! A rule's action, run when its `rule.action_due` event comes: what it changes is written in
//! a transaction whose events carry the run as their cause (one level deeper, for the loop
//! guard), with the action's result. A failure that another attempt may mend is retried with
//! the outbox's backoff; one that cannot (an order no longer holdable) fails the action now.

use chrono::{SubsecRound, Utc};
use openapi::automation::{ActionStatus, RuleAction};
use openapi::events::{Event, EventKind, WebhookMessage};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::json;

use entity::{
    automation_action_run as action_run, automation_rule_run as run, outbox_event,
    webhook_delivery as delivery,
};

use crate::access::Principal;
use crate::automation::error::AutomationError;
use crate::automation::notifications::write as write_notices;
use crate::automation::rules::facts::{Facts, gather};
use crate::automation::rules::notify::{self, Asked, Notifying};
use crate::automation::rules::store;
use crate::automation::service::endpoint;
use crate::automation::service::log::Due;
use crate::db::{self, Access, Cause, TenantTransaction};
use crate::error::{DomainError, ErrorKind};
use crate::i18n::{Key, Message};
use crate::mail::compose::ComposeError;
use crate::mail::order_emails::{order_email_to_customer, order_email_to_team};
use crate::mail::service::{Outgoing, render_all, write_all};
use crate::orders::service::order::hold_for_rule;
use crate::orders::service::tags::{tag_customer, tag_order};
use crate::outbox::worker::{EventHandler, HandlerError, StoredEvent, mark_done};

pub struct ActionEvents {
    pub public_url: String,
    pub max_attempts: i32,
}

/// The action to run and what it runs on.
struct DueAction<'a> {
    row: action_run::Model,
    run: run::Model,
    action: RuleAction,
    event: Event,
    stored: &'a StoredEvent,
}

#[async_trait::async_trait]
impl EventHandler for ActionEvents {
    fn name(&self) -> &'static str {
        "automation.actions"
    }

    fn kinds(&self) -> &'static [EventKind] {
        &[EventKind::RuleActionDue]
    }

    async fn handle(
        &self,
        db: &DatabaseConnection,
        stored: &StoredEvent,
    ) -> Result<(), HandlerError> {
        let Event::RuleActionDue(due) = &stored.event else {
            return Ok(());
        };
        let txn = db::begin_tenant(db, stored.tenant_id, Access::Read).await?;
        let found = find_due(&txn, due.run_id, due.position, stored).await;
        txn.commit().await?;
        let Some(due) = found.map_err(HandlerError::retry)? else {
            // Done already, or its rule removed since.
            return Ok(());
        };
        let last = stored.attempts >= self.max_attempts;
        match self.perform(db, &due).await {
            Ok(()) => Ok(()),
            Err(error) => {
                let permanent =
                    !matches!(error.kind(), ErrorKind::Internal | ErrorKind::Unavailable);
                let status = if permanent || last {
                    ActionStatus::Failed
                } else {
                    ActionStatus::Pending
                };
                let failed = Message::new(Key::RuleResultFailed).with("error", error.to_string());
                let txn = db::begin_tenant(db, stored.tenant_id, Access::Write).await?;
                record(&txn, &due.row, status, failed).await?;
                if status == ActionStatus::Failed {
                    mark_done(&txn, stored).await?;
                }
                txn.commit().await?;
                match status {
                    ActionStatus::Failed => Ok(()),
                    _ => Err(HandlerError::retry(error)),
                }
            }
        }
    }
}

async fn find_due<'a>(
    txn: &TenantTransaction,
    run_id: uuid::Uuid,
    position: i32,
    stored: &'a StoredEvent,
) -> Result<Option<DueAction<'a>>, AutomationError> {
    let row = txn
        .find::<action_run::Entity>()
        .filter(action_run::Column::RunId.eq(run_id))
        .filter(action_run::Column::Position.eq(position))
        .one(txn)
        .await?;
    let Some(row) = row.filter(|r| r.status == ActionStatus::Pending) else {
        return Ok(None);
    };
    let Some(run) = txn
        .find::<run::Entity>()
        .filter(run::Column::Id.eq(run_id))
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    let Some(source) = txn
        .find::<outbox_event::Entity>()
        .filter(outbox_event::Column::Id.eq(run.event_id))
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    let event = Event::decode(&source.event_type, source.payload)?;
    let action = serde_json::from_value(row.action.clone())
        .map_err(|e| AutomationError::StoredRule("action", e))?;
    Ok(Some(DueAction {
        row,
        run,
        action,
        event,
        stored,
    }))
}

/// Writes the action's outcome, its attempt counted.
async fn record(
    txn: &TenantTransaction,
    row: &action_run::Model,
    status: ActionStatus,
    result: Message,
) -> Result<(), sea_orm::DbErr> {
    txn.update_many::<action_run::Entity>()
        .set(action_run::ActiveModel {
            status: sea_orm::ActiveValue::Set(status),
            attempts: sea_orm::ActiveValue::Set(row.attempts + 1),
            result: sea_orm::ActiveValue::Set(Some(json!(result.to_stored()))),
            updated_at: sea_orm::ActiveValue::Set(Utc::now()),
            ..Default::default()
        })
        .filter(action_run::Column::Id.eq(row.id))
        .exec(txn)
        .await?;
    Ok(())
}

impl ActionEvents {
    async fn perform(
        &self,
        db: &DatabaseConnection,
        due: &DueAction<'_>,
    ) -> Result<(), AutomationError> {
        let tenant_id = due.stored.tenant_id;
        let (outgoing, facts, notifying) = {
            let txn = db::begin_tenant(db, tenant_id, Access::Read).await?;
            let facts = gather(&txn, &due.event).await?;
            let (outgoing, notifying) = self.compose(&txn, due, &facts).await?;
            txn.commit().await?;
            (outgoing, facts, notifying)
        };
        let rendered = render_all(outgoing).await;
        let cause = Cause {
            run_id: due.run.id,
            depth: due.run.depth + 1,
        };
        let txn = db::begin_tenant(db, tenant_id, Access::Write)
            .await?
            .caused_by(cause);
        let result = match &due.action {
            RuleAction::EmailTeam { template } | RuleAction::EmailCustomer { template } => {
                let count = rendered.len();
                write_all(&txn, rendered)
                    .await
                    .map_err(|e| AutomationError::from(ComposeError::from(e)))?;
                Message::new(Key::RuleResultEmailed)
                    .with("count", count as i64)
                    .with("template", template.as_str())
            }
            RuleAction::NotifyMembers { .. } => {
                let Some(notifying) = notifying else {
                    return Err(AutomationError::NotFound("rule"));
                };
                write_notices(&txn, &notifying.notice, &notifying.users).await?;
                write_all(&txn, rendered)
                    .await
                    .map_err(|e| AutomationError::from(ComposeError::from(e)))?;
                Message::new(Key::RuleResultNotified).with("count", notifying.users.len() as i64)
            }
            action => change(&txn, action, &facts, due).await?,
        };
        record(&txn, &due.row, ActionStatus::Done, result).await?;
        mark_done(&txn, due.stored).await?;
        txn.commit().await?;
        Ok(())
    }
}

impl ActionEvents {
    /// The emails an action sends and the notifications it gives, gathered in its read
    /// transaction.
    async fn compose(
        &self,
        txn: &TenantTransaction,
        due: &DueAction<'_>,
        facts: &Facts,
    ) -> Result<(Vec<Outgoing>, Option<Notifying>), AutomationError> {
        let order_id = facts.order.as_ref().map(|o| o.id);
        let public_url = &self.public_url;
        Ok(match (&due.action, order_id) {
            (RuleAction::EmailTeam { template }, Some(id)) => (
                order_email_to_team(txn, id, *template, public_url).await?,
                None,
            ),
            (RuleAction::EmailCustomer { template }, Some(id)) => (
                order_email_to_customer(txn, id, *template, public_url).await?,
                None,
            ),
            (RuleAction::NotifyMembers { roles, note }, _) => {
                let rule = store::find(txn, due.run.rule_id).await?;
                let asked = Asked {
                    rule: &rule,
                    roles,
                    note: note.as_deref(),
                    event_id: due.run.event_id,
                    event_type: &due.run.event_type,
                };
                let mut notifying = notify::prepare(txn, asked, facts, public_url).await?;
                (std::mem::take(&mut notifying.emails), Some(notifying))
            }
            _ => (Vec::new(), None),
        })
    }
}

/// The actions that change the store's records.
async fn change(
    txn: &TenantTransaction,
    action: &RuleAction,
    facts: &Facts,
    due: &DueAction<'_>,
) -> Result<Message, AutomationError> {
    let principal = Principal::system(txn.tenant());
    let order = facts.order.as_ref();
    let reference = facts.order_reference();
    Ok(match (action, order) {
        (RuleAction::TagOrder { tag }, Some(order)) => {
            tag_order(txn, &principal, order.id, tag).await?;
            Message::new(Key::RuleResultTaggedOrder)
                .with("tag", tag.as_str())
                .with("order", reference)
        }
        (RuleAction::HoldOrder { reason }, Some(order)) => {
            if hold_for_rule(txn, &principal, order.id, reason).await? {
                Message::new(Key::RuleResultHeld)
                    .with("order", reference)
                    .with("reason", reason.as_str())
            } else {
                Message::new(Key::RuleResultAlreadyHeld).with("order", reference)
            }
        }
        (RuleAction::TagCustomer { tag }, _) => {
            let customer = facts
                .customer
                .as_ref()
                .ok_or(AutomationError::NotFound("customer"))?;
            tag_customer(txn, &principal, customer.id, tag).await?;
            Message::new(Key::RuleResultTaggedCustomer)
                .with("tag", tag.as_str())
                .with("customer", customer.name.as_str())
        }
        (RuleAction::CallWebhook { endpoint_id }, _) => {
            let url = call_webhook(txn, *endpoint_id, due).await?;
            Message::new(Key::RuleResultWebhook).with("url", url)
        }
        _ => return Err(AutomationError::NotFound("order")),
    })
}

/// The rule's event, due to the endpoint now (once: an endpoint that has it already keeps
/// the delivery it has).
async fn call_webhook(
    txn: &TenantTransaction,
    endpoint_id: uuid::Uuid,
    due: &DueAction<'_>,
) -> Result<String, AutomationError> {
    let endpoint = endpoint::find(txn, endpoint_id).await?;
    let now = Utc::now().trunc_subsecs(6);
    let message = WebhookMessage::of(&due.event, now).map_err(AutomationError::Body)?;
    let body = serde_json::to_string(&message).map_err(AutomationError::Body)?;
    let row = Due {
        event_id: due.run.event_id,
        event_type: due.event.kind().name(),
        body,
        at: now,
    }
    .to(txn.tenant(), endpoint.id);
    delivery::Entity::insert(delivery::ActiveModel::from(row))
        .on_conflict(
            OnConflict::columns([
                delivery::Column::TenantId,
                delivery::Column::EndpointId,
                delivery::Column::EventId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    Ok(endpoint.url)
}
