//! Per-channel buffers (units a channel leaves unsold at each location) and what each channel
//! may sell.

use crate::db::TenantTransaction;
use std::collections::HashMap;

use chrono::Utc;
use openapi::catalog::Status;
use openapi::inventory::{AvailabilityQuery, BufferIn};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::{channel_buffer, location, stock_level};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::catalog::service::channel::{active_channels, find_channel};
use crate::catalog::service::kit::components_of_kits;
use crate::catalog::service::variant::{find_variant, variants_page};
use crate::inventory::error::InventoryError;
use crate::inventory::service::ledger::available;
use crate::pagination::{PageRequest, Paged};

/// The units each (channel, variant) keeps back, for the given channels (each must exist) and
/// variants; pairs with no buffer are absent.
pub async fn buffers_of(
    conn: &TenantTransaction,
    channel_ids: &[Uuid],
    variant_ids: &[Uuid],
) -> Result<HashMap<(Uuid, Uuid), i64>, InventoryError> {
    let tenant_id = conn.tenant();
    if channel_ids.is_empty() {
        return Ok(HashMap::new());
    }
    for channel_id in channel_ids {
        find_channel(conn, *channel_id).await?;
    }
    Ok(channel_buffer::Entity::find_in(tenant_id)
        .filter(channel_buffer::Column::ChannelId.is_in(channel_ids.to_vec()))
        .filter(channel_buffer::Column::VariantId.is_in(variant_ids.to_vec()))
        .all(conn)
        .await?
        .into_iter()
        .map(|b| ((b.channel_id, b.variant_id), b.quantity))
        .collect())
}

pub async fn set_buffer(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &BufferIn,
) -> Result<channel_buffer::Model, InventoryError> {
    let tenant_id = conn.tenant();
    let channel = find_channel(conn, input.channel_id).await?;
    let (variant, _) = find_variant(conn, input.variant_id).await?;
    let buffer = channel_buffer::Model {
        tenant_id,
        id: Uuid::now_v7(),
        channel_id: channel.id,
        variant_id: variant.id,
        quantity: input.quantity,
        updated_at: Utc::now(),
    };
    channel_buffer::Entity::insert(channel_buffer::ActiveModel::from(buffer.clone()))
        .on_conflict(
            OnConflict::columns([
                channel_buffer::Column::TenantId,
                channel_buffer::Column::ChannelId,
                channel_buffer::Column::VariantId,
            ])
            .update_columns([
                channel_buffer::Column::Quantity,
                channel_buffer::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "channel.set_buffer",
            entity_type: "sales_channel",
            entity_id: Some(channel.id),
            before: None,
            after: Some(json!({ "sku": variant.sku, "buffer": input.quantity })),
        },
    )
    .await?;
    Ok(buffer)
}

pub struct ChannelAvailability {
    pub channel_id: Uuid,
    pub channel_name: String,
    pub buffer: i64,
    pub sellable: i64,
}

pub struct VariantAvailability {
    pub variant_id: Uuid,
    pub sku: String,
    pub available: i64,
    pub channels: Vec<ChannelAvailability>,
}

/// What each variant has at active locations, and what each channel may sell of it.
pub async fn list_availability(
    conn: &TenantTransaction,
    query: &AvailabilityQuery,
    page: PageRequest,
) -> Result<Paged<VariantAvailability>, InventoryError> {
    let tenant_id = conn.tenant();
    let variants = variants_page(conn, query.variant_id, &page).await?;
    let channels = active_channels(conn, query.channel_id).await?;
    let ids: Vec<Uuid> = variants.iter().map(|v| v.id).collect();
    let components = components_of_kits(conn, ids.clone()).await?;
    let stocked: Vec<Uuid> = ids
        .iter()
        .copied()
        .chain(components.iter().map(|c| c.component_variant_id))
        .collect();
    let active: Vec<Uuid> = location::Entity::find_in(tenant_id)
        .filter(location::Column::Status.eq(Status::Active))
        .all(conn)
        .await?
        .into_iter()
        .map(|l| l.id)
        .collect();
    let levels = stock_level::Entity::find_in(tenant_id)
        .filter(stock_level::Column::VariantId.is_in(stocked))
        .filter(stock_level::Column::LocationId.is_in(active.clone()))
        .all(conn)
        .await?;
    let buffers = channel_buffer::Entity::find_in(tenant_id)
        .filter(channel_buffer::Column::VariantId.is_in(ids))
        .all(conn)
        .await?;
    // Units of `variant_id` one location can give, `buffer` held back per unit of the kit.
    let free_at = |variant_id: Uuid, location_id: Uuid, buffer: i64| -> i64 {
        let parts: Vec<(Uuid, i64)> = {
            let mine: Vec<(Uuid, i64)> = components
                .iter()
                .filter(|c| c.kit_variant_id == variant_id)
                .map(|c| (c.component_variant_id, c.quantity))
                .collect();
            if mine.is_empty() {
                vec![(variant_id, 1)]
            } else {
                mine
            }
        };
        parts
            .iter()
            .map(|(part, per_unit)| {
                let free = levels
                    .iter()
                    .find(|l| l.variant_id == *part && l.location_id == location_id)
                    .map_or(0, available);
                (free - buffer * per_unit).max(0) / per_unit
            })
            .min()
            .unwrap_or(0)
    };
    let rows = variants
        .into_iter()
        .map(|variant| {
            let total = |buffer: i64| -> i64 {
                active
                    .iter()
                    .map(|location_id| free_at(variant.id, *location_id, buffer))
                    .sum()
            };
            let channels = channels
                .iter()
                .map(|channel| {
                    let buffer = buffers
                        .iter()
                        .find(|b| b.channel_id == channel.id && b.variant_id == variant.id)
                        .map_or(0, |b| b.quantity);
                    ChannelAvailability {
                        channel_id: channel.id,
                        channel_name: channel.name.clone(),
                        buffer,
                        sellable: if variant.status == Status::Active {
                            total(buffer)
                        } else {
                            0
                        },
                    }
                })
                .collect();
            VariantAvailability {
                variant_id: variant.id,
                available: total(0),
                sku: variant.sku,
                channels,
            }
        })
        .collect();
    Ok(page.finish(rows, |row| row.variant_id))
}
