//! Connecting, migrating, and opening transactions: the tenant wall lives here.
//!
//! Every tenant transaction on PostgreSQL switches to the application role and sets
//! `app.tenant_id`, both transaction-local and in the message that begins it (see
//! `transaction`), so row-level security applies to it. On SQLite the
//! scoped queries are the wall, and a write transaction waits for its turn in the process's
//! queue of writers (`sqlite_writer`), then begins `IMMEDIATE`.

use std::time::Duration;

mod one_message;
mod sqlite_writer;
mod tenant;
mod transaction;

use entity::TenantId;
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use uuid::Uuid;

pub use one_message::scoped_once;
pub use tenant::{Cause, TenantTransaction};
pub use transaction::{PgTransaction, SqliteTransaction, Transaction};

/// Whether a transaction will write. On SQLite a writing transaction takes the write lock at
/// `BEGIN`, which is what makes conditional updates safe under concurrency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Connections kept open to PostgreSQL unless configured. A request holds its connection from
/// `BEGIN` to `COMMIT`, and between statements the connection waits on the server, so the pool
/// should cover the requests in flight: reserving with 32 clients, a pool of 8 held about 860
/// reservations/s, 16 about 1,080, 32 about 1,260 (on 2 cores, PostgreSQL on the same machine).
pub const POSTGRES_POOL: u32 = 32;
/// SQLite writes one transaction at a time (writers queue in `sqlite_writer` before they
/// take a connection); the other connections serve readers meanwhile.
pub const SQLITE_POOL: u32 = 8;

/// Opens the pool: `pool` connections at most, or the backend's default.
pub async fn connect(url: &str, pool: Option<u32>) -> Result<DatabaseConnection, DbErr> {
    let sqlite = url.starts_with("sqlite:");
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(pool.unwrap_or(if sqlite { SQLITE_POOL } else { POSTGRES_POOL }))
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        // A request waits this long for a connection, then is answered 503: when the database
        // is down, clients hear so at once instead of hanging.
        .acquire_timeout(Duration::from_secs(3))
        // A ping on every checkout is a round trip per transaction; a connection idle long
        // enough to have been dropped is still pinged.
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    Database::connect(options).await
}

/// Connections of the numbering pool (`side_pool`): a number takes one for a statement.
pub const NUMBERING_POOL: u32 = 4;

/// A small pool beside `db`'s, on PostgreSQL, for work a transaction needs done apart from
/// itself (an order's number): taken from `db`'s own pool, every request could hold one
/// connection while waiting for a second, and none would get one. Connects when first used.
pub fn side_pool(db: &DatabaseConnection, size: u32) -> Option<DatabaseConnection> {
    if db.get_database_backend() != DbBackend::Postgres {
        return None;
    }
    let options = db.get_postgres_connection_pool().connect_options();
    let pool = sea_orm::sqlx::postgres::PgPoolOptions::new()
        .max_connections(size)
        .acquire_timeout(Duration::from_secs(10))
        .connect_lazy_with((*options).clone());
    Some(sea_orm::SqlxPostgresConnector::from_sqlx_postgres_pool(
        pool,
    ))
}

pub async fn connect_and_migrate(
    url: &str,
    pool: Option<u32>,
) -> Result<DatabaseConnection, DbErr> {
    let db = connect(url, pool).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// A transaction outside any tenant, for the global tables (users, refresh tokens, …).
pub async fn begin(db: &DatabaseConnection, access: Access) -> Result<Transaction, DbErr> {
    begin_scoped(db, access, &[]).await
}

/// A transaction that sees only `tenant_id`'s rows of the tenant tables.
pub async fn begin_tenant(
    db: &DatabaseConnection,
    tenant_id: TenantId,
    access: Access,
) -> Result<TenantTransaction, DbErr> {
    let tenant = tenant_id.to_string();
    let txn = begin_scoped(db, access, &[("app.tenant_id", &tenant)]).await?;
    Ok(TenantTransaction::new(txn, tenant_id))
}

/// A transaction that sees one user's memberships of every tenant and no other tenant row:
/// what login needs before a tenant is chosen.
pub async fn begin_user_scope(
    db: &DatabaseConnection,
    user_id: Uuid,
) -> Result<Transaction, DbErr> {
    let user = user_id.to_string();
    begin_scoped(db, Access::Read, &[("app.user_id", &user)]).await
}

/// Begins a transaction that, on PostgreSQL, runs as the application role with each
/// `(setting, value)` of `scope` set, both transaction-local so that a pooled connection never
/// carries them over; with an empty scope it runs as the connecting role. SQLite has no roles
/// or settings.
async fn begin_scoped(
    db: &DatabaseConnection,
    access: Access,
    scope: &[(&str, &str)],
) -> Result<Transaction, DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        let pool = db.get_postgres_connection_pool();
        return PgTransaction::begin(pool, access, scope)
            .await
            .map(Transaction::from);
    }
    let turn = match access {
        Access::Write => Some(sqlite_writer::turn(db).await),
        Access::Read => None,
    };
    let sqlite_transaction_mode =
        (access == Access::Write).then_some(SqliteTransactionMode::Immediate);
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode,
            ..Default::default()
        })
        .await?;
    Ok(Transaction::from(SqliteTransaction::new(txn, turn)))
}

/// Lets the transaction write rows before the rows they refer to: the references are checked
/// at commit. On PostgreSQL the references that need it are declared so (see the migration
/// `search_and_late_numbers`); SQLite is told for this transaction.
pub async fn defer_foreign_keys(conn: &impl ConnectionTrait) -> Result<(), DbErr> {
    if conn.get_database_backend() == DbBackend::Sqlite {
        conn.execute_unprepared("PRAGMA defer_foreign_keys = ON")
            .await?;
    }
    Ok(())
}

/// Checks that the database answers, for `/health/ready`.
/// A write refused by a unique index is `taken()` (what the caller names as taken: a SKU, an
/// email, a code); any other failure stays the database error it was.
pub fn taken_or<E: From<DbErr>>(error: DbErr, taken: impl FnOnce() -> E) -> E {
    match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => taken(),
        _ => E::from(error),
    }
}

pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.ping().await
}

/// Lets a tenant transaction also see the given user's memberships of other tenants.
pub async fn add_user_scope(txn: &Transaction, user_id: Uuid) -> Result<(), DbErr> {
    match txn.postgres() {
        Some(txn) => txn.scope("app.user_id", &user_id.to_string()).await,
        None => Ok(()),
    }
}

/// A transaction of the outbox worker's claim: on PostgreSQL it may see the outbox rows of
/// every store (a policy of the outbox table alone), and nothing else of any store.
pub async fn begin_outbox_worker(
    db: &DatabaseConnection,
    access: Access,
) -> Result<Transaction, DbErr> {
    begin_scoped(db, access, &[("app.outbox_worker", "on")]).await
}

/// `SUM(column)` as a 64-bit integer on both databases (PostgreSQL sums `bigint` to
/// `numeric`), for totals of units counted by `GROUP BY`.
pub fn units_sum(column: impl sea_orm::sea_query::IntoColumnRef) -> sea_orm::sea_query::Expr {
    use sea_orm::sea_query::{Alias, Expr, Func};
    Func::cast_as(Func::sum(Expr::col(column)), Alias::new("bigint")).into()
}
