//! sea-orm entities: one file per table, tables and relations only.
//!
//! Tenant tables are `TenantScoped` and offer `Entity::find_in(tenant_id)`: a tenant
//! transaction starts their statements with the tenant's filter.

pub mod amount;
pub mod api_key;
pub mod audit_event;
pub mod automation_action_run;
pub mod automation_rule;
pub mod automation_rule_run;
pub mod automation_settings;
pub mod bank_line;
pub mod bill_payment;
pub mod canned_reply;
pub mod carrier;
pub mod carrier_service;
pub mod channel_buffer;
pub mod closed_sets;
pub mod counter;
pub mod customer;
pub mod dunning_notice;
pub mod email;
pub mod email_template;
pub mod finance_settings;
pub mod fulfilment;
pub mod fulfilment_line;
pub mod idempotency_key;
pub mod ids;
pub mod instalment;
pub mod invitation;
pub mod invoice;
pub mod invoice_line;
pub mod kit_component;
pub mod line_margin;
pub mod location;
pub mod location_handling;
pub mod login_attempt;
pub mod margin_day;
pub mod member;
pub mod notification;
pub mod notification_settings;
pub mod order;
pub mod order_event;
pub mod order_line;
pub mod order_settings;
pub mod outbox_delivery;
pub mod outbox_event;
pub mod payment;
pub mod payment_notification;
pub mod product;
pub mod product_channel;
pub mod purchase_order;
pub mod purchase_order_line;
pub mod refresh_token;
pub mod reservation;
pub mod return_event;
pub mod return_line;
pub mod return_request;
pub mod return_settings;
pub mod sales_channel;
pub mod scorecard_build;
pub mod scorecard_day;
pub mod shipment;
pub mod stock_level;
pub mod stock_movement;
pub mod store_holiday;
pub mod supplier;
pub mod supplier_bill;
pub mod supplier_bill_line;
pub mod supplier_variant;
pub mod support_settings;
pub mod tenant;
pub mod ticket;
pub mod ticket_message;
pub mod tracking_event;
pub mod transit_time;
pub mod user;
pub mod variant;
pub mod webhook_attempt;
pub mod webhook_delivery;
pub mod webhook_endpoint;

pub use ids::TenantId;

/// A tenant table's entity: which column names the tenant. A tenant transaction starts its
/// `SELECT`, `UPDATE` and `DELETE` statements with that column's filter (`api::db::TenantTransaction`).
pub trait TenantScoped: sea_orm::EntityTrait {
    fn tenant_column() -> Self::Column;
}

/// Makes the entity `TenantScoped`, and adds `Entity::find_in(tenant_id)`: a `SELECT` already
/// filtered to one tenant.
macro_rules! tenant_scoped {
    () => {
        impl $crate::TenantScoped for Entity {
            fn tenant_column() -> Column {
                Column::TenantId
            }
        }

        impl Entity {
            /// All rows of this table that belong to `tenant_id`.
            pub fn find_in(tenant_id: $crate::TenantId) -> sea_orm::Select<Entity> {
                use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
                Self::find().filter(Column::TenantId.eq(tenant_id))
            }
        }
    };
}
pub(crate) use tenant_scoped;
