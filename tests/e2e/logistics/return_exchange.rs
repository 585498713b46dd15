//! Returns resolved by an exchange, the store's return rules, and another store's returns.

use openapi::Page;
use openapi::logistics::{ReturnOut, ReturnRateOut, ReturnSettings};
use openapi::tenancy::Locale;
use serde_json::json;

use super::returns::{act, approve, delivered, inspect, request, return_body};
use crate::db_test;
use crate::harness::fixtures::{line, money};
use crate::harness::shop::open_shop;

db_test!(
    an_exchange_creates_a_linked_replacement_order_paid_by_the_credit,
    |app| {
        let shop = open_shop(&app, "Loja Troca").await;
        let small = shop.variant(&app, "TEN-38", "120.00", 5).await;
        let large = shop.variant(&app, "TEN-40", "150.00", 5).await;
        let order = delivered(&app, &shop, "ex", vec![line(small, 1)], None, Locale::PtBr).await;
        let requested = request(&app, &shop, &return_body(&order, &[(0, 1, "regret")])).await;
        assert_eq!(requested.credit, money("120.00"), "no shipping for regret");
        let approved = approve(&app, &shop, &requested).await;
        let received = inspect(&app, &shop, &approved, &[(1, 0)]).await;
        app.post(&format!(
            "/api/v1/logistics/returns/{}/resolve",
            received.id
        ))
        .as_(&shop.owner)
        .json(&json!({ "resolution": "exchange" }))
        .send()
        .await
        .problem(422, "returns/no-replacement");
        let body = json!({ "resolution": "exchange", "replacement": [{ "variant_id": large, "quantity": 1 }] });
        let resolved = act(&app, &shop, &received, "resolve", body).await;
        let replacement = resolved.replacement_order_id.expect("a replacement order");
        let replacement = shop.read(&app, replacement).await;
        assert_eq!(replacement.customer_id, order.customer_id);
        assert_eq!(replacement.paid, money("120.00"));
        assert_eq!(replacement.balance_due, money("30.00"));
        // The credit left the original order: it cannot be refunded there as well.
        let original = shop.read(&app, order.id).await;
        assert_eq!(original.refunded, money("120.00"));
        app.post(&format!("/api/v1/orders/{}/refunds", order.id))
            .as_(&shop.owner)
            .json(&json!({ "amount": "120.00" }))
            .send()
            .await
            .problem(409, "orders/over-refund");

        let listed: Page<ReturnOut> = app
            .get("/api/v1/logistics/returns?status=resolved")
            .as_(&shop.owner)
            .returns(200)
            .await;
        assert_eq!(listed.items.len(), 1);
        let rates: Vec<ReturnRateOut> = app
            .get("/api/v1/logistics/returns/rates?by=sku")
            .as_(&shop.owner)
            .returns(200)
            .await;
        let small_rate = rates.iter().find(|r| r.key == "TEN-38").expect("TEN-38");
        assert_eq!((small_rate.returned, small_rate.delivered), (1, Some(1)));
    }
);

db_test!(
    return_settings_are_kept_and_another_stores_return_is_404,
    |app| {
        let shop = open_shop(&app, "Loja Regras").await;
        let read: ReturnSettings = app
            .get("/api/v1/logistics/return-settings")
            .as_(&shop.owner)
            .returns(200)
            .await;
        assert_eq!(read, ReturnSettings::default());
        let body = json!({
            "regret_days": 10, "defect_days": 30, "shipping_refund": "always",
            "reasons": [{ "code": "regret", "kind": "regret" }, { "code": "broken", "kind": "defect" }]
        });
        let put: ReturnSettings = app
            .call(reqwest::Method::PUT, "/api/v1/logistics/return-settings")
            .as_(&shop.owner)
            .json(&body)
            .returns(200)
            .await;
        assert_eq!(put.regret_days, 10);
        app.call(reqwest::Method::PUT, "/api/v1/logistics/return-settings")
        .as_(&shop.owner)
        .json(&json!({ "regret_days": 6, "defect_days": 30, "shipping_refund": "never", "reasons": [] }))
        .send()
        .await
        .problem(422, "request/validation");

        let mug = shop.variant(&app, "CAN-2", "30.00", 3).await;
        let order = delivered(&app, &shop, "iso", vec![line(mug, 1)], None, Locale::PtBr).await;
        let ret = request(&app, &shop, &return_body(&order, &[(0, 1, "broken")])).await;
        assert_eq!(ret.credit, money("50.00"), "shipping always refunded");
        let other = open_shop(&app, "Outra Loja").await;
        app.get(&format!("/api/v1/logistics/returns/{}", ret.id))
            .as_(&other.owner)
            .send()
            .await
            .problem(404, "not-found");
        app.post(&format!("/api/v1/logistics/returns/{}/decline", ret.id))
            .as_(&other.owner)
            .json(&json!({ "reason": "x" }))
            .send()
            .await
            .problem(404, "not-found");
        let mut theirs = return_body(&order, &[(0, 1, "regret")]);
        theirs["order_id"] = json!(order.id);
        app.post("/api/v1/logistics/returns")
            .as_(&other.owner)
            .json(&theirs)
            .send()
            .await
            .problem(404, "not-found");
    }
);
