//! The transaction every request works in.
//!
//! On SQLite it is sea-orm's own. On PostgreSQL it is a sqlx transaction whose `BEGIN` also
//! switches to the application role and sets the scope (the tenant), in one simple-query
//! message: sea-orm sends `BEGIN` on its own and the scope would cost a second round trip,
//! which on a busy machine is a sixth of a reservation's cost (each round trip wakes the
//! server process and the request's worker once more). It begins, commits and rolls back as
//! sea-orm's does, with sqlx's `TransactionManager`. Statements are bound by
//! `sea-query-sqlx`, as sea-orm binds them, and rows and errors come back as sea-orm's.

use migration::rls::APP_ROLE;
use sea_orm::sqlx::pool::PoolConnection;
use sea_orm::sqlx::postgres::PgTransactionManager;
use sea_orm::sqlx::{self, AssertSqlSafe, PgPool, Postgres, SqlSafeStr};
use sea_orm::{
    ConnAcquireErr, ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, RuntimeErr, Statement,
};
use sea_query_sqlx::SqlxValues;
use sqlx_core::transaction::TransactionManager;
use tokio::sync::Mutex;

use super::Access;
use crate::batch_write::write_together;

/// A database transaction: commit it, or drop it (or `rollback`) to undo it. A write that must
/// be made before it commits, but that may wait to go with later writes in one round trip, is
/// queued on it (`queue`); `commit` sends what is queued, then commits.
pub struct Transaction {
    conn: Conn,
    /// Never locked across an `.await`.
    queued: std::sync::Mutex<Vec<Statement>>,
}

enum Conn {
    Sqlite(SqliteTransaction),
    Postgres(PgTransaction),
}

/// sea-orm's SQLite transaction, with the write turn it holds (`sqlite_writer`) when it
/// writes. The turn passes on only once the transaction has ended: dropped unfinished, it
/// rolls back on a task of its own and then lets the next writer in, so that writer's `BEGIN`
/// never meets the lock still held.
pub struct SqliteTransaction {
    txn: Option<DatabaseTransaction>,
    turn: Option<super::sqlite_writer::Turn>,
}

impl SqliteTransaction {
    pub(super) fn new(txn: DatabaseTransaction, turn: Option<super::sqlite_writer::Turn>) -> Self {
        SqliteTransaction {
            txn: Some(txn),
            turn,
        }
    }

    fn open(&self) -> Result<&DatabaseTransaction, DbErr> {
        self.txn
            .as_ref()
            .ok_or_else(|| DbErr::Custom("the transaction has ended".into()))
    }

    async fn commit(mut self) -> Result<(), DbErr> {
        match self.txn.take() {
            Some(txn) => txn.commit().await,
            None => Ok(()),
        }
    }

    async fn rollback(mut self) -> Result<(), DbErr> {
        match self.txn.take() {
            Some(txn) => txn.rollback().await,
            None => Ok(()),
        }
    }
}

impl Drop for SqliteTransaction {
    fn drop(&mut self) {
        let (Some(txn), Some(turn)) = (self.txn.take(), self.turn.take()) else {
            return;
        };
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                if let Err(error) = txn.rollback().await {
                    tracing::warn!(%error, "an unfinished SQLite transaction did not roll back");
                }
                drop(turn);
            });
        }
    }
}

impl From<SqliteTransaction> for Transaction {
    fn from(sqlite: SqliteTransaction) -> Transaction {
        Transaction::new(Conn::Sqlite(sqlite))
    }
}

impl From<PgTransaction> for Transaction {
    fn from(txn: PgTransaction) -> Transaction {
        Transaction::new(Conn::Postgres(txn))
    }
}

impl Transaction {
    fn new(conn: Conn) -> Transaction {
        Transaction {
            conn,
            queued: std::sync::Mutex::new(Vec::new()),
        }
    }

    pub(super) fn postgres(&self) -> Option<&PgTransaction> {
        match &self.conn {
            Conn::Postgres(txn) => Some(txn),
            Conn::Sqlite(_) => None,
        }
    }

    /// Queues writes (inserts, updates, deletes without `RETURNING`, independent of one
    /// another as `batch_write` requires) to send before commit. They are not sent now: until
    /// then, this transaction's reads do not see them.
    pub fn queue(&self, statements: impl IntoIterator<Item = Statement>) {
        self.lock_queue().extend(statements);
    }

    /// Sends what is queued and then `statements`, in one round trip on PostgreSQL: how a
    /// caller that writes anyway takes the queue along.
    pub async fn write_with_queued(&self, statements: Vec<Statement>) -> Result<(), DbErr> {
        let mut writes = std::mem::take(&mut *self.lock_queue());
        writes.extend(statements);
        write_together(self, writes).await
    }

    /// Sends what is queued, then commits. When the queued writes fail, nothing is
    /// committed: the transaction is dropped, and so rolled back.
    pub async fn commit(self) -> Result<(), DbErr> {
        self.write_with_queued(Vec::new()).await?;
        match self.conn {
            Conn::Sqlite(sqlite) => sqlite.commit().await,
            Conn::Postgres(txn) => txn.commit().await,
        }
    }

    /// Undoes everything, what is queued included.
    pub async fn rollback(self) -> Result<(), DbErr> {
        match self.conn {
            Conn::Sqlite(sqlite) => sqlite.rollback().await,
            Conn::Postgres(txn) => txn.rollback().await,
        }
    }

    fn lock_queue(&self) -> std::sync::MutexGuard<'_, Vec<Statement>> {
        // A panic while it was held left a whole list: nothing runs between its steps.
        self.queued
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for Transaction {
    fn get_database_backend(&self) -> DbBackend {
        match &self.conn {
            Conn::Sqlite(_) => DbBackend::Sqlite,
            Conn::Postgres(_) => DbBackend::Postgres,
        }
    }

    async fn execute_raw(&self, statement: Statement) -> Result<ExecResult, DbErr> {
        match &self.conn {
            Conn::Sqlite(sqlite) => sqlite.open()?.execute_raw(statement).await,
            Conn::Postgres(txn) => txn.execute_raw(statement).await,
        }
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        match &self.conn {
            Conn::Sqlite(sqlite) => sqlite.open()?.execute_unprepared(sql).await,
            Conn::Postgres(txn) => txn.execute_unprepared(sql).await,
        }
    }

    async fn query_one_raw(&self, statement: Statement) -> Result<Option<QueryResult>, DbErr> {
        match &self.conn {
            Conn::Sqlite(sqlite) => sqlite.open()?.query_one_raw(statement).await,
            Conn::Postgres(txn) => txn.query_one_raw(statement).await,
        }
    }

    async fn query_all_raw(&self, statement: Statement) -> Result<Vec<QueryResult>, DbErr> {
        match &self.conn {
            Conn::Sqlite(sqlite) => sqlite.open()?.query_all_raw(statement).await,
            Conn::Postgres(txn) => txn.query_all_raw(statement).await,
        }
    }
}

/// A PostgreSQL transaction that was scoped as it began. Dropped unfinished, it queues its
/// `ROLLBACK`, which runs before the connection serves anyone else, and the role and settings,
/// being transaction-local, go with it.
pub struct PgTransaction(Mutex<PoolConnection<Postgres>>, Access);

impl PgTransaction {
    /// Begins on a connection of `pool`, as the application role with each `(setting, value)`
    /// set when `scope` is not empty, as the connecting role otherwise. A transaction that
    /// reads sees one snapshot throughout (`REPEATABLE READ`), as SQLite's do: a view made of
    /// several reads never mixes the state before a commit with the state after it. It is
    /// also `READ ONLY`, so a write slipped into one fails at once, not now and then.
    pub async fn begin(
        pool: &PgPool,
        access: Access,
        scope: &[(&str, &str)],
    ) -> Result<PgTransaction, DbErr> {
        let begin = match access {
            Access::Read => "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
            Access::Write => "BEGIN",
        };
        let statement = match scope {
            [] if access == Access::Write => None,
            [] => Some(AssertSqlSafe(begin).into_sql_str()),
            _ => Some(AssertSqlSafe(format!("{begin}; {}", scoping(scope)?)).into_sql_str()),
        };
        let mut beginning = Beginning(Some(pool.acquire().await.map_err(acquire_error)?));
        if let Some(conn) = beginning.0.as_mut() {
            PgTransactionManager::begin(conn, statement)
                .await
                .map_err(query_error)?;
        }
        beginning
            .0
            .take()
            .map(|conn| PgTransaction(Mutex::new(conn), access))
            .ok_or_else(|| DbErr::Custom("the connection was lost while beginning".into()))
    }

    /// Widens the scope for the rest of the transaction (and switches to the application
    /// role, if it began unscoped).
    pub async fn scope(&self, setting: &str, value: &str) -> Result<(), DbErr> {
        self.execute_unprepared(&scoping(&[(setting, value)])?)
            .await
            .map(drop)
    }

    /// Commits; a transaction that only read is dropped instead: its `ROLLBACK` goes with the
    /// ping sqlx sends as the connection returns to the pool, a round trip fewer.
    async fn commit(self) -> Result<(), DbErr> {
        if self.1 == Access::Read {
            return Ok(());
        }
        let mut conn = self.0.lock().await;
        PgTransactionManager::commit(&mut conn)
            .await
            .map_err(exec_error)
    }

    async fn rollback(self) -> Result<(), DbErr> {
        let mut conn = self.0.lock().await;
        PgTransactionManager::rollback(&mut conn)
            .await
            .map_err(exec_error)
    }

    async fn execute_raw(&self, statement: Statement) -> Result<ExecResult, DbErr> {
        let mut conn = self.0.lock().await;
        bound(&statement)
            .execute(&mut **conn)
            .await
            .map(ExecResult::from)
            .map_err(exec_error)
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        let mut conn = self.0.lock().await;
        sqlx::raw_sql(AssertSqlSafe(sql))
            .execute(&mut **conn)
            .await
            .map(ExecResult::from)
            .map_err(exec_error)
    }

    async fn query_one_raw(&self, statement: Statement) -> Result<Option<QueryResult>, DbErr> {
        let mut conn = self.0.lock().await;
        bound(&statement)
            .fetch_optional(&mut **conn)
            .await
            .map(|row| row.map(QueryResult::from))
            .map_err(query_error)
    }

    async fn query_all_raw(&self, statement: Statement) -> Result<Vec<QueryResult>, DbErr> {
        let mut conn = self.0.lock().await;
        bound(&statement)
            .fetch_all(&mut **conn)
            .await
            .map(|rows| rows.into_iter().map(QueryResult::from).collect())
            .map_err(query_error)
    }
}

impl Drop for PgTransaction {
    fn drop(&mut self) {
        // Nothing when committed or rolled back: the transaction is no longer open.
        PgTransactionManager::start_rollback(self.0.get_mut());
    }
}

/// A connection whose `BEGIN` is on its way. sqlx counts the transaction only once PostgreSQL
/// has answered, so a failure or cancellation before then (a client gone) would otherwise
/// return the connection to the pool inside an uncounted transaction, scoped to the tenant,
/// for the next request to inherit. Dropped unfinished, it closes the connection instead:
/// PostgreSQL then ends the transaction, and the pool opens another connection.
struct Beginning(Option<PoolConnection<Postgres>>);

impl Drop for Beginning {
    fn drop(&mut self) {
        if let Some(conn) = self.0.take() {
            drop(conn.detach());
        }
    }
}

fn bound(statement: &Statement) -> sqlx::query::Query<'_, Postgres, SqlxValues> {
    let values = statement
        .values
        .clone()
        .unwrap_or_else(|| sea_orm::Values(Vec::new()));
    sqlx::query_with(AssertSqlSafe(statement.sql.as_str()), SqlxValues(values))
}

/// `SELECT set_config('role', …), set_config(…), …`: after `BEGIN` in the same message, the
/// two run in order, and a failure of either leaves no transaction begun.
pub(super) fn scoping(scope: &[(&str, &str)]) -> Result<String, DbErr> {
    let mut calls = vec![set_config("role", APP_ROLE)?];
    for (setting, value) in scope {
        calls.push(set_config(setting, value)?);
    }
    Ok(format!("SELECT {}", calls.join(", ")))
}

/// A transaction-local `set_config` with its arguments written as literals: a simple query
/// has no parameters, so only names and values that need no quoting are let through (ours
/// are role and setting names, ids and flags).
fn set_config(setting: &str, value: &str) -> Result<String, DbErr> {
    for text in [setting, value] {
        let plain = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if !plain {
            return Err(DbErr::Custom(format!(
                "`{text}` cannot be written into a transaction's scope"
            )));
        }
    }
    Ok(format!("set_config('{setting}', '{value}', true)"))
}

/// What sea-orm makes of the same failures, so that `crate::error` reads them alike: a pool
/// with no free connection is `ConnectionAcquire`.
fn acquire_error(error: sqlx::Error) -> DbErr {
    match error {
        sqlx::Error::PoolTimedOut => DbErr::ConnectionAcquire(ConnAcquireErr::Timeout),
        sqlx::Error::PoolClosed => DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed),
        error => DbErr::Conn(RuntimeErr::SqlxError(error.into())),
    }
}

fn exec_error(error: sqlx::Error) -> DbErr {
    DbErr::Exec(RuntimeErr::SqlxError(error.into()))
}

pub(super) fn query_error(error: sqlx::Error) -> DbErr {
    DbErr::Query(RuntimeErr::SqlxError(error.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scope_switches_role_and_sets_each_setting() {
        let sql = scoping(&[("app.tenant_id", "0196f5a0-0000-7000-8000-000000000001")]);
        assert_eq!(
            sql.ok(),
            Some(format!(
                "SELECT set_config('role', '{APP_ROLE}', true), \
                 set_config('app.tenant_id', '0196f5a0-0000-7000-8000-000000000001', true)"
            ))
        );
    }

    #[test]
    fn a_value_that_would_need_quoting_is_refused() {
        for value in ["x', true); DROP TABLE tenants; --", "", "a b", "a\\b"] {
            assert!(set_config("app.tenant_id", value).is_err(), "{value}");
        }
    }
}
