//! Several writes in one round trip. On PostgreSQL the statements become one, the first ones as
//! data-modifying `WITH` clauses of the last; they run on one snapshot, each sees none of the
//! others' rows, and their reference checks run when the whole statement ends. So they must be
//! independent of one another: inserts and updates of different rows, none reading what another
//! writes. SQLite, in process, runs them one after the other.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};

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
    conn.execute_raw(combined(statements)).await?;
    Ok(())
}

fn combined(statements: Vec<Statement>) -> Statement {
    let last = statements.len() - 1;
    let mut sql = String::from("WITH ");
    let mut values: Vec<Value> = Vec::new();
    for (i, statement) in statements.into_iter().enumerate() {
        let renumbered = renumber(&statement.sql, values.len());
        if i < last {
            sql.push_str(&format!("w{i} AS ({renumbered}), "));
        } else {
            // No comma before the main statement.
            sql.truncate(sql.len() - 2);
            sql.push(' ');
            sql.push_str(&renumbered);
        }
        values.extend(statement.values.map(|v| v.0).unwrap_or_default());
    }
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
        let all = combined(vec![one, two, three]);
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
