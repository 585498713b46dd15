//! Logistics in the browser: the fulfilments list, a fulfilment picked, packed into two
//! packages and shipped from its page, and the pick list of a location. The demo store has no
//! fulfilments of its own: each test pays an order of it with a shipping service.

use std::time::Duration;

use openapi::Page;
use openapi::auth::{ApiKeyCreatedOut, ApiKeyIn, Permission};
use openapi::catalog::ChannelOut;
use openapi::inventory::StockLevelOut;
use openapi::logistics::{
    CarrierOut, FulfilmentOut, FulfilmentStatus, FulfilmentSummary, ShipmentStatus,
};
use openapi::orders::{OrderIn, OrderOut, PaymentIn, PaymentMethod};
use openapi::tenancy::Locale;
use serde_json::json;
use uuid::Uuid;

use super::{demo_app, demo_owner, sign_in};
use crate::harness::browser::Browser;
use crate::harness::client::Session;
use crate::harness::fixtures::{address_in, line, new_buyer};
use crate::harness::{Backend, TestApp};

/// An order of the demo store for SEDEX, of a SKU it has stock of, paid now: the order and
/// its (one) fulfilment, once the worker has made it.
pub async fn paid_demo_order(app: &TestApp, owner: &Session, key: &str) -> (OrderOut, Uuid) {
    let channels: Page<ChannelOut> = app
        .get("/api/v1/catalog/channels")
        .as_(owner)
        .returns(200)
        .await;
    let levels: Page<StockLevelOut> = app
        .get("/api/v1/inventory/levels?limit=100")
        .as_(owner)
        .returns(200)
        .await;
    let level = levels
        .items
        .iter()
        .find(|l| l.available >= 4)
        .expect("the demo store has stock");
    let order = OrderIn {
        customer: new_buyer(&format!("Cliente {key}"), Locale::PtBr),
        channel_id: channels.items[0].id,
        lines: vec![line(level.variant_id, 2)],
        shipping_address: address_in(),
        shipping_fee: None,
        discount: None,
        note: None,
        shipping_service_id: Some(sedex(app, owner).await),
        on_terms: None,
    };
    let placed: OrderOut = app
        .post("/api/v1/orders")
        .as_(owner)
        .header("Idempotency-Key", key)
        .json(&order)
        .returns(201)
        .await;
    let payment = PaymentIn {
        method: PaymentMethod::Pix,
        amount: placed.total,
        reference: Some(format!("pix-{key}")),
        paid_at: None,
    };
    app.post(&format!("/api/v1/orders/{}/payments", placed.id))
        .as_(owner)
        .json(&payment)
        .send()
        .await
        .expect(201);
    let fulfilment = fulfilment_of(app, owner, placed.id).await;
    (placed, fulfilment)
}

async fn sedex(app: &TestApp, owner: &Session) -> Uuid {
    let carriers: Page<CarrierOut> = app
        .get("/api/v1/logistics/carriers")
        .as_(owner)
        .returns(200)
        .await;
    carriers
        .items
        .iter()
        .flat_map(|c| &c.services)
        .find(|s| s.code == "SEDEX")
        .expect("the demo store has SEDEX")
        .id
}

async fn fulfilment_of(app: &TestApp, owner: &Session, order: Uuid) -> Uuid {
    for _ in 0..200 {
        let page: Page<FulfilmentSummary> = app
            .get(&format!("/api/v1/logistics/fulfilments?order_id={order}"))
            .as_(owner)
            .returns(200)
            .await;
        if let Some(first) = page.items.first() {
            return first.id;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("order {order} never got its fulfilment");
}

async fn fulfilment(app: &TestApp, owner: &Session, id: Uuid) -> FulfilmentOut {
    app.get(&format!("/api/v1/logistics/fulfilments/{id}"))
        .as_(owner)
        .returns(200)
        .await
}

/// For the page walks: a fulfilment waiting to be picked (on the pick list), and one packed
/// into two packages, the first shipped with a tracking history (its id is answered).
pub async fn demo_fulfilments(app: &TestApp, owner: &Session) -> Uuid {
    paid_demo_order(app, owner, "walk-waiting").await;
    let (_, packed) = paid_demo_order(app, owner, "walk-packed").await;
    let base = format!("/api/v1/logistics/fulfilments/{packed}");
    let package =
        json!({ "weight_grams": 850, "length_mm": 300, "width_mm": 200, "height_mm": 100 });
    for (path, body) in [
        (format!("{base}/pick"), json!({})),
        (
            format!("{base}/pack"),
            json!({ "packages": [package, package] }),
        ),
    ] {
        app.post(&path)
            .as_(owner)
            .json(&body)
            .send()
            .await
            .expect(200);
    }
    let first = fulfilment(app, owner, packed).await.shipments[0].id;
    app.post(&format!("/api/v1/logistics/shipments/{first}/ship"))
        .as_(owner)
        .json(&json!({ "tracking_code": "AA123456789BR", "cost": "23.50" }))
        .send()
        .await
        .expect(200);
    let key = ApiKeyIn {
        name: "Correios".into(),
        scopes: vec![Permission::LogisticsTrack],
    };
    let created: ApiKeyCreatedOut = app
        .post("/api/v1/api-keys")
        .as_(owner)
        .json(&key)
        .returns(201)
        .await;
    let event = |id: &str, status: &str, place: &str| {
        json!({ "tracking_code": "AA123456789BR", "carrier_event_id": id, "status": status,
                "occurred_at": chrono::Utc::now(), "place": place })
    };
    app.post("/api/v1/logistics/tracking-events")
        .token(&created.secret)
        .json(&json!({ "events": [
            event("walk-1", "posted", "AGF Paulista - SP"),
            event("walk-2", "in_transit", "CTE Cajamar - SP"),
        ] }))
        .send()
        .await
        .expect(200);
    packed
}

/// Staff see the new fulfilment in the list and on the pick list, then pick it, pack it into
/// two packages and ship both from its page, on a phone: the order becomes shipped.
async fn a_fulfilment_goes_from_pick_list_to_shipped(backend: Backend) {
    let app = demo_app(backend).await;
    let owner = demo_owner(&app).await;
    let (order, id) = paid_demo_order(&app, &owner, "browser-fulfil").await;
    let number = format!("#{}", order.number);
    let browser = Browser::open(&app.address, 390, 844).await;
    sign_in(&browser).await;

    browser.go("/logistics/fulfilments").await;
    browser.see(&number).await;
    browser.go("/logistics/pick-list").await;
    browser.find("table.pick tbody tr").await;
    browser.see(&number).await;
    browser.find("[data-testid=print]").await;

    browser.go(&format!("/logistics/fulfilments/{id}")).await;
    browser.click("[data-testid=pick]").await;
    browser.find("form.pack").await;
    browser.click("form.pack button.secondary").await;
    for n in 1..=2 {
        for (field, value) in [
            ("weight", "900"),
            ("length", "300"),
            ("width", "200"),
            ("height", "100"),
        ] {
            browser.fill(&format!("#field-{field}-{n}"), value).await;
        }
    }
    browser.click("[data-testid=pack]").await;
    browser.find("#field-tracking-2").await;
    browser.fill("#field-tracking-1", "AA111111111BR").await;
    browser.fill("#field-cost-1", "23,50").await;
    browser.click("[data-testid=ship]").await;
    browser.see("AA111111111BR").await;
    browser.fill("#field-tracking-2", "AA222222222BR").await;
    browser.click("[data-testid=ship]").await;
    browser.see("AA222222222BR").await;
    browser.see("Enviada").await;

    let shipped = fulfilment(&app, &owner, id).await;
    assert_eq!(shipped.summary.status, FulfilmentStatus::Shipped);
    assert_eq!(shipped.shipments.len(), 2);
    assert!(
        shipped
            .shipments
            .iter()
            .all(|s| s.status == ShipmentStatus::Posted)
    );
    let cost = Some(rust_decimal::Decimal::new(2350, 2));
    assert!(
        shipped.shipments.iter().any(|s| s.cost == cost),
        "{shipped:?}"
    );
    browser.close().await;
    app.shutdown().await;
}

crate::db_test!(
    a_fulfilment_goes_from_pick_list_to_shipped_in_the_browser,
    runs(a_fulfilment_goes_from_pick_list_to_shipped)
);

/// A viewer reads a fulfilment and the pick list but is offered no step.
async fn a_viewer_reads_a_fulfilment_without_its_steps(backend: Backend) {
    let app = demo_app(backend).await;
    let owner = demo_owner(&app).await;
    let (order, id) = paid_demo_order(&app, &owner, "browser-viewer").await;
    let viewer = app.add_member(&owner, "Vitor", "viewer").await;
    let browser = Browser::open(&app.address, 1280, 900).await;
    browser.go("/").await;
    browser.fill("input[name=email]", &viewer.email).await;
    browser
        .fill("input[name=password]", crate::harness::client::PASSWORD)
        .await;
    browser.click("button[type=submit]").await;
    browser.see("Loja Demo").await;
    browser.go(&format!("/logistics/fulfilments/{id}")).await;
    browser.find("table.lines tbody tr").await;
    browser.see(&format!("#{}", order.number)).await;
    for step in ["[data-testid=pick]", "form.pack", "details.cancel"] {
        assert!(!browser.has(step).await, "a viewer is offered {step}");
    }
    browser.close().await;
    app.shutdown().await;
}

crate::db_test!(
    a_viewer_reads_a_fulfilment_without_its_steps_in_the_browser,
    runs(a_viewer_reads_a_fulfilment_without_its_steps)
);
