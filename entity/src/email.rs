//! `emails`: an email the store sent or will send; its id is its outbox event's id.

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::closed_sets::{EmailKind, Locale};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "emails")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: EmailKind,
    pub locale: Locale,
    pub to_address: String,
    pub reply_to: Option<String>,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub reference_type: Option<String>,
    pub reference_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// Whom it is from, when not the server's address (a support answer: the store's support
    /// address).
    pub from_address: Option<String>,
    /// The `Message-ID` this email answers (a support reply), and the thread's ids
    /// (`References`, space-separated).
    pub in_reply_to: Option<String>,
    pub thread_references: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
