//! Closed sets stored as text (`entity::closed_sets`): each database holds the enums' own lists
//! (a `CHECK` on PostgreSQL, two triggers on SQLite), refuses any other value on insert and on
//! update, and a value that got in anyway (a database written by hand, or before the refusal)
//! is read as an error, answered 500 and logged, never as a default. So is a stored time zone
//! that is none (an open set, checked on write only).

use entity::closed_sets::{ClosedColumn, closed_columns};
use sea_orm::{ConnectionTrait, DbErr, Statement, TransactionTrait};
use serde_json::json;

use crate::db_test;
use crate::harness::{Backend, TestApp};
use crate::tenant_tables::fill::fill_every_tenant_table;

const OUTSIDE: &str = "not-in-the-set";

fn statement(app: &TestApp, sql: String) -> Statement {
    Statement::from_string(app.db().get_database_backend(), sql)
}

async fn run(app: &TestApp, sql: String) -> Result<(), DbErr> {
    app.db().execute_unprepared(&sql).await.map(drop)
}

async fn text_of(app: &TestApp, sql: String, column: &str) -> Option<String> {
    let row = app.db().query_one_raw(statement(app, sql)).await.unwrap()?;
    row.try_get("", column).ok()
}

/// The quoted values of the database's own list for `column`: of its `CHECK` on PostgreSQL,
/// of each of its two triggers on SQLite.
async fn stored_lists(app: &TestApp, column: &ClosedColumn) -> Vec<Option<Vec<String>>> {
    let name = migration::constraint_name(column);
    let definitions = match app.backend {
        Backend::Postgres => vec![
            text_of(
                app,
                format!(
                    "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint \
                     WHERE conname = '{name}' AND contype = 'c'"
                ),
                "def",
            )
            .await,
        ],
        Backend::Sqlite => {
            let mut definitions = Vec::new();
            for suffix in ["insert", "update"] {
                let sql = format!(
                    "SELECT sql AS def FROM sqlite_master \
                     WHERE type = 'trigger' AND name = '{name}_{suffix}'"
                );
                let definition = text_of(app, sql, "def").await;
                // The list only: the trigger's message is quoted too.
                definitions.push(definition.and_then(|d| {
                    let list = d.split_once("NOT IN (")?.1.split_once(')')?.0;
                    Some(list.to_owned())
                }));
            }
            definitions
        }
    };
    definitions
        .into_iter()
        .map(|definition| {
            definition.map(|d| {
                let mut values: Vec<String> = d
                    .split('\'')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_owned)
                    .collect();
                values.sort();
                values
            })
        })
        .collect()
}

db_test!(each_closed_column_holds_exactly_its_enums_values, |app| {
    for column in closed_columns() {
        let mut expected = column.values.clone();
        expected.sort();
        for stored in stored_lists(&app, &column).await {
            assert_eq!(
                stored.as_ref(),
                Some(&expected),
                "{}.{}: the database's list is not the enum's",
                column.table,
                column.column
            );
        }
    }
});

/// The errors of writing `OUTSIDE` into `column` of a copy of one of its rows (an insert) and
/// of its rows (an update), each in a transaction rolled back; none when the table is empty.
async fn write_outside(app: &TestApp, column: &ClosedColumn) -> Option<[Result<(), DbErr>; 2]> {
    let ClosedColumn { table, column, .. } = column;
    let count = format!("SELECT CAST(COUNT(*) AS TEXT) AS n FROM {table}");
    if text_of(app, count, "n").await? == "0" {
        return None;
    }
    // A temporary table is its connection's: the copy is made in the insert's transaction.
    let copy = format!(
        "CREATE TEMPORARY TABLE probe AS SELECT * FROM {table} LIMIT 1;
         UPDATE probe SET {column} = '{OUTSIDE}';"
    );
    // The copy repeats the row's key: the refusal comes before the key is checked.
    let insert = format!("INSERT INTO {table} SELECT * FROM probe");
    let insert = rolled_back(app, &copy, &insert).await;
    let update = format!("UPDATE {table} SET {column} = '{OUTSIDE}'");
    let update = rolled_back(app, "SELECT 1", &update).await;
    Some([insert, update])
}

/// `attempt`'s outcome after `setup`, in a transaction rolled back. On SQLite a writing
/// transaction as the server's are (its turn among the writers, the outbox worker's too); on
/// PostgreSQL the owner's own, below row-level security.
async fn rolled_back(app: &TestApp, setup: &str, attempt: &str) -> Result<(), DbErr> {
    async fn run(txn: &impl ConnectionTrait, setup: &str, attempt: &str) -> Result<(), DbErr> {
        txn.execute_unprepared(setup).await.unwrap();
        txn.execute_unprepared(attempt).await.map(drop)
    }
    match app.backend {
        Backend::Sqlite => {
            let txn = api::db::begin(app.db(), api::db::Access::Write)
                .await
                .unwrap();
            let outcome = run(&txn, setup, attempt).await;
            txn.rollback().await.unwrap();
            outcome
        }
        Backend::Postgres => {
            let txn = app.db().begin().await.unwrap();
            let outcome = run(&txn, setup, attempt).await;
            txn.rollback().await.unwrap();
            outcome
        }
    }
}

db_test!(
    a_value_outside_a_closed_set_is_refused_on_insert_and_update,
    |app| {
        let shop = crate::harness::shop::open_shop(&app, "Conjuntos").await;
        fill_every_tenant_table(&app, &shop).await;
        let mut tried = Vec::new();
        for column in closed_columns() {
            let Some(writes) = write_outside(&app, &column).await else {
                continue;
            };
            let name = migration::constraint_name(&column);
            for (write, what) in writes.into_iter().zip(["insert", "update"]) {
                let error = write.expect_err(&format!("{name}: the {what} was not refused"));
                assert!(
                    error.to_string().contains(&name),
                    "{name}: the {what} was refused for another reason: {error}"
                );
            }
            tried.push(name);
        }
        // Every table with a closed column has a row once the tenant tables are filled.
        assert_eq!(tried.len(), closed_columns().len(), "tried only {tried:?}");
    }
);

/// Lifts the database's refusal for `table.column` (as a database written before it, or by
/// hand, would lack it) and writes `value` there.
async fn plant(app: &TestApp, table: &str, column: &str, value: &str) {
    let closed = closed_columns()
        .into_iter()
        .find(|c| c.table == table && c.column == column)
        .unwrap();
    let name = migration::constraint_name(&closed);
    let lift = match app.backend {
        Backend::Postgres => format!("ALTER TABLE {table} DROP CONSTRAINT {name}"),
        Backend::Sqlite => {
            format!("DROP TRIGGER {name}_insert; DROP TRIGGER {name}_update")
        }
    };
    run(app, lift).await.unwrap();
    run(app, format!("UPDATE {table} SET {column} = '{value}'"))
        .await
        .unwrap();
}

db_test!(an_unknown_stored_value_is_a_500_never_a_default, |app| {
    let shop = crate::orders::open_shop(&app, "Desconhecido").await;
    let shirt = shop.stocked_variant(&app, "CAM-9", "30.00", 5).await;
    let body = shop.order_body(
        json!({ "new": { "name": "Ana" } }),
        json!([{ "variant_id": shirt, "quantity": 1 }]),
    );
    let order = shop.place(&app, "unknown", &body).await.expect(201);
    let order = order.body["id"].as_str().unwrap().to_owned();

    plant(&app, "orders", "status", "lost").await;
    let read = app.get(&format!("/api/v1/orders/{order}"));
    let problem = read.as_(&shop.owner).send().await.expect(500).body;
    assert_eq!(problem["status"], 500);
    assert!(!problem.to_string().contains("lost"), "{problem}");

    // A store's currency is read by most answers: none of them reads it as BRL.
    plant(&app, "tenants", "currency", "XBT").await;
    app.get("/api/v1/tenant")
        .as_(&shop.owner)
        .send()
        .await
        .expect(500);
});

db_test!(
    a_stored_timezone_that_is_none_is_a_500_never_a_default,
    |app| {
        let shop = crate::orders::open_shop(&app, "Fuso").await;
        let summary = || app.get("/api/v1/orders/summary").as_(&shop.owner).send();
        summary().await.expect(200);

        app.db()
            .execute_unprepared("UPDATE tenants SET timezone = 'Mars/Olympus_Mons'")
            .await
            .unwrap();
        let problem = summary().await.expect(500).body;
        assert!(!problem.to_string().contains("Mars"), "{problem}");

        // The owner still reads the settings and puts a time zone right.
        let read = app.get("/api/v1/tenant").as_(&shop.owner).send().await;
        let etag = read.expect(200).header("etag").unwrap().to_owned();
        app.patch("/api/v1/tenant")
            .as_(&shop.owner)
            .header("if-match", &etag)
            .json(&json!({ "timezone": "America/Recife" }))
            .send()
            .await
            .expect(200);
        summary().await.expect(200);
    }
);
