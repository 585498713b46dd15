//! `ticket_messages`: each message on a ticket's thread: the customer's, the store's answers
//! and the agents' internal notes.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::closed_sets::TicketMessageKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub kind: TicketMessageKind,
    /// The member who wrote an answer or a note.
    pub author_id: Option<Uuid>,
    /// Who sent a message that came in.
    pub from_address: Option<String>,
    /// Plain text.
    pub body: String,
    /// `[{ "name", "content_type", "size", "url" }]`
    pub attachments: Json,
    /// The email's `Message-ID`, in or out: one message per id and store.
    pub message_id: Option<String>,
    /// The email an answer went out as.
    pub email_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
