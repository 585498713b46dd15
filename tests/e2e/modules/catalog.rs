//! Catalog: channels, products, variants (by id and by barcode), suppliers, kits.

use reqwest::Method;
use serde_json::json;

use super::{Ids, Made, ModuleTests, made};
use crate::catalog::{create_variant, product_body};
use crate::harness::TestApp;
use crate::harness::shop::Shop;
use crate::isolation::fixtures::{Target, created, ean13, id_of};
use crate::isolation::spec::Operation;

pub const TESTS: ModuleTests = ModuleTests {
    name: "catalog",
    fixtures: &[
        ("/api/v1/catalog/channels/{id}", channel),
        ("/api/v1/catalog/products/{id}", product),
        ("/api/v1/catalog/suppliers/{id}", supplier),
        ("/api/v1/catalog/variants/by-barcode/{code}", barcode),
        ("/api/v1/catalog/variants/{id}", variant),
    ],
    fill,
    kinds: &[
        ("variant", variants),
        ("product", product_of_variant),
        ("supplier", new_supplier),
        ("channel", channel_of_shop),
    ],
    body_ids: &[
        ("component_variant_id", "variant"),
        ("channel_ids", "channel"),
    ],
    query_ids: &[
        ("channel_id", "channel"),
        ("product_id", "product"),
        ("supplier_id", "supplier"),
    ],
    ..super::NONE
};

fn channel<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let channel = json!({ "name": name, "kind": "marketplace" });
        Target::id(id_of(
            &created(app, shop, "/api/v1/catalog/channels", channel).await,
        ))
    })
}

/// A product; its update names one of the store's channels.
fn product<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    operation: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let body = product_body(&name, &name);
        let mut target = Target::id(id_of(
            &created(app, shop, "/api/v1/catalog/products", body).await,
        ));
        if operation.id == "catalog.product.update" {
            target.body = Some(json!({ "name": name, "channel_ids": [shop.channel] }));
        }
        target
    })
}

fn supplier<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let supplier = app.create_supplier(&shop.owner, &name, 7).await;
        let variant = create_variant(app, &shop.owner, &name, &name).await;
        Target::params(vec![("id", supplier), ("variant_id", variant)])
    })
}

fn barcode<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let code = ean13(&name);
        let mut body = product_body(&name, &name);
        body["variants"][0]["barcode"] = json!(code);
        created(app, shop, "/api/v1/catalog/products", body).await;
        Target::params(vec![("code", code)])
    })
}

/// A variant; for setting components, the body names two other variants of the store.
fn variant<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    operation: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let mut target = Target::id(create_variant(app, &shop.owner, &name, &name).await);
        if operation.id == "catalog.variant.set_components" {
            let mut components = Vec::new();
            for part in ["A", "B"] {
                let sku = format!("{name}-{part}");
                let component = create_variant(app, &shop.owner, &sku, &sku).await;
                components.push(json!({ "component_variant_id": component, "quantity": 1 }));
            }
            target.body = Some(json!({ "components": components }));
        }
        target
    })
}

/// A supplier's price of a variant, a kit of it, and its product on the shop's channel.
fn fill<'a>(app: &'a TestApp, shop: &'a Shop) -> Made<'a, ()> {
    Box::pin(async move {
        let owner = &shop.owner;
        let variant = create_variant(app, owner, "Row", "ROW-1").await;
        let supplier = app.create_supplier(owner, "S", 1).await;
        let link = format!("/api/v1/catalog/suppliers/{supplier}/variants/{variant}");
        let link = app.call(Method::PUT, &link).as_(owner);
        link.json(&json!({ "cost": "1.00" }))
            .send()
            .await
            .expect(200);
        let kit = create_variant(app, owner, "Kit", "KIT-1").await;
        let components = format!("/api/v1/catalog/variants/{kit}/components");
        app.call(Method::PUT, &components)
            .as_(owner)
            .json(&json!({ "components": [{ "component_variant_id": variant, "quantity": 1 }] }))
            .send()
            .await
            .expect(200);
        let product = app
            .get(&format!("/api/v1/catalog/variants/{variant}"))
            .as_(owner)
            .send()
            .await
            .expect(200)
            .body["product_id"]
            .clone();
        app.patch(&format!(
            "/api/v1/catalog/products/{}",
            product.as_str().unwrap_or_default()
        ))
        .as_(owner)
        .json(&json!({ "channel_ids": [shop.channel] }))
        .send()
        .await
        .expect(200);
    })
}

/// Two variants, each with stock at the shop's location.
fn variants<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Ids,
    name: &'a str,
) -> Made<'a, Vec<String>> {
    Box::pin(async move {
        vec![
            shop.stocked_variant(app, &format!("{name}-1"), "10.00", 5)
                .await,
            shop.stocked_variant(app, &format!("{name}-2"), "10.00", 5)
                .await,
        ]
    })
}

/// The first variant's product.
fn product_of_variant<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    ids: &'a Ids,
    _: &'a str,
) -> Made<'a, Vec<String>> {
    Box::pin(async move {
        let variant = format!("/api/v1/catalog/variants/{}", made(ids, "variant", 0));
        let variant = app.get(&variant).as_(&shop.owner).send().await.expect(200);
        let product = variant.body["product_id"].as_str().unwrap_or_default();
        vec![product.to_owned()]
    })
}

fn new_supplier<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Ids,
    name: &'a str,
) -> Made<'a, Vec<String>> {
    Box::pin(async move {
        let supplier = format!("Fornecedor {name}");
        vec![app.create_supplier(&shop.owner, &supplier, 7).await]
    })
}

fn channel_of_shop<'a>(
    _: &'a TestApp,
    shop: &'a Shop,
    _: &'a Ids,
    _: &'a str,
) -> Made<'a, Vec<String>> {
    Box::pin(async move { vec![shop.channel.clone()] })
}
