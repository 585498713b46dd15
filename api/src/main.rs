//! `retaguarda [serve] [--demo]` runs the server; `retaguarda openapi` prints the spec.

use api::access::jwt::JwtKeys;
use api::config::Config;
use api::startup::Application;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("openapi") {
        print!("{}", api::openapi_doc::spec_json());
        return std::process::ExitCode::SUCCESS;
    }
    let filter =
        EnvFilter::try_from_env("RETAGUARDA_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // One JSON object a line for a log collector; readable lines otherwise.
    if std::env::var("RETAGUARDA_LOG_FORMAT").is_ok_and(|format| format == "json") {
        tracing_subscriber::fmt()
            .json()
            .with_env_filter(filter)
            .init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    match serve(args.iter().any(|a| a == "--demo")).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("retaguarda: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn serve(demo: bool) -> Result<(), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    if demo {
        config.check_demo_allowed().map_err(|e| e.to_string())?;
    }
    let bind = config.bind;
    let web_built = config.web_dir.join("index.html").exists();
    let jwt = JwtKeys::new(&config.jwt_secret, &config.jwt_issuer);
    let secret = config.jwt_secret.clone();
    let app = Application::build(config)
        .await
        .map_err(|e| e.to_string())?;
    if demo {
        api::demo::seed(app.db(), &jwt, &secret)
            .await
            .map_err(|e| format!("cannot create the demo store: {e}"))?;
        let web = if web_built {
            format!("  Web app:   http://{bind}/\n")
        } else {
            "  (no web app: build it with `cargo xtask web`)\n".to_owned()
        };
        println!(
            "\n  Retaguarda is running at http://{bind}\n{web}  API docs:  http://{bind}/docs\n  Demo store login: {} / {}\n",
            api::demo::DEMO_EMAIL,
            api::demo::DEMO_PASSWORD
        );
    } else {
        println!("Retaguarda is running at http://{bind} (API docs at /docs)");
    }
    app.run_until_stopped().await.map_err(|e| e.to_string())
}
