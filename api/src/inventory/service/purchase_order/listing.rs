//! The list of purchase orders, filtered by status and supplier, with their lines.

use crate::db::TenantTransaction;
use openapi::inventory::PurchaseOrderQuery;
use sea_orm::{ColumnTrait, QueryFilter};

use entity::purchase_order;

use super::{PurchaseOrderView, lines_of};
use crate::inventory::error::InventoryError;
use crate::pagination::{PageRequest, Paged};
use crate::tenancy::service::tenant::currency_of;

pub async fn list_purchase_orders(
    conn: &TenantTransaction,
    query: &PurchaseOrderQuery,
    page: PageRequest,
) -> Result<Paged<PurchaseOrderView>, InventoryError> {
    let mut select = purchase_order::Entity::find_in(conn.tenant());
    if let Some(status) = &query.status {
        select = select.filter(purchase_order::Column::Status.eq(status.as_str()));
    }
    if let Some(supplier_id) = query.supplier_id {
        select = select.filter(purchase_order::Column::SupplierId.eq(supplier_id));
    }
    let orders = page
        .apply(select, purchase_order::Column::Id)
        .all(conn)
        .await?;
    let ids = orders.iter().map(|o| o.id).collect();
    let mut lines = lines_of(conn, ids).await?;
    let currency = currency_of(conn).await?;
    let views = orders
        .into_iter()
        .map(|order| {
            let (mine, rest) = lines
                .drain(..)
                .partition(|(line, _)| line.purchase_order_id == order.id);
            lines = rest;
            PurchaseOrderView {
                order,
                lines: mine,
                currency,
            }
        })
        .collect();
    Ok(page.finish(views, |v| v.order.id))
}
