//! `automation_rules`: a store's rules: when an event (`trigger`) happens and its conditions
//! hold, its actions run in order.

use sea_orm::entity::prelude::*;

use crate::TenantId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "automation_rules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// None while a template's rule keeps the template's name (read in the reader's language).
    pub name: Option<String>,
    /// An event's name, e.g. `order.paid`.
    pub trigger: String,
    /// `openapi::automation::Conditions`.
    pub conditions: Json,
    /// `[openapi::automation::RuleAction]`.
    pub actions: Json,
    pub enabled: bool,
    /// The template it was made from.
    pub template: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
