//! The carrier scorecard: per service, state and month of posting, how many shipments, how
//! many delivered and on time, the median and 90th percentile of days, failed attempts.

use chrono::{Duration, Utc};
use openapi::logistics::{ScorecardOut, Uf};
use serde_json::json;

use super::fulfilments::{fulfilments_of, paid_split_order, track, tracking_key};
use super::tracking_file::shipped;
use crate::db_test;

db_test!(
    the_scorecard_counts_each_services_shipments_per_state_and_month,
    |app| {
        let (shop, order, _) = paid_split_order(&app).await;
        let owner = &shop.owner;
        let fulfilments = fulfilments_of(&app, owner, order.id, 2).await;
        let key = tracking_key(&app, owner).await;
        let now = Utc::now();
        for (i, fulfilment) in fulfilments.iter().enumerate() {
            let code = format!("SC{i}0000000BR");
            shipped(&app, owner, fulfilment, &code).await;
            let days = 1 + 2 * i as i64;
            track(
                &app,
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

        let csv = app
            .http
            .get(format!(
                "{}/api/v1/logistics/scorecard/export?from={from}&to={to}",
                app.address
            ))
            .bearer_auth(&owner.token)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(csv.starts_with("carrier,service,state,month"), "{csv}");
        assert!(csv.contains("Correios,SEDEX,SP,"), "{csv}");

        let backwards = format!("/api/v1/logistics/scorecard?from={to}&to={from}");
        let empty: ScorecardOut = app.get(&backwards).as_(owner).returns(200).await;
        assert!(empty.rows.is_empty(), "`to` before `from`: no day");
    }
);
