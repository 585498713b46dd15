//! Configuration, read once from `RETAGUARDA_*` environment variables into a typed struct.
//! The defaults need nothing: SQLite under `./data/`, `127.0.0.1:8080`, a generated dev secret.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use std::io::Write;

use base64::Engine;

mod production;

/// How strictly the server treats missing secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Local use: a missing secret is generated and kept in the data folder.
    Dev,
    /// A missing secret stops the server at start-up.
    Production,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub mode: Mode,
    pub bind: SocketAddr,
    pub database_url: String,
    pub data_dir: PathBuf,
    /// The built web app (`cargo xtask web`); served at `/` when it holds an `index.html`.
    pub web_dir: PathBuf,
    /// HMAC key of the access tokens, at least 32 bytes.
    pub jwt_secret: Vec<u8>,
    /// Issuer and audience written into and required of every access token.
    pub jwt_issuer: String,
    pub workers: usize,
    /// Connections to the database at most; `None` is the backend's default (`db::connect`).
    pub database_pool: Option<u32>,
    pub mail: MailConfig,
    pub outbox: OutboxConfig,
    pub limits: LimitsConfig,
}

/// What the server lets one client or one request do.
#[derive(Debug, Clone)]
pub struct LimitsConfig {
    /// Proxies whose `X-Forwarded-For` names the client; any other peer is the client itself.
    pub trusted_proxies: Vec<IpAddr>,
    /// Requests to the routes that need no caller (sign-up, login, refresh, accepting an
    /// invitation), per client address and minute, in this process.
    pub public_per_minute: u32,
    /// Rows a CSV import may hold.
    pub import_max_rows: usize,
    /// The bearer token `GET /metrics` requires (`RETAGUARDA_METRICS_TOKEN`); without one,
    /// only a caller on this machine (loopback) is answered.
    pub metrics_token: Option<String>,
    /// A test setting (`RETAGUARDA_WEBHOOKS_TO_LOOPBACK=1`): webhooks may be delivered to this
    /// machine (loopback addresses only; every other private address stays refused), and to
    /// a receiver whose certificate `webhook_roots` signed. Production refuses to start with it.
    pub webhooks_to_loopback: bool,
    /// PEM certificates trusted for webhook deliveries besides the system's (a test's own
    /// certificate authority): `RETAGUARDA_WEBHOOK_ROOTS`, a file.
    pub webhook_roots: Option<PathBuf>,
}

impl LimitsConfig {
    pub fn standard() -> LimitsConfig {
        LimitsConfig {
            trusted_proxies: Vec::new(),
            public_per_minute: 60,
            import_max_rows: 50_000,
            metrics_token: None,
            webhooks_to_loopback: false,
            webhook_roots: None,
        }
    }
}

/// Where emails go and how they are signed.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `smtp://user:pass@host:587?tls=required`, `smtps://…`, or a folder of `.eml` files.
    pub transport: MailTransport,
    /// The `From` address; the store's name is shown with it.
    pub from_address: String,
    /// The web app's address, for links in emails.
    pub public_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailTransport {
    Smtp(String),
    Folder(PathBuf),
}

/// How the outbox worker polls and retries.
#[derive(Debug, Clone)]
pub struct OutboxConfig {
    pub poll_interval: Duration,
    /// The first retry waits about this long; each next one twice as long (with jitter).
    pub retry_base: Duration,
    pub max_attempts: i32,
    /// The first wait before a webhook is sent again; the later ones are fixed multiples of it
    /// (`automation::service::backoff`), about three days in all at the standard 5 s.
    pub webhook_backoff: Duration,
}

impl OutboxConfig {
    pub fn standard() -> OutboxConfig {
        OutboxConfig {
            poll_interval: Duration::from_secs(1),
            retry_base: Duration::from_secs(5),
            max_attempts: 10,
            webhook_backoff: Duration::from_secs(5),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
    #[error("{name} must be set in production mode ({hint})")]
    Missing {
        name: &'static str,
        hint: &'static str,
    },
    #[error("{name} {reason} (refused because RETAGUARDA_ENV=production)")]
    Production { name: &'static str, reason: String },
    #[error("cannot use the data folder {path}: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
}

const JWT_SECRET_FILE: &str = "jwt-secret";

impl Config {
    /// Reads the environment. In dev mode a missing JWT secret is generated once and kept in
    /// `<data dir>/jwt-secret`, so tokens survive a restart.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the variables through `lookup` (the environment, or a map in tests). Empty values
    /// count as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let var = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let mode = match var("RETAGUARDA_ENV").as_deref() {
            None | Some("dev") | Some("development") => Mode::Dev,
            Some("production") | Some("prod") => Mode::Production,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "RETAGUARDA_ENV",
                    reason: format!("`{other}` is neither `dev` nor `production`"),
                });
            }
        };
        let bind = match var("RETAGUARDA_BIND") {
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
            Some(text) => text.parse().map_err(|_| ConfigError::Invalid {
                name: "RETAGUARDA_BIND",
                reason: format!("`{text}` is not an address such as 127.0.0.1:8080"),
            })?,
        };
        let data_dir = PathBuf::from(var("RETAGUARDA_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = database_url(var("RETAGUARDA_DATABASE_URL"), &data_dir)?;
        let jwt_secret = jwt_secret(var("RETAGUARDA_JWT_SECRET"), mode, &data_dir)?;
        let positive = |name: &'static str| positive(name, var(name));
        let workers = match positive("RETAGUARDA_WORKERS")? {
            Some(n) => n as usize,
            None => std::thread::available_parallelism().map_or(2, |n| n.get()),
        };
        let database_pool = positive("RETAGUARDA_DATABASE_POOL")?;
        let transport = mail_transport(var("RETAGUARDA_MAIL_URL"), &data_dir)?;
        let millis = |name: &'static str, default: u64| millis(name, var(name), default);
        let outbox = OutboxConfig {
            poll_interval: millis("RETAGUARDA_OUTBOX_POLL_MS", 1000)?,
            retry_base: millis("RETAGUARDA_OUTBOX_RETRY_MS", 5000)?,
            ..OutboxConfig::standard()
        };
        let mail = MailConfig {
            transport,
            from_address: var("RETAGUARDA_MAIL_FROM")
                .unwrap_or_else(|| "no-reply@retaguarda.local".into()),
            public_url: var("RETAGUARDA_PUBLIC_URL")
                .unwrap_or_else(|| format!("http://{bind}"))
                .trim_end_matches('/')
                .to_owned(),
        };
        let web_dir = PathBuf::from(var("RETAGUARDA_WEB_DIR").unwrap_or_else(|| "web/dist".into()));
        let standard = LimitsConfig::standard();
        let limits = LimitsConfig {
            trusted_proxies: trusted_proxies(var("RETAGUARDA_TRUSTED_PROXIES"))?,
            public_per_minute: positive("RETAGUARDA_PUBLIC_RATE_PER_MINUTE")?
                .unwrap_or(standard.public_per_minute),
            import_max_rows: positive("RETAGUARDA_IMPORT_MAX_ROWS")?
                .map_or(standard.import_max_rows, |n| n as usize),
            metrics_token: var("RETAGUARDA_METRICS_TOKEN"),
            webhooks_to_loopback: var("RETAGUARDA_WEBHOOKS_TO_LOOPBACK").as_deref() == Some("1"),
            webhook_roots: var("RETAGUARDA_WEBHOOK_ROOTS").map(PathBuf::from),
        };
        let config = Config {
            web_dir,
            mode,
            bind,
            database_url,
            data_dir,
            jwt_secret,
            jwt_issuer: var("RETAGUARDA_JWT_ISSUER").unwrap_or_else(|| "retaguarda".into()),
            workers,
            database_pool,
            mail,
            outbox,
            limits,
        };
        if mode == Mode::Production {
            production::check(&config, &var)?;
        }
        Ok(config)
    }
}

fn jwt_secret(text: Option<String>, mode: Mode, data_dir: &Path) -> Result<Vec<u8>, ConfigError> {
    match text {
        Some(secret) if secret.len() >= 32 => Ok(secret.into_bytes()),
        Some(_) => Err(ConfigError::Invalid {
            name: "RETAGUARDA_JWT_SECRET",
            reason: "must be at least 32 characters".into(),
        }),
        None if mode == Mode::Production => Err(ConfigError::Missing {
            name: "RETAGUARDA_JWT_SECRET",
            hint: "at least 32 random characters, e.g. `openssl rand -base64 48`",
        }),
        None => dev_secret(data_dir),
    }
}

/// `RETAGUARDA_MAIL_URL`: an SMTP URL, or `file://<folder>`; unset, the data folder's `mail`.
fn mail_transport(url: Option<String>, data_dir: &Path) -> Result<MailTransport, ConfigError> {
    match url {
        None => Ok(MailTransport::Folder(data_dir.join("mail"))),
        Some(url) if url.starts_with("smtp://") || url.starts_with("smtps://") => {
            Ok(MailTransport::Smtp(url))
        }
        Some(url) => match url.strip_prefix("file://") {
            Some(path) => Ok(MailTransport::Folder(PathBuf::from(path))),
            None => Err(ConfigError::Invalid {
                name: "RETAGUARDA_MAIL_URL",
                reason: "must be smtp://, smtps:// or file://<folder>".into(),
            }),
        },
    }
}

/// `RETAGUARDA_DATABASE_URL`; unset, a SQLite file in the data folder.
fn database_url(url: Option<String>, data_dir: &Path) -> Result<String, ConfigError> {
    let url = match url {
        Some(url) => url,
        None => {
            ensure_dir(data_dir)?;
            let file = data_dir.join("retaguarda.db");
            format!("sqlite://{}?mode=rwc", file.display())
        }
    };
    if !(url.starts_with("sqlite:") || url.starts_with("postgres")) {
        return Err(ConfigError::Invalid {
            name: "RETAGUARDA_DATABASE_URL",
            reason: "only sqlite:// and postgres:// URLs are supported".into(),
        });
    }
    Ok(url)
}

/// A number above 0, or `None` when unset.
fn positive(name: &'static str, text: Option<String>) -> Result<Option<u32>, ConfigError> {
    let Some(text) = text else {
        return Ok(None);
    };
    match text.parse() {
        Ok(n) if n > 0 => Ok(Some(n)),
        _ => Err(ConfigError::Invalid {
            name,
            reason: format!("`{text}` is not a positive number"),
        }),
    }
}

/// A number of milliseconds above 0, `default` when unset.
fn millis(name: &'static str, text: Option<String>, default: u64) -> Result<Duration, ConfigError> {
    let Some(text) = text else {
        return Ok(Duration::from_millis(default));
    };
    match text.parse() {
        Ok(n) if n > 0 => Ok(Duration::from_millis(n)),
        _ => Err(ConfigError::Invalid {
            name,
            reason: format!("`{text}` is not a positive number of milliseconds"),
        }),
    }
}

/// `RETAGUARDA_TRUSTED_PROXIES`: addresses separated by commas.
fn trusted_proxies(text: Option<String>) -> Result<Vec<IpAddr>, ConfigError> {
    let Some(text) = text else {
        return Ok(Vec::new());
    };
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.parse().map_err(|_| ConfigError::Invalid {
                name: "RETAGUARDA_TRUSTED_PROXIES",
                reason: format!("`{part}` is not an IP address"),
            })
        })
        .collect()
}

fn ensure_dir(path: &Path) -> Result<(), ConfigError> {
    std::fs::create_dir_all(path).map_err(|source| ConfigError::DataDir {
        path: path.to_path_buf(),
        source,
    })
}

fn dev_secret(data_dir: &Path) -> Result<Vec<u8>, ConfigError> {
    ensure_dir(data_dir)?;
    let path = data_dir.join(JWT_SECRET_FILE);
    let io_error = |source| ConfigError::DataDir {
        path: path.clone(),
        source,
    };
    match std::fs::read_to_string(&path) {
        Ok(secret) if secret.trim().len() >= 32 => return Ok(secret.trim().as_bytes().to_vec()),
        Ok(_) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(io_error(error)),
    }
    let mut bytes = [0u8; 48];
    getrandom::fill(&mut bytes).map_err(|e| io_error(std::io::Error::other(e.to_string())))?;
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    write_private(&path, secret.as_bytes()).map_err(io_error)?;
    Ok(secret.into_bytes())
}

/// Writes a file only the server's user may read (0600 on unix), from its creation on: the dev
/// secret, and the mail folder's messages (their links carry tokens).
pub fn write_private(path: &Path, secret: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    // The mode applies only to a file this creates: one already there (too short a secret,
    // rewritten) is narrowed before the secret goes in.
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    file.write_all(secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_generated_dev_secret_is_readable_by_its_owner_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("retaguarda-{}", uuid::Uuid::now_v7()));
        let path = dir.join(JWT_SECRET_FILE);
        let _ = std::fs::create_dir_all(&dir);
        // A secret too short to keep, readable by everyone, is replaced and narrowed.
        let _ = std::fs::write(&path, "short");
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644));
        for _ in 0..2 {
            let secret = dev_secret(&dir).map_err(|e| e.to_string());
            assert!(secret.is_ok_and(|s| s.len() >= 32));
            let mode = std::fs::metadata(&path).map(|m| m.permissions().mode() & 0o777);
            assert_eq!(mode.ok(), Some(0o600));
        }
        let _ = std::fs::remove_file(&path);
        assert!(dev_secret(&dir).is_ok());
        let mode = std::fs::metadata(&path).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode.ok(), Some(0o600));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
