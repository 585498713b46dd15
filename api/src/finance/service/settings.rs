//! The store's finance settings: one row, the defaults until the store changes them: due
//! dates on working days, the dunning policy, channels' commissions and payment methods' fees.

use chrono::Utc;
use std::collections::HashSet;

use entity::amount::Amount;
use openapi::finance::{CashBalance, ChannelFee, DunningPolicy, FinanceSettingsIn, PaymentFee};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait};
use serde_json::json;

use entity::finance_settings::{self as settings, Model as Settings};

use uuid::Uuid;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::catalog::service::channel::channels_by_ids;
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;

fn defaults(txn: &TenantTransaction) -> Settings {
    Settings {
        tenant_id: txn.tenant(),
        due_on_working_days: false,
        dunning: None,
        channel_fees: None,
        payment_fees: None,
        cash_balance: None,
        cash_balance_on: None,
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

/// Each sales channel's commission, as the store set them.
pub fn channel_fees_of(settings: &Settings) -> Vec<ChannelFee> {
    decoded(settings.channel_fees.as_ref())
}

/// Each payment method's fee, as the store set them.
pub fn payment_fees_of(settings: &Settings) -> Vec<PaymentFee> {
    decoded(settings.payment_fees.as_ref())
}

/// The cash balance the store entered, if it did.
pub fn cash_balance_of(settings: &Settings) -> Option<CashBalance> {
    Some(CashBalance {
        amount: settings.cash_balance?.0,
        on: settings.cash_balance_on?,
    })
}

fn decoded<T: serde::de::DeserializeOwned>(value: Option<&serde_json::Value>) -> Vec<T> {
    value
        .and_then(|value| serde_json::from_value(value.clone()).ok())
        .unwrap_or_default()
}

fn encoded<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, FinanceError> {
    serde_json::to_value(value).map_err(|e| sea_orm::DbErr::Json(e.to_string()).into())
}

/// Fees name each channel and method once, and channels the store has.
async fn check_fees(
    txn: &TenantTransaction,
    input: &FinanceSettingsIn,
) -> Result<(), FinanceError> {
    if let Some(fees) = &input.channel_fees {
        let ids: HashSet<Uuid> = fees.iter().map(|f| f.channel_id).collect();
        if ids.len() != fees.len() {
            return Err(FinanceError::DuplicateFee {
                field: "channel_fees",
            });
        }
        let known = channels_by_ids(txn, ids.iter().copied().collect()).await?;
        if known.len() != ids.len() {
            return Err(FinanceError::UnknownChannel);
        }
    }
    if let Some(fees) = &input.payment_fees {
        let methods: HashSet<&str> = fees.iter().map(|f| f.method.as_str()).collect();
        if methods.len() != fees.len() {
            return Err(FinanceError::DuplicateFee {
                field: "payment_fees",
            });
        }
    }
    Ok(())
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
    check_fees(txn, input).await?;
    let dunning = match &input.dunning {
        Some(policy) => Some(encoded(policy)?),
        None => before.dunning.clone(),
    };
    let channel_fees = match &input.channel_fees {
        Some(fees) => Some(encoded(fees)?),
        None => before.channel_fees.clone(),
    };
    let payment_fees = match &input.payment_fees {
        Some(fees) => Some(encoded(fees)?),
        None => before.payment_fees.clone(),
    };
    let (cash_balance, cash_balance_on) = match &input.cash_balance {
        Some(balance) => (Some(Amount(balance.amount)), Some(balance.on)),
        None => (before.cash_balance, before.cash_balance_on),
    };
    let after = Settings {
        due_on_working_days: input.due_on_working_days,
        dunning,
        channel_fees,
        payment_fees,
        cash_balance,
        cash_balance_on,
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
                    settings::Column::ChannelFees,
                    settings::Column::PaymentFees,
                    settings::Column::CashBalance,
                    settings::Column::CashBalanceOn,
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
            "channel_fees": before.channel_fees,
            "payment_fees": before.payment_fees,
            "cash_balance": cash_balance_of(&before),
        })),
        after: Some(json!({
            "due_on_working_days": after.due_on_working_days,
            "dunning": policy_of(&after),
            "channel_fees": after.channel_fees,
            "payment_fees": after.payment_fees,
            "cash_balance": cash_balance_of(&after),
        })),
    };
    audit::record(txn, principal, change).await?;
    Ok(after)
}
