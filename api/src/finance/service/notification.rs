//! Payment notifications: a gateway's confirmation settles the order it names through the
//! orders' payments, once per reference (the same reference again answers what the first
//! did); what cannot settle (no such order, not payable now, more than due) is kept unmatched
//! for staff to match by hand.

use chrono::{SubsecRound, Utc};
use openapi::finance::{
    NotificationQuery, NotificationStatus, PaymentNotificationIn, UnmatchedReason,
};
use openapi::orders::PaymentIn;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::payment_notification::{self as notification, Model as Notification};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::orders::error::OrderError;
use crate::orders::service::order::{lock_by_number, lock_order};
use crate::orders::service::payment::{pay_locked, record_payment};
use crate::pagination::{PageRequest, Paged};

async fn by_reference(
    txn: &TenantTransaction,
    reference: &str,
) -> Result<Option<Notification>, FinanceError> {
    Ok(txn
        .find::<notification::Entity>()
        .filter(notification::Column::Reference.eq(reference))
        .one(txn)
        .await?)
}

pub async fn find_notification(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<Notification, FinanceError> {
    txn.find::<notification::Entity>()
        .filter(notification::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(FinanceError::NotFound("payment notification"))
}

/// The order a notification names, by id or number, locked, if the store has it.
async fn named_order(
    txn: &TenantTransaction,
    input: &PaymentNotificationIn,
) -> Result<Option<entity::order::Model>, FinanceError> {
    if let Some(id) = input.order_id {
        return match lock_order(txn, id).await {
            Ok(order) => Ok(Some(order)),
            Err(OrderError::NotFound(_)) => Ok(None),
            Err(error) => Err(error.into()),
        };
    }
    match input.order_number {
        Some(number) => Ok(lock_by_number(txn, number).await?),
        None => Ok(None),
    }
}

/// What recording the payment on the locked `order` gave: its id, or why it settled nothing.
/// Only an order on credit terms has instalments to settle.
async fn settle(
    txn: &TenantTransaction,
    principal: &Principal,
    order: entity::order::Model,
    payment: &PaymentIn,
) -> Result<Result<Uuid, UnmatchedReason>, FinanceError> {
    let (order_id, on_terms) = (order.id, order.payment_terms.is_some());
    match pay_locked(txn, principal, order, payment).await {
        Ok(recorded) => {
            if on_terms {
                settle_instalments(txn, principal, order_id).await?;
            }
            Ok(Ok(recorded.payment.id))
        }
        Err(OrderError::NotPayable { .. }) => Ok(Err(UnmatchedReason::NotPayable)),
        Err(OrderError::Overpayment { .. }) => Ok(Err(UnmatchedReason::OverBalance)),
        Err(error) => Err(error.into()),
    }
}

/// The order's instalments settled at once (the payment's event settles them too, later,
/// to the same sums), so a customer blocked for them is unblocked by this very notification.
async fn settle_instalments(
    txn: &TenantTransaction,
    principal: &Principal,
    order_id: Uuid,
) -> Result<(), FinanceError> {
    crate::finance::service::settlement::settle(txn, principal, order_id).await
}

fn payment_of(input: &PaymentNotificationIn) -> PaymentIn {
    PaymentIn {
        method: input.method,
        amount: input.amount,
        reference: Some(input.reference.clone()),
        paid_at: input.paid_at,
    }
}

/// Receives a notification: settles its order, or keeps it unmatched with why. A reference
/// already received answers as it did then, whatever the body says now.
pub async fn receive(
    txn: &TenantTransaction,
    principal: &Principal,
    input: &PaymentNotificationIn,
) -> Result<Notification, FinanceError> {
    let reference = input.reference.trim();
    if let Some(existing) = by_reference(txn, reference).await? {
        return Ok(existing);
    }
    let order = named_order(txn, input).await?;
    let order_id = order.as_ref().map(|o| o.id);
    let outcome = match order {
        Some(order) => settle(txn, principal, order, &payment_of(input)).await?,
        None => Err(UnmatchedReason::NoOrder),
    };
    let now = Utc::now().trunc_subsecs(6);
    let row = Notification {
        tenant_id: txn.tenant(),
        id: Uuid::now_v7(),
        reference: reference.to_owned(),
        method: input.method,
        amount: Amount(input.amount),
        status: match outcome {
            Ok(_) => NotificationStatus::Settled,
            Err(_) => NotificationStatus::Unmatched,
        },
        reason: outcome.err(),
        order_id,
        order_number: input.order_number,
        payment_id: outcome.ok(),
        paid_at: input.paid_at.map_or(now, |at| at.trunc_subsecs(6)),
        received_at: now,
        version: 1,
    };
    let inserted = notification::Entity::insert(notification::ActiveModel::from(row.clone()))
        .on_conflict(
            OnConflict::columns([
                notification::Column::TenantId,
                notification::Column::Reference,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    if inserted == 0 {
        // Received at once by another request, which committed first: its answer is ours.
        return by_reference(txn, reference)
            .await?
            .ok_or(FinanceError::NotFound("payment notification"));
    }
    audited(txn, principal, "payment_notification.receive", &row).await?;
    Ok(row)
}

/// Matches an unmatched notification to an order by hand: recorded as its payment, or the
/// order's refusal (not payable, more than due: 409). 412 when it changed since `expected`.
pub async fn match_to_order(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    order_id: Uuid,
    expected: Option<i32>,
) -> Result<Notification, FinanceError> {
    let before = find_notification(txn, id).await?;
    if expected.is_some_and(|v| v != before.version) {
        return Err(FinanceError::Stale {
            what: "the payment notification",
            current: before.version,
        });
    }
    if before.status == NotificationStatus::Settled {
        return Err(FinanceError::AlreadySettled);
    }
    let payment = PaymentIn {
        method: before.method,
        amount: before.amount.0,
        reference: Some(before.reference.clone()),
        paid_at: Some(before.paid_at),
    };
    let recorded = record_payment(txn, principal, order_id, &payment).await?;
    settle_instalments(txn, principal, order_id).await?;
    let after = Notification {
        status: NotificationStatus::Settled,
        reason: None,
        order_id: Some(order_id),
        payment_id: Some(recorded.payment.id),
        version: before.version + 1,
        ..before.clone()
    };
    let updated = txn
        .update_many::<notification::Entity>()
        .set(notification::ActiveModel::from(after.clone()).reset_all())
        .filter(notification::Column::Id.eq(id))
        .filter(notification::Column::Version.eq(before.version))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(FinanceError::Stale {
            what: "the payment notification",
            current: before.version + 1,
        });
    }
    audited(txn, principal, "payment_notification.match", &after).await?;
    Ok(after)
}

async fn audited(
    txn: &TenantTransaction,
    principal: &Principal,
    action: &'static str,
    row: &Notification,
) -> Result<(), FinanceError> {
    let change = Change {
        action,
        entity_type: "payment_notification",
        entity_id: Some(row.id),
        before: None,
        after: Some(json!({
            "reference": row.reference,
            "amount": row.amount.0,
            "status": row.status,
            "reason": row.reason,
            "order_id": row.order_id,
        })),
    };
    audit::record(txn, principal, change).await?;
    Ok(())
}

/// Notifications, newest first, settled or unmatched.
pub async fn list_notifications(
    txn: &TenantTransaction,
    query: &NotificationQuery,
    page: PageRequest,
) -> Result<Paged<Notification>, FinanceError> {
    let mut select = txn.find::<notification::Entity>();
    if let Some(status) = query.status {
        select = select.filter(notification::Column::Status.eq(status));
    }
    let rows = page
        .apply(select, notification::Column::Id)
        .all(txn)
        .await?;
    Ok(page.finish(rows, |r| r.id))
}
