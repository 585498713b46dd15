//! PostgreSQL stopped under the server (`pg_ctl stop -m immediate`) and started again: requests
//! are answered 503 with `Retry-After` at once (no hang, no panic), `/health/ready` says not
//! ready, service comes back without restarting the server, and nothing acknowledged is lost.

use std::time::{Duration, Instant};

use openapi::orders::OrderIn;
use openapi::tenancy::Locale;

use crate::harness::fixtures::{line, new_buyer};
use crate::harness::postgres::OwnCluster;
use crate::harness::{Backend, TestApp};
use crate::orders::{Shop, open_shop};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_is_503_at_once_and_service_returns_without_a_restart() {
    let cluster = OwnCluster::start();
    let url = cluster.url("postgres");
    let app = TestApp::spawn_configured(Backend::Postgres, |config| {
        config.database_url = url;
    })
    .await;
    let shop = open_shop(&app, "Apagao").await;
    let variant = shop.variant(&app, "APG-1", "10.00", 100).await;
    let body = |i: usize| {
        shop.order_in(
            new_buyer(&format!("Cliente Apagao {i}"), Locale::PtBr),
            vec![line(variant, 1)],
        )
    };
    let mut acknowledged = Vec::new();
    for i in 0..3 {
        let order = shop.place_ok(&app, &format!("before-{i}"), &body(i)).await;
        acknowledged.push(order.id);
    }

    cluster.stop_immediately();
    let asked = Instant::now();
    let refused = shop.place(&app, "during", &body(10)).await;
    assert_eq!(refused.status, 503, "{}", refused.body);
    assert!(refused.header("retry-after").is_some());
    assert!(
        asked.elapsed() < Duration::from_secs(5),
        "{:?}",
        asked.elapsed()
    );
    let asked = Instant::now();
    let ready = app.get("/health/ready").send().await;
    assert_eq!(ready.status, 503, "{}", ready.body);
    assert!(
        asked.elapsed() < Duration::from_secs(5),
        "{:?}",
        asked.elapsed()
    );

    tokio::time::sleep(Duration::from_secs(2)).await;
    cluster.resume();
    let back = Instant::now();
    loop {
        let ready = app.get("/health/ready").send().await;
        let placed = shop.place(&app, "after", &body(20)).await;
        if ready.status == 200 && placed.status == 201 {
            break;
        }
        assert!(
            back.elapsed() < Duration::from_secs(10),
            "not back after 10 s: ready {}, order {} {}",
            ready.status,
            placed.status,
            placed.body
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!("outage: service back {:?} after PostgreSQL", back.elapsed());
    for &id in &acknowledged {
        assert_eq!(shop.read(&app, id).await.id, id);
    }

    each_killed_connection_costs_at_most_one_request(&app, &shop, &cluster, body).await;
    app.shutdown().await;
}

/// Every connection of the server killed under it: each costs at most one failed request.
async fn each_killed_connection_costs_at_most_one_request(
    app: &TestApp,
    shop: &Shop,
    cluster: &OwnCluster,
    body: impl Fn(usize) -> OrderIn,
) {
    let killed = terminate_the_servers_connections(cluster).await;
    let mut failed = 0;
    for i in 0..30 {
        let placed = shop
            .place(app, &format!("after-kill-{i}"), &body(30 + i))
            .await;
        match placed.status {
            201 => {}
            503 => failed += 1,
            other => panic!("{other}: {}", placed.body),
        }
    }
    println!("outage: {killed} connections killed, {failed} requests failed");
    assert!(
        failed <= killed,
        "{failed} failed for {killed} connections killed"
    );
}

async fn terminate_the_servers_connections(cluster: &OwnCluster) -> usize {
    use sea_orm::{ConnectionTrait, Database, Statement};
    let admin = Database::connect(cluster.url("postgres")).await.unwrap();
    let rows = admin
        .query_all_raw(Statement::from_string(
            admin.get_database_backend(),
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = 'postgres' AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
        ))
        .await
        .unwrap();
    admin.close().await.unwrap();
    rows.len()
}
