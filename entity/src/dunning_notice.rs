//! `dunning_notices`: each dunning step sent for an instalment, once.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::closed_sets::DunningStep;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dunning_notices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub instalment_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub step: DunningStep,
    pub customer_id: Uuid,
    pub sent_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
