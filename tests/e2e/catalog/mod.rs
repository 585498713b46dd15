//! The catalog through the API, by topic: products and variants, lists and searches,
//! suppliers and channels.

mod listing;
mod products;
mod suppliers;

use openapi::Page;
use openapi::catalog::ProductOut;
use serde_json::{Value, json};

use crate::harness::TestApp;
use crate::harness::client::Session;

/// A one-variant product as JSON, for the tests that build requests from the spec.
pub fn product_body(name: &str, sku: &str) -> Value {
    json!({
        "name": name,
        "variants": [{ "sku": sku, "price": "10.00", "cost": "4.00" }],
    })
}

/// [`TestApp::new_variant`]'s id as text.
pub async fn create_variant(app: &TestApp, owner: &Session, name: &str, sku: &str) -> String {
    app.new_variant(owner, name, sku).await.id.to_string()
}

/// The names of a page of products.
fn names(page: &Page<ProductOut>) -> Vec<&str> {
    page.items.iter().map(|p| p.name.as_str()).collect()
}
