//! Returns and the money and stock around them: a kit comes back as its components, a refund
//! never exceeds what the order still holds, and a retried request makes one return.

use openapi::Page;
use openapi::logistics::ReturnOut;
use openapi::tenancy::Locale;
use serde_json::json;

use super::returns::{act, approve, delivered, inspect, request, return_body};
use crate::db_test;
use crate::harness::fixtures::{line, money};
use crate::harness::ledger::assert_level_equals_ledger;
use crate::harness::shop::open_shop;

db_test!(a_returned_kit_comes_back_as_its_components, |app| {
    let shop = open_shop(&app, "Loja Kit").await;
    let mug = shop.variant(&app, "CANECA", "30.00", 10).await;
    let coffee = shop.variant(&app, "CAFE", "20.00", 10).await;
    let kit = shop.variant(&app, "KIT-CAFE", "60.00", 0).await;
    app.set_kit(&shop.owner, kit, &[(mug, 1), (coffee, 2)])
        .await
        .expect(200);
    let order = delivered(&app, &shop, "kit", vec![line(kit, 2)], None, Locale::PtBr).await;
    let (mug_before, coffee_before) = (shop.stock(&app, mug).await, shop.stock(&app, coffee).await);

    let requested = request(&app, &shop, &return_body(&order, &[(0, 2, "defective")])).await;
    let approved = approve(&app, &shop, &requested).await;
    let line = &approved.lines[0];
    let body = json!({ "lines": [{ "line_id": line.id, "location_id": shop.location_id(),
                                   "restock": 1, "unsellable": 1 }] });
    app.post(&format!(
        "/api/v1/logistics/returns/{}/receive",
        approved.id
    ))
    .as_(&shop.owner)
    .header("If-Match", &format!("\"{}\"", requested.version))
    .json(&body)
    .send()
    .await
    .problem(412, "request/stale");
    inspect(&app, &shop, &approved, &[(1, 1)]).await;

    let (mug_after, coffee_after) = (shop.stock(&app, mug).await, shop.stock(&app, coffee).await);
    assert_eq!(
        (
            mug_after.on_hand - mug_before.on_hand,
            mug_after.unsellable - mug_before.unsellable
        ),
        (2, 1),
        "two kits hold two mugs, one set aside"
    );
    assert_eq!(
        (
            coffee_after.on_hand - coffee_before.on_hand,
            coffee_after.unsellable - coffee_before.unsellable
        ),
        (4, 2),
        "two kits hold four coffees, two set aside"
    );
    for part in [mug, coffee] {
        assert_level_equals_ledger(&app, &shop.owner, part, shop.location_id()).await;
    }
});

db_test!(
    a_refund_gives_back_no_more_than_the_order_still_holds,
    |app| {
        let shop = open_shop(&app, "Loja Teto").await;
        let lamp = shop.variant(&app, "LUM-1", "120.00", 5).await;
        let order = delivered(&app, &shop, "cap", vec![line(lamp, 1)], None, Locale::PtBr).await;
        assert_eq!(order.paid, money("140.00"));
        app.post(&format!("/api/v1/orders/{}/refunds", order.id))
            .as_(&shop.owner)
            .json(&json!({ "amount": "100.00", "reason": "Desconto concedido" }))
            .send()
            .await
            .expect(201);

        let requested = request(&app, &shop, &return_body(&order, &[(0, 1, "defective")])).await;
        assert_eq!(
            requested.credit,
            money("140.00"),
            "the line and its shipping"
        );
        let approved = approve(&app, &shop, &requested).await;
        let received = inspect(&app, &shop, &approved, &[(1, 0)]).await;
        let resolved = act(
            &app,
            &shop,
            &received,
            "resolve",
            json!({ "resolution": "refund" }),
        )
        .await;
        assert_eq!(
            resolved.refunded,
            Some(money("40.00")),
            "only what was left"
        );
        let after = shop.read(&app, order.id).await;
        assert_eq!(
            (after.paid, after.refunded),
            (money("140.00"), money("140.00"))
        );
    }
);

db_test!(
    a_return_request_retried_with_its_idempotency_key_makes_one_return,
    |app| {
        let shop = open_shop(&app, "Loja Repetida").await;
        let mug = shop.variant(&app, "CAN-9", "30.00", 5).await;
        let order = delivered(&app, &shop, "idem", vec![line(mug, 2)], None, Locale::PtBr).await;
        let body = return_body(&order, &[(0, 1, "damaged")]);
        let mut answers = Vec::new();
        for _ in 0..2 {
            let answer: ReturnOut = app
                .post("/api/v1/logistics/returns")
                .as_(&shop.owner)
                .header("Idempotency-Key", "rma-1")
                .json(&body)
                .returns(201)
                .await;
            answers.push(answer);
        }
        assert_eq!(answers[0].id, answers[1].id);
        let listed: Page<ReturnOut> = app
            .get(&format!("/api/v1/logistics/returns?order_id={}", order.id))
            .as_(&shop.owner)
            .returns(200)
            .await;
        assert_eq!(listed.items.len(), 1);
        // The same key with another body is a mistake, not a replay.
        app.post("/api/v1/logistics/returns")
            .as_(&shop.owner)
            .header("Idempotency-Key", "rma-1")
            .json(&return_body(&order, &[(0, 2, "damaged")]))
            .send()
            .await
            .problem(422, "idempotency/key-reused");
    }
);
