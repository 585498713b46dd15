//! Orders found by their customer's name however many customers match.

use serde_json::json;

use crate::db_test;
use crate::orders::{new_customer, open_shop};

db_test!(orders_are_found_by_customer_name_among_more_than_500_matches, |app| {
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
});
