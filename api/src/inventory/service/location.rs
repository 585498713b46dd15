//! Locations: the warehouses and shops that hold stock.

use crate::db::TenantTransaction;
use chrono::Utc;
use openapi::catalog::Status;
use openapi::inventory::{LocationIn, LocationPatch};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::{location, stock_level};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::inventory::error::InventoryError;
use crate::pagination::{PageRequest, Paged};

pub async fn find_location(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<location::Model, InventoryError> {
    let tenant_id = conn.tenant();
    location::Entity::find_in(tenant_id)
        .filter(location::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(InventoryError::NotFound("location"))
}

/// A location stock may move into or out of now.
pub async fn find_active_location(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<location::Model, InventoryError> {
    let location = find_location(conn, id).await?;
    if location.status != Status::Active {
        return Err(InventoryError::LocationArchived {
            code: location.code,
        });
    }
    Ok(location)
}

pub async fn create_location(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &LocationIn,
) -> Result<location::Model, InventoryError> {
    let code = input.code.trim().to_uppercase();
    let taken = location::Entity::find_in(conn.tenant())
        .filter(location::Column::Code.eq(code.as_str()))
        .one(conn)
        .await?;
    if taken.is_some() {
        return Err(InventoryError::LocationCodeTaken { code });
    }
    let now = Utc::now();
    let location = location::Model {
        tenant_id: conn.tenant(),
        id: Uuid::now_v7(),
        name: input.name.trim().to_owned(),
        code: code.clone(),
        kind: input.kind,
        status: Status::Active,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    location::Entity::insert(location::ActiveModel::from(location.clone()))
        .exec_without_returning(conn)
        .await
        .map_err(|error| {
            crate::db::taken_or(error, || InventoryError::LocationCodeTaken {
                code: code.clone(),
            })
        })?;
    audit::record(
        conn,
        principal,
        Change {
            action: "location.create",
            entity_type: "location",
            entity_id: Some(location.id),
            before: None,
            after: Some(
                json!({ "name": location.name, "code": location.code, "kind": location.kind }),
            ),
        },
    )
    .await?;
    Ok(location)
}

pub async fn list_locations(
    conn: &TenantTransaction,
    page: PageRequest,
) -> Result<Paged<location::Model>, InventoryError> {
    let rows = page
        .apply(
            location::Entity::find_in(conn.tenant()),
            location::Column::Id,
        )
        .all(conn)
        .await?;
    Ok(page.finish(rows, |l| l.id))
}

pub async fn update_location(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    patch: &LocationPatch,
    expected_version: Option<i32>,
) -> Result<location::Model, InventoryError> {
    let before = find_location(conn, id).await?;
    if expected_version.is_some_and(|v| v != before.version) {
        return Err(InventoryError::Stale {
            what: "the location",
            current: before.version,
        });
    }
    let mut after = before.clone();
    if let Some(name) = &patch.name {
        after.name = name.trim().to_owned();
    }
    if let Some(status) = patch.status {
        after.status = status;
    }
    after.version += 1;
    after.updated_at = Utc::now();
    let updated = conn
        .update_many::<location::Entity>()
        .set(location::ActiveModel {
            name: Set(after.name.clone()),
            status: Set(after.status),
            version: Set(after.version),
            updated_at: Set(after.updated_at),
            ..Default::default()
        })
        .filter(location::Column::Id.eq(id))
        .filter(location::Column::Version.eq(before.version))
        .exec(conn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(InventoryError::Stale {
            what: "the location",
            current: before.version + 1,
        });
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "location.update",
            entity_type: "location",
            entity_id: Some(id),
            before: Some(json!({ "name": before.name, "status": before.status })),
            after: Some(json!({ "name": after.name, "status": after.status })),
        },
    )
    .await?;
    Ok(after)
}

/// `SELECT 1` when the location of the `stock_levels` row at hand is active.
pub(super) fn active_location_of_level() -> SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(location::Entity)
        .and_where(
            Expr::col((location::Entity, location::Column::TenantId))
                .equals((stock_level::Entity, stock_level::Column::TenantId)),
        )
        .and_where(
            Expr::col((location::Entity, location::Column::Id))
                .equals((stock_level::Entity, stock_level::Column::LocationId)),
        )
        .and_where(Expr::col((location::Entity, location::Column::Status)).eq(Status::Active))
        .to_owned()
}
