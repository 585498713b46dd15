//! Browser tests: headless Chromium (Debian's `chromium` and `chromium-driver`) driven through
//! WebDriver (fantoccini) against the real server serving the built web app (`web/dist`, which
//! `cargo xtask test` builds first). One chromedriver per test run; a browser per test. A
//! failing step saves a screenshot and the page's HTML under `target/browser-failures/` and
//! prints their paths.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
/// How long a step waits for the page. Generous: every page load starts the web app anew, and
/// on a 2-core machine running the rest of the suite at the same time that can take seconds.
const WAIT: Duration = Duration::from_secs(30);

struct Driver {
    port: u16,
    _process: Child,
}

static DRIVER: OnceLock<Result<Driver, String>> = OnceLock::new();

fn driver_port() -> u16 {
    let driver = DRIVER.get_or_init(|| {
        if !std::path::Path::new(CHROMEDRIVER).exists() {
            return Err(format!(
                "no {CHROMEDRIVER}: install Debian's `chromium` and `chromium-driver` \
                 (`.ci/run` does when it can)"
            ));
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .map_err(|e| e.to_string())?;
        // The driver lives in a static, which is never dropped: a shell in a process group of
        // its own runs it and, once this test process has gone, ends the group — chromedriver
        // and any browser a failed test left open.
        let process = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "{CHROMEDRIVER} --port={port} & \
                 while kill -0 $PPID 2>/dev/null; do sleep 1; done; kill -- -$$"
            ))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {CHROMEDRIVER}: {e}"))?;
        // Up to 30 s: on a loaded machine (the whole suite starting at once on 2 cores) the
        // driver has taken more than 5 s to listen.
        for _ in 0..600 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(Driver {
                    port,
                    _process: process,
                });
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err("chromedriver did not start listening".into())
    });
    match driver {
        Ok(driver) => driver.port,
        Err(message) => panic!("{message}"),
    }
}

/// The built web app, which `cargo xtask test` (or `cargo xtask web`) writes.
pub fn web_dist() -> PathBuf {
    let dist = super::workspace().join("web").join("dist");
    assert!(
        dist.join("index.html").exists(),
        "the web app is not built: run `cargo xtask web` (or `cargo xtask test`, which builds it)"
    );
    dist
}

/// A headless Chromium at a phone's or a desktop's size.
pub struct Browser {
    pub client: Client,
    pub base: String,
}

impl Browser {
    pub async fn open(base: &str, width: u32, height: u32) -> Browser {
        let port = driver_port();
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    format!("--window-size={width},{height}"),
                    "--lang=pt-BR",
                ],
            }),
        );
        // chromedriver listens on loopback: plain HTTP, no TLS stack needed.
        // Chromium may fail to start when the machine is busy: a session gets three tries.
        let mut tries = 0;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            let session = ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await;
            tries += 1;
            match session {
                Ok(client) => break client,
                Err(error) if tries == 3 => panic!("no WebDriver session after 3 tries: {error}"),
                Err(_) => tokio::time::sleep(Duration::from_secs(1)).await,
            }
        };
        Browser {
            client,
            base: base.to_owned(),
        }
    }

    pub async fn go(&self, path: &str) {
        if let Err(error) = self.client.goto(&format!("{}{path}", self.base)).await {
            self.fail(&format!("cannot open `{path}`: {error}")).await
        }
    }

    /// Waits (up to `WAIT`) for an element; on failure saves the evidence and panics.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        let found = self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(element) => element,
            Err(error) => self.fail(&format!("no `{css}`: {error}")).await,
        }
    }

    /// Waits (up to `WAIT`) until the page's text contains `text`.
    pub async fn see(&self, text: &str) {
        let deadline = std::time::Instant::now() + WAIT;
        while std::time::Instant::now() < deadline {
            if let Ok(body) = self.client.find(Locator::Css("body")).await
                && body.text().await.is_ok_and(|t| t.contains(text))
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.fail(&format!("the page never showed `{text}`")).await
    }

    /// Whether the page has `css` now (no waiting).
    pub async fn has(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let element = self.find(css).await;
        element.send_keys(value).await.expect("type");
    }

    pub async fn click(&self, css: &str) {
        let element = self.find(css).await;
        element.click().await.expect("click");
    }

    pub async fn fail(&self, what: &str) -> ! {
        let dir = super::workspace().join("target").join("browser-failures");
        let _ = std::fs::create_dir_all(&dir);
        let stamp = uuid::Uuid::now_v7();
        let screenshot = dir.join(format!("{stamp}.png"));
        let html = dir.join(format!("{stamp}.html"));
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(&screenshot, png);
        }
        if let Ok(source) = self.client.source().await {
            let _ = std::fs::write(&html, source);
        }
        // What the page said, for a report that keeps no files (CI).
        let url = self.client.current_url().await.map(|u| u.to_string());
        let text = match self.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let text: String = text.chars().take(400).collect();
        panic!(
            "{what}\n  at: {}\n  page text: {text}\n  screenshot: {}\n  page HTML:  {}",
            url.unwrap_or_default(),
            screenshot.display(),
            html.display()
        );
    }

    /// The accessibility checks that are cheap to make in the page itself: every field has a
    /// label, every button and link a name, ids are unique, tables have headers, the page
    /// says its language. Panics (with the evidence saved) naming each problem.
    pub async fn assert_accessible(&self, page: &str) {
        const CHECK: &str = r#"
            const problems = [];
            const short = el => el.outerHTML.slice(0, 140);
            document.querySelectorAll('input:not([type=hidden]), select, textarea').forEach(el => {
                const named = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label')
                    || el.getAttribute('aria-labelledby');
                if (!named) problems.push('a field without a label: ' + short(el));
            });
            document.querySelectorAll('button, a[href]').forEach(el => {
                if (!(el.textContent.trim() || el.getAttribute('aria-label')))
                    problems.push('a control without a name: ' + short(el));
            });
            const seen = new Set();
            document.querySelectorAll('[id]').forEach(el => {
                if (seen.has(el.id)) problems.push('a repeated id: ' + el.id);
                seen.add(el.id);
            });
            document.querySelectorAll('table').forEach(t => {
                if (!t.querySelector('th')) problems.push('a table without headers');
            });
            if (!document.documentElement.lang) problems.push('no page language');
            if (!document.querySelector('h1')) problems.push('no heading');
            return problems;
        "#;
        let problems = self
            .client
            .execute(CHECK, Vec::new())
            .await
            .expect("the check runs");
        let problems: Vec<String> = serde_json::from_value(problems).unwrap_or_default();
        if !problems.is_empty() {
            self.fail(&format!("{page}: {}", problems.join("\n  ")))
                .await;
        }
    }

    /// Saves a screenshot of the page as `target/screens/<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        let dir = super::workspace().join("target").join("screens");
        let _ = std::fs::create_dir_all(&dir);
        let png = self.client.screenshot().await.expect("a screenshot");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("saved");
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}
