//! The task runner: `cargo xtask <task>`.
//!
//! - `run`      start the server on SQLite in ./data with a demo store (login printed)
//! - `test`     build the web app, then run every test (SQLite and PostgreSQL, and a browser)
//! - `openapi`  rewrite openapi/openapi.json from the code
//! - `web`      build the web app into web/dist (wasm, fingerprinted assets)
//! - `bench inventory`  the inventory benchmark (prints figures, asserts nothing)
//! - `bench orders`     orders per second and latency, with pgbench for scale
//! - `bench logistics`  tracking events per second (with pgbench for scale), and the late
//!   lists' and the scorecard's latency over 1,000,000 shipments
//! - `bench finance`    the dunning sweep over 100,000 open instalments of 10 stores
//! - `bench automation` webhook deliveries per second to a loopback HTTPS receiver, and
//!   event-to-delivery latency at about half that rate
//! - `bench web`        the web app's size and time to a painted dashboard
//! - `schemathesis`  schemathesis against a throw-away server with two stores (also run by `test`)
//! - `soak`     1,000 orders by 16 clients while the server is killed 10 times, and PostgreSQL
//!   stopped for 10 s under load (figures printed)

mod python;
mod schemathesis;
mod split;
mod web;

use std::path::PathBuf;
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test(&args[1..]),
        Some("openapi") => openapi(),
        Some("bench") => bench(&args[1..]),
        Some("web") => web::build(),
        Some("soak") => soak(),
        Some("schemathesis") => schemathesis::run(),
        _ => {
            eprintln!(
                "usage: cargo xtask <run|test|openapi|web|bench inventory|bench orders|bench logistics|bench finance|bench automation|bench web|soak|schemathesis>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace `cargo xtask` was run in. `cargo run` says where at run time; the path built
/// into the binary can name another clone of the repository, whose build cargo reuses when the
/// sources are the same (a shared target directory, as CI's).
fn root() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root());
    command
}

fn status(mut command: Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{command:?}` failed ({status})"))
    }
}

fn run(extra: &[String]) -> Result<(), String> {
    // The API is useful without the web app: a failed app build is reported, not fatal.
    if let Err(message) = web::build() {
        eprintln!("xtask: the web app was not built: {message}");
    }
    let mut command = cargo();
    command
        .args(["run", "-p", "api", "--bin", "retaguarda", "--", "--demo"])
        .args(extra);
    status(command)
}

fn test(extra: &[String]) -> Result<(), String> {
    // The browser tests drive the built app.
    web::build()?;
    let mut command = cargo();
    command.args(["test", "--workspace"]).args(extra);
    command.env("RTG_STANDARD_WEBHOOKS_PYTHON", python::standard_webhooks()?);
    status(command)?;
    // The spec against the server: after the tests, whose failures say more.
    schemathesis::run()
}

/// The crash and outage tests at full size: the test command runs them small.
fn soak() -> Result<(), String> {
    let mut command = cargo();
    command
        .args([
            "test",
            "-p",
            "tests",
            "--test",
            "e2e",
            "--",
            "crash::",
            "outage::",
            "--nocapture",
        ])
        .env("RTG_SOAK_ORDERS", "1000")
        .env("RTG_SOAK_CLIENTS", "16")
        .env("RTG_SOAK_KILLS", "10")
        .env("RTG_OUTAGE_SECS", "10");
    status(command)
}

fn bench(which: &[String]) -> Result<(), String> {
    match which.first().map(String::as_str) {
        Some(name @ ("inventory" | "orders" | "logistics" | "finance" | "automation" | "web")) => {
            if name == "web" {
                web::build()?;
            }
            let mut command = cargo();
            command.args(["bench", "-p", "tests", "--bench", name]);
            status(command)
        }
        None => {
            Err("name a benchmark: `inventory`, `orders`, `logistics`, `finance`, `automation` or `web`".into())
        }
        Some(other) => Err(format!(
            "no benchmark named `{other}` (try `inventory`, `orders`, `logistics`, `finance`, `automation` or `web`)"
        )),
    }
}

fn openapi() -> Result<(), String> {
    let output = cargo()
        .args([
            "run",
            "-q",
            "-p",
            "api",
            "--bin",
            "retaguarda",
            "--",
            "openapi",
        ])
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let path = root().join("openapi/openapi.json");
    std::fs::write(&path, &output.stdout).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}
