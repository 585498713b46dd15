//! The tenant tables, read from the database's own catalogue, never from a hand-kept list:
//! every table with a `tenant_id` column is one, unless `migration::rls::GLOBAL_TABLES` says
//! why not, and a table with neither fails. Each tenant table has `tenant_id` first in its
//! primary key, rows of the store once every module's fill ran (`fill::fill_every_tenant_table`) (so the checks here
//! cover it), and on PostgreSQL forced row-level security with its policy, hiding every row
//! when no tenant is set.

pub mod fill;

use migration::rls::{APP_ROLE, GLOBAL_TABLES, TENANT_POLICY};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
use uuid::Uuid;

use crate::db_test;
use crate::harness::shop::open_shop;
use crate::harness::{Backend, TestApp};
use crate::isolation::role_and_tenant;

/// The tables SQLite alone has, besides the global ones, each with why it has no `tenant_id`.
const SQLITE_ONLY: &[(&str, &str)] = &[
    (
        "variants_fts",
        "FTS5 index of variants.search_text, read only joined to the store's variants",
    ),
    ("variants_fts_config", "FTS5's own storage for variants_fts"),
    ("variants_fts_data", "FTS5's own storage for variants_fts"),
    (
        "variants_fts_docsize",
        "FTS5's own storage for variants_fts",
    ),
    ("variants_fts_idx", "FTS5's own storage for variants_fts"),
];

db_test!(
    every_table_is_a_checked_tenant_table_or_a_global_one_with_a_reason,
    |app| {
        let shop = open_shop(&app, "Epsilon").await;
        fill::fill_every_tenant_table(&app, &shop).await;
        let store = &shop.owner;
        let (tenant_tables, mut faults) = tenant_tables(&app).await;
        assert!(tenant_tables.len() > 20, "{tenant_tables:?}");
        for table in &tenant_tables {
            if first_key_column(&app, table).await.as_deref() != Some("tenant_id") {
                faults.push(format!(
                    "{table}: `tenant_id` is not first in its primary key"
                ));
            }
            if rows_of(&app, table, store.tenant_id).await == 0 {
                faults.push(unfilled(table));
            }
            if app.backend == Backend::Postgres {
                faults.extend(row_security_fault(&app, table).await);
            }
        }
        assert!(faults.is_empty(), "\n{}", faults.join("\n"));
    }
);

db_test!(
    without_a_tenant_set_postgres_shows_no_row_of_any_tenant_table,
    |app| {
        if app.backend != Backend::Postgres {
            return app.shutdown().await;
        }
        let shop = open_shop(&app, "Zeta").await;
        fill::fill_every_tenant_table(&app, &shop).await;
        let a = &shop.owner;
        let (tables, _) = tenant_tables(&app).await;

        // The owner connection (a superuser here) switched to the app role, no tenant set.
        let txn = app.db().begin().await.unwrap();
        txn.execute_unprepared(&format!("SET LOCAL ROLE {APP_ROLE}"))
            .await
            .unwrap();
        for table in &tables {
            assert_eq!(
                count(&txn, table).await,
                0,
                "{table} leaks without a tenant"
            );
        }
        txn.rollback().await.unwrap();

        // With the tenant set, the same rows are there: the test above could have failed.
        let txn = api::db::begin_tenant(app.db(), a.tenant_id.into(), api::db::Access::Read)
            .await
            .unwrap();
        for table in &tables {
            assert!(
                count(&txn, table).await > 0,
                "{table} is empty for its tenant"
            );
        }
        // The transaction runs as the application role, which row-level security binds.
        assert_eq!(
            role_and_tenant(&txn).await,
            (APP_ROLE.to_owned(), a.tenant_id.to_string())
        );
        txn.rollback().await.unwrap();
    }
);

/// A tenant table no fill reached, and where to add its rows: the fill of the module whose
/// entry in `layers.toml` lists its entity (the file of `entity/src` naming the table).
fn unfilled(table: &str) -> String {
    let root = crate::harness::workspace();
    let rules = crate::layers::rules::Rules::read(&root.join("api/src/layers.toml"));
    let entity = std::fs::read_dir(root.join("entity/src"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .find(|path| {
            std::fs::read_to_string(path)
                .is_ok_and(|text| text.contains(&format!("table_name = \"{table}\"")))
        });
    let stem = entity
        .as_deref()
        .and_then(|path| path.file_stem()?.to_str());
    let keeper = stem.and_then(|stem| rules.owners_of(stem).first().map(|k| k.to_string()));
    match keeper {
        Some(kernel) if kernel == "kernel" => format!(
            "{table}: no row of the store: the kernel keeps it, so add one in the fill of a \
             module that writes it (tests/e2e/modules)"
        ),
        Some(module) => format!(
            "{table}: no row of the store: add one in {module}'s fill \
             (tests/e2e/modules/{module}.rs), so the isolation checks cover it"
        ),
        None => {
            format!("{table}: no row of the store, and no module's entry in layers.toml lists it")
        }
    }
}

/// The tenant tables of the catalogue, and a fault for each table that is neither a tenant
/// table nor has a reason to be global, and for each reason naming no table.
async fn tenant_tables(app: &TestApp) -> (Vec<String>, Vec<String>) {
    let sql = match app.backend {
        Backend::Postgres => {
            "SELECT t.table_name::text AS name,
                    (SELECT COUNT(*) FROM information_schema.columns c
                     WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name
                       AND c.column_name = 'tenant_id') AS tenant_columns
             FROM information_schema.tables t
             WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
             ORDER BY 1"
        }
        Backend::Sqlite => {
            "SELECT m.name AS name,
                    (SELECT COUNT(*) FROM pragma_table_info(m.name) c
                     WHERE c.name = 'tenant_id') AS tenant_columns
             FROM sqlite_master m
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
             ORDER BY 1"
        }
    };
    let rows = app.db().query_all_raw(statement(app, sql)).await.unwrap();
    let catalogue: Vec<(String, bool)> = rows
        .iter()
        .map(|row| {
            let name: String = row.try_get("", "name").unwrap();
            (name, row.try_get::<i64>("", "tenant_columns").unwrap() > 0)
        })
        .collect();
    let mut reasons: Vec<&str> = GLOBAL_TABLES.iter().map(|(table, _)| *table).collect();
    if app.backend == Backend::Sqlite {
        reasons.extend(SQLITE_ONLY.iter().map(|(table, _)| *table));
    }
    let mut faults: Vec<String> = reasons
        .iter()
        .filter(|table| !catalogue.iter().any(|(name, _)| name == *table))
        .map(|table| format!("{table}: given a reason to be global, but there is no such table"))
        .collect();
    let mut tenant_tables = Vec::new();
    for (name, has_tenant) in catalogue {
        if reasons.contains(&name.as_str()) {
            continue;
        }
        if has_tenant {
            tenant_tables.push(name);
        } else {
            faults.push(format!(
                "{name}: no `tenant_id` column and no reason to be global: give it a \
                 `tenant_id`, or a line in `migration::rls::GLOBAL_TABLES` saying why not"
            ));
        }
    }
    (tenant_tables, faults)
}

/// The first column of a table's primary key.
async fn first_key_column(app: &TestApp, table: &str) -> Option<String> {
    let sql = match app.backend {
        Backend::Postgres => format!(
            "SELECT a.attname::text AS name FROM pg_index i
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
             WHERE i.indrelid = to_regclass('{table}') AND i.indisprimary"
        ),
        Backend::Sqlite => format!("SELECT name FROM pragma_table_info('{table}') WHERE pk = 1"),
    };
    let row = app
        .db()
        .query_one_raw(statement(app, &sql))
        .await
        .unwrap()?;
    row.try_get("", "name").ok()
}

/// How many rows of `tenant_id` a table holds, read as the owner (below row-level security).
async fn rows_of(app: &TestApp, table: &str, tenant_id: Uuid) -> i64 {
    let placeholder = match app.backend {
        Backend::Postgres => "$1",
        Backend::Sqlite => "?",
    };
    let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE tenant_id = {placeholder}");
    let row = app
        .db()
        .query_one_raw(Statement::from_sql_and_values(
            app.db().get_database_backend(),
            sql,
            [tenant_id.into()],
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "n").unwrap()
}

/// What a PostgreSQL tenant table lacks of forced row-level security and its policy.
async fn row_security_fault(app: &TestApp, table: &str) -> Option<String> {
    let sql = format!(
        "SELECT c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
                EXISTS (SELECT 1 FROM pg_policies p
                        WHERE p.schemaname = current_schema() AND p.tablename = c.relname
                          AND p.policyname = '{TENANT_POLICY}'
                          AND p.qual LIKE '%app.tenant_id%'
                          AND p.with_check LIKE '%app.tenant_id%') AS policy
         FROM pg_class c WHERE c.oid = to_regclass('{table}')"
    );
    let row = app
        .db()
        .query_one_raw(statement(app, &sql))
        .await
        .unwrap()?;
    let [enabled, forced, policy]: [bool; 3] =
        ["enabled", "forced", "policy"].map(|column| row.try_get("", column).unwrap());
    let missing: Vec<&str> = [
        (enabled, "row-level security"),
        (forced, "FORCE ROW LEVEL SECURITY"),
        (policy, "the `tenant_isolation` policy on app.tenant_id"),
    ]
    .into_iter()
    .filter(|(has, _)| !has)
    .map(|(_, what)| what)
    .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "{table}: has a tenant_id but lacks {}: end its migration with \
             `rls::isolate_tenant_tables`",
            missing.join(", ")
        )
    })
}

async fn count(txn: &impl ConnectionTrait, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) AS n FROM {table}");
    let row = txn
        .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

fn statement(app: &TestApp, sql: &str) -> Statement {
    Statement::from_string(app.db().get_database_backend(), sql.to_owned())
}
