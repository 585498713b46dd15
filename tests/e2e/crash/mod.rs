//! The server SIGKILLed at random moments while clients place and pay orders, and started
//! again: every order acknowledged with 201 exists and is paid, every paid order's confirmation
//! reaches the SMTP server at least once (a second copy with the same `Message-ID`), and each
//! stock level equals its ledger. Small here; `cargo xtask soak` runs it bigger
//! (`RTG_SOAK_ORDERS`, `RTG_SOAK_CLIENTS`, `RTG_SOAK_KILLS`) and prints the same figures.

mod client;
pub mod server;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rand::Rng;
use serde_json::json;

use crate::harness::smtp::SmtpSink;
use client::Client;
use server::Setup;

struct Plan {
    orders: usize,
    clients: usize,
    kills: usize,
}

impl Plan {
    fn from_env() -> Plan {
        let number = |name: &str, default: usize| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(default)
        };
        Plan {
            orders: number("RTG_SOAK_ORDERS", 96),
            clients: number("RTG_SOAK_CLIENTS", 8),
            kills: number("RTG_SOAK_KILLS", 3),
        }
    }
}

/// Kills the server `kills` times at random moments, starting it again each time, until
/// `done`; the server left running.
async fn killer(
    setup: Setup,
    mut child: std::process::Child,
    kills: usize,
    done: Arc<AtomicBool>,
) -> std::process::Child {
    for _ in 0..kills {
        let pause = rand::rng().random_range(300..1500);
        tokio::time::sleep(Duration::from_millis(pause)).await;
        if done.load(Ordering::SeqCst) {
            break;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        child = setup.start().await;
    }
    child
}

/// One client's orders, placed and paid, retried through crashes: (order id, customer email).
async fn place_and_pay(client: Client, from: usize, to: usize) -> Vec<(String, String)> {
    let mut paid = Vec::new();
    for i in from..to {
        let email = format!("crash.cliente.{i}@example.com.br");
        let body = client.order_body(&email, i);
        let order = client
            .send_until_done("/api/v1/orders", &format!("crash-{i}"), &body)
            .await;
        let id = order["id"].as_str().unwrap().to_owned();
        let payment = json!({ "method": "pix", "amount": order["total"], "reference": format!("crash-pay-{i}") });
        client
            .send_until_done(
                &format!("/api/v1/orders/{id}/payments"),
                &format!("crash-pay-{i}"),
                &payment,
            )
            .await;
        paid.push((id, email));
    }
    paid
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orders_and_emails_survive_the_server_killed_under_load() {
    let plan = Plan::from_env();
    let smtp = SmtpSink::start();
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup {
        database_url: crate::harness::postgres::fresh_database().await,
        port: std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port(),
        smtp_url: smtp.url(),
        dir: dir.path().to_path_buf(),
    };
    let child = setup.start().await;
    let client = Client::open_shop(&setup.address(), plan.orders).await;
    let done = Arc::new(AtomicBool::new(false));
    let killing = tokio::spawn(killer(setup.clone(), child, plan.kills, done.clone()));
    let per_client = plan.orders.div_ceil(plan.clients);
    let clients = (0..plan.clients).map(|c| {
        let (from, to) = (c * per_client, ((c + 1) * per_client).min(plan.orders));
        tokio::spawn(place_and_pay(client.clone(), from, to))
    });
    let mut paid = Vec::new();
    for handle in futures_util::future::join_all(clients).await {
        paid.extend(handle.unwrap());
    }
    done.store(true, Ordering::SeqCst);
    let mut child = killing.await.unwrap();

    let lost = client.missing_or_unpaid(&paid).await;
    client.wait_for_outbox().await;
    let received = smtp.received();
    let mut by_recipient: HashMap<String, HashSet<String>> = HashMap::new();
    let mut copies: HashMap<String, usize> = HashMap::new();
    for message in &received {
        for to in &message.to {
            by_recipient
                .entry(to.clone())
                .or_default()
                .insert(message.message_id());
            *copies.entry(to.clone()).or_default() += 1;
        }
    }
    let unsent = paid
        .iter()
        .filter(|(_, email)| !by_recipient.contains_key(email))
        .count();
    let duplicates: usize = paid
        .iter()
        .map(|(_, email)| copies.get(email).map_or(0, |n| n.saturating_sub(1)))
        .sum();
    let mixed = paid
        .iter()
        .filter(|(_, email)| by_recipient.get(email).is_some_and(|ids| ids.len() > 1))
        .count();
    println!(
        "crash: {} orders by {} clients, server killed {} times: lost {lost}, emails missing {unsent}, duplicate emails {duplicates} (all with the first's Message-ID: {})",
        paid.len(),
        plan.clients,
        plan.kills,
        mixed == 0
    );
    client.assert_levels_equal_ledger().await;
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(paid.len(), plan.orders);
    assert_eq!(lost, 0, "acknowledged orders lost or unpaid");
    assert_eq!(unsent, 0, "paid orders without a confirmation");
    assert_eq!(mixed, 0, "a resent email with another Message-ID");
}
