//! Automation: webhook endpoints.

use serde_json::json;

use super::{Made, ModuleTests};
use crate::harness::TestApp;
use crate::harness::shop::Shop;
use crate::isolation::fixtures::{Target, created, id_of};
use crate::isolation::spec::Operation;

pub const TESTS: ModuleTests = ModuleTests {
    name: "automation",
    fixtures: &[("/api/v1/automation/webhooks/{id}", endpoint)],
    fill,
    ..super::NONE
};

/// A public address given as an IP literal: registering it needs no name lookup, so no
/// network.
pub const PUBLIC_URL: &str = "https://93.184.215.14/hooks";

/// An endpoint of the store; its `endpoint` (without the secret shown once).
pub async fn new_endpoint(app: &TestApp, shop: &Shop, name: &str) -> serde_json::Value {
    let body = json!({
        "url": format!("{PUBLIC_URL}/{name}"),
        "events": ["order.*"],
        "description": name,
    });
    created(app, shop, "/api/v1/automation/webhooks", body).await["endpoint"].clone()
}

fn endpoint<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move { Target::id(id_of(&new_endpoint(app, shop, &name).await)) })
}

/// A switched-off endpoint: its row has a reason, which the closed-set test replaces.
fn fill<'a>(app: &'a TestApp, shop: &'a Shop) -> Made<'a, ()> {
    Box::pin(async move {
        let body = json!({ "url": PUBLIC_URL, "events": ["*"], "enabled": false });
        created(app, shop, "/api/v1/automation/webhooks", body).await;
    })
}
