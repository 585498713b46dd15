//! The state machine and verification: illegal moves, the timeline, holds and their reasons.

use openapi::Page;
use openapi::orders::{
    CustomerIn, OrderCustomerIn, OrderOut, OrderSettings, OrderStatus, TimelineEntryOut,
};
use openapi::tenancy::Locale;

use crate::db_test;
use crate::harness::fixtures::{bare_customer, buyer, line, money, new_buyer};

use super::{move_order, open_shop};

db_test!(
    the_state_machine_refuses_illegal_moves_and_keeps_a_timeline,
    |app| {
        let shop = open_shop(&app, "Sara").await;
        let shirt = shop.variant(&app, "CAM-4", "30.00", 10).await;
        let placed = shop
            .place_ok(
                &app,
                "o",
                &shop.order_in(new_buyer("Eva", Locale::PtBr), vec![line(shirt, 1)]),
            )
            .await;
        let order = placed.id;
        let move_to = |to| move_order(&app, &shop.owner, order, to);
        let refused = move_to(OrderStatus::Shipped)
            .await
            .problem(409, "orders/illegal-transition");
        let detail = refused.problem_doc().detail.unwrap_or_default();
        assert!(
            detail.contains("pending_payment") && detail.contains("on_hold, cancelled"),
            "{detail}"
        );
        move_to(OrderStatus::Paid)
            .await
            .problem(409, "orders/illegal-transition");

        shop.pay(&app, order, "30.00", "p1").await.expect(201);
        for to in [
            OrderStatus::Fulfilling,
            OrderStatus::Shipped,
            OrderStatus::Delivered,
            OrderStatus::Completed,
        ] {
            let moved: OrderOut = move_to(to).await.expect(200).parse();
            assert_eq!(moved.status, to);
        }
        move_to(OrderStatus::Cancelled)
            .await
            .problem(409, "orders/illegal-transition");

        let timeline: Vec<TimelineEntryOut> = app
            .get(&format!("/api/v1/orders/{order}/timeline"))
            .as_(&shop.owner)
            .returns(200)
            .await;
        // Logistics' steps (the fulfilment opened on payment) arrive at the outbox's pace.
        let kinds: Vec<&str> = timeline
            .iter()
            .map(|e| e.kind.as_str())
            .filter(|kind| *kind != "fulfilment")
            .collect();
        assert_eq!(
            kinds,
            [
                "placed",
                "payment",
                "paid",
                "fulfilling",
                "shipped",
                "delivered",
                "completed"
            ]
        );
        assert_eq!(timeline[1].message, "Pagamento de R$ 30,00 (pix).");

        let viewer = app.add_member(&shop.owner, "Vera", "viewer").await;
        move_order(&app, &viewer, order, OrderStatus::Cancelled)
            .await
            .problem(403, "auth/forbidden");
    }
);

db_test!(a_suspicious_order_waits_on_hold_with_its_reasons, |app| {
    let shop = open_shop(&app, "Ursula").await;
    let tv = shop.variant(&app, "TV-55", "3999.00", 5).await;
    let settings = OrderSettings {
        first_order_hold_above: Some(money("1000.00")),
        staff_emails: vec!["ops@loja.example.com".into()],
        reply_to: None,
        default_shipping_service_id: None,
    };
    app.call(reqwest::Method::PUT, "/api/v1/order-settings")
        .as_(&shop.owner)
        .json(&settings)
        .send()
        .await
        .expect(200);
    let hugo = CustomerIn {
        email: Some("hugo@localhost".into()),
        ..bare_customer("Hugo")
    };
    let customer = OrderCustomerIn {
        id: None,
        new: Some(hugo),
    };
    let mut body = shop.order_in(customer, vec![line(tv, 1)]);
    body.shipping_address.postal_code = "1234".into();
    let held = shop.place_ok(&app, "h", &body).await;
    assert_eq!(held.status, OrderStatus::OnHold);
    let checks: Vec<&str> = held.findings.iter().map(|f| f.check.as_str()).collect();
    assert_eq!(checks, ["tax_id", "address", "email", "first_order_value"]);
    assert_eq!(
        held.findings[3].message,
        "Primeiro pedido de um cliente novo, de R$ 3.999,00, acima do limite de R$ 1.000,00."
    );
    assert_eq!(shop.stock(&app, tv).await.reserved, 1);

    let list: Page<OrderOut> = app
        .get("/api/v1/orders?status=on_hold")
        .as_(&shop.owner)
        .returns(200)
        .await;
    assert_eq!(list.items.len(), 1);
    // Paid in full while held: stays held; releasing makes it paid.
    let order = held.id;
    shop.pay(&app, order, "3999.00", "ted-1").await.expect(201);
    assert_eq!(shop.read(&app, order).await.status, OrderStatus::OnHold);
    let released: OrderOut = move_order(&app, &shop.owner, order, OrderStatus::PendingPayment)
        .await
        .expect(200)
        .parse();
    assert_eq!(released.status, OrderStatus::Paid);
    assert_eq!(shop.stock(&app, tv).await.on_hand, 4);

    // The same customer's next order, as large, is no longer a first order.
    let next = shop
        .place_ok(
            &app,
            "h2",
            &shop.order_in(buyer(held.customer_id), vec![line(tv, 2)]),
        )
        .await;
    let checks: Vec<&str> = next.findings.iter().map(|f| f.check.as_str()).collect();
    assert_eq!(checks, ["tax_id", "email"]);
});

db_test!(
    the_same_lines_again_within_minutes_look_like_a_duplicate,
    |app| {
        let shop = open_shop(&app, "Vilma").await;
        let shirt = shop.variant(&app, "CAM-6", "10.00", 10).await;
        let lines = vec![line(shirt, 1)];
        let first = shop
            .place_ok(
                &app,
                "1",
                &shop.order_in(new_buyer("Ivo", Locale::PtBr), lines.clone()),
            )
            .await;
        assert_eq!(first.status, OrderStatus::PendingPayment);
        let second = shop
            .place_ok(&app, "2", &shop.order_in(buyer(first.customer_id), lines))
            .await;
        assert_eq!(second.status, OrderStatus::OnHold);
        assert_eq!(second.findings[0].check, "duplicate");
        assert!(
            second.findings[0].message.contains("#1001"),
            "{:?}",
            second.findings
        );
    }
);
