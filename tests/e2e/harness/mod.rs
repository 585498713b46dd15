//! The test harness: a real server on a free port over a fresh database (SQLite file or a
//! PostgreSQL database of the run's throw-away cluster), and a client that speaks JSON.

pub mod browser;
pub mod client;
pub mod fixtures;
pub mod ledger;
pub mod mailbox;
pub mod postgres;
pub mod receiver;
pub mod shop;
pub mod smtp;
pub mod sqlite;
mod workspace;

pub use workspace::workspace;

use std::net::TcpListener;

use std::time::Duration;

use api::config::{Config, LimitsConfig, MailConfig, MailTransport, Mode, OutboxConfig};
use api::startup::Application;
use sea_orm::DatabaseConnection;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub backend: Backend,
    pub http: reqwest::Client,
    handle: actix_web::dev::ServerHandle,
    db: DatabaseConnection,
    /// What the server was started with, for a sibling on the same database.
    config: Config,
    /// Where the server's SMTP messages arrive, when a test gave it an SMTP sink.
    smtp_inbox: std::sync::OnceLock<std::sync::Arc<std::sync::Mutex<Vec<smtp::Received>>>>,
    // Removed (with the SQLite file) when the test ends.
    _dir: tempfile::TempDir,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        TestApp::spawn_with(backend, None, None).await
    }

    /// A server whose emails go to `mail_transport` (an SMTP URL), or to a folder.
    pub async fn spawn_with_mail(
        backend: Backend,
        mail_transport: Option<MailTransport>,
    ) -> TestApp {
        TestApp::spawn_with(backend, mail_transport, None).await
    }

    /// A server that also serves the web app built in `web_dir`.
    pub async fn spawn_with(
        backend: Backend,
        mail_transport: Option<MailTransport>,
        web_dir: Option<std::path::PathBuf>,
    ) -> TestApp {
        TestApp::spawn_configured(backend, |config| {
            if let Some(transport) = mail_transport {
                config.mail.transport = transport;
            }
            if let Some(web_dir) = web_dir {
                config.web_dir = web_dir;
            }
        })
        .await
    }

    /// A server whose configuration `adjust` changes from the tests' own (limits, the public
    /// URL, …).
    pub async fn spawn_configured(backend: Backend, adjust: impl FnOnce(&mut Config)) -> TestApp {
        // `RETAGUARDA_TEST_LOG=debug cargo xtask test …` shows the server's log.
        if let Ok(filter) = std::env::var("RETAGUARDA_TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(filter)
                .with_test_writer()
                .try_init();
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = match backend {
            Backend::Sqlite => sqlite::fresh_database(dir.path()).await,
            Backend::Postgres => postgres::fresh_database().await,
        };
        let mut config = Config {
            mode: Mode::Dev,
            bind: "127.0.0.1:0".parse().expect("address"),
            database_url: database_url.clone(),
            data_dir: dir.path().to_path_buf(),
            web_dir: dir.path().join("no-web-app"),
            jwt_secret: b"a test secret that is long enough for hs256".to_vec(),
            jwt_issuer: "retaguarda-test".into(),
            workers: 1,
            database_pool: None,
            mail: MailConfig {
                transport: MailTransport::Folder(dir.path().join("mail")),
                from_address: "no-reply@retaguarda.test".into(),
                public_url: "http://retaguarda.test".into(),
            },
            outbox: OutboxConfig {
                poll_interval: Duration::from_millis(50),
                retry_base: Duration::from_millis(100),
                max_attempts: 10,
                webhook_backoff: Duration::from_millis(20),
            },
            limits: LimitsConfig::standard(),
        };
        adjust(&mut config);
        TestApp::start(backend, config, dir).await
    }

    /// Another server on this one's database, with its own pool, outbox worker, sweeps, caches
    /// and limiters: as a second process of the same deployment.
    pub async fn sibling(&self) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        TestApp::start(self.backend, self.config.clone(), dir).await
    }

    async fn start(backend: Backend, config: Config, dir: tempfile::TempDir) -> TestApp {
        let db = api::db::connect_and_migrate(&config.database_url, None)
            .await
            .expect("migrate");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let app = Application::with_listener(config.clone(), db.clone(), listener).expect("build");
        let address = format!("http://127.0.0.1:{}", app.port());
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            backend,
            config,

            // A connection idle for 2 s is not reused: actix closes idle ones after 5 s, and a
            // request sent on one as it closes fails (`IncompleteMessage`), as one did after a
            // browser test's sign-in.
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .pool_idle_timeout(std::time::Duration::from_secs(2))
                .build()
                .expect("client"),
            handle,
            db,
            smtp_inbox: std::sync::OnceLock::new(),
            _dir: dir,
        }
    }

    /// Where the server writes emails when no SMTP server is configured.
    pub fn mail_dir(&self) -> std::path::PathBuf {
        self._dir.path().join("mail")
    }

    /// What the server was started with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The server's own pool (connected as the database owner), for checks below the API.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    pub async fn shutdown(self) {
        self.handle.stop(false).await;
        let _ = self.db.close().await;
    }
}

/// The one way a test runs on both databases, as `<name>::sqlite` and `<name>::postgres`:
/// - `db_test!(name, |app| { … })`: over a fresh server;
/// - `db_test!(name, configured(|config| { … }), |app| { … })`: its configuration changed first;
/// - `db_test!(name, with_smtp, |app, smtp| { … })`: its emails sent to a fresh SMTP sink;
/// - `db_test!(name, runs(walk))`: `walk(backend)`, for a test that starts its servers itself.
#[macro_export]
macro_rules! db_test {
    ($name:ident, runs($run:ident)) => {
        mod $name {
            $crate::db_test!(@both super::$run);
        }
    };
    ($name:ident, |$app:ident| $body:block) => {
        $crate::db_test!($name, configured(|_config| {}), |$app| $body);
    };
    ($name:ident, configured(|$config:ident| $adjust:block), |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run(backend: $crate::harness::Backend) {
                let $app =
                    $crate::harness::TestApp::spawn_configured(backend, |$config| $adjust).await;
                $body;
                $app.shutdown().await;
            }

            $crate::db_test!(@both run);
        }
    };
    ($name:ident, with_smtp, |$app:ident, $smtp:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run(backend: $crate::harness::Backend) {
                let $smtp = $crate::harness::smtp::SmtpSink::start();
                let $app = $crate::harness::TestApp::spawn_with_mail(
                    backend,
                    Some(api::config::MailTransport::Smtp($smtp.url())),
                )
                .await;
                $app.read_mail_from(&$smtp);
                $body;
                $app.shutdown().await;
            }

            $crate::db_test!(@both run);
        }
    };
    (@both $($run:ident)::+) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn sqlite() {
            $($run)::+($crate::harness::Backend::Sqlite).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn postgres() {
            $($run)::+($crate::harness::Backend::Postgres).await;
        }
    };
}
