//! What an order has received is what was paid less what was refunded: paying, refunding and
//! paying again reaches `paid` only when the net received covers the total.

use serde_json::{Value, json};

use crate::db_test;
use crate::harness::TestApp;
use crate::orders::{Shop, new_customer, open_shop};

/// Places an order of `quantity` units of `variant` for `customer` (a new one's JSON, or
/// `{"id": …}`); the order as answered.
async fn order_of(
    app: &TestApp,
    shop: &Shop,
    key: &str,
    customer: Value,
    variant: &str,
    quantity: i64,
) -> Value {
    let lines = json!([{ "variant_id": variant, "quantity": quantity }]);
    let body = shop.order_body(customer, lines);
    shop.place(app, key, &body).await.expect(201).body
}

/// The store now sells in `currency`.
async fn switch_currency(app: &TestApp, shop: &Shop, currency: &str) {
    let tenant = app
        .get("/api/v1/tenant")
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    app.patch("/api/v1/tenant")
        .as_(&shop.owner)
        .header("if-match", tenant.header("etag").unwrap())
        .json(&json!({ "currency": currency }))
        .send()
        .await
        .expect(200);
}

db_test!(
    an_order_is_paid_only_when_the_net_received_covers_its_total,
    |app| {
        let shop = open_shop(&app, "Saldo").await;
        let variant = shop.stocked_variant(&app, "SALDO-1", "50.00", 5).await;
        let rui = new_customer("Rui", "pt-BR");
        let order = order_of(&app, &shop, "saldo-1", rui, &variant, 2).await;
        let id = order["id"].as_str().unwrap();
        assert_eq!(order["total"], "100.00");
        shop.pay(&app, id, "50.00", "saldo-p1").await.expect(201);
        app.post(&format!("/api/v1/orders/{id}/refunds"))
            .as_(&shop.owner)
            .json(&json!({ "amount": "50.00", "reason": "estorno do cartão" }))
            .send()
            .await
            .expect(201);
        // 50 paid and 50 refunded is nothing received: 100 is still due.
        let after_refund = shop.order(&app, id).await;
        assert_eq!(after_refund["balance_due"], "100.00");
        shop.pay(&app, id, "50.00", "saldo-p2").await.expect(201);
        let half = shop.order(&app, id).await;
        assert_eq!(half["status"], "pending_payment");
        assert_eq!(half["balance_due"], "50.00");
        // Paying more than is due is refused, counting the refund.
        shop.pay(&app, id, "50.01", "saldo-p3")
            .await
            .problem(409, "orders/overpayment");
        shop.pay(&app, id, "50.00", "saldo-p4").await.expect(201);
        let paid = shop.order(&app, id).await;
        assert_eq!(paid["status"], "paid");
        assert_eq!(paid["paid"], "150.00");
        assert_eq!(paid["refunded"], "50.00");
        assert_eq!(paid["balance_due"], "0.00");
        // What can be refunded is what was received.
        let refund = |amount: &'static str| {
            app.post(&format!("/api/v1/orders/{id}/refunds"))
                .as_(&shop.owner)
                .json(&json!({ "amount": amount }))
                .send()
        };
        refund("100.01").await.problem(409, "orders/over-refund");
        // A partial refund keeps the status; giving everything back makes the order refunded.
        refund("30.00").await.expect(201);
        assert_eq!(shop.order(&app, id).await["status"], "paid");
        refund("70.00").await.expect(201);
        let refunded = shop.order(&app, id).await;
        assert_eq!(refunded["status"], "refunded");
        assert_eq!(refunded["refunded"], "150.00");
        refund("1.00").await.problem(409, "orders/not-refundable");
        shop.pay(&app, id, "1.00", "saldo-p5")
            .await
            .problem(409, "orders/not-payable");
    }
);

db_test!(
    payments_are_in_their_orders_currency_after_the_store_changes_its,
    |app| {
        let shop = open_shop(&app, "Moeda").await;
        let variant = shop.stocked_variant(&app, "MOEDA-1", "20.00", 5).await;
        let ivo = new_customer("Ivo", "pt-BR");
        let order = order_of(&app, &shop, "moeda-1", ivo, &variant, 1).await;
        let id = order["id"].as_str().unwrap();
        assert_eq!(order["currency"], "BRL");
        shop.pay(&app, id, "10.00", "moeda-p1").await.expect(201);
        switch_currency(&app, &shop, "EUR").await;
        let paid = shop.pay(&app, id, "5.00", "moeda-p2").await.expect(201);
        assert_eq!(paid.body["currency"], "BRL");
        let refund = app
            .post(&format!("/api/v1/orders/{id}/refunds"))
            .as_(&shop.owner)
            .json(&json!({ "amount": "2.00" }))
            .send()
            .await
            .expect(201);
        assert_eq!(refund.body["currency"], "BRL");
        let payments = app
            .get(&format!("/api/v1/orders/{id}/payments"))
            .as_(&shop.owner)
            .send()
            .await
            .expect(200);
        let currencies: Vec<_> = payments
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|p| &p["currency"])
            .collect();
        assert_eq!(currencies, [&json!("BRL"); 3]);
    }
);

db_test!(a_customers_lifetime_value_is_kept_per_currency, |app| {
    let shop = open_shop(&app, "Cambio").await;
    let variant = shop.stocked_variant(&app, "CAMBIO-1", "30.00", 5).await;
    let lia = new_customer("Lia", "pt-BR");
    let order = order_of(&app, &shop, "cambio-1", lia, &variant, 1).await;
    let customer = order["customer_id"].as_str().unwrap().to_owned();
    shop.pay(&app, order["id"].as_str().unwrap(), "30.00", "cambio-p1")
        .await
        .expect(201);
    switch_currency(&app, &shop, "EUR").await;
    let known = json!({ "id": customer });
    let second = order_of(&app, &shop, "cambio-2", known, &variant, 1).await;
    assert_eq!(second["currency"], "EUR");
    shop.pay(&app, second["id"].as_str().unwrap(), "10.00", "cambio-p2")
        .await
        .expect(201);
    let read = app
        .get(&format!("/api/v1/customers/{customer}"))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(read.body["orders_count"], 2);
    assert_eq!(
        read.body["lifetime_value"],
        json!([
            { "currency": "BRL", "amount": "30.00" },
            { "currency": "EUR", "amount": "10.00" },
        ])
    );
});
