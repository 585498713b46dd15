//! Sales channels: where the store sells. Every order will name one.

use crate::db::TenantTransaction;
use chrono::Utc;
use openapi::catalog::{ChannelIn, ChannelPatch, ChannelQuery, Status};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::sales_channel as channel;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::catalog::error::CatalogError;
use crate::pagination::{PageRequest, Paged};

pub async fn find_channel(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<channel::Model, CatalogError> {
    let tenant_id = conn.tenant();
    channel::Entity::find_in(tenant_id)
        .filter(channel::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(CatalogError::NotFound("sales channel"))
}

pub async fn create_channel(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &ChannelIn,
) -> Result<channel::Model, CatalogError> {
    let now = Utc::now();
    let channel = channel::Model {
        tenant_id: conn.tenant(),
        id: Uuid::now_v7(),
        name: input.name.trim().to_owned(),
        kind: input.kind,
        status: Status::Active,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    channel::Entity::insert(channel::ActiveModel::from(channel.clone()))
        .exec_without_returning(conn)
        .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "channel.create",
            entity_type: "sales_channel",
            entity_id: Some(channel.id),
            before: None,
            after: Some(json!({ "name": channel.name, "kind": channel.kind })),
        },
    )
    .await?;
    Ok(channel)
}

pub async fn list_channels(
    conn: &TenantTransaction,
    query: &ChannelQuery,
    page: PageRequest,
) -> Result<Paged<channel::Model>, CatalogError> {
    let mut select = channel::Entity::find_in(conn.tenant());
    if let Some(status) = query.status {
        select = select.filter(channel::Column::Status.eq(status));
    }
    let rows = page.apply(select, channel::Column::Id).all(conn).await?;
    Ok(page.finish(rows, |c| c.id))
}

pub async fn update_channel(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    patch: &ChannelPatch,
    expected_version: Option<i32>,
) -> Result<channel::Model, CatalogError> {
    let before = find_channel(conn, id).await?;
    if expected_version.is_some_and(|v| v != before.version) {
        return Err(CatalogError::Stale {
            what: "the sales channel",
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
        .update_many::<channel::Entity>()
        .set(channel::ActiveModel {
            name: Set(after.name.clone()),
            status: Set(after.status),
            version: Set(after.version),
            updated_at: Set(after.updated_at),
            ..Default::default()
        })
        .filter(channel::Column::Id.eq(id))
        .filter(channel::Column::Version.eq(before.version))
        .exec(conn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(CatalogError::Stale {
            what: "the sales channel",
            current: before.version + 1,
        });
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "channel.update",
            entity_type: "sales_channel",
            entity_id: Some(id),
            before: Some(json!({ "name": before.name, "status": before.status })),
            after: Some(json!({ "name": after.name, "status": after.status })),
        },
    )
    .await?;
    Ok(after)
}

/// The store's active channels, or just `only` (404 when it is not the store's).
pub async fn active_channels(
    conn: &TenantTransaction,
    only: Option<Uuid>,
) -> Result<Vec<channel::Model>, CatalogError> {
    let tenant_id = conn.tenant();
    let mut select =
        channel::Entity::find_in(tenant_id).filter(channel::Column::Status.eq(Status::Active));
    if let Some(id) = only {
        find_channel(conn, id).await?;
        select = select.filter(channel::Column::Id.eq(id));
    }
    Ok(select.all(conn).await?)
}

/// The store's channels of `ids`, archived ones included; unknown ids are absent.
pub async fn channels_by_ids(
    conn: &TenantTransaction,
    ids: Vec<Uuid>,
) -> Result<Vec<channel::Model>, CatalogError> {
    Ok(channel::Entity::find_in(conn.tenant())
        .filter(channel::Column::Id.is_in(ids))
        .all(conn)
        .await?)
}
