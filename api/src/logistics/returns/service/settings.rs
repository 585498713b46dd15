//! The store's return rules: the defaults until it sets its own.

use chrono::Utc;
use openapi::logistics::{ReasonKind, ReturnReason, ReturnSettings};
use sea_orm::EntityTrait;
use sea_orm::sea_query::OnConflict;
use serde_json::json;

use entity::return_settings;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::logistics::returns::error::ReturnError;

pub async fn settings_of(txn: &TenantTransaction) -> Result<ReturnSettings, ReturnError> {
    let row = txn.find::<return_settings::Entity>().one(txn).await?;
    Ok(match row {
        Some(row) => ReturnSettings {
            regret_days: row.regret_days,
            defect_days: row.defect_days,
            shipping_refund: row.shipping_refund,
            reasons: serde_json::from_value(row.reasons).unwrap_or_default(),
        },
        None => ReturnSettings::default(),
    })
}

/// The kind of a reason of the store's list.
pub fn kind_of(settings: &ReturnSettings, code: &str) -> Result<ReasonKind, ReturnError> {
    settings
        .reasons
        .iter()
        .find(|r: &&ReturnReason| r.code == code)
        .map(|r| r.kind)
        .ok_or_else(|| ReturnError::UnknownReason {
            code: code.to_owned(),
        })
}

pub async fn put_settings(
    txn: &TenantTransaction,
    principal: &Principal,
    input: &ReturnSettings,
) -> Result<ReturnSettings, ReturnError> {
    let before = settings_of(txn).await?;
    // One entry per code: the last one given wins.
    let mut reasons: Vec<ReturnReason> = Vec::new();
    for reason in &input.reasons {
        reasons.retain(|r| r.code != reason.code);
        reasons.push(reason.clone());
    }
    let after = ReturnSettings {
        reasons,
        ..input.clone()
    };
    let row = return_settings::Model {
        tenant_id: txn.tenant(),
        regret_days: after.regret_days,
        defect_days: after.defect_days,
        shipping_refund: after.shipping_refund,
        reasons: json!(after.reasons),
        updated_at: Utc::now(),
    };
    return_settings::Entity::insert(return_settings::ActiveModel::from(row))
        .on_conflict(
            OnConflict::column(return_settings::Column::TenantId)
                .update_columns([
                    return_settings::Column::RegretDays,
                    return_settings::Column::DefectDays,
                    return_settings::Column::ShippingRefund,
                    return_settings::Column::Reasons,
                    return_settings::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    let change = Change {
        action: "return_settings.update",
        entity_type: "return_settings",
        entity_id: None,
        before: Some(json!(before)),
        after: Some(json!(after)),
    };
    audit::record(txn, principal, change).await?;
    Ok(after)
}
