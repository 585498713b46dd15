//! A PostgreSQL transaction whose `BEGIN` carries its scope. sea-orm's `begin` sends `BEGIN`
//! alone, so setting the role and the tenant took a second round trip in every transaction.
//! Here `BEGIN` and the `set_config`s go to the server as one simple-query message; after that
//! the transaction runs sea-orm's statements as sea-orm's own transaction does (prepared and
//! cached, on one pooled connection), and is rolled back if dropped unfinished.

use sea_orm::sqlx::{self, PgPool, Postgres, Transaction};
use sea_orm::{
    ConnAcquireErr, ConnectionTrait, DbBackend, DbErr, ExecResult, QueryResult, RuntimeErr,
    Statement,
};
use sea_query_sqlx::SqlxValues;
use tokio::sync::Mutex;

pub struct ScopedTransaction(Mutex<Transaction<'static, Postgres>>);

impl ScopedTransaction {
    /// Begins a transaction on a connection of `pool` with each `(setting, value)` set for
    /// the transaction only (`role` is `SET LOCAL ROLE`).
    pub async fn begin(pool: &PgPool, settings: &[(&str, &str)]) -> Result<Self, DbErr> {
        let calls: Vec<String> = settings
            .iter()
            .map(|(name, value)| format!("set_config({}, {}, true)", literal(name), literal(value)))
            .collect();
        let begin = format!("BEGIN; SELECT {}", calls.join(", "));
        let txn =
            pool.begin_with(sqlx::AssertSqlSafe(begin))
                .await
                .map_err(|error| match error {
                    sqlx::Error::PoolTimedOut => DbErr::ConnectionAcquire(ConnAcquireErr::Timeout),
                    other => DbErr::Conn(RuntimeErr::SqlxError(other.into())),
                })?;
        Ok(ScopedTransaction(Mutex::new(txn)))
    }

    pub async fn commit(self) -> Result<(), DbErr> {
        self.0.into_inner().commit().await.map_err(exec_error)
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        self.0.into_inner().rollback().await.map_err(exec_error)
    }
}

/// A string as an SQL literal (`standard_conforming_strings` is on in every supported
/// PostgreSQL). The values given are names and UUIDs, never a client's text.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn exec_error(error: sqlx::Error) -> DbErr {
    DbErr::Exec(RuntimeErr::SqlxError(error.into()))
}

fn query_error(error: sqlx::Error) -> DbErr {
    DbErr::Query(RuntimeErr::SqlxError(error.into()))
}

fn query(statement: &Statement) -> sqlx::query::Query<'_, Postgres, SqlxValues> {
    let values = statement
        .values
        .clone()
        .unwrap_or_else(|| sea_orm::Values(Vec::new()));
    sqlx::query_with(
        sqlx::AssertSqlSafe(statement.sql.as_str()),
        SqlxValues(values),
    )
}

#[async_trait::async_trait]
impl ConnectionTrait for ScopedTransaction {
    fn get_database_backend(&self) -> DbBackend {
        DbBackend::Postgres
    }

    async fn execute_raw(&self, statement: Statement) -> Result<ExecResult, DbErr> {
        let mut txn = self.0.lock().await;
        query(&statement)
            .execute(&mut **txn)
            .await
            .map(ExecResult::from)
            .map_err(exec_error)
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        let mut txn = self.0.lock().await;
        sqlx::Executor::execute(&mut **txn, sqlx::AssertSqlSafe(sql.to_owned()))
            .await
            .map(ExecResult::from)
            .map_err(exec_error)
    }

    async fn query_one_raw(&self, statement: Statement) -> Result<Option<QueryResult>, DbErr> {
        let mut txn = self.0.lock().await;
        query(&statement)
            .fetch_optional(&mut **txn)
            .await
            .map(|row| row.map(QueryResult::from))
            .map_err(query_error)
    }

    async fn query_all_raw(&self, statement: Statement) -> Result<Vec<QueryResult>, DbErr> {
        let mut txn = self.0.lock().await;
        query(&statement)
            .fetch_all(&mut **txn)
            .await
            .map(|rows| rows.into_iter().map(QueryResult::from).collect())
            .map_err(query_error)
    }
}

#[cfg(test)]
mod tests {
    use super::literal;

    #[test]
    fn a_literal_doubles_its_quotes() {
        assert_eq!(literal("app.tenant_id"), "'app.tenant_id'");
        assert_eq!(literal("it's"), "'it''s'");
    }
}
