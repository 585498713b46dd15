//! Auth: API keys (and, with the idempotency key, the idempotency table).

use serde_json::json;

use super::{Made, ModuleTests};
use crate::harness::TestApp;
use crate::harness::shop::Shop;
use crate::isolation::fixtures::{Target, created, id_of};
use crate::isolation::spec::Operation;

pub const TESTS: ModuleTests = ModuleTests {
    name: "auth",
    fixtures: &[("/api/v1/api-keys/{id}", api_key)],
    fill,
    ..super::NONE
};

fn api_key<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let key = json!({ "name": name, "scopes": ["tenant:read"] });
        let key = created(app, shop, "/api/v1/api-keys", key).await;
        Target::id(id_of(&key["api_key"]))
    })
}

fn fill<'a>(app: &'a TestApp, shop: &'a Shop) -> Made<'a, ()> {
    Box::pin(async move {
        app.post("/api/v1/api-keys")
            .as_(&shop.owner)
            .header("idempotency-key", "k1")
            .json(&json!({ "name": "k", "scopes": ["tenant:read"] }))
            .send()
            .await
            .expect(201);
    })
}
