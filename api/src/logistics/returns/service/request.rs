//! Requesting a return: on a delivered order, within the store's windows (unless a manager
//! overrides them), never more units than were delivered and not yet returned.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use openapi::logistics::{ReasonKind, ReturnIn, ReturnSettings, ReturnStatus, ShippingRefund};
use rust_decimal::Decimal;
use sea_orm::EntityTrait;
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::{order, order_line, return_line, return_request};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::logistics::returns::error::ReturnError;
use crate::logistics::returns::service::read::{
    ReturnView, event_of, get_return, lines_of, record_event, returns_of_order,
};
use crate::logistics::returns::service::settings::{kind_of, settings_of};
use crate::orders::service::delivery::{DELIVERED, delivered_at};
use crate::orders::service::order::{currency_of, lines_of as order_lines, lock_order};
use crate::orders::totals;
use crate::outbox;
use crate::tenancy::service::tenant::{find_tenant, stored_timezone};

/// Who asks: staff (with an override reason or not), or the customer through the link.
pub struct Requester<'a> {
    pub principal: &'a Principal,
    pub by_customer: bool,
}

/// The last day a return of `kind` may be requested for an order delivered at `delivered`:
/// calendar days in the store's time zone.
pub fn window_closes(
    settings: &ReturnSettings,
    kind: ReasonKind,
    delivered: NaiveDate,
) -> NaiveDate {
    let days = match kind {
        ReasonKind::Regret => settings.regret_days,
        ReasonKind::Defect => settings.defect_days,
    };
    delivered
        .checked_add_days(Days::new(u64::try_from(days).unwrap_or(0)))
        .unwrap_or(NaiveDate::MAX)
}

/// The order, delivered, and the local dates it was delivered on and today is.
struct Delivered {
    order: order::Model,
    on: NaiveDate,
    today: NaiveDate,
}

async fn delivered_order(
    txn: &TenantTransaction,
    order_id: Uuid,
) -> Result<Delivered, ReturnError> {
    // Locked: two requests at once count each other's units against what was delivered.
    let order = lock_order(txn, order_id).await?;
    let at: Option<DateTime<Utc>> = delivered_at(txn, order.id).await?;
    let at = match at {
        Some(at) if DELIVERED.contains(&order.status) => at,
        _ => {
            return Err(ReturnError::NotDelivered {
                status: order.status,
            });
        }
    };
    let zone = stored_timezone(&find_tenant(txn).await?)?;
    Ok(Delivered {
        on: at.with_timezone(&zone).date_naive(),
        today: Utc::now().with_timezone(&zone).date_naive(),
        order,
    })
}

/// Units of each order line on the order's returns that were not declined.
pub async fn already_returned(
    txn: &TenantTransaction,
    order_id: Uuid,
) -> Result<(HashMap<Uuid, i64>, bool), ReturnError> {
    let returns: Vec<return_request::Model> = returns_of_order(txn, order_id)
        .await?
        .into_iter()
        .filter(|r| r.status != ReturnStatus::Declined)
        .collect();
    let lines = lines_of(txn, returns.iter().map(|r| r.id).collect()).await?;
    let mut units = HashMap::new();
    for line in &lines {
        *units.entry(line.order_line_id).or_insert(0) += line.quantity;
    }
    // A return whose credit is more than its lines' value carried the shipping fee.
    let shipping_given = returns.iter().any(|r| {
        let value: Decimal = lines
            .iter()
            .filter(|l| l.return_id == r.id)
            .map(|l| l.value.0)
            .sum();
        r.credit.0 > value
    });
    Ok((units, shipping_given))
}

/// What `quantity` units of `line` were paid: their part of the line's total, less their
/// share of the order's discount.
pub fn paid_for(order: &order::Model, line: &order_line::Model, quantity: i64) -> Decimal {
    if line.quantity == 0 || order.subtotal.0.is_zero() {
        return Decimal::ZERO;
    }
    let share = (order.subtotal.0 - order.discount.0) / order.subtotal.0;
    let value = line.total.0 * Decimal::from(quantity) / Decimal::from(line.quantity) * share;
    totals::round(value.max(Decimal::ZERO), currency_of(order))
}

/// Requests a return of `input`'s lines. Outside a window it is refused with the date the
/// window closed, unless `input.override_reason` (the handler checked the caller may).
pub async fn request_return(
    txn: &TenantTransaction,
    who: Requester<'_>,
    input: &ReturnIn,
) -> Result<ReturnView, ReturnError> {
    let delivered = delivered_order(txn, input.order_id).await?;
    let order = &delivered.order;
    let settings = settings_of(txn).await?;
    let order_lines = order_lines(txn, vec![order.id]).await?;
    let (mut returned, shipping_given) = already_returned(txn, order.id).await?;
    let return_id = Uuid::now_v7();
    let mut lines = Vec::with_capacity(input.lines.len());
    for asked in &input.lines {
        let line = order_lines
            .iter()
            .find(|l| l.id == asked.order_line_id)
            .ok_or(ReturnError::UnknownLine)?;
        let kind = kind_of(&settings, &asked.reason)?;
        let before = returned.get(&line.id).copied().unwrap_or(0);
        if asked.quantity > line.quantity - before {
            return Err(ReturnError::OverQuantity {
                sku: line.sku.clone(),
                requested: asked.quantity,
                returnable: (line.quantity - before).max(0),
            });
        }
        returned.insert(line.id, before + asked.quantity);
        let closed = window_closes(&settings, kind, delivered.on);
        if delivered.today > closed && input.override_reason.is_none() {
            return Err(ReturnError::WindowClosed { kind, closed });
        }
        lines.push(return_line::Model {
            tenant_id: txn.tenant(),
            id: Uuid::now_v7(),
            return_id,
            order_line_id: line.id,
            variant_id: line.variant_id,
            sku: line.sku.clone(),
            quantity: asked.quantity,
            reason: asked.reason.clone(),
            reason_kind: kind,
            comment: asked.comment.clone(),
            photos: json!(asked.photos),
            value: Amount(paid_for(order, line, asked.quantity)),
            restocked: 0,
            unsellable: 0,
            location_id: None,
        });
    }
    let credit = credit_of(&settings, order, &lines, shipping_given);
    let head = head_of(txn, &who, input, order, credit, return_id);
    write(txn, who.principal, &head, lines).await?;
    get_return(txn, return_id).await
}

/// What the return is worth: its lines' value, plus the order's shipping when the store
/// refunds it for these reasons and no earlier return of the order carried it.
fn credit_of(
    settings: &ReturnSettings,
    order: &order::Model,
    lines: &[return_line::Model],
    shipping_given: bool,
) -> Decimal {
    let shipping = match settings.shipping_refund {
        ShippingRefund::Always => true,
        ShippingRefund::Never => false,
        ShippingRefund::DefectOnly => lines.iter().any(|l| l.reason_kind == ReasonKind::Defect),
    };
    let value: Decimal = lines.iter().map(|l| l.value.0).sum();
    if shipping && !shipping_given {
        value + order.shipping_fee.0
    } else {
        value
    }
}

/// The return's own row, as requested.
fn head_of(
    txn: &TenantTransaction,
    who: &Requester<'_>,
    input: &ReturnIn,
    order: &order::Model,
    credit: Decimal,
    return_id: Uuid,
) -> return_request::Model {
    let now = Utc::now();
    return_request::Model {
        tenant_id: txn.tenant(),
        id: return_id,
        order_id: order.id,
        status: ReturnStatus::Requested,
        by_customer: who.by_customer,
        credit: Amount(credit),
        override_reason: input.override_reason.clone(),
        authorization_code: None,
        instructions: None,
        decline_reason: None,
        resolution: None,
        refunded: None,
        replacement_order_id: None,
        version: 1,
        created_at: now,
        updated_at: now,
    }
}

async fn write(
    txn: &TenantTransaction,
    principal: &Principal,
    head: &return_request::Model,
    lines: Vec<return_line::Model>,
) -> Result<(), ReturnError> {
    return_request::Entity::insert(return_request::ActiveModel::from(head.clone()))
        .exec_without_returning(txn)
        .await?;
    let summary: Vec<_> = lines
        .iter()
        .map(|l| json!({ "sku": l.sku, "quantity": l.quantity, "reason": l.reason }))
        .collect();
    return_line::Entity::insert_many(lines.into_iter().map(return_line::ActiveModel::from))
        .exec_without_returning(txn)
        .await?;
    record_event(txn, principal, head, head.override_reason.as_deref()).await?;
    let change = Change {
        action: "return.request",
        entity_type: "return",
        entity_id: Some(head.id),
        before: None,
        after: Some(json!({
            "order_id": head.order_id, "by_customer": head.by_customer, "lines": summary,
            "credit": head.credit.0, "override_reason": head.override_reason,
        })),
    };
    audit::record(txn, principal, change).await?;
    outbox::emit(txn, &event_of(head)).await?;
    Ok(())
}
