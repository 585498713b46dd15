//! The fiscal document (NF-e) of an invoice, as the integration that sends it to SEFAZ reports
//! it: the only thing of an issued invoice that changes.

use chrono::Utc;
use openapi::finance::{FiscalIn, FiscalStatus};
use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::invoice;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::finance::error::{FinanceError, fiscal_word};
use crate::finance::service::read::{InvoiceView, find_invoice, get_invoice};

/// Whether an NF-e may go from `from` to `to`. Reporting the status it has again is allowed
/// (an integration retries); a cancelled NF-e is final, an authorized one can only be
/// cancelled.
fn may_move(from: FiscalStatus, to: FiscalStatus) -> bool {
    use FiscalStatus::*;
    from == to
        || match from {
            NotSent | Pending | Rejected => matches!(to, Pending | Authorized | Rejected),
            Authorized => to == Cancelled,
            Cancelled => false,
        }
}

/// Records what the integration reports. 409 for a move the NF-e cannot make, 422 for an
/// authorization without its key or with another key than the one authorized, 412 when the
/// invoice changed since `expected`.
pub async fn report_fiscal(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    input: &FiscalIn,
    expected: Option<i32>,
) -> Result<InvoiceView, FinanceError> {
    let before = find_invoice(txn, id).await?;
    if expected.is_some_and(|v| v != before.version) {
        return Err(FinanceError::Stale {
            what: "the invoice",
            current: before.version,
        });
    }
    let key = checked_key(&before, input)?;
    if before.fiscal_status == input.status && before.access_key == key {
        return get_invoice(txn, id).await;
    }
    let after = invoice::Model {
        fiscal_status: input.status,
        access_key: key,
        fiscal_updated_at: Some(Utc::now()),
        version: before.version + 1,
        ..before.clone()
    };
    let updated = txn
        .update_many::<invoice::Entity>()
        .set(invoice::ActiveModel::from(after.clone()).reset_all())
        .filter(invoice::Column::Id.eq(before.id))
        .filter(invoice::Column::Version.eq(before.version))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(FinanceError::Stale {
            what: "the invoice",
            current: before.version + 1,
        });
    }
    let change = Change {
        action: "invoice.fiscal",
        entity_type: "invoice",
        entity_id: Some(before.id),
        before: Some(
            json!({ "status": fiscal_word(before.fiscal_status), "access_key": before.access_key }),
        ),
        after: Some(
            json!({ "status": fiscal_word(after.fiscal_status), "access_key": after.access_key }),
        ),
    };
    audit::record(txn, principal, change).await?;
    get_invoice(txn, id).await
}

/// The key the invoice keeps: the one given, or the one it has. An authorized NF-e needs
/// one, and once authorized its key never changes.
fn checked_key(before: &invoice::Model, input: &FiscalIn) -> Result<Option<String>, FinanceError> {
    if !may_move(before.fiscal_status, input.status) {
        return Err(FinanceError::FiscalMove {
            from: before.fiscal_status,
            to: input.status,
        });
    }
    let settled = matches!(
        before.fiscal_status,
        FiscalStatus::Authorized | FiscalStatus::Cancelled
    );
    match (&input.access_key, &before.access_key) {
        (Some(given), Some(kept)) if settled && given != kept => Err(FinanceError::KeyChanged),
        (Some(given), _) => Ok(Some(given.clone())),
        (None, kept) if input.status == FiscalStatus::Authorized && kept.is_none() => {
            Err(FinanceError::KeyRequired)
        }
        (None, kept) => Ok(kept.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::may_move;
    use openapi::finance::FiscalStatus::*;

    #[test]
    fn an_nfe_moves_forward_and_a_cancelled_one_never_again() {
        assert!(may_move(NotSent, Pending));
        assert!(may_move(Rejected, Pending));
        assert!(may_move(Pending, Authorized));
        assert!(may_move(Authorized, Authorized));
        assert!(may_move(Authorized, Cancelled));
        assert!(!may_move(Authorized, Rejected));
        assert!(!may_move(Pending, Cancelled));
        assert!(!may_move(Cancelled, Authorized));
        assert!(!may_move(Authorized, NotSent));
    }
}
