//! The server as the `retaguarda` binary runs it (its settings from `RETAGUARDA_*`), served
//! from this test binary: `cargo xtask schemathesis` starts it so, with the build the tests
//! already made, instead of building the binary again with the binary's own features.

/// Serves until killed. Run by `cargo xtask schemathesis` only (ignored otherwise, and a
/// no-op without `RTG_SERVE_FROM_ENVIRONMENT`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the server schemathesis tests"]
async fn from_environment() {
    if std::env::var_os("RTG_SERVE_FROM_ENVIRONMENT").is_none() {
        return;
    }
    let filter = tracing_subscriber::EnvFilter::try_from_env("RETAGUARDA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
    let config = api::config::Config::from_env().expect("the server's settings");
    let app = api::startup::Application::build(config)
        .await
        .expect("the server starts");
    app.run_until_stopped().await.expect("the server runs");
}
