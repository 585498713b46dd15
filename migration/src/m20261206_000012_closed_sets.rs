//! Closed sets: every text column that holds one of a closed set (`entity::closed_sets`)
//! refuses any other value. PostgreSQL: a `CHECK (col IN (…))` constraint. SQLite cannot add a
//! constraint to an existing table without rebuilding it, so there two triggers per column,
//! `BEFORE INSERT` and `BEFORE UPDATE OF col`, `RAISE(ABORT, …)` on a value outside the set
//! (NULL passes, as it passes a `CHECK`).
//!
//! The lists come from the Rust enums, so they cannot drift from what the server writes and
//! reads. A database keeps the lists of the migration that wrote them: a migration that adds a
//! value to a set (or a closed column) calls `enforce` again, which replaces them all.

use entity::closed_sets::{ClosedColumn, closed_columns};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        enforce(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        for column in closed_columns() {
            if !manager.has_table(&column.table).await? {
                continue;
            }
            manager
                .get_connection()
                .execute_unprepared(&lift(backend, &column))
                .await?;
        }
        Ok(())
    }
}

/// (Re)writes the refusal of every closed column, with the sets as the enums have them now.
/// A column whose table a later migration creates is passed by: that migration calls this
/// again once its tables exist.
pub async fn enforce(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let backend = manager.get_database_backend();
    for column in closed_columns() {
        if !manager.has_table(&column.table).await? {
            continue;
        }
        let sql = format!("{}\n{}", lift(backend, &column), refuse(backend, &column));
        manager.get_connection().execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// The name of a closed column's constraint; its SQLite triggers add `_insert` and `_update`.
pub fn constraint_name(column: &ClosedColumn) -> String {
    format!("{}_{}_closed", column.table, column.column)
}

fn refuse(backend: DbBackend, column: &ClosedColumn) -> String {
    let ClosedColumn {
        table,
        column: name,
        ..
    } = column;
    let constraint = constraint_name(column);
    let values = column
        .values
        .iter()
        .map(|value| format!("'{}'", value.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(", ");
    match backend {
        DbBackend::Sqlite => {
            let refusal = format!("{constraint}: {table}.{name} outside its closed set");
            let trigger = |event: &str, suffix: &str| {
                format!(
                    "CREATE TRIGGER {constraint}_{suffix} BEFORE {event} ON {table}
                     WHEN NEW.{name} NOT IN ({values})
                     BEGIN SELECT RAISE(ABORT, '{refusal}'); END;"
                )
            };
            format!(
                "{}\n{}",
                trigger("INSERT", "insert"),
                trigger(&format!("UPDATE OF {name}"), "update")
            )
        }
        _ => {
            format!("ALTER TABLE {table} ADD CONSTRAINT {constraint} CHECK ({name} IN ({values}));")
        }
    }
}

fn lift(backend: DbBackend, column: &ClosedColumn) -> String {
    let constraint = constraint_name(column);
    match backend {
        DbBackend::Sqlite => format!(
            "DROP TRIGGER IF EXISTS {constraint}_insert; DROP TRIGGER IF EXISTS {constraint}_update;"
        ),
        _ => format!(
            "ALTER TABLE {} DROP CONSTRAINT IF EXISTS {constraint};",
            column.table
        ),
    }
}
