use serde_json::{Value, json};

use crate::catalog::create_variant;
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;

async fn setup(app: &TestApp, owner: &Session) -> (String, String, String) {
    let variant = create_variant(app, owner, "Camisa", "CAM-1").await;
    let location = app.create_location(owner, "CD").await;
    let supplier = app.create_supplier(owner, "Confecções Sul", 10).await;
    (variant, location, supplier)
}

async fn get(app: &TestApp, who: &Session, path: &str) -> Value {
    app.get(path).as_(who).send().await.expect(200).body
}

db_test!(
    a_full_purchasing_cycle_keeps_cost_and_value_to_the_cent,
    |app| {
        let owner = app.signup("Abigail").await;
        let (variant, location, supplier) = setup(&app, &owner).await;
        // 10 units already there at the variant's cost of 4.00.
        app.post("/api/v1/inventory/adjustments")
            .as_(&owner)
            .json(&json!({ "variant_id": variant, "location_id": location,
                       "quantity": 10, "reason": "initial" }))
            .send()
            .await
            .expect(200);
        let link = app
            .call(
                reqwest::Method::PUT,
                &format!("/api/v1/catalog/suppliers/{supplier}/variants/{variant}"),
            )
            .as_(&owner)
            .json(&json!({ "supplier_sku": "CS-991", "cost": "12.50" }))
            .send()
            .await
            .expect(200);
        assert_eq!(link.body["sku"], "CAM-1");

        let order = app
            .post("/api/v1/inventory/purchase-orders")
            .as_(&owner)
            .json(&json!({ "supplier_id": supplier, "location_id": location,
                       "lines": [{ "variant_id": variant, "quantity": 20 }] }))
            .send()
            .await
            .expect(201);
        assert_eq!(order.body["status"], "draft");
        assert_eq!(order.body["reference"], "PO-1");
        assert_eq!(order.body["lines"][0]["unit_cost"], "12.50");
        assert_eq!(order.body["total_cost"], "250.00");
        let id = order.body["id"].as_str().unwrap().to_owned();
        let line = order.body["lines"][0]["id"].as_str().unwrap().to_owned();

        // Receiving a draft is refused; sending makes the quantity incoming.
        app.post(&format!("/api/v1/inventory/purchase-orders/{id}/receipts"))
            .as_(&owner)
            .json(&json!({ "lines": [{ "line_id": line, "quantity": 1 }] }))
            .send()
            .await
            .problem(409, "inventory/purchase-order-state");
        app.post(&format!("/api/v1/inventory/purchase-orders/{id}/send"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        app.post(&format!("/api/v1/inventory/purchase-orders/{id}/send"))
            .as_(&owner)
            .send()
            .await
            .problem(409, "inventory/purchase-order-state");
        let levels = get(
            &app,
            &owner,
            &format!("/api/v1/inventory/levels?variant_id={variant}"),
        )
        .await;
        assert_eq!(levels["items"][0]["incoming"], 20);

        let partial = app
            .post(&format!("/api/v1/inventory/purchase-orders/{id}/receipts"))
            .as_(&owner)
            .json(&json!({ "lines": [{ "line_id": line, "quantity": 5 }] }))
            .send()
            .await
            .expect(200);
        assert_eq!(partial.body["status"], "partially_received");
        let cost = get(&app, &owner, &format!("/api/v1/catalog/variants/{variant}")).await;
        // (10 × 4.00 + 5 × 12.50) ÷ 15
        assert_eq!(cost["average_cost"], "6.833333");

        app.post(&format!("/api/v1/inventory/purchase-orders/{id}/receipts"))
            .as_(&owner)
            .json(&json!({ "lines": [{ "line_id": line, "quantity": 16 }] }))
            .send()
            .await
            .problem(409, "inventory/over-receipt");
        let done = app
            .post(&format!("/api/v1/inventory/purchase-orders/{id}/receipts"))
            .as_(&owner)
            .json(&json!({ "lines": [{ "line_id": line, "quantity": 15 }] }))
            .send()
            .await
            .expect(200);
        assert_eq!(done.body["status"], "received");
        assert_eq!(done.body["lines"][0]["quantity_received"], 20);

        let levels = get(
            &app,
            &owner,
            &format!("/api/v1/inventory/levels?variant_id={variant}"),
        )
        .await;
        assert_eq!(levels["items"][0]["on_hand"], 30);
        assert_eq!(levels["items"][0]["incoming"], 0);
        // 40.00 + 250.00 = 290.00 for 30 units.
        let valuation = get(&app, &owner, "/api/v1/inventory/valuation").await;
        assert_eq!(valuation["total"], "290.00");
        assert_eq!(valuation["units"], 30);
        assert_eq!(valuation["locations"][0]["value"], "290.00");
        assert_eq!(valuation["currency"], "BRL");

        app.post(&format!("/api/v1/inventory/purchase-orders/{id}/cancel"))
            .as_(&owner)
            .send()
            .await
            .problem(409, "inventory/purchase-order-state");
        let receipts = get(
            &app,
            &owner,
            &format!("/api/v1/inventory/movements?variant_id={variant}&kind=receipt"),
        )
        .await;
        assert_eq!(receipts["items"].as_array().unwrap().len(), 2);
        assert_eq!(receipts["items"][0]["reference_type"], "purchase_order");
    }
);

db_test!(
    cancelling_a_sent_order_takes_back_what_was_incoming,
    |app| {
        let owner = app.signup("Bernardo").await;
        let (variant, location, supplier) = setup(&app, &owner).await;
        let order = app
            .post("/api/v1/inventory/purchase-orders")
            .as_(&owner)
            .json(&json!({ "supplier_id": supplier, "location_id": location,
                       "lines": [{ "variant_id": variant, "quantity": 8, "unit_cost": "3.10" }] }))
            .send()
            .await
            .expect(201);
        let id = order.body["id"].as_str().unwrap();
        let line = order.body["lines"][0]["id"].as_str().unwrap();
        app.post(&format!("/api/v1/inventory/purchase-orders/{id}/send"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        app.post(&format!("/api/v1/inventory/purchase-orders/{id}/receipts"))
            .as_(&owner)
            .json(&json!({ "lines": [{ "line_id": line, "quantity": 3 }] }))
            .send()
            .await
            .expect(200);
        let cancelled = app
            .post(&format!("/api/v1/inventory/purchase-orders/{id}/cancel"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(cancelled.body["status"], "cancelled");
        let levels = get(
            &app,
            &owner,
            &format!("/api/v1/inventory/levels?variant_id={variant}"),
        )
        .await;
        assert_eq!(levels["items"][0]["incoming"], 0);
        assert_eq!(levels["items"][0]["on_hand"], 3);
        app.post(&format!("/api/v1/inventory/purchase-orders/{id}/receipts"))
            .as_(&owner)
            .json(&json!({ "lines": [{ "line_id": line, "quantity": 1 }] }))
            .send()
            .await
            .problem(409, "inventory/purchase-order-state");
        // Numbers are gapless per store.
        let second = app
            .post("/api/v1/inventory/purchase-orders")
            .as_(&owner)
            .json(&json!({ "supplier_id": supplier, "location_id": location,
                       "lines": [{ "variant_id": variant, "quantity": 1 }] }))
            .send()
            .await
            .expect(201);
        assert_eq!(second.body["number"], 2);
        let list = get(
            &app,
            &owner,
            "/api/v1/inventory/purchase-orders?status=cancelled",
        )
        .await;
        assert_eq!(list["items"].as_array().unwrap().len(), 1);
        let other = app.signup("Cecilia").await;
        app.get(&format!("/api/v1/inventory/purchase-orders/{id}"))
            .as_(&other)
            .send()
            .await
            .problem(404, "not-found");
        let (o_variant, o_location, o_supplier) = setup(&app, &other).await;
        let theirs = app
            .post("/api/v1/inventory/purchase-orders")
            .as_(&other)
            .json(
                &json!({ "supplier_id": o_supplier, "location_id": o_location,
                       "lines": [{ "variant_id": o_variant, "quantity": 1 }] }),
            )
            .send()
            .await
            .expect(201);
        assert_eq!(theirs.body["number"], 1);
        app.post("/api/v1/inventory/purchase-orders")
            .as_(&other)
            .json(&json!({ "supplier_id": supplier, "location_id": o_location,
                       "lines": [{ "variant_id": o_variant, "quantity": 1 }] }))
            .send()
            .await
            .problem(404, "not-found");
    }
);

db_test!(a_stock_count_books_only_the_differences, |app| {
    let owner = app.signup("Dario").await;
    let (variant, location, _) = setup(&app, &owner).await;
    let other_variant = create_variant(&app, &owner, "Calça", "CAL-1").await;
    app.post("/api/v1/inventory/adjustments")
        .as_(&owner)
        .json(&json!({ "variant_id": variant, "location_id": location,
                       "quantity": 10, "reason": "initial" }))
        .send()
        .await
        .expect(200);
    let count = app
        .post("/api/v1/inventory/counts")
        .as_(&owner)
        .json(&json!({ "location_id": location, "lines": [
            { "variant_id": variant, "counted": 8 },
            { "variant_id": other_variant, "counted": 3 },
        ] }))
        .send()
        .await
        .expect(201);
    let differences: Vec<i64> = count.body["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["difference"].as_i64().unwrap())
        .collect();
    assert_eq!(differences, [-2, 3]);
    let moves = get(
        &app,
        &owner,
        &format!("/api/v1/inventory/movements?kind=count&location_id={location}"),
    )
    .await;
    assert_eq!(moves["items"].as_array().unwrap().len(), 2);
    assert_eq!(moves["items"][0]["reference_id"], count.body["count_id"]);
    let staff = app.add_member(&owner, "Elisa", "staff").await;
    app.post("/api/v1/inventory/counts")
        .as_(&staff)
        .json(
            &json!({ "location_id": location, "lines": [{ "variant_id": variant, "counted": 1 }] }),
        )
        .send()
        .await
        .problem(403, "auth/forbidden");
});

db_test!(
    a_purchase_order_moved_at_an_old_version_is_refused_with_412,
    |app| {
        let owner = app.signup("Bianca").await;
        let (variant, location, supplier) = setup(&app, &owner).await;
        let order = app
            .post("/api/v1/inventory/purchase-orders")
            .as_(&owner)
            .json(&json!({ "supplier_id": supplier, "location_id": location,
                       "lines": [{ "variant_id": variant, "quantity": 4 }] }))
            .send()
            .await
            .expect(201);
        let id = order.body["id"].as_str().unwrap();
        let line = order.body["lines"][0]["id"].as_str().unwrap();
        let read = order.body["version"].to_string();
        let sent = app
            .post(&format!("/api/v1/inventory/purchase-orders/{id}/send"))
            .as_(&owner)
            .header("If-Match", &format!("\"{read}\""))
            .send()
            .await
            .expect(200);
        let now = sent.body["version"].to_string();
        // The version read before it was sent no longer names it.
        app.post(&format!("/api/v1/inventory/purchase-orders/{id}/receipts"))
            .as_(&owner)
            .header("If-Match", &format!("\"{read}\""))
            .json(&json!({ "lines": [{ "line_id": line, "quantity": 1 }] }))
            .send()
            .await
            .problem(412, "request/stale");
        app.post(&format!("/api/v1/inventory/purchase-orders/{id}/cancel"))
            .as_(&owner)
            .header("If-Match", &format!("\"{read}\""))
            .send()
            .await
            .problem(412, "request/stale");
        let after = get(
            &app,
            &owner,
            &format!("/api/v1/inventory/purchase-orders/{id}"),
        )
        .await;
        assert_eq!(after["status"], "sent");
        app.post(&format!("/api/v1/inventory/purchase-orders/{id}/cancel"))
            .as_(&owner)
            .header("If-Match", &format!("\"{now}\""))
            .send()
            .await
            .expect(200);
    }
);
