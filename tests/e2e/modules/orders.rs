//! Orders: customers, orders with their lines, events and payments, the order settings.

use reqwest::Method;
use serde_json::json;

use super::{Ids, Made, ModuleTests, made};
use crate::harness::TestApp;
use crate::harness::shop::{Shop, new_customer};
use crate::isolation::fixtures::{Target, created, id_of};
use crate::isolation::spec::Operation;

pub const TESTS: ModuleTests = ModuleTests {
    name: "orders",
    fixtures: &[
        ("/api/v1/customers/{id}", customer),
        ("/api/v1/orders/{id}", order),
    ],
    fill,
    kinds: &[
        ("customer", customer_of_store),
        ("order", order_of_store),
        ("order_line", order_line_of_store),
    ],
    body_ids: &[
        ("variant_id", "variant"),
        ("channel_id", "channel"),
        ("customer.id", "customer"),
    ],
    query_ids: &[("customer_id", "customer"), ("channel_id", "channel")],
    ..super::NONE
};

fn customer<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let customer = new_customer(&format!("Cliente {name}"), "pt-BR");
        let customer = created(app, shop, "/api/v1/customers", customer["new"].clone()).await;
        Target::id(id_of(&customer))
    })
}

/// A new order, placed and not paid (finance's margin of an order reads one too).
pub(super) fn order<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let variant = shop.stocked_variant(app, &name, "45.50", 5).await;
        let body = shop.order_body(
            new_customer(&format!("Cliente {name}"), "pt-BR"),
            json!([{ "variant_id": variant, "quantity": 1 }]),
        );
        Target::id(id_of(&shop.place(app, &name, &body).await.expect(201).body))
    })
}

/// Staff addresses in the settings, and a paid order (its customer, lines, events, payment;
/// the outbox's order events, which mail's handler turns into emails).
fn fill<'a>(app: &'a TestApp, shop: &'a Shop) -> Made<'a, ()> {
    Box::pin(async move {
        let owner = &shop.owner;
        app.call(Method::PUT, "/api/v1/order-settings")
            .as_(owner)
            .json(&json!({ "staff_emails": ["ops@example.com"] }))
            .send()
            .await
            .expect(200);
        crate::mail::paid_order(app, shop, "Ana", "pt-BR").await;
    })
}

fn customer_of_store<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Ids,
    name: &'a str,
) -> Made<'a, Vec<String>> {
    Box::pin(async move {
        let customer = new_customer(&format!("Cliente {name}"), "pt-BR");
        let customer = created(app, shop, "/api/v1/customers", customer["new"].clone()).await;
        vec![id_of(&customer)]
    })
}

/// An order of the customer, for the second variant.
async fn placed(app: &TestApp, shop: &Shop, ids: &Ids, key: String) -> serde_json::Value {
    let lines = json!([{ "variant_id": made(ids, "variant", 1), "quantity": 1 }]);
    let order = shop.order_body(json!({ "id": made(ids, "customer", 0) }), lines);
    shop.place(app, &key, &order).await.expect(201).body
}

/// A line of a new order of the store.
fn order_line_of_store<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    ids: &'a Ids,
    name: &'a str,
) -> Made<'a, Vec<String>> {
    Box::pin(async move {
        let order = placed(app, shop, ids, format!("{name}-line")).await;
        vec![id_of(&order["lines"][0])]
    })
}

fn order_of_store<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    ids: &'a Ids,
    name: &'a str,
) -> Made<'a, Vec<String>> {
    Box::pin(async move {
        vec![id_of(
            &placed(app, shop, ids, format!("{name}-order")).await,
        )]
    })
}
