//! Building the server: migrate, bind, wire middleware and routes. Takes a listener so tests
//! can bind port 0.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::{Server, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{Compress, DefaultHeaders, ErrorHandlerResponse, ErrorHandlers};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use sea_orm::DatabaseConnection;
use tracing_actix_web::TracingLogger;
use utoipa_swagger_ui::SwaggerUi;

use crate::access::fresh_cache::{KeyCache, RoleCache};
use crate::access::jwt::JwtKeys;
use crate::catalog::service::kit::StockProbe;
use crate::config::Config;
use crate::error::{ApiError, ErrorKind};
use crate::extract::{self, BODY_LIMIT};
use crate::inventory::service::level::VariantStock;
use crate::metrics::Metrics;
use crate::module::StartError;
use crate::public_limit::PublicLimiter;
use crate::state::AppState;
use crate::web_app::WebApp;
use crate::{background, db, health, modules, openapi_doc};

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot open the database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("cannot listen: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Module(#[from] StartError),
    #[error("cannot register the metrics: {0}")]
    Prometheus(#[from] prometheus::Error),
    #[error("cannot count requests: {0}")]
    Metrics(String),
}

pub struct Application {
    port: u16,
    server: Server,
    db: DatabaseConnection,
}

impl Application {
    /// Connects, migrates and binds `config.bind`.
    pub async fn build(config: Config) -> Result<Application, StartupError> {
        let db = db::connect_and_migrate(&config.database_url, config.database_pool).await?;
        let listener = TcpListener::bind(config.bind)?;
        Application::with_listener(config, db, listener)
    }

    pub fn with_listener(
        config: Config,
        db: DatabaseConnection,
        listener: TcpListener,
    ) -> Result<Application, StartupError> {
        modules::install_permissions();
        let port = listener.local_addr()?.port();
        let limiter = PublicLimiter::per_minute(
            config.limits.public_per_minute,
            &config.limits.trusted_proxies,
        );
        let metrics = Metrics::new(config.limits.metrics_token.clone())?;
        let requests = metrics.middleware().map_err(StartupError::Metrics)?;
        background::start(&db, &config, limiter.clone(), &metrics)?;
        let metrics = web::Data::new(metrics);
        let state = AppState {
            jwt: JwtKeys::new(&config.jwt_secret, &config.jwt_issuer),
            db: db.clone(),
            roles: RoleCache::default(),
            keys: KeyCache::default(),
            numbers: db::side_pool(&db, db::NUMBERING_POOL),
            config: Arc::new(config),
        };
        let workers = state.config.workers;
        let web_app = WebApp::load(&state.config.web_dir);
        let hsts = state.config.mail.public_url.starts_with("https://");
        let data = web::Data::new(state);
        let limiter = web::Data::new(limiter);
        let stock: Arc<dyn StockProbe> = Arc::new(VariantStock);
        let stock = web::Data::from(stock);
        let server = HttpServer::new(move || {
            let web_app = web_app.clone();
            let app_page = web_app.clone();
            App::new()
                // Innermost: problems in the reader's language before anything else sees them.
                .wrap(actix_web::middleware::from_fn(
                    crate::error::localize_problems,
                ))
                .wrap(Compress::default())
                .wrap(requests.clone())
                .wrap(ErrorHandlers::new().default_handler(problem_for_bare_errors))
                .wrap(TracingLogger::default())
                .wrap(security_headers(hsts))
                .app_data(data.clone())
                .app_data(limiter.clone())
                .app_data(stock.clone())
                .app_data(metrics.clone())
                .app_data(web::PayloadConfig::new(BODY_LIMIT))
                .app_data(web::PathConfig::default().error_handler(extract::path_error))
                .service(
                    SwaggerUi::new("/docs/{_:.*}")
                        .url("/api/v1/openapi.json", openapi_doc::document()),
                )
                .service(web::scope("/api/v1").configure(modules::serve))
                .configure(health::routes)
                .configure(crate::metrics::routes)
                .configure(crate::logistics::returns::public::routes)
                .configure(|cfg| web_app.configure(cfg))
                .route(
                    "/docs",
                    web::get().to(|| async {
                        HttpResponse::PermanentRedirect()
                            .insert_header((header::LOCATION, "/docs/"))
                            .finish()
                    }),
                )
                .default_service(web::to(move |request: HttpRequest| {
                    let page = app_page.page_for(&request);
                    async move {
                        page.ok_or_else(|| {
                            ApiError::keyed(
                                ErrorKind::NotFound,
                                "not-found",
                                crate::i18n::Key::ProblemNoSuchRoute,
                            )
                        })
                    }
                }))
        })
        .workers(workers)
        .listen(listener)?
        .run();
        Ok(Application { port, server, db })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }

    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }
}

/// The headers of every response (outermost, so errors and 404s have them too); a response
/// that sets one itself keeps its own (`DefaultHeaders` adds only what is missing):
/// - `nosniff`; no referrer, since links in emails carry tokens in their query strings; no
///   framing, as `X-Frame-Options` and as a CSP for the responses that have none of their own
///   (the web app's index has its full one, with `frame-ancestors 'none'`);
/// - `Cache-Control: no-store` on every response that chose no cache policy: API responses
///   are each caller's own and several carry tokens or secrets (login, refresh, sign-up,
///   accepting an invitation, a new API key), and a route added later is covered without
///   thinking of it. The web app's index (`no-cache`) and assets (a year) choose their own;
///   Swagger UI's files are fetched anew on each visit of `/docs`;
/// - HSTS when the public URL is https, that is, when the server is reached over TLS.
fn security_headers(hsts: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "no-referrer"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::CONTENT_SECURITY_POLICY, "frame-ancestors 'none'"))
        .add((header::CACHE_CONTROL, "no-store"));
    if hsts {
        headers.add((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        ))
    } else {
        headers
    }
}

/// Any error response that is not yet a problem document (actix's own 405, 413, …) becomes one.
fn problem_for_bare_errors<B>(
    response: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    // A problem already, or a server-rendered page that explains its own error to a person
    // (the customer's return page).
    let is_answered = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| {
            v.as_bytes().starts_with(b"application/problem+json")
                || v.as_bytes().starts_with(b"text/html")
        });
    if is_answered {
        return Ok(ErrorHandlerResponse::Response(
            response.map_into_left_body(),
        ));
    }
    let status = response.status();
    let kind = match status.as_u16() {
        400 => ErrorKind::BadRequest,
        401 => ErrorKind::Unauthorized,
        403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        405 => ErrorKind::MethodNotAllowed,
        409 => ErrorKind::Conflict,
        413 => ErrorKind::PayloadTooLarge,
        415 => ErrorKind::UnsupportedMediaType,
        422 => ErrorKind::Validation,
        429 => ErrorKind::TooManyRequests,
        503 => ErrorKind::Unavailable,
        _ => ErrorKind::Internal,
    };
    let detail = status
        .canonical_reason()
        .unwrap_or("the request failed")
        .to_lowercase();
    let problem =
        actix_web::ResponseError::error_response(&ApiError::new(kind, "request/rejected", detail));
    let (request, _) = response.into_parts();
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(request, problem).map_into_right_body::<B>(),
    ))
}
