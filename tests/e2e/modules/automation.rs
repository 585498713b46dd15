//! Automation: webhook endpoints, their deliveries and the delivery log; rules.

use chrono::Utc;
use sea_orm::EntityTrait;
use serde_json::json;
use uuid::Uuid;

use entity::{notification, webhook_attempt, webhook_delivery};
use openapi::automation::{DeliveryStatus, NotificationTopic};

use super::{Made, ModuleTests};
use crate::harness::TestApp;
use crate::harness::shop::Shop;
use crate::isolation::fixtures::{Target, created, id_of};
use crate::isolation::spec::Operation;

pub const TESTS: ModuleTests = ModuleTests {
    name: "automation",
    // The longer prefix first: the first that matches makes the fixture.
    fixtures: &[
        ("/api/v1/automation/webhooks/{id}/deliveries", delivery),
        ("/api/v1/automation/webhooks/{id}", endpoint),
        ("/api/v1/automation/rules/{id}", rule),
        ("/api/v1/automation/rule-templates/{key}", template),
        ("/api/v1/notifications/{id}", notification),
    ],
    fill,
    ..super::NONE
};

/// A public address given as an IP literal: registering it needs no name lookup. It is
/// someone else's, so the tests' endpoints to it are made switched off and never deliver.
pub const PUBLIC_URL: &str = "https://93.184.215.14/hooks";

/// A switched-off endpoint of the store at `PUBLIC_URL`; its `endpoint` (without the secret
/// shown once).
pub async fn new_endpoint(app: &TestApp, shop: &Shop, name: &str) -> serde_json::Value {
    let body = json!({
        "url": format!("{PUBLIC_URL}/{name}"),
        "events": ["order.*"],
        "description": name,
        "enabled": false,
    });
    created(app, shop, "/api/v1/automation/webhooks", body).await["endpoint"].clone()
}

fn endpoint<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move { Target::id(id_of(&new_endpoint(app, shop, &name).await)) })
}

/// A rule telling the team of every paid order.
fn rule<'a>(app: &'a TestApp, shop: &'a Shop, _: &'a Operation, name: String) -> Made<'a, Target> {
    Box::pin(async move {
        let body = json!({
            "name": name,
            "trigger": "order.paid",
            "actions": [{ "type": "email_team", "template": "staff_order_paid" }],
        });
        Target::id(id_of(
            &created(app, shop, "/api/v1/automation/rules", body).await,
        ))
    })
}

/// A notification of A's owner, written below the API (a rule gives them after commit).
fn notification<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    _: String,
) -> Made<'a, Target> {
    Box::pin(async move { Target::id(write_notification(app, shop).await.to_string()) })
}

async fn write_notification(app: &TestApp, shop: &Shop) -> Uuid {
    let row = notification::Model {
        tenant_id: shop.owner.tenant_id.into(),
        id: Uuid::now_v7(),
        user_id: shop.owner.user_id,
        topic: NotificationTopic::Orders,
        message: "Aviso de teste".into(),
        link: None,
        rule_id: None,
        event_id: Uuid::now_v7(),
        read_at: None,
        created_at: Utc::now(),
    };
    let id = row.id;
    notification::Entity::insert(notification::ActiveModel::from(row))
        .exec_without_returning(app.db())
        .await
        .unwrap();
    id
}

/// A ready rule's key (the same in every store).
fn template<'a>(_: &'a TestApp, _: &'a Shop, _: &'a Operation, _: String) -> Made<'a, Target> {
    Box::pin(async move { Target::params(vec![("key", "first_payment_team".to_owned())]) })
}

/// An endpoint with a delivery done (so it may be replayed).
fn delivery<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let endpoint_id = id_of(&new_endpoint(app, shop, &name).await);
        let delivery_id = write_delivery(app, shop, &endpoint_id).await;
        Target::params(vec![
            ("id", endpoint_id),
            ("delivery_id", delivery_id.to_string()),
        ])
    })
}

/// A switched-off endpoint (its row has a reason, which the closed-set test replaces), and a
/// delivery to it with its attempt.
fn fill<'a>(app: &'a TestApp, shop: &'a Shop) -> Made<'a, ()> {
    Box::pin(async move {
        let made = new_endpoint(app, shop, "fill").await;
        write_delivery(app, shop, &id_of(&made)).await;
        write_notification(app, shop).await;
        let settings = json!({ "email_topics": ["stock"] });
        app.call(reqwest::Method::PUT, "/api/v1/notifications/settings")
            .as_(&shop.owner)
            .json(&settings)
            .send()
            .await
            .expect(200);
    })
}

/// A delivery done to the endpoint, with its attempt, written below the API: no test
/// delivers to an address outside this machine.
async fn write_delivery(app: &TestApp, shop: &Shop, endpoint_id: &str) -> Uuid {
    let endpoint_id = Uuid::parse_str(endpoint_id).unwrap();
    let tenant_id = shop.owner.tenant_id.into();
    let now = Utc::now();
    let delivery = webhook_delivery::Model {
        tenant_id,
        id: Uuid::now_v7(),
        endpoint_id,
        event_id: Uuid::now_v7(),
        event_type: "order.paid".into(),
        body: "{}".into(),
        status: DeliveryStatus::Succeeded,
        attempts: 1,
        next_attempt_at: None,
        last_status: Some(200),
        last_error: None,
        created_at: now,
        updated_at: now,
        delivered_at: Some(now),
    };
    let attempt = webhook_attempt::Model {
        tenant_id,
        id: Uuid::now_v7(),
        delivery_id: delivery.id,
        endpoint_id,
        at: now,
        status_code: Some(200),
        latency_ms: 12,
        response_excerpt: Some("ok".into()),
        error: None,
    };
    let id = delivery.id;
    webhook_delivery::Entity::insert(webhook_delivery::ActiveModel::from(delivery))
        .exec_without_returning(app.db())
        .await
        .unwrap();
    webhook_attempt::Entity::insert(webhook_attempt::ActiveModel::from(attempt))
        .exec_without_returning(app.db())
        .await
        .unwrap();
    id
}
