//! Placing an order: price its lines, compute its totals, reserve its stock, verify it,
//! number it, write it and emit its event, in one transaction.

use chrono::{Duration, Utc};
use openapi::catalog::Status;
use openapi::orders::{OrderIn, OrderStatus};
use openapi::tenancy::{Currency, Locale};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::{order, order_event, order_line};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::batch_write::{Row, write_together};
use crate::catalog::error::CatalogError;
use crate::catalog::service::channel::find_channel;
use crate::catalog::service::variant::variants_with_products;
use crate::db;
use crate::i18n::{Arg, Key, Message};
use crate::inventory::service::reservation::{self, Hold};
use crate::numbering::insert_numbered;
use crate::orders::error::OrderError;
use crate::orders::service::customer::{create_customer, lock_customer};
use crate::orders::service::settings::settings_of;
use crate::orders::totals::{self, LinePrice};
use crate::orders::verification::{self, Facts};
use crate::outbox;
use crate::tenancy::service::tenant::find_tenant;

/// Order numbers start here, so the first order of a store is #1001.
use super::moves::event;
use super::order::*;

/// Order numbers start here, so the first order of a store is #1001.
const FIRST_NUMBER_OFFSET: i64 = 1000;
const DUPLICATE_WINDOW_MINUTES: i64 = 10;

/// The same lines in any order give the same key: how duplicates are recognised.
fn lines_key(lines: &[(Uuid, i64)]) -> String {
    let mut parts: Vec<String> = lines.iter().map(|(v, q)| format!("{v}x{q}")).collect();
    parts.sort();
    parts.join(",")
}

/// Places an order: prices its lines, computes its totals, reserves its stock (all lines or
/// none, naming every SKU that is short), runs verification, and holds it on findings.
pub async fn place_order(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    input: &OrderIn,
) -> Result<OrderView, OrderError> {
    let tenant_id = principal.tenant_id;
    let store = find_tenant(conn, tenant_id).await?;
    let currency = Currency::parse(&store.currency).unwrap_or(Currency::BRL);
    let store_locale = Locale::parse(&store.locale).unwrap_or(Locale::PtBr);

    let channel = find_channel(conn, tenant_id, input.channel_id).await?;
    if channel.status != Status::Active.as_str() {
        return Err(OrderError::ChannelArchived);
    }
    let customer = match (&input.customer.id, &input.customer.new) {
        (Some(id), None) => lock_customer(conn, tenant_id, *id).await?,
        (None, Some(new)) => create_customer(conn, principal, new, store_locale).await?,
        _ => {
            return Err(OrderError::invalid(
                "customer",
                "give either `id` of a customer or `new` with a new customer",
            ));
        }
    };

    let catalog =
        variants_with_products(conn, tenant_id, input.lines.iter().map(|l| l.variant_id)).await?;
    let mut priced = Vec::with_capacity(input.lines.len());
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
        priced.push((variant, product));
    }
    let totals = totals::compute(
        &prices,
        input.discount.unwrap_or_default(),
        input.shipping_fee.unwrap_or_default(),
        currency,
    )?;

    let order_id = Uuid::now_v7();
    let holds: Vec<Hold> = input
        .lines
        .iter()
        .map(|line| Hold {
            variant_id: line.variant_id,
            location_id: None,
            quantity: line.quantity,
            channel_id: Some(channel.id),
            expires_at: None,
            reference: Some(("order".to_owned(), order_id)),
        })
        .collect();
    // All lines or none; a shortage names every line that is short. The reservation rows are
    // written below, with the lines.
    let (held, holding) = reservation::hold_all(conn, principal, &holds).await?;
    reservation::same_length(input.lines.len(), priced.len(), "lines and their prices")?;
    reservation::same_length(
        input.lines.len(),
        held.len(),
        "lines and their reservations",
    )?;
    let lines: Vec<order_line::Model> = input
        .lines
        .iter()
        .zip(&priced)
        .zip(held)
        .enumerate()
        .map(
            |(i, ((line, (variant, product)), held))| order_line::Model {
                tenant_id,
                id: Uuid::now_v7(),
                order_id,
                line_no: i as i32 + 1,
                variant_id: variant.id,
                sku: variant.sku.clone(),
                name: line_name(&product.name, &variant.options),
                quantity: line.quantity,
                unit_price: Amount(prices[i].unit_price),
                discount: Amount(totals::round(prices[i].discount, currency)),
                total: Amount(totals.line_totals[i]),
                location_id: held.location_id,
                reservation_id: held.id,
            },
        )
        .collect();

    let key = lines_key(
        &input
            .lines
            .iter()
            .map(|l| (l.variant_id, l.quantity))
            .collect::<Vec<_>>(),
    );
    let previous = previous_orders(conn, tenant_id, customer.id, &key).await?;
    let settings = settings_of(conn, tenant_id).await?;
    let address = input.shipping_address.clone();
    let findings = verification::run(&Facts {
        currency,
        customer_country: &customer.country,
        customer_tax_id: customer.tax_id.as_deref(),
        customer_email: customer.email.as_deref(),
        address: &address,
        total: totals.total,
        first_order: previous.first,
        first_order_hold_above: settings.first_order_hold_above,
        duplicate_of: previous.duplicate_of,
    });
    let status = if findings.is_empty() {
        OrderStatus::PendingPayment
    } else {
        OrderStatus::OnHold
    };

    // Everything that refers to the order is written before the order row (the references are
    // checked at commit), so that the gapless number, whose counter stays locked until commit,
    // is taken last: orders placed at once wait on one another only for these last statements.
    db::defer_foreign_keys(conn).await?;
    let backend = conn.get_database_backend();
    let mut events = vec![event(
        principal,
        tenant_id,
        order_id,
        "placed",
        None,
        Some(OrderStatus::PendingPayment),
        Message::new(Key::OrderPlaced).with("total", Arg::money(totals.total, currency)),
    )];
    let mut emitted = vec![("order.placed", json!({ "order_id": order_id }))];
    if status == OrderStatus::OnHold {
        let reasons: Vec<Message> = findings.iter().map(|f| f.message.clone()).collect();
        events.push(event(
            principal,
            tenant_id,
            order_id,
            "held",
            Some(OrderStatus::PendingPayment),
            Some(OrderStatus::OnHold),
            Message::new(Key::OrderHeld).with("findings", reasons),
        ));
        emitted.push(("order.held", json!({ "order_id": order_id })));
    }
    let mut writes = vec![
        order_line::Entity::insert_many(lines.iter().cloned().map(order_line::ActiveModel::from))
            .build(backend),
        order_event::Entity::insert_many(events.into_iter().map(order_event::ActiveModel::from))
            .build(backend),
    ];
    writes.extend(outbox::emit_all(backend, tenant_id, emitted));
    writes.extend(holding.0);
    write_together(conn, writes).await?;

    let now = Utc::now();
    let mut order = order::Model {
        tenant_id,
        id: order_id,
        // Set by the numbering below.
        number: 0,
        customer_id: customer.id,
        channel_id: channel.id,
        status: status.as_str().to_owned(),
        currency: currency.as_str().to_owned(),
        subtotal: Amount(totals.subtotal),
        discount: Amount(totals.discount),
        shipping_fee: Amount(totals.shipping_fee),
        total: Amount(totals.total),
        paid: Amount(totals::round(Decimal::ZERO, currency)),
        refunded: Amount(totals::round(Decimal::ZERO, currency)),
        shipping_address: json!(address),
        findings: json!(findings),
        lines_key: key,
        note: input.note.clone(),
        version: 1,
        created_at: now,
        updated_at: now,
        paid_at: None,
        cancelled_at: None,
    };
    // The number, the order row and its audit entry: one statement on PostgreSQL.
    let number = insert_numbered(conn, tenant_id, "order", |number| {
        let mut row = Row::of(order::ActiveModel::from(order.clone()))?;
        row.set_expr(order::Column::Number, number.plus(FIRST_NUMBER_OFFSET))?;
        let placed = Change {
            action: "order.place",
            entity_type: "order",
            entity_id: Some(order.id),
            before: None,
            after: Some(json!({
                "status": order.status,
                "total": totals.total,
                "lines": lines.len(),
            })),
        };
        let entry = audit::entry_row_filled(principal, placed, |changes| {
            number.in_json(changes, &["after", "number"], FIRST_NUMBER_OFFSET)
        })?;
        Ok(vec![row, entry])
    })
    .await?;
    order.number = number + FIRST_NUMBER_OFFSET;
    Ok(OrderView {
        order,
        lines,
        customer_name: customer.name,
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
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    customer_id: Uuid,
    key: &str,
) -> Result<PreviousOrders, OrderError> {
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
        .filter(order::Column::Status.ne(OrderStatus::Cancelled.as_str()))
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
