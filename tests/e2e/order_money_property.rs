//! A property: whatever sequence of payments, refunds, holds, releases and cancellations
//! clients send, an order's money adds up — paid ≥ refunded ≥ 0, nothing due below zero, the
//! order becomes `paid` only when what it received covers its total, `refunded` only when it
//! holds nothing, its payment rows sum to its counters — and nothing answers 5xx.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::db_test;
use crate::harness::TestApp;
use crate::orders::{Shop, new_customer, open_shop};

#[derive(Debug, Clone)]
enum Op {
    Pay { cents: i64 },
    Refund { cents: i64 },
    Move { to: &'static str },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (1i64..6_000).prop_map(|cents| Op::Pay { cents }),
        2 => (1i64..6_000).prop_map(|cents| Op::Refund { cents }),
        1 => prop_oneof![Just("on_hold"), Just("pending_payment"), Just("cancelled")]
            .prop_map(|to| Op::Move { to }),
    ]
}

fn amount(value: &Value) -> Decimal {
    value
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_default()
}

async fn apply(app: &TestApp, shop: &Shop, order: &str, step: usize, op: &Op) -> u16 {
    let money = |cents: i64| Decimal::new(cents, 2).to_string();
    let reply = match op {
        Op::Pay { cents } => {
            shop.pay(app, order, &money(*cents), &format!("{order}-{step}"))
                .await
        }
        Op::Refund { cents } => {
            app.post(&format!("/api/v1/orders/{order}/refunds"))
                .as_(&shop.owner)
                .json(&json!({ "amount": money(*cents) }))
                .send()
                .await
        }
        Op::Move { to } => {
            app.post(&format!("/api/v1/orders/{order}/transitions"))
                .as_(&shop.owner)
                .json(&json!({ "to": to, "reason": "Propriedade" }))
                .send()
                .await
        }
    };
    assert!(reply.status < 500, "{op:?}: {:#}", reply.body);
    reply.status
}

async fn check(app: &TestApp, shop: &Shop, order: &str, was: &str, op: &Op) -> String {
    let read = shop.order(app, order).await;
    let (total, paid, refunded) = (
        amount(&read["total"]),
        amount(&read["paid"]),
        amount(&read["refunded"]),
    );
    let net = paid - refunded;
    let status = read["status"].as_str().unwrap_or_default().to_owned();
    assert!(
        refunded >= Decimal::ZERO && paid >= refunded,
        "{op:?}: {read:#}"
    );
    assert_eq!(
        amount(&read["balance_due"]),
        (total - net).max(Decimal::ZERO)
    );
    if status == "paid" && was != "paid" {
        assert!(
            net >= total,
            "paid with {net} of {total} received: {read:#}"
        );
    }
    if status == "refunded" {
        assert!(net.is_zero(), "{read:#}");
    }
    let rows = app
        .get(&format!("/api/v1/orders/{order}/payments"))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    let sum = |kind: &str| -> Decimal {
        rows.body
            .as_array()
            .unwrap()
            .iter()
            .filter(|row| row["kind"] == kind)
            .map(|row| amount(&row["amount"]))
            .sum()
    };
    assert_eq!((sum("payment"), sum("refund")), (paid, refunded), "{op:?}");
    status
}

async fn run_case(app: &TestApp, shop: &Shop, variant: &str, case: usize, ops: &[Op]) {
    let body = shop.order_body(
        new_customer(&format!("Cliente {case}"), "pt-BR"),
        json!([{ "variant_id": variant, "quantity": 1 }]),
    );
    let placed = shop
        .place(app, &format!("prop-{case}"), &body)
        .await
        .expect(201);
    let order = placed.body["id"].as_str().unwrap().to_owned();
    let mut status = "pending_payment".to_owned();
    for (step, op) in ops.iter().enumerate() {
        apply(app, shop, &order, step, op).await;
        status = check(app, shop, &order, &status, op).await;
    }
}

db_test!(
    an_orders_money_adds_up_after_random_payments_and_refunds,
    |app| {
        let shop = open_shop(&app, "Contas").await;
        let variant = shop.stocked_variant(&app, "CONTA-1", "50.00", 1_000).await;
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
                handle.block_on(run_case(&app, &shop, &variant, case, &ops));
            });
            Ok(())
        });
        if let Err(failure) = result {
            panic!("{failure}");
        }
    }
);
