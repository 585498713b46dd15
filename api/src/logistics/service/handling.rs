//! Each location's handling time: the working days it takes to dispatch a paid order.

use chrono::Utc;
use openapi::logistics::HandlingIn;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::location_handling;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::inventory::service::location::find_location;
use crate::logistics::error::LogisticsError;

/// A location's handling time until the store sets one.
pub const DEFAULT_HANDLING_DAYS: i32 = 1;

/// The location's handling time in working days.
pub async fn handling_days(
    txn: &TenantTransaction,
    location_id: Uuid,
) -> Result<i32, LogisticsError> {
    find_location(txn, location_id).await?;
    let set = txn
        .find::<location_handling::Entity>()
        .filter(location_handling::Column::Id.eq(location_id))
        .one(txn)
        .await?;
    Ok(set.map_or(DEFAULT_HANDLING_DAYS, |row| row.handling_days))
}

pub async fn set_handling_days(
    txn: &TenantTransaction,
    principal: &Principal,
    location_id: Uuid,
    input: &HandlingIn,
) -> Result<i32, LogisticsError> {
    let before = handling_days(txn, location_id).await?;
    let row = location_handling::Model {
        tenant_id: txn.tenant(),
        id: location_id,
        handling_days: input.handling_days,
        updated_at: Utc::now(),
    };
    location_handling::Entity::insert(location_handling::ActiveModel::from(row))
        .on_conflict(
            OnConflict::columns([
                location_handling::Column::TenantId,
                location_handling::Column::Id,
            ])
            .update_columns([
                location_handling::Column::HandlingDays,
                location_handling::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    let change = Change {
        action: "location.handling",
        entity_type: "location",
        entity_id: Some(location_id),
        before: Some(json!({ "handling_days": before })),
        after: Some(json!({ "handling_days": input.handling_days })),
    };
    audit::record(txn, principal, change).await?;
    Ok(input.handling_days)
}
