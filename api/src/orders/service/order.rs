//! Orders: what an order is made of and reading them. Placing one is `place.rs`; moving one
//! through the state machine (and its money) is `moves.rs`.

use crate::db::TenantTransaction;
use chrono::{Duration, Utc};
use entity::TenantId;
use openapi::orders::{Address, Finding, OrderQuery, OrderStatus};
use openapi::tenancy::{Currency, Locale};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait};
use uuid::Uuid;

use entity::{customer, order, order_event, order_line};

use crate::i18n::Message;
use crate::orders::error::OrderError;
use crate::orders::verification::StoredFinding;
use crate::pagination::{PageRequest, Paged};
use crate::tenancy::service::tenant::find_tenant;
use crate::text_search as search;

pub use super::moves::{
    hold_for_rule, move_to, onward_from_release, record_event, set_findings, set_money, transition,
};
pub use super::place::{Numbering, place_order};

/// An order with its lines and its customer's name.
pub struct OrderView {
    pub order: order::Model,
    pub lines: Vec<order_line::Model>,
    pub customer_name: String,
}

impl OrderView {
    pub fn status(&self) -> OrderStatus {
        status_of(&self.order)
    }
}

pub fn status_of(order: &order::Model) -> OrderStatus {
    order.status
}

pub fn currency_of(order: &order::Model) -> Currency {
    order.currency
}

pub fn address_of(order: &order::Model) -> Address {
    serde_json::from_value(order.shipping_address.clone()).unwrap_or_default()
}

/// The order's findings, each a message to render for its reader.
pub fn findings_of(order: &order::Model) -> Vec<StoredFinding> {
    serde_json::from_value(order.findings.clone()).unwrap_or_else(|_| {
        // Findings written as sentences, before they were messages.
        let written: Vec<Finding> =
            serde_json::from_value(order.findings.clone()).unwrap_or_default();
        written
            .into_iter()
            .map(|f| StoredFinding {
                check: f.check,
                message: Message::legacy(f.message),
            })
            .collect()
    })
}

/// The order's tags.
pub fn tags_of_order(order: &order::Model) -> Vec<String> {
    serde_json::from_value(order.tags.clone()).unwrap_or_default()
}

/// `#1001`.
pub fn reference_of(order: &order::Model) -> String {
    format!("#{}", order.number)
}

fn order_by_id(tenant_id: TenantId, id: Uuid) -> sea_orm::Select<order::Entity> {
    order::Entity::find_in(tenant_id).filter(order::Column::Id.eq(id))
}

pub async fn find_order(conn: &TenantTransaction, id: Uuid) -> Result<order::Model, OrderError> {
    let tenant_id = conn.tenant();
    order_by_id(tenant_id, id)
        .one(conn)
        .await?
        .ok_or(OrderError::NotFound("order"))
}

/// The order numbered `number` (`#1042` is 1042), if the store has one.
pub async fn find_by_number(
    conn: &TenantTransaction,
    number: i64,
) -> Result<Option<order::Model>, OrderError> {
    Ok(order::Entity::find_in(conn.tenant())
        .filter(order::Column::Number.eq(number))
        .one(conn)
        .await?)
}

/// The order numbered `number`, locked for this transaction, if the store has one.
pub async fn lock_by_number(
    conn: &TenantTransaction,
    number: i64,
) -> Result<Option<order::Model>, OrderError> {
    Ok(order::Entity::find_in(conn.tenant())
        .filter(order::Column::Number.eq(number))
        .lock_exclusive()
        .one(conn)
        .await?)
}

/// The order, locked for this transaction (PostgreSQL; SQLite writers are serialised anyway).
pub async fn lock_order(conn: &TenantTransaction, id: Uuid) -> Result<order::Model, OrderError> {
    let tenant_id = conn.tenant();
    order_by_id(tenant_id, id)
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or(OrderError::NotFound("order"))
}

pub async fn lines_of(
    conn: &TenantTransaction,
    order_ids: Vec<Uuid>,
) -> Result<Vec<order_line::Model>, OrderError> {
    let tenant_id = conn.tenant();
    Ok(order_line::Entity::find_in(tenant_id)
        .filter(order_line::Column::OrderId.is_in(order_ids))
        .order_by_asc(order_line::Column::LineNo)
        .all(conn)
        .await?)
}

pub async fn get_order(conn: &TenantTransaction, id: Uuid) -> Result<OrderView, OrderError> {
    let order = find_order(conn, id).await?;
    views(conn, vec![order])
        .await?
        .pop()
        .ok_or(OrderError::NotFound("order"))
}

async fn views(
    conn: &TenantTransaction,
    orders: Vec<order::Model>,
) -> Result<Vec<OrderView>, OrderError> {
    let tenant_id = conn.tenant();
    let mut lines = lines_of(conn, orders.iter().map(|o| o.id).collect()).await?;
    let customer_ids: Vec<Uuid> = orders.iter().map(|o| o.customer_id).collect();
    let names: Vec<(Uuid, String)> = customer::Entity::find_in(tenant_id)
        .filter(customer::Column::Id.is_in(customer_ids))
        .select_only()
        .column(customer::Column::Id)
        .column(customer::Column::Name)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(orders
        .into_iter()
        .map(|order| {
            let (mine, rest) = lines.drain(..).partition(|l| l.order_id == order.id);
            lines = rest;
            let customer_name = names
                .iter()
                .find(|(id, _)| *id == order.customer_id)
                .map(|(_, name)| name.clone())
                .unwrap_or_default();
            OrderView {
                order,
                lines: mine,
                customer_name,
            }
        })
        .collect())
}

/// Orders, newest first, filtered.
pub async fn list_orders(
    conn: &TenantTransaction,
    query: &OrderQuery,
    page: PageRequest,
) -> Result<Paged<OrderView>, OrderError> {
    let tenant_id = conn.tenant();
    let mut select = order::Entity::find_in(tenant_id);
    if let Some(status) = query.status {
        select = select.filter(order::Column::Status.eq(status));
    }
    if let Some(customer_id) = query.customer_id {
        select = select.filter(order::Column::CustomerId.eq(customer_id));
    }
    if let Some(channel_id) = query.channel_id {
        select = select.filter(order::Column::ChannelId.eq(channel_id));
    }
    if let Some(q) = &query.q {
        let number = q.trim().trim_start_matches('#');
        if let Ok(number) = number.parse::<i64>() {
            select = select.filter(order::Column::Number.eq(number));
        } else {
            // A sub-query, however many customers match: the page is cut from the orders.
            let customers = customer::Entity::find_in(tenant_id)
                .filter(search::matches(customer::Column::SearchText, q))
                .select_only()
                .column(customer::Column::Id)
                .into_query();
            select = select.filter(order::Column::CustomerId.in_subquery(customers));
        }
    }
    let rows = page.apply(select, order::Column::Id).all(conn).await?;
    let paged = page.finish(rows, |o| o.id);
    Ok(Paged {
        items: views(conn, paged.items).await?,
        next_cursor: paged.next_cursor,
    })
}

pub async fn timeline(
    conn: &TenantTransaction,
    order_id: Uuid,
) -> Result<Vec<order_event::Model>, OrderError> {
    let tenant_id = conn.tenant();
    find_order(conn, order_id).await?;
    Ok(order_event::Entity::find_in(tenant_id)
        .filter(order_event::Column::OrderId.eq(order_id))
        .order_by_asc(order_event::Column::Id)
        .all(conn)
        .await?)
}

pub async fn store_locale(conn: &TenantTransaction) -> Result<Locale, OrderError> {
    let store = find_tenant(conn).await?;
    Ok(store.locale)
}

/// Whether no earlier order of the same customer exists (cancelled ones count: the customer
/// is known to the store).
pub async fn is_first_order(
    conn: &TenantTransaction,
    order: &order::Model,
) -> Result<bool, OrderError> {
    let earlier = order::Entity::find_in(order.tenant_id)
        .filter(order::Column::CustomerId.eq(order.customer_id))
        .filter(order::Column::Number.lt(order.number))
        .select_only()
        .column(order::Column::Id)
        .into_tuple::<Uuid>()
        .one(conn)
        .await?;
    Ok(earlier.is_none())
}

/// Moves an order's placing (and payment) time into the past, its payment 20 minutes after
/// (demo data only: real orders happen now).
pub async fn backdate(
    conn: &TenantTransaction,
    id: Uuid,
    placed_at: chrono::DateTime<Utc>,
) -> Result<(), OrderError> {
    let paid_at = placed_at + Duration::minutes(20);
    conn.update_many::<order::Entity>()
        .col_expr(order::Column::CreatedAt, placed_at.into())
        .filter(order::Column::Id.eq(id))
        .exec(conn)
        .await?;
    conn.update_many::<order::Entity>()
        .col_expr(order::Column::PaidAt, paid_at.into())
        .filter(order::Column::Id.eq(id))
        .filter(order::Column::PaidAt.is_not_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// The numbers of the store's orders among `ids`.
pub async fn order_numbers(
    conn: &TenantTransaction,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<std::collections::HashMap<Uuid, i64>, OrderError> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows = order::Entity::find_in(conn.tenant())
        .filter(order::Column::Id.is_in(ids))
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|o| (o.id, o.number)).collect())
}
