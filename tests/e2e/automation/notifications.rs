//! Notifications through the API: a rule notifies the members of its roles in the app (the
//! bell's count, the list with a link to the order), by email those who chose its topic; a
//! member marks one or all read, and never reaches another member's; an API key has none.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use super::rules::{create_rule, paid};
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;
use crate::harness::shop::open_shop;

async fn unread(app: &TestApp, who: &Session) -> i64 {
    let reply = app
        .get("/api/v1/notifications/unread")
        .as_(who)
        .send()
        .await
        .expect(200);
    reply.body["unread"].as_i64().unwrap()
}

/// The member's notifications once there are `count`.
async fn notifications(app: &TestApp, who: &Session, count: usize) -> Vec<Value> {
    for _ in 0..300 {
        let reply = app
            .get("/api/v1/notifications")
            .as_(who)
            .header("accept-language", "en")
            .send()
            .await
            .expect(200);
        let items = reply.body["items"].as_array().cloned().unwrap_or_default();
        if items.len() >= count {
            return items;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("never {count} notifications");
}

db_test!(a_rule_notifies_its_members_in_the_app_and_by_email, |app| {
    let shop = open_shop(&app, "Loja Sino").await;
    let owner = &shop.owner;
    let staff = app.add_member(owner, "Staff Sino", "staff").await;
    let manager = app.add_member(owner, "Gerente Sino", "manager").await;
    let settings = json!({ "email_topics": ["orders"] });
    app.call(Method::PUT, "/api/v1/notifications/settings")
        .as_(&manager)
        .json(&settings)
        .send()
        .await
        .expect(200);
    let rule = json!({
        "name": "Avisar a gerência",
        "trigger": "order.paid",
        "actions": [{ "type": "notify_members", "roles": ["owner", "manager"], "note": "conferir" }]
    });
    create_rule(&app, owner, rule).await;
    let variant = shop.variant(&app, "SINO-1", "30.00", 5).await;
    let order = paid(&app, &shop, shop.channel_id(), variant, "sino-1").await;
    let reference = shop.read(&app, order).await.reference;

    let items = notifications(&app, &manager, 1).await;
    assert_eq!(
        (
            &items[0]["text"],
            &items[0]["link"],
            &items[0]["topic"],
            &items[0]["read"]
        ),
        (
            &json!(format!(
                "Avisar a gerência — order.paid {reference}: conferir"
            )),
            &json!(format!("/orders/{order}")),
            &json!("orders"),
            &json!(false)
        )
    );
    assert_eq!(unread(&app, &manager).await, 1);
    notifications(&app, owner, 1).await;
    let none = app
        .get("/api/v1/notifications")
        .as_(&staff)
        .send()
        .await
        .expect(200);
    assert_eq!(none.body["items"], json!([]));

    // The manager chose orders by email; the owner did not.
    let id: uuid::Uuid = items[0]["id"].as_str().unwrap().parse().unwrap();
    let emails = app.emails_of(owner, id, "staff_notification", 1).await;
    assert_eq!(emails[0].to, manager.email);
    assert!(
        emails[0].text.contains(&format!("/orders/{order}")),
        "{}",
        emails[0].text
    );
    let owners = app
        .get("/api/v1/emails?kind=staff_notification")
        .as_(owner)
        .send()
        .await
        .expect(200);
    assert_eq!(owners.body["items"].as_array().unwrap().len(), 1);

    // Read: one by its member (another member's is 404 to them), then all.
    let read = format!("/api/v1/notifications/{id}/read");
    app.post(&read)
        .as_(&staff)
        .send()
        .await
        .problem(404, "not-found");
    let done = app.post(&read).as_(&manager).send().await.expect(200);
    assert_eq!(done.body["read"], true);
    assert_eq!(unread(&app, &manager).await, 0);
    assert_eq!(unread(&app, owner).await, 1);
    let all = app
        .post("/api/v1/notifications/read-all")
        .as_(owner)
        .send()
        .await
        .expect(200);
    assert_eq!(all.body["unread"], 0);
    let chosen = app
        .get("/api/v1/notifications/settings")
        .as_(&manager)
        .send()
        .await
        .expect(200);
    assert_eq!(chosen.body, settings);

    // An API key is no member: it has no notifications to read.
    let key = app
        .post("/api/v1/api-keys")
        .as_(owner)
        .json(&json!({ "name": "ERP", "scopes": ["orders:read"] }))
        .send()
        .await
        .expect(201);
    let secret = key.body["secret"].as_str().unwrap();
    for path in ["/api/v1/notifications", "/api/v1/notifications/unread"] {
        app.get(path)
            .token(secret)
            .send()
            .await
            .problem(403, "automation/members-only");
    }
});
