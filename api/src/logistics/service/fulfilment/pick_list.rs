//! A location's pick list: the lines of its pending and picking fulfilments, grouped by SKU
//! with the orders they go to, the SKU whose earliest ship-by date comes first on top. A
//! pending fulfilment of an order held for review waits off the list until it is released.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

use entity::closed_sets::FulfilmentStatus;
use entity::{fulfilment, fulfilment_line};
use openapi::logistics::{PickItem, PickListOut, PickOrder};

use crate::db::TenantTransaction;
use crate::inventory::service::location::find_location;
use crate::logistics::error::LogisticsError;
use crate::orders::service::order::lines_of;
use crate::orders::service::progress::{held_among, numbers_of};

use super::view::store_today;

pub async fn pick_list(
    txn: &TenantTransaction,
    location_id: Uuid,
) -> Result<PickListOut, LogisticsError> {
    find_location(txn, location_id).await?;
    let mut fulfilments: HashMap<Uuid, fulfilment::Model> = txn
        .find::<fulfilment::Entity>()
        .filter(fulfilment::Column::LocationId.eq(location_id))
        .filter(
            fulfilment::Column::Status
                .is_in([FulfilmentStatus::Pending, FulfilmentStatus::Picking]),
        )
        .all(txn)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    let held = held_among(txn, fulfilments.values().map(|f| f.order_id).collect()).await?;
    fulfilments.retain(|_, f| f.status != FulfilmentStatus::Pending || !held.contains(&f.order_id));
    let lines = txn
        .find::<fulfilment_line::Entity>()
        .filter(fulfilment_line::Column::FulfilmentId.is_in(fulfilments.keys().copied()))
        .all(txn)
        .await?;
    let order_ids: Vec<Uuid> = fulfilments.values().map(|f| f.order_id).collect();
    let numbers = numbers_of(txn, order_ids.clone()).await?;
    let names: HashMap<Uuid, (String, String)> = lines_of(txn, order_ids)
        .await?
        .into_iter()
        .map(|line| (line.variant_id, (line.sku, line.name)))
        .collect();
    let mut items: BTreeMap<Uuid, PickItem> = BTreeMap::new();
    for line in lines {
        let Some(fulfilment) = fulfilments.get(&line.fulfilment_id) else {
            continue;
        };
        let item = items.entry(line.variant_id).or_insert_with(|| {
            let (sku, name) = names.get(&line.variant_id).cloned().unwrap_or_default();
            PickItem {
                variant_id: line.variant_id,
                sku,
                name,
                quantity: 0,
                ship_by: None,
                orders: Vec::new(),
            }
        });
        item.quantity += line.quantity;
        item.ship_by = earliest(item.ship_by, fulfilment.ship_by);
        item.orders.push(PickOrder {
            fulfilment_id: fulfilment.id,
            order_id: fulfilment.order_id,
            order_number: numbers
                .get(&fulfilment.order_id)
                .copied()
                .unwrap_or_default(),
            quantity: line.quantity,
            ship_by: fulfilment.ship_by,
        });
    }
    let mut items: Vec<PickItem> = items.into_values().collect();
    for item in &mut items {
        item.orders
            .sort_by_key(|o| (o.ship_by.is_none(), o.ship_by, o.order_number));
    }
    items.sort_by(|a, b| {
        (a.ship_by.is_none(), a.ship_by, &a.sku).cmp(&(b.ship_by.is_none(), b.ship_by, &b.sku))
    });
    Ok(PickListOut {
        location_id,
        date: store_today(txn).await?,
        items,
    })
}

/// The earlier of two dates, a missing one counting as none.
fn earliest<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
