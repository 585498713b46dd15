//! `notifications`: what a rule told a member, read in the app's bell.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::closed_sets::NotificationTopic;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The member it is for.
    pub user_id: Uuid,
    pub topic: NotificationTopic,
    /// An `i18n` message (`Message::to_stored`).
    pub message: String,
    /// The web app's page it is about.
    pub link: Option<String>,
    /// The rule that gave it.
    pub rule_id: Option<Uuid>,
    /// The event it came from.
    pub event_id: Uuid,
    pub read_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
