use serde_json::json;

use crate::db_test;

const CATALOG: &str = "product_name,sku,price,barcode,cost,weight_grams,ncm,options
Camiseta Básica,CAM-P,59.90,7891234567895,21.30,180,61091000,size=P
Camiseta Básica,CAM-M,59.90,,21.30,190,,size=M
Caneca,CAN-1,35.00,,,,,
";

db_test!(
    a_catalog_file_imports_all_or_nothing_with_a_dry_run,
    |app| {
        let owner = app.signup("Jorge").await;
        let dry = app
            .post("/api/v1/catalog/import?dry_run=true")
            .as_(&owner)
            .raw_body("text/csv", CATALOG)
            .send()
            .await
            .expect(200);
        assert_eq!(
            dry.body,
            json!({ "dry_run": true, "rows": 3, "created_products": 2,
                "created_variants": 3, "updated_variants": 0 })
        );
        let empty = app
            .get("/api/v1/catalog/variants")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(empty.body["items"], json!([]));

        let done = app
            .post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body("text/csv", CATALOG)
            .send()
            .await
            .expect(200);
        assert_eq!(done.body["created_variants"], 3);
        let shirt = app
            .get("/api/v1/catalog/products?q=camiseta")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(
            shirt.body["items"][0]["variants"].as_array().unwrap().len(),
            2
        );
        assert_eq!(shirt.body["items"][0]["ncm"], "61091000");

        // A second file updates a known SKU and adds a new one.
        let again = app
            .post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body(
                "text/csv",
                "product_name,sku,price\nCaneca,CAN-1,39.90\nCaneca,CAN-2,45.00\n",
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            (
                again.body["updated_variants"].as_u64(),
                again.body["created_variants"].as_u64()
            ),
            (Some(1), Some(1))
        );

        let export = app
            .get("/api/v1/catalog/export")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert!(
            export
                .header("content-type")
                .unwrap()
                .starts_with("text/csv")
        );
        let text = app
            .http
            .get(format!("{}/api/v1/catalog/export", app.address))
            .bearer_auth(&owner.token)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(text.starts_with("product_name,sku,price,barcode,cost,weight_grams,ncm,options\n"));
        assert!(text.contains("Caneca,CAN-1,39.90,"), "{text}");
        assert!(
            text.contains("Camiseta Básica,CAM-P,59.90,7891234567895,21.30,180,61091000,size=P")
        );
    }
);

db_test!(
    a_broken_catalog_file_reports_every_bad_line_and_changes_nothing,
    |app| {
        let owner = app.signup("Karina").await;
        let file = "product_name,sku,price,barcode,weight_grams
Good,OK-1,10.00,,
,BAD 1,ten,7891234567890,
Good,OK-1,10.00,,
Other,OK-2,1.00,,heavy
";
        let reply = app
            .post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body("text/csv", file)
            .send()
            .await
            .problem(422, "import/bad-rows");
        let rows: Vec<(u64, String)> = reply.body["row_errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["line"].as_u64().unwrap(),
                    e["field"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (3, "product_name".to_owned()),
                (3, "sku".to_owned()),
                (3, "price".to_owned()),
                (3, "barcode".to_owned()),
                (4, "sku".to_owned()),
                (5, "weight_grams".to_owned()),
            ]
        );
        let none = app
            .get("/api/v1/catalog/variants")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(none.body["items"], json!([]));
        let header = app
            .post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body("text/csv", "name,code\nx,y\n")
            .send()
            .await
            .problem(422, "import/bad-rows");
        assert_eq!(header.body["row_errors"][0]["line"], 1);
        app.post("/api/v1/catalog/import")
            .as_(&owner)
            .json(&json!({ "not": "csv" }))
            .send()
            .await
            .problem(415, "request/unsupported-media-type");
    }
);

db_test!(a_stock_file_sets_on_hand_through_the_ledger, |app| {
    let owner = app.signup("Lucio").await;
    app.post("/api/v1/catalog/import")
        .as_(&owner)
        .raw_body("text/csv", CATALOG)
        .send()
        .await
        .expect(200);
    for code in ["CD", "LOJA"] {
        app.post("/api/v1/inventory/locations")
            .as_(&owner)
            .json(&json!({ "name": code, "code": code, "kind": "warehouse" }))
            .send()
            .await
            .expect(201);
    }
    let bad = app
        .post("/api/v1/inventory/levels/import")
        .as_(&owner)
        .raw_body(
            "text/csv",
            "sku,location_code,on_hand\nCAM-P,CD,10\nNOPE,CD,1\nCAM-M,XX,-2\n",
        )
        .send()
        .await
        .problem(422, "import/bad-rows");
    assert_eq!(bad.body["row_errors"].as_array().unwrap().len(), 3);
    let levels = app
        .get("/api/v1/inventory/levels")
        .as_(&owner)
        .send()
        .await
        .expect(200);
    assert_eq!(levels.body["items"], json!([]));

    let file = "sku,location_code,on_hand\nCAM-P,CD,10\nCAM-P,loja,4\nCAN-1,CD,7\n";
    let dry = app
        .post("/api/v1/inventory/levels/import?dry_run=true")
        .as_(&owner)
        .raw_body("text/csv", file)
        .send()
        .await
        .expect(200);
    assert_eq!(dry.body["changed"], 3);
    app.post("/api/v1/inventory/levels/import")
        .as_(&owner)
        .raw_body("text/csv", file)
        .send()
        .await
        .expect(200);
    let text = app
        .http
        .get(format!("{}/api/v1/inventory/levels/export", app.address))
        .bearer_auth(&owner.token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        text,
        "sku,location_code,on_hand,reserved,unsellable,incoming,available\n\
         CAM-P,CD,10,0,0,0,10\nCAM-P,LOJA,4,0,0,0,4\nCAN-1,CD,7,0,0,0,7\n"
    );
    let moves = app
        .get("/api/v1/inventory/movements?kind=count")
        .as_(&owner)
        .send()
        .await
        .expect(200);
    assert_eq!(moves.body["items"].as_array().unwrap().len(), 3);
    assert_eq!(moves.body["items"][0]["reason"], "import");
});
