//! Receiving an approved return: each line inspected, its units put back on sale at a
//! location (a `return` movement) or set aside as unsellable (and a `damage` movement).

use openapi::logistics::{ReceiveIn, ReturnStatus};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

use entity::return_line;

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::inventory::service::returned::{TakenBack, take_back};
use crate::logistics::returns::error::ReturnError;
use crate::logistics::returns::service::read::{
    ReturnView, advance, check_version, find_return, get_return, lines_of,
};

pub async fn receive(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    input: &ReceiveIn,
    expected: Option<i32>,
) -> Result<ReturnView, ReturnError> {
    let before = find_return(txn, id).await?;
    check_version(&before, expected)?;
    if before.status != ReturnStatus::Approved {
        return Err(ReturnError::WrongState {
            status: before.status,
            action: "received",
        });
    }
    let lines = lines_of(txn, vec![id]).await?;
    check_inspection(&lines, input)?;
    for inspection in &input.lines {
        let Some(line) = lines.iter().find(|l| l.id == inspection.line_id) else {
            continue;
        };
        let back = TakenBack {
            variant_id: line.variant_id,
            location_id: inspection.location_id,
            restock: inspection.restock,
            unsellable: inspection.unsellable,
            return_id: id,
        };
        take_back(txn, principal, &back).await?;
        txn.update_many::<return_line::Entity>()
            .col_expr(
                return_line::Column::Restocked,
                Expr::value(inspection.restock),
            )
            .col_expr(
                return_line::Column::Unsellable,
                Expr::value(inspection.unsellable),
            )
            .col_expr(
                return_line::Column::LocationId,
                Expr::value(inspection.location_id),
            )
            .filter(return_line::Column::Id.eq(line.id))
            .exec(txn)
            .await?;
    }
    let after = entity::return_request::Model {
        status: ReturnStatus::Received,
        ..before.clone()
    };
    advance(
        txn,
        principal,
        &before,
        &[ReturnStatus::Approved],
        after,
        "received",
        None,
    )
    .await?;
    get_return(txn, id).await
}

/// Each line of the return inspected once, every unit of it restocked or set aside; no line
/// of another return.
fn check_inspection(lines: &[return_line::Model], input: &ReceiveIn) -> Result<(), ReturnError> {
    if let Some(stray) = input
        .lines
        .iter()
        .find(|i| !lines.iter().any(|l| l.id == i.line_id))
    {
        tracing::debug!(line = %stray.line_id, "inspected line not on the return");
        return Err(ReturnError::UnknownLine);
    }
    for line in lines {
        let inspected: Vec<_> = input
            .lines
            .iter()
            .filter(|i| i.line_id == line.id)
            .collect();
        let counted: i64 = inspected.iter().map(|i| i.restock + i.unsellable).sum();
        if inspected.len() != 1 || counted != line.quantity {
            return Err(ReturnError::Inspection {
                sku: line.sku.clone(),
                inspected: counted,
                quantity: line.quantity,
            });
        }
    }
    Ok(())
}
