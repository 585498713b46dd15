//! Return rates: units returned (on returns not declined) per SKU against units delivered,
//! and per reason.

use std::collections::BTreeMap;

use openapi::logistics::{RateBy, ReturnRateOut, ReturnStatus};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, QueryFilter, QuerySelect, QueryTrait};

use entity::{return_line, return_request};

use crate::db::{TenantTransaction, units_sum};
use crate::logistics::returns::error::ReturnError;
use crate::orders::service::delivery::delivered_units_by_sku;

/// Returned units per SKU or per reason, on returns not declined.
async fn returned_units(
    txn: &TenantTransaction,
    by: RateBy,
) -> Result<BTreeMap<String, i64>, ReturnError> {
    let live = txn
        .find::<return_request::Entity>()
        .filter(return_request::Column::Status.ne(ReturnStatus::Declined))
        .select_only()
        .column(return_request::Column::Id)
        .into_query();
    let key = match by {
        RateBy::Sku => return_line::Column::Sku,
        RateBy::Reason => return_line::Column::Reason,
    };
    let rows: Vec<(String, i64)> = txn
        .find::<return_line::Entity>()
        .filter(return_line::Column::ReturnId.in_subquery(live))
        .select_only()
        .column(key)
        .column_as(units_sum(return_line::Column::Quantity), "units")
        .group_by(key)
        .into_tuple()
        .all(txn)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The report: by SKU, every SKU delivered (rate to 4 places); by reason, every reason used.
pub async fn return_rates(
    txn: &TenantTransaction,
    by: RateBy,
) -> Result<Vec<ReturnRateOut>, ReturnError> {
    let returned = returned_units(txn, by).await?;
    if by == RateBy::Reason {
        return Ok(returned
            .into_iter()
            .map(|(key, returned)| ReturnRateOut {
                key,
                returned,
                delivered: None,
                rate: None,
            })
            .collect());
    }
    let delivered = delivered_units_by_sku(txn).await?;
    Ok(delivered
        .into_iter()
        .map(|(sku, delivered)| {
            let returned = returned.get(&sku).copied().unwrap_or(0);
            let rate = if delivered > 0 {
                (Decimal::from(returned) / Decimal::from(delivered)).round_dp(4)
            } else {
                Decimal::ZERO
            };
            ReturnRateOut {
                key: sku,
                returned,
                delivered: Some(delivered),
                rate: Some(rate),
            }
        })
        .collect())
}
