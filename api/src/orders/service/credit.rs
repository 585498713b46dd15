//! A customer's credit as orders see it: their terms and limit, whether they are blocked and
//! why, and what they owe on terms. Finance sets the terms and blocks (`set_credit`,
//! `set_block`); placing an order reads them.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, QuerySelect};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::closed_sets::{Currency, InstalmentStatus, Locale, OrderStatus};
use entity::{customer, instalment, order};
use openapi::orders::BlockOut;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::i18n::Message;
use crate::orders::error::OrderError;
use crate::orders::state;
use crate::pagination::{PageRequest, Paged};

/// Why a customer is blocked, as `customers.block_reason` keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub message: Message,
    /// By dunning: lifted by itself when nothing is overdue.
    pub automatic: bool,
}

/// The days of the customer's credit terms; empty without terms.
pub fn terms_of(customer: &customer::Model) -> Vec<u16> {
    days(customer.payment_terms.as_ref())
}

/// The terms an order was placed on; empty when not on terms.
pub fn order_terms(order: &order::Model) -> Vec<u16> {
    days(order.payment_terms.as_ref())
}

fn days(stored: Option<&serde_json::Value>) -> Vec<u16> {
    stored
        .and_then(|value| serde_json::from_value(value.clone()).ok())
        .unwrap_or_default()
}

/// Why and since when the customer is blocked, if they are.
pub fn block_of(customer: &customer::Model) -> Option<(DateTime<Utc>, Block)> {
    let since = customer.blocked_at?;
    let block = customer
        .block_reason
        .as_ref()
        .and_then(|value| serde_json::from_value(value.clone()).ok())?;
    Some((since, block))
}

/// Why and since when a customer is blocked, in the reader's language: what staff see at
/// order intake, and on finance's credit page.
pub fn block_out(customer: &customer::Model, locale: Locale) -> Option<BlockOut> {
    block_of(customer).map(|(since, block)| BlockOut {
        since,
        reason: crate::i18n::render(&block.message, locale),
        automatic: block.automatic,
    })
}

/// What the customer owes on terms in `currency`: the outstanding part of their invoices'
/// instalments, and the whole balance of orders approved on terms whose invoice is not issued
/// yet (finance issues it from the approval's event).
pub async fn owed_on_terms(
    conn: &TenantTransaction,
    customer_id: Uuid,
    currency: Currency,
) -> Result<Decimal, OrderError> {
    let open: Vec<(Amount, Amount, Amount)> = conn
        .find::<instalment::Entity>()
        .filter(instalment::Column::CustomerId.eq(customer_id))
        .filter(instalment::Column::Currency.eq(currency))
        .filter(
            instalment::Column::Status
                .is_not_in([InstalmentStatus::Paid, InstalmentStatus::WrittenOff]),
        )
        .select_only()
        .column(instalment::Column::Amount)
        .column(instalment::Column::Settled)
        .column(instalment::Column::WrittenOff)
        .into_tuple()
        .all(conn)
        .await?;
    let invoiced = Query::select()
        .expr(Expr::val(1))
        .from(instalment::Entity)
        .and_where(
            Expr::col((instalment::Entity, instalment::Column::OrderId))
                .equals((order::Entity, order::Column::Id)),
        )
        .and_where(
            Expr::col((instalment::Entity, instalment::Column::TenantId))
                .equals((order::Entity, order::Column::TenantId)),
        )
        .to_owned();
    let owing: Vec<(OrderStatus, Amount, Amount, Amount)> = conn
        .find::<order::Entity>()
        .filter(order::Column::CustomerId.eq(customer_id))
        .filter(order::Column::Currency.eq(currency))
        .filter(order::Column::PaymentTerms.is_not_null())
        .filter(Expr::exists(invoiced).not())
        .select_only()
        .column(order::Column::Status)
        .column(order::Column::Total)
        .column(order::Column::Paid)
        .column(order::Column::Refunded)
        .into_tuple()
        .all(conn)
        .await?;
    let instalments: Decimal = open
        .iter()
        .map(|(amount, settled, written_off)| {
            (amount.0 - settled.0 - written_off.0).max(Decimal::ZERO)
        })
        .sum();
    let uninvoiced: Decimal = owing
        .into_iter()
        .filter(|(status, ..)| state::owes_on_terms(*status))
        .map(|(_, total, paid, refunded)| (total.0 - (paid.0 - refunded.0)).max(Decimal::ZERO))
        .sum();
    Ok(instalments + uninvoiced)
}

/// Whether an order on terms may be approved: the customer's finding otherwise.
pub struct CreditFacts {
    pub blocked: Option<Message>,
    /// On terms: what the customer owes now, and their limit.
    pub owed_and_limit: Option<(Decimal, Option<Decimal>)>,
}

/// Reads the customer's credit for an order being placed (the customer is locked).
pub async fn credit_facts(
    conn: &TenantTransaction,
    customer: &customer::Model,
    currency: Currency,
    on_terms: bool,
) -> Result<CreditFacts, OrderError> {
    let blocked = block_of(customer).map(|(_, block)| block.message);
    let owed_and_limit = if on_terms {
        let owed = owed_on_terms(conn, customer.id, currency).await?;
        Some((owed, customer.credit_limit.map(|limit| limit.0)))
    } else {
        None
    };
    Ok(CreditFacts {
        blocked,
        owed_and_limit,
    })
}

/// The credit finance gives a customer.
pub struct Credit {
    pub payment_terms: Vec<u16>,
    pub credit_limit: Option<Decimal>,
    pub account_owner_id: Option<Uuid>,
    pub dunning_exempt: bool,
}

/// Sets the customer's credit, audited; 412 when the customer changed since `expected`.
pub async fn set_credit(
    conn: &TenantTransaction,
    principal: &Principal,
    customer_id: Uuid,
    credit: &Credit,
    expected: Option<i32>,
) -> Result<customer::Model, OrderError> {
    let before = super::customer::lock_customer(conn, customer_id).await?;
    check_version(&before, expected)?;
    let mut days = credit.payment_terms.clone();
    days.sort_unstable();
    let terms = (!days.is_empty()).then(|| json!(days));
    let after = customer::Model {
        payment_terms: terms,
        credit_limit: credit.credit_limit.map(Amount),
        account_owner_id: credit.account_owner_id,
        dunning_exempt: credit.dunning_exempt,
        ..before.clone()
    };
    let after = save(conn, &before, after).await?;
    let change = Change {
        action: "customer.credit",
        entity_type: "customer",
        entity_id: Some(customer_id),
        before: Some(credit_json(&before)),
        after: Some(credit_json(&after)),
    };
    audit::record(conn, principal, change).await?;
    Ok(after)
}

fn credit_json(customer: &customer::Model) -> serde_json::Value {
    json!({
        "payment_terms": terms_of(customer),
        "credit_limit": customer.credit_limit.map(|limit| limit.0),
        "account_owner_id": customer.account_owner_id,
        "dunning_exempt": customer.dunning_exempt,
    })
}

fn check_version(customer: &customer::Model, expected: Option<i32>) -> Result<(), OrderError> {
    if expected.is_some_and(|v| v != customer.version) {
        return Err(OrderError::Stale {
            what: "the customer",
            current: customer.version,
        });
    }
    Ok(())
}

/// Blocks the customer (`Some`) or lifts their block (`None`), audited. The caller checked
/// that this changes something.
pub async fn set_block(
    conn: &TenantTransaction,
    principal: &Principal,
    before: &customer::Model,
    block: Option<&Block>,
) -> Result<customer::Model, OrderError> {
    let reason = block
        .map(serde_json::to_value)
        .transpose()
        .map_err(|e| sea_orm::DbErr::Json(e.to_string()))?;
    let after = customer::Model {
        blocked_at: block.map(|_| Utc::now()),
        block_reason: reason.clone(),
        ..before.clone()
    };
    let after = save(conn, before, after).await?;
    let change = Change {
        action: if block.is_some() {
            "customer.block"
        } else {
            "customer.unblock"
        },
        entity_type: "customer",
        entity_id: Some(before.id),
        before: before.block_reason.clone(),
        after: reason,
    };
    audit::record(conn, principal, change).await?;
    Ok(after)
}

async fn save(
    conn: &TenantTransaction,
    before: &customer::Model,
    mut after: customer::Model,
) -> Result<customer::Model, OrderError> {
    after.version = before.version + 1;
    after.updated_at = Utc::now();
    let updated = conn
        .update_many::<customer::Entity>()
        .set(customer::ActiveModel::from(after.clone()).reset_all())
        .filter(customer::Column::Id.eq(before.id))
        .filter(customer::Column::Version.eq(before.version))
        .exec(conn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(OrderError::Stale {
            what: "the customer",
            current: before.version + 1,
        });
    }
    Ok(after)
}

/// The customer's orders held only by their block: released (and, on terms, approved) now
/// that it is lifted. Orders held for something else too keep waiting for staff, without the
/// block among their findings. The orders released.
pub async fn release_held_by_block(
    conn: &TenantTransaction,
    principal: &Principal,
    customer_id: Uuid,
) -> Result<Vec<i64>, OrderError> {
    let held = conn
        .find::<order::Entity>()
        .filter(order::Column::CustomerId.eq(customer_id))
        .filter(order::Column::Status.eq(OrderStatus::OnHold))
        .all(conn)
        .await?;
    let mut released = Vec::new();
    for order in held {
        let findings = super::order::findings_of(&order);
        if !findings.iter().any(|f| f.check == BLOCK_CHECK) {
            continue;
        }
        let order = super::order::lock_order(conn, order.id).await?;
        let rest: Vec<_> = findings
            .into_iter()
            .filter(|f| f.check != BLOCK_CHECK)
            .collect();
        if rest.is_empty() {
            let number = order.number;
            let order =
                super::order::move_to(conn, principal, order, OrderStatus::PendingPayment, None)
                    .await?;
            super::order::onward_from_release(conn, principal, order).await?;
            released.push(number);
        } else {
            super::order::set_findings(conn, &order, json!(rest)).await?;
        }
    }
    Ok(released)
}

/// How many of the store's customers are blocked.
pub async fn blocked_count(conn: &TenantTransaction) -> Result<i64, OrderError> {
    use sea_orm::PaginatorTrait;
    let count = conn
        .find::<customer::Entity>()
        .filter(customer::Column::BlockedAt.is_not_null())
        .count(conn)
        .await?;
    Ok(i64::try_from(count).unwrap_or(i64::MAX))
}

/// Customers with credit terms, a limit or a block, by name; only the blocked (or only the
/// others) when `blocked` says so.
pub async fn list_credit_customers(
    conn: &TenantTransaction,
    blocked: Option<bool>,
    page: PageRequest,
) -> Result<Paged<customer::Model>, OrderError> {
    let mut select = conn.find::<customer::Entity>().filter(
        Condition::any()
            .add(customer::Column::PaymentTerms.is_not_null())
            .add(customer::Column::CreditLimit.is_not_null())
            .add(customer::Column::BlockedAt.is_not_null()),
    );
    match blocked {
        Some(true) => select = select.filter(customer::Column::BlockedAt.is_not_null()),
        Some(false) => select = select.filter(customer::Column::BlockedAt.is_null()),
        None => {}
    }
    let rows = page
        .apply_keyed(select, customer::Column::SearchText, customer::Column::Id)
        .all(conn)
        .await?;
    Ok(page.finish_keyed(rows, |c| (Some(c.search_text.clone()), c.id)))
}

/// The finding of a blocked customer's order.
pub const BLOCK_CHECK: &str = "customer_blocked";
/// The finding of an order on terms over the customer's credit limit.
pub const LIMIT_CHECK: &str = "credit_limit";

/// Whether what the order owes fits the customer's credit.
pub fn within_limit(owed: Decimal, order_total: Decimal, limit: Option<Decimal>) -> bool {
    limit.is_none_or(|limit| owed + order_total <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn the_limit_holds_what_the_order_would_take_past_it() {
        assert!(within_limit(dec("4000"), dec("1000"), Some(dec("5000"))));
        assert!(!within_limit(
            dec("4000"),
            dec("1000.01"),
            Some(dec("5000"))
        ));
        assert!(within_limit(dec("1000000"), dec("1"), None));
    }
}
