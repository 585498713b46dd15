//! CSV imports: a row cap, the first 1000 bad values with their count, and big files
//! written in chunks of 500 rows, each chunk a transaction with its audit entry.

use openapi::Page;
use openapi::audit::AuditEventOut;
use openapi::catalog::CatalogImportOut;
use openapi::inventory::StockImportOut;

use crate::db_test;

fn catalog_file(rows: usize, price: &str) -> String {
    let mut file = String::from("product_name,sku,price\n");
    for n in 0..rows {
        file.push_str(&format!("Produto {},SKU-{n},{price}\n", n % 7));
    }
    file
}

db_test!(
    a_file_over_the_row_limit_is_refused_naming_the_limit,
    configured(|config| {
        config.limits.import_max_rows = 3;
    }),
    |app| {
        let owner = app.signup("Xavier").await;
        for path in [
            "/api/v1/catalog/import?dry_run=true",
            "/api/v1/catalog/import",
        ] {
            let refused = app
                .post(path)
                .as_(&owner)
                .raw_body("text/csv", catalog_file(4, "1.00"))
                .send()
                .await
                .problem(422, "import/too-many-rows");
            let detail = refused.problem_doc().detail.unwrap_or_default();
            assert!(detail.contains("more than 3 rows"), "{detail}");
        }
        app.post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body("text/csv", catalog_file(3, "1.00"))
            .send()
            .await
            .expect(200);
        app.new_location(&owner, "CD").await;
        let stock = "sku,location_code,on_hand\nSKU-0,CD,1\nSKU-1,CD,1\nSKU-2,CD,1\nSKU-0,CD,2\n";
        app.post("/api/v1/inventory/levels/import")
            .as_(&owner)
            .raw_body("text/csv", stock)
            .send()
            .await
            .problem(422, "import/too-many-rows");
    }
);

db_test!(
    a_file_with_many_bad_rows_lists_the_first_thousand_and_counts_them_all,
    |app| {
        let owner = app.signup("Yara").await;
        let refused = app
            .post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body("text/csv", catalog_file(1200, "ten"))
            .send()
            .await
            .problem(422, "import/bad-rows");
        let problem = refused.problem_doc();
        let listed = &problem.row_errors;
        assert_eq!(listed.len(), 1000);
        assert_eq!(problem.row_error_count, Some(1200));
        assert_eq!((listed[0].line, listed[999].line), (2, 1001));
        let detail = problem.detail.as_deref().unwrap_or_default();
        assert!(detail.contains("1200 bad value(s)"), "{detail}");
        let few = app
            .post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body("text/csv", "product_name,sku,price\nA,A-1,x\n")
            .send()
            .await
            .problem(422, "import/bad-rows");
        assert_eq!(few.problem_doc().row_error_count, Some(1));
    }
);

async fn audit_of(
    app: &crate::harness::TestApp,
    who: &crate::harness::client::Session,
    action: &str,
) -> Vec<AuditEventOut> {
    app.get(&format!("/api/v1/audit-events?action={action}"))
        .as_(who)
        .returns::<Page<AuditEventOut>>(200)
        .await
        .items
}

db_test!(
    a_big_file_is_written_in_chunks_each_with_its_audit_entry,
    |app| {
        let owner = app.signup("Zilda").await;
        let file = catalog_file(1201, "2.50");
        let done: CatalogImportOut = app
            .post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body("text/csv", file.clone())
            .returns(200)
            .await;
        assert_eq!(
            (done.rows, done.created_variants, done.created_products),
            (1201, 1201, 7)
        );
        let entries = audit_of(&app, &owner, "catalog.import").await;
        let mut chunks: Vec<(u64, u64)> = entries
            .iter()
            .map(|e| {
                // What an audit entry records differs by action: the types leave it JSON.
                let after = &e.changes["after"];
                (
                    after["first_line"].as_u64().unwrap(),
                    after["rows"].as_u64().unwrap(),
                )
            })
            .collect();
        chunks.sort();
        assert_eq!(chunks, [(2, 500), (502, 500), (1002, 201)]);
        assert!(entries.iter().all(|e| e.entity_id == entries[0].entity_id));
        let again: CatalogImportOut = app
            .post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body("text/csv", file)
            .returns(200)
            .await;
        assert_eq!(again.updated_variants, 1201);

        app.new_location(&owner, "CD").await;
        let mut stock = String::from("sku,location_code,on_hand\n");
        for n in 0..1201 {
            stock.push_str(&format!("SKU-{n},CD,{}\n", n % 5 + 1));
        }
        let dry: StockImportOut = app
            .post("/api/v1/inventory/levels/import?dry_run=true")
            .as_(&owner)
            .raw_body("text/csv", stock.clone())
            .returns(200)
            .await;
        assert_eq!(dry.changed, 1201);
        let set: StockImportOut = app
            .post("/api/v1/inventory/levels/import")
            .as_(&owner)
            .raw_body("text/csv", stock)
            .returns(200)
            .await;
        assert_eq!((set.rows, set.changed), (1201, 1201));
        assert_eq!(audit_of(&app, &owner, "stock.import").await.len(), 3);
        let exported =
            crate::harness::fixtures::download(&app, &owner, "/api/v1/inventory/levels/export")
                .await;
        assert_eq!(exported.lines().count(), 1202);
    }
);
