//! `cargo xtask schemathesis`, also the last step of `cargo xtask test`: schemathesis, pinned,
//! in a virtual environment under the target directory (made once, then reused), against the
//! `retaguarda` binary on a throw-away SQLite database with two stores. Its settings are in
//! `xtask/schemathesis.toml`; the seed and the examples per operation can be changed with
//! `RTG_ST_SEED` and `RTG_ST_EXAMPLES`. Any failure fails the task. The server is the e2e test
//! binary's `serve::from_environment` (the binary's own start, from `RETAGUARDA_*`), so the
//! test command builds the server once, with the tests, not again with the binary's features. `schemathesis_hooks.py`
//! gives each request a fresh `Idempotency-Key`, as a client must (the schema cannot say so).
//!
//! Each store's owner signs in through `/auth/login` (a Web Fuzzing Commons auth file), as a
//! client address of its own behind a trusted proxy: the fuzzer's many failed logins from
//! 127.0.0.1 fill that address's login limit, never the owners'.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{cargo, root};

const VERSION: &str = "4.32.5";
const SEED: &str = "20261206";
const EXAMPLES: &str = "50";
/// The owners of the two stores: (WFC name, email, client address).
const OWNERS: [(&str, &str, &str); 2] = [
    ("store-a", "owner-a@schemathesis.test", "198.51.100.1"),
    ("store-b", "owner-b@schemathesis.test", "198.51.100.2"),
];
const PASSWORD: &str = "schemathesis-owner-passphrase-7Qx!";

pub fn run() -> Result<(), String> {
    let schemathesis = venv()?;
    let server_binary = e2e_binary()?;
    let dir = crate::python::target_dir().join("schemathesis-run");
    // A throw-away database: each run starts from nothing.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let server = Server::start(&server_binary, &dir)?;
    for (name, email, _) in OWNERS {
        let body = format!(
            r#"{{"store_name":"Schemathesis {name}","owner_name":"Owner of {name}","email":"{email}","password":"{PASSWORD}"}}"#
        );
        let (code, answer) = request(server.port, "POST", "/api/v1/signup", Some(&body))?;
        if code != 201 {
            return Err(format!("signing up {name}: {code} {answer}"));
        }
    }
    let auth = dir.join("auth.json");
    std::fs::write(&auth, auth_file()).map_err(|e| format!("{}: {e}", auth.display()))?;
    let seed = std::env::var("RTG_ST_SEED").unwrap_or_else(|_| SEED.into());
    let examples = std::env::var("RTG_ST_EXAMPLES").unwrap_or_else(|_| EXAMPLES.into());
    let report = dir.join("report.json");
    let started = Instant::now();
    let outcome = Command::new(&schemathesis)
        .arg("--config-file")
        .arg(root().join("xtask/schemathesis.toml"))
        .arg("run")
        .arg(format!(
            "http://127.0.0.1:{}/api/v1/openapi.json",
            server.port
        ))
        .args(["--seed", &seed, "--max-examples", &examples])
        .args(["--report", "json", "--report-json-path"])
        .arg(&report)
        .env("RTG_ST_AUTH", &auth)
        .env(
            "SCHEMATHESIS_HOOKS",
            root().join("xtask/schemathesis_hooks.py"),
        )
        .env("NO_COLOR", "1")
        .current_dir(&dir)
        .status()
        .map_err(|e| format!("cannot start schemathesis: {e}"))?;
    let seconds = started.elapsed().as_secs();
    drop(server);
    println!(
        "schemathesis {VERSION}: seed {seed}, {examples} examples per operation, two stores, \
         every check and phase: {} in {seconds} s (report {})",
        if outcome.success() {
            "passed"
        } else {
            "FAILED"
        },
        report.display()
    );
    if outcome.success() {
        Ok(())
    } else {
        Err(format!("schemathesis found failures ({outcome})"))
    }
}

/// The e2e test binary, built if it is not yet: asked of the whole workspace, as the test
/// command builds it, so that the same features find the binary it has just built.
fn e2e_binary() -> Result<PathBuf, String> {
    let output = cargo()
        .args(["test", "-q", "--workspace", "--no-run"])
        .args(["--message-format", "json"])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!("building the e2e tests failed ({})", output.status));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| line.contains(r#""name":"e2e""#))
        .find_map(|line| {
            let (_, rest) = line.split_once(r#""executable":""#)?;
            let (path, _) = rest.split_once('"')?;
            Some(PathBuf::from(path))
        })
        .ok_or_else(|| "cargo named no e2e test binary".to_owned())
}

/// The `st` of the pinned version, installed into the target directory unless already there.
fn venv() -> Result<PathBuf, String> {
    let venv = crate::python::venv(
        "schemathesis",
        VERSION,
        "import importlib.metadata as m; print(m.version('schemathesis'))",
    )?;
    Ok(venv.join("bin/st"))
}

/// The two owners, each signing in through the login route from an address of its own.
fn auth_file() -> String {
    let entries: Vec<String> = OWNERS
        .iter()
        .map(|(name, email, address)| {
            format!(
                r#"{{"name":"{name}","loginEndpointAuth":{{"endpoint":"/api/v1/auth/login","verb":"POST","contentType":"application/json","headers":[{{"name":"X-Forwarded-For","value":"{address}"}}],"payloadRaw":"{{\"email\":\"{email}\",\"password\":\"{PASSWORD}\"}}","token":{{"extractFrom":"body","extractSelector":"/access_token","sendIn":"header","sendName":"Authorization","sendTemplate":"Bearer {{token}}"}}}}}}"#
            )
        })
        .collect();
    format!("{{\"auth\":[{}]}}\n", entries.join(","))
}

/// The server under test; killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(binary: &Path, dir: &Path) -> Result<Server, String> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .map_err(|e| format!("no free port: {e}"))?;
        let log = std::fs::File::create(dir.join("server.log")).map_err(|e| e.to_string())?;
        let child = Command::new(binary)
            .args([
                "--exact",
                "serve::from_environment",
                "--ignored",
                "--nocapture",
            ])
            .current_dir(dir)
            .env("RTG_SERVE_FROM_ENVIRONMENT", "1")
            .env("RETAGUARDA_BIND", format!("127.0.0.1:{port}"))
            .env("RETAGUARDA_DATABASE_URL", "sqlite://st.db?mode=rwc")
            .env("RETAGUARDA_DATA_DIR", ".")
            .env("RETAGUARDA_MAIL_URL", "file://mail")
            .env("RETAGUARDA_PUBLIC_RATE_PER_MINUTE", "1000000")
            .env("RETAGUARDA_TRUSTED_PROXIES", "127.0.0.1")
            .env("RETAGUARDA_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start the server: {e}"))?;
        let server = Server { child, port };
        let deadline = Instant::now() + Duration::from_secs(60);
        while request(port, "GET", "/health/ready", None).map(|r| r.0) != Ok(200) {
            if Instant::now() > deadline {
                return Err(format!(
                    "the server did not become ready (see {})",
                    dir.join("server.log").display()
                ));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(server)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request on its own connection: the status and the body.
fn request(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> Result<(u16, String), String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    let body = body.unwrap_or("");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream
        .write_all(format!("{head}{body}").as_bytes())
        .map_err(|e| e.to_string())?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .map_err(|e| e.to_string())?;
    let code = answer
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("not an HTTP answer: {answer}"))?;
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or("").to_owned();
    Ok((code, body))
}
