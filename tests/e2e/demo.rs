use serde_json::json;

use crate::db_test;

db_test!(
    the_demo_store_has_a_catalog_stock_suppliers_and_an_open_order,
    |app| {
        let jwt = api::access::jwt::JwtKeys::new(
            b"a test secret that is long enough for hs256",
            "retaguarda-test",
        );
        api::demo::seed(app.db(), &jwt).await.unwrap();
        // Seeding twice changes nothing.
        api::demo::seed(app.db(), &jwt).await.unwrap();
        let login = app
            .login(api::demo::DEMO_EMAIL, api::demo::DEMO_PASSWORD)
            .await
            .expect(200);
        let token = login.body["access_token"].as_str().unwrap().to_owned();
        let products = app
            .get("/api/v1/catalog/products?limit=200")
            .token(&token)
            .send()
            .await
            .expect(200);
        assert_eq!(products.body["items"].as_array().unwrap().len(), 30);
        let orders = app
            .get("/api/v1/inventory/purchase-orders?status=sent")
            .token(&token)
            .send()
            .await
            .expect(200);
        assert_eq!(orders.body["items"].as_array().unwrap().len(), 1);
        let locations = app
            .get("/api/v1/inventory/locations")
            .token(&token)
            .send()
            .await
            .expect(200);
        assert_eq!(locations.body["items"].as_array().unwrap().len(), 2);
        let valuation = app
            .get("/api/v1/inventory/valuation")
            .token(&token)
            .send()
            .await
            .expect(200);
        assert!(valuation.body["units"].as_i64().unwrap() > 500);
        let plan = app
            .get("/api/v1/inventory/replenishment")
            .token(&token)
            .send()
            .await
            .expect(200);
        assert!(!plan.body["groups"].as_array().unwrap().is_empty());
        let suppliers = app
            .get("/api/v1/catalog/suppliers")
            .token(&token)
            .send()
            .await
            .expect(200);
        assert_eq!(suppliers.body["items"].as_array().unwrap().len(), 3);
        let first = &products.body["items"][0];
        let barcode = first["variants"][0]["barcode"].as_str().unwrap();
        assert!(openapi::checks::gtin(barcode).is_ok(), "{barcode}");
        let scanned = app
            .get(&format!("/api/v1/catalog/variants/by-barcode/{barcode}"))
            .token(&token)
            .send()
            .await
            .expect(200);
        assert_eq!(scanned.body["product_name"], first["name"]);
        assert_eq!(first["variants"][0]["currency"], json!("BRL"));

        let orders = app
            .get("/api/v1/orders?limit=200")
            .token(&token)
            .send()
            .await
            .expect(200);
        let orders = orders.body["items"].as_array().unwrap();
        assert_eq!(orders.len(), 50);
        for status in openapi::orders::OrderStatus::ALL {
            assert!(
                orders.iter().any(|o| o["status"] == status.as_str()),
                "no {} order",
                status.as_str()
            );
        }
        let customers = app
            .get("/api/v1/customers")
            .token(&token)
            .send()
            .await
            .expect(200);
        assert_eq!(customers.body["items"].as_array().unwrap().len(), 12);
        // Every level still equals its ledger after the orders' reservations, sales and returns.
        use sea_orm::ConnectionTrait;
        let drifted = app
            .db()
            .query_one_raw(sea_orm::Statement::from_string(
                app.db().get_database_backend(),
                "SELECT COUNT(*) AS n FROM stock_levels l WHERE l.on_hand <> \
                 (SELECT COALESCE(SUM(m.on_hand_delta), 0) FROM stock_movements m \
                  WHERE m.tenant_id = l.tenant_id AND m.variant_id = l.variant_id \
                  AND m.location_id = l.location_id) OR l.reserved <> \
                 (SELECT COALESCE(SUM(m.reserved_delta), 0) FROM stock_movements m \
                  WHERE m.tenant_id = l.tenant_id AND m.variant_id = l.variant_id \
                  AND m.location_id = l.location_id)",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap();
        assert_eq!(drifted, 0);
    }
);
