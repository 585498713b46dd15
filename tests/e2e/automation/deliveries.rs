//! Deliveries to a real HTTPS receiver on loopback: the same `webhook-id` on every attempt,
//! signatures the Standard Webhooks reference library verifies, no redirect followed, each
//! attempt in the log; a receiver that never takes them ends with its endpoint switched off,
//! and switching it on sends what it missed.

use std::time::Duration;

use entity::{webhook_attempt, webhook_delivery};
use openapi::automation::DeliveryStatus;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::verifier::verifies;
use crate::harness::receiver::{Answer, Receiver};
use crate::harness::shop::{Shop, open_shop};
use crate::harness::{Backend, TestApp};

pub(super) async fn app_for(backend: Backend, receiver: &Receiver, backoff: Duration) -> TestApp {
    let roots = receiver.roots.clone();
    TestApp::spawn_configured(backend, move |config| {
        config.limits.webhooks_to_loopback = true;
        config.limits.webhook_roots = Some(roots);
        config.outbox.webhook_backoff = backoff;
    })
    .await
}

/// An endpoint of the shop for `order.paid` at the receiver: its id and secret.
pub(super) async fn endpoint(app: &TestApp, shop: &Shop, receiver: &Receiver) -> (String, String) {
    let made = app
        .post("/api/v1/automation/webhooks")
        .as_(&shop.owner)
        .json(&json!({ "url": receiver.url, "events": ["order.paid"] }))
        .send()
        .await
        .expect(201);
    let id = made.body["endpoint"]["id"].as_str().unwrap().to_owned();
    (id, made.body["secret"].as_str().unwrap().to_owned())
}

/// Polls the endpoint at `path` until it is switched off for failing; the endpoint then.
pub(super) async fn switched_off(app: &TestApp, shop: &Shop, path: &str) -> Value {
    for _ in 0..200 {
        let body = app.get(path).as_(&shop.owner).send().await.expect(200).body;
        if body["disabled_reason"] == "failing" {
            return body;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{path} was never switched off for failing");
}

async fn attempts(app: &TestApp, endpoint_id: &str) -> Vec<webhook_attempt::Model> {
    let id = uuid::Uuid::parse_str(endpoint_id).unwrap();
    webhook_attempt::Entity::find()
        .filter(webhook_attempt::Column::EndpointId.eq(id))
        .order_by_asc(webhook_attempt::Column::Id)
        .all(app.db())
        .await
        .unwrap()
}

async fn retried_until_taken(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let mut script = vec![Answer::RedirectTo("https://127.0.0.1:1/stolen".into())];
    script.extend([500, 502, 503, 500].map(Answer::Status));
    let receiver = Receiver::start(dir.path(), script).await;
    let app = app_for(backend, &receiver, Duration::from_millis(5)).await;
    let shop = open_shop(&app, "Loja Webhook").await;
    let (endpoint_id, secret) = endpoint(&app, &shop, &receiver).await;
    let order = crate::mail::paid_order(&app, &shop, "Cliente Webhook", "pt-BR").await;

    let received = receiver.wait_for(6, 30).await;
    assert_eq!(received.len(), 6, "{received:#?}");
    let id = received[0].headers["webhook-id"].clone();
    for request in &received {
        assert_eq!(
            request.headers["webhook-id"], id,
            "the same id on every attempt"
        );
        assert_eq!(request.headers["content-type"], "application/json");
        let at: i64 = request.headers["webhook-timestamp"].parse().unwrap();
        let signature = &request.headers["webhook-signature"];
        assert!(verifies(&secret, &id, at, signature, &request.body));
        let body: Value = serde_json::from_str(&request.body).unwrap();
        assert_eq!(
            (body["type"].clone(), body["version"].clone()),
            (json!("order.paid"), json!(1))
        );
        assert_eq!(body["data"]["order_id"], order["id"]);
    }
    assert_eq!(received[5].body, received[0].body);

    // The log: the redirect (not followed) and four failures, then the success.
    let log = attempts(&app, &endpoint_id).await;
    let statuses: Vec<Option<i32>> = log.iter().map(|a| a.status_code).collect();
    assert_eq!(statuses, [307, 500, 502, 503, 500, 200].map(Some).to_vec());
    assert_eq!(log[5].response_excerpt.as_deref(), Some("answered 200"));
    let delivery = webhook_delivery::Entity::find()
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(delivery.attempts, 6);
    assert!(delivery.delivered_at.is_some() && delivery.next_attempt_at.is_none());
    app.shutdown().await;
}

crate::db_test!(
    a_receiver_gets_the_event_again_until_it_takes_it,
    runs(retried_until_taken)
);

async fn switched_off_then_resumed(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    // The first delivery's twelve attempts fail; the next requests are taken.
    let receiver = Receiver::start(dir.path(), vec![Answer::Status(500); 12]).await;
    let app = app_for(backend, &receiver, Duration::from_micros(50)).await;
    let shop = open_shop(&app, "Loja Falha").await;
    let (endpoint_id, _) = endpoint(&app, &shop, &receiver).await;
    let path = format!("/api/v1/automation/webhooks/{endpoint_id}");
    crate::mail::paid_order(&app, &shop, "Cliente Um", "pt-BR").await;
    let off = switched_off(&app, &shop, &path).await;
    assert_eq!(off["enabled"], json!(false));
    assert_eq!(receiver.received().len(), 12);
    assert_eq!(attempts(&app, &endpoint_id).await.len(), 12);
    let audit = app
        .get("/api/v1/audit-events?action=webhook_endpoint.switched_off")
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(audit.body["items"].as_array().unwrap().len(), 1);

    // While it is off, what happens is kept for it, not sent.
    let second = crate::mail::paid_order(&app, &shop, "Cliente Dois", "pt-BR").await;
    let mut kept = Vec::new();
    for _ in 0..200 {
        kept = webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending))
            .all(app.db())
            .await
            .unwrap();
        if !kept.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        kept.len(),
        1,
        "the second order's event is kept for the endpoint"
    );
    assert_eq!(kept[0].attempts, 0);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(receiver.received().len(), 12);
    // Staff switching it off take over the reason: it stops collecting.
    let staff_off = app
        .patch(&path)
        .as_(&shop.owner)
        .json(&json!({ "enabled": false }))
        .send()
        .await
        .expect(200);
    assert_eq!(staff_off.body["disabled_reason"], "staff");
    app.patch(&path)
        .as_(&shop.owner)
        .json(&json!({ "enabled": true }))
        .send()
        .await
        .expect(200);
    let received = receiver.wait_for(13, 20).await;
    assert_eq!(received.len(), 13);
    let body: Value = serde_json::from_str(&received[12].body).unwrap();
    assert_eq!(body["data"]["order_id"], second["id"]);
    app.shutdown().await;
}

crate::db_test!(
    an_endpoint_that_never_takes_them_is_switched_off_and_resumes,
    runs(switched_off_then_resumed)
);
