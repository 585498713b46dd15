//! One attempt to deliver: the endpoint's address checked again and pinned (the connection
//! goes to an address just checked, never to a second lookup's), the body signed with every
//! secret in force, sent with a 10 s limit and no redirect followed; what came back.
//!
//! A client is kept per host and the addresses checked for it, so attempts to an endpoint
//! whose addresses have not changed reuse its connections instead of a handshake each; a
//! client only ever connects to the addresses it was built with.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use entity::{
    webhook_attempt as attempt, webhook_delivery as delivery, webhook_endpoint as endpoint,
};

use crate::automation::service::{destination, endpoint as endpoints, signature};
use crate::config::Config;
use crate::sealed::Sealer;

const TIMEOUT: Duration = Duration::from_secs(10);
/// How much of an answer's body the log keeps.
const EXCERPT_BYTES: usize = 512;
/// How many clients are kept (all are dropped when more are needed).
const CLIENTS: usize = 256;
const IDLE: Duration = Duration::from_secs(4);

/// A client's key: the host and the addresses checked for it, in order.
type Pinned = (String, Vec<SocketAddr>);

/// What an attempt gave: the status answered (if any), how long it took, the start of the
/// answer, or why there was none.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: Option<u16>,
    pub latency: Duration,
    pub excerpt: Option<String>,
    pub error: Option<String>,
}

impl Outcome {
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }

    fn failed(error: impl ToString, started: Instant) -> Outcome {
        Outcome {
            status: None,
            latency: started.elapsed(),
            excerpt: None,
            error: Some(error.to_string()),
        }
    }
}

/// Sends deliveries. `to_loopback` and `roots` are the test settings of `LimitsConfig`.
pub struct Poster {
    sealer: Sealer,
    to_loopback: bool,
    roots: Vec<reqwest::Certificate>,
    clients: Mutex<HashMap<Pinned, reqwest::Client>>,
}

impl Poster {
    /// The poster the configuration describes, with the certificates a test trusts besides
    /// the system's.
    pub fn from_config(config: &Config) -> Poster {
        let limits = &config.limits;
        let roots = match &limits.webhook_roots {
            None => Vec::new(),
            Some(path) => std::fs::read(path)
                .ok()
                .and_then(|pem| reqwest::Certificate::from_pem_bundle(&pem).ok())
                .unwrap_or_else(|| {
                    tracing::warn!(path = %path.display(), "webhooks: the extra roots do not read");
                    Vec::new()
                }),
        };
        Poster {
            sealer: Sealer::new(&config.jwt_secret),
            to_loopback: limits.webhooks_to_loopback,
            roots,
            clients: Mutex::new(HashMap::new()),
        }
    }

    pub async fn post(&self, target: &endpoint::Model, row: &delivery::Model) -> Outcome {
        let started = Instant::now();
        let secrets = match endpoints::secrets_in_force(&self.sealer, target, Utc::now()) {
            Ok(secrets) => secrets,
            Err(error) => return Outcome::failed(error, started),
        };
        let checked = match destination::parse(&target.url) {
            Ok(url) => destination::resolve(&url, self.to_loopback).await,
            Err(refusal) => Err(refusal),
        };
        let destination = match checked {
            Ok(destination) => destination,
            Err(refusal) => return Outcome::failed(refusal, started),
        };
        let client = match self.client(&destination) {
            Ok(client) => client,
            Err(error) => return Outcome::failed(error, started),
        };
        let (id, timestamp) = (row.event_id.to_string(), Utc::now().timestamp());
        let signed = match signature::header(&secrets, &id, timestamp, row.body.as_bytes()) {
            Ok(signed) => signed,
            Err(error) => return Outcome::failed(error, started),
        };
        let sent = client
            .post(destination.url.clone())
            .header("content-type", "application/json")
            .header("user-agent", "Retaguarda-Webhooks/1")
            .header("webhook-id", id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signed)
            .body(row.body.clone())
            .send()
            .await;
        match sent {
            Ok(response) => {
                let status = response.status().as_u16();
                let excerpt = excerpt(response).await;
                Outcome {
                    status: Some(status),
                    latency: started.elapsed(),
                    excerpt,
                    error: None,
                }
            }
            Err(error) => Outcome::failed(error, started),
        }
    }

    /// The client kept for the destination's host and addresses, or a new one.
    fn client(
        &self,
        destination: &destination::Destination,
    ) -> Result<reqwest::Client, reqwest::Error> {
        let mut addresses = destination.addresses.clone();
        addresses.sort_unstable();
        let key = (destination.host.clone(), addresses);
        // A poisoned lock only loses the cache: the attempt builds its own client.
        if let Ok(clients) = self.clients.lock()
            && let Some(client) = clients.get(&key)
        {
            return Ok(client.clone());
        }
        let client = self.build(destination)?;
        if let Ok(mut clients) = self.clients.lock() {
            if clients.len() >= CLIENTS {
                clients.clear();
            }
            clients.insert(key, client.clone());
        }
        Ok(client)
    }

    /// A client that connects only to the addresses checked, follows no redirect and gives up
    /// after `TIMEOUT`.
    fn build(
        &self,
        destination: &destination::Destination,
    ) -> Result<reqwest::Client, reqwest::Error> {
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            // Below the 5 s many servers keep an idle connection, so none is reused as the
            // receiver closes it.
            .pool_idle_timeout(IDLE)
            .no_proxy()
            .resolve_to_addrs(&destination.host, &destination.addresses);
        for root in &self.roots {
            builder = builder.add_root_certificate(root.clone());
        }
        builder.build()
    }
}

/// The log's row of an attempt at `delivery` made at `at`.
pub fn logged(delivery: &delivery::Model, outcome: &Outcome, at: DateTime<Utc>) -> attempt::Model {
    attempt::Model {
        tenant_id: delivery.tenant_id,
        id: Uuid::now_v7(),
        delivery_id: delivery.id,
        endpoint_id: delivery.endpoint_id,
        at,
        status_code: outcome.status.map(i32::from),
        latency_ms: i32::try_from(outcome.latency.as_millis()).unwrap_or(i32::MAX),
        response_excerpt: outcome.excerpt.clone(),
        error: outcome.error.clone(),
    }
}

/// The first bytes of the answer (never more is read).
async fn excerpt(mut response: reqwest::Response) -> Option<String> {
    let mut bytes = Vec::new();
    while bytes.len() < EXCERPT_BYTES {
        match response.chunk().await {
            Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
            _ => break,
        }
    }
    bytes.truncate(EXCERPT_BYTES);
    // PostgreSQL's text holds no NUL: an answer with one is kept without it.
    (!bytes.is_empty()).then(|| String::from_utf8_lossy(&bytes).replace('\0', ""))
}
