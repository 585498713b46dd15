//! A statement that is a transaction of its own, sent with its scope in one message
//! (PostgreSQL): the server runs a message's statements as one implicit transaction, so the
//! transaction-local role and settings hold for the statement, it commits when the message
//! ends, and a failure anywhere rolls all of it back. One round trip instead of four (`BEGIN`
//! with the scope, a setting, the statement, `COMMIT`).

use sea_orm::sqlx::{self, AssertSqlSafe, PgPool};
use sea_orm::{DbErr, QueryResult};

use super::transaction::{query_error, scoping};

/// Runs `statement` (its values written in it: a simple query has no parameters) as the
/// application role with `scope` set: the rows of every statement of the message, in order
/// (the scoping's own first).
pub async fn scoped_once(
    pool: &PgPool,
    scope: &[(&str, &str)],
    statement: &str,
) -> Result<Vec<QueryResult>, DbErr> {
    let sql = format!("{}; {statement}", scoping(scope)?);
    sqlx::raw_sql(AssertSqlSafe(sql))
        .fetch_all(pool)
        .await
        .map(|rows| rows.into_iter().map(QueryResult::from).collect())
        .map_err(query_error)
}
