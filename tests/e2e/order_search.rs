//! Orders found by their customer's name however many customers match.

use serde_json::json;

use crate::db_test;
use crate::orders::{new_customer, open_shop};

db_test!(
    orders_are_found_by_customer_name_among_more_than_500_matches,
    |app| {
        let shop = open_shop(&app, "Busca").await;
        let variant = shop.stocked_variant(&app, "BUSCA-1", "10.00", 10).await;
        let mut last = String::new();
        // The customer with the order is the last made and the last by name, so that a search
        // cut at any 500 matches (by id or by name) would miss it.
        for i in 0..510 {
            let name = if i == 509 {
                "Cliente Silva Zuleide".to_owned()
            } else {
                format!("Cliente Silva {i}")
            };
            let customer = new_customer(&name, "pt-BR");
            let created = app
                .post("/api/v1/customers")
                .as_(&shop.owner)
                .json(&customer["new"])
                .send()
                .await
                .expect(201);
            last = created.body["id"].as_str().unwrap().to_owned();
        }
        let body = shop.order_body(
            json!({ "id": last }),
            json!([{ "variant_id": variant, "quantity": 1 }]),
        );
        let order = shop.place(&app, "busca-1", &body).await.expect(201).body;
        let found = app
            .get("/api/v1/orders?q=silva")
            .as_(&shop.owner)
            .send()
            .await
            .expect(200);
        let ids: Vec<_> = found.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].clone())
            .collect();
        assert_eq!(ids, [order["id"].clone()]);
    }
);

db_test!(
    the_same_order_sent_by_32_clients_at_once_is_one_order_and_31_duplicates,
    |app| {
        let shop = open_shop(&app, "Duplo").await;
        let variant = shop.stocked_variant(&app, "DUPLO-1", "10.00", 100).await;
        let customer = app
            .post("/api/v1/customers")
            .as_(&shop.owner)
            .json(&new_customer("Dora", "pt-BR")["new"])
            .send()
            .await
            .expect(201)
            .body["id"]
            .clone();
        let body = shop.order_body(
            json!({ "id": customer }),
            json!([{ "variant_id": variant, "quantity": 1 }]),
        );
        let attempts = (0..32).map(|i| {
            let (app, shop, body) = (&app, &shop, &body);
            async move { shop.place(app, &format!("duplo-{i}"), body).await }
        });
        let replies = futures_util::future::join_all(attempts).await;
        let mut orders: Vec<_> = replies.into_iter().map(|r| r.expect(201).body).collect();
        orders.sort_by_key(|o| o["number"].as_i64());
        let duplicate = |o: &serde_json::Value| {
            o["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["check"] == "duplicate")
        };
        assert!(!duplicate(&orders[0]), "{:#}", orders[0]);
        assert!(
            orders[1..].iter().all(duplicate),
            "every later one is a duplicate"
        );
    }
);
