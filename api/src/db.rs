//! Connecting, migrating, and opening transactions: the tenant wall lives here.
//!
//! Every tenant transaction on PostgreSQL switches to the application role and sets
//! `app.tenant_id`, both transaction-local, so row-level security applies to it; both are set
//! by the `BEGIN` message itself (`scoped`). On SQLite the scoped queries are the wall, and
//! write transactions begin `IMMEDIATE` so that concurrent writers queue on the busy timeout
//! instead of failing.

mod scoped;

use std::time::Duration;

use migration::{Migrator, MigratorTrait, rls::APP_ROLE};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, ExecResult, QueryResult, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait,
};
use uuid::Uuid;

use scoped::ScopedTransaction;

/// Whether a transaction will write. On SQLite a writing transaction takes the write lock at
/// `BEGIN`, which is what makes conditional updates safe under concurrency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(if url.starts_with("sqlite:") { 8 } else { 16 })
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
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

pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    let db = connect(url).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// A transaction outside any tenant, for the global tables (users, refresh tokens, …).
pub async fn begin(db: &DatabaseConnection, access: Access) -> Result<DatabaseTransaction, DbErr> {
    let sqlite_transaction_mode = match (db.get_database_backend(), access) {
        (DbBackend::Sqlite, Access::Write) => Some(SqliteTransactionMode::Immediate),
        _ => None,
    };
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode,
        ..Default::default()
    })
    .await
}

/// A transaction that sees only `tenant_id`'s rows of the tenant tables.
pub async fn begin_tenant(
    db: &DatabaseConnection,
    tenant_id: Uuid,
    access: Access,
) -> Result<Txn, DbErr> {
    begin_scoped(db, access, "app.tenant_id", &tenant_id.to_string()).await
}

/// A transaction that sees one user's memberships of every tenant and no other tenant row:
/// what login needs before a tenant is chosen.
pub async fn begin_user_scope(db: &DatabaseConnection, user_id: Uuid) -> Result<Txn, DbErr> {
    begin_scoped(db, Access::Read, "app.user_id", &user_id.to_string()).await
}

/// A transaction as the application role with `setting` set to `value` (PostgreSQL; on
/// SQLite a plain one).
async fn begin_scoped(
    db: &DatabaseConnection,
    access: Access,
    setting: &str,
    value: &str,
) -> Result<Txn, DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(Txn::Plain(begin(db, access).await?));
    }
    let pool = db.get_postgres_connection_pool();
    // `set_config('role', …, true)` is `SET LOCAL ROLE`, and both settings are
    // transaction-local, so a pooled connection never carries them over.
    let settings = [("role", APP_ROLE), (setting, value)];
    Ok(Txn::Scoped(
        ScopedTransaction::begin(pool, &settings).await?,
    ))
}

/// A transaction of the store's data: sea-orm's own, or on PostgreSQL one begun with its
/// scope (`scoped`). Services take it as any `ConnectionTrait`.
pub enum Txn {
    Plain(DatabaseTransaction),
    Scoped(ScopedTransaction),
}

impl Txn {
    pub async fn commit(self) -> Result<(), DbErr> {
        match self {
            Txn::Plain(txn) => txn.commit().await,
            Txn::Scoped(txn) => txn.commit().await,
        }
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        match self {
            Txn::Plain(txn) => txn.rollback().await,
            Txn::Scoped(txn) => txn.rollback().await,
        }
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for Txn {
    fn get_database_backend(&self) -> DbBackend {
        match self {
            Txn::Plain(txn) => txn.get_database_backend(),
            Txn::Scoped(txn) => txn.get_database_backend(),
        }
    }

    async fn execute_raw(&self, statement: Statement) -> Result<ExecResult, DbErr> {
        match self {
            Txn::Plain(txn) => txn.execute_raw(statement).await,
            Txn::Scoped(txn) => txn.execute_raw(statement).await,
        }
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        match self {
            Txn::Plain(txn) => txn.execute_unprepared(sql).await,
            Txn::Scoped(txn) => txn.execute_unprepared(sql).await,
        }
    }

    async fn query_one_raw(&self, statement: Statement) -> Result<Option<QueryResult>, DbErr> {
        match self {
            Txn::Plain(txn) => txn.query_one_raw(statement).await,
            Txn::Scoped(txn) => txn.query_one_raw(statement).await,
        }
    }

    async fn query_all_raw(&self, statement: Statement) -> Result<Vec<QueryResult>, DbErr> {
        match self {
            Txn::Plain(txn) => txn.query_all_raw(statement).await,
            Txn::Scoped(txn) => txn.query_all_raw(statement).await,
        }
    }
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
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.ping().await
}

/// Lets a tenant transaction also see the given user's memberships of other tenants.
pub async fn add_user_scope(txn: &impl ConnectionTrait, user_id: Uuid) -> Result<(), DbErr> {
    if txn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT set_config('app.user_id', $1, true)",
        [user_id.to_string().into()],
    ))
    .await?;
    Ok(())
}

/// A transaction of the outbox worker's claim: on PostgreSQL it may see the outbox rows of
/// every store (a policy of the outbox table alone), and nothing else of any store.
pub async fn begin_outbox_worker(db: &DatabaseConnection, access: Access) -> Result<Txn, DbErr> {
    begin_scoped(db, access, "app.outbox_worker", "on").await
}
