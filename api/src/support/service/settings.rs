//! The store's support desk settings (the defaults until it sets them).

use chrono::Utc;
use openapi::support::SupportSettingsIn;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use entity::support_settings;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::support::error::SupportError;

pub async fn read(conn: &TenantTransaction) -> Result<support_settings::Model, SupportError> {
    let row = conn.find::<support_settings::Entity>().one(conn).await?;
    Ok(row.unwrap_or(support_settings::Model {
        tenant_id: conn.tenant(),
        address: None,
        version: 0,
        updated_at: Utc::now(),
    }))
}

/// Writes the settings at the version read (`expected`; 0 before the first write).
pub async fn write(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &SupportSettingsIn,
    expected: Option<i32>,
) -> Result<support_settings::Model, SupportError> {
    let before = read(conn).await?;
    if let Some(expected) = expected
        && expected != before.version
    {
        return Err(SupportError::Stale {
            what: "support settings",
            current: before.version,
        });
    }
    let after = support_settings::Model {
        tenant_id: conn.tenant(),
        address: input.address.as_ref().map(|a| a.trim().to_lowercase()),
        version: before.version + 1,
        updated_at: Utc::now(),
    };
    let written = if before.version == 0 {
        support_settings::Entity::insert(support_settings::ActiveModel::from(after.clone()))
            .on_conflict(
                sea_orm::sea_query::OnConflict::column(support_settings::Column::TenantId)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(conn)
            .await?
    } else {
        conn.update_many::<support_settings::Entity>()
            .set(support_settings::ActiveModel {
                address: Set(after.address.clone()),
                version: Set(after.version),
                updated_at: Set(after.updated_at),
                ..Default::default()
            })
            .filter(support_settings::Column::Version.eq(before.version))
            .exec(conn)
            .await?
            .rows_affected
    };
    if written != 1 {
        return Err(SupportError::Stale {
            what: "support settings",
            current: read(conn).await?.version,
        });
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "support_settings.update",
            entity_type: "support_settings",
            entity_id: None,
            before: Some(json!({ "address": before.address })),
            after: Some(json!({ "address": after.address })),
        },
    )
    .await?;
    Ok(after)
}
