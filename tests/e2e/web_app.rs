//! The server serves the built web app: history routing, cached assets, a strict CSP.

use crate::harness::{Backend, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_is_served_at_every_route_with_cached_assets_and_a_csp() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dist.path().join("assets")).unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>Retaguarda</title>",
    )
    .unwrap();
    std::fs::write(
        dist.path().join("assets/app-0123.js"),
        "export default 1;".repeat(100),
    )
    .unwrap();
    let app = TestApp::spawn_with(Backend::Sqlite, None, Some(dist.path().to_path_buf())).await;

    for path in [
        "/",
        "/orders",
        "/orders/01930000-0000-7000-8000-000000000000",
    ] {
        let reply = app
            .http
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), 200, "{path}");
        // A HEAD (link checkers, uptime probes) answers like the GET, without the page.
        let head = app
            .http
            .head(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(head.status(), 200, "HEAD {path}");
        assert!(head.headers().contains_key("content-security-policy"));
        assert_eq!(head.text().await.unwrap(), "");
        let csp = reply.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert_eq!(reply.headers()["cache-control"], "no-cache");
        assert!(
            reply
                .text()
                .await
                .unwrap()
                .contains("<title>Retaguarda</title>")
        );
    }
    let asset = app
        .http
        .get(format!("{}/assets/app-0123.js", app.address))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(asset.headers()["content-encoding"], "gzip");
    // The API and unknown assets still answer problems.
    app.get("/api/v1/nothing-here")
        .send()
        .await
        .problem(404, "not-found");
    let missing = app
        .http
        .get(format!("{}/assets/app-9999.js", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    app.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_built_app_the_root_is_a_problem() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.get("/").send().await.problem(404, "not-found");
    app.shutdown().await;
}
