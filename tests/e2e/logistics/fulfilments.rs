//! From payment to the door: an order split across two warehouses gets two fulfilments with
//! the promise of the chosen service; picking, packing and shipping both ships the order;
//! carriers' events are kept once, never move a shipment backwards, and the last package
//! delivered delivers the order. Late ones are marked once.

use std::time::Duration;

use chrono::{TimeZone, Utc};
use openapi::Page;
use openapi::auth::{ApiKeyCreatedOut, ApiKeyIn, Permission};
use openapi::logistics::{
    FulfilmentOut, FulfilmentStatus, FulfilmentSummary, LateCounts, PickListOut, ShipmentStatus,
    TrackingEventsOut, TrackingOutcome,
};
use openapi::orders::{OrderOut, OrderStatus, PaymentIn, PaymentMethod};
use openapi::tenancy::Locale;
use serde_json::{Value, json};
use uuid::Uuid;

use super::{correios, new_carrier, new_service, put_table};
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;
use crate::harness::fixtures::{line, new_buyer};
use crate::harness::shop::{Shop, open_shop};

/// The order's fulfilments once the outbox has opened `count` of them.
pub async fn fulfilments_of(
    app: &TestApp,
    who: &Session,
    order: Uuid,
    count: usize,
) -> Vec<FulfilmentSummary> {
    for _ in 0..200 {
        let page: Page<FulfilmentSummary> = app
            .get(&format!("/api/v1/logistics/fulfilments?order_id={order}"))
            .as_(who)
            .returns(200)
            .await;
        if page.items.len() >= count {
            return page.items;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("order {order} never got {count} fulfilments");
}

async fn step(app: &TestApp, who: &Session, path: String, body: Value) -> FulfilmentOut {
    app.post(&path).as_(who).json(&body).returns(200).await
}

pub(super) async fn track(app: &TestApp, who: &str, events: Value) -> TrackingEventsOut {
    app.post("/api/v1/logistics/tracking-events")
        .token(who)
        .json(&json!({ "events": events }))
        .returns(200)
        .await
}

/// A key that may only send tracking events.
pub(super) async fn tracking_key(app: &TestApp, owner: &Session) -> String {
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
    created.secret
}

/// A store with stock of one SKU at CD1 and another at CD2, SEDEX taking 2 working days to
/// SP, and an order of both paid on Thursday 19 November 2026 at 10:00 in São Paulo.
pub(super) async fn paid_split_order(app: &TestApp) -> (Shop, OrderOut, Uuid) {
    let shop = open_shop(app, "Yara").await;
    let second = app.new_location(&shop.owner, "CD2").await.id;
    let near = shop.variant(app, "CAMISA-P", "59.90", 5).await;
    let far = shop.variant(app, "BONE-U", "39.90", 0).await;
    app.add_stock(&shop.owner, far, second, 3).await;
    let carrier = new_carrier(app, &shop.owner, &correios()).await;
    let sedex = new_service(app, &shop.owner, &carrier, "SEDEX").await;
    put_table(
        app,
        &shop.owner,
        &sedex,
        json!([{ "state": "SP", "days": 2 }]),
    )
    .await;
    let mut order = shop.order_in(
        new_buyer("Zelia", Locale::PtBr),
        vec![line(near, 2), line(far, 1)],
    );
    order.shipping_service_id = Some(sedex.id);
    let placed = shop.place_ok(app, "split-1", &order).await;
    let payment = PaymentIn {
        method: PaymentMethod::Pix,
        amount: placed.total,
        reference: Some("pix-split-1".into()),
        paid_at: Some(Utc.with_ymd_and_hms(2026, 11, 19, 13, 0, 0).unwrap()),
    };
    app.post(&format!("/api/v1/orders/{}/payments", placed.id))
        .as_(&shop.owner)
        .json(&payment)
        .send()
        .await
        .expect(201);
    (shop, placed, second)
}

db_test!(
    a_split_order_is_fulfilled_from_two_warehouses_and_delivered_by_the_last_package,
    |app| {
        let (shop, order, second) = paid_split_order(&app).await;
        let owner = &shop.owner;
        let fulfilments = fulfilments_of(&app, owner, order.id, 2).await;
        let mut locations: Vec<Uuid> = fulfilments.iter().map(|f| f.location_id).collect();
        locations.sort();
        let mut expected = vec![shop.location_id(), second];
        expected.sort();
        assert_eq!(locations, expected, "one fulfilment per warehouse");
        // Friday 20 is a national holiday, then the weekend: handling 1 day is Monday 23,
        // two days of transit Wednesday 25.
        for f in &fulfilments {
            assert_eq!(f.status, FulfilmentStatus::Pending);
            assert_eq!(
                f.ship_by.map(|d| d.to_string()).as_deref(),
                Some("2026-11-23")
            );
            assert_eq!(
                f.deliver_by.map(|d| d.to_string()).as_deref(),
                Some("2026-11-25")
            );
        }
        let promised = shop.read(&app, order.id).await;
        assert_eq!(
            promised.promised_delivery.map(|d| d.to_string()).as_deref(),
            Some("2026-11-25")
        );

        let list: PickListOut = app
            .get(&format!(
                "/api/v1/logistics/pick-list?location_id={}",
                shop.location
            ))
            .as_(owner)
            .returns(200)
            .await;
        assert_eq!(list.items.len(), 1);
        assert_eq!(
            (list.items[0].sku.as_str(), list.items[0].quantity),
            ("CAMISA-P", 2)
        );
        assert_eq!(list.items[0].orders[0].order_number, order.number);

        let late: Page<FulfilmentSummary> = app
            .get("/api/v1/logistics/fulfilments?late=late_to_ship")
            .as_(owner)
            .returns(200)
            .await;
        assert_eq!(late.items.len(), 2, "past their ship-by date, not shipped");

        let mut codes = Vec::new();
        for (i, f) in fulfilments.iter().enumerate() {
            let base = format!("/api/v1/logistics/fulfilments/{}", f.id);
            step(&app, owner, format!("{base}/pick"), json!({})).await;
            assert_eq!(
                shop.read(&app, order.id).await.status,
                OrderStatus::Fulfilling
            );
            let package =
                json!({ "weight_grams": 500, "length_mm": 200, "width_mm": 150, "height_mm": 80 });
            let packages: Vec<Value> = (0..=i).map(|_| package.clone()).collect();
            let packed = step(
                &app,
                owner,
                format!("{base}/pack"),
                json!({ "packages": packages }),
            )
            .await;
            assert_eq!(packed.summary.status, FulfilmentStatus::Packed);
            app.post(&format!("{base}/pick"))
                .as_(owner)
                .json(&json!({}))
                .send()
                .await
                .problem(409, "logistics/fulfilment-state");
            for (j, shipment) in packed.shipments.iter().enumerate() {
                let code = format!("AB{i}{j}2345678BR");
                let shipped = step(
                    &app,
                    owner,
                    format!("/api/v1/logistics/shipments/{}/ship", shipment.id),
                    json!({ "tracking_code": code, "cost": "23.50" }),
                )
                .await;
                let url = shipped.shipments[j]
                    .tracking_url
                    .clone()
                    .unwrap_or_default();
                assert!(url.ends_with(&format!("objeto={code}")), "{url}");
                codes.push(code);
            }
        }
        assert_eq!(codes.len(), 3);
        assert_eq!(shop.read(&app, order.id).await.status, OrderStatus::Shipped);
        let shipped = app.emails_of(owner, order.id, "order_shipped", 1).await;
        let text = &shipped[0].text;
        assert!(
            text.contains(&format!("objeto={}", codes[2])) && text.contains("25/11/2026"),
            "the tracking links and the promised day: {text}"
        );
        let again = app
            .post(&format!("/api/v1/logistics/fulfilments/{}/pack", fulfilments[0].id))
            .as_(owner)
            .json(&json!({ "packages": [{ "weight_grams": 1, "length_mm": 1, "width_mm": 1, "height_mm": 1 }] }))
            .send()
            .await;
        again.problem(409, "logistics/fulfilment-state");

        let key = tracking_key(&app, owner).await;
        app.get("/api/v1/logistics/fulfilments")
            .token(&key)
            .send()
            .await
            .problem(403, "auth/forbidden");
        let delivered = json!({ "tracking_code": codes[0], "carrier_event_id": "ev-1",
            "status": "delivered", "occurred_at": "2026-11-25T15:00:00Z", "place": "São Paulo - SP" });
        let outcomes: Vec<TrackingOutcome> =
            track(&app, &key, json!([delivered, delivered, delivered]))
                .await
                .results
                .iter()
                .map(|r| r.outcome)
                .collect();
        assert_eq!(
            outcomes,
            [
                TrackingOutcome::Recorded,
                TrackingOutcome::Repeated,
                TrackingOutcome::Repeated
            ]
        );
        let late_news = json!([{ "tracking_code": codes[0], "carrier_event_id": "ev-0",
            "status": "in_transit", "occurred_at": "2026-11-24T09:00:00Z" },
            { "tracking_code": "ZZ0000000000", "carrier_event_id": "ev-x",
            "status": "posted", "occurred_at": "2026-11-24T09:00:00Z" }]);
        let answered = track(&app, &key, late_news).await.results;
        assert_eq!(
            answered[0].shipment_status,
            Some(ShipmentStatus::Delivered),
            "never backwards"
        );
        assert_eq!(answered[1].outcome, TrackingOutcome::UnknownTrackingCode);
        let first: FulfilmentOut = app
            .get(&format!(
                "/api/v1/logistics/fulfilments/{}",
                fulfilments[0].id
            ))
            .as_(owner)
            .returns(200)
            .await;
        let history = &first.shipments[0].events;
        assert_eq!(history.len(), 2, "one entry per carrier event: {history:?}");
        assert_eq!(first.summary.status, FulfilmentStatus::Delivered);
        assert_eq!(shop.read(&app, order.id).await.status, OrderStatus::Shipped);

        let rest: Vec<Value> = codes[1..]
            .iter()
            .enumerate()
            .map(|(i, code)| {
                json!({ "tracking_code": code, "carrier_event_id": format!("d-{i}"),
                "status": "delivered", "occurred_at": "2026-11-26T10:00:00Z" })
            })
            .collect();
        track(&app, &key, json!(rest)).await;
        let done = shop.read(&app, order.id).await;
        assert_eq!(
            done.status,
            OrderStatus::Delivered,
            "the last package delivers the order"
        );
        let counts: LateCounts = app
            .get("/api/v1/logistics/late-counts")
            .as_(owner)
            .returns(200)
            .await;
        assert_eq!((counts.late_to_ship, counts.late_in_transit), (0, 0));
    }
);

db_test!(
    a_late_fulfilment_is_marked_once_however_often_the_sweep_runs,
    |app| {
        let (shop, order, _) = paid_split_order(&app).await;
        fulfilments_of(&app, &shop.owner, order.id, 2).await;
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let marked = api::logistics::service::fulfilment::late::mark_late(app.db(), now)
            .await
            .unwrap();
        assert_eq!(marked, 2);
        for _ in 0..3 {
            let again = api::logistics::service::fulfilment::late::mark_late(app.db(), now)
                .await
                .unwrap();
            assert_eq!(again, 0, "each fulfilment is late once");
        }
        let counts: LateCounts = app
            .get("/api/v1/logistics/late-counts")
            .as_(&shop.owner)
            .returns(200)
            .await;
        assert_eq!(counts.late_to_ship, 2);
        let staff = app
            .emails_of(&shop.owner, order.id, "staff_shipment_late", 2)
            .await;
        assert_eq!(staff.len(), 2, "the team hears of each late fulfilment");
        let told = app
            .emails_of(&shop.owner, order.id, "order_delayed", 1)
            .await;
        assert_eq!(told.len(), 1, "the customer hears once");
        assert!(told[0].text.contains("nova previsão"), "{}", told[0].text);
    }
);

db_test!(
    cancelling_an_order_cancels_its_unshipped_fulfilments_and_staff_may_cancel_one,
    |app| {
        let (shop, order, _) = paid_split_order(&app).await;
        let owner = &shop.owner;
        let fulfilments = fulfilments_of(&app, owner, order.id, 2).await;
        let first = format!("/api/v1/logistics/fulfilments/{}", fulfilments[0].id);
        let cancelled = step(
            &app,
            owner,
            format!("{first}/cancel"),
            json!({ "reason": "Sem estoque" }),
        )
        .await;
        assert_eq!(cancelled.summary.status, FulfilmentStatus::Cancelled);
        app.post(&format!("{first}/pick"))
            .as_(owner)
            .send()
            .await
            .problem(409, "logistics/fulfilment-state");
        app.post(&format!("/api/v1/orders/{}/transitions", order.id))
            .as_(owner)
            .json(&json!({ "to": "cancelled" }))
            .send()
            .await
            .expect(200);
        let second = fulfilments[1].id;
        let mut status = FulfilmentStatus::Pending;
        for _ in 0..200 {
            let read: FulfilmentOut = app
                .get(&format!("/api/v1/logistics/fulfilments/{second}"))
                .as_(owner)
                .returns(200)
                .await;
            status = read.summary.status;
            if status == FulfilmentStatus::Cancelled {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(
            status,
            FulfilmentStatus::Cancelled,
            "the cancelled order's other fulfilment"
        );
    }
);
