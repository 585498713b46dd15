//! A store whose receiver hangs holds a few of the delivery loop's slots, never another
//! store's deliveries: those are sent while the hanging ones still wait.

use std::time::Duration;

use serde_json::json;

use super::deliveries::app_for;
use crate::harness::receiver::{Answer, Receiver};
use crate::harness::shop::{Shop, open_shop};
use crate::harness::{Backend, TestApp};

async fn endpoint(app: &TestApp, shop: &Shop, receiver: &Receiver, events: &[&str]) {
    app.post("/api/v1/automation/webhooks")
        .as_(&shop.owner)
        .json(&json!({ "url": receiver.url, "events": events }))
        .send()
        .await
        .expect(201);
}

async fn a_hanging_store_holds_no_one_back(backend: Backend) {
    let (slow_dir, fast_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    // Under the 10 s limit: these attempts succeed, late.
    let hang = Answer::Hang(Duration::from_secs(8));
    let slow = Receiver::start(slow_dir.path(), vec![hang; 4]).await;
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
    endpoint(&app, &a, &slow, &["order.*"]).await;
    endpoint(&app, &b, &fast, &["order.paid"]).await;
    crate::mail::paid_order(&app, &a, "Cliente Lento", "pt-BR").await;
    let hanging = slow.wait_for(3, 20).await;
    assert!(hanging.len() >= 3, "{}", hanging.len());
    assert_eq!(slow.answered(), 0);

    crate::mail::paid_order(&app, &b, "Cliente Veloz", "pt-BR").await;
    let taken = fast.wait_for(1, 20).await;
    assert_eq!(taken.len(), 1);
    assert_eq!(
        slow.answered(),
        0,
        "the other store's event came while the slow receiver still held its requests"
    );
    app.shutdown().await;
}

crate::db_test!(
    a_store_whose_receiver_hangs_holds_no_other_store_back,
    runs(a_hanging_store_holds_no_one_back)
);
