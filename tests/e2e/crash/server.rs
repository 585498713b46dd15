//! The server under test as a process of its own, to be killed: this test binary run again
//! as `crash::server::child` with the database, port and SMTP sink in the environment.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use api::config::{Config, LimitsConfig, MailConfig, MailTransport, Mode, OutboxConfig};
use api::startup::Application;

const DATABASE: &str = "RTG_CRASH_DATABASE_URL";
const PORT: &str = "RTG_CRASH_PORT";
const SMTP: &str = "RTG_CRASH_SMTP_URL";
const DIR: &str = "RTG_CRASH_DIR";

/// What the child is started with.
#[derive(Clone)]
pub struct Setup {
    pub database_url: String,
    pub port: u16,
    pub smtp_url: String,
    pub dir: std::path::PathBuf,
}

impl Setup {
    pub fn address(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Starts the server process and waits until it answers.
    pub async fn start(&self) -> Child {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash::server::child",
                "--ignored",
                "--nocapture",
            ])
            .env(DATABASE, &self.database_url)
            .env(PORT, self.port.to_string())
            .env(SMTP, &self.smtp_url)
            .env(DIR, &self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let http = reqwest::Client::new();
        let started = Instant::now();
        let live = format!("{}/health/live", self.address());
        while started.elapsed() < Duration::from_secs(60) {
            if http
                .get(&live)
                .send()
                .await
                .is_ok_and(|r| r.status() == 200)
            {
                return child;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("the server process did not start");
    }
}

/// The child: serves until it is killed. Run by `Setup::start` only (ignored otherwise, and a
/// no-op without its environment).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the crash tests' server process"]
async fn child() {
    let (Ok(database_url), Ok(port), Ok(smtp), Ok(dir)) = (
        std::env::var(DATABASE),
        std::env::var(PORT),
        std::env::var(SMTP),
        std::env::var(DIR),
    ) else {
        return;
    };
    let config = Config {
        mode: Mode::Dev,
        bind: format!("127.0.0.1:{port}").parse().unwrap(),
        database_url: database_url.clone(),
        data_dir: dir.clone().into(),
        web_dir: std::path::Path::new(&dir).join("no-web-app"),
        jwt_secret: b"a crash test secret long enough for hs256".to_vec(),
        jwt_issuer: "retaguarda-crash".into(),
        workers: 2,
        database_pool: None,
        mail: MailConfig {
            transport: MailTransport::Smtp(smtp),
            from_address: "no-reply@retaguarda.test".into(),
            public_url: "http://retaguarda.test".into(),
        },
        outbox: OutboxConfig {
            poll_interval: Duration::from_millis(50),
            retry_base: Duration::from_millis(100),
            max_attempts: 10,
            webhook_backoff: Duration::from_millis(20),
        },
        limits: LimitsConfig {
            public_per_minute: 1_000_000,
            ..LimitsConfig::standard()
        },
    };
    let db = api::db::connect_and_migrate(&database_url, None)
        .await
        .unwrap();
    let listener = TcpListener::bind(config.bind).unwrap();
    let app = Application::with_listener(config, db, listener).unwrap();
    app.run_until_stopped().await.unwrap();
}
