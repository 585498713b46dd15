//! PostgreSQL stopped under the server (`pg_ctl stop -m immediate`) for `RTG_OUTAGE_SECS`
//! seconds (3 here; `cargo xtask soak` makes it 10) while 8 clients keep placing orders and
//! reading `/health/ready`: every request is answered within 5 s (no hang, no panic), orders 503
//! with `Retry-After` and readiness 503 while it is down, service comes back within 10 s of
//! PostgreSQL without restarting the server, and every order acknowledged with 201 exists
//! afterwards. Then the server's connections are killed: each costs at most one request.

mod load;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use openapi::orders::OrderIn;
use openapi::tenancy::Locale;
use uuid::Uuid;

use crate::harness::fixtures::{line, new_buyer};
use crate::harness::postgres::OwnCluster;
use crate::harness::{Backend, TestApp};
use crate::orders::{Shop, open_shop};
use load::{Timeline, client};

const CLIENTS: usize = 8;
/// Service must be back within this of PostgreSQL answering again.
const BACK_WITHIN: Duration = Duration::from_secs(10);

fn outage() -> Duration {
    let seconds = std::env::var("RTG_OUTAGE_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    Duration::from_secs(seconds)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_database_outage_under_load_is_503_at_once_and_service_returns_without_a_restart() {
    let cluster = OwnCluster::start();
    let url = cluster.url("postgres");
    let app = Arc::new(
        TestApp::spawn_configured(Backend::Postgres, |config| {
            config.database_url = url;
        })
        .await,
    );
    let shop = Arc::new(open_shop(&app, "Apagao").await);
    let variant = shop.variant(&app, "APG-1", "10.00", 1_000_000).await;
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

    let done = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| tokio::spawn(client(app.clone(), shop.clone(), variant, c, done.clone())))
        .collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let stopping = Instant::now();
    tokio::task::block_in_place(|| cluster.stop_immediately());
    let stopped = Instant::now();
    tokio::time::sleep(outage()).await;
    let resuming = Instant::now();
    tokio::task::block_in_place(|| cluster.resume());
    let resumed = Instant::now();
    let back = back_again(&app, &shop, &body(20), &mut acknowledged).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    done.store(true, Ordering::SeqCst);
    let mut answers = Vec::new();
    for handle in clients {
        answers.extend(handle.await.expect("a client panicked"));
    }
    println!(
        "outage: PostgreSQL down {:?} (stop took {:?}, start {:?}) under {CLIENTS} clients; \
         service back {back:?} after PostgreSQL",
        resumed - stopping,
        stopped - stopping,
        resumed - resuming,
    );
    let timeline = Timeline {
        stopping,
        stopped,
        resuming,
        resumed,
    };
    load::check(&answers, &timeline);

    acknowledged.extend(answers.iter().filter_map(|a| a.order));
    for &id in &acknowledged {
        assert_eq!(shop.read(&app, id).await.id, id);
    }
    println!(
        "outage: all {} orders acknowledged with 201 exist",
        acknowledged.len()
    );

    each_killed_connection_costs_at_most_one_request(&app, &shop, &cluster, body).await;
    let Ok(app) = Arc::try_unwrap(app) else {
        panic!("the clients still hold the app")
    };
    app.shutdown().await;
}

/// Waits until `/health/ready` says ready and an order is accepted: how long that took.
async fn back_again(
    app: &TestApp,
    shop: &Shop,
    order: &OrderIn,
    acknowledged: &mut Vec<Uuid>,
) -> Duration {
    let back = Instant::now();
    loop {
        let ready = app.get("/health/ready").send().await;
        let placed = shop.place(app, "after", order).await;
        if placed.status == 201 {
            acknowledged.push(placed.parse::<openapi::orders::OrderOut>().id);
        }
        if ready.status == 200 && placed.status == 201 {
            return back.elapsed();
        }
        assert!(
            back.elapsed() < BACK_WITHIN,
            "not back after {BACK_WITHIN:?}: ready {}, order {} {}",
            ready.status,
            placed.status,
            placed.body
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
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
