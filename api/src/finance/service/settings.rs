//! The store's finance settings: one row, the defaults until the store changes them.

use chrono::Utc;
use openapi::finance::{DunningPolicy, FinanceSettingsIn};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait};
use serde_json::json;

use entity::finance_settings::{self as settings, Model as Settings};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;

fn defaults(txn: &TenantTransaction) -> Settings {
    Settings {
        tenant_id: txn.tenant(),
        due_on_working_days: false,
        dunning: None,
        version: 0,
        updated_at: Utc::now(),
    }
}

/// The store's dunning policy: the one it set, else the defaults.
pub fn policy_of(settings: &Settings) -> DunningPolicy {
    settings
        .dunning
        .as_ref()
        .and_then(|value| serde_json::from_value(value.clone()).ok())
        .unwrap_or_default()
}

pub async fn settings_of(txn: &TenantTransaction) -> Result<Settings, FinanceError> {
    let stored = txn.find::<settings::Entity>().one(txn).await?;
    Ok(stored.unwrap_or_else(|| defaults(txn)))
}

/// Changes the settings, audited; 412 when they changed since `expected`.
pub async fn update_settings(
    txn: &TenantTransaction,
    principal: &Principal,
    input: &FinanceSettingsIn,
    expected: Option<i32>,
) -> Result<Settings, FinanceError> {
    let before = settings_of(txn).await?;
    if expected.is_some_and(|v| v != before.version) {
        return Err(FinanceError::Stale {
            what: "the finance settings",
            current: before.version,
        });
    }
    let dunning = match &input.dunning {
        Some(policy) => {
            Some(serde_json::to_value(policy).map_err(|e| sea_orm::DbErr::Json(e.to_string()))?)
        }
        None => before.dunning.clone(),
    };
    let after = Settings {
        due_on_working_days: input.due_on_working_days,
        dunning,
        version: before.version + 1,
        updated_at: Utc::now(),
        ..before.clone()
    };
    let updated = settings::Entity::insert(settings::ActiveModel::from(after.clone()))
        .on_conflict(
            OnConflict::column(settings::Column::TenantId)
                .update_columns([
                    settings::Column::DueOnWorkingDays,
                    settings::Column::Dunning,
                    settings::Column::Version,
                    settings::Column::UpdatedAt,
                ])
                .action_and_where(settings::Column::Version.eq(before.version))
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    if updated != 1 {
        return Err(FinanceError::Stale {
            what: "the finance settings",
            current: before.version + 1,
        });
    }
    let change = Change {
        action: "finance.settings",
        entity_type: "finance_settings",
        entity_id: None,
        before: Some(json!({
            "due_on_working_days": before.due_on_working_days,
            "dunning": policy_of(&before),
        })),
        after: Some(json!({
            "due_on_working_days": after.due_on_working_days,
            "dunning": policy_of(&after),
        })),
    };
    audit::record(txn, principal, change).await?;
    Ok(after)
}
