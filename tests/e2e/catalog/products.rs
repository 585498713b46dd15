//! Products and their variants: created with exact money, validated field by field, unique
//! SKUs, archived together, guarded by If-Match.

use openapi::Page;
use openapi::catalog::{
    ProductIn, ProductOut, ProductPatch, Status, VariantIn, VariantOut, VariantPatch,
};

use crate::db_test;
use crate::harness::fixtures::{money, product_in, variant_in};

use super::names;

/// A variant with only a SKU and a price.
fn plain(sku: &str, price: &str) -> VariantIn {
    VariantIn {
        cost: None,
        ..variant_in(sku, price)
    }
}

db_test!(
    a_product_is_created_with_its_variants_and_exact_money,
    |app| {
        let owner = app.signup("Cora").await;
        let product = ProductIn {
            description: Some("Algodão".into()),
            ncm: Some("61091000".into()),
            ..product_in(
                "Camiseta Básica",
                vec![
                    VariantIn {
                        barcode: Some("7891234567895".into()),
                        options: [("size".to_owned(), "P".to_owned())].into(),
                        cost: Some(money("21.3333")),
                        weight_grams: Some(180),
                        ..plain("CAM-P", "59.90")
                    },
                    VariantIn {
                        options: [("size".to_owned(), "M".to_owned())].into(),
                        ..plain("CAM-M", "0.10")
                    },
                ],
            )
        };
        let reply = app
            .post("/api/v1/catalog/products")
            .as_(&owner)
            .json(&product)
            .send()
            .await
            .expect(201);
        insta::assert_json_snapshot!("product_created", reply.body, {
            ".id" => "[id]",
            ".created_at" => "[time]",
            ".updated_at" => "[time]",
            ".variants[].id" => "[id]",
            ".variants[].product_id" => "[id]",
            ".variants[].created_at" => "[time]",
            ".variants[].updated_at" => "[time]",
        });
        let id = reply.parse::<ProductOut>().id;
        let read: ProductOut = app
            .get(&format!("/api/v1/catalog/products/{id}"))
            .as_(&owner)
            .returns(200)
            .await;
        assert_eq!(read.variants[0].cost.to_string(), "21.3333");
        assert_eq!(read.variants[1].price.to_string(), "0.10");
    }
);

db_test!(product_validation_names_each_bad_field, |app| {
    let owner = app.signup("Davi").await;
    let send = |product: ProductIn| {
        let (app, owner) = (&app, &owner);
        async move {
            app.post("/api/v1/catalog/products")
                .as_(owner)
                .json(&product)
                .send()
                .await
                .problem(422, "request/validation")
        }
    };
    let reply = send(ProductIn {
        ncm: Some("123".into()),
        ..product_in(
            "X",
            vec![
                VariantIn {
                    barcode: Some("7891234567890".into()),
                    ..plain("OK-1", "1.00")
                },
                plain("bad sku", "-1"),
                plain("OK-3", "1.123456"),
            ],
        )
    })
    .await;
    assert_eq!(
        reply.error_fields(),
        [
            "ncm",
            "variants[0].barcode",
            "variants[1].price",
            "variants[1].sku",
            "variants[2].price"
        ]
    );
    let reply = send(product_in("X", vec![])).await;
    assert_eq!(reply.error_fields(), ["variants"]);
    let reply = send(product_in("X", vec![plain("DUP", "1"), plain("DUP", "2")])).await;
    assert_eq!(reply.error_fields(), ["variants[1].sku"]);
});

db_test!(a_taken_sku_or_barcode_is_409, |app| {
    let owner = app.signup("Edu").await;
    app.new_variant(&owner, "First", "SKU-1").await;
    app.post("/api/v1/catalog/products")
        .as_(&owner)
        .json(&product_in("Second", vec![variant_in("SKU-1", "10.00")]))
        .send()
        .await
        .problem(409, "catalog/sku-taken");
    let id = app.new_variant(&owner, "Third", "SKU-3").await.id;
    app.patch(&format!("/api/v1/catalog/variants/{id}"))
        .as_(&owner)
        .json(&VariantPatch {
            sku: Some("SKU-1".into()),
            ..Default::default()
        })
        .send()
        .await
        .problem(409, "catalog/sku-taken");
    // Another store may use the same SKU.
    let other = app.signup("Flor").await;
    app.new_variant(&other, "Mine", "SKU-1").await;
});

db_test!(
    archiving_a_product_archives_its_variants_and_if_match_guards_edits,
    |app| {
        let owner = app.signup("Igor").await;
        let id = app.new_variant(&owner, "Old", "OLD-1").await.product_id;
        let archive = |name: Option<&str>| ProductPatch {
            status: Some(Status::Archived),
            name: name.map(Into::into),
            ..Default::default()
        };
        app.patch(&format!("/api/v1/catalog/products/{id}"))
            .as_(&owner)
            .header("if-match", "\"7\"")
            .json(&archive(None))
            .send()
            .await
            .problem(412, "request/stale");
        let archived: ProductOut = app
            .patch(&format!("/api/v1/catalog/products/{id}"))
            .as_(&owner)
            .header("if-match", "\"1\"")
            .json(&archive(Some("Older")))
            .returns(200)
            .await;
        assert_eq!(archived.status, Status::Archived);
        assert_eq!(archived.variants[0].status, Status::Archived);
        assert_eq!(archived.variants[0].product_name, "Older");
        // The rename is searchable at once (on SQLite through the trigram index's triggers).
        let renamed: Page<ProductOut> = app
            .get("/api/v1/catalog/products?q=older")
            .as_(&owner)
            .returns(200)
            .await;
        assert_eq!(renamed.items[0].id, id);
        let variants: Page<VariantOut> = app
            .get("/api/v1/catalog/variants?q=older")
            .as_(&owner)
            .returns(200)
            .await;
        assert_eq!(variants.items[0].sku, "OLD-1");
        let active: Page<ProductOut> = app
            .get("/api/v1/catalog/products?status=active")
            .as_(&owner)
            .returns(200)
            .await;
        assert_eq!(names(&active), Vec::<&str>::new());
    }
);

db_test!(
    a_variant_is_added_to_a_product_and_changed_with_if_match,
    |app| {
        let owner = app.signup("Quirino").await;
        let id = app.new_variant(&owner, "Caneca", "CAN-A").await.product_id;
        let added: VariantOut = app
            .post(&format!("/api/v1/catalog/products/{id}/variants"))
            .as_(&owner)
            .json(&VariantIn {
                options: [("cor".to_owned(), "azul".to_owned())].into(),
                ..plain("CAN-B", "12.00")
            })
            .returns(201)
            .await;
        let variant = added.id;
        let reprice = |price: &str, barcode: Option<&str>| VariantPatch {
            price: Some(money(price)),
            barcode: barcode.map(Into::into),
            ..Default::default()
        };
        let changed = app
            .patch(&format!("/api/v1/catalog/variants/{variant}"))
            .as_(&owner)
            .header("if-match", "\"1\"")
            .json(&reprice("13.50", Some("7891234567895")))
            .send()
            .await
            .expect(200);
        assert_eq!(changed.parse::<VariantOut>().price.to_string(), "13.50");
        assert_eq!(changed.header("etag"), Some("\"2\""));
        app.patch(&format!("/api/v1/catalog/variants/{variant}"))
            .as_(&owner)
            .header("if-match", "\"1\"")
            .json(&reprice("1.00", None))
            .send()
            .await
            .problem(412, "request/stale");
        let read: ProductOut = app
            .get(&format!("/api/v1/catalog/products/{id}"))
            .as_(&owner)
            .returns(200)
            .await;
        assert_eq!(read.variants.len(), 2);
        assert_eq!(read.variants[1].price.to_string(), "13.50");
    }
);
