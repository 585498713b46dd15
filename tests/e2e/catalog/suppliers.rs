//! Suppliers and channels, who may change the catalog, and another store's catalog.

use openapi::Page;
use openapi::catalog::{
    ChannelIn, ChannelKind, ChannelOut, ProductOut, SupplierIn, SupplierOut, SupplierPatch,
    VariantIn, VariantPatch,
};

use crate::db_test;
use crate::harness::fixtures::{money, product_in, supplier_in, variant_in};

use super::names;

db_test!(suppliers_and_channels_are_kept_and_guarded_by_role, |app| {
    let owner = app.signup("Jonas").await;
    let supplier = app
        .new_supplier(
            &owner,
            &SupplierIn {
                tax_id: Some("12.345.678/0001-95".into()),
                email: Some("vendas@textil.example".into()),
                ..supplier_in("Têxtil Nordeste", 12)
            },
        )
        .await;
    let found: Page<SupplierOut> = app
        .get("/api/v1/catalog/suppliers?q=textil")
        .as_(&owner)
        .returns(200)
        .await;
    assert_eq!(found.items[0].id, supplier.id);
    let changed: SupplierOut = app
        .patch(&format!("/api/v1/catalog/suppliers/{}", supplier.id))
        .as_(&owner)
        .json(&SupplierPatch {
            lead_time_days: Some(20),
            ..Default::default()
        })
        .returns(200)
        .await;
    assert_eq!(changed.lead_time_days, 20);

    let channel = app
        .new_channel(&owner, "Mercado Livre", ChannelKind::Marketplace)
        .await;
    assert_eq!(channel.kind, ChannelKind::Marketplace);

    let manager = app.add_member(&owner, "Kaue", "manager").await;
    let viewer = app.add_member(&owner, "Luna", "viewer").await;
    app.post("/api/v1/catalog/channels")
        .as_(&manager)
        .json(&ChannelIn {
            name: "Loja física".into(),
            kind: ChannelKind::Physical,
        })
        .send()
        .await
        .problem(403, "auth/forbidden");
    app.post("/api/v1/catalog/products")
        .as_(&viewer)
        .json(&product_in("Nope", vec![variant_in("NOPE", "10.00")]))
        .send()
        .await
        .problem(403, "auth/forbidden");
    app.get("/api/v1/catalog/channels")
        .as_(&viewer)
        .returns::<Page<ChannelOut>>(200)
        .await;
    app.new_variant(&manager, "Managed", "MGD-1").await;
});

db_test!(another_stores_catalog_is_404, |app| {
    let a = app.signup("Mauro").await;
    let b = app.signup("Nara").await;
    let variant = app.new_variant(&a, "A's", "A-1").await;
    let (product_id, variant_id) = (variant.product_id, variant.id);
    let supplier_id = app.new_supplier(&a, &supplier_in("A supplier", 1)).await.id;
    for path in [
        format!("/api/v1/catalog/products/{product_id}"),
        format!("/api/v1/catalog/variants/{variant_id}"),
        format!("/api/v1/catalog/suppliers/{supplier_id}"),
        "/api/v1/catalog/variants/by-barcode/A-1".to_owned(),
    ] {
        app.get(&path)
            .as_(&b)
            .send()
            .await
            .problem(404, "not-found");
    }
    app.patch(&format!("/api/v1/catalog/variants/{variant_id}"))
        .as_(&b)
        .json(&VariantPatch {
            price: Some(money("0.01")),
            ..Default::default()
        })
        .send()
        .await
        .problem(404, "not-found");
    app.post(&format!("/api/v1/catalog/products/{product_id}/variants"))
        .as_(&b)
        .json(&VariantIn {
            cost: None,
            ..variant_in("B-1", "1")
        })
        .send()
        .await
        .problem(404, "not-found");
    let listed: Page<ProductOut> = app
        .get("/api/v1/catalog/products")
        .as_(&b)
        .returns(200)
        .await;
    assert_eq!(names(&listed), Vec::<&str>::new());
});
