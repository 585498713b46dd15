//! Orders: placing one (prices, totals, stock reserved, verification), reading them, and
//! moving them through the state machine.

use chrono::{Duration, Utc};
use openapi::catalog::Status;
use openapi::format;
use openapi::orders::{Address, Finding, OrderIn, OrderQuery, OrderStatus};
use openapi::tenancy::{Currency, Locale};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::{audit_event, customer, order, order_event, order_line};

use crate::audit::service::{self as audit, Change};
use crate::auth::principal::Principal;
use crate::batch_write::{Row, write_together};
use crate::catalog::error::CatalogError;
use crate::catalog::service::channel::find_channel;
use crate::catalog::service::variant::variants_with_products;
use crate::db;
use crate::inventory::service::reservation::{self, Ending, Hold};
use crate::numbering::insert_numbered;
use crate::orders::balance;
use crate::orders::error::OrderError;
use crate::orders::service::customer::{create_customer, lock_customer};
use crate::orders::service::settings::settings_of;
use crate::orders::state::{self, Trigger};
use crate::orders::totals::{self, LinePrice};
use crate::orders::verification::{self, Facts};
use crate::outbox;
use crate::pagination::{PageRequest, Paged};
use crate::tenancy::service::tenant::find_tenant;
use crate::text_search as search;

/// Order numbers start here, so the first order of a store is #1001.
const FIRST_NUMBER_OFFSET: i64 = 1000;
const DUPLICATE_WINDOW_MINUTES: i64 = 10;

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
    OrderStatus::parse(&order.status).unwrap_or(OrderStatus::OnHold)
}

pub fn currency_of(order: &order::Model) -> Currency {
    Currency::parse(&order.currency).unwrap_or(Currency::BRL)
}

pub fn address_of(order: &order::Model) -> Address {
    serde_json::from_value(order.shipping_address.clone()).unwrap_or_default()
}

pub fn findings_of(order: &order::Model) -> Vec<Finding> {
    serde_json::from_value(order.findings.clone()).unwrap_or_default()
}

/// `#1001`.
pub fn reference_of(order: &order::Model) -> String {
    format!("#{}", order.number)
}

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
        locale: store_locale,
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
    let total_words = format::money(totals.total, currency, store_locale);
    let mut events = vec![event(
        principal,
        tenant_id,
        order_id,
        "placed",
        None,
        Some(OrderStatus::PendingPayment),
        match store_locale {
            Locale::PtBr => format!("Pedido recebido: {total_words}."),
            Locale::Es => format!("Pedido recibido: {total_words}."),
            Locale::En => format!("Order placed: {total_words}."),
        },
    )];
    let mut emitted = vec![("order.placed", json!({ "order_id": order_id }))];
    if status == OrderStatus::OnHold {
        let reasons: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        events.push(event(
            principal,
            tenant_id,
            order_id,
            "held",
            Some(OrderStatus::PendingPayment),
            Some(OrderStatus::OnHold),
            reasons.join(" "),
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
        let entry = audit::entry(principal, placed);
        let changes = entry.changes.clone().take().unwrap_or_default();
        let mut entry = Row::of(entry)?;
        let numbered = number.in_json(changes, &["after", "number"], FIRST_NUMBER_OFFSET);
        entry.set_expr(audit_event::Column::Changes, numbered)?;
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

/// Writes an entry of the order's timeline.
pub async fn record_event(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    order: &order::Model,
    kind: &str,
    from: Option<OrderStatus>,
    to: Option<OrderStatus>,
    message: String,
) -> Result<(), OrderError> {
    let entry = event(
        principal,
        order.tenant_id,
        order.id,
        kind,
        from,
        to,
        message,
    );
    order_event::Entity::insert(order_event::ActiveModel::from(entry))
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

fn event(
    principal: &Principal,
    tenant_id: Uuid,
    order_id: Uuid,
    kind: &str,
    from: Option<OrderStatus>,
    to: Option<OrderStatus>,
    message: String,
) -> order_event::Model {
    order_event::Model {
        tenant_id,
        id: Uuid::now_v7(),
        order_id,
        kind: kind.to_owned(),
        from_status: from.map(|s| s.as_str().to_owned()),
        to_status: to.map(|s| s.as_str().to_owned()),
        message,
        actor_id: principal.recorded_actor_id(),
        at: Utc::now(),
    }
}

fn order_by_id(tenant_id: Uuid, id: Uuid) -> sea_orm::Select<order::Entity> {
    order::Entity::find_in(tenant_id).filter(order::Column::Id.eq(id))
}

pub async fn find_order(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<order::Model, OrderError> {
    order_by_id(tenant_id, id)
        .one(conn)
        .await?
        .ok_or(OrderError::NotFound("order"))
}

/// The order, locked for this transaction (PostgreSQL; SQLite writers are serialised anyway).
pub async fn lock_order(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<order::Model, OrderError> {
    order_by_id(tenant_id, id)
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or(OrderError::NotFound("order"))
}

pub async fn lines_of(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    order_ids: Vec<Uuid>,
) -> Result<Vec<order_line::Model>, OrderError> {
    Ok(order_line::Entity::find_in(tenant_id)
        .filter(order_line::Column::OrderId.is_in(order_ids))
        .order_by_asc(order_line::Column::LineNo)
        .all(conn)
        .await?)
}

pub async fn get_order(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<OrderView, OrderError> {
    let order = find_order(conn, tenant_id, id).await?;
    views(conn, tenant_id, vec![order])
        .await?
        .pop()
        .ok_or(OrderError::NotFound("order"))
}

async fn views(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    orders: Vec<order::Model>,
) -> Result<Vec<OrderView>, OrderError> {
    let mut lines = lines_of(conn, tenant_id, orders.iter().map(|o| o.id).collect()).await?;
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
    conn: &impl ConnectionTrait,
    principal: &Principal,
    query: &OrderQuery,
    page: PageRequest,
) -> Result<Paged<OrderView>, OrderError> {
    let tenant_id = principal.tenant_id;
    let mut select = order::Entity::find_in(tenant_id);
    if let Some(status) = query.status {
        select = select.filter(order::Column::Status.eq(status.as_str()));
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
        items: views(conn, tenant_id, paged.items).await?,
        next_cursor: paged.next_cursor,
    })
}

pub async fn timeline(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    order_id: Uuid,
) -> Result<Vec<order_event::Model>, OrderError> {
    find_order(conn, tenant_id, order_id).await?;
    Ok(order_event::Entity::find_in(tenant_id)
        .filter(order_event::Column::OrderId.eq(order_id))
        .order_by_asc(order_event::Column::Id)
        .all(conn)
        .await?)
}

/// Moves an order at staff's request (see `state`). Cancelling gives the stock back and
/// refunds what was paid; releasing a fully paid order from hold makes it paid.
pub async fn transition(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    id: Uuid,
    to: OrderStatus,
    reason: Option<&str>,
    expected_version: Option<i32>,
) -> Result<OrderView, OrderError> {
    let tenant_id = principal.tenant_id;
    let order = lock_order(conn, tenant_id, id).await?;
    if expected_version.is_some_and(|v| v != order.version) {
        return Err(OrderError::Stale {
            what: "the order",
            current: order.version,
        });
    }
    let from = status_of(&order);
    if !state::allows(from, to, Trigger::Staff) {
        return Err(OrderError::IllegalTransition {
            from,
            to,
            allowed: state::staff_moves_from(from),
        });
    }
    let locale = store_locale(conn, tenant_id).await?;
    let order = move_to(conn, principal, order, to, reason, locale).await?;
    // A fully paid order released from hold goes on to `paid`.
    let order = if to == OrderStatus::PendingPayment && balance::covered(&order) {
        move_to(conn, principal, order, OrderStatus::Paid, None, locale).await?
    } else {
        order
    };
    if to == OrderStatus::Cancelled {
        refund_rest(conn, principal, &order, locale).await?;
    }
    get_order(conn, tenant_id, order.id).await
}

pub async fn store_locale(
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
) -> Result<Locale, OrderError> {
    let store = find_tenant(conn, tenant_id).await?;
    Ok(Locale::parse(&store.locale).unwrap_or(Locale::PtBr))
}

/// Writes the move (the caller checked it is allowed) with its stock effects, timeline entry,
/// audit entry and event.
pub async fn move_to(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    order: order::Model,
    to: OrderStatus,
    reason: Option<&str>,
    locale: Locale,
) -> Result<order::Model, OrderError> {
    let from = status_of(&order);
    let lines = lines_of(conn, order.tenant_id, vec![order.id]).await?;
    let reservations: Vec<Uuid> = lines.iter().map(|line| line.reservation_id).collect();
    match to {
        OrderStatus::Paid => {
            reservation::end_reservations(conn, principal, &reservations, Ending::Committed)
                .await?;
        }
        OrderStatus::Cancelled if state::holds_reservations(from) => {
            reservation::end_reservations(conn, principal, &reservations, Ending::Released).await?;
        }
        OrderStatus::Cancelled => {
            reservation::return_all_committed(conn, principal, &reservations).await?;
        }
        _ => {}
    }
    let now = Utc::now();
    let mut after = order.clone();
    after.status = to.as_str().to_owned();
    after.version += 1;
    after.updated_at = now;
    if to == OrderStatus::Paid {
        after.paid_at = Some(now);
    }
    if to == OrderStatus::Cancelled {
        after.cancelled_at = Some(now);
    }
    let updated = order::Entity::update_many()
        .set(order::ActiveModel::from(after.clone()).reset_all())
        .filter(order::Column::TenantId.eq(order.tenant_id))
        .filter(order::Column::Id.eq(order.id))
        .filter(order::Column::Version.eq(order.version))
        .exec(conn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(OrderError::Stale {
            what: "the order",
            current: order.version + 1,
        });
    }
    let mut message = moved_words(locale, from, to);
    if let Some(reason) = reason {
        message = format!("{message} {reason}");
    }
    record_event(
        conn,
        principal,
        &after,
        to.as_str(),
        Some(from),
        Some(to),
        message,
    )
    .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "order.transition",
            entity_type: "order",
            entity_id: Some(order.id),
            before: Some(json!({ "status": from.as_str() })),
            after: Some(json!({ "status": to.as_str(), "reason": reason })),
        },
    )
    .await?;
    outbox::emit(
        conn,
        order.tenant_id,
        state::event_of(to),
        json!({ "order_id": order.id, "from": from.as_str() }),
    )
    .await?;
    Ok(after)
}

fn moved_words(locale: Locale, from: OrderStatus, to: OrderStatus) -> String {
    let (from, to) = (status_words(locale, from), status_words(locale, to));
    match locale {
        Locale::PtBr => format!("De {from} para {to}."),
        Locale::Es => format!("De {from} a {to}."),
        Locale::En => format!("From {from} to {to}."),
    }
}

/// A state in words, in the store's language.
pub fn status_words(locale: Locale, status: OrderStatus) -> &'static str {
    use OrderStatus::*;
    match (locale, status) {
        (Locale::PtBr, PendingPayment) => "aguardando pagamento",
        (Locale::PtBr, OnHold) => "em análise",
        (Locale::PtBr, Paid) => "pago",
        (Locale::PtBr, Fulfilling) => "em separação",
        (Locale::PtBr, Shipped) => "enviado",
        (Locale::PtBr, Delivered) => "entregue",
        (Locale::PtBr, Completed) => "concluído",
        (Locale::PtBr, Refunded) => "reembolsado",
        (Locale::PtBr, Cancelled) => "cancelado",
        (Locale::Es, PendingPayment) => "pendiente de pago",
        (Locale::Es, OnHold) => "en revisión",
        (Locale::Es, Paid) => "pagado",
        (Locale::Es, Fulfilling) => "en preparación",
        (Locale::Es, Shipped) => "enviado",
        (Locale::Es, Delivered) => "entregado",
        (Locale::Es, Completed) => "completado",
        (Locale::Es, Refunded) => "reembolsado",
        (Locale::Es, Cancelled) => "cancelado",
        (Locale::En, PendingPayment) => "pending payment",
        (Locale::En, OnHold) => "on hold",
        (Locale::En, Paid) => "paid",
        (Locale::En, Fulfilling) => "fulfilling",
        (Locale::En, Shipped) => "shipped",
        (Locale::En, Delivered) => "delivered",
        (Locale::En, Completed) => "completed",
        (Locale::En, Refunded) => "refunded",
        (Locale::En, Cancelled) => "cancelled",
    }
}

/// On cancellation, gives back whatever was paid and not yet refunded.
async fn refund_rest(
    conn: &impl ConnectionTrait,
    principal: &Principal,
    order: &order::Model,
    locale: Locale,
) -> Result<(), OrderError> {
    let refundable = balance::net_received(order);
    if refundable > Decimal::ZERO {
        let reason = match locale {
            Locale::PtBr => "Pedido cancelado",
            Locale::Es => "Pedido cancelado",
            Locale::En => "Order cancelled",
        };
        let order = order.clone();
        crate::orders::service::payment::give_back(
            conn,
            principal,
            order,
            refundable,
            Some(reason),
        )
        .await?;
    }
    Ok(())
}

/// Changes the order's paid or refunded sum (the caller holds the order's lock).
pub async fn set_money(
    conn: &impl ConnectionTrait,
    order: &order::Model,
    paid: Decimal,
    refunded: Decimal,
) -> Result<order::Model, OrderError> {
    let mut after = order.clone();
    after.paid = Amount(paid);
    after.refunded = Amount(refunded);
    after.version += 1;
    after.updated_at = Utc::now();
    order::ActiveModel {
        paid: sea_orm::ActiveValue::Set(after.paid),
        refunded: sea_orm::ActiveValue::Set(after.refunded),
        version: sea_orm::ActiveValue::Set(after.version),
        updated_at: sea_orm::ActiveValue::Set(after.updated_at),
        ..order::ActiveModel::from(order.clone())
    }
    .update(conn)
    .await?;
    Ok(after)
}

/// Whether no earlier order of the same customer exists (cancelled ones count: the customer
/// is known to the store).
pub async fn is_first_order(
    conn: &impl ConnectionTrait,
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
    conn: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
    placed_at: chrono::DateTime<Utc>,
) -> Result<(), OrderError> {
    let paid_at = placed_at + Duration::minutes(20);
    order::Entity::update_many()
        .col_expr(order::Column::CreatedAt, placed_at.into())
        .filter(order::Column::TenantId.eq(tenant_id))
        .filter(order::Column::Id.eq(id))
        .exec(conn)
        .await?;
    order::Entity::update_many()
        .col_expr(order::Column::PaidAt, paid_at.into())
        .filter(order::Column::TenantId.eq(tenant_id))
        .filter(order::Column::Id.eq(id))
        .filter(order::Column::PaidAt.is_not_null())
        .exec(conn)
        .await?;
    Ok(())
}
