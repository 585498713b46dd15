//! What an order has received is what was paid less what was refunded: paying, refunding and
//! paying again reaches `paid` only when the net received covers the total.

use openapi::orders::{
    CustomerOut, MoneyOut, OrderCustomerIn, OrderOut, OrderStatus, PaymentOut, RefundIn,
};
use openapi::tenancy::{Currency, Locale, TenantOut, TenantPatch};
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Reply;
use crate::harness::fixtures::{buyer, line, money, new_buyer};
use crate::orders::{Shop, open_shop};

/// Places an order of `quantity` units of `variant` for `customer`; the order as answered.
async fn order_of(
    app: &TestApp,
    shop: &Shop,
    key: &str,
    customer: OrderCustomerIn,
    variant: Uuid,
    quantity: i64,
) -> OrderOut {
    let body = shop.order_in(customer, vec![line(variant, quantity)]);
    shop.place_ok(app, key, &body).await
}

async fn refund(
    app: &TestApp,
    shop: &Shop,
    order: Uuid,
    amount: &str,
    reason: Option<&str>,
) -> Reply {
    app.post(&format!("/api/v1/orders/{order}/refunds"))
        .as_(&shop.owner)
        .json(&RefundIn {
            amount: money(amount),
            reason: reason.map(Into::into),
        })
        .send()
        .await
}

/// The store now sells in `currency`.
async fn switch_currency(app: &TestApp, shop: &Shop, currency: Currency) {
    let tenant = app
        .get("/api/v1/tenant")
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    tenant.parse::<TenantOut>();
    app.patch("/api/v1/tenant")
        .as_(&shop.owner)
        .header("if-match", tenant.header("etag").unwrap())
        .json(&TenantPatch {
            currency: Some(currency),
            ..Default::default()
        })
        .send()
        .await
        .expect(200);
}

db_test!(
    an_order_is_paid_only_when_the_net_received_covers_its_total,
    |app| {
        let shop = open_shop(&app, "Saldo").await;
        let variant = shop.variant(&app, "SALDO-1", "50.00", 5).await;
        let rui = new_buyer("Rui", Locale::PtBr);
        let order = order_of(&app, &shop, "saldo-1", rui, variant, 2).await;
        let id = order.id;
        assert_eq!(order.total.to_string(), "100.00");
        shop.pay(&app, id, "50.00", "saldo-p1").await.expect(201);
        refund(&app, &shop, id, "50.00", Some("estorno do cartão"))
            .await
            .expect(201);
        // 50 paid and 50 refunded is nothing received: 100 is still due.
        let after_refund = shop.read(&app, id).await;
        assert_eq!(after_refund.balance_due.to_string(), "100.00");
        shop.pay(&app, id, "50.00", "saldo-p2").await.expect(201);
        let half = shop.read(&app, id).await;
        assert_eq!(half.status, OrderStatus::PendingPayment);
        assert_eq!(half.balance_due.to_string(), "50.00");
        // Paying more than is due is refused, counting the refund.
        shop.pay(&app, id, "50.01", "saldo-p3")
            .await
            .problem(409, "orders/overpayment");
        shop.pay(&app, id, "50.00", "saldo-p4").await.expect(201);
        let paid = shop.read(&app, id).await;
        assert_eq!(paid.status, OrderStatus::Paid);
        assert_eq!(
            [paid.paid, paid.refunded, paid.balance_due].map(|m| m.to_string()),
            ["150.00", "50.00", "0.00"]
        );
        // What can be refunded is what was received.
        let refund = |amount| refund(&app, &shop, id, amount, None);
        refund("100.01").await.problem(409, "orders/over-refund");
        // A partial refund keeps the status; giving everything back makes the order refunded.
        refund("30.00").await.expect(201);
        assert_eq!(shop.read(&app, id).await.status, OrderStatus::Paid);
        refund("70.00").await.expect(201);
        let refunded = shop.read(&app, id).await;
        assert_eq!(refunded.status, OrderStatus::Refunded);
        assert_eq!(refunded.refunded.to_string(), "150.00");
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
        let variant = shop.variant(&app, "MOEDA-1", "20.00", 5).await;
        let ivo = new_buyer("Ivo", Locale::PtBr);
        let order = order_of(&app, &shop, "moeda-1", ivo, variant, 1).await;
        let id = order.id;
        assert_eq!(order.currency, Currency::BRL);
        shop.pay(&app, id, "10.00", "moeda-p1").await.expect(201);
        switch_currency(&app, &shop, Currency::EUR).await;
        let paid: PaymentOut = shop
            .pay(&app, id, "5.00", "moeda-p2")
            .await
            .expect(201)
            .parse();
        assert_eq!(paid.currency, Currency::BRL);
        let refund: PaymentOut = refund(&app, &shop, id, "2.00", None)
            .await
            .expect(201)
            .parse();
        assert_eq!(refund.currency, Currency::BRL);
        let payments: Vec<PaymentOut> = app
            .get(&format!("/api/v1/orders/{id}/payments"))
            .as_(&shop.owner)
            .returns(200)
            .await;
        let currencies: Vec<_> = payments.iter().map(|p| p.currency).collect();
        assert_eq!(currencies, [Currency::BRL; 3]);
    }
);

db_test!(a_customers_lifetime_value_is_kept_per_currency, |app| {
    let shop = open_shop(&app, "Cambio").await;
    let variant = shop.variant(&app, "CAMBIO-1", "30.00", 5).await;
    let lia = new_buyer("Lia", Locale::PtBr);
    let order = order_of(&app, &shop, "cambio-1", lia, variant, 1).await;
    let customer = order.customer_id;
    shop.pay(&app, order.id, "30.00", "cambio-p1")
        .await
        .expect(201);
    switch_currency(&app, &shop, Currency::EUR).await;
    let second = order_of(&app, &shop, "cambio-2", buyer(customer), variant, 1).await;
    assert_eq!(second.currency, Currency::EUR);
    shop.pay(&app, second.id, "10.00", "cambio-p2")
        .await
        .expect(201);
    let read: CustomerOut = app
        .get(&format!("/api/v1/customers/{customer}"))
        .as_(&shop.owner)
        .returns(200)
        .await;
    assert_eq!(read.orders_count, 2);
    let lifetime: Vec<(Currency, String)> = read
        .lifetime_value
        .iter()
        .map(|MoneyOut { currency, amount }| (*currency, amount.to_string()))
        .collect();
    assert_eq!(
        lifetime,
        [
            (Currency::BRL, "30.00".to_owned()),
            (Currency::EUR, "10.00".to_owned())
        ]
    );
});
