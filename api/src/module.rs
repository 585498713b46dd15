//! What a module declares once, for the server, the document, the worker and the tests to
//! read: its routes (each with what it asks of the caller), its part of the OpenAPI document,
//! its handlers of outbox events, its sweeps, and the conflict its routes answer in the
//! document's examples. Its tables are its entry in `layers.toml`. The app's list of modules
//! is `crate::modules::ALL`.

#[cfg(test)]
pub mod wire;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::access::permission::Grant;
use crate::config::Config;
use crate::error::ApiError;
use crate::outbox::worker::EventHandler;
use crate::public_limit::PublicLimiter;
use crate::routes::Routes;

/// A module's handlers of outbox events, or why they cannot start.
pub type EventHandlers = Result<Vec<Arc<dyn EventHandler>>, StartError>;

/// A background loop that runs as long as the server.
pub type Sweep = Pin<Box<dyn Future<Output = ()> + Send>>;

/// What a module is given to start its event handlers and sweeps.
pub struct Services<'a> {
    pub db: &'a DatabaseConnection,
    pub config: &'a Config,
    pub limiter: &'a PublicLimiter,
    /// Where a module registers the figures it counts (`/metrics`).
    pub registry: &'a prometheus::Registry,
}

/// The prefix of every figure the server counts (`retaguarda_…`).
pub const METRICS_NAMESPACE: &str = "retaguarda";

impl Services<'_> {
    /// A counter of the module's, registered for `/metrics` as `retaguarda_<name>`.
    pub fn counter(
        &self,
        name: &str,
        help: &str,
    ) -> Result<prometheus::IntCounter, prometheus::Error> {
        let counter = prometheus::IntCounter::with_opts(
            prometheus::Opts::new(name, help).namespace(METRICS_NAMESPACE),
        )?;
        self.registry.register(Box::new(counter.clone()))?;
        Ok(counter)
    }
}

/// A module could not start its part of the server.
#[derive(Debug, thiserror::Error)]
#[error("the {module} module cannot start: {source}")]
pub struct StartError {
    pub module: &'static str,
    pub source: Box<dyn std::error::Error + Send + Sync>,
}

pub struct Module {
    /// Its name: its folder, its entry in `layers.toml` and its operation ids' first part.
    pub name: &'static str,
    /// Its routes under `/api/v1`.
    pub routes: fn(&mut Routes),
    /// Its paths and schemas in the OpenAPI document.
    pub doc: fn() -> utoipa::openapi::OpenApi,
    /// Its handlers of outbox events.
    pub event_handlers: fn(&Services) -> EventHandlers,
    /// Its background loops.
    pub sweeps: fn(&Services) -> Vec<Sweep>,
    /// The conflict (409) an operation of it most often meets, shown in the document.
    pub conflict: fn(operation_id: &str) -> Option<ApiError>,
    /// Its links in the document: what an answer's id may be given to next.
    pub links: &'static [Link],
    /// Its rows of the permission table: each permission it owns, whether an API key may hold
    /// it, and the roles that have it (`crate::modules::install_permissions` hands the union
    /// to `access::permission`; a test fails for a permission no module or two declare).
    pub permissions: &'static [Grant],
    /// The types its routes take and answer, for the document tests (`module::wire`).
    #[cfg(test)]
    pub wire_types: fn(&mut wire::WireTypes),
}

/// An OpenAPI link: the id in an operation's answer, given to the operations that take it as a
/// path parameter, so a client (and schemathesis's stateful phase) can walk from a create to
/// the routes that use what it made.
pub struct Link {
    /// The operation (its id) whose successful answer holds the id.
    pub from: &'static str,
    /// Where the id is in that answer's body: a JSON pointer.
    pub body: &'static str,
    /// The path parameter each operation of `to` takes it as.
    pub parameter: &'static str,
    /// The operations (their ids) it is given to.
    pub to: &'static [&'static str],
}

impl Link {
    /// The `id` of `from`'s answer, given to each of `to` as its `{id}`.
    pub const fn new(from: &'static str, to: &'static [&'static str]) -> Link {
        Link {
            from,
            body: "/id",
            parameter: "id",
            to,
        }
    }

    /// The id found at `body` (a JSON pointer) instead of `/id`.
    pub const fn at(self, body: &'static str) -> Link {
        Link { body, ..self }
    }

    /// Given as the path parameter `parameter` instead of `id`.
    pub const fn as_parameter(self, parameter: &'static str) -> Link {
        Link { parameter, ..self }
    }
}

impl Module {
    /// A module with routes and a document only; set the rest with struct update syntax.
    pub const fn new(
        name: &'static str,
        routes: fn(&mut Routes),
        doc: fn() -> utoipa::openapi::OpenApi,
    ) -> Module {
        Module {
            name,
            routes,
            doc,
            event_handlers: |_| Ok(Vec::new()),
            sweeps: |_| Vec::new(),
            conflict: |_| None,
            links: &[],
            permissions: &[],
            #[cfg(test)]
            wire_types: |_| {},
        }
    }

    /// Its routes as declared, without serving them.
    pub fn declared(&self) -> Routes {
        let mut routes = Routes::describing();
        (self.routes)(&mut routes);
        routes
    }
}
