//! Serves the built web app (`web/dist`, from `cargo xtask web`): `index.html` for `/` and every
//! app route (history routing), fingerprinted assets under `/assets/` cached for a year (when
//! found), and a Content-Security-Policy that allows only the app's own assets. `/api` and
//! `/docs` are untouched; without a built app, nothing is served here. The headers every
//! response carries (`nosniff`, no referrer, no framing) are added in
//! `startup::security_headers`.

use std::path::{Path, PathBuf};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{Next, from_fn};
use actix_web::{HttpRequest, HttpResponse, web};

/// Scripts only from the app's own files (and its wasm), no inline code, no frames.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
     object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// The app's `index.html`, read once at start-up.
#[derive(Clone)]
pub struct WebApp {
    index: Option<web::Bytes>,
    assets: PathBuf,
}

impl WebApp {
    pub fn load(dir: &Path) -> WebApp {
        WebApp {
            index: std::fs::read(dir.join("index.html"))
                .ok()
                .map(web::Bytes::from),
            assets: dir.join("assets"),
        }
    }

    pub fn is_built(&self) -> bool {
        self.index.is_some()
    }

    /// `/assets/…`: immutable files whose names change with their content.
    pub fn configure(&self, cfg: &mut web::ServiceConfig) {
        if !self.is_built() {
            return;
        }
        cfg.service(
            web::scope("/assets")
                .wrap(from_fn(cache_found_assets))
                .service(actix_files::Files::new("", &self.assets)),
        );
    }

    /// `index.html` for a GET (or HEAD) of an app route; `None` for anything else.
    pub fn page_for(&self, request: &HttpRequest) -> Option<HttpResponse> {
        let path = request.path();
        let method = request.method();
        let app_route = (method == actix_web::http::Method::GET
            || method == actix_web::http::Method::HEAD)
            && !path.starts_with("/api/")
            && !path.starts_with("/docs")
            && !path.starts_with("/assets/")
            && !path.starts_with("/health/");
        let index = self.index.clone().filter(|_| app_route)?;
        Some(
            HttpResponse::Ok()
                .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
                .insert_header((header::CACHE_CONTROL, "no-cache"))
                .insert_header((
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(CONTENT_SECURITY_POLICY),
                ))
                .body(index),
        )
    }
}

/// A year of caching for an asset that was found: its name changes with its content. Not for
/// a 404 (an asset asked for before a deployment finished), which would stay cached as long.
async fn cache_found_assets(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut response = next.call(request).await?;
    if response.status().is_success() {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    Ok(response)
}
