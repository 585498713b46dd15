//! Support: tickets, their threads, canned replies and the desk's settings.

use reqwest::Method;
use serde_json::json;

use super::{Ids, Made, ModuleTests};
use crate::harness::TestApp;
use crate::harness::shop::{Shop, new_customer};
use crate::isolation::fixtures::{Target, created, id_of};
use crate::isolation::spec::Operation;

pub const TESTS: ModuleTests = ModuleTests {
    name: "support",
    // The longer prefix first: the first that matches makes the fixture.
    fixtures: &[
        ("/api/v1/support/tickets/{id}/reply-preview", preview),
        ("/api/v1/support/tickets/{id}", ticket),
        ("/api/v1/support/canned-replies/{id}", canned_reply),
    ],
    fill,
    kinds: &[("canned_reply", canned_replies)],
    body_ids: &[
        ("customer_id", "customer"),
        ("order_id", "order"),
        ("assignee_id", "user"),
        ("canned_reply_id", "canned_reply"),
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

/// A canned reply in Portuguese.
pub async fn new_canned_reply(app: &TestApp, shop: &Shop, name: &str) -> serde_json::Value {
    let body = json!({
        "name": format!("Prazo {name}"),
        "locale": "pt-BR",
        "body": "Olá, {{ customer.name }}! Chamado #{{ ticket.number }}.",
    });
    created(app, shop, "/api/v1/support/canned-replies", body).await
}

fn canned_reply<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move { Target::id(id_of(&new_canned_reply(app, shop, &name).await)) })
}

fn canned_replies<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Ids,
    name: &'a str,
) -> Made<'a, Vec<String>> {
    Box::pin(async move { vec![id_of(&new_canned_reply(app, shop, name).await)] })
}

/// A ticket, and the store's canned reply to fill in for it.
fn preview<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let ticket = id_of(&new_ticket(app, shop, &name).await);
        let reply = id_of(&new_canned_reply(app, shop, &name).await);
        Target {
            params: vec![("id", ticket)],
            body: Some(json!({ "canned_reply_id": reply })),
        }
    })
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
        new_canned_reply(app, shop, "fill").await;
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
