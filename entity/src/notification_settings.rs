//! `notification_settings`: the topics a member also gets by email (one row per member who
//! chose; none chosen without a row).

use sea_orm::entity::prelude::*;

use crate::TenantId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    /// The member's user id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `[openapi::automation::NotificationTopic]`.
    pub email_topics: Json,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
