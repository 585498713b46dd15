//! What the benchmarks share: the server started over a database, and pgbench on the same
//! PostgreSQL cluster for a yardstick.

use std::future::Future;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

use api::config::{Config, LimitsConfig, MailConfig, MailTransport, Mode, OutboxConfig};
use api::startup::Application;
use sea_orm::DatabaseConnection;

#[path = "../../e2e/harness/postgres.rs"]
#[allow(dead_code)]
pub mod postgres;

pub mod reads;

/// Signs up a store called `name` (a fresh owner's email, the default currency, language and
/// time zone) through the service, as `POST /signup` does.
#[allow(dead_code)]
pub async fn sign_up(
    db: &DatabaseConnection,
    jwt: &api::access::jwt::JwtKeys,
    name: &str,
) -> api::tenancy::service::tenant::SignedUp {
    let input = openapi::auth::SignupIn {
        store_name: name.into(),
        owner_name: "Bench".into(),
        email: format!("bench-{}@example.com", uuid::Uuid::new_v4().simple()),
        password: "bench password 123".into(),
        currency: None,
        locale: None,
        timezone: None,
    };
    api::tenancy::service::tenant::signup(db, jwt, &input, None)
        .await
        .unwrap()
}

pub const JWT_SECRET: &[u8] = b"a bench secret that is long enough for hs256";

/// Starts the server (2 workers, emails to a folder); its address and a handle to stop it.
pub fn start_server(
    url: String,
    db: &DatabaseConnection,
    dir: &std::path::Path,
) -> (String, actix_web::dev::ServerHandle) {
    start_server_with_web(url, db, dir, dir.join("no-web-app"))
}

/// Like `start_server`, also serving the web app built in `web_dir`.
pub fn start_server_with_web(
    url: String,
    db: &DatabaseConnection,
    dir: &std::path::Path,
    web_dir: std::path::PathBuf,
) -> (String, actix_web::dev::ServerHandle) {
    start_server_configured(url, db, dir, web_dir, |_| {})
}

/// Like `start_server_with_web`, with the configuration changed by `tweak`.
pub fn start_server_configured(
    url: String,
    db: &DatabaseConnection,
    dir: &std::path::Path,
    web_dir: std::path::PathBuf,
    tweak: impl FnOnce(&mut Config),
) -> (String, actix_web::dev::ServerHandle) {
    let mut config = Config {
        mode: Mode::Dev,
        bind: "127.0.0.1:0".parse().unwrap(),
        database_url: url,
        data_dir: dir.to_path_buf(),
        web_dir,
        jwt_secret: JWT_SECRET.to_vec(),
        jwt_issuer: "bench".into(),
        workers: 2,
        database_pool: None,
        mail: MailConfig {
            transport: MailTransport::Folder(dir.join("mail")),
            from_address: "no-reply@retaguarda.bench".into(),
            public_url: "http://retaguarda.bench".into(),
        },
        outbox: OutboxConfig::standard(),
        limits: LimitsConfig {
            // The benches' clients all come from one address.
            public_per_minute: 1_000_000,
            ..LimitsConfig::standard()
        },
    };
    tweak(&mut config);
    let app = Application::with_listener(
        config,
        db.clone(),
        TcpListener::bind("127.0.0.1:0").unwrap(),
    )
    .unwrap();
    let address = format!("http://127.0.0.1:{}", app.port());
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    (address, handle)
}

const PGBENCH_RUNS: usize = 3;

/// pgbench tpcb-like with 32 clients, three runs of 10 s on the cluster at `port`: the median
/// transactions/s (pgbench leaves out the time to connect).
pub fn pgbench_tps(port: u16) -> Option<f64> {
    let bin = "/usr/lib/postgresql/15/bin";
    let port = port.to_string();
    let base = ["-h", "127.0.0.1", "-p", port.as_str(), "-U", "postgres"];
    Command::new(format!("{bin}/createdb"))
        .args(base)
        .arg("pgbench")
        .status()
        .ok()?;
    let init = Command::new(format!("{bin}/pgbench"))
        .args(base)
        .args(["-i", "-s", "10", "-q", "pgbench"])
        .output()
        .ok()?;
    if !init.status.success() {
        eprintln!(
            "pgbench -i failed: {}",
            String::from_utf8_lossy(&init.stderr)
        );
        return None;
    }
    // pgbench's figure moves by a third from one run to the next on these machines (autovacuum
    // of the tables just written, the neighbours of a virtual machine): the median of three.
    let mut runs = Vec::new();
    for _ in 0..PGBENCH_RUNS {
        let run = Command::new(format!("{bin}/pgbench"))
            .args(base)
            .args([
                "-c", "32", "-j", "2", "-T", "10", "-M", "prepared", "pgbench",
            ])
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&run.stdout);
        let tps: Option<f64> = text
            .lines()
            .find(|l| l.starts_with("tps ="))
            .and_then(|l| l.split_whitespace().nth(2))
            .and_then(|n| n.parse().ok());
        runs.push(tps?);
    }
    runs.sort_by(|a, b| a.total_cmp(b));
    let shown: Vec<String> = runs.iter().map(|tps| format!("{tps:.0}")).collect();
    println!("[postgres] pgbench runs: {} tps", shown.join(", "));
    Some(percentile(&runs, 0.5))
}

/// The value at `q` (0..=1) of sorted `values`.
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

/// With `RTG_PG_STATEMENTS=1` (the cluster then loads pg_stat_statements), what each request
/// costs PostgreSQL: `reset` before the measured phase, `report` after it prints the statements
/// by total time, with calls per request.
pub mod statements {
    use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

    fn wanted(db: &DatabaseConnection) -> bool {
        std::env::var_os("RTG_PG_STATEMENTS").is_some()
            && db.get_database_backend() == DbBackend::Postgres
    }

    pub async fn reset(db: &DatabaseConnection) {
        if wanted(db) {
            db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
                .await
                .unwrap();
            db.execute_unprepared("SELECT pg_stat_statements_reset()")
                .await
                .unwrap();
        }
    }

    pub async fn report(db: &DatabaseConnection, requests: u64) {
        if !wanted(db) || requests == 0 {
            return;
        }
        let rows = db
            .query_all_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT calls, total_exec_time, total_plan_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) AS q \
                 FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) \
                 ORDER BY total_exec_time DESC LIMIT 40",
            ))
            .await
            .unwrap();
        let mut calls_total = 0.0;
        let mut time_total = 0.0;
        let mut plan_total = 0.0;
        println!("   calls/req  ms/req  plan ms/req  statement");
        for row in rows {
            let calls: i64 = row.try_get("", "calls").unwrap();
            let time: f64 = row.try_get("", "total_exec_time").unwrap();
            let plan: f64 = row.try_get("", "total_plan_time").unwrap();
            let query: String = row.try_get("", "q").unwrap();
            let per = calls as f64 / requests as f64;
            let (time, plan) = (time / requests as f64, plan / requests as f64);
            calls_total += per;
            time_total += time;
            plan_total += plan;
            println!("   {per:9.2} {time:7.3}  {plan:11.3}  {query}");
        }
        println!("   {calls_total:9.2} {time_total:7.3}  {plan_total:11.3}  (top 40 in all)");
    }
}

/// Whether to run the part on `database` (`postgres` or `sqlite`): all, unless
/// `RTG_BENCH_DB` names one.
pub fn wanted(database: &str) -> bool {
    std::env::var("RTG_BENCH_DB").map_or(true, |only| only == database)
}

/// Runs `bench` on PostgreSQL, then pgbench on the same cluster with the ratio of each rate
/// `bench` measured to its transactions per second, then on SQLite; each unless `RTG_BENCH_DB`
/// names the other. `bench` gets the database's name, its URL and a folder, and answers its
/// rates: what was measured (`orders, one store`) and how many a second.
pub async fn on_both_databases<F, Fut>(bench: F)
where
    F: Fn(&'static str, String, PathBuf) -> Fut,
    Fut: Future<Output = Vec<(String, f64)>>,
{
    let dir = tempfile::tempdir().unwrap();
    if wanted("postgres") {
        let rates = bench(
            "postgres",
            postgres::fresh_database().await,
            dir.path().to_path_buf(),
        )
        .await;
        match pgbench_tps(postgres::cluster_port()) {
            Some(tps) => {
                println!("[postgres] pgbench tpcb-like, 32 clients, median: {tps:.0} tps");
                for (what, rate) in rates {
                    println!(
                        "[postgres] {what}: {rate:.0}/s ÷ pgbench tps = {:.2}",
                        rate / tps
                    );
                }
            }
            None => println!("[postgres] pgbench did not run"),
        }
    }
    if wanted("sqlite") {
        let url = format!("sqlite://{}/bench.db?mode=rwc", dir.path().display());
        bench("sqlite", url, dir.path().to_path_buf()).await;
    }
}
