//! The dunning sweep, store by store, on the store's day of `now` (which tests set): an
//! instalment past its due date becomes overdue (`receivable.overdue`, once); the step of
//! dunning whose day has come is sent, once per instalment and step (`dunning_notices`,
//! written with its event); and a customer still owing at the end of the grace period is
//! blocked, with the instalments and days as the reason.

use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, Days, NaiveDate, SubsecRound, Utc};
use openapi::events::Event;
use openapi::finance::{
    DunningPolicy, DunningStep, DunningStepDue, InstalmentStatus, ReceivableOverdue,
};
use rust_decimal::Decimal;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use entity::{dunning_notice, instalment};

use crate::access::Principal;
use crate::db::{self, Access, TenantTransaction};
use crate::finance::error::FinanceError;
use crate::finance::plan;
use crate::finance::service::customer_credit;
use crate::finance::service::instalments::{outstanding, save, store_today};
use crate::finance::service::receivables::OUTSTANDING;
use crate::finance::service::settings::{policy_of, settings_of};
use crate::i18n::{Arg, Key, Message};
use crate::orders::service::credit::Block;
use crate::orders::service::customer::customers_by_id;
use crate::outbox;
use crate::tenancy::service::tenant::all_tenant_ids;

const SWEEP_EVERY: Duration = Duration::from_secs(300);
/// The most instalments one store's round looks at.
const ROUND: u64 = 1000;

/// Runs until the runtime stops.
pub async fn run(db: DatabaseConnection) {
    crate::sweep::every(SWEEP_EVERY, "dunning", || sweep(&db, Utc::now())).await;
}

/// What one sweep did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    pub overdue: u64,
    pub steps: u64,
    pub blocked: u64,
}

/// Sweeps every store as of `now`; answers how many things it did.
/// A store with more instalments falling overdue than a round marks gets more rounds, each
/// its own transaction, until one marks fewer.
pub async fn sweep(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let mut done = 0;
    for tenant_id in all_tenant_ids(db).await? {
        loop {
            let txn = db::begin_tenant(db, tenant_id, Access::Write).await?;
            let swept = sweep_store(&txn, now)
                .await
                .map_err(|e| DbErr::Custom(e.to_string()))?;
            txn.commit().await?;
            done += swept.overdue + swept.steps + swept.blocked;
            if swept.overdue < ROUND {
                break;
            }
        }
    }
    Ok(done)
}

/// One store's round.
pub async fn sweep_store(
    txn: &TenantTransaction,
    now: DateTime<Utc>,
) -> Result<Swept, FinanceError> {
    let today = store_today(txn, now).await?;
    let policy = policy_of(&settings_of(txn).await?);
    let mut swept = Swept {
        overdue: mark_overdue(txn, today, now).await?,
        ..Swept::default()
    };
    // A full round leaves more to mark: the steps and blocks wait for the last round.
    if policy.enabled && swept.overdue < ROUND {
        swept.steps = send_steps(txn, &policy, today, now).await?;
        if policy.auto_block {
            swept.blocked = block_overdue(txn, &policy, today).await?;
        }
    }
    Ok(swept)
}

/// Instalments past their due date with something outstanding become overdue, each once.
async fn mark_overdue(
    txn: &TenantTransaction,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u64, FinanceError> {
    let late = txn
        .find::<instalment::Entity>()
        .filter(
            instalment::Column::Status
                .is_in([InstalmentStatus::Open, InstalmentStatus::PartiallyPaid]),
        )
        .filter(instalment::Column::DueOn.lt(today))
        .order_by_asc(instalment::Column::DueOn)
        .limit(ROUND)
        .all(txn)
        .await?;
    let count = late.len() as u64;
    for row in late {
        let after = instalment::Model {
            status: InstalmentStatus::Overdue,
            overdue_at: Some(now.trunc_subsecs(6)),
            ..row.clone()
        };
        save(txn, &row, after, now).await?;
        let event = Event::ReceivableOverdue(ReceivableOverdue {
            instalment_id: row.id,
            invoice_id: row.invoice_id,
            customer_id: row.customer_id,
        });
        outbox::emit(txn, &event).await?;
    }
    Ok(count)
}

/// The days of the policy's steps relative to the due date, in the order they come.
fn step_offsets(policy: &DunningPolicy) -> Vec<(DunningStep, i64)> {
    let mut steps = Vec::new();
    if let Some(before) = policy.reminder_days_before {
        steps.push((DunningStep::Reminder, -i64::from(before)));
    }
    if let Some(after) = policy.notice_days_after {
        steps.push((DunningStep::Notice, i64::from(after)));
    }
    if let Some(after) = policy.warning_days_after {
        steps.push((DunningStep::Warning, i64::from(after)));
    }
    steps
}

/// The last step whose day has come for an instalment due on `due_on`: the one to send. An
/// earlier step the sweep missed (it did not run that day) is never sent late.
pub fn step_due(
    policy: &DunningPolicy,
    due_on: NaiveDate,
    today: NaiveDate,
) -> Option<DunningStep> {
    let late_by = (today - due_on).num_days();
    step_offsets(policy)
        .into_iter()
        .filter(|(_, offset)| *offset <= late_by && late_by < i64::from(policy.grace_days))
        .map(|(step, _)| step)
        .next_back()
}

/// The day a customer is blocked if an instalment due on `due_on` stays unpaid.
pub fn block_on(policy: &DunningPolicy, due_on: NaiveDate) -> Option<NaiveDate> {
    due_on.checked_add_days(Days::new(u64::from(policy.grace_days)))
}

/// Sends the step whose day has come for each outstanding instalment, once.
async fn send_steps(
    txn: &TenantTransaction,
    policy: &DunningPolicy,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u64, FinanceError> {
    let mut sent = 0;
    let mut after = None;
    loop {
        let rows = step_window(txn, policy, today, after).await?;
        let exempt = exempt_customers(txn, rows.iter().map(|r| r.customer_id)).await?;
        for row in rows.iter().filter(|r| !exempt.contains(&r.customer_id)) {
            let Some(step) = step_due(policy, row.due_on, today) else {
                continue;
            };
            if send_once(txn, row, step, policy, now).await? {
                sent += 1;
            }
        }
        match rows.last() {
            Some(last) if rows.len() as u64 == ROUND => after = Some((last.due_on, last.id)),
            _ => return Ok(sent),
        }
    }
}

/// A page of the outstanding instalments a step may be due for today (due from the reminder's
/// horizon back to the end of the grace period), after `after` in (due date, id) order: older
/// ones are past every step, and a store with thousands of them is still reminded of the rest.
async fn step_window(
    txn: &TenantTransaction,
    policy: &DunningPolicy,
    today: NaiveDate,
    after: Option<(NaiveDate, Uuid)>,
) -> Result<Vec<instalment::Model>, FinanceError> {
    let ahead = Days::new(u64::from(policy.reminder_days_before.unwrap_or(0)));
    let horizon = today.checked_add_days(ahead).unwrap_or(today);
    let behind = Days::new(u64::from(policy.grace_days));
    let floor = today.checked_sub_days(behind).unwrap_or(today);
    let mut select = txn
        .find::<instalment::Entity>()
        .filter(instalment::Column::Status.is_in(OUTSTANDING))
        .filter(instalment::Column::DueOn.lte(horizon))
        .filter(instalment::Column::DueOn.gt(floor));
    if let Some((due, id)) = after {
        let later = Condition::any().add(instalment::Column::DueOn.gt(due)).add(
            Condition::all()
                .add(instalment::Column::DueOn.eq(due))
                .add(instalment::Column::Id.gt(id)),
        );
        select = select.filter(later);
    }
    Ok(select
        .order_by_asc(instalment::Column::DueOn)
        .order_by_asc(instalment::Column::Id)
        .limit(ROUND)
        .all(txn)
        .await?)
}

async fn exempt_customers(
    txn: &TenantTransaction,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashSet<Uuid>, FinanceError> {
    let customers = customers_by_id(txn, ids).await?;
    Ok(customers
        .into_values()
        .filter(|c| c.dunning_exempt)
        .map(|c| c.id)
        .collect())
}

/// Writes the step's notice and its event, unless it was sent before: whether it went now.
async fn send_once(
    txn: &TenantTransaction,
    row: &instalment::Model,
    step: DunningStep,
    policy: &DunningPolicy,
    now: DateTime<Utc>,
) -> Result<bool, FinanceError> {
    let notice = dunning_notice::Model {
        tenant_id: txn.tenant(),
        instalment_id: row.id,
        step,
        customer_id: row.customer_id,
        sent_at: now.trunc_subsecs(6),
    };
    let inserted = dunning_notice::Entity::insert(dunning_notice::ActiveModel::from(notice))
        .on_conflict(
            OnConflict::columns([
                dunning_notice::Column::TenantId,
                dunning_notice::Column::InstalmentId,
                dunning_notice::Column::Step,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    if inserted == 0 {
        return Ok(false);
    }
    let event = Event::DunningStepDue(DunningStepDue {
        instalment_id: row.id,
        customer_id: row.customer_id,
        step,
        block_on: (step == DunningStep::Warning)
            .then(|| block_on(policy, row.due_on))
            .flatten(),
    });
    outbox::emit(txn, &event).await?;
    Ok(true)
}

/// Blocks each customer (not exempt, not blocked) still owing an instalment whose grace
/// period ended: why is the instalments, the most days overdue and the amount.
async fn block_overdue(
    txn: &TenantTransaction,
    policy: &DunningPolicy,
    today: NaiveDate,
) -> Result<u64, FinanceError> {
    let Some(cutoff) = today.checked_sub_days(Days::new(u64::from(policy.grace_days))) else {
        return Ok(0);
    };
    // The customers owing past the grace period, then those of them still to block: however
    // many instalments the blocked ones owe, a newly late customer is found.
    let late = || {
        txn.find::<instalment::Entity>()
            .filter(instalment::Column::Status.is_in(OUTSTANDING))
            .filter(instalment::Column::DueOn.lte(cutoff))
    };
    let owing: Vec<Uuid> = late()
        .select_only()
        .column(instalment::Column::CustomerId)
        .distinct()
        .into_tuple()
        .all(txn)
        .await?;
    let customers = customers_by_id(txn, owing).await?;
    let system = Principal::system(txn.tenant());
    let mut blocked = 0;
    for customer in customers.values() {
        if customer.dunning_exempt || customer.blocked_at.is_some() {
            continue;
        }
        let rows = late()
            .filter(instalment::Column::CustomerId.eq(customer.id))
            .all(txn)
            .await?;
        let rows: Vec<&instalment::Model> = rows.iter().collect();
        let customer = crate::orders::service::customer::lock_customer(txn, customer.id).await?;
        customer_credit::block(txn, &system, &customer, why(&rows, today)).await?;
        blocked += 1;
    }
    Ok(blocked)
}

/// The reason of a dunning block: how many instalments, the most days overdue, how much.
fn why(late: &[&instalment::Model], today: NaiveDate) -> Block {
    let days = late
        .iter()
        .map(|row| plan::days_overdue(row.due_on, today))
        .max()
        .unwrap_or(0);
    let amount: Decimal = late.iter().map(|row| outstanding(row)).sum();
    let currency = late.first().map(|row| row.currency).unwrap_or_default();
    Block {
        message: Message::new(Key::BlockOverdue)
            .with("count", late.len() as i64)
            .with("days", days)
            .with("amount", Arg::money(amount, currency)),
        automatic: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default()
    }

    #[test]
    fn the_step_sent_is_the_last_whose_day_has_come() {
        let policy = DunningPolicy::default();
        let due = day(10);
        assert_eq!(step_due(&policy, due, day(6)), None);
        assert_eq!(step_due(&policy, due, day(7)), Some(DunningStep::Reminder));
        assert_eq!(step_due(&policy, due, day(10)), Some(DunningStep::Reminder));
        assert_eq!(step_due(&policy, due, day(11)), Some(DunningStep::Notice));
        assert_eq!(step_due(&policy, due, day(15)), Some(DunningStep::Warning));
        assert_eq!(step_due(&policy, due, day(19)), Some(DunningStep::Warning));
        assert_eq!(
            step_due(&policy, due, day(20)),
            None,
            "the block, no more steps"
        );
        assert_eq!(block_on(&policy, due), Some(day(20)));
        let quiet = DunningPolicy {
            reminder_days_before: None,
            notice_days_after: None,
            ..policy
        };
        assert_eq!(step_due(&quiet, due, day(12)), None);
    }
}
