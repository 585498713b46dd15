//! A store at size: orders paid over the last year, each with one fulfilment and (once
//! packed) one shipment, written by multi-row inserts in big transactions. Most were
//! delivered, mostly on time; the last day's are still to ship; the last week's are on the
//! way; a few are late to ship, lost in transit, returned to sender or had a failed attempt.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::amount::Amount;
use entity::closed_sets::{Currency, FulfilmentStatus, OrderStatus, ShipmentStatus, Uf};
use entity::{fulfilment, order, shipment};
use rust_decimal::Decimal;
use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::{Value, json};
use uuid::Uuid;

use api::access::jwt::JwtKeys;

/// Rows per statement (orders have 27 columns; SQLite takes 32,766 parameters).
const CHUNK: usize = 1_000;
/// Rows per transaction.
const TRANSACTION: usize = 50_000;
/// Days the orders are spread over, up to now.
pub const SPAN_DAYS: i64 = 365;
const STATES: [&str; 12] = [
    "SP", "RJ", "MG", "RS", "PR", "SC", "BA", "PE", "CE", "GO", "DF", "AM",
];

pub struct Store {
    pub tenant_id: entity::TenantId,
    pub token: String,
    /// PAC, SEDEX.
    pub services: Vec<Uuid>,
    pub carrier_id: Uuid,
    location_id: Uuid,
    channel_id: Uuid,
    customer_id: Uuid,
    /// Prefix of its tracking codes.
    pub prefix: String,
    pub count: u64,
}

async fn post(http: &reqwest::Client, url: String, token: &str, body: Value) -> Value {
    let reply = http
        .post(url)
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(reply.status().is_success(), "{}", reply.status());
    reply.json().await.unwrap()
}

fn id(value: &Value) -> Uuid {
    value["id"].as_str().unwrap().parse().unwrap()
}

/// A store with a warehouse, a channel, a customer, and Correios with PAC and SEDEX.
pub async fn open_store(
    db: &DatabaseConnection,
    jwt: &JwtKeys,
    address: &str,
    prefix: &str,
) -> Store {
    let signed = crate::support::sign_up(db, jwt, &format!("Bench {prefix}")).await;
    let token = signed.session.access_token;
    let http = reqwest::Client::new();
    let api = |path: &str| format!("{address}/api/v1{path}");
    let channel = post(
        &http,
        api("/catalog/channels"),
        &token,
        json!({ "name": "Web", "kind": "web" }),
    )
    .await;
    let location = post(
        &http,
        api("/inventory/locations"),
        &token,
        json!({ "name": "CD", "code": "CD", "kind": "warehouse" }),
    )
    .await;
    let customer = post(
        &http,
        api("/customers"),
        &token,
        json!({ "name": "Cliente", "email": "cliente@example.com.br", "tax_id": "529.982.247-25" }),
    )
    .await;
    let carrier = post(
        &http,
        api("/logistics/carriers"),
        &token,
        json!({ "name": "Correios", "kind": "postal",
                "tracking_url": "https://rastreamento.correios.com.br/app/index.php?objeto={code}" }),
    )
    .await;
    let mut services = Vec::new();
    for code in ["PAC", "SEDEX"] {
        let path = format!("/logistics/carriers/{}/services", id(&carrier));
        let service = post(
            &http,
            api(&path),
            &token,
            json!({ "name": code, "code": code }),
        )
        .await;
        services.push(id(&service));
    }
    Store {
        tenant_id: signed.tenant.id,
        token,
        services,
        carrier_id: id(&carrier),
        location_id: id(&location),
        channel_id: id(&channel),
        customer_id: id(&customer),
        prefix: prefix.to_owned(),
        count: 0,
    }
}

/// A number from 0 to 999 that looks random and is the same for the same `n`.
fn dice(n: u64, salt: u64) -> u64 {
    let mut x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 31;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    (x ^ (x >> 29)) % 1_000
}

/// What became of the `n`th of `count` orders by `now`.
pub struct Fate {
    pub created: DateTime<Utc>,
    pub fulfilment: FulfilmentStatus,
    /// None before packing.
    pub shipment: Option<ShipmentStatus>,
    pub posted: Option<DateTime<Utc>>,
    pub delivered: Option<DateTime<Utc>>,
    pub ship_by: NaiveDate,
    pub deliver_by: NaiveDate,
    pub failed_attempts: i32,
}

pub fn fate(n: u64, count: u64, now: DateTime<Utc>) -> Fate {
    let span = Duration::days(SPAN_DAYS).num_seconds();
    let created = now - Duration::seconds(span * (count - n) as i64 / count as i64);
    let transit = 2 + (dice(n, 1) % 4) as i64;
    let ship_by = created.date_naive() + Duration::days(1);
    let deliver_by = ship_by + Duration::days(transit);
    let posted = created + Duration::hours(20);
    // One in ten arrives two days after its promise.
    let late_days = if dice(n, 2) < 100 { 2 } else { 0 };
    let delivered = posted + Duration::days(transit + late_days) - Duration::hours(6);
    let luck = dice(n, 3);
    let mut fate = Fate {
        created,
        fulfilment: FulfilmentStatus::Shipped,
        shipment: Some(ShipmentStatus::InTransit),
        posted: Some(posted),
        delivered: None,
        ship_by,
        deliver_by,
        failed_attempts: i32::from(luck % 20 == 3),
    };
    // Not picked yet and past its ship-by date: one in two hundred.
    let forgotten = luck < 5 && now - created < Duration::days(8);
    if posted > now || forgotten {
        let (status, shipment) = match luck % 10 {
            _ if forgotten => (FulfilmentStatus::Pending, None),
            0..=4 => (FulfilmentStatus::Pending, None),
            5..=7 => (FulfilmentStatus::Picking, None),
            _ => (FulfilmentStatus::Packed, Some(ShipmentStatus::Packed)),
        };
        fate.fulfilment = status;
        fate.shipment = shipment;
        fate.posted = None;
        fate.failed_attempts = 0;
    } else if luck == 10 {
        fate.shipment = Some(ShipmentStatus::ReturnedToSender);
    } else if delivered <= now && luck != 11 {
        // One in a thousand is lost on the way.
        fate.fulfilment = FulfilmentStatus::Delivered;
        fate.shipment = Some(ShipmentStatus::Delivered);
        fate.delivered = Some(delivered);
    }
    fate
}

fn order_status(fulfilment: FulfilmentStatus) -> OrderStatus {
    match fulfilment {
        FulfilmentStatus::Pending => OrderStatus::Paid,
        FulfilmentStatus::Picking | FulfilmentStatus::Packed => OrderStatus::Fulfilling,
        FulfilmentStatus::Delivered => OrderStatus::Delivered,
        _ => OrderStatus::Shipped,
    }
}

pub fn tracking_code(prefix: &str, n: u64) -> String {
    format!("{prefix}{n:09}BR")
}

fn money(cents: i64) -> Amount {
    Amount(Decimal::new(cents, 2))
}

fn address(state: &str) -> Value {
    json!({ "street": "Rua Augusta", "number": "100", "city": "São Paulo", "state": state,
            "postal_code": "01304-000", "country": "BR" })
}

/// The `n`th order's row.
fn order_row(
    store: &Store,
    n: u64,
    order_id: Uuid,
    fate: &Fate,
    state: &str,
    service_id: Uuid,
) -> order::Model {
    order::Model {
        tenant_id: store.tenant_id,
        id: order_id,
        number: n as i64 + 1,
        customer_id: store.customer_id,
        channel_id: store.channel_id,
        status: order_status(fate.fulfilment),
        currency: Currency::BRL,
        subtotal: money(9980),
        discount: money(0),
        shipping_fee: money(1500),
        total: money(11480),
        paid: money(11480),
        refunded: money(0),
        shipping_address: address(state),
        findings: json!([]),
        tags: json!([]),
        lines_key: format!("bench-{n}"),
        note: None,
        version: 3,
        created_at: fate.created,
        updated_at: fate.created,
        paid_at: Some(fate.created),
        cancelled_at: None,
        shipping_service_id: Some(service_id),
        ship_by: Some(fate.ship_by),
        promised_delivery: Some(fate.deliver_by),
        payment_terms: None,
    }
}

/// The rows of the `n`th order.
fn rows(
    store: &Store,
    n: u64,
    count: u64,
    now: DateTime<Utc>,
) -> (order::Model, fulfilment::Model, Option<shipment::Model>) {
    let fate = fate(n, count, now);
    let tenant_id = store.tenant_id;
    let state = STATES[dice(n, 4) as usize % STATES.len()];
    let service_id = store.services[usize::from(dice(n, 5) < 333)];
    let (order_id, fulfilment_id) = (Uuid::now_v7(), Uuid::now_v7());
    let order = order_row(store, n, order_id, &fate, state, service_id);
    let shipped = fate.posted;
    let fulfilment = fulfilment::Model {
        tenant_id,
        id: fulfilment_id,
        order_id,
        location_id: store.location_id,
        status: fate.fulfilment,
        service_id: Some(service_id),
        ship_by: Some(fate.ship_by),
        deliver_by: Some(fate.deliver_by),
        picked_at: shipped,
        packed_at: shipped,
        shipped_at: shipped,
        delivered_at: fate.delivered,
        cancelled_at: None,
        late_to_ship_at: None,
        late_in_transit_at: None,
        version: 4,
        created_at: fate.created,
        updated_at: fate.created,
    };
    let shipment = fate.shipment.map(|status| shipment::Model {
        tenant_id,
        id: Uuid::now_v7(),
        fulfilment_id,
        status,
        weight_grams: 500,
        length_mm: 200,
        width_mm: 150,
        height_mm: 80,
        service_id: Some(service_id),
        tracking_code: fate.posted.map(|_| tracking_code(&store.prefix, n)),
        cost: fate.posted.map(|_| money(2350)),
        destination_state: serde_json::from_value::<Uf>(json!(state)).ok(),
        failed_attempts: fate.failed_attempts,
        posted_at: fate.posted,
        delivered_at: fate.delivered,
        last_event_at: fate.delivered.or(fate.posted),
        version: 2,
        created_at: fate.created,
        updated_at: fate.created,
    });
    (order, fulfilment, shipment)
}

/// Writes `count` orders with their fulfilments and shipments into the store.
pub async fn fill(db: &DatabaseConnection, store: &mut Store, count: u64, now: DateTime<Utc>) {
    store.count = count;
    let mut n = 0;
    while n < count {
        let txn = api::db::begin_tenant(db, store.tenant_id, api::db::Access::Write)
            .await
            .unwrap();
        let end = (n + TRANSACTION as u64).min(count);
        while n < end {
            let stop = (n + CHUNK as u64).min(end);
            let (mut orders, mut fulfilments, mut shipments) = (Vec::new(), Vec::new(), Vec::new());
            for i in n..stop {
                let (o, f, s) = rows(store, i, count, now);
                orders.push(order::ActiveModel::from(o));
                fulfilments.push(fulfilment::ActiveModel::from(f));
                shipments.extend(s.map(shipment::ActiveModel::from));
            }
            order::Entity::insert_many(orders)
                .exec_without_returning(&txn)
                .await
                .unwrap();
            fulfilment::Entity::insert_many(fulfilments)
                .exec_without_returning(&txn)
                .await
                .unwrap();
            if !shipments.is_empty() {
                shipment::Entity::insert_many(shipments)
                    .exec_without_returning(&txn)
                    .await
                    .unwrap();
            }
            n = stop;
        }
        txn.commit().await.unwrap();
    }
}
