//! `tenants`: one row per store (global table; its id is every tenant table's `tenant_id`).

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::closed_sets::{Currency, Locale};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tenants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: TenantId,
    pub name: String,
    pub currency: Currency,
    pub locale: Locale,
    pub timezone: String,
    /// The weekdays the store works, a bit set: Monday 1, Tuesday 2, …, Sunday 64.
    pub working_weekdays: i32,
    /// Orders paid before it (minutes after midnight, in `timezone`) leave the same working day.
    pub dispatch_cutoff_minutes: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
