//! CSV imports: a row cap, the first 1000 bad values with their count, and big files
//! written in chunks of 500 rows, each chunk a transaction with its audit entry.

use serde_json::Value;

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
            let detail = refused.body["detail"].as_str().unwrap();
            assert!(detail.contains("more than 3 rows"), "{detail}");
        }
        app.post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body("text/csv", catalog_file(3, "1.00"))
            .send()
            .await
            .expect(200);
        app.create_location(&owner, "CD").await;
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
        let listed = refused.body["row_errors"].as_array().unwrap();
        assert_eq!(listed.len(), 1000);
        assert_eq!(refused.body["row_error_count"], 1200);
        assert_eq!(
            (listed[0]["line"].as_u64(), listed[999]["line"].as_u64()),
            (Some(2), Some(1001))
        );
        assert!(
            refused.body["detail"]
                .as_str()
                .unwrap()
                .contains("1200 bad value(s)"),
            "{:#}",
            refused.body
        );
        let few = app
            .post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body("text/csv", "product_name,sku,price\nA,A-1,x\n")
            .send()
            .await
            .problem(422, "import/bad-rows");
        assert_eq!(few.body["row_error_count"], 1);
    }
);

async fn audit_of(
    app: &crate::harness::TestApp,
    who: &crate::harness::client::Session,
    action: &str,
) -> Vec<Value> {
    app.get(&format!("/api/v1/audit-events?action={action}"))
        .as_(who)
        .send()
        .await
        .expect(200)
        .body["items"]
        .as_array()
        .unwrap()
        .clone()
}

db_test!(
    a_big_file_is_written_in_chunks_each_with_its_audit_entry,
    |app| {
        let owner = app.signup("Zilda").await;
        let file = catalog_file(1201, "2.50");
        let done = app
            .post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body("text/csv", file.clone())
            .send()
            .await
            .expect(200);
        assert_eq!(
            (
                done.body["rows"].as_u64(),
                done.body["created_variants"].as_u64(),
                done.body["created_products"].as_u64()
            ),
            (Some(1201), Some(1201), Some(7))
        );
        let entries = audit_of(&app, &owner, "catalog.import").await;
        let mut chunks: Vec<(u64, u64)> = entries
            .iter()
            .map(|e| {
                let after = &e["changes"]["after"];
                (
                    after["first_line"].as_u64().unwrap(),
                    after["rows"].as_u64().unwrap(),
                )
            })
            .collect();
        chunks.sort();
        assert_eq!(chunks, [(2, 500), (502, 500), (1002, 201)]);
        assert!(
            entries
                .iter()
                .all(|e| e["entity_id"] == entries[0]["entity_id"])
        );
        let again = app
            .post("/api/v1/catalog/import")
            .as_(&owner)
            .raw_body("text/csv", file)
            .send()
            .await
            .expect(200);
        assert_eq!(again.body["updated_variants"], 1201);

        app.create_location(&owner, "CD").await;
        let mut stock = String::from("sku,location_code,on_hand\n");
        for n in 0..1201 {
            stock.push_str(&format!("SKU-{n},CD,{}\n", n % 5 + 1));
        }
        let dry = app
            .post("/api/v1/inventory/levels/import?dry_run=true")
            .as_(&owner)
            .raw_body("text/csv", stock.clone())
            .send()
            .await
            .expect(200);
        assert_eq!(dry.body["changed"], 1201);
        let set = app
            .post("/api/v1/inventory/levels/import")
            .as_(&owner)
            .raw_body("text/csv", stock)
            .send()
            .await
            .expect(200);
        assert_eq!(
            (set.body["rows"].as_u64(), set.body["changed"].as_u64()),
            (Some(1201), Some(1201))
        );
        assert_eq!(audit_of(&app, &owner, "stock.import").await.len(), 3);
        let exported =
            crate::csv_formulas::download(&app, &owner, "/api/v1/inventory/levels/export").await;
        assert_eq!(exported.lines().count(), 1202);
    }
);
