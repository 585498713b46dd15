//! `automation_action_runs`: one action of a rule's run, as the rule said it then, and how it
//! fared (retried with the outbox's backoff, apart from the run's other actions).

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::closed_sets::{ActionKind, ActionStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "automation_action_runs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub run_id: Uuid,
    pub position: i32,
    pub kind: ActionKind,
    /// `openapi::automation::RuleAction`.
    pub action: Json,
    pub status: ActionStatus,
    pub attempts: i32,
    /// What it did or why it failed: an `i18n` message.
    pub result: Option<Json>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
