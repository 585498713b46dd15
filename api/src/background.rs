//! What the server runs beside its requests: the modules' sweeps, the platform's own, and the
//! outbox worker with the modules' event handlers.

use chrono::Utc;
use sea_orm::DatabaseConnection;

use crate::config::Config;
use crate::metrics::Metrics;
use crate::module::{Services, StartError};
use crate::outbox::worker::Worker;
use crate::public_limit::PublicLimiter;
use crate::{idempotency, modules, sweep, tenancy};

/// Starts the sweeps and the outbox worker on the current runtime.
pub fn start(
    db: &DatabaseConnection,
    config: &Config,
    limiter: PublicLimiter,
    metrics: &Metrics,
) -> Result<(), StartError> {
    let services = Services {
        db,
        config,
        limiter: &limiter,
        registry: metrics.registry(),
    };
    let mut handlers = Vec::new();
    for module in modules::ALL {
        handlers.extend((module.event_handlers)(&services)?);
        for sweep in (module.sweeps)(&services) {
            tokio::spawn(sweep);
        }
    }
    let keys = db.clone();
    tokio::spawn(async move {
        sweep::every(idempotency::SWEEP_EVERY, "idempotency keys", || async {
            let tenants = tenancy::service::tenant::all_tenant_ids(&keys).await?;
            idempotency::forget_expired(&keys, &tenants, Utc::now()).await
        })
        .await
    });
    let worker = Worker {
        db: db.clone(),
        handlers,
        settings: config.outbox.clone(),
        failures: metrics.outbox_failures.clone(),
    };
    tokio::spawn(worker.run());
    Ok(())
}
