//! `scorecard_days`: the carrier scorecard's read model: a store's shipments posted in one span
//! (a day, ten days or a month, in the store's time zone) by one service to one state,
//! delivered or not, and the days from posting to delivery; what they add up to.

use sea_orm::entity::prelude::*;

use crate::TenantId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "scorecard_days")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    /// `day`, `ten_days` (1–10, 11–20, 21 to the month's end) or `month`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub span: String,
    /// The span's first day.
    #[sea_orm(primary_key, auto_increment = false)]
    pub posted_on: Date,
    #[sea_orm(primary_key, auto_increment = false)]
    pub service_id: Uuid,
    /// The destination's state; empty outside Brazil's states.
    #[sea_orm(primary_key, auto_increment = false)]
    pub state: String,
    /// 1 when delivered, 0 when not (yet).
    #[sea_orm(primary_key, auto_increment = false)]
    pub delivered: i32,
    /// Calendar days from posting to delivery; 0 when not delivered.
    #[sea_orm(primary_key, auto_increment = false)]
    pub days: i32,
    pub shipments: i64,
    pub on_time: i64,
    pub failed_attempts: i64,
    pub returned_to_sender: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
