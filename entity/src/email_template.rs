//! `email_templates`: a store's own version of an email template in one language.

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::closed_sets::{EmailKind, Locale};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_templates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: EmailKind,
    pub locale: Locale,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
