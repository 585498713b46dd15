//! What the stock on hand is worth at average cost, per location and in total. Summed in
//! `Decimal` here rather than in SQL, where SQLite would use floats.

use crate::db::TenantTransaction;
use openapi::tenancy::Currency;
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

use entity::{location, stock_level};

use crate::catalog::service::variant::variants_by_id;
use crate::inventory::error::InventoryError;
use crate::tenancy::service::tenant::currency_of;

pub struct LocationValue {
    pub location_id: Uuid,
    pub location_code: String,
    pub units: i64,
    pub value: Decimal,
}

pub struct Valuation {
    pub currency: Currency,
    pub units: i64,
    pub total: Decimal,
    pub locations: Vec<LocationValue>,
}

fn to_cents(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven)
}

pub async fn stock_valuation(conn: &TenantTransaction) -> Result<Valuation, InventoryError> {
    let tenant_id = conn.tenant();
    let locations = location::Entity::find_in(tenant_id).all(conn).await?;
    let levels = stock_level::Entity::find_in(tenant_id)
        .filter(stock_level::Column::OnHand.gt(0))
        .all(conn)
        .await?;
    let variant_ids: Vec<Uuid> = levels.iter().map(|l| l.variant_id).collect();
    let costs: std::collections::HashMap<Uuid, Decimal> = variants_by_id(conn, variant_ids)
        .await?
        .into_iter()
        .map(|(id, v)| (id, v.average_cost.0))
        .collect();
    let mut values: Vec<LocationValue> = locations
        .into_iter()
        .map(|l| LocationValue {
            location_id: l.id,
            location_code: l.code,
            units: 0,
            value: Decimal::ZERO,
        })
        .collect();
    for level in &levels {
        if let Some(entry) = values
            .iter_mut()
            .find(|v| v.location_id == level.location_id)
        {
            let cost = costs.get(&level.variant_id).copied().unwrap_or_default();
            entry.units += level.on_hand;
            entry.value += cost * Decimal::from(level.on_hand);
        }
    }
    let total = to_cents(values.iter().map(|v| v.value).sum());
    let units = values.iter().map(|v| v.units).sum();
    for value in &mut values {
        value.value = to_cents(value.value);
    }
    Ok(Valuation {
        currency: currency_of(conn).await?,
        units,
        total,
        locations: values,
    })
}
