//! sea-orm entities: one file per table, tables and relations only.
//!
//! Tenant tables offer `Entity::find_in(tenant_id)`, the one way tenant queries should start.

pub mod amount;
pub mod api_key;
pub mod audit_event;
pub mod idempotency_key;
pub mod invitation;
pub mod login_failure;
pub mod member;
pub mod refresh_token;
pub mod tenant;
pub mod user;

/// Adds `Entity::find_in(tenant_id)`: a `SELECT` already filtered to one tenant.
macro_rules! tenant_scoped {
    () => {
        impl Entity {
            /// All rows of this table that belong to `tenant_id`.
            pub fn find_in(tenant_id: uuid::Uuid) -> sea_orm::Select<Entity> {
                use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
                Self::find().filter(Column::TenantId.eq(tenant_id))
            }
        }
    };
}
pub(crate) use tenant_scoped;
