//! The store's order rules and the addresses of its team's notifications.

use crate::db::TenantTransaction;
use chrono::Utc;
use openapi::orders::OrderSettings;
use sea_orm::sea_query::OnConflict;
use sea_orm::{DbErr, EntityTrait};
use serde_json::json;

use entity::amount::Amount;
use entity::order_settings;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::orders::error::OrderError;
use crate::orders::service::place::is_offered;

/// The store's settings; a store that never set them holds no first order.
pub async fn settings_of(conn: &TenantTransaction) -> Result<OrderSettings, DbErr> {
    let tenant_id = conn.tenant();
    let row = order_settings::Entity::find_by_id(tenant_id)
        .one(conn)
        .await?;
    Ok(match row {
        Some(row) => OrderSettings {
            first_order_hold_above: row.first_order_hold_above.map(|a| a.0),
            staff_emails: serde_json::from_value(row.staff_emails).unwrap_or_default(),
            reply_to: row.reply_to,
            default_shipping_service_id: row.default_shipping_service_id,
        },
        None => OrderSettings {
            first_order_hold_above: None,
            staff_emails: Vec::new(),
            reply_to: None,
            default_shipping_service_id: None,
        },
    })
}

pub async fn put_settings(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &OrderSettings,
) -> Result<OrderSettings, OrderError> {
    if let Some(id) = input.default_shipping_service_id
        && !is_offered(conn, id).await?
    {
        return Err(OrderError::invalid(
            "default_shipping_service_id",
            "is no active carrier service of the store",
        ));
    }
    let before = settings_of(conn).await?;
    let row = order_settings::Model {
        tenant_id: conn.tenant(),
        first_order_hold_above: input.first_order_hold_above.map(Amount),
        staff_emails: json!(input.staff_emails),
        reply_to: input.reply_to.clone(),
        default_shipping_service_id: input.default_shipping_service_id,
        updated_at: Utc::now(),
    };
    order_settings::Entity::insert(order_settings::ActiveModel::from(row))
        .on_conflict(
            OnConflict::column(order_settings::Column::TenantId)
                .update_columns([
                    order_settings::Column::FirstOrderHoldAbove,
                    order_settings::Column::StaffEmails,
                    order_settings::Column::ReplyTo,
                    order_settings::Column::DefaultShippingServiceId,
                    order_settings::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "order_settings.update",
            entity_type: "order_settings",
            entity_id: None,
            before: Some(json!(before)),
            after: Some(json!(input)),
        },
    )
    .await?;
    Ok(input.clone())
}
