//! Logistics: carriers, their services and transit tables.

use serde_json::json;

use super::{Made, ModuleTests};
use crate::harness::TestApp;
use crate::harness::shop::Shop;
use crate::isolation::fixtures::{Target, created, id_of};
use crate::isolation::spec::Operation;

pub const TESTS: ModuleTests = ModuleTests {
    name: "logistics",
    fixtures: &[
        ("/api/v1/logistics/carriers/{id}", carrier),
        ("/api/v1/logistics/locations/{id}", location),
        ("/api/v1/logistics/returns/{id}", super::returns::a_return),
        ("/api/v1/logistics/services/{id}", service),
    ],
    fill,
};

async fn new_carrier(app: &TestApp, shop: &Shop, name: &str) -> serde_json::Value {
    let body = json!({ "name": name, "kind": "courier" });
    created(app, shop, "/api/v1/logistics/carriers", body).await
}

async fn new_service(app: &TestApp, shop: &Shop, name: &str) -> serde_json::Value {
    let carrier = new_carrier(app, shop, name).await;
    let path = format!("/api/v1/logistics/carriers/{}/services", id_of(&carrier));
    created(
        app,
        shop,
        &path,
        json!({ "name": "Expresso", "code": "EXP" }),
    )
    .await
}

fn carrier<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move { Target::id(id_of(&new_carrier(app, shop, &name).await)) })
}

/// A location of the store with its handling time set.
fn location<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let code = format!("H{}", &name[name.len().saturating_sub(8)..]);
        let location = app.create_location(&shop.owner, &code).await;
        put_handling(app, shop, &location).await;
        Target::id(location)
    })
}

async fn put_handling(app: &TestApp, shop: &Shop, location: &str) {
    let path = format!("/api/v1/logistics/locations/{location}/handling");
    app.call(reqwest::Method::PUT, &path)
        .as_(&shop.owner)
        .json(&json!({ "handling_days": 2 }))
        .send()
        .await
        .expect(200);
}

/// A service with a one-row transit table.
fn service<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let service = new_service(app, shop, &name).await;
        put_rows(app, shop, &service).await;
        Target::id(id_of(&service))
    })
}

async fn put_rows(app: &TestApp, shop: &Shop, service: &serde_json::Value) {
    let path = format!(
        "/api/v1/logistics/services/{}/transit-times",
        id_of(service)
    );
    app.call(reqwest::Method::PUT, &path)
        .as_(&shop.owner)
        .json(&json!({ "rows": [{ "state": "SP", "days": 2 }] }))
        .send()
        .await
        .expect(200);
}

/// A carrier with a service and its transit table; the main location's handling time.
fn fill<'a>(app: &'a TestApp, shop: &'a Shop) -> Made<'a, ()> {
    Box::pin(async move {
        let service = new_service(app, shop, "Transportadora de teste").await;
        put_rows(app, shop, &service).await;
        put_handling(app, shop, &shop.location).await;
        super::returns::fill_returns(app, shop).await;
    })
}
