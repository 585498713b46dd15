//! Webhook endpoints: only https addresses on the public internet, events from the
//! catalogue, switched off and on, removed; an admin's, never staff's.

use serde_json::json;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;
use crate::harness::shop::open_shop;
use crate::modules::automation::PUBLIC_URL;

async fn refused(app: &TestApp, owner: &Session, url: &str) {
    let reply = app
        .post("/api/v1/automation/webhooks")
        .as_(owner)
        .json(&json!({ "url": url, "events": ["order.paid"] }))
        .send()
        .await;
    assert_eq!(reply.status, 422, "{url} was not refused: {:#}", reply.body);
    assert_eq!(
        reply.body["type"], "automation/destination-refused",
        "{url}: {:#}",
        reply.body
    );
    assert_eq!(reply.error_fields(), vec!["url"], "{url}");
}

db_test!(addresses_off_the_public_internet_are_refused, |app| {
    let shop = open_shop(&app, "Loja SSRF").await;
    for url in [
        "https://127.0.0.1/",
        "https://[::ffff:127.0.0.1]/",
        "https://169.254.169.254/latest/meta-data/",
        "https://0x7f.1/",
        "https://localhost:8443/hooks",
        "https://10.0.0.7/",
        "https://[fd00::1]/",
        "http://example.com/",
        "https://user:secret@93.184.215.14/",
        "https://unresolvable.invalid/hooks",
    ] {
        refused(&app, &shop.owner, url).await;
    }
    // Nor may an endpoint be moved there afterwards.
    let endpoint = crate::modules::automation::new_endpoint(&app, &shop, "ok").await;
    let path = format!(
        "/api/v1/automation/webhooks/{}",
        endpoint["id"].as_str().unwrap()
    );
    let moved = app
        .patch(&path)
        .as_(&shop.owner)
        .json(&json!({ "url": "https://192.168.0.1/" }))
        .send()
        .await
        .problem(422, "automation/destination-refused");
    let detail = moved.problem_doc().detail.unwrap_or_default();
    assert!(detail.contains("192.168.0.1"), "{detail}");

    // An event outside the catalogue is named by its place in the list.
    let unknown = app
        .post("/api/v1/automation/webhooks")
        .as_(&shop.owner)
        .header("Accept-Language", "pt-BR")
        .json(&json!({ "url": PUBLIC_URL, "events": ["order.paid", "pedido.*"] }))
        .send()
        .await
        .problem(422, "automation/unknown-event");
    assert_eq!(unknown.error_fields(), vec!["events[1]"]);
    let detail = unknown.problem_doc().detail.unwrap_or_default();
    assert!(detail.contains("nenhum evento"), "{detail}");
});

db_test!(
    the_test_setting_lets_webhooks_reach_this_machine_and_nothing_else_private,
    configured(|config| {
        config.limits.webhooks_to_loopback = true;
    }),
    |app| {
        let shop = open_shop(&app, "Loja Local").await;
        app.post("/api/v1/automation/webhooks")
            .as_(&shop.owner)
            .json(&json!({ "url": "https://127.0.0.1:9443/hooks", "events": ["*"] }))
            .send()
            .await
            .expect(201);
        refused(&app, &shop.owner, "https://169.254.169.254/").await;
        refused(&app, &shop.owner, "https://172.16.0.1/").await;
    }
);

db_test!(an_endpoint_is_switched_on_and_off_and_removed, |app| {
    let shop = open_shop(&app, "Loja Liga").await;
    // Made switched off (the tests' endpoints never deliver outside this machine).
    let endpoint = crate::modules::automation::new_endpoint(&app, &shop, "erp").await;
    assert_eq!(
        (
            endpoint["enabled"].clone(),
            endpoint["disabled_reason"].clone()
        ),
        (json!(false), json!("staff"))
    );
    let path = format!(
        "/api/v1/automation/webhooks/{}",
        endpoint["id"].as_str().unwrap()
    );
    // Events no step of this test writes.
    let on = app
        .patch(&path)
        .as_(&shop.owner)
        .header("If-Match", "\"1\"")
        .json(&json!({ "enabled": true, "events": ["return.approved", "stock.low"] }))
        .send()
        .await
        .expect(200);
    assert_eq!(on.header("etag"), Some("\"2\""));
    assert_eq!(
        (
            on.body["enabled"].clone(),
            on.body["disabled_reason"].clone()
        ),
        (json!(true), json!(null))
    );
    assert_eq!(on.body["events"], json!(["return.approved", "stock.low"]));
    app.patch(&path)
        .as_(&shop.owner)
        .header("If-Match", "\"1\"")
        .json(&json!({ "enabled": false }))
        .send()
        .await
        .problem(412, "request/stale");
    let listed = app
        .get("/api/v1/automation/webhooks?enabled=true")
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
    let off = app
        .patch(&path)
        .as_(&shop.owner)
        .json(&json!({ "enabled": false }))
        .send()
        .await
        .expect(200);
    assert_eq!(off.body["disabled_reason"], "staff");

    // Staff and managers neither see nor change endpoints.
    let manager = app.add_member(&shop.owner, "Marta", "manager").await;
    app.get("/api/v1/automation/webhooks")
        .as_(&manager)
        .send()
        .await
        .problem(403, "auth/forbidden");

    app.delete(&path).as_(&shop.owner).send().await.expect(204);
    app.get(&path)
        .as_(&shop.owner)
        .send()
        .await
        .problem(404, "not-found");
});
