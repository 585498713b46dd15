//! Approving a requested return (how the goods come back) or declining it (why).

use openapi::logistics::{ApproveIn, DeclineIn, ReturnStatus};
use uuid::Uuid;

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::logistics::returns::error::ReturnError;
use crate::logistics::returns::service::read::{
    ReturnView, advance, check_version, find_return, get_return,
};

pub async fn approve(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    input: &ApproveIn,
    expected: Option<i32>,
) -> Result<ReturnView, ReturnError> {
    let before = find_return(txn, id).await?;
    check_version(&before, expected)?;
    let after = entity::return_request::Model {
        status: ReturnStatus::Approved,
        authorization_code: Some(input.authorization_code.trim().to_owned()),
        instructions: Some(input.instructions.clone()),
        ..before.clone()
    };
    let note = Some(input.authorization_code.as_str());
    advance(
        txn,
        principal,
        &before,
        &[ReturnStatus::Requested],
        after,
        "approved",
        note,
    )
    .await?;
    get_return(txn, id).await
}

pub async fn decline(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    input: &DeclineIn,
    expected: Option<i32>,
) -> Result<ReturnView, ReturnError> {
    let before = find_return(txn, id).await?;
    check_version(&before, expected)?;
    let after = entity::return_request::Model {
        status: ReturnStatus::Declined,
        decline_reason: Some(input.reason.clone()),
        ..before.clone()
    };
    let note = Some(input.reason.as_str());
    advance(
        txn,
        principal,
        &before,
        &[ReturnStatus::Requested],
        after,
        "declined",
        note,
    )
    .await?;
    get_return(txn, id).await
}
