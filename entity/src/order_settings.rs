//! `order_settings`: a store's order rules and whom staff notifications go to (one row per store).

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::amount::Amount;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(column_type = "Decimal(None)", nullable)]
    pub first_order_hold_above: Option<Amount>,
    pub staff_emails: Json,
    pub reply_to: Option<String>,
    pub default_shipping_service_id: Option<Uuid>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
