//! `cargo xtask bench web`: the web app's size (raw and gzip, as served): the first bundle a
//! cold load of `/` downloads, and each module's chunk fetched when one of its pages is first
//! shown; and in headless Chromium on the demo store, the time from navigation to the painted
//! dashboard, and to the painted orders list on first visit (from the dashboard's link, and by
//! a deep link). Figures only.

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

fn size(path: &std::path::Path) -> (usize, usize) {
    (
        std::fs::metadata(path).unwrap().len() as usize,
        gzip_size(path),
    )
}

fn kb((raw, gzip): (usize, usize)) -> String {
    format!("{} KB raw, {} KB gzip", raw / 1024, gzip / 1024)
}

/// The shared chunks and the modules that need each, from the loader (`__wasm_split.js`
/// writes `/* audit, orders */` above `const __chunk_9 = …`, fetched from `chunk_9.wasm`).
fn shared_chunks(loader: &str) -> Vec<(String, Vec<String>)> {
    let mut chunks = Vec::new();
    let mut needed_by = None;
    for line in loader.lines() {
        if let Some(list) = line.strip_prefix("/* ").and_then(|l| l.strip_suffix(" */")) {
            needed_by = Some(list.split(", ").map(str::to_owned).collect());
        } else if let Some(rest) = line.strip_prefix("const __chunk_")
            && let (Some(n), Some(modules)) = (rest.split(' ').next(), needed_by.take())
        {
            chunks.push((format!("chunk_{n}.wasm"), modules));
        }
    }
    chunks
}

/// The first bundle (what a cold load of `/` fetches before the app paints) and, per module,
/// its own chunk and everything its first visit fetches (its chunk and the shared chunks it
/// needs), raw and gzip.
fn print_sizes(dist: &std::path::Path) {
    // `assets/<build>/`; an older build without chunks kept its files in `assets/`.
    let build = std::fs::read_dir(dist.join("assets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .unwrap_or_else(|| dist.join("assets"));
    let mut files: Vec<_> = std::fs::read_dir(&build)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut first = (0, 0);
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.starts_with("split_") || name.starts_with("chunk_")) {
            let (raw, gzip) = size(path);
            first = (first.0 + raw, first.1 + gzip);
            println!("[web] first bundle: {name}: {}", kb((raw, gzip)));
        }
    }
    println!(
        "[web] first bundle in all: {} (goal: at most 400 KB gzip)",
        kb(first)
    );
    let loader = std::fs::read_to_string(build.join("__wasm_split.js")).unwrap_or_default();
    let shared = shared_chunks(&loader);
    let total = shared.iter().fold((0, 0), |(r, g), (file, _)| {
        let (raw, gzip) = size(&build.join(file));
        (r + raw, g + gzip)
    });
    println!(
        "[web] shared chunks: {} files, {} in all",
        shared.len(),
        kb(total)
    );
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(module) = name
            .strip_prefix("split_")
            .and_then(|n| n.strip_suffix(".wasm"))
        else {
            continue;
        };
        let own = size(path);
        let needed: Vec<_> = shared
            .iter()
            .filter(|(_, modules)| modules.iter().any(|m| m == module))
            .collect();
        let visit = needed.iter().fold(own, |(r, g), (file, _)| {
            let (raw, gzip) = size(&build.join(file));
            (r + raw, g + gzip)
        });
        println!(
            "[web] module {module}: its chunk {}; its first visit fetches it and {} shared: {}",
            kb(own),
            needed.len(),
            kb(visit)
        );
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let dist = browser::web_dist();
    print_sizes(&dist);

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/bench.db?mode=rwc", dir.path().display());
    let db = api::db::connect_and_migrate(&url, None).await.unwrap();
    let jwt = api::access::jwt::JwtKeys::new(support::JWT_SECRET, "bench");
    api::demo::seed(&db, &jwt, support::JWT_SECRET)
        .await
        .unwrap();
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
    let mut dashboard = Vec::new();
    let mut orders_link = Vec::new();
    let mut orders_deep = Vec::new();
    for _ in 0..15 {
        // A full load: HTML, wasm, session resumed from the cookie, the summary, low stock
        // and recent orders fetched, painted.
        let started = Instant::now();
        chrome.go("/").await;
        painted(&chrome).await;
        dashboard.push(started.elapsed().as_secs_f64() * 1000.0);
        // The orders module's first visit in this page: its chunk, then its list.
        let started = Instant::now();
        chrome.click("nav a[href='/orders']").await;
        shown(&chrome, "table.orders tbody tr").await;
        orders_link.push(started.elapsed().as_secs_f64() * 1000.0);
        // A cold deep link: the first bundle and the chunk together.
        let started = Instant::now();
        chrome.go("/orders").await;
        shown(&chrome, "table.orders tbody tr").await;
        orders_deep.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    for (what, times) in [
        ("navigation → painted dashboard", &mut dashboard),
        (
            "dashboard's link → painted orders list (first visit)",
            &mut orders_link,
        ),
        (
            "deep link /orders → painted orders list (cold load)",
            &mut orders_deep,
        ),
    ] {
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "[web] {what} (demo data, 15 loads): p50 {:.0} ms, max {:.0} ms",
            support::percentile(times, 0.5),
            times.last().copied().unwrap_or_default()
        );
    }
    chrome.close().await;
    handle.stop(false).await;
}

/// Waits for `css`, looking every 5 ms (the harness's `find` looks every 250 ms, too coarse
/// to time a page).
async fn shown(chrome: &browser::Browser, css: &str) {
    chrome
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(30))
        .every(std::time::Duration::from_millis(5))
        .for_element(fantoccini::Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no `{css}`: {e}"));
}

/// The dashboard is painted: its figures, its chart and the latest orders are on the page.
async fn painted(chrome: &browser::Browser) {
    for css in [
        "[data-testid=today]",
        ".chart rect",
        "ul.recent li",
        "[data-testid=low-stock]",
    ] {
        shown(chrome, css).await;
    }
}
