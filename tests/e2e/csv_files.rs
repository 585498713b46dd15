use openapi::catalog::{CatalogImportOut, ProductOut, VariantOut};
use openapi::inventory::{MovementOut, StockImportOut, StockLevelOut};
use openapi::{Page, Problem};
use serde_json::json;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;

/// A list's items.
async fn items<T: serde::de::DeserializeOwned>(app: &TestApp, who: &Session, path: &str) -> Vec<T> {
    app.get(path).as_(who).returns::<Page<T>>(200).await.items
}

const CATALOG: &str = "product_name,sku,price,barcode,cost,weight_grams,ncm,options
Camiseta Básica,CAM-P,59.90,7891234567895,21.30,180,61091000,size=P
Camiseta Básica,CAM-M,59.90,,21.30,190,,size=M
Caneca,CAN-1,35.00,,,,,
";

db_test!(
    a_catalog_file_imports_all_or_nothing_with_a_dry_run,
    |app| {
        let owner = app.signup("Jorge").await;
        let dry: CatalogImportOut = app
            .post("/api/v1/catalog/import?dry_run=true")
            .as_(&owner)
            .raw_body("text/csv", CATALOG)
            .returns(200)
            .await;
        assert!(dry.dry_run);
        assert_eq!(
            (
                dry.rows,
                dry.created_products,
                dry.created_variants,
                dry.updated_variants
            ),
            (3, 2, 3, 0)
        );
        let empty: Vec<VariantOut> = items(&app, &owner, "/api/v1/catalog/variants").await;
        assert!(empty.is_empty(), "{empty:#?}");

        let done: CatalogImportOut = app
            .post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body("text/csv", CATALOG)
            .returns(200)
            .await;
        assert_eq!(done.created_variants, 3);
        let shirt: Vec<ProductOut> =
            items(&app, &owner, "/api/v1/catalog/products?q=camiseta").await;
        assert_eq!(shirt[0].variants.len(), 2);
        assert_eq!(shirt[0].ncm.as_deref(), Some("61091000"));

        // A second file updates a known SKU and adds a new one.
        let again: CatalogImportOut = app
            .post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body(
                "text/csv",
                "product_name,sku,price\nCaneca,CAN-1,39.90\nCaneca,CAN-2,45.00\n",
            )
            .returns(200)
            .await;
        assert_eq!((again.updated_variants, again.created_variants), (1, 1));

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
        let text = crate::harness::fixtures::download(&app, &owner, "/api/v1/catalog/export").await;
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
        let rows: Vec<(u64, String)> = reply
            .problem_doc()
            .row_errors
            .into_iter()
            .map(|e| (e.line, e.field))
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
        let none: Vec<VariantOut> = items(&app, &owner, "/api/v1/catalog/variants").await;
        assert!(none.is_empty(), "{none:#?}");
        let header = app
            .post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body("text/csv", "name,code\nx,y\n")
            .send()
            .await
            .problem(422, "import/bad-rows");
        assert_eq!(header.parse::<Problem>().row_errors[0].line, 1);
        // JSON where a CSV file is expected.
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
        app.new_location(&owner, code).await;
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
    assert_eq!(bad.problem_doc().row_errors.len(), 3);
    let levels: Vec<StockLevelOut> = items(&app, &owner, "/api/v1/inventory/levels").await;
    assert!(levels.is_empty(), "{levels:#?}");

    let file = "sku,location_code,on_hand\nCAM-P,CD,10\nCAM-P,loja,4\nCAN-1,CD,7\n";
    let dry: StockImportOut = app
        .post("/api/v1/inventory/levels/import?dry_run=true")
        .as_(&owner)
        .raw_body("text/csv", file)
        .returns(200)
        .await;
    assert_eq!(dry.changed, 3);
    app.post("/api/v1/inventory/levels/import")
        .as_(&owner)
        .raw_body("text/csv", file)
        .send()
        .await
        .expect(200);
    let text =
        crate::harness::fixtures::download(&app, &owner, "/api/v1/inventory/levels/export").await;
    assert_eq!(
        text,
        "sku,location_code,on_hand,reserved,unsellable,incoming,available\n\
         CAM-P,CD,10,0,0,0,10\nCAM-P,LOJA,4,0,0,0,4\nCAN-1,CD,7,0,0,0,7\n"
    );
    let moves: Vec<MovementOut> =
        items(&app, &owner, "/api/v1/inventory/movements?kind=count").await;
    assert_eq!(moves.len(), 3);
    assert_eq!(moves[0].reason.as_deref(), Some("import"));
});
