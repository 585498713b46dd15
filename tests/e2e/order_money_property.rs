//! A property: whatever sequence of payments, refunds, holds, releases and cancellations
//! clients send, an order's money adds up — paid ≥ refunded ≥ 0, nothing due below zero, the
//! order becomes `paid` only when what it received covers its total, `refunded` only when it
//! holds nothing, its payment rows sum to its counters — and nothing answers 5xx.

use openapi::orders::{OrderStatus, PaymentOut, RefundIn, TransitionIn};
use openapi::tenancy::Locale;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::fixtures::{line, new_buyer};
use crate::orders::{Shop, open_shop};

#[derive(Debug, Clone)]
enum Op {
    Pay { cents: i64 },
    Refund { cents: i64 },
    Move { to: OrderStatus },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (1i64..6_000).prop_map(|cents| Op::Pay { cents }),
        2 => (1i64..6_000).prop_map(|cents| Op::Refund { cents }),
        1 => prop_oneof![
            Just(OrderStatus::OnHold),
            Just(OrderStatus::PendingPayment),
            Just(OrderStatus::Cancelled)
        ]
        .prop_map(|to| Op::Move { to }),
    ]
}

async fn apply(app: &TestApp, shop: &Shop, order: Uuid, step: usize, op: &Op) -> u16 {
    let reply = match op {
        Op::Pay { cents } => {
            let amount = Decimal::new(*cents, 2).to_string();
            shop.pay(app, order, &amount, &format!("{order}-{step}"))
                .await
        }
        Op::Refund { cents } => {
            app.post(&format!("/api/v1/orders/{order}/refunds"))
                .as_(&shop.owner)
                .json(&RefundIn {
                    amount: Decimal::new(*cents, 2),
                    reason: None,
                })
                .send()
                .await
        }
        Op::Move { to } => {
            app.post(&format!("/api/v1/orders/{order}/transitions"))
                .as_(&shop.owner)
                .json(&TransitionIn {
                    to: *to,
                    reason: Some("Propriedade".into()),
                })
                .send()
                .await
        }
    };
    assert!(reply.status < 500, "{op:?}: {:#}", reply.body);
    reply.status
}

async fn check(app: &TestApp, shop: &Shop, order: Uuid, was: OrderStatus, op: &Op) -> OrderStatus {
    let read = shop.read(app, order).await;
    let (total, paid, refunded) = (read.total, read.paid, read.refunded);
    let net = paid - refunded;
    assert!(
        refunded >= Decimal::ZERO && paid >= refunded,
        "{op:?}: {read:#?}"
    );
    assert_eq!(read.balance_due, (total - net).max(Decimal::ZERO));
    if read.status == OrderStatus::Paid && was != OrderStatus::Paid {
        assert!(
            net >= total,
            "paid with {net} of {total} received: {read:#?}"
        );
    }
    if read.status == OrderStatus::Refunded {
        assert!(net.is_zero(), "{read:#?}");
    }
    let rows: Vec<PaymentOut> = app
        .get(&format!("/api/v1/orders/{order}/payments"))
        .as_(&shop.owner)
        .returns(200)
        .await;
    let sum = |kind: &str| -> Decimal {
        rows.iter()
            .filter(|row| row.kind == kind)
            .map(|row| row.amount)
            .sum()
    };
    assert_eq!((sum("payment"), sum("refund")), (paid, refunded), "{op:?}");
    read.status
}

async fn run_case(app: &TestApp, shop: &Shop, variant: Uuid, case: usize, ops: &[Op]) {
    let body = shop.order_in(
        new_buyer(&format!("Cliente {case}"), Locale::PtBr),
        vec![line(variant, 1)],
    );
    let order = shop.place_ok(app, &format!("prop-{case}"), &body).await.id;
    let mut status = OrderStatus::PendingPayment;
    for (step, op) in ops.iter().enumerate() {
        apply(app, shop, order, step, op).await;
        status = check(app, shop, order, status, op).await;
    }
}

db_test!(
    an_orders_money_adds_up_after_random_payments_and_refunds,
    |app| {
        let shop = open_shop(&app, "Contas").await;
        let variant = shop.variant(&app, "CONTA-1", "50.00", 1_000).await;
        let handle = tokio::runtime::Handle::current();
        let mut runner = TestRunner::new(Config {
            cases: 12,
            failure_persistence: None,
            ..Config::default()
        });
        let cases = std::sync::atomic::AtomicUsize::new(0);
        let result = runner.run(&proptest::collection::vec(op(), 1..16), |ops| {
            let case = cases.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            tokio::task::block_in_place(|| {
                handle.block_on(run_case(&app, &shop, variant, case, &ops));
            });
            Ok(())
        });
        if let Err(failure) = result {
            panic!("{failure}");
        }
    }
);
