//! Rows of one store in every tenant table, through the API.

use serde_json::json;

use crate::harness::TestApp;
use crate::harness::client::Session;

/// Puts at least one row of store `a` into every tenant table. A new tenant table needs a line
/// here: the catalogue test fails for a tenant table this leaves empty.
pub async fn fill_every_tenant_table(app: &TestApp, a: &Session) {
    app.post("/api/v1/invitations")
        .as_(a)
        .json(&json!({ "email": "z@example.com", "role": "viewer" }))
        .send()
        .await
        .expect(201);
    app.post("/api/v1/api-keys")
        .as_(a)
        .header("idempotency-key", "k1")
        .json(&json!({ "name": "k", "scopes": ["tenant:read"] }))
        .send()
        .await
        .expect(201);
    let variant = crate::catalog::create_variant(app, a, "Row", "ROW-1").await;
    let supplier = app
        .post("/api/v1/catalog/suppliers")
        .as_(a)
        .json(&json!({ "name": "S", "lead_time_days": 1 }))
        .send()
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let channel = app
        .post("/api/v1/catalog/channels")
        .as_(a)
        .json(&json!({ "name": "Web", "kind": "web" }))
        .send()
        .await
        .expect(201)
        .body["id"]
        .clone();
    let location = app
        .post("/api/v1/inventory/locations")
        .as_(a)
        .json(&json!({ "name": "CD", "code": "CD", "kind": "warehouse" }))
        .send()
        .await
        .expect(201)
        .body["id"]
        .clone();
    let adjust = |quantity: i64| {
        app.post("/api/v1/inventory/adjustments")
            .as_(a)
            .json(&json!({ "variant_id": variant, "location_id": location,
                           "quantity": quantity, "reason": "initial" }))
            .send()
    };
    adjust(3).await.expect(200);
    app.post("/api/v1/inventory/reservations")
        .as_(a)
        .json(&json!({ "variant_id": variant, "quantity": 1 }))
        .send()
        .await
        .expect(201);
    app.call(
        reqwest::Method::PUT,
        &format!("/api/v1/catalog/suppliers/{supplier}/variants/{variant}"),
    )
    .as_(a)
    .json(&json!({ "cost": "1.00" }))
    .send()
    .await
    .expect(200);
    let kit = crate::catalog::create_variant(app, a, "Kit", "KIT-1").await;
    app.call(
        reqwest::Method::PUT,
        &format!("/api/v1/catalog/variants/{kit}/components"),
    )
    .as_(a)
    .json(&json!({ "components": [{ "component_variant_id": variant, "quantity": 1 }] }))
    .send()
    .await
    .expect(200);
    app.call(reqwest::Method::PUT, "/api/v1/inventory/buffers")
        .as_(a)
        .json(&json!({ "channel_id": channel, "variant_id": variant, "quantity": 1 }))
        .send()
        .await
        .expect(200);
    app.post("/api/v1/inventory/purchase-orders")
        .as_(a)
        .json(&json!({ "supplier_id": supplier, "location_id": location,
                       "lines": [{ "variant_id": variant, "quantity": 1 }] }))
        .send()
        .await
        .expect(201);
    app.call(reqwest::Method::PUT, "/api/v1/order-settings")
        .as_(a)
        .json(&json!({ "staff_emails": ["ops@example.com"] }))
        .send()
        .await
        .expect(200);
    app.call(
        reqwest::Method::PUT,
        "/api/v1/mail/templates/staff_order_held/en",
    )
    .as_(a)
    .json(&json!({ "subject": "Held", "text": "{{ order.reference }}", "html": "<p>Held</p>" }))
    .send()
    .await
    .expect(200);
    let order = app
        .post("/api/v1/orders")
        .as_(a)
        .header("Idempotency-Key", "fill")
        .json(&json!({
            "customer": crate::orders::new_customer("Ana", "pt-BR"),
            "channel_id": channel,
            "lines": [{ "variant_id": variant, "quantity": 1 }],
            "shipping_address": crate::orders::address(),
        }))
        .send()
        .await
        .expect(201);
    app.post(&format!(
        "/api/v1/orders/{}/payments",
        order.body["id"].as_str().unwrap()
    ))
    .as_(a)
    .json(&json!({ "method": "cash", "amount": order.body["total"] }))
    .send()
    .await
    .expect(201);
    let level = app
        .get(&format!("/api/v1/inventory/levels?variant_id={variant}"))
        .as_(a)
        .send()
        .await
        .expect(200)
        .body["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.patch(&format!("/api/v1/inventory/levels/{level}"))
        .as_(a)
        .json(&json!({ "reorder_point": 1 }))
        .send()
        .await
        .expect(200);
    let product = app
        .get(&format!("/api/v1/catalog/variants/{variant}"))
        .as_(a)
        .send()
        .await
        .expect(200)
        .body["product_id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.patch(&format!("/api/v1/catalog/products/{product}"))
        .as_(a)
        .json(&json!({ "channel_ids": [channel] }))
        .send()
        .await
        .expect(200);
    // Available 2 → 1 crosses the reorder point: a stock.low event in the outbox.
    adjust(-1).await.expect(200);
    // The outbox worker writes the paid order's emails on its own time: wait for them.
    for _ in 0..100 {
        if !crate::mail::emails(app, a, "").await.is_empty() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the paid order's emails were never written");
}
