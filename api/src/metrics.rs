//! `GET /metrics` in Prometheus's text format: requests counted and timed by route pattern,
//! method and status (actix-web-prom's middleware), the pool's connections, the outbox's
//! backlog and failures, and what modules count (the emails sent). Each server has its own registry (a test process
//! runs many). Answered to the bearer of `RETAGUARDA_METRICS_TOKEN`, or without one only to a
//! caller on this machine; rate-limited as every route that needs no caller is.

use std::net::IpAddr;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use actix_web_prom::{PrometheusMetrics, PrometheusMetricsBuilder};
use prometheus::{Encoder, IntCounter, IntGauge, IntGaugeVec, Opts, Registry, TextEncoder};
use sea_orm::{DatabaseConnection, DbBackend};
use subtle::ConstantTimeEq;

use crate::error::{ApiError, ErrorKind};
use crate::outbox;
use crate::public_limit::PublicCaller;

use crate::module::METRICS_NAMESPACE as NAMESPACE;

/// The server's own figures, beside the middleware's request metrics in the same registry.
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    pub outbox_failures: IntCounter,
    pool: IntGaugeVec,
    outbox_pending: IntGauge,
    outbox_failed: IntGauge,
    outbox_oldest_due_seconds: IntGauge,
    token: Option<String>,
}

impl Metrics {
    pub fn new(token: Option<String>) -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new();
        let opts = |name: &str, help: &str| Opts::new(name, help).namespace(NAMESPACE);
        let metrics = Metrics {
            outbox_failures: IntCounter::with_opts(opts(
                "outbox_failures_total",
                "Outbox attempts that failed",
            ))?,
            pool: IntGaugeVec::new(
                opts("db_pool_connections", "Database connections by state"),
                &["state"],
            )?,
            outbox_pending: IntGauge::with_opts(opts("outbox_pending", "Outbox events waiting"))?,
            outbox_failed: IntGauge::with_opts(opts(
                "outbox_failed",
                "Outbox events failed for good",
            ))?,
            outbox_oldest_due_seconds: IntGauge::with_opts(opts(
                "outbox_oldest_due_seconds",
                "Seconds since the oldest waiting event became due",
            ))?,
            registry,
            token,
        };
        metrics
            .registry
            .register(Box::new(metrics.outbox_failures.clone()))?;
        metrics.registry.register(Box::new(metrics.pool.clone()))?;
        metrics
            .registry
            .register(Box::new(metrics.outbox_pending.clone()))?;
        metrics
            .registry
            .register(Box::new(metrics.outbox_failed.clone()))?;
        metrics
            .registry
            .register(Box::new(metrics.outbox_oldest_due_seconds.clone()))?;
        Ok(metrics)
    }

    /// The registry, where modules register what they count.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The middleware that counts and times every request into this registry.
    pub fn middleware(&self) -> Result<PrometheusMetrics, String> {
        PrometheusMetricsBuilder::new(NAMESPACE)
            .registry(self.registry.clone())
            .mask_unmatched_patterns("unmatched")
            .build()
            .map_err(|e| e.to_string())
    }

    fn allows(&self, req: &HttpRequest) -> bool {
        match &self.token {
            Some(token) => req
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.strip_prefix("Bearer "))
                .is_some_and(|given| bool::from(given.trim().as_bytes().ct_eq(token.as_bytes()))),
            None => req.peer_addr().is_some_and(|peer| is_local(peer.ip())),
        }
    }

    /// Reads the figures that are states rather than counts, then writes the registry.
    async fn render(&self, db: &DatabaseConnection) -> Result<String, ApiError> {
        let (size, idle) = match db.get_database_backend() {
            DbBackend::Postgres => {
                let pool = db.get_postgres_connection_pool();
                (pool.size(), pool.num_idle())
            }
            _ => {
                let pool = db.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle())
            }
        };
        let idle = i64::try_from(idle).unwrap_or(i64::MAX);
        self.pool.with_label_values(&["idle"]).set(idle);
        self.pool
            .with_label_values(&["in_use"])
            .set(i64::from(size) - idle);
        let backlog = outbox::backlog(db).await?;
        self.outbox_pending
            .set(i64::try_from(backlog.pending).unwrap_or(i64::MAX));
        self.outbox_failed
            .set(i64::try_from(backlog.failed).unwrap_or(i64::MAX));
        let waited = backlog
            .oldest_due_at
            .map_or(0, |due| (chrono::Utc::now() - due).num_seconds().max(0));
        self.outbox_oldest_due_seconds.set(waited);
        let mut text = Vec::new();
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut text)
            .map_err(|e| ApiError::new(ErrorKind::Internal, "internal", e.to_string()))?;
        String::from_utf8(text)
            .map_err(|e| ApiError::new(ErrorKind::Internal, "internal", e.to_string()))
    }
}

fn is_local(ip: IpAddr) -> bool {
    ip.is_loopback() || ip.to_canonical().is_loopback()
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(crate::health::get_only("/metrics").get(metrics));
}

/// The server's metrics, in Prometheus's text format.
#[utoipa::path(get, path = "/metrics", tag = "health", operation_id = "health.metrics",
    responses(
        (status = 200, description = "Prometheus text format", body = String, content_type = "text/plain",
            example = json!("# TYPE retaguarda_emails_sent_total counter\nretaguarda_emails_sent_total 3\n")),
        (status = 403, description = "Neither the metrics token nor a caller on this machine",
            body = openapi::Problem, content_type = "application/problem+json"),
        (status = 429, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = [])))]
pub async fn metrics(
    _caller: PublicCaller,
    req: HttpRequest,
    metrics: web::Data<Metrics>,
    state: web::Data<crate::state::AppState>,
) -> Result<HttpResponse, ApiError> {
    if !metrics.allows(&req) {
        return Err(ApiError::new(
            ErrorKind::Forbidden,
            "metrics/forbidden",
            "send `Authorization: Bearer <RETAGUARDA_METRICS_TOKEN>`, or ask from this machine",
        ));
    }
    let text = metrics.render(&state.db).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(text))
}
