//! CSV exports neutralise formula cells, and an exported file imports back unchanged.

use serde_json::json;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;

/// Names a spreadsheet would run as formulas.
const FORMULAS: [&str; 4] = [
    "=HYPERLINK(\"http://evil\",\"x\")",
    "+1+1",
    "@SUM(A1)",
    "-2+3",
];

pub async fn download(app: &TestApp, who: &Session, path: &str) -> String {
    let reply = app
        .http
        .get(format!("{}{path}", app.address))
        .bearer_auth(&who.token)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200, "{path}");
    reply.text().await.unwrap()
}

async fn product_names(app: &TestApp, who: &Session) -> Vec<String> {
    let reply = app
        .get("/api/v1/catalog/products?limit=200")
        .as_(who)
        .send()
        .await
        .expect(200);
    let mut names: Vec<String> = reply.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

db_test!(
    exports_neutralise_formula_cells_and_import_back_unchanged,
    |app| {
        let owner = app.signup("Vera").await;
        for (n, name) in FORMULAS.iter().enumerate() {
            app.post("/api/v1/catalog/products")
                .as_(&owner)
                .json(&json!({
                    "name": name,
                    "variants": [{ "sku": format!("-F{n}"), "price": "10.00",
                                   "options": { "@cmd": "-1+1" } }],
                }))
                .send()
                .await
                .expect(201);
        }
        let exported = download(&app, &owner, "/api/v1/catalog/export").await;
        for cell in [
            "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",'-F0,10.00,",
            "'+1+1,'-F1,10.00,",
            "'@SUM(A1),'-F2,10.00,",
            "'-2+3,'-F3,10.00,",
            ",'@cmd=-1+1\n",
        ] {
            assert!(exported.contains(cell), "{cell} in {exported}");
        }
        for line in exported.lines().skip(1) {
            assert!(
                !line.starts_with(['=', '+', '-', '@']) && !line.contains(",="),
                "{line}"
            );
        }

        // Another store imports the file and has the same names, SKUs and options.
        let other = app.signup("Wagner").await;
        let imported = app
            .post("/api/v1/catalog/import")
            .as_(&other)
            .raw_body("text/csv", exported.clone())
            .send()
            .await
            .expect(200);
        assert_eq!(imported.body["created_variants"], 4);
        let mut expected: Vec<String> = FORMULAS.iter().map(|n| n.to_string()).collect();
        expected.sort();
        assert_eq!(product_names(&app, &other).await, expected);
        let variant = app
            .get("/api/v1/catalog/variants?q=-F3")
            .as_(&other)
            .send()
            .await
            .expect(200);
        assert_eq!(variant.body["items"][0]["sku"], "-F3");
        assert_eq!(
            variant.body["items"][0]["options"],
            json!({ "@cmd": "-1+1" })
        );
        assert_eq!(
            download(&app, &other, "/api/v1/catalog/export").await,
            exported
        );

        // Stock: the SKU is neutralised, the numbers are not.
        app.create_location(&owner, "CD").await;
        app.post("/api/v1/inventory/levels/import")
            .as_(&owner)
            .raw_body(
                "text/csv",
                "sku,location_code,on_hand\n'-F0,CD,3\n-F1,CD,2\n",
            )
            .send()
            .await
            .expect(200);
        assert_eq!(
            download(&app, &owner, "/api/v1/inventory/levels/export").await,
            "sku,location_code,on_hand,reserved,unsellable,incoming,available\n\
             '-F0,CD,3,0,0,0,3\n'-F1,CD,2,0,0,0,2\n"
        );
    }
);
