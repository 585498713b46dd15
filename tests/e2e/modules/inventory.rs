//! Inventory: locations, levels, reservations, purchase orders, buffers, the ledger.

use reqwest::Method;
use serde_json::json;

use super::{Ids, Made, ModuleTests, made};
use crate::catalog::create_variant;
use crate::harness::TestApp;
use crate::harness::shop::Shop;
use crate::isolation::fixtures::{Target, created, id_of};
use crate::isolation::spec::Operation;

pub const TESTS: ModuleTests = ModuleTests {
    name: "inventory",
    fixtures: &[
        ("/api/v1/inventory/levels/{id}", level),
        ("/api/v1/inventory/locations/{id}", location),
        ("/api/v1/inventory/purchase-orders/{id}", purchase_order),
        ("/api/v1/inventory/reservations/{id}", reservation),
    ],
    fill,
    kinds: &[
        ("location", locations),
        ("purchase_order_line", purchase_order_line),
    ],
    body_ids: &[
        ("variant_id", "variant"),
        ("location_id", "location"),
        ("from_location_id", "location"),
        ("to_location_id", "location"),
        ("supplier_id", "supplier"),
        ("line_id", "purchase_order_line"),
        ("channel_id", "channel"),
    ],
    not_ids: &[(
        "reference_id",
        "a reservation's reference (e.g. an order of the caller's own system), looked up nowhere",
    )],
    query_ids: &[
        ("variant_id", "variant"),
        ("location_id", "location"),
        ("channel_id", "channel"),
        ("supplier_id", "supplier"),
    ],
};

fn level<'a>(app: &'a TestApp, shop: &'a Shop, _: &'a Operation, name: String) -> Made<'a, Target> {
    Box::pin(async move {
        let variant = shop.stocked_variant(app, &name, "10.00", 3).await;
        Target::id(id_of(&shop.level(app, &variant).await))
    })
}

fn location<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move { Target::id(app.create_location(&shop.owner, &name).await) })
}

/// A draft purchase order of one line (sent, for a receipt, which names that line).
fn purchase_order<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    operation: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let supplier = app.create_supplier(&shop.owner, &name, 7).await;
        let variant = create_variant(app, &shop.owner, &name, &name).await;
        let body = json!({ "supplier_id": supplier, "location_id": shop.location,
            "lines": [{ "variant_id": variant, "quantity": 20 }] });
        let order = created(app, shop, "/api/v1/inventory/purchase-orders", body).await;
        let id = id_of(&order);
        if operation.id == "inventory.purchase_order.receive" {
            let send = app.post(&format!("/api/v1/inventory/purchase-orders/{id}/send"));
            send.as_(&shop.owner).send().await.expect(200);
        }
        let line = id_of(&order["lines"][0]);
        Target {
            params: vec![("id", id)],
            body: Some(json!({ "lines": [{ "line_id": line, "quantity": 1 }] })),
        }
    })
}

fn reservation<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let variant = shop.stocked_variant(app, &name, "10.00", 3).await;
        let hold = json!({ "variant_id": variant, "location_id": shop.location, "quantity": 1 });
        Target::id(id_of(
            &created(app, shop, "/api/v1/inventory/reservations", hold).await,
        ))
    })
}

/// Stock adjusted in and out across a reorder point (a `stock.low` in the outbox), a
/// reservation, a channel buffer and a purchase order.
fn fill<'a>(app: &'a TestApp, shop: &'a Shop) -> Made<'a, ()> {
    Box::pin(async move {
        let owner = &shop.owner;
        let variant = shop.stocked_variant(app, "STOCK-1", "10.00", 3).await;
        let hold = json!({ "variant_id": variant, "quantity": 1 });
        created(app, shop, "/api/v1/inventory/reservations", hold).await;
        let buffer = json!({ "channel_id": shop.channel, "variant_id": variant, "quantity": 1 });
        let buffers = app
            .call(Method::PUT, "/api/v1/inventory/buffers")
            .as_(owner);
        buffers.json(&buffer).send().await.expect(200);
        let supplier = app.create_supplier(owner, "Fornecedor", 1).await;
        let order = json!({ "supplier_id": supplier, "location_id": shop.location,
                            "lines": [{ "variant_id": variant, "quantity": 1 }] });
        created(app, shop, "/api/v1/inventory/purchase-orders", order).await;
        let level = id_of(&shop.level(app, &variant).await);
        app.patch(&format!("/api/v1/inventory/levels/{level}"))
            .as_(owner)
            .json(&json!({ "reorder_point": 1 }))
            .send()
            .await
            .expect(200);
        // Available 2 → 1 crosses the reorder point.
        app.post("/api/v1/inventory/adjustments")
            .as_(owner)
            .json(
                &json!({ "variant_id": variant, "location_id": shop.location,
                           "quantity": -1, "reason": "damage" }),
            )
            .send()
            .await
            .expect(200);
    })
}

/// The shop's location and a second one.
fn locations<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Ids,
    _: &'a str,
) -> Made<'a, Vec<String>> {
    Box::pin(async move {
        let second = app.create_location(&shop.owner, "CD2").await;
        vec![shop.location.clone(), second]
    })
}

/// A line of a purchase order of the first variant from the supplier; that variant, from
/// that supplier, far below its reorder point whatever the calls before add.
fn purchase_order_line<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    ids: &'a Ids,
    _: &'a str,
) -> Made<'a, Vec<String>> {
    Box::pin(async move {
        let (supplier, variant) = (made(ids, "supplier", 0), made(ids, "variant", 0));
        let purchase = json!({ "supplier_id": supplier, "location_id": shop.location,
            "lines": [{ "variant_id": variant, "quantity": 4 }] });
        let purchase = created(app, shop, "/api/v1/inventory/purchase-orders", purchase).await;
        let link = format!("/api/v1/catalog/suppliers/{supplier}/variants/{variant}");
        let link = app.call(Method::PUT, &link).as_(&shop.owner);
        let link = link.json(&json!({ "cost": "3.00", "supplier_sku": "F-1" }));
        link.send().await.expect(200);
        let level = id_of(&shop.level(app, &variant).await);
        let level = app
            .patch(&format!("/api/v1/inventory/levels/{level}"))
            .as_(&shop.owner);
        let level = level.json(&json!({ "reorder_point": 1000, "reorder_quantity": 20 }));
        level.send().await.expect(200);
        vec![id_of(&purchase["lines"][0])]
    })
}
