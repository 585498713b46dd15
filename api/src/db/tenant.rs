//! The transaction of one store: what every service that touches a store's rows takes.
//!
//! It carries the tenant it was begun for, so a service reads the store from it rather than
//! from a separate argument that the unscoped pool would also have accepted, and its `UPDATE`
//! and `DELETE` statements on tenant tables start with the tenant's filter.

use std::ops::Deref;

use entity::{TenantId, TenantScoped};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, DeleteMany, ExecResult, QueryFilter,
    QueryResult, Select, Statement, UpdateMany,
};

use super::Transaction;

/// A transaction begun by `db::begin_tenant`: on PostgreSQL row-level security shows it only
/// its tenant's rows; on SQLite its statements' filters are the wall, and `find`,
/// `update_many` and `delete_many` start with them.
pub struct TenantTransaction {
    txn: Transaction,
    tenant: TenantId,
    cause: Option<Cause>,
}

/// What the events a transaction writes come from when a rule's action wrote them: the run,
/// and how many rules' actions led there (the loop guard's count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cause {
    pub run_id: uuid::Uuid,
    pub depth: i32,
}

impl TenantTransaction {
    pub(super) fn new(txn: Transaction, tenant: TenantId) -> TenantTransaction {
        TenantTransaction {
            txn,
            tenant,
            cause: None,
        }
    }

    /// The transaction of a rule's action: every event it writes carries `cause`.
    pub fn caused_by(mut self, cause: Cause) -> TenantTransaction {
        self.cause = Some(cause);
        self
    }

    /// What its events come from, when a rule's action runs in it.
    pub fn cause(&self) -> Option<Cause> {
        self.cause
    }

    /// The store this transaction belongs to.
    pub fn tenant(&self) -> TenantId {
        self.tenant
    }

    /// The tenant's rows of `E`.
    pub fn find<E: TenantScoped>(&self) -> Select<E> {
        E::find().filter(E::tenant_column().eq(self.tenant))
    }

    /// An `UPDATE` of the tenant's rows of `E`.
    pub fn update_many<E: TenantScoped>(&self) -> UpdateMany<E> {
        E::update_many().filter(E::tenant_column().eq(self.tenant))
    }

    /// A `DELETE` of the tenant's rows of `E`.
    pub fn delete_many<E: TenantScoped>(&self) -> DeleteMany<E> {
        E::delete_many().filter(E::tenant_column().eq(self.tenant))
    }

    /// Sends what is queued, then commits (`Transaction::commit`).
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }

    /// Undoes everything, what is queued included.
    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

impl Deref for TenantTransaction {
    type Target = Transaction;

    fn deref(&self) -> &Transaction {
        &self.txn
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for TenantTransaction {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, statement: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(statement).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, statement: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(statement).await
    }

    async fn query_all_raw(&self, statement: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(statement).await
    }
}
