//! Background sweeps: a round of work every so often, for as long as the server runs.

use std::future::Future;
use std::time::Duration;

use sea_orm::DbErr;

/// Runs `round` now and then every `every` until the runtime stops. A round answers how many
/// things it did (logged when any); a failure is logged and the next round tries again.
pub async fn every<F, Fut>(every: Duration, what: &'static str, round: F)
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<u64, DbErr>>,
{
    let mut ticker = tokio::time::interval(every);
    loop {
        ticker.tick().await;
        match round().await {
            Ok(0) => {}
            Ok(done) => tracing::info!(done, sweep = what, "swept"),
            Err(error) => tracing::warn!(%error, sweep = what, "the sweep failed"),
        }
    }
}
