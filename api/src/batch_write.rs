//! Several writes in one round trip. On PostgreSQL the statements become one, the first ones as
//! data-modifying `WITH` clauses of the last; they run on one snapshot, each sees none of the
//! others' rows, and their reference checks run when the whole statement ends. So they must be
//! independent of one another: inserts and updates of different rows, none reading what another
//! writes — except what a named step returns (`query_after`). SQLite, in process, runs them one
//! after the other.

use sea_orm::sea_query::{
    Alias, DynIden, Expr, InsertStatement, IntoIden, IntoTableRef, Query, TableRef,
};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, IdenStatic, Iterable,
    QueryResult, Statement, Value,
};

/// Runs `statements` (inserts, updates, deletes without `RETURNING`), in one round trip on
/// PostgreSQL.
pub async fn write_together(
    conn: &impl ConnectionTrait,
    statements: Vec<Statement>,
) -> Result<(), DbErr> {
    if conn.get_database_backend() != DbBackend::Postgres || statements.len() < 2 {
        for statement in statements {
            conn.execute_raw(statement).await?;
        }
        return Ok(());
    }
    let mut steps: Vec<(String, Statement)> = statements
        .into_iter()
        .enumerate()
        .map(|(i, statement)| (format!("w{i}"), statement))
        .collect();
    if let Some((_, last)) = steps.pop() {
        conn.execute_raw(combined(steps, last)).await?;
    }
    Ok(())
}

/// PostgreSQL only: runs `steps` and then `query` as one statement, `query` and later steps
/// reading what a step returns by its name (`UPDATE … RETURNING` in a step named `u0` is read
/// as `SELECT … FROM u0`). The rows of `query`.
pub async fn query_after(
    conn: &impl ConnectionTrait,
    steps: Vec<(String, Statement)>,
    query: Statement,
) -> Result<Vec<QueryResult>, DbErr> {
    if conn.get_database_backend() != DbBackend::Postgres {
        return Err(DbErr::Custom(
            "query_after runs on PostgreSQL only".to_owned(),
        ));
    }
    conn.query_all_raw(combined(steps, query)).await
}

/// A row of any table, to insert as one step of a statement, possibly only when other steps
/// returned rows.
pub struct Row {
    table: TableRef,
    columns: Vec<DynIden>,
    values: Vec<Expr>,
}

impl Row {
    /// The row of a model whose every column is set.
    pub fn of<A: ActiveModelTrait>(model: A) -> Result<Row, DbErr> {
        let mut columns = Vec::new();
        let mut values = Vec::new();
        for column in <A::Entity as EntityTrait>::Column::iter() {
            let value = model.get(column).into_value().ok_or_else(|| {
                DbErr::Custom(format!("the column {} has no value", column.as_str()))
            })?;
            columns.push(column.into_iden());
            values.push(Expr::val(value));
        }
        Ok(Row {
            table: A::Entity::default().into_table_ref(),
            columns,
            values,
        })
    }

    /// Sets `column` to an expression, which may read the columns of the steps the row is
    /// inserted after.
    pub fn set_expr(&mut self, column: impl IntoIden, value: Expr) -> Result<(), DbErr> {
        let column = column.into_iden();
        let at = self
            .columns
            .iter()
            .position(|c| c.to_string() == column.to_string())
            .ok_or_else(|| DbErr::Custom(format!("no column {column} in the row")))?;
        self.values[at] = value;
        Ok(())
    }

    /// `INSERT INTO … SELECT <the row> FROM <steps>`: the row once when each of the named steps
    /// returned one row, not at all when one returned none; unconditionally without steps.
    pub fn insert_after(&self, steps: &[String]) -> Result<InsertStatement, DbErr> {
        let mut select = Query::select();
        select.exprs(self.values.iter().cloned());
        for step in steps {
            select.from(Alias::new(step.as_str()));
        }
        let mut insert = Query::insert();
        insert
            .into_table(self.table.clone())
            .columns(self.columns.clone())
            .select_from(select)
            .map_err(|error| DbErr::Custom(error.to_string()))?;
        Ok(insert)
    }
}

fn combined(steps: Vec<(String, Statement)>, main: Statement) -> Statement {
    let mut sql = String::new();
    let mut values: Vec<Value> = Vec::new();
    for (name, statement) in steps {
        sql.push_str(if sql.is_empty() { "WITH " } else { ", " });
        let renumbered = renumber(&statement.sql, values.len());
        sql.push_str(&format!("{name} AS ({renumbered})"));
        values.extend(statement.values.map(|v| v.0).unwrap_or_default());
    }
    if !sql.is_empty() {
        sql.push(' ');
    }
    sql.push_str(&renumber(&main.sql, values.len()));
    values.extend(main.values.map(|v| v.0).unwrap_or_default());
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

/// `$1`, `$2`, … become `$(1 + offset)`, …: the statement's parameters follow the earlier ones.
/// sea-query binds every value, so a `$` followed by digits is always a parameter.
fn renumber(sql: &str, offset: usize) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '$' {
            continue;
        }
        let mut digits = String::new();
        while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
            digits.push(*d);
            chars.next();
        }
        match digits.parse::<usize>() {
            Ok(n) => out.push_str(&(n + offset).to_string()),
            Err(_) => out.push_str(&digits),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_statements_take_the_parameters_after_the_earlier_ones() {
        let one = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO a (x, y) VALUES ($1, $2)",
            [1.into(), 2.into()],
        );
        let two = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO b (z) VALUES ($1), ($2)",
            [3.into(), 4.into()],
        );
        let three = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE c SET n = $1 WHERE id = $2",
            [5.into(), 6.into()],
        );
        let all = combined(vec![("w0".into(), one), ("w1".into(), two)], three);
        assert_eq!(
            all.sql,
            "WITH w0 AS (INSERT INTO a (x, y) VALUES ($1, $2)), \
             w1 AS (INSERT INTO b (z) VALUES ($3), ($4)) UPDATE c SET n = $5 WHERE id = $6"
        );
        assert_eq!(all.values.map(|v| v.0.len()), Some(6));
    }

    #[test]
    fn ten_and_more_are_renumbered_whole() {
        assert_eq!(renumber("$1, $10, $2", 9), "$10, $19, $11");
    }
}
