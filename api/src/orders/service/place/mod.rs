//! Placing an order: price its lines, compute its totals, reserve its stock, verify it,
//! number it, write it and emit its event, in one transaction. `record.rs` holds the last
//! steps: what the order writes, and its number.

mod record;

use crate::db::TenantTransaction;
use record::{emit, number, order_row, write};

pub use crate::numbering::Numbering;

use chrono::{Duration, Utc};
use openapi::catalog::Status;
use openapi::orders::{OrderIn, OrderSettings, OrderStatus};
use openapi::tenancy::Currency;
use sea_orm::{ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter, QuerySelect, QueryTrait};
use uuid::Uuid;

use entity::amount::Amount;
use entity::{carrier_service, customer, order, order_line, product, variant};

use crate::access::Principal;
use crate::catalog::error::CatalogError;
use crate::catalog::service::channel::find_channel;
use crate::catalog::service::variant::variants_with_products;
use crate::inventory::service::reservation::{self, Hold};
use crate::orders::error::OrderError;
use crate::orders::service::credit;
use crate::orders::service::customer::{create_customer, find_customer, lock_customer};
use crate::orders::service::settings::settings_of;
use crate::orders::totals::{self, LinePrice};
use crate::orders::verification::{self, Facts};
use crate::tenancy::service::tenant::find_tenant;

use super::order::*;

/// Order numbers start here, so the first order of a store is #1001.
pub(super) const FIRST_NUMBER_OFFSET: i64 = 1000;
const DUPLICATE_WINDOW_MINUTES: i64 = 10;

/// The same lines in any order give the same key: how duplicates are recognised.
fn lines_key(lines: &[(Uuid, i64)]) -> String {
    let mut parts: Vec<String> = lines.iter().map(|(v, q)| format!("{v}x{q}")).collect();
    parts.sort();
    parts.join(",")
}

/// Places an order: prices its lines, reserves its stock (all lines or none, naming every SKU
/// that is short), verifies it (holding it on findings), then writes what refers to it with its
/// timeline and events, and last the numbered order row with its audit entry.
pub async fn place_order(
    txn: &TenantTransaction,
    numbering: Numbering<'_>,
    principal: &Principal,
    input: &OrderIn,
) -> Result<OrderView, OrderError> {
    let sale = sale(txn, principal, input).await?;
    let priced = price(txn, input, sale.currency).await?;
    let order_id = Uuid::now_v7();
    let lines = reserve(txn, principal, input, &sale, &priced, order_id).await?;
    let verdict = verify(txn, input, &sale, &priced).await?;
    let (timeline, events) = emit(principal, order_id, &sale, &priced, &verdict);
    write(txn, &lines, timeline, events).await?;
    let approve = verdict.approve;
    let order = order_row(txn.tenant(), order_id, input, &sale, &priced, verdict);
    let mut order = number(numbering, txn, principal, order, &priced, lines.len()).await?;
    if approve {
        order = move_to(txn, principal, order, OrderStatus::Approved, None).await?;
    }
    Ok(OrderView {
        order,
        lines,
        customer_name: sale.customer.name,
    })
}

/// Who sells to whom: the store's currency and language, the channel, the customer.
pub(super) struct Sale {
    currency: Currency,
    channel_id: Uuid,
    customer: customer::Model,
    settings: OrderSettings,
    shipping_service_id: Option<Uuid>,
    /// On credit terms: the customer's, frozen on the order; empty otherwise.
    terms: Vec<u16>,
}

async fn sale(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &OrderIn,
) -> Result<Sale, OrderError> {
    let store = find_tenant(conn).await?;
    let currency = store.currency;
    let store_locale = store.locale;
    let channel = find_channel(conn, input.channel_id).await?;
    if channel.status != Status::Active {
        return Err(OrderError::ChannelArchived);
    }
    let settings = settings_of(conn).await?;
    let shipping_service_id = shipping_service(conn, input, &settings).await?;
    let customer = match (&input.customer.id, &input.customer.new) {
        (Some(id), None) => find_customer(conn, *id).await?,
        (None, Some(new)) => create_customer(conn, principal, new, store_locale).await?,
        _ => {
            return Err(OrderError::invalid(
                "customer",
                "give either `id` of a customer or `new` with a new customer",
            ));
        }
    };
    let terms = terms_of_sale(input, &customer)?;
    Ok(Sale {
        currency,
        channel_id: channel.id,
        customer,
        settings,
        shipping_service_id,
        terms,
    })
}

/// The terms the order is placed on: the customer's, unless the order says it is not on terms.
fn terms_of_sale(input: &OrderIn, customer: &customer::Model) -> Result<Vec<u16>, OrderError> {
    let terms = credit::terms_of(customer);
    match input.on_terms {
        Some(false) => Ok(Vec::new()),
        Some(true) if terms.is_empty() => Err(OrderError::invalid(
            "on_terms",
            "the customer has no credit terms",
        )),
        _ => Ok(terms),
    }
}

/// Whether a carrier service of the store's is offered (active): logistics' table, read only.
pub(in crate::orders) async fn is_offered(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<bool, OrderError> {
    let offered = carrier_service::Entity::find_in(conn.tenant())
        .filter(carrier_service::Column::Id.eq(id))
        .filter(carrier_service::Column::Status.eq(Status::Active))
        .count(conn)
        .await?;
    Ok(offered > 0)
}

/// The service the order names, which must be offered, or else the store's default while it
/// is offered.
async fn shipping_service(
    conn: &TenantTransaction,
    input: &OrderIn,
    settings: &OrderSettings,
) -> Result<Option<Uuid>, OrderError> {
    match (
        input.shipping_service_id,
        settings.default_shipping_service_id,
    ) {
        (Some(id), _) if is_offered(conn, id).await? => Ok(Some(id)),
        (Some(_), _) => Err(OrderError::invalid(
            "shipping_service_id",
            "is no active carrier service of the store",
        )),
        (None, Some(id)) if is_offered(conn, id).await? => Ok(Some(id)),
        (None, _) => Ok(None),
    }
}

/// The lines' variants and prices, and the order's totals.
pub(super) struct Priced {
    items: Vec<(variant::Model, product::Model)>,
    prices: Vec<LinePrice>,
    totals: totals::Totals,
}

async fn price(
    conn: &TenantTransaction,
    input: &OrderIn,
    currency: Currency,
) -> Result<Priced, OrderError> {
    let catalog = variants_with_products(conn, input.lines.iter().map(|l| l.variant_id)).await?;
    let mut items = Vec::with_capacity(input.lines.len());
    let mut prices = Vec::with_capacity(input.lines.len());
    for line in &input.lines {
        let (variant, product) = catalog
            .get(&line.variant_id)
            .cloned()
            .ok_or(CatalogError::NotFound("variant"))?;
        prices.push(LinePrice {
            unit_price: line.unit_price.unwrap_or(variant.price.0),
            quantity: line.quantity,
            discount: line.discount.unwrap_or_default(),
        });
        items.push((variant, product));
    }
    let totals = totals::compute(
        &prices,
        input.discount.unwrap_or_default(),
        input.shipping_fee.unwrap_or_default(),
        currency,
    )?;
    Ok(Priced {
        items,
        prices,
        totals,
    })
}

/// Holds every line's stock (all or none; a shortage names every short line): the order's
/// lines. Reservation rows may be left queued on `txn`, for `write` to send with the lines.
async fn reserve(
    txn: &TenantTransaction,
    principal: &Principal,
    input: &OrderIn,
    sale: &Sale,
    priced: &Priced,
    order_id: Uuid,
) -> Result<Vec<order_line::Model>, OrderError> {
    let holds: Vec<Hold> = input
        .lines
        .iter()
        .map(|line| Hold {
            variant_id: line.variant_id,
            location_id: None,
            quantity: line.quantity,
            channel_id: Some(sale.channel_id),
            expires_at: None,
            reference: Some(("order".to_owned(), order_id)),
        })
        .collect();
    let held = reservation::hold_all(txn, principal, &holds).await?;
    reservation::same_length(
        input.lines.len(),
        priced.items.len(),
        "lines and their prices",
    )?;
    reservation::same_length(
        input.lines.len(),
        held.len(),
        "lines and their reservations",
    )?;
    let lines = input
        .lines
        .iter()
        .zip(&priced.items)
        .zip(held)
        .enumerate()
        .map(
            |(i, ((line, (variant, product)), held))| order_line::Model {
                tenant_id: txn.tenant(),
                id: Uuid::now_v7(),
                order_id,
                line_no: i as i32 + 1,
                variant_id: variant.id,
                sku: variant.sku.clone(),
                name: line_name(&product.name, &variant.options),
                quantity: line.quantity,
                unit_price: Amount(priced.prices[i].unit_price),
                discount: Amount(totals::round(priced.prices[i].discount, sale.currency)),
                total: Amount(priced.totals.line_totals[i]),
                location_id: held.location_id,
                reservation_id: held.id,
            },
        )
        .collect();
    Ok(lines)
}

/// What verification found, and so the order's first status; the lines' duplicate key;
/// whether its credit terms approve it.
pub(super) struct Verdict {
    lines_key: String,
    findings: Vec<verification::StoredFinding>,
    status: OrderStatus,
    approve: bool,
}

async fn verify(
    conn: &TenantTransaction,
    input: &OrderIn,
    sale: &Sale,
    priced: &Priced,
) -> Result<Verdict, OrderError> {
    let quantities: Vec<(Uuid, i64)> = input
        .lines
        .iter()
        .map(|l| (l.variant_id, l.quantity))
        .collect();
    let lines_key = lines_key(&quantities);
    // Locked only now, after the stock: held from here to the commit, not across the
    // placement, so one customer's orders queue for the shortest time.
    let customer = &lock_customer(conn, sale.customer.id).await?;
    let previous = previous_orders(conn, customer.id, &lines_key).await?;
    let on_terms = !sale.terms.is_empty();
    let credit = credit::credit_facts(conn, customer, sale.currency, on_terms).await?;
    let settings = &sale.settings;
    let findings = verification::run(&Facts {
        currency: sale.currency,
        customer_country: &customer.country,
        customer_tax_id: customer.tax_id.as_deref(),
        customer_email: customer.email.as_deref(),
        address: &input.shipping_address,
        total: priced.totals.total,
        first_order: previous.first,
        first_order_hold_above: settings.first_order_hold_above,
        duplicate_of: previous.duplicate_of,
        credit,
    });
    let status = if findings.is_empty() {
        OrderStatus::PendingPayment
    } else {
        OrderStatus::OnHold
    };
    Ok(Verdict {
        lines_key,
        approve: on_terms && findings.is_empty(),
        findings,
        status,
    })
}

fn line_name(product_name: &str, options: &serde_json::Value) -> String {
    let values: Vec<String> = options
        .as_object()
        .map(|map| {
            map.values()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if values.is_empty() {
        product_name.to_owned()
    } else {
        format!("{product_name} ({})", values.join(", "))
    }
}

struct PreviousOrders {
    first: bool,
    duplicate_of: Option<i64>,
}

async fn previous_orders(
    conn: &TenantTransaction,
    customer_id: Uuid,
    key: &str,
) -> Result<PreviousOrders, OrderError> {
    let tenant_id = conn.tenant();
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let of_customer =
        || order::Entity::find_in(tenant_id).filter(order::Column::CustomerId.eq(customer_id));
    let any = of_customer()
        .select_only()
        .column(order::Column::Id)
        .limit(1)
        .into_query();
    let since = Utc::now() - Duration::minutes(DUPLICATE_WINDOW_MINUTES);
    let duplicate = of_customer()
        .filter(order::Column::CreatedAt.gte(since))
        .filter(order::Column::LinesKey.eq(key))
        .filter(order::Column::Status.ne(OrderStatus::Cancelled))
        .select_only()
        .expr(Expr::col(order::Column::Number).max())
        .into_query();
    // Both in one read.
    let query = Query::select()
        .expr_as(Expr::exists(any), "any_order")
        .expr_as(
            Expr::SubQuery(None, Box::new(duplicate.into())),
            "duplicate_of",
        )
        .to_owned();
    let row = conn
        .query_one_raw(conn.get_database_backend().build(&query))
        .await?
        .ok_or_else(|| sea_orm::DbErr::RecordNotFound("previous orders".into()))?;
    Ok(PreviousOrders {
        first: !row.try_get::<bool>("", "any_order")?,
        duplicate_of: row.try_get("", "duplicate_of")?,
    })
}
