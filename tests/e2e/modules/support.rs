//! Support: tickets, their threads and the desk's settings.

use reqwest::Method;
use serde_json::json;

use super::{Made, ModuleTests};
use crate::harness::TestApp;
use crate::harness::shop::{Shop, new_customer};
use crate::isolation::fixtures::{Target, created, id_of};
use crate::isolation::spec::Operation;

pub const TESTS: ModuleTests = ModuleTests {
    name: "support",
    fixtures: &[("/api/v1/support/tickets/{id}", ticket)],
    fill,
    body_ids: &[
        ("customer_id", "customer"),
        ("order_id", "order"),
        ("assignee_id", "user"),
    ],
    query_ids: &[("customer_id", "customer"), ("assignee_id", "user")],
    ..super::NONE
};

/// A ticket opened by phone for a new customer with an email address.
pub async fn new_ticket(app: &TestApp, shop: &Shop, name: &str) -> serde_json::Value {
    let customer = new_customer(&format!("Cliente {name}"), "pt-BR");
    let customer = created(app, shop, "/api/v1/customers", customer["new"].clone()).await;
    let body = json!({
        "subject": format!("Dúvida {name}"),
        "customer_id": id_of(&customer),
        "channel": "phone",
        "body": "Ligou perguntando pelo prazo de entrega.",
    });
    created(app, shop, "/api/v1/support/tickets", body).await
}

fn ticket<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move { Target::id(id_of(&new_ticket(app, shop, &name).await)) })
}

/// A ticket with an answer (its thread, its email) and the desk's settings.
fn fill<'a>(app: &'a TestApp, shop: &'a Shop) -> Made<'a, ()> {
    Box::pin(async move {
        app.call(Method::PUT, "/api/v1/support/settings")
            .as_(&shop.owner)
            .json(&json!({ "address": "atendimento@loja.example" }))
            .send()
            .await
            .expect(200);
        let ticket = new_ticket(app, shop, "fill").await;
        app.post(&format!(
            "/api/v1/support/tickets/{}/messages",
            id_of(&ticket)
        ))
        .as_(&shop.owner)
        .json(&json!({ "kind": "reply", "body": "Sai amanhã." }))
        .send()
        .await
        .expect(201);
    })
}
