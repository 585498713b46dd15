//! A store with a backlog of deliveries to a receiver that holds them takes 3 of the delivery
//! loop's slots, never another store's deliveries: those are sent while the held ones wait.

use std::time::Duration;

use openapi::events::{Event, StockLow};
use serde_json::json;
use uuid::Uuid;

use super::deliveries::app_for;
use crate::harness::receiver::{Answer, Receiver};
use crate::harness::shop::{Shop, open_shop};
use crate::harness::{Backend, TestApp};

/// An endpoint of the shop for `stock.low` at the receiver.
async fn endpoint(app: &TestApp, shop: &Shop, receiver: &Receiver) {
    app.post("/api/v1/automation/webhooks")
        .as_(&shop.owner)
        .json(&json!({ "url": receiver.url, "events": ["stock.low"] }))
        .send()
        .await
        .expect(201);
}

/// `count` events of the shop, written as a module writes them.
async fn events(app: &TestApp, shop: &Shop, count: usize) {
    let tenant_id = shop.owner.tenant_id.into();
    let txn = api::db::begin_tenant(app.db(), tenant_id, api::db::Access::Write)
        .await
        .unwrap();
    for _ in 0..count {
        let event = Event::StockLow(StockLow {
            variant_id: Uuid::now_v7(),
            location_id: Uuid::now_v7(),
            available: 1,
            reorder_point: 5,
        });
        api::outbox::emit(&txn, &event).await.unwrap();
    }
    txn.commit().await.unwrap();
}

async fn a_backlog_holds_no_one_back(backend: Backend) {
    let (slow_dir, fast_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let slow = Receiver::start(slow_dir.path(), vec![Answer::Hold; 100]).await;
    let fast = Receiver::start(fast_dir.path(), Vec::new()).await;
    // Each receiver has its own authority: the server trusts both (read as it starts).
    let mut roots = std::fs::read_to_string(&slow.roots).unwrap();
    roots.push_str(&std::fs::read_to_string(&fast.roots).unwrap());
    std::fs::write(&slow.roots, roots).unwrap();
    let app = app_for(backend, &slow, Duration::from_secs(60)).await;

    let (a, b) = (
        open_shop(&app, "Loja Lenta").await,
        open_shop(&app, "Loja Veloz").await,
    );
    endpoint(&app, &a, &slow).await;
    endpoint(&app, &b, &fast).await;
    // More due than a pass looks at: all of them the slow store's.
    events(&app, &a, 60).await;
    let held = slow.wait_for(3, 20).await;
    assert_eq!(held.len(), 3);
    assert_eq!(
        slow.wait_for(4, 2).await.len(),
        3,
        "3 of a store's at a time"
    );

    events(&app, &b, 1).await;
    assert_eq!(fast.wait_for(1, 20).await.len(), 1);
    assert_eq!(slow.answered(), 0, "sent while the slow store's were held");
    slow.release();
    app.shutdown().await;
}

crate::db_test!(
    a_store_with_a_backlog_holds_no_other_store_back,
    runs(a_backlog_holds_no_one_back)
);
