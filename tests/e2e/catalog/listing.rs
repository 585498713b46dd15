//! Lists of products and variants: search without case or accents, by SKU and barcode, sorted
//! and paged, filtered by supplier and channel.

use openapi::Page;
use openapi::catalog::{
    ChannelKind, ProductIn, ProductOut, ProductPatch, SupplierVariantIn, SupplierVariantOut,
    VariantIn, VariantOut,
};

use crate::db_test;
use crate::harness::fixtures::{money, product_in, supplier_in, variant_in};

use super::names;

db_test!(
    search_ignores_case_and_accents_and_finds_by_sku_and_barcode,
    |app| {
        let owner = app.signup("Gael").await;
        let coffee = VariantIn {
            barcode: Some("7891000100103".into()),
            cost: None,
            ..variant_in("CAFE-250", "30")
        };
        app.new_product(&owner, &product_in("Café Especial Açaí", vec![coffee]))
            .await;
        app.new_variant(&owner, "Chá Mate", "CHA-1").await;
        for q in ["cafe", "CAFÉ", "acai", "cafe-250", "7891000100103"] {
            let found: Page<ProductOut> = app
                .get(&format!("/api/v1/catalog/products?q={q}"))
                .as_(&owner)
                .returns(200)
                .await;
            assert_eq!(names(&found), ["Café Especial Açaí"], "q={q}");
        }
        let variants: Page<VariantOut> = app
            .get("/api/v1/catalog/variants?q=mate")
            .as_(&owner)
            .returns(200)
            .await;
        assert_eq!(variants.items[0].sku, "CHA-1");
        let none: Page<ProductOut> = app
            .get("/api/v1/catalog/products?q=100%25")
            .as_(&owner)
            .returns(200)
            .await;
        assert!(none.items.is_empty(), "{none:#?}");

        let scanned: VariantOut = app
            .get("/api/v1/catalog/variants/by-barcode/7891000100103")
            .as_(&owner)
            .returns(200)
            .await;
        assert_eq!(scanned.sku, "CAFE-250");
        assert_eq!(scanned.product_name, "Café Especial Açaí");
        app.get("/api/v1/catalog/variants/by-barcode/0000")
            .as_(&owner)
            .send()
            .await
            .problem(404, "not-found");
    }
);

db_test!(products_sort_by_name_and_page_with_the_cursor, |app| {
    let owner = app.signup("Hana").await;
    for (name, sku) in [
        ("Delta", "D"),
        ("alfa", "A"),
        ("Charlie", "C"),
        ("Bravo", "B"),
        ("Echo", "E"),
    ] {
        app.new_variant(&owner, name, sku).await;
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/catalog/products?limit=2&sort=-name".to_owned();
    loop {
        let page: Page<ProductOut> = app.get(&path).as_(&owner).returns(200).await;
        seen.extend(page.items.into_iter().map(|p| p.name));
        match page.next_cursor {
            Some(cursor) => {
                path = format!("/api/v1/catalog/products?limit=2&sort=-name&cursor={cursor}")
            }
            None => break,
        }
    }
    // Names sort without regard to case or accents.
    assert_eq!(seen, ["Echo", "Delta", "Charlie", "Bravo", "alfa"]);
    app.get("/api/v1/catalog/products?sort=price")
        .as_(&owner)
        .send()
        .await
        .problem(422, "request/validation");
});

db_test!(
    products_filter_by_the_supplier_that_sells_them_and_the_channel_that_lists_them,
    |app| {
        let owner = app.signup("Otavio").await;
        let channel = app
            .new_channel(&owner, "Shopee", ChannelKind::Marketplace)
            .await
            .id;
        let with_channel = |name: &str, sku: &str| ProductIn {
            channel_ids: vec![channel],
            ..product_in(
                name,
                vec![VariantIn {
                    cost: None,
                    ..variant_in(sku, "5")
                }],
            )
        };
        let listed = app
            .new_product(&owner, &with_channel("Listed", "LIST-1"))
            .await;
        assert_eq!(listed.channel_ids, [channel]);
        let supplied = app.new_variant(&owner, "Supplied", "SUP-1").await.id;
        app.new_variant(&owner, "Neither", "NEI-1").await;
        let supplier = app
            .new_supplier(&owner, &supplier_in("Fornecedor", 3))
            .await
            .id;
        app.call(
            reqwest::Method::PUT,
            &format!("/api/v1/catalog/suppliers/{supplier}/variants/{supplied}"),
        )
        .as_(&owner)
        .json(&SupplierVariantIn {
            supplier_sku: Some("F-9".into()),
            cost: money("2.50"),
        })
        .send()
        .await
        .expect(200);
        let products = |query: String| {
            let (app, owner) = (&app, &owner);
            async move {
                app.get(&format!("/api/v1/catalog/products?{query}"))
                    .as_(owner)
                    .returns::<Page<ProductOut>>(200)
                    .await
            }
        };
        let by_supplier = products(format!("supplier_id={supplier}")).await;
        assert_eq!(names(&by_supplier), ["Supplied"]);
        let by_channel = products(format!("channel_id={channel}")).await;
        assert_eq!(names(&by_channel), ["Listed"]);
        let links: Vec<SupplierVariantOut> = app
            .get(&format!("/api/v1/catalog/suppliers/{supplier}/variants"))
            .as_(&owner)
            .returns(200)
            .await;
        assert_eq!(links[0].supplier_sku.as_deref(), Some("F-9"));
        // Unlisting is a patch; a channel of another store is 404.
        let patched: ProductOut = app
            .patch(&format!("/api/v1/catalog/products/{}", listed.id))
            .as_(&owner)
            .json(&ProductPatch {
                channel_ids: Some(Vec::new()),
                ..Default::default()
            })
            .returns(200)
            .await;
        assert!(patched.channel_ids.is_empty(), "{patched:#?}");
        let other = app.signup("Paloma").await;
        app.post("/api/v1/catalog/products")
            .as_(&other)
            .json(&with_channel("X", "X-1"))
            .send()
            .await
            .problem(404, "not-found");
    }
);
