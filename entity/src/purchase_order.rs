//! `purchase_orders`: an order to a supplier, received into one location.

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::closed_sets::PurchaseOrderStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "purchase_orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Gapless per store: PO-1, PO-2, …
    pub number: i32,
    pub supplier_id: Uuid,
    pub location_id: Uuid,
    /// `draft`, `sent`, `partially_received`, `received` or `cancelled`.
    pub status: PurchaseOrderStatus,
    pub note: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub received_at: Option<DateTimeUtc>,
    pub cancelled_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
