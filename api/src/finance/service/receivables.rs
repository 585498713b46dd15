//! What customers owe: instalments listed soonest due first, their ageing, and writing off
//! what will not be paid.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use openapi::finance::{
    AgeingBuckets, AgeingOut, AgeingTotal, CustomerAgeing, InstalmentStatus, ReceivableQuery,
};
use openapi::tenancy::Currency;
use rust_decimal::Decimal;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, Order, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::{customer, instalment, invoice};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::finance::plan;
use crate::finance::service::instalments::{outstanding, save, status_on, store_today};
use crate::finance::service::read::reference_of;
use crate::orders::service::customer::customers_by_id;
use crate::pagination::{PageRequest, Paged};

/// The statuses of what is still to be received.
pub const OUTSTANDING: [InstalmentStatus; 3] = [
    InstalmentStatus::Open,
    InstalmentStatus::PartiallyPaid,
    InstalmentStatus::Overdue,
];

/// An instalment with what its page shows beside it.
pub struct InstalmentView {
    pub row: instalment::Model,
    pub invoice_reference: String,
    pub of: i32,
    pub customer_name: String,
    pub today: NaiveDate,
}

pub async fn find_instalment(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<instalment::Model, FinanceError> {
    txn.find::<instalment::Entity>()
        .filter(instalment::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(FinanceError::NotFound("instalment"))
}

/// Instalments, soonest due first (then oldest), filtered.
pub async fn list_receivables(
    txn: &TenantTransaction,
    query: &ReceivableQuery,
    page: PageRequest,
    now: DateTime<Utc>,
) -> Result<Paged<InstalmentView>, FinanceError> {
    let mut select = txn.find::<instalment::Entity>();
    if let Some(status) = query.status {
        select = select.filter(instalment::Column::Status.eq(status));
    }
    if let Some(customer_id) = query.customer_id {
        select = select.filter(instalment::Column::CustomerId.eq(customer_id));
    }
    if let Some(order_id) = query.order_id {
        select = select.filter(instalment::Column::OrderId.eq(order_id));
    }
    match query.outstanding {
        Some(true) => select = select.filter(instalment::Column::Status.is_in(OUTSTANDING)),
        Some(false) => select = select.filter(instalment::Column::Status.is_not_in(OUTSTANDING)),
        None => {}
    }
    if let Some((due_on, id)) = page.after_keyed().and_then(|(key, id)| {
        key.and_then(|k| k.parse::<NaiveDate>().ok())
            .map(|day| (day, id))
    }) {
        select = select.filter(
            Condition::any()
                .add(instalment::Column::DueOn.gt(due_on))
                .add(
                    Condition::all()
                        .add(instalment::Column::DueOn.eq(due_on))
                        .add(instalment::Column::Id.gt(id)),
                ),
        );
    }
    let rows = select
        .order_by(instalment::Column::DueOn, Order::Asc)
        .order_by(instalment::Column::Id, Order::Asc)
        .limit(page.limit + 1)
        .all(txn)
        .await?;
    let views = views_of(txn, rows, now).await?;
    Ok(page.finish_keyed(views, |view| {
        (Some(view.row.due_on.to_string()), view.row.id)
    }))
}

/// Each row with its invoice's reference, its count and its customer's name.
pub async fn views_of(
    txn: &TenantTransaction,
    rows: Vec<instalment::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<InstalmentView>, FinanceError> {
    let today = store_today(txn, now).await?;
    let invoice_ids: Vec<Uuid> = rows.iter().map(|r| r.invoice_id).collect();
    let invoices: HashMap<Uuid, invoice::Model> = if invoice_ids.is_empty() {
        HashMap::new()
    } else {
        txn.find::<invoice::Entity>()
            .filter(invoice::Column::Id.is_in(invoice_ids.clone()))
            .all(txn)
            .await?
            .into_iter()
            .map(|i| (i.id, i))
            .collect()
    };
    let counts = counts_of(txn, invoice_ids).await?;
    let customers = customers_by_id(txn, rows.iter().map(|r| r.customer_id)).await?;
    Ok(rows
        .into_iter()
        .map(|row| InstalmentView {
            invoice_reference: invoices
                .get(&row.invoice_id)
                .map(reference_of)
                .unwrap_or_default(),
            of: counts.get(&row.invoice_id).copied().unwrap_or(row.seq),
            customer_name: customers
                .get(&row.customer_id)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            today,
            row,
        })
        .collect())
}

/// How many instalments each invoice has.
async fn counts_of(
    txn: &TenantTransaction,
    invoice_ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, i32>, FinanceError> {
    if invoice_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let seqs: Vec<(Uuid, i32)> = txn
        .find::<instalment::Entity>()
        .filter(instalment::Column::InvoiceId.is_in(invoice_ids))
        .select_only()
        .column(instalment::Column::InvoiceId)
        .column(instalment::Column::Seq)
        .into_tuple()
        .all(txn)
        .await?;
    let mut counts = HashMap::new();
    for (invoice_id, seq) in seqs {
        let count = counts.entry(invoice_id).or_insert(0);
        *count = seq.max(*count);
    }
    Ok(counts)
}

/// What every customer owes by how long past due, per currency, most owed first.
pub async fn ageing(
    txn: &TenantTransaction,
    now: DateTime<Utc>,
) -> Result<AgeingOut, FinanceError> {
    let today = store_today(txn, now).await?;
    let rows = txn
        .find::<instalment::Entity>()
        .filter(instalment::Column::Status.is_in(OUTSTANDING))
        .all(txn)
        .await?;
    let mut per_customer: BTreeMap<(Uuid, Currency), AgeingBuckets> = BTreeMap::new();
    let mut totals: BTreeMap<Currency, AgeingBuckets> = BTreeMap::new();
    for row in &rows {
        let (owed, days) = (outstanding(row), plan::days_overdue(row.due_on, today));
        plan::age(
            per_customer
                .entry((row.customer_id, row.currency))
                .or_default(),
            owed,
            days,
        );
        plan::age(totals.entry(row.currency).or_default(), owed, days);
    }
    let names = customers_by_id(txn, per_customer.keys().map(|(id, _)| *id)).await?;
    let name = |id: &Uuid| names.get(id).map(|c: &customer::Model| c.name.clone());
    let mut customers: Vec<CustomerAgeing> = per_customer
        .into_iter()
        .map(|((customer_id, currency), buckets)| CustomerAgeing {
            customer_name: name(&customer_id).unwrap_or_default(),
            customer_id,
            currency,
            buckets,
        })
        .collect();
    customers.sort_by(|a, b| {
        b.buckets
            .total
            .cmp(&a.buckets.total)
            .then_with(|| a.customer_name.cmp(&b.customer_name))
    });
    Ok(AgeingOut {
        as_of: today,
        customers,
        totals: totals
            .into_iter()
            .map(|(currency, buckets)| AgeingTotal { currency, buckets })
            .collect(),
    })
}

/// Writes off what is outstanding of an instalment: it is owed no more. 409 when nothing is.
pub async fn write_off(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    reason: &str,
    expected: Option<i32>,
    now: DateTime<Utc>,
) -> Result<instalment::Model, FinanceError> {
    let before = find_instalment(txn, id).await?;
    if expected.is_some_and(|v| v != before.version) {
        return Err(FinanceError::Stale {
            what: "the instalment",
            current: before.version,
        });
    }
    let left = outstanding(&before);
    if left <= Decimal::ZERO {
        return Err(FinanceError::NothingOutstanding);
    }
    let mut after = before.clone();
    after.written_off = Amount(before.written_off.0 + left);
    after.status = status_on(&after, store_today(txn, now).await?);
    let after = save(txn, &before, after, now).await?;
    let change = Change {
        action: "instalment.write_off",
        entity_type: "instalment",
        entity_id: Some(id),
        before: Some(json!({ "status": before.status, "outstanding": left })),
        after: Some(json!({ "status": after.status, "written_off": left, "reason": reason })),
    };
    audit::record(txn, principal, change).await?;
    Ok(after)
}

/// What customers owe in the store's currency, of which overdue, how many are blocked, and
/// this month's margin.
pub async fn summary(
    txn: &TenantTransaction,
    now: DateTime<Utc>,
) -> Result<openapi::finance::FinanceSummaryOut, FinanceError> {
    let currency = crate::tenancy::service::tenant::find_tenant(txn)
        .await?
        .currency;
    let today = store_today(txn, now).await?;
    let rows = txn
        .find::<instalment::Entity>()
        .filter(instalment::Column::Status.is_in(OUTSTANDING))
        .filter(instalment::Column::Currency.eq(currency))
        .all(txn)
        .await?;
    let overdue: Vec<&instalment::Model> = rows
        .iter()
        .filter(|row| status_on(row, today) == InstalmentStatus::Overdue)
        .collect();
    let late_customers: std::collections::HashSet<Uuid> =
        overdue.iter().map(|row| row.customer_id).collect();
    Ok(openapi::finance::FinanceSummaryOut {
        currency,
        owed: rows.iter().map(outstanding).sum(),
        overdue: overdue.iter().map(|row| outstanding(row)).sum(),
        overdue_customers: late_customers.len() as i64,
        blocked_customers: crate::orders::service::credit::blocked_count(txn).await?,
        margin_this_month: crate::finance::service::margins::report::this_month(
            txn, currency, today,
        )
        .await?,
    })
}
