//! `store_holidays`: the holidays a store adds to Brazil's national ones (a state's, a city's,
//! its own), once or every year.

use sea_orm::entity::prelude::*;

use crate::TenantId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "store_holidays")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Unique in the store. For a yearly holiday, the first year it is kept.
    pub date: Date,
    pub name: String,
    /// Where it is a holiday (a state such as `SP`, a city), as the store wrote it.
    pub scope: Option<String>,
    /// Kept on the same day of every year from its date's year on.
    pub yearly: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
