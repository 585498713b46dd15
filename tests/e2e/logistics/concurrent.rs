//! Carriers' events for one order arriving at the same moment: the order still follows them.

use chrono::Utc;
use openapi::orders::OrderStatus;
use serde_json::json;

use super::fulfilments::{fulfilments_of, paid_split_order, track, tracking_key};
use super::tracking_file::shipped;
use crate::db_test;

db_test!(
    an_order_whose_two_packages_are_delivered_at_once_is_delivered,
    |app| {
        // Each fulfilment's transaction decides the order's move from the other's state: the
        // order is locked before that is read, so the second sees the first delivered.
        for round in 0..3 {
            let (shop, order, _) = paid_split_order(&app).await;
            let owner = &shop.owner;
            let key = tracking_key(&app, owner).await;
            let fulfilments = fulfilments_of(&app, owner, order.id, 2).await;
            let mut codes = Vec::new();
            for (i, fulfilment) in fulfilments.iter().enumerate() {
                let code = format!("CC{round}{i}000000BR");
                shipped(&app, owner, fulfilment, &code).await;
                codes.push(code);
            }
            let delivered = |code: &str| {
                json!([{ "tracking_code": code, "carrier_event_id": "d", "status": "delivered",
                         "occurred_at": Utc::now().to_rfc3339() }])
            };
            tokio::join!(
                track(&app, &key, delivered(&codes[0])),
                track(&app, &key, delivered(&codes[1])),
            );
            let status = shop.read(&app, order.id).await.status;
            assert_eq!(status, OrderStatus::Delivered, "round {round}");
        }
    }
);
