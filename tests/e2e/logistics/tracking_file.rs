//! Carrier events imported from a CSV file: recorded as the API records them, all or nothing,
//! local times read in the store's zone, a dry run that changes nothing.

use openapi::logistics::{
    FulfilmentOut, FulfilmentSummary, ShipmentOut, ShipmentStatus, TrackingImportOut,
};
use serde_json::json;

use super::fulfilments::{fulfilments_of, paid_split_order, tracking_key};
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;

/// Picks, packs and ships the fulfilment with `code`; answers the shipment.
pub(super) async fn shipped(
    app: &TestApp,
    owner: &Session,
    fulfilment: &FulfilmentSummary,
    code: &str,
) -> ShipmentOut {
    let base = format!("/api/v1/logistics/fulfilments/{}", fulfilment.id);
    app.post(&format!("{base}/pick"))
        .as_(owner)
        .send()
        .await
        .expect(200);
    let packed: FulfilmentOut = app
        .post(&format!("{base}/pack"))
        .as_(owner)
        .json(&json!({ "packages": [{ "weight_grams": 500, "length_mm": 200, "width_mm": 150, "height_mm": 100 }] }))
        .returns(200)
        .await;
    let shipment = packed.shipments[0].id;
    app.post(&format!("/api/v1/logistics/shipments/{shipment}/ship"))
        .as_(owner)
        .json(&json!({ "tracking_code": code }))
        .send()
        .await
        .expect(200);
    app.get(&format!("/api/v1/logistics/shipments/{shipment}"))
        .as_(owner)
        .returns(200)
        .await
}

async fn history(app: &TestApp, owner: &Session, shipment: uuid::Uuid) -> ShipmentOut {
    let path = format!("/api/v1/logistics/shipments/{shipment}");
    app.get(&path).as_(owner).returns(200).await
}

db_test!(a_tracking_file_is_recorded_whole_or_not_at_all, |app| {
    let (shop, order, _) = paid_split_order(&app).await;
    let owner = &shop.owner;
    let fulfilments = fulfilments_of(&app, owner, order.id, 2).await;
    let shipment = shipped(&app, owner, &fulfilments[0], "TF000000001BR").await;
    let key = tracking_key(&app, owner).await;
    let import = |query: &'static str, file: &'static str| {
        app.post(&format!("/api/v1/logistics/tracking-events/import{query}"))
            .token(&key)
            .raw_body("text/csv", file)
    };

    let bad = "tracking_code,carrier_event_id,status,occurred_at\n\
            TF000000001BR,e1,posted,2026-11-23 17:40\n\
            XX999999999BR,e2,in_transit,2026-11-24 09:12\n\
            TF000000001BR,e3,lost,2026-11-24 09:12\n\
            TF000000001BR,e4,delivered,amanhã\n";
    let refused = import("", bad).send().await.problem(422, "import/bad-rows");
    let rows: Vec<(u64, String)> = refused
        .problem_doc()
        .row_errors
        .iter()
        .map(|e| (e.line, e.field.clone()))
        .collect();
    let expected = [(3, "tracking_code"), (4, "status"), (5, "occurred_at")];
    let expected: Vec<(u64, String)> = expected.iter().map(|(l, f)| (*l, f.to_string())).collect();
    assert_eq!(rows, expected);
    assert!(
        history(&app, owner, shipment.id).await.events.is_empty(),
        "a refused file records nothing"
    );

    let good = "tracking_code,carrier_event_id,status,occurred_at,place\n\
            TF000000001BR,e1,Posted,2026-11-23 17:40,AGF Pinheiros - SP\n\
            TF000000001BR,e2,in transit,2026-11-24T09:12:00-03:00,CTE Cajamar - SP\n";
    let dry: TrackingImportOut = import("?dry_run=true", good).returns(200).await;
    assert_eq!((dry.dry_run, dry.rows, dry.recorded), (true, 2, 2));
    assert!(
        history(&app, owner, shipment.id).await.events.is_empty(),
        "a dry run records nothing"
    );

    let done: TrackingImportOut = import("", good).returns(200).await;
    assert_eq!((done.recorded, done.repeated), (2, 0));
    let again: TrackingImportOut = import("", good).returns(200).await;
    assert_eq!((again.recorded, again.repeated), (0, 2));
    let after = history(&app, owner, shipment.id).await;
    assert_eq!(after.status, ShipmentStatus::InTransit);
    assert_eq!(after.events.len(), 2);
    let posted = after
        .events
        .iter()
        .find(|e| e.carrier_event_id == "e1")
        .unwrap();
    // 17:40 in São Paulo (UTC−3) is 20:40 UTC.
    assert_eq!(posted.occurred_at.to_rfc3339(), "2026-11-23T20:40:00+00:00");

    owner_cannot_skip_the_scope(&app, owner).await;
});

/// A staff member without `logistics:track` cannot import; the key above could.
async fn owner_cannot_skip_the_scope(app: &TestApp, owner: &Session) {
    let staff = app.add_member(owner, "Bia", "viewer").await;
    app.post("/api/v1/logistics/tracking-events/import")
        .as_(&staff)
        .raw_body(
            "text/csv",
            "tracking_code,carrier_event_id,status,occurred_at\n",
        )
        .send()
        .await
        .problem(403, "auth/forbidden");
}
