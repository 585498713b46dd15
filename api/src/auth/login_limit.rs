//! Limits password guessing. Every login attempt is counted **before** its password is checked,
//! in one statement that bumps three counters in the database (so every server of a deployment
//! shares them, and parallel attempts each get their own count): 10 a minute per account and
//! address, 100 an hour per account, 30 a minute per address. An attempt over any limit is
//! refused with 429 and never reaches argon2.

use std::time::Duration;

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, Value};

use super::error::AuthError;
use crate::public_limit::PublicLimiter;

const MINUTE_MS: i64 = 60_000;
const HOUR_MS: i64 = 60 * MINUTE_MS;

/// A counter: its key, its window and the attempts it allows in one.
struct Limit {
    key: String,
    window_ms: i64,
    allowed: i32,
}

fn limits(email: &str, ip: &str) -> [Limit; 3] {
    [
        Limit {
            key: format!("account+address:{email} {ip}"),
            window_ms: MINUTE_MS,
            allowed: 10,
        },
        Limit {
            key: format!("account:{email}"),
            window_ms: HOUR_MS,
            allowed: 100,
        },
        Limit {
            key: format!("address:{ip}"),
            window_ms: MINUTE_MS,
            allowed: 30,
        },
    ]
}

/// Counts the attempt and refuses it when a window is already full, saying when to try again.
pub async fn count_attempt(
    db: &DatabaseConnection,
    email: &str,
    ip: &str,
) -> Result<(), AuthError> {
    let now_ms = Utc::now().timestamp_millis();
    let limits = limits(email, ip);
    let backend = db.get_database_backend();
    let mut values = Vec::new();
    let mut rows = Vec::new();
    for (i, limit) in limits.iter().enumerate() {
        let [a, b, c] = [1, 2, 3].map(|k| placeholder(backend, i * 3 + k));
        rows.push(format!("({a}, {b}, {c}, 1)"));
        values.extend([
            Value::from(limit.key.clone()),
            Value::from(now_ms),
            Value::from(limit.window_ms),
        ]);
    }
    // A window that has run out starts again with this attempt; otherwise the count goes up.
    // The row lock of the upsert makes parallel attempts count one after the other.
    let sql = format!(
        "INSERT INTO login_attempts (key, window_start_ms, window_ms, count) VALUES {}
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN excluded.window_start_ms - login_attempts.window_start_ms
                             >= login_attempts.window_ms
                        THEN 1 ELSE login_attempts.count + 1 END,
           window_start_ms = CASE WHEN excluded.window_start_ms - login_attempts.window_start_ms
                                       >= login_attempts.window_ms
                                  THEN excluded.window_start_ms
                                  ELSE login_attempts.window_start_ms END
         RETURNING key, window_start_ms, window_ms, count",
        rows.join(", ")
    );
    let counted = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let mut retry_after_ms = 0;
    for row in counted {
        let key: String = row.try_get("", "key")?;
        let start: i64 = row.try_get("", "window_start_ms")?;
        let window: i64 = row.try_get("", "window_ms")?;
        let count: i32 = row.try_get("", "count")?;
        let allowed = limits
            .iter()
            .find(|limit| limit.key == key)
            .map_or(i32::MAX, |limit| limit.allowed);
        if count > allowed {
            retry_after_ms = retry_after_ms.max(start + window - now_ms);
        }
    }
    if retry_after_ms > 0 {
        return Err(AuthError::TooManyAttempts {
            retry_after: (retry_after_ms as u64).div_ceil(1000).max(1),
        });
    }
    Ok(())
}

/// Every ten minutes: deletes the counters whose window ended, and forgets the addresses whose
/// allowance of the public routes is full again.
pub async fn run_sweep(db: DatabaseConnection, limiter: PublicLimiter) {
    crate::sweep::every(Duration::from_secs(600), "login attempts", || {
        limiter.forget_idle();
        sweep(&db)
    })
    .await;
}

/// Deletes the counters whose window ended.
pub async fn sweep(db: &DatabaseConnection) -> Result<u64, DbErr> {
    let now_ms = Utc::now().timestamp_millis();
    let backend = db.get_database_backend();
    let sql = format!(
        "DELETE FROM login_attempts WHERE window_start_ms + window_ms < {}",
        placeholder(backend, 1)
    );
    let deleted = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [Value::from(now_ms)],
        ))
        .await?;
    Ok(deleted.rows_affected())
}

fn placeholder(backend: DbBackend, n: usize) -> String {
    match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => "?".to_owned(),
    }
}
