//! CSV exports neutralise formula cells, and an exported file imports back unchanged.

use openapi::Page;
use openapi::catalog::{CatalogImportOut, ProductOut, VariantIn, VariantOut};

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;
use crate::harness::fixtures::{product_in, variant_in};

/// Names a spreadsheet would run as formulas.
const FORMULAS: [&str; 4] = [
    "=HYPERLINK(\"http://evil\",\"x\")",
    "+1+1",
    "@SUM(A1)",
    "-2+3",
];

async fn product_names(app: &TestApp, who: &Session) -> Vec<String> {
    let page: Page<ProductOut> = app
        .get("/api/v1/catalog/products?limit=200")
        .as_(who)
        .returns(200)
        .await;
    let mut names: Vec<String> = page.items.into_iter().map(|p| p.name).collect();
    names.sort();
    names
}

db_test!(
    exports_neutralise_formula_cells_and_import_back_unchanged,
    |app| {
        let owner = app.signup("Vera").await;
        for (n, name) in FORMULAS.iter().enumerate() {
            let variant = VariantIn {
                cost: None,
                options: [("@cmd".to_owned(), "-1+1".to_owned())].into(),
                ..variant_in(&format!("-F{n}"), "10.00")
            };
            app.new_product(&owner, &product_in(name, vec![variant]))
                .await;
        }
        let exported =
            crate::harness::fixtures::download(&app, &owner, "/api/v1/catalog/export").await;
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
        let imported: CatalogImportOut = app
            .post("/api/v1/catalog/import")
            .as_(&other)
            .raw_body("text/csv", exported.clone())
            .returns(200)
            .await;
        assert_eq!(imported.created_variants, 4);
        let mut expected: Vec<String> = FORMULAS.iter().map(|n| n.to_string()).collect();
        expected.sort();
        assert_eq!(product_names(&app, &other).await, expected);
        let variants: Page<VariantOut> = app
            .get("/api/v1/catalog/variants?q=-F3")
            .as_(&other)
            .returns(200)
            .await;
        assert_eq!(variants.items[0].sku, "-F3");
        assert_eq!(
            variants.items[0].options,
            [("@cmd".to_owned(), "-1+1".to_owned())].into()
        );
        assert_eq!(
            crate::harness::fixtures::download(&app, &other, "/api/v1/catalog/export").await,
            exported
        );

        // Stock: the SKU is neutralised, the numbers are not.
        app.new_location(&owner, "CD").await;
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
            crate::harness::fixtures::download(&app, &owner, "/api/v1/inventory/levels/export")
                .await,
            "sku,location_code,on_hand,reserved,unsellable,incoming,available\n\
             '-F0,CD,3,0,0,0,3\n'-F1,CD,2,0,0,0,2\n"
        );
    }
);
