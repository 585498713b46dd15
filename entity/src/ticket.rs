//! `tickets`: a customer's request to the store's support, with its thread in
//! `ticket_messages`.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::closed_sets::{Locale, TicketChannel, TicketPriority, TicketStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tickets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Per store, from 1.
    pub number: i64,
    pub subject: String,
    pub customer_id: Uuid,
    pub order_id: Option<Uuid>,
    pub return_id: Option<Uuid>,
    pub invoice_id: Option<Uuid>,
    pub channel: TicketChannel,
    pub status: TicketStatus,
    pub priority: TicketPriority,
    /// `["troca", …]`
    pub tags: Json,
    pub assignee_id: Option<Uuid>,
    pub team: Option<String>,
    /// The customer's language: replies are written in it.
    pub locale: Locale,
    pub search_text: String,
    pub messages_count: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub last_message_at: DateTimeUtc,
    pub first_response_at: Option<DateTimeUtc>,
    pub solved_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
