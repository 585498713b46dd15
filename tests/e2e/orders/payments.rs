//! Payments and refunds: what adds up to paid, what a cancellation gives back, the summary.

use openapi::Page;
use openapi::orders::{
    CustomerOut, MoneyOut, OrderOut, OrderStatus, OrderSummaryOut, PaymentOut, RefundIn,
    TransitionIn,
};
use openapi::tenancy::{Currency, Locale};

use crate::db_test;
use crate::harness::fixtures::{buyer, line, money, new_buyer};

use super::{Shop, cancel, open_shop};
use crate::harness::TestApp;

db_test!(payments_add_up_to_paid_and_sell_the_stock, |app| {
    let shop = open_shop(&app, "Rita").await;
    let shirt = shop.variant(&app, "CAM-3", "100.00", 10).await;
    let placed = shop
        .place_ok(
            &app,
            "o",
            &shop.order_in(new_buyer("Davi", Locale::En), vec![line(shirt, 2)]),
        )
        .await;
    let order = placed.id;

    let first = shop.pay(&app, order, "50.00", "pix-1").await.expect(201);
    assert_eq!(
        shop.read(&app, order).await.status,
        OrderStatus::PendingPayment
    );
    // A gateway notifying twice: the same answer, nothing added.
    let repeat = shop.pay(&app, order, "50.00", "pix-1").await.expect(201);
    assert_eq!(repeat.body, first.body);
    assert_eq!(shop.read(&app, order).await.paid.to_string(), "50.00");
    let over = shop
        .pay(&app, order, "150.01", "pix-2")
        .await
        .problem(409, "orders/overpayment");
    let detail = over.problem_doc().detail.unwrap_or_default();
    assert!(detail.contains("150.00"), "{:#}", over.body);

    shop.pay(&app, order, "150.00", "pix-3").await.expect(201);
    let paid = shop.read(&app, order).await;
    assert_eq!(paid.status, OrderStatus::Paid);
    assert_eq!(paid.balance_due.to_string(), "0.00");
    assert_eq!(
        paid.allowed_transitions,
        [OrderStatus::Fulfilling, OrderStatus::Cancelled]
    );
    let level = shop.stock(&app, shirt).await;
    assert_eq!((level.on_hand, level.reserved), (8, 0));
    shop.pay(&app, order, "1.00", "pix-4")
        .await
        .problem(409, "orders/not-payable");

    // Another order cannot take a reference already used.
    let other = shop
        .place_ok(
            &app,
            "o2",
            &shop.order_in(buyer(paid.customer_id), vec![line(shirt, 1)]),
        )
        .await;
    shop.pay(&app, other.id, "10.00", "pix-1")
        .await
        .problem(409, "orders/payment-reference-taken");

    refunds_history_and_a_stale_move(&app, &shop, &paid).await;
});

/// After `paid` is paid: a refund retried once, the customer's figures and history, finding
/// the order by number, and a move from a stale read refused.
async fn refunds_history_and_a_stale_move(app: &TestApp, shop: &Shop, paid: &OrderOut) {
    let order = paid.id;
    // A refund retried with its Idempotency-Key happens once.
    let refund = RefundIn {
        amount: money("10.00"),
        reason: Some("Brinde não enviado".into()),
    };
    for _ in 0..2 {
        app.post(&format!("/api/v1/orders/{order}/refunds"))
            .as_(&shop.owner)
            .header("Idempotency-Key", "refund-1")
            .json(&refund)
            .send()
            .await
            .expect(201);
    }
    assert_eq!(shop.read(app, order).await.refunded.to_string(), "10.00");
    let payments: Vec<PaymentOut> = app
        .get(&format!("/api/v1/orders/{order}/payments"))
        .as_(&shop.owner)
        .returns(200)
        .await;
    assert_eq!(payments.len(), 3);
    let customer: CustomerOut = app
        .get(&format!("/api/v1/customers/{}", paid.customer_id))
        .as_(&shop.owner)
        .returns(200)
        .await;
    assert_eq!(customer.orders_count, 2);
    assert_eq!(
        customer.lifetime_value,
        [MoneyOut {
            currency: Currency::BRL,
            amount: money("190.00")
        }]
    );
    assert_eq!(customer.lifetime_value[0].amount.to_string(), "190.00");
    // The customer's order history, and finding an order by its number.
    let history: Page<OrderOut> = app
        .get(&format!("/api/v1/orders?customer_id={}", paid.customer_id))
        .as_(&shop.owner)
        .returns(200)
        .await;
    assert_eq!(history.items.len(), 2);
    let found: Page<OrderOut> = app
        .get("/api/v1/orders?q=%231001")
        .as_(&shop.owner)
        .returns(200)
        .await;
    assert_eq!(found.items[0].id, paid.id);
    // A move based on a stale read is refused.
    app.post(&format!("/api/v1/orders/{order}/transitions"))
        .as_(&shop.owner)
        .header("If-Match", "\"1\"")
        .json(&TransitionIn {
            to: OrderStatus::Fulfilling,
            reason: None,
        })
        .send()
        .await
        .problem(412, "request/stale");
}

db_test!(
    cancelling_gives_stock_back_and_refunds_what_was_paid,
    |app| {
        let shop = open_shop(&app, "Tania").await;
        let shirt = shop.variant(&app, "CAM-5", "40.00", 10).await;
        let unpaid = shop
            .place_ok(
                &app,
                "a",
                &shop.order_in(new_buyer("Gil", Locale::PtBr), vec![line(shirt, 3)]),
            )
            .await;
        let paid = shop
            .place_ok(
                &app,
                "b",
                &shop.order_in(buyer(unpaid.customer_id), vec![line(shirt, 2)]),
            )
            .await;
        let (unpaid, paid) = (unpaid.id, paid.id);
        shop.pay(&app, paid, "80.00", "pay-b").await.expect(201);
        let level = shop.stock(&app, shirt).await;
        assert_eq!((level.on_hand, level.reserved), (8, 3));

        for order in [unpaid, paid] {
            cancel(&app, &shop, order, Some("Cliente desistiu.")).await;
        }
        let level = shop.stock(&app, shirt).await;
        assert_eq!((level.on_hand, level.reserved), (10, 0));
        crate::inventory::assert_level_equals_ledger(&app, &shop.owner, &shirt, &shop.location)
            .await;
        let cancelled = shop.read(&app, paid).await;
        assert_eq!(
            (cancelled.status, cancelled.refunded.to_string().as_str()),
            (OrderStatus::Cancelled, "80.00")
        );
        let payments: Vec<PaymentOut> = app
            .get(&format!("/api/v1/orders/{paid}/payments"))
            .as_(&shop.owner)
            .returns(200)
            .await;
        assert_eq!(payments[1].kind, "refund");
        assert_eq!(payments[1].amount.to_string(), "80.00");
        app.post(&format!("/api/v1/orders/{paid}/refunds"))
            .as_(&shop.owner)
            .json(&RefundIn {
                amount: money("0.01"),
                reason: None,
            })
            .send()
            .await
            .problem(409, "orders/not-refundable");
    }
);

db_test!(the_summary_counts_today_the_month_states_and_days, |app| {
    let shop = open_shop(&app, "Sonia").await;
    let mug = shop.variant(&app, "CANECA", "100.00", 10).await;
    let body = shop.order_in(new_buyer("Lia", Locale::PtBr), vec![line(mug, 2)]);
    let paid = shop.place_ok(&app, "a", &body).await.id;
    shop.pay(&app, paid, "200.00", "pix-a").await.expect(201);
    let body = shop.order_in(new_buyer("Noa", Locale::PtBr), vec![line(mug, 1)]);
    shop.place_ok(&app, "b", &body).await;
    // Another store's sales are not counted.
    let other = open_shop(&app, "Outra").await;
    let cup = other.variant(&app, "XICARA", "9.00", 5).await;
    let body = other.order_in(new_buyer("Ivo", Locale::PtBr), vec![line(cup, 1)]);
    other.place_ok(&app, "c", &body).await;

    let summary: OrderSummaryOut = app
        .get("/api/v1/orders/summary")
        .as_(&shop.owner)
        .returns(200)
        .await;
    for period in [&summary.today, &summary.month] {
        assert_eq!(
            (period.orders, period.revenue.to_string().as_str()),
            (2, "200.00")
        );
    }
    assert_eq!(summary.currency, Currency::BRL);
    let count = |status: OrderStatus| {
        summary
            .by_status
            .iter()
            .find(|s| s.status == status)
            .map(|s| s.count)
    };
    assert_eq!(
        (
            count(OrderStatus::PendingPayment),
            count(OrderStatus::Paid),
            count(OrderStatus::OnHold)
        ),
        (Some(1), Some(1), Some(0))
    );
    let days = &summary.days;
    assert_eq!(days.len(), 14);
    assert_eq!(
        (days[13].orders, days[13].revenue.to_string().as_str()),
        (2, "200.00")
    );
    assert!(days[..13].iter().all(|d| d.orders == 0), "{days:#?}");
});
