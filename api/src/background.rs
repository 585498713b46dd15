//! What the server runs beside its requests: the sweeps and the outbox worker with the
//! modules' event handlers. The one place that knows them all, so no module knows another's.

use std::sync::Arc;

use chrono::Utc;
use sea_orm::DatabaseConnection;

use crate::config::Config;
use crate::mail::events::MailEvents;
use crate::mail::transport::{Mailer, TransportError};
use crate::metrics::Metrics;
use crate::outbox::worker::{EventHandler, Worker};
use crate::public_limit::PublicLimiter;
use crate::{auth, idempotency, inventory, sweep, tenancy};

/// The modules' handlers of outbox events.
fn event_handlers(
    config: &Config,
    metrics: &Metrics,
) -> Result<Vec<Arc<dyn EventHandler>>, TransportError> {
    let mail = MailEvents {
        mailer: Arc::new(Mailer::from_config(&config.mail)?),
        mail: config.mail.clone(),
        sent: metrics.emails_sent.clone(),
    };
    Ok(vec![Arc::new(mail)])
}

/// Starts the sweeps and the outbox worker on the current runtime.
pub fn start(
    db: &DatabaseConnection,
    config: &Config,
    limiter: PublicLimiter,
    metrics: &Metrics,
) -> Result<(), TransportError> {
    tokio::spawn(inventory::sweep::run(db.clone()));
    let keys = db.clone();
    tokio::spawn(async move {
        sweep::every(idempotency::SWEEP_EVERY, "idempotency keys", || async {
            let tenants = tenancy::service::tenant::all_tenant_ids(&keys).await?;
            idempotency::forget_expired(&keys, &tenants, Utc::now()).await
        })
        .await
    });
    tokio::spawn(auth::login_limit::run_sweep(db.clone(), limiter));
    let worker = Worker {
        db: db.clone(),
        handlers: event_handlers(config, metrics)?,
        settings: config.outbox.clone(),
        failures: metrics.outbox_failures.clone(),
    };
    tokio::spawn(worker.run());
    Ok(())
}
