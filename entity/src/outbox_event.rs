//! `outbox`: events written with the change that caused them, handled later by the worker.

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::closed_sets::OutboxStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// e.g. `stock.low`, `order.paid`.
    pub event_type: String,
    pub payload: Json,
    /// `pending`, `done` or `failed`.
    pub status: OutboxStatus,
    pub attempts: i32,
    pub next_attempt_at: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub processed_at: Option<DateTimeUtc>,
    /// What the event's email grants (an invitation's token), kept apart from the payload and
    /// the stored email, and erased once the event is done or failed.
    pub secret: Option<String>,
    /// How many rules' actions led to it (0: a person, an integration or a sweep).
    pub depth: i32,
    /// The rule's run whose action caused it.
    pub cause_run_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
