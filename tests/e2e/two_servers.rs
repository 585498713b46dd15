//! Two servers of one deployment on one database, each with its own pool, outbox worker,
//! sweeps, caches and limiters: what must hold across them holds.

use std::collections::HashSet;

use chrono::{Duration, Utc};
use futures_util::future::join_all;
use openapi::inventory::ReservationIn;
use openapi::tenancy::Locale;
use uuid::Uuid;

use crate::harness::fixtures::{line, login_in, new_buyer};
use crate::harness::smtp::SmtpSink;
use crate::harness::{Backend, TestApp};
use crate::inventory::hold;
use crate::orders::{Shop, open_shop};

const ORDERS: usize = 16;

/// Places `ORDERS` orders through both servers at once and pays each on the other server:
/// their ids, in the order placed.
async fn place_and_pay_through_both(one: &TestApp, two: &TestApp, shop: &Shop) -> Vec<Uuid> {
    let variant = shop.variant(one, "DUO-1", "10.00", 100).await;
    let placed = (0..ORDERS).map(|i| {
        let (server, other) = if i % 2 == 0 { (one, two) } else { (two, one) };
        let body = shop.order_in(
            new_buyer(&format!("Cliente Duo {i}"), Locale::PtBr),
            vec![line(variant, 1)],
        );
        async move {
            let order = shop.place_ok(server, &format!("duo-{i}"), &body).await;
            let total = order.total.to_string();
            shop.pay(other, order.id, &total, &format!("duo-pay-{i}"))
                .await
                .expect(201);
            order.id
        }
    });
    join_all(placed).await
}

async fn numbers_are_unique(one: &TestApp, shop: &Shop) {
    let numbers = shop.order_numbers(one).await;
    let distinct: HashSet<i64> = numbers.iter().copied().collect();
    assert_eq!(numbers.len(), ORDERS, "{numbers:?}");
    assert_eq!(
        distinct.len(),
        ORDERS,
        "a number was given twice: {numbers:?}"
    );
}

/// Every paid order's confirmation arrives once: no two messages share a `Message-ID`, and
/// no more arrive after a pause.
async fn every_email_once(smtp: &SmtpSink) {
    // Per order, the customer's confirmation and the team's notification (to the owner).
    smtp.wait_for(2 * ORDERS).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let received = smtp.received();
    let ids: HashSet<String> = received.iter().map(|m| m.message_id()).collect();
    assert_eq!(received.len(), 2 * ORDERS, "emails: {}", received.len());
    assert_eq!(ids.len(), received.len(), "an email was sent twice");
    let to_customers = received
        .iter()
        .filter(|m| m.to.iter().any(|to| to.starts_with("cliente.duo")))
        .count();
    assert_eq!(to_customers, ORDERS);
}

/// The same `Idempotency-Key` on the other server replays the first answer.
async fn idempotency_holds_across(one: &TestApp, two: &TestApp, shop: &Shop) {
    let variant = shop.variant(one, "DUO-KEY", "5.00", 5).await;
    let body = shop.order_in(
        new_buyer("Cliente Chave", Locale::PtBr),
        vec![line(variant, 1)],
    );
    let first = shop.place_ok(one, "duo-same-key", &body).await;
    let again = shop.place_ok(two, "duo-same-key", &body).await;
    assert_eq!((first.id, first.number), (again.id, again.number));
}

/// Wrong passwords sent to both servers in turn meet one count of attempts.
async fn login_limit_holds_across(one: &TestApp, two: &TestApp, shop: &Shop) {
    let mut checked = 0;
    let mut refused = 0;
    for i in 0..30 {
        let server = if i % 2 == 0 { one } else { two };
        let reply = server
            .post("/api/v1/auth/login")
            .json(&login_in(&shop.owner.email, &format!("wrong guess {i}")))
            .send()
            .await;
        match reply.status {
            401 => checked += 1,
            429 => refused += 1,
            503 => {}
            other => panic!("login answered {other}: {}", reply.body),
        }
    }
    assert!(
        (1..=10).contains(&checked),
        "{checked} guesses were checked"
    );
    assert!(refused > 0, "no guess was refused");
}

/// Both servers' sweeps at once release each lapsed hold once.
async fn sweeps_run_on_both_at_once(one: &TestApp, two: &TestApp, shop: &Shop) {
    let variant = shop.variant(one, "DUO-LAPSE", "5.00", 10).await;
    for _ in 0..4 {
        let lapsing = ReservationIn {
            expires_at: Some(Utc::now() + Duration::milliseconds(200)),
            ..hold(variant, Some(shop.location_id()), 2)
        };
        one.post("/api/v1/inventory/reservations")
            .as_(&shop.owner)
            .json(&lapsing)
            .send()
            .await
            .expect(201);
    }
    let later = Utc::now() + Duration::seconds(2);
    let (a, b) = tokio::join!(
        api::inventory::service::reservation::release_expired(one.db(), later),
        api::inventory::service::reservation::release_expired(two.db(), later),
    );
    assert_eq!(a.unwrap() + b.unwrap(), 4);
    assert_eq!(shop.stock(one, variant).await.reserved, 0);
}

async fn run(backend: Backend) {
    let smtp = SmtpSink::start();
    let one =
        TestApp::spawn_with_mail(backend, Some(api::config::MailTransport::Smtp(smtp.url()))).await;
    let two = one.sibling().await;
    let shop = open_shop(&one, "Duas Portas").await;
    place_and_pay_through_both(&one, &two, &shop).await;
    numbers_are_unique(&one, &shop).await;
    every_email_once(&smtp).await;
    idempotency_holds_across(&one, &two, &shop).await;
    login_limit_holds_across(&one, &two, &shop).await;
    sweeps_run_on_both_at_once(&one, &two, &shop).await;
    two.shutdown().await;
    one.shutdown().await;
}

crate::db_test!(two_servers_on_one_database, runs(run));
