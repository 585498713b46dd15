//! Cash flow as the store sees it: the balance it entered, what orders received and refunded
//! and what bills were paid since four weeks ago, and what open instalments and bills fall due
//! in the next thirteen weeks, in the store's currency and time zone.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use openapi::finance::CashFlowOut;
use sea_orm::{ColumnTrait, QueryFilter};

use entity::closed_sets::PaymentKind;
use entity::instalment;

use crate::db::TenantTransaction;
use crate::finance::cash_plan::{Flow, Plan, first_actual_day};
use crate::finance::error::FinanceError;
use crate::finance::service::instalments::outstanding;
use crate::finance::service::payables::{read, settle};
use crate::finance::service::receivables::OUTSTANDING;
use crate::finance::service::settings::{cash_balance_of, settings_of};
use crate::orders::service::payment::payments_between;
use crate::tenancy::service::calendar::calendar_of;
use crate::tenancy::service::tenant::currency_of;

fn start_of(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    zone.from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |at| at.with_timezone(&Utc))
}

pub async fn cash_flow(
    txn: &TenantTransaction,
    now: DateTime<Utc>,
) -> Result<CashFlowOut, FinanceError> {
    let zone = calendar_of(txn).await?.timezone();
    let today = now.with_timezone(&zone).date_naive();
    let currency = currency_of(txn).await?;
    let entered = cash_balance_of(&settings_of(txn).await?);
    let (balance, balance_on) = entered
        .as_ref()
        .map_or((Default::default(), today), |b| (b.amount, b.on));
    let first = first_actual_day(today, balance_on);
    let mut actual: BTreeMap<NaiveDate, Flow> = BTreeMap::new();
    let until = start_of(today + Days::new(1), zone);
    for payment in payments_between(txn, start_of(first, zone), until).await? {
        let day = payment.paid_at.with_timezone(&zone).date_naive();
        let flow = actual.entry(day).or_default();
        match payment.kind {
            PaymentKind::Payment => flow.inflows += payment.amount.0,
            _ => flow.outflows += payment.amount.0,
        }
    }
    for payment in settle::payments_between(txn, first, today).await? {
        actual.entry(payment.paid_on).or_default().outflows += payment.amount.0;
    }
    let mut due: BTreeMap<NaiveDate, Flow> = BTreeMap::new();
    let instalments = txn
        .find::<instalment::Entity>()
        .filter(instalment::Column::Status.is_in(OUTSTANDING))
        .filter(instalment::Column::Currency.eq(currency))
        .all(txn)
        .await?;
    for row in &instalments {
        due.entry(row.due_on).or_default().inflows += outstanding(row);
    }
    for bill in read::owed_bills(txn).await? {
        if bill.currency == currency {
            due.entry(bill.due_on).or_default().outflows += read::outstanding(&bill);
        }
    }
    let plan = Plan {
        today,
        balance,
        balance_on,
        actual,
        due,
    };
    Ok(CashFlowOut {
        currency,
        today,
        balance: plan.balance_at(today),
        entered,
        weeks: plan.weeks(),
    })
}
