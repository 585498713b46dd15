use serde_json::{Value, json};

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;

pub fn product_body(name: &str, sku: &str) -> Value {
    json!({
        "name": name,
        "variants": [{ "sku": sku, "price": "10.00", "cost": "4.00" }],
    })
}

/// Creates a one-variant product; returns the variant's id.
pub async fn create_variant(app: &TestApp, owner: &Session, name: &str, sku: &str) -> String {
    let reply = app
        .post("/api/v1/catalog/products")
        .as_(owner)
        .json(&product_body(name, sku))
        .send()
        .await
        .expect(201);
    reply.body["variants"][0]["id"].as_str().unwrap().to_owned()
}

db_test!(
    a_product_is_created_with_its_variants_and_exact_money,
    |app| {
        let owner = app.signup("Cora").await;
        let reply = app
            .post("/api/v1/catalog/products")
            .as_(&owner)
            .json(&json!({
                "name": "Camiseta Básica",
                "description": "Algodão",
                "ncm": "61091000",
                "variants": [
                    { "sku": "CAM-P", "barcode": "7891234567895", "options": { "size": "P" },
                      "price": "59.90", "cost": "21.3333", "weight_grams": 180 },
                    { "sku": "CAM-M", "options": { "size": "M" }, "price": "0.10" },
                ],
            }))
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
        let id = reply.body["id"].as_str().unwrap();
        let read = app
            .get(&format!("/api/v1/catalog/products/{id}"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(read.body["variants"][0]["cost"], "21.3333");
        assert_eq!(read.body["variants"][1]["price"], "0.10");
    }
);

db_test!(product_validation_names_each_bad_field, |app| {
    let owner = app.signup("Davi").await;
    let reply = app
        .post("/api/v1/catalog/products")
        .as_(&owner)
        .json(&json!({
            "name": "X",
            "ncm": "123",
            "variants": [
                { "sku": "OK-1", "barcode": "7891234567890", "price": "1.00" },
                { "sku": "bad sku", "price": "-1" },
                { "sku": "OK-3", "price": "1.123456" },
            ],
        }))
        .send()
        .await
        .problem(422, "request/validation");
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
    let reply = app
        .post("/api/v1/catalog/products")
        .as_(&owner)
        .json(&json!({ "name": "X", "variants": [] }))
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(reply.error_fields(), ["variants"]);
    let reply = app
        .post("/api/v1/catalog/products")
        .as_(&owner)
        .json(&json!({ "name": "X", "variants": [
            { "sku": "DUP", "price": "1" }, { "sku": "DUP", "price": "2" }] }))
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(reply.error_fields(), ["variants[1].sku"]);
});

db_test!(a_taken_sku_or_barcode_is_409, |app| {
    let owner = app.signup("Edu").await;
    create_variant(&app, &owner, "First", "SKU-1").await;
    app.post("/api/v1/catalog/products")
        .as_(&owner)
        .json(&product_body("Second", "SKU-1"))
        .send()
        .await
        .problem(409, "catalog/sku-taken");
    let id = create_variant(&app, &owner, "Third", "SKU-3").await;
    app.patch(&format!("/api/v1/catalog/variants/{id}"))
        .as_(&owner)
        .json(&json!({ "sku": "SKU-1" }))
        .send()
        .await
        .problem(409, "catalog/sku-taken");
    // Another store may use the same SKU.
    let other = app.signup("Flor").await;
    create_variant(&app, &other, "Mine", "SKU-1").await;
});

db_test!(
    search_ignores_case_and_accents_and_finds_by_sku_and_barcode,
    |app| {
        let owner = app.signup("Gael").await;
        app.post("/api/v1/catalog/products")
            .as_(&owner)
            .json(&json!({ "name": "Café Especial Açaí", "variants": [
            { "sku": "CAFE-250", "barcode": "7891000100103", "price": "30" }] }))
            .send()
            .await
            .expect(201);
        create_variant(&app, &owner, "Chá Mate", "CHA-1").await;
        let names = |reply: &crate::harness::client::Reply| -> Vec<String> {
            reply.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect()
        };
        for q in ["cafe", "CAFÉ", "acai", "cafe-250", "7891000100103"] {
            let reply = app
                .get(&format!("/api/v1/catalog/products?q={q}"))
                .as_(&owner)
                .send()
                .await
                .expect(200);
            assert_eq!(names(&reply), ["Café Especial Açaí"], "q={q}");
        }
        let variants = app
            .get("/api/v1/catalog/variants?q=mate")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(variants.body["items"][0]["sku"], "CHA-1");
        let none = app
            .get("/api/v1/catalog/products?q=100%25")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(none.body["items"], json!([]));

        let scanned = app
            .get("/api/v1/catalog/variants/by-barcode/7891000100103")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(scanned.body["sku"], "CAFE-250");
        assert_eq!(scanned.body["product_name"], "Café Especial Açaí");
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
        create_variant(&app, &owner, name, sku).await;
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/catalog/products?limit=2&sort=-name".to_owned();
    loop {
        let page = app.get(&path).as_(&owner).send().await.expect(200);
        for item in page.body["items"].as_array().unwrap() {
            seen.push(item["name"].as_str().unwrap().to_owned());
        }
        match page.body["next_cursor"].as_str() {
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
    archiving_a_product_archives_its_variants_and_if_match_guards_edits,
    |app| {
        let owner = app.signup("Igor").await;
        let reply = app
            .post("/api/v1/catalog/products")
            .as_(&owner)
            .json(&product_body("Old", "OLD-1"))
            .send()
            .await
            .expect(201);
        let id = reply.body["id"].as_str().unwrap();
        app.patch(&format!("/api/v1/catalog/products/{id}"))
            .as_(&owner)
            .header("if-match", "\"7\"")
            .json(&json!({ "status": "archived" }))
            .send()
            .await
            .problem(412, "request/stale");
        let archived = app
            .patch(&format!("/api/v1/catalog/products/{id}"))
            .as_(&owner)
            .header("if-match", "\"1\"")
            .json(&json!({ "status": "archived", "name": "Older" }))
            .send()
            .await
            .expect(200);
        assert_eq!(archived.body["status"], "archived");
        assert_eq!(archived.body["variants"][0]["status"], "archived");
        assert_eq!(archived.body["variants"][0]["product_name"], "Older");
        // The rename is searchable at once (on SQLite through the trigram index's triggers).
        let renamed = app
            .get("/api/v1/catalog/products?q=older")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(renamed.body["items"][0]["id"], id);
        let variants = app
            .get("/api/v1/catalog/variants?q=older")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(variants.body["items"][0]["sku"], "OLD-1");
        let active = app
            .get("/api/v1/catalog/products?status=active")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(active.body["items"], json!([]));
    }
);

db_test!(suppliers_and_channels_are_kept_and_guarded_by_role, |app| {
    let owner = app.signup("Jonas").await;
    let supplier = app
        .post("/api/v1/catalog/suppliers")
        .as_(&owner)
        .json(
            &json!({ "name": "Têxtil Nordeste", "tax_id": "12.345.678/0001-95",
                       "email": "vendas@textil.example", "lead_time_days": 12 }),
        )
        .send()
        .await
        .expect(201);
    let found = app
        .get("/api/v1/catalog/suppliers?q=textil")
        .as_(&owner)
        .send()
        .await
        .expect(200);
    assert_eq!(found.body["items"][0]["id"], supplier.body["id"]);
    let id = supplier.body["id"].as_str().unwrap();
    let changed = app
        .patch(&format!("/api/v1/catalog/suppliers/{id}"))
        .as_(&owner)
        .json(&json!({ "lead_time_days": 20 }))
        .send()
        .await
        .expect(200);
    assert_eq!(changed.body["lead_time_days"], 20);

    let channel = app
        .post("/api/v1/catalog/channels")
        .as_(&owner)
        .json(&json!({ "name": "Mercado Livre", "kind": "marketplace" }))
        .send()
        .await
        .expect(201);
    assert_eq!(channel.body["kind"], "marketplace");

    let manager = app.add_member(&owner, "Kaue", "manager").await;
    let viewer = app.add_member(&owner, "Luna", "viewer").await;
    app.post("/api/v1/catalog/channels")
        .as_(&manager)
        .json(&json!({ "name": "Loja física", "kind": "physical" }))
        .send()
        .await
        .problem(403, "auth/forbidden");
    app.post("/api/v1/catalog/products")
        .as_(&viewer)
        .json(&product_body("Nope", "NOPE"))
        .send()
        .await
        .problem(403, "auth/forbidden");
    app.get("/api/v1/catalog/channels")
        .as_(&viewer)
        .send()
        .await
        .expect(200);
    create_variant(&app, &manager, "Managed", "MGD-1").await;
});

db_test!(another_stores_catalog_is_404, |app| {
    let a = app.signup("Mauro").await;
    let b = app.signup("Nara").await;
    let product = app
        .post("/api/v1/catalog/products")
        .as_(&a)
        .json(&product_body("A's", "A-1"))
        .send()
        .await
        .expect(201);
    let product_id = product.body["id"].as_str().unwrap();
    let variant_id = product.body["variants"][0]["id"].as_str().unwrap();
    let supplier = app
        .post("/api/v1/catalog/suppliers")
        .as_(&a)
        .json(&json!({ "name": "A supplier", "lead_time_days": 1 }))
        .send()
        .await
        .expect(201);
    let supplier_id = supplier.body["id"].as_str().unwrap();
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
        .json(&json!({ "price": "0.01" }))
        .send()
        .await
        .problem(404, "not-found");
    app.post(&format!("/api/v1/catalog/products/{product_id}/variants"))
        .as_(&b)
        .json(&json!({ "sku": "B-1", "price": "1" }))
        .send()
        .await
        .problem(404, "not-found");
    let listed = app
        .get("/api/v1/catalog/products")
        .as_(&b)
        .send()
        .await
        .expect(200);
    assert_eq!(listed.body["items"], json!([]));
});

db_test!(
    products_filter_by_the_supplier_that_sells_them_and_the_channel_that_lists_them,
    |app| {
        let owner = app.signup("Otavio").await;
        let channel = app
            .post("/api/v1/catalog/channels")
            .as_(&owner)
            .json(&json!({ "name": "Shopee", "kind": "marketplace" }))
            .send()
            .await
            .expect(201)
            .body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let listed = app
            .post("/api/v1/catalog/products")
            .as_(&owner)
            .json(&json!({ "name": "Listed", "channel_ids": [channel],
                       "variants": [{ "sku": "LIST-1", "price": "5" }] }))
            .send()
            .await
            .expect(201);
        assert_eq!(listed.body["channel_ids"], json!([channel]));
        let supplied = create_variant(&app, &owner, "Supplied", "SUP-1").await;
        create_variant(&app, &owner, "Neither", "NEI-1").await;
        let supplier = app
            .post("/api/v1/catalog/suppliers")
            .as_(&owner)
            .json(&json!({ "name": "Fornecedor", "lead_time_days": 3 }))
            .send()
            .await
            .expect(201)
            .body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        app.call(
            reqwest::Method::PUT,
            &format!("/api/v1/catalog/suppliers/{supplier}/variants/{supplied}"),
        )
        .as_(&owner)
        .json(&json!({ "supplier_sku": "F-9", "cost": "2.50" }))
        .send()
        .await
        .expect(200);
        let names = |reply: crate::harness::client::Reply| -> Vec<String> {
            reply.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect()
        };
        let by_supplier = app
            .get(&format!("/api/v1/catalog/products?supplier_id={supplier}"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(names(by_supplier), ["Supplied"]);
        let by_channel = app
            .get(&format!("/api/v1/catalog/products?channel_id={channel}"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(names(by_channel), ["Listed"]);
        let links = app
            .get(&format!("/api/v1/catalog/suppliers/{supplier}/variants"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(links.body[0]["supplier_sku"], "F-9");
        // Unlisting is a patch; a channel of another store is 404.
        let id = listed.body["id"].as_str().unwrap();
        let patched = app
            .patch(&format!("/api/v1/catalog/products/{id}"))
            .as_(&owner)
            .json(&json!({ "channel_ids": [] }))
            .send()
            .await
            .expect(200);
        assert_eq!(patched.body["channel_ids"], json!([]));
        let other = app.signup("Paloma").await;
        app.post("/api/v1/catalog/products")
            .as_(&other)
            .json(&json!({ "name": "X", "channel_ids": [channel],
                       "variants": [{ "sku": "X-1", "price": "5" }] }))
            .send()
            .await
            .problem(404, "not-found");
    }
);

db_test!(
    a_variant_is_added_to_a_product_and_changed_with_if_match,
    |app| {
        let owner = app.signup("Quirino").await;
        let product = app
            .post("/api/v1/catalog/products")
            .as_(&owner)
            .json(&product_body("Caneca", "CAN-A"))
            .send()
            .await
            .expect(201);
        let id = product.body["id"].as_str().unwrap();
        let added = app
            .post(&format!("/api/v1/catalog/products/{id}/variants"))
            .as_(&owner)
            .json(&json!({ "sku": "CAN-B", "price": "12.00", "options": { "cor": "azul" } }))
            .send()
            .await
            .expect(201);
        let variant = added.body["id"].as_str().unwrap();
        let changed = app
            .patch(&format!("/api/v1/catalog/variants/{variant}"))
            .as_(&owner)
            .header("if-match", "\"1\"")
            .json(&json!({ "price": "13.50", "barcode": "7891234567895" }))
            .send()
            .await
            .expect(200);
        assert_eq!(changed.body["price"], "13.50");
        assert_eq!(changed.header("etag"), Some("\"2\""));
        app.patch(&format!("/api/v1/catalog/variants/{variant}"))
            .as_(&owner)
            .header("if-match", "\"1\"")
            .json(&json!({ "price": "1.00" }))
            .send()
            .await
            .problem(412, "request/stale");
        let read = app
            .get(&format!("/api/v1/catalog/products/{id}"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(read.body["variants"].as_array().unwrap().len(), 2);
        assert_eq!(read.body["variants"][1]["price"], "13.50");
    }
);
