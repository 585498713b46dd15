//! `cargo xtask bench web`: the web app's size (raw and gzip, as served) and the time from
//! navigation to the painted dashboard on the demo store in headless Chromium. Figures only.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../e2e/harness/workspace.rs"]
mod workspace;
use workspace::workspace;
#[path = "../e2e/harness/browser.rs"]
#[allow(dead_code)]
mod browser;
#[allow(dead_code)]
mod support;

use std::process::Command;
use std::time::Instant;

fn gzip_size(path: &std::path::Path) -> usize {
    let output = Command::new("gzip")
        .arg("-9c")
        .arg(path)
        .output()
        .expect("gzip");
    output.stdout.len()
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let dist = browser::web_dist();
    for entry in std::fs::read_dir(dist.join("assets")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "wasm" || e == "js") {
            let bytes = std::fs::read(&path).unwrap();
            println!(
                "[web] {}: {} KB raw, {} KB gzip",
                path.file_name().unwrap().to_string_lossy(),
                bytes.len() / 1024,
                gzip_size(&path) / 1024
            );
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/bench.db?mode=rwc", dir.path().display());
    let db = api::db::connect_and_migrate(&url, None).await.unwrap();
    let jwt = api::access::jwt::JwtKeys::new(support::JWT_SECRET, "bench");
    api::demo::seed(&db, &jwt).await.unwrap();
    let (address, handle) = support::start_server_with_web(url, &db, dir.path(), dist);

    let chrome = browser::Browser::open(&address, 1280, 900).await;
    chrome.go("/").await;
    chrome
        .fill("input[name=email]", api::demo::DEMO_EMAIL)
        .await;
    chrome
        .fill("input[name=password]", api::demo::DEMO_PASSWORD)
        .await;
    chrome.click("button[type=submit]").await;
    painted(&chrome).await;
    let mut times = Vec::new();
    for _ in 0..15 {
        // A full load: HTML, wasm, session resumed from the cookie, the summary, low stock
        // and recent orders fetched, painted.
        let started = Instant::now();
        chrome.go("/").await;
        painted(&chrome).await;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "[web] navigation → painted dashboard (demo data, 15 loads): p50 {:.0} ms, max {:.0} ms",
        support::percentile(&times, 0.5),
        times.last().copied().unwrap_or_default()
    );
    chrome.close().await;
    handle.stop(false).await;
}

/// The dashboard is painted: its figures, its chart and the latest orders are on the page.
async fn painted(chrome: &browser::Browser) {
    chrome.find("[data-testid=today]").await;
    chrome.find(".chart rect").await;
    chrome.find("ul.recent li").await;
    chrome.find("[data-testid=low-stock]").await;
}
