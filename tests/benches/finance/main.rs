//! `cargo xtask bench finance`, on PostgreSQL and on SQLite, in three parts: the dunning sweep
//! over 100,000 open instalments (`dunning`), the margin roll-ups over 1,000,000 order lines
//! (`margins`), and payment notifications per second with 32 clients (`notifications`),
//! the last two through the real server. On PostgreSQL, pgbench (tpcb-like, 32 clients) runs
//! on the same cluster afterwards and the ratio notifications/s ÷ pgbench tps is printed.
//! Figures only; nothing about time is asserted.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod dunning;
mod margins;
mod notifications;
mod store;
#[path = "../support/mod.rs"]
mod support;

use std::time::Instant;

use api::access::jwt::JwtKeys;
use sea_orm::ConnectionTrait;

/// Waits until the outbox holds nothing pending (the orders placed for the notifications
/// queued their events), so the storm measures notifications, not a backlog.
async fn outbox_drained(name: &str, db: &sea_orm::DatabaseConnection) {
    let started = Instant::now();
    let mut left = 0;
    while started.elapsed() < std::time::Duration::from_secs(600) {
        left = dunning::count(
            db,
            "SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'",
        )
        .await;
        if left == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    println!(
        "[{name}] the outbox worked on the seeds' events for {:.1} s ({left} left)",
        started.elapsed().as_secs_f64()
    );
}

async fn bench(name: &str, url: String, dir: std::path::PathBuf) -> Vec<(String, f64)> {
    let db = api::db::connect_and_migrate(&url, None).await.unwrap();
    let jwt = JwtKeys::new(support::JWT_SECRET, "bench");
    dunning::run(name, &db, &jwt).await;
    let big = margins::seed(name, &db, &jwt).await;
    let waiting = notifications::seed(name, &db, &jwt).await;
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        // What autovacuum does within a minute of such a load.
        db.execute_unprepared("ANALYZE").await.unwrap();
    }
    let (address, handle) = support::start_server(url, &db, &dir);
    outbox_drained(name, &db).await;
    margins::measure_roll_ups(name, &address, &big).await;
    let rate = notifications::measure(name, &address, waiting, &db).await;
    handle.stop(false).await;
    vec![("payment notifications".to_owned(), rate)]
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    support::on_both_databases(bench).await;
}
