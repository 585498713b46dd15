//! Gateways' payment notifications: one settles the order it names, once per reference; what
//! cannot settle is kept unmatched with why, and staff match it by hand.

use openapi::Page;
use openapi::finance::{NotificationStatus, PaymentNotificationOut, UnmatchedReason};
use openapi::orders::{OrderOut, OrderStatus};
use openapi::tenancy::Locale;
use serde_json::{Value, json};

use super::invoice_of;
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::fixtures::{line, new_buyer};
use crate::harness::shop::{Shop, open_shop};

async fn notify(app: &TestApp, token: &str, body: Value) -> PaymentNotificationOut {
    app.post("/api/v1/finance/payment-notifications")
        .token(token)
        .json(&body)
        .returns(200)
        .await
}

async fn placed(app: &TestApp, shop: &Shop, key: &str) -> OrderOut {
    let shirt = shop.variant(app, &format!("CAM-{key}"), "59.90", 10).await;
    let order = shop.order_in(
        new_buyer(&format!("Cliente {key}"), Locale::PtBr),
        vec![line(shirt, 2)],
    );
    shop.place_ok(app, key, &order).await
}

/// A key of the store holding only `finance:payments`, as a gateway integration would.
async fn gateway_key(app: &TestApp, shop: &Shop) -> String {
    let created = app
        .post("/api/v1/api-keys")
        .as_(&shop.owner)
        .json(&json!({ "name": "Gateway", "scopes": ["finance:payments"] }))
        .send()
        .await
        .expect(201);
    created.body["secret"].as_str().unwrap().to_owned()
}

db_test!(
    a_notification_settles_its_order_once_however_often_it_comes,
    |app| {
        let shop = open_shop(&app, "Loja Gateway").await;
        let key = gateway_key(&app, &shop).await;
        let order = placed(&app, &shop, "g1").await;
        let body = json!({ "reference": "pix-E1", "method": "pix", "amount": order.total.to_string(),
                       "order_number": order.number });
        let first = notify(&app, &key, body.clone()).await;
        assert_eq!(first.status, NotificationStatus::Settled);
        assert_eq!(first.order_id, Some(order.id));
        assert!(first.payment_id.is_some());
        let paid = shop.read(&app, order.id).await;
        assert_eq!((paid.status, paid.paid), (OrderStatus::Paid, order.total));
        // The paid order is invoiced by the outbox, as any paid order is.
        let invoice = invoice_of(&app, &shop, order.id).await;
        assert_eq!(invoice.total, order.total);

        // Sent again, even with another amount: the first answer, nothing paid twice.
        let mut again = body.clone();
        again["amount"] = json!("1.00");
        let repeated = notify(&app, &key, again).await;
        assert_eq!(repeated, first);
        assert_eq!(shop.read(&app, order.id).await.paid, order.total);

        // The key does nothing else of finance; staff may not send notifications.
        app.get("/api/v1/finance/invoices")
            .token(&key)
            .send()
            .await
            .problem(403, "auth/forbidden");
        let staff = app.add_member(&shop.owner, "Rita", "staff").await;
        app.post("/api/v1/finance/payment-notifications")
            .as_(&staff)
            .json(&body)
            .send()
            .await
            .problem(403, "auth/forbidden");
    }
);

db_test!(
    what_cannot_settle_waits_unmatched_until_staff_match_it,
    |app| {
        let shop = open_shop(&app, "Loja Conciliar").await;
        let token = shop.owner.token.clone();
        let order = placed(&app, &shop, "m1").await;
        let other = placed(&app, &shop, "m2").await;
        let total = order.total.to_string();

        let nowhere = notify(
            &app,
            &token,
            json!({ "reference": "bol-1", "method": "boleto",
        "amount": total, "order_number": 999_999 }),
        )
        .await;
        assert_eq!(
            (nowhere.status, nowhere.reason),
            (
                NotificationStatus::Unmatched,
                Some(UnmatchedReason::NoOrder)
            )
        );
        let over = notify(
            &app,
            &token,
            json!({ "reference": "bol-2", "method": "boleto",
        "amount": "9999.00", "order_id": order.id }),
        )
        .await;
        assert_eq!(over.reason, Some(UnmatchedReason::OverBalance));
        assert_eq!(over.order_id, Some(order.id));
        notify(
            &app,
            &token,
            json!({ "reference": "pix-ok", "method": "pix", "amount": total,
        "order_id": order.id }),
        )
        .await;
        let twice = notify(
            &app,
            &token,
            json!({ "reference": "pix-twice", "method": "pix",
        "amount": total, "order_id": order.id }),
        )
        .await;
        assert_eq!(twice.reason, Some(UnmatchedReason::NotPayable));
        assert_eq!(
            shop.read(&app, order.id).await.paid,
            order.total,
            "paid once"
        );

        let unmatched: Page<PaymentNotificationOut> = app
            .get("/api/v1/finance/payment-notifications?status=unmatched")
            .as_(&shop.owner)
            .returns(200)
            .await;
        let references: Vec<&str> = unmatched
            .items
            .iter()
            .map(|n| n.reference.as_str())
            .collect();
        assert_eq!(references, ["pix-twice", "bol-2", "bol-1"]);

        // The boleto that named no order was the other order's: matched by hand, it pays it.
        let path = format!("/api/v1/finance/payment-notifications/{}/match", nowhere.id);
        let matched: PaymentNotificationOut = app
            .post(&path)
            .as_(&shop.owner)
            .json(&json!({ "order_id": other.id }))
            .returns(200)
            .await;
        assert_eq!(
            (matched.status, matched.reason),
            (NotificationStatus::Settled, None)
        );
        assert_eq!(shop.read(&app, other.id).await.status, OrderStatus::Paid);
        app.post(&path)
            .as_(&shop.owner)
            .json(&json!({ "order_id": other.id }))
            .send()
            .await
            .problem(409, "finance/already-settled");
        let over_path = format!("/api/v1/finance/payment-notifications/{}/match", over.id);
        let third = placed(&app, &shop, "m3").await;
        app.post(&over_path)
            .as_(&shop.owner)
            .json(&json!({ "order_id": third.id }))
            .send()
            .await
            .problem(409, "orders/overpayment");
        let audit = app
            .audit_of(&shop.owner, "payment_notification", nowhere.id)
            .await;
        let audit = serde_json::to_string(&audit).unwrap();
        assert!(audit.contains("payment_notification.match"), "{audit}");
    }
);
