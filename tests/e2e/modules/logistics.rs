//! Logistics: carriers, their services and transit tables; fulfilments, shipments and their
//! tracking.

use serde_json::json;

use super::{Ids, Made, ModuleTests};
use crate::harness::TestApp;
use crate::harness::shop::{Shop, new_customer};
use crate::isolation::fixtures::{Target, created, id_of};
use crate::isolation::spec::Operation;

pub const TESTS: ModuleTests = ModuleTests {
    name: "logistics",
    fixtures: &[
        ("/api/v1/logistics/carriers/{id}", carrier),
        ("/api/v1/logistics/locations/{id}", location),
        ("/api/v1/logistics/returns/{id}", super::returns::a_return),
        ("/api/v1/logistics/services/{id}", service),
        ("/api/v1/logistics/fulfilments/{id}", fulfilment),
        ("/api/v1/logistics/shipments/{id}", shipment),
    ],
    fill,
    kinds: &[
        ("carrier", carrier_of_store),
        ("carrier_service", carrier_service),
    ],
    query_ids: &[
        ("location_id", "location"),
        ("service_id", "carrier_service"),
        ("carrier_id", "carrier"),
        // The fulfilments and the returns of an order.
        ("order_id", "order"),
    ],
    // A return line (`receive`): any id of another store answers as a line that is none.
    body_ids: &[
        ("order_id", "order"),
        ("order_line_id", "order_line"),
        ("line_id", "purchase_order_line"),
        ("location_id", "location"),
    ],
    ..super::NONE
};

async fn new_carrier(app: &TestApp, shop: &Shop, name: &str) -> serde_json::Value {
    let body = json!({ "name": name, "kind": "courier" });
    created(app, shop, "/api/v1/logistics/carriers", body).await
}

async fn new_service(app: &TestApp, shop: &Shop, name: &str) -> serde_json::Value {
    let carrier = new_carrier(app, shop, name).await;
    let path = format!("/api/v1/logistics/carriers/{}/services", id_of(&carrier));
    created(
        app,
        shop,
        &path,
        json!({ "name": "Expresso", "code": "EXP" }),
    )
    .await
}

fn carrier<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move { Target::id(id_of(&new_carrier(app, shop, &name).await)) })
}

/// A location of the store with its handling time set.
fn location<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let code = format!("H{}", &name[name.len().saturating_sub(8)..]);
        let location = app.create_location(&shop.owner, &code).await;
        put_handling(app, shop, &location).await;
        Target::id(location)
    })
}

async fn put_handling(app: &TestApp, shop: &Shop, location: &str) {
    let path = format!("/api/v1/logistics/locations/{location}/handling");
    app.call(reqwest::Method::PUT, &path)
        .as_(&shop.owner)
        .json(&json!({ "handling_days": 2 }))
        .send()
        .await
        .expect(200);
}

/// A service with a one-row transit table.
fn service<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let service = new_service(app, shop, &name).await;
        put_rows(app, shop, &service).await;
        Target::id(id_of(&service))
    })
}

async fn put_rows(app: &TestApp, shop: &Shop, service: &serde_json::Value) {
    let path = format!(
        "/api/v1/logistics/services/{}/transit-times",
        id_of(service)
    );
    app.call(reqwest::Method::PUT, &path)
        .as_(&shop.owner)
        .json(&json!({ "rows": [{ "state": "SP", "days": 2 }] }))
        .send()
        .await
        .expect(200);
}

/// A carrier with a service and its transit table; the main location's handling time; a
/// paid order's fulfilment picked, packed, counted for the scorecard, shipped and tracked.
fn fill<'a>(app: &'a TestApp, shop: &'a Shop) -> Made<'a, ()> {
    Box::pin(async move {
        let service = new_service(app, shop, "Transportadora de teste").await;
        put_rows(app, shop, &service).await;
        put_handling(app, shop, &shop.location).await;
        let fulfilment = paid_fulfilment(app, shop, &service, "FILL").await;
        let shipment = packed_shipment(app, shop, &fulfilment).await;
        let code = format!("TR{}", &fulfilment[fulfilment.len() - 10..]);
        // The sweep counts the store for the scorecard (a row of `scorecard_builds`); the
        // shipment is then counted as it ships (one of `scorecard_days`).
        api::logistics::service::fulfilment::late::mark_late(app.db(), chrono::Utc::now())
            .await
            .unwrap();
        ship(app, shop, &shipment, &code).await;
        app.post("/api/v1/logistics/tracking-events")
            .as_(&shop.owner)
            .json(
                &json!({ "events": [{ "tracking_code": code, "carrier_event_id": "fill-1",
                "status": "in_transit", "occurred_at": "2026-11-24T09:00:00Z" }] }),
            )
            .send()
            .await
            .expect(200);
        super::returns::fill_returns(app, shop).await;
    })
}

/// The fulfilment of a new paid order shipped by `service` (once the outbox opened it).
async fn paid_fulfilment(
    app: &TestApp,
    shop: &Shop,
    service: &serde_json::Value,
    name: &str,
) -> String {
    let variant = shop
        .stocked_variant(app, &format!("F-{name}"), "30.00", 5)
        .await;
    let mut body = shop.order_body(
        new_customer(&format!("Cliente {name}"), "pt-BR"),
        json!([{ "variant_id": variant, "quantity": 1 }]),
    );
    body["shipping_service_id"] = json!(id_of(service));
    let order = shop
        .place(app, &format!("f-{name}"), &body)
        .await
        .expect(201)
        .body;
    shop.pay(app, id_of(&order), "30.00", &format!("pay-{name}"))
        .await
        .expect(201);
    first_fulfilment(app, shop, &id_of(&order)).await
}

/// The first fulfilment of a paid order, once the outbox has opened it.
pub async fn first_fulfilment(app: &TestApp, shop: &Shop, order_id: &str) -> String {
    let path = format!("/api/v1/logistics/fulfilments?order_id={order_id}");
    let first: serde_json::Value = app.first_when_made(&shop.owner, &path).await;
    id_of(&first)
}

/// The fulfilment picked and packed in one package: the package's shipment.
async fn packed_shipment(app: &TestApp, shop: &Shop, fulfilment: &str) -> String {
    let base = format!("/api/v1/logistics/fulfilments/{fulfilment}");
    app.post(&format!("{base}/pick"))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    let packed = app
        .post(&format!("{base}/pack"))
        .as_(&shop.owner)
        .json(&json!({ "packages": [{ "weight_grams": 400, "length_mm": 200, "width_mm": 100, "height_mm": 50 }] }))
        .send()
        .await
        .expect(200)
        .body;
    id_of(&packed["shipments"][0])
}

async fn ship(app: &TestApp, shop: &Shop, shipment: &str, code: &str) {
    app.post(&format!("/api/v1/logistics/shipments/{shipment}/ship"))
        .as_(&shop.owner)
        .json(&json!({ "tracking_code": code }))
        .send()
        .await
        .expect(200);
}

fn fulfilment<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let service = new_service(app, shop, &name).await;
        put_rows(app, shop, &service).await;
        Target::id(paid_fulfilment(app, shop, &service, &name).await)
    })
}

fn shipment<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let service = new_service(app, shop, &name).await;
        put_rows(app, shop, &service).await;
        let fulfilment = paid_fulfilment(app, shop, &service, &name).await;
        Target::id(packed_shipment(app, shop, &fulfilment).await)
    })
}

/// A carrier with one service, whose transit table covers São Paulo.
fn carrier_service<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Ids,
    name: &'a str,
) -> Made<'a, Vec<String>> {
    Box::pin(async move {
        let service = new_service(app, shop, &format!("Transportadora {name}")).await;
        put_rows(app, shop, &service).await;
        vec![id_of(&service)]
    })
}

/// A carrier of the store (the scorecard's `carrier_id`).
fn carrier_of_store<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Ids,
    name: &'a str,
) -> Made<'a, Vec<String>> {
    Box::pin(async move {
        let carrier = new_carrier(app, shop, &format!("Transportes {name}")).await;
        vec![id_of(&carrier)]
    })
}
