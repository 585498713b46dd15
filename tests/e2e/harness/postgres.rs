//! One throw-away PostgreSQL 15 cluster per test run, and a fresh database per test.
//!
//! The cluster lives in a temp folder and is watched by a small shell process whose stdin is a
//! pipe from this process: when the test binary exits (however it exits), the pipe closes, and
//! the watcher stops PostgreSQL and deletes the folder. PostgreSQL refuses to run as root, so
//! as root everything runs as the `postgres` user.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database};

const BIN: &str = "/usr/lib/postgresql/15/bin";
const TEMPLATE: &str = "retaguarda_template";

struct Cluster {
    port: u16,
    // Kept open for the life of the process; its closing is the signal to clean up.
    _watcher: Mutex<(Child, ChildStdin)>,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();

const WATCHER: &str = r#"
dir="$1"; port="$2"; bin="$3"
"$bin/postgres" -D "$dir/data" -p "$port" -k "$dir" -c listen_addresses=127.0.0.1 \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 \
  ${RTG_PG_STATEMENTS:+-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on} \
  >"$dir/postgres.log" 2>&1 &
pg=$!
read -r _ignored
kill -INT "$pg" 2>/dev/null
wait "$pg" 2>/dev/null
rm -rf "$dir"
"#;

fn run_as(user: Option<(u32, u32)>, command: &mut Command) -> &mut Command {
    if let Some((uid, gid)) = user {
        command.uid(uid).gid(gid);
    }
    command
}

fn postgres_user() -> Result<Option<(u32, u32)>, String> {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    if !is_root {
        return Ok(None);
    }
    let id = |flag: &str| -> Result<u32, String> {
        let out = Command::new("id")
            .args([flag, "postgres"])
            .output()
            .map_err(|e| e.to_string())?;
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .map_err(|_| "running as root, but there is no `postgres` user".to_string())
    };
    Ok(Some((id("-u")?, id("-g")?)))
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

fn start() -> Result<Cluster, String> {
    if !Path::new(BIN).join("initdb").exists() {
        return Err(format!(
            "PostgreSQL 15 is not installed ({BIN}/initdb is missing)"
        ));
    }
    let user = postgres_user()?;
    let dir: PathBuf = tempfile::Builder::new()
        .prefix("retaguarda-pg-")
        .tempdir()
        .map_err(|e| e.to_string())?
        .keep();
    if let Some((uid, gid)) = user {
        std::os::unix::fs::chown(&dir, Some(uid), Some(gid)).map_err(|e| e.to_string())?;
    }
    if let Err(message) = initdb(user, &dir) {
        let _ = std::fs::remove_dir_all(&dir);
        return Err(message);
    }
    let port = free_port()?;
    let mut child = run_as(user, &mut Command::new("sh"))
        .arg("-c")
        .arg(WATCHER)
        .arg("sh")
        .arg(&dir)
        .arg(port.to_string())
        .arg(BIN)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting postgres: {e}"))?;
    let stdin = child.stdin.take().ok_or("no stdin pipe")?;
    let cluster = Cluster {
        port,
        _watcher: Mutex::new((child, stdin)),
    };
    wait_until_ready(port, &dir)?;
    Ok(cluster)
}

/// A new cluster's files in `dir/data`, trusting local connections.
fn initdb(user: Option<(u32, u32)>, dir: &Path) -> Result<(), String> {
    let initdb = run_as(user, &mut Command::new(format!("{BIN}/initdb")))
        .args(["-D"])
        .arg(dir.join("data"))
        .args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C",
        ])
        .stdout(Stdio::null())
        .output()
        .map_err(|e| format!("initdb: {e}"))?;
    if initdb.status.success() {
        Ok(())
    } else {
        Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&initdb.stderr)
        ))
    }
}

fn wait_until_ready(port: u16, dir: &Path) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let ready = Command::new(format!("{BIN}/pg_isready"))
            .args(["-h", "127.0.0.1", "-p", &port.to_string(), "-q"])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if ready {
            return Ok(());
        }
        if Instant::now() > deadline {
            let log = std::fs::read_to_string(dir.join("postgres.log")).unwrap_or_default();
            return Err(format!("PostgreSQL did not start within 30 s:\n{log}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn url(port: u16, database: &str) -> String {
    format!("postgres://postgres@127.0.0.1:{port}/{database}")
}

/// The migrated template every test database is copied from; made once per run.
static TEMPLATE_READY: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();

/// A new, migrated database of the run's cluster; its URL.
pub async fn fresh_database() -> String {
    let port = cluster_port();
    TEMPLATE_READY
        .get_or_init(|| async {
            let admin = Database::connect(url(port, "postgres"))
                .await
                .expect("connect");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {TEMPLATE}"))
                .await
                .expect("create template");
            admin.close().await.expect("close");
            let template = api::db::connect_and_migrate(&url(port, TEMPLATE), None)
                .await
                .expect("migrate template");
            template.close().await.expect("close template");
        })
        .await;
    let name = format!("test_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(url(port, "postgres"))
        .await
        .expect("connect");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {TEMPLATE}"))
        .await
        .expect("create test database");
    admin.close().await.expect("close");
    url(port, &name)
}

/// The port of the run's cluster, starting it if needed (for benchmarks and pgbench).
pub fn cluster_port() -> u16 {
    match CLUSTER.get_or_init(start) {
        Ok(cluster) => cluster.port,
        Err(message) => panic!("cannot start the test PostgreSQL cluster: {message}"),
    }
}

/// A cluster of one test's own, to stop and start again (the outage test); stopped and
/// removed when dropped.
pub struct OwnCluster {
    pub port: u16,
    dir: PathBuf,
    user: Option<(u32, u32)>,
}

impl OwnCluster {
    pub fn start() -> OwnCluster {
        let user = postgres_user().expect("the postgres user");
        let dir: PathBuf = tempfile::Builder::new()
            .prefix("retaguarda-own-pg-")
            .tempdir()
            .expect("temp dir")
            .keep();
        if let Some((uid, gid)) = user {
            std::os::unix::fs::chown(&dir, Some(uid), Some(gid)).expect("chown");
        }
        initdb(user, &dir).expect("initdb");
        let cluster = OwnCluster {
            port: free_port().expect("a free port"),
            dir,
            user,
        };
        cluster.resume();
        cluster
    }

    fn pg_ctl(&self, args: &[&str]) -> bool {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100",
            self.port,
            self.dir.display()
        );
        run_as(self.user, &mut Command::new(format!("{BIN}/pg_ctl")))
            .arg("-D")
            .arg(self.dir.join("data"))
            .arg("-l")
            .arg(self.dir.join("postgres.log"))
            .args(["-o", &options])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Starts (again) and waits until it answers.
    pub fn resume(&self) {
        assert!(self.pg_ctl(&["-w", "start"]), "pg_ctl start failed");
        wait_until_ready(self.port, &self.dir).expect("ready");
    }

    /// Stops at once, as a crash would (`-m immediate`).
    pub fn stop_immediately(&self) {
        assert!(
            self.pg_ctl(&["-m", "immediate", "-w", "stop"]),
            "pg_ctl stop failed"
        );
    }

    pub fn url(&self, database: &str) -> String {
        url(self.port, database)
    }
}

impl Drop for OwnCluster {
    fn drop(&mut self) {
        self.pg_ctl(&["-m", "immediate", "-w", "stop"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
