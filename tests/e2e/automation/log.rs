//! An endpoint's delivery log through the API: a delivery that failed for good, its attempts,
//! the admins told; replaying the failed ones of a period and one delivery; a replay refused
//! while the delivery waits; a test ping sent at once, signed, and logged, five a minute at most.

use std::time::Duration;

use chrono::Utc;
use serde_json::{Value, json};

use super::deliveries::{app_for, endpoint, switched_off};
use super::verifier::verifies;
use crate::harness::client::Session;
use crate::harness::receiver::{Answer, Receiver};
use crate::harness::shop::open_shop;
use crate::harness::{Backend, TestApp};

/// Polls the delivery at `path` until its status is `status`.
async fn delivery_when(app: &TestApp, who: &Session, path: &str, status: &str) -> Value {
    let mut body = Value::Null;
    for _ in 0..200 {
        body = app.get(path).as_(who).send().await.expect(200).body;
        if body["delivery"]["status"] == status {
            return body;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{path} never became {status}: {body:#}");
}

async fn logged_replayed_and_pinged(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let receiver = Receiver::start(dir.path(), vec![Answer::Status(500); 12]).await;
    let app = app_for(backend, &receiver, Duration::from_micros(50)).await;
    let shop = open_shop(&app, "Loja Registro").await;
    let admin = app.add_member(&shop.owner, "Admin Registro", "admin").await;
    let (endpoint_id, secret) = endpoint(&app, &shop, &receiver).await;
    let path = format!("/api/v1/automation/webhooks/{endpoint_id}");
    let started = Utc::now();
    crate::mail::paid_order(&app, &shop, "Cliente Registro", "pt-BR").await;
    switched_off(&app, &shop, &path).await;

    // The owner and the admin are told, with what went wrong.
    let id = uuid::Uuid::parse_str(&endpoint_id).unwrap();
    let emails = app
        .emails_of(&shop.owner, id, "staff_webhook_disabled", 2)
        .await;
    let mut to: Vec<&str> = emails.iter().map(|e| e.to.as_str()).collect();
    to.sort_unstable();
    let mut expected = [shop.owner.email.as_str(), admin.email.as_str()];
    expected.sort_unstable();
    assert_eq!(to, expected);
    assert!(
        emails[0].subject.contains(&receiver.url),
        "{}",
        emails[0].subject
    );
    assert!(emails[0].text.contains("HTTP 500"), "{}", emails[0].text);

    // The log: one failed delivery of twelve attempts.
    let failed = app
        .get(&format!("{path}/deliveries?status=failed"))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    let items = failed.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{:#}", failed.body);
    assert_eq!(
        (
            &items[0]["event_type"],
            &items[0]["attempts"],
            &items[0]["last_status"]
        ),
        (&json!("order.paid"), &json!(12), &json!(500))
    );
    let delivery = format!("{path}/deliveries/{}", items[0]["id"].as_str().unwrap());
    let detail = app.get(&delivery).as_(&shop.owner).send().await.expect(200);
    let attempts = detail.body["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 12);
    assert!(attempts.iter().all(|a| a["status_code"] == 500));
    assert_eq!(detail.body["body"], receiver.received()[0].body.as_str());
    let pending = app
        .get(&format!("{path}/deliveries?status=pending"))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(pending.body["items"], json!([]));

    // Switched on, then the failed ones of the period are sent again (an empty period is
    // refused, naming `to`).
    app.patch(&path)
        .as_(&shop.owner)
        .json(&json!({ "enabled": true }))
        .send()
        .await
        .expect(200);
    let replay_failed = format!("{path}/replay-failed");
    let empty = app
        .post(&replay_failed)
        .as_(&shop.owner)
        .json(&json!({ "from": started, "to": started }))
        .send()
        .await
        .problem(422, "automation/empty-period");
    assert_eq!(empty.error_fields(), vec!["to"]);
    let period = json!({ "from": started, "to": Utc::now() + chrono::Duration::hours(1) });
    let replayed = app
        .post(&replay_failed)
        .as_(&shop.owner)
        .json(&period)
        .send()
        .await
        .expect(200);
    assert_eq!(replayed.body["replayed"], 1);
    assert_eq!(receiver.wait_for(13, 20).await.len(), 13);
    let done = delivery_when(&app, &shop.owner, &delivery, "succeeded").await;
    assert_eq!(done["attempts"].as_array().unwrap().len(), 13);
    assert_eq!(done["delivery"]["attempts"], 1);

    // One delivery sent again.
    let again = app
        .post(&format!("{delivery}/replay"))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(again.body["status"], "pending");
    assert_eq!(receiver.wait_for(14, 20).await.len(), 14);
    delivery_when(&app, &shop.owner, &delivery, "succeeded").await;

    // Replayed while its endpoint is off, it waits; a second replay meanwhile is refused.
    app.patch(&path)
        .as_(&shop.owner)
        .json(&json!({ "enabled": false }))
        .send()
        .await
        .expect(200);
    app.post(&format!("{delivery}/replay"))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    app.post(&format!("{delivery}/replay"))
        .as_(&shop.owner)
        .send()
        .await
        .problem(409, "automation/delivery-pending");

    // A ping goes at once, even to an endpoint that is off, signed like every delivery.
    let ping = app
        .post(&format!("{path}/ping"))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(ping.body["attempt"]["status_code"], 200);
    assert_eq!(
        (
            &ping.body["delivery"]["event_type"],
            &ping.body["delivery"]["status"]
        ),
        (&json!("webhook.test"), &json!("succeeded"))
    );
    let received = receiver.received();
    assert_eq!(received.len(), 15, "the waiting replay was not sent");
    let test = &received[14];
    let body: Value = serde_json::from_str(&test.body).unwrap();
    assert_eq!(body["data"]["endpoint_id"], endpoint_id.as_str());
    let at: i64 = test.headers["webhook-timestamp"].parse().unwrap();
    let (id, signature) = (
        &test.headers["webhook-id"],
        &test.headers["webhook-signature"],
    );
    assert!(verifies(&secret, id, at, signature, &test.body));
    // A test is sent once, never replayed.
    let test_delivery = ping.body["delivery"]["id"].as_str().unwrap();
    app.post(&format!("{path}/deliveries/{test_delivery}/replay"))
        .as_(&shop.owner)
        .send()
        .await
        .problem(409, "automation/test-not-replayed");
    // Five tests a minute to one endpoint; the sixth waits.
    for _ in 0..4 {
        app.post(&format!("{path}/ping"))
            .as_(&shop.owner)
            .send()
            .await
            .expect(200);
    }
    let limited = app
        .post(&format!("{path}/ping"))
        .as_(&shop.owner)
        .send()
        .await
        .problem(429, "request/rate-limited");
    assert_eq!(limited.header("retry-after"), Some("60"));
    assert_eq!(receiver.received().len(), 19, "the sixth test was not sent");
    // A delivery is reached only through its own endpoint.
    let other = super::deliveries::endpoint(&app, &shop, &receiver).await.0;
    let elsewhere = delivery.replace(&endpoint_id, &other);
    app.get(&elsewhere)
        .as_(&shop.owner)
        .send()
        .await
        .expect(404);

    // Another store sees none of it.
    let stranger = open_shop(&app, "Loja Alheia").await;
    app.get(&format!("{path}/deliveries"))
        .as_(&stranger.owner)
        .send()
        .await
        .expect(404);
    app.post(&format!("{delivery}/replay"))
        .as_(&stranger.owner)
        .send()
        .await
        .expect(404);
    app.shutdown().await;
}

crate::db_test!(
    the_delivery_log_replays_and_pings,
    runs(logged_replayed_and_pinged)
);
