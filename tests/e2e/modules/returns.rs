//! Logistics' returns for the isolation and tenant-table tests: a delivered order's return,
//! and the store's return rules.

use serde_json::{Value, json};

use super::Made;
use crate::harness::TestApp;
use crate::harness::shop::{Shop, new_customer};
use crate::isolation::fixtures::{Target, id_of};
use crate::isolation::spec::Operation;

/// A return of one unit of a delivered order of a new variant named `name`.
pub async fn new_return(app: &TestApp, shop: &Shop, name: &str) -> Value {
    let variant = shop.stocked_variant(app, name, "40.00", 5).await;
    let body = shop.order_body(
        new_customer(&format!("Cliente {name}"), "pt-BR"),
        json!([{ "variant_id": variant, "quantity": 1 }]),
    );
    let order = shop
        .place(app, &format!("rma-{name}"), &body)
        .await
        .expect(201)
        .body;
    let order_id = id_of(&order);
    let total = order["total"].as_str().unwrap_or("40.00").to_owned();
    shop.pay(app, &order_id, &total, &format!("pix-rma-{name}"))
        .await
        .expect(201);
    // Logistics opens the order's fulfilment from the outbox: once it has, the store is quiet
    // (the isolation walk compares its audit log before and after).
    super::logistics::first_fulfilment(app, shop, &order_id).await;
    for to in ["fulfilling", "shipped", "delivered"] {
        app.post(&format!("/api/v1/orders/{order_id}/transitions"))
            .as_(&shop.owner)
            .json(&json!({ "to": to }))
            .send()
            .await
            .expect(200);
    }
    let line = order["lines"][0]["id"].clone();
    app.post("/api/v1/logistics/returns")
        .as_(&shop.owner)
        .json(&json!({
            "order_id": order_id,
            "lines": [{ "order_line_id": line, "quantity": 1, "reason": "defective" }],
        }))
        .send()
        .await
        .expect(201)
        .body
}

/// A requested return.
pub fn a_return<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move { Target::id(id_of(&new_return(app, shop, &name).await)) })
}

/// The store's return rules and a return.
pub async fn fill_returns(app: &TestApp, shop: &Shop) {
    app.call(reqwest::Method::PUT, "/api/v1/logistics/return-settings")
        .as_(&shop.owner)
        .json(&openapi::logistics::ReturnSettings::default())
        .send()
        .await
        .expect(200);
    new_return(app, shop, "RMA-FILL").await;
}
