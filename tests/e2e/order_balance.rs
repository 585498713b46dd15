//! What an order has received is what was paid less what was refunded: paying, refunding and
//! paying again reaches `paid` only when the net received covers the total.

use serde_json::json;

use crate::db_test;
use crate::orders::{new_customer, open_shop};

db_test!(
    an_order_is_paid_only_when_the_net_received_covers_its_total,
    |app| {
        let shop = open_shop(&app, "Saldo").await;
        let variant = shop.stocked_variant(&app, "SALDO-1", "50.00", 5).await;
        let body = shop.order_body(
            new_customer("Rui", "pt-BR"),
            json!([{ "variant_id": variant, "quantity": 2 }]),
        );
        let order = shop.place(&app, "saldo-1", &body).await.expect(201).body;
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
        app.post(&format!("/api/v1/orders/{id}/refunds"))
            .as_(&shop.owner)
            .json(&json!({ "amount": "100.01" }))
            .send()
            .await
            .problem(409, "orders/over-refund");
    }
);
