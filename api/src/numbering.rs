//! Per-store numbers (purchase orders, orders): a counter row per store and name. Bumped in
//! the transaction of the record it numbers, numbers are gapless (a rolled-back record gives
//! its number back), but the bump locks the counter until commit: callers take their number as
//! late as they can, and `insert_numbered` takes it in the very statement that writes the
//! numbered rows. `Numbering::Apart` takes it instead in a short transaction of its own
//! (PostgreSQL): the counter is locked for one statement, numbers stay unique and increasing,
//! and a record that then fails leaves a gap. Orders are numbered so; invoices, which the law
//! wants gapless, will not be.

use crate::db::TenantTransaction;
use entity::TenantId;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, QueryFilter, QueryTrait, Statement,
};

use entity::counter::{self, Column};

use crate::batch_write::{Row, query_after, write_together};

/// The step of `insert_numbered`'s statement that takes the number.
const STEP: &str = "numbered";

/// The number rows are inserted with: already taken, or taken by the statement that inserts
/// them (PostgreSQL).
pub enum Number {
    Taken(i64),
    InStatement,
}

impl Number {
    /// The number plus `offset`, as the value of a column.
    pub fn plus(&self, offset: i64) -> Expr {
        match self {
            Number::Taken(number) => Expr::val(number + offset),
            Number::InStatement => {
                Expr::cust_with_values(format!("{STEP}.last_value + $1"), [offset])
            }
        }
    }

    /// `json` with the number plus `offset` set at `path` (keys from the top, the last one
    /// added), as the value of a JSON column. A path through something other than an object
    /// leaves `json` as it is here; PostgreSQL's `jsonb_set` does so for a missing key but
    /// refuses an array, so callers pass a path through objects.
    pub fn in_json(&self, mut json: serde_json::Value, path: &[&str], offset: i64) -> Expr {
        match self {
            Number::Taken(number) => {
                if let Some((last, parents)) = path.split_last() {
                    let parent = parents
                        .iter()
                        .try_fold(&mut json, |at, key| at.get_mut(*key))
                        .and_then(serde_json::Value::as_object_mut);
                    if let Some(parent) = parent {
                        parent.insert((*last).to_owned(), serde_json::json!(number + offset));
                    }
                }
                Expr::val(json)
            }
            Number::InStatement => Expr::cust_with_values(
                format!(
                    "CAST(jsonb_set(CAST($1 AS jsonb), CAST($2 AS text[]), to_jsonb({STEP}.last_value + $3)) AS json)"
                ),
                [
                    sea_orm::Value::from(json.to_string()),
                    format!("{{{}}}", path.join(",")).into(),
                    offset.into(),
                ],
            ),
        }
    }
}

/// Where a record's number comes from.
#[derive(Clone, Copy)]
pub enum Numbering<'a> {
    /// In the record's own transaction: gapless, the counter locked until commit.
    InTransaction,
    /// From this pool, in a short transaction of its own, on PostgreSQL (SQLite has one writer,
    /// which the record's transaction holds: there it is taken in the transaction).
    Apart(&'a DatabaseConnection),
}

/// Takes the next number of `name` as `numbering` says and writes the rows `rows` makes for
/// it in `conn`: the number taken (1, 2, …).
pub async fn insert_numbered_by(
    numbering: Numbering<'_>,
    conn: &TenantTransaction,
    name: &str,
    rows: impl Fn(&Number) -> Result<Vec<Row>, DbErr>,
) -> Result<i64, DbErr> {
    let tenant_id = conn.tenant();
    let pool = match numbering {
        Numbering::Apart(pool) if pool.get_database_backend() == DbBackend::Postgres => pool,
        _ => return insert_numbered(conn, name, rows).await,
    };
    let number = take_apart(pool, tenant_id, name).await?;
    let backend = conn.get_database_backend();
    let writes = rows(&Number::Taken(number))?
        .iter()
        .map(|row| Ok(backend.build(&row.insert_after(&[])?)))
        .collect::<Result<Vec<_>, DbErr>>()?;
    write_together(conn, writes).await?;
    Ok(number)
}

/// The next number of `name`, bumped and committed in a transaction of its own, sent as one
/// message when it can be. Its commit need not wait for the disk (`synchronous_commit = off`):
/// the record that uses the number commits after it, and a durable commit makes every earlier
/// one durable too.
async fn take_apart(
    pool: &DatabaseConnection,
    tenant_id: TenantId,
    name: &str,
) -> Result<i64, DbErr> {
    if let Some(number) = bump_in_one_message(pool, tenant_id, name).await? {
        return Ok(number);
    }
    // The store's first number of this name: the counter is made first.
    let txn = crate::db::begin_tenant(pool, tenant_id, crate::db::Access::Write).await?;
    txn.execute_unprepared("SET LOCAL synchronous_commit = off")
        .await?;
    let number = next_number(&txn, name).await?;
    txn.commit().await?;
    Ok(number)
}

/// The bump as one message (`db::scoped_once`), written with literals: the store's id and a
/// name of letters, digits, `_` and `:` only (ours: `order`, `invoice:1`). None when the
/// counter does not exist yet (or the name is not that plain).
async fn bump_in_one_message(
    pool: &DatabaseConnection,
    tenant_id: TenantId,
    name: &str,
) -> Result<Option<i64>, DbErr> {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':'));
    if !plain {
        return Ok(None);
    }
    let tenant = tenant_id.to_string();
    let bump = format!(
        "UPDATE counters SET last_value = last_value + 1 \
         WHERE tenant_id = '{tenant}' AND name = '{name}' RETURNING last_value"
    );
    let scope = [
        ("app.tenant_id", tenant.as_str()),
        ("synchronous_commit", "off"),
    ];
    let rows = crate::db::scoped_once(pool.get_postgres_connection_pool(), &scope, &bump).await?;
    Ok(rows
        .iter()
        .rev()
        .find_map(|row| row.try_get::<i64>("", "last_value").ok()))
}

/// Takes the next number of `name` in the store and writes the rows `rows` makes for it. On
/// PostgreSQL that is one statement, so the counter stays locked for it and the commit only.
/// The number taken (1, 2, …).
pub async fn insert_numbered(
    conn: &TenantTransaction,
    name: &str,
    rows: impl Fn(&Number) -> Result<Vec<Row>, DbErr>,
) -> Result<i64, DbErr> {
    let tenant_id = conn.tenant();
    let backend = conn.get_database_backend();
    if backend != DbBackend::Postgres {
        let number = next_number(conn, name).await?;
        let writes = rows(&Number::Taken(number))?
            .iter()
            .map(|row| Ok(backend.build(&row.insert_after(&[])?)))
            .collect::<Result<Vec<_>, DbErr>>()?;
        write_together(conn, writes).await?;
        return Ok(number);
    }
    for _ in 0..2 {
        let mut steps = vec![(STEP.to_owned(), bump_statement(tenant_id, name, backend))];
        for (i, row) in rows(&Number::InStatement)?.iter().enumerate() {
            let insert = row.insert_after(&[STEP.to_owned()])?;
            steps.push((format!("{STEP}{i}"), backend.build(&insert)));
        }
        let query = Statement::from_string(backend, format!("SELECT last_value FROM {STEP}"));
        if let Some(row) = query_after(conn, steps, query).await?.first() {
            return row.try_get("", "last_value");
        }
        // The store's first number of this name: nothing was written.
        create_counter(conn, name).await?;
    }
    Err(DbErr::RecordNotFound(format!("counter {name}")))
}

/// The next number of `name` in the store (1, 2, …).
pub async fn next_number(conn: &TenantTransaction, name: &str) -> Result<i64, DbErr> {
    if let Some(number) = bump(conn, name).await? {
        return Ok(number);
    }
    // The store's first number of this name: create the counter and bump it.
    create_counter(conn, name).await?;
    bump(conn, name)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("counter {name}")))
}

/// Creates the counter at zero, unless a concurrent transaction just did.
async fn create_counter(conn: &TenantTransaction, name: &str) -> Result<(), DbErr> {
    let tenant_id = conn.tenant();
    counter::Entity::insert(counter::ActiveModel {
        tenant_id: Set(tenant_id),
        name: Set(name.to_owned()),
        last_value: Set(0),
    })
    .on_conflict(
        OnConflict::columns([Column::TenantId, Column::Name])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

async fn bump(conn: &TenantTransaction, name: &str) -> Result<Option<i64>, DbErr> {
    let tenant_id = conn.tenant();
    let backend = conn.get_database_backend();
    let row = conn
        .query_one_raw(bump_statement(tenant_id, name, backend))
        .await?;
    row.map(|row| row.try_get("", "last_value")).transpose()
}

/// Adds one to the counter, returning its new `last_value`.
fn bump_statement(tenant_id: TenantId, name: &str, backend: DbBackend) -> Statement {
    let mut update = counter::Entity::update_many()
        .col_expr(Column::LastValue, Expr::col(Column::LastValue).add(1))
        .filter(Column::TenantId.eq(tenant_id))
        .filter(Column::Name.eq(name))
        .into_query();
    update.returning_col(Column::LastValue);
    backend.build(&update)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::sea_query::{PostgresQueryBuilder, Query};

    fn sql(expr: Expr) -> String {
        Query::select().expr(expr).to_string(PostgresQueryBuilder)
    }

    #[test]
    fn a_taken_number_is_set_into_the_json_at_its_path() {
        let json = serde_json::json!({ "before": null, "after": { "status": "pending" } });
        let expr = Number::Taken(7).in_json(json, &["after", "number"], 1000);
        assert!(
            sql(expr).contains(r#""after":{"number":1007,"status":"pending"}"#),
            "the number lands beside the other keys"
        );
    }

    #[test]
    fn a_path_through_something_other_than_an_object_leaves_the_json_alone() {
        let json = serde_json::json!({ "after": null });
        let expr = Number::Taken(7).in_json(json, &["after", "number"], 1000);
        assert!(sql(expr).contains(r#"{"after":null}"#));
    }

    #[test]
    fn a_number_taken_in_the_statement_is_read_from_its_step() {
        assert_eq!(
            sql(Number::InStatement.plus(1000)),
            "SELECT numbered.last_value + 1000"
        );
        let expr = Number::InStatement.in_json(serde_json::json!({}), &["after", "number"], 1000);
        let text = sql(expr);
        assert!(text.contains("jsonb_set("), "{text}");
        assert!(text.contains("'{after,number}'"), "{text}");
        assert!(text.contains("numbered.last_value + 1000"), "{text}");
    }
}
