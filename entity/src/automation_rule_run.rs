//! `automation_rule_runs`: a rule run on an event, with how each condition fared.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::closed_sets::RunOutcome;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "automation_rule_runs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub rule_id: Uuid,
    /// The outbox event it ran on.
    pub event_id: Uuid,
    pub event_type: String,
    /// How many rules' actions led to the event.
    pub depth: i32,
    pub outcome: RunOutcome,
    /// `[openapi::automation::ConditionOutcome]`.
    pub conditions: Json,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
