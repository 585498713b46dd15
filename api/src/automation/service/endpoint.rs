//! Webhook endpoints: where a store's events go. The signing secret is made here, shown
//! once, and kept sealed; a rotation keeps the previous secret signing for a day.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use openapi::automation::{
    DisabledReason, WebhookEndpointIn, WebhookEndpointPatch, WebhookEndpointQuery,
};
use openapi::events::EventKind;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::webhook_endpoint::{self as endpoint, Model as Endpoint};
use entity::{webhook_attempt as attempt, webhook_delivery as delivery};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::automation::error::AutomationError;
use crate::automation::service::destination;
use crate::automation::service::signature;
use crate::db::TenantTransaction;
use crate::pagination::{PageRequest, Paged};
use crate::sealed::Sealer;

/// How long the previous secret signs too after a rotation.
pub const ROTATION_GRACE_HOURS: i64 = 24;

/// An address checked for delivery (`check_url`): made before the transaction opens, since a
/// name may take seconds to resolve and a write transaction must not wait on it.
pub struct CheckedUrl(String);

/// `text` checked for delivery; `to_loopback` is the test setting.
pub async fn check_url(text: &str, to_loopback: bool) -> Result<CheckedUrl, AutomationError> {
    let url = destination::parse(text)?;
    destination::resolve(&url, to_loopback).await?;
    Ok(CheckedUrl(url.to_string()))
}

impl CheckedUrl {
    /// An address parsed but not resolved: only for the demo's endpoint, which is made
    /// switched off (the demo has no network to look names up on).
    pub(crate) fn unresolved(text: &str) -> Result<CheckedUrl, AutomationError> {
        Ok(CheckedUrl(destination::parse(text)?.to_string()))
    }
}

/// The row a sealed secret belongs to (its associated data).
fn row_of(tenant_id: entity::TenantId, id: Uuid) -> Vec<u8> {
    format!("webhook_endpoints/{}/{id}", tenant_id.into_uuid()).into_bytes()
}

/// The events `patterns` names, each checked against the catalogue: a name, a family
/// (`order.*`) with at least one event, or `*`.
fn checked_events(patterns: &[String]) -> Result<String, AutomationError> {
    for (index, pattern) in patterns.iter().enumerate() {
        if !EventKind::ALL
            .iter()
            .any(|kind| kind.subscribable() && matches(pattern, kind.name()))
        {
            return Err(AutomationError::UnknownEvent {
                index,
                pattern: pattern.clone(),
            });
        }
    }
    let mut unique: Vec<&str> = patterns.iter().map(String::as_str).collect();
    unique.sort_unstable();
    unique.dedup();
    Ok(unique.join(" "))
}

/// Whether the event `name` is one `pattern` wants.
pub fn matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some("") => true,
        Some(family) => family.ends_with('.') && name.starts_with(family),
        None => pattern == name,
    }
}

/// Whether the endpoint wants the event `name`.
pub fn wants(endpoint: &Endpoint, name: &str) -> bool {
    endpoint
        .events
        .split(' ')
        .any(|pattern| matches(pattern, name))
}

pub async fn find(txn: &TenantTransaction, id: Uuid) -> Result<Endpoint, AutomationError> {
    txn.find::<endpoint::Entity>()
        .filter(endpoint::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AutomationError::NotFound("webhook endpoint"))
}

/// Adds an endpoint; answers it with its secret, which is not kept readable.
pub async fn create(
    txn: &TenantTransaction,
    principal: &Principal,
    sealer: &Sealer,
    CheckedUrl(url): CheckedUrl,
    input: &WebhookEndpointIn,
) -> Result<(Endpoint, String), AutomationError> {
    let events = checked_events(&input.events)?;
    let (tenant_id, id) = (txn.tenant(), Uuid::now_v7());
    let secret = signature::new_secret()?;
    let now = Utc::now().trunc_subsecs(6);
    let enabled = input.enabled.unwrap_or(true);
    let row = Endpoint {
        tenant_id,
        id,
        url,
        events,
        description: input.description.clone().filter(|d| !d.trim().is_empty()),
        enabled,
        disabled_reason: (!enabled).then_some(DisabledReason::Staff),
        secret_sealed: sealer.seal(&secret, &row_of(tenant_id, id))?,
        previous_secret_sealed: None,
        previous_valid_until: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    endpoint::Entity::insert(endpoint::ActiveModel::from(row.clone()))
        .exec_without_returning(txn)
        .await?;
    audited(txn, principal, "webhook_endpoint.create", None, Some(&row)).await?;
    Ok((row, secret))
}

pub async fn list(
    txn: &TenantTransaction,
    query: &WebhookEndpointQuery,
    page: PageRequest,
) -> Result<Paged<Endpoint>, AutomationError> {
    let mut select = txn.find::<endpoint::Entity>();
    if let Some(enabled) = query.enabled {
        select = select.filter(endpoint::Column::Enabled.eq(enabled));
    }
    let rows = page.apply(select, endpoint::Column::Id).all(txn).await?;
    Ok(page.finish(rows, |r| r.id))
}

/// Changes an endpoint (its new address checked as `url`). Switching it off records staff as
/// the reason (even when it was off for failing: then it stops collecting); switching it on
/// clears the reason, and its deliveries resume where they stopped.
pub async fn update(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    url: Option<CheckedUrl>,
    patch: &WebhookEndpointPatch,
    expected: Option<i32>,
) -> Result<Endpoint, AutomationError> {
    let before = current(txn, id, expected).await?;
    let mut after = before.clone();
    if let Some(CheckedUrl(url)) = url {
        after.url = url;
    }
    if let Some(events) = &patch.events {
        after.events = checked_events(events)?;
    }
    if let Some(description) = &patch.description {
        after.description = Some(description.clone()).filter(|d| !d.trim().is_empty());
    }
    match patch.enabled {
        Some(true) => (after.enabled, after.disabled_reason) = (true, None),
        Some(false) if before.disabled_reason != Some(DisabledReason::Staff) => {
            (after.enabled, after.disabled_reason) = (false, Some(DisabledReason::Staff));
        }
        _ => {}
    }
    let after = save(txn, &before, after).await?;
    if after.enabled && !before.enabled {
        resume(txn, id).await?;
    }
    audited(
        txn,
        principal,
        "webhook_endpoint.update",
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(after)
}

/// A new secret, shown once; the current one keeps signing for `ROTATION_GRACE_HOURS`.
pub async fn rotate(
    txn: &TenantTransaction,
    principal: &Principal,
    sealer: &Sealer,
    id: Uuid,
    expected: Option<i32>,
) -> Result<(Endpoint, String), AutomationError> {
    let before = current(txn, id, expected).await?;
    let secret = signature::new_secret()?;
    let now = Utc::now().trunc_subsecs(6);
    let after = Endpoint {
        secret_sealed: sealer.seal(&secret, &row_of(before.tenant_id, id))?,
        // Sealed for the same row, so it moves as it is.
        previous_secret_sealed: Some(before.secret_sealed.clone()),
        previous_valid_until: Some(now + Duration::hours(ROTATION_GRACE_HOURS)),
        ..before.clone()
    };
    let after = save(txn, &before, after).await?;
    audited(
        txn,
        principal,
        "webhook_endpoint.rotate",
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok((after, secret))
}

pub async fn delete(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    expected: Option<i32>,
) -> Result<(), AutomationError> {
    let before = current(txn, id, expected).await?;
    txn.delete_many::<attempt::Entity>()
        .filter(attempt::Column::EndpointId.eq(id))
        .exec(txn)
        .await?;
    txn.delete_many::<delivery::Entity>()
        .filter(delivery::Column::EndpointId.eq(id))
        .exec(txn)
        .await?;
    endpoint::ActiveModel::from(before.clone())
        .delete(txn)
        .await?;
    audited(
        txn,
        principal,
        "webhook_endpoint.delete",
        Some(&before),
        None,
    )
    .await
}

/// The secrets that sign a delivery at `now`: the current one, and the previous one while
/// its grace lasts.
pub fn secrets_in_force(
    sealer: &Sealer,
    endpoint: &Endpoint,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AutomationError> {
    let row = row_of(endpoint.tenant_id, endpoint.id);
    let mut secrets = vec![sealer.open(&endpoint.secret_sealed, &row)?];
    if let (Some(previous), Some(until)) = (
        &endpoint.previous_secret_sealed,
        endpoint.previous_valid_until,
    ) && now < until
    {
        secrets.push(sealer.open(previous, &row)?);
    }
    Ok(secrets)
}

/// The deliveries an endpoint collected while it was off, due now: those waiting longer than
/// a lease (parked, or retried later), never one being sent now.
async fn resume(txn: &TenantTransaction, id: Uuid) -> Result<(), AutomationError> {
    let lease =
        chrono::Duration::from_std(crate::automation::service::sender::LEASE).unwrap_or_default();
    txn.update_many::<delivery::Entity>()
        .col_expr(
            delivery::Column::NextAttemptAt,
            sea_orm::sea_query::Expr::value(Utc::now().trunc_subsecs(6)),
        )
        .filter(delivery::Column::EndpointId.eq(id))
        .filter(delivery::Column::Status.eq(openapi::automation::DeliveryStatus::Pending))
        .filter(delivery::Column::NextAttemptAt.gt(Utc::now() + lease))
        .exec(txn)
        .await?;
    Ok(())
}

async fn current(
    txn: &TenantTransaction,
    id: Uuid,
    expected: Option<i32>,
) -> Result<Endpoint, AutomationError> {
    let row = find(txn, id).await?;
    if expected.is_some_and(|v| v != row.version) {
        return Err(AutomationError::Stale {
            what: "the webhook endpoint",
            current: row.version,
        });
    }
    Ok(row)
}

async fn save(
    txn: &TenantTransaction,
    before: &Endpoint,
    mut after: Endpoint,
) -> Result<Endpoint, AutomationError> {
    after.version = before.version + 1;
    after.updated_at = Utc::now().trunc_subsecs(6);
    let updated = txn
        .update_many::<endpoint::Entity>()
        .set(endpoint::ActiveModel::from(after.clone()).reset_all())
        .filter(endpoint::Column::Id.eq(before.id))
        .filter(endpoint::Column::Version.eq(before.version))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AutomationError::Stale {
            what: "the webhook endpoint",
            current: before.version + 1,
        });
    }
    Ok(after)
}

/// The audit entry of a change: what an admin sees, never a secret (sealed or not).
async fn audited(
    txn: &TenantTransaction,
    principal: &Principal,
    action: &'static str,
    before: Option<&Endpoint>,
    after: Option<&Endpoint>,
) -> Result<(), AutomationError> {
    let summary = |row: &Endpoint| {
        json!({
            "url": row.url,
            "events": row.events,
            "enabled": row.enabled,
            "previous_secret_valid_until": row.previous_valid_until,
        })
    };
    let change = Change {
        action,
        entity_type: "webhook_endpoint",
        entity_id: before.or(after).map(|row| row.id),
        before: before.map(summary),
        after: after.map(summary),
    };
    audit::record(txn, principal, change).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn patterns_match_names_families_and_everything() {
        assert!(matches("order.paid", "order.paid"));
        assert!(!matches("order.paid", "order.placed"));
        assert!(matches("order.*", "order.paid"));
        assert!(!matches("order.*", "orders.x"));
        assert!(!matches("ord*", "order.paid"));
        assert!(matches("*", "stock.low"));
    }
}
