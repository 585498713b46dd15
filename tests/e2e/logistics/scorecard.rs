//! The carrier scorecard: per service, state and month of posting, how many shipments, how
//! many delivered and on time, the median and 90th percentile of days, failed attempts.

use chrono::{Duration, NaiveDate, Utc};
use openapi::logistics::{ScorecardOut, Uf};
use sea_orm::ConnectionTrait;
use serde_json::json;

use super::fulfilments::{fulfilments_of, paid_split_order, track, tracking_key};
use super::tracking_file::shipped;
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::shop::Shop;

/// A store with two SEDEX shipments to SP posted now, each with a failed attempt and then
/// delivered (in 1 and 3 days); its key for tracking events and the days 40 days either side. `counted`: the sweep
/// has counted the store for the scorecard before (its counts then follow each shipment).
async fn two_tracked_shipments(
    app: &TestApp,
    counted: bool,
) -> (Shop, String, NaiveDate, NaiveDate) {
    let (shop, order, _) = paid_split_order(app).await;
    let owner = &shop.owner;
    let fulfilments = fulfilments_of(app, owner, order.id, 2).await;
    let key = tracking_key(app, owner).await;
    let now = Utc::now();
    if counted {
        api::logistics::service::fulfilment::late::mark_late(app.db(), now)
            .await
            .unwrap();
    }
    for (i, fulfilment) in fulfilments.iter().enumerate() {
        let code = format!("SC{i}0000000BR");
        shipped(app, owner, fulfilment, &code).await;
        let days = 1 + 2 * i as i64;
        track(
            app,
            &key,
            json!([
                { "tracking_code": code, "carrier_event_id": "f", "status": "delivery_failed",
                  "occurred_at": (now + Duration::hours(2)).to_rfc3339() },
                { "tracking_code": code, "carrier_event_id": "d", "status": "delivered",
                  "occurred_at": (now + Duration::days(days)).to_rfc3339() },
            ]),
        )
        .await;
    }
    let from = (now - Duration::days(40)).date_naive();
    let to = (now + Duration::days(40)).date_naive();
    (shop, key, from, to)
}

db_test!(
    the_scorecard_counts_each_services_shipments_per_state_and_month,
    |app| {
        let (shop, _, from, to) = two_tracked_shipments(&app, false).await;
        let owner = &shop.owner;
        let path = format!("/api/v1/logistics/scorecard?from={from}&to={to}");
        let card: ScorecardOut = app.get(&path).as_(owner).returns(200).await;
        assert_eq!(card.rows.len(), 1, "{:?}", card.rows);
        let row = &card.rows[0];
        assert_eq!(
            (row.carrier.as_str(), row.service.as_str()),
            ("Correios", "SEDEX")
        );
        assert_eq!(row.state, Some(Uf::Sp));
        assert_eq!(
            (row.shipments, row.delivered, row.failed_attempts),
            (2, 2, 2)
        );
        assert_eq!(
            row.on_time_percent.map(|p| p.to_string()).as_deref(),
            Some("0.0"),
            "promised for 25 November"
        );
        assert!(row.median_days.is_some() && row.p90_days >= row.median_days);

        let csv = crate::harness::fixtures::download(
            &app,
            owner,
            &format!("/api/v1/logistics/scorecard/export?from={from}&to={to}"),
        )
        .await;
        assert!(csv.starts_with("carrier,service,state,month"), "{csv}");
        assert!(csv.contains("Correios,SEDEX,SP,"), "{csv}");

        let backwards = format!("/api/v1/logistics/scorecard?from={to}&to={from}");
        let empty: ScorecardOut = app.get(&backwards).as_(owner).returns(200).await;
        assert!(empty.rows.is_empty(), "`to` before `from`: no day");
    }
);

/// The scorecard as JSON, to compare answers.
async fn scorecard(app: &TestApp, shop: &Shop, path: &str) -> serde_json::Value {
    let card: ScorecardOut = app.get(path).as_(&shop.owner).returns(200).await;
    serde_json::to_value(card).unwrap()
}

db_test!(
    the_scorecard_answers_the_same_from_its_counts_as_from_the_shipments,
    |app| {
        let (shop, key, from, to) = two_tracked_shipments(&app, true).await;
        let path = format!("/api/v1/logistics/scorecard?from={from}&to={to}");
        let sweep = || api::logistics::service::fulfilment::late::mark_late(app.db(), Utc::now());
        let counted = scorecard(&app, &shop, &path).await;
        assert_eq!(counted["rows"][0]["failed_attempts"], 2);
        assert_eq!(counted["rows"][0]["delivered"], 2);
        // Periods read from whole months, whole ten days and days (`scorecard_spans`).
        let today = Utc::now().date_naive();
        let periods: Vec<String> = [(40, 40), (1, 1), (15, 15), (0, 25)]
            .into_iter()
            .map(|(before, after)| {
                let from = today - Duration::days(before);
                let to = today + Duration::days(after);
                format!("/api/v1/logistics/scorecard?from={from}&to={to}")
            })
            .collect();
        let mut counted_each = Vec::new();
        for period in &periods {
            counted_each.push(scorecard(&app, &shop, period).await);
        }
        assert_eq!(counted_each[1]["rows"][0]["shipments"], 2, "three days");
        // Without its counts the store's scorecard reads the shipments, and answers the same.
        app.db()
            .execute_unprepared("DELETE FROM scorecard_builds")
            .await
            .unwrap();
        let read = scorecard(&app, &shop, &path).await;
        assert_eq!(read, counted);
        for (period, counted) in periods.iter().zip(&counted_each) {
            assert_eq!(&scorecard(&app, &shop, period).await, counted, "{period}");
        }
        sweep().await.unwrap();
        assert_eq!(scorecard(&app, &shop, &path).await, read);

        // A failed attempt after delivery is counted, and moves the counts as the shipment.
        let late = (Utc::now() + Duration::hours(5)).to_rfc3339();
        let event = json!([{ "tracking_code": "SC00000000BR", "carrier_event_id": "f2",
                             "status": "delivery_failed", "occurred_at": late }]);
        track(&app, &key, event).await;
        let counted = scorecard(&app, &shop, &path).await;
        assert_eq!(counted["rows"][0]["failed_attempts"], 3);

        // In another time zone the shipments are read again, until the sweep counts them in it.
        app.patch("/api/v1/tenant")
            .as_(&shop.owner)
            .json(&json!({ "timezone": "Asia/Tokyo" }))
            .send()
            .await
            .expect(200);
        let read = scorecard(&app, &shop, &path).await;
        assert_eq!(read["rows"][0]["failed_attempts"], 3);
        sweep().await.unwrap();
        assert_eq!(scorecard(&app, &shop, &path).await, read);
    }
);
