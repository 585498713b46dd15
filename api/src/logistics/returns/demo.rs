//! The demo store's returns, one in each state, on its delivered orders.

use openapi::logistics::{
    ApproveIn, DeclineIn, InspectionIn, ReceiveIn, Resolution, ResolveIn, ReturnIn, ReturnLineIn,
};
use openapi::orders::{OrderQuery, OrderStatus};
use sea_orm::{DbErr, Order};

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::logistics::returns::error::ReturnError;
use crate::logistics::returns::service::request::{Requester, request_return};
use crate::logistics::returns::service::{receive, resolve, review};
use crate::numbering::Numbering;
use crate::orders::service::order::{OrderView, list_orders};
use crate::pagination::PageRequest;

/// Each return's reason and how far it goes.
const RETURNS: [(&str, ReturnStep); 5] = [
    ("regret", ReturnStep::Requested),
    ("defective", ReturnStep::Approved),
    ("not_as_described", ReturnStep::Declined),
    ("damaged", ReturnStep::Received),
    ("wrong_item", ReturnStep::Resolved),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum ReturnStep {
    Requested,
    Approved,
    Declined,
    Received,
    Resolved,
}

async fn delivered_orders(txn: &TenantTransaction) -> Result<Vec<OrderView>, ReturnError> {
    let page = PageRequest::new(Some(20), None, Order::Desc)
        .map_err(|_| DbErr::Custom("the demo's page of orders".into()))?;
    let mut found = Vec::new();
    for status in [OrderStatus::Delivered, OrderStatus::Completed] {
        let query = OrderQuery {
            status: Some(status),
            ..OrderQuery::default()
        };
        found.extend(list_orders(txn, &query, page.clone()).await?.items);
    }
    Ok(found)
}

pub async fn seed(txn: &TenantTransaction, owner: &Principal) -> Result<(), ReturnError> {
    let orders = delivered_orders(txn).await?;
    for ((reason, step), order) in RETURNS.into_iter().zip(orders) {
        let Some(line) = order.lines.first() else {
            continue;
        };
        let input = ReturnIn {
            order_id: order.order.id,
            lines: vec![ReturnLineIn {
                order_line_id: line.id,
                quantity: 1,
                reason: reason.into(),
                comment: Some("Pedido pelo cliente por telefone.".into()),
                photos: Vec::new(),
            }],
            override_reason: None,
        };
        let who = Requester {
            principal: owner,
            by_customer: false,
        };
        let id = request_return(txn, who, &input).await?.head.id;
        if step == ReturnStep::Requested {
            continue;
        }
        if step == ReturnStep::Declined {
            let reason = DeclineIn {
                reason: "O produto foi usado.".into(),
            };
            review::decline(txn, owner, id, &reason, None).await?;
            continue;
        }
        let approval = ApproveIn {
            authorization_code: format!("AP{:09}BR", order.order.number),
            instructions: "Poste em qualquer agência dos Correios informando o código.".into(),
        };
        let approved = review::approve(txn, owner, id, &approval, None).await?;
        if step == ReturnStep::Approved {
            continue;
        }
        let inspection = ReceiveIn {
            lines: approved
                .lines
                .iter()
                .map(|l| InspectionIn {
                    line_id: l.id,
                    location_id: line.location_id,
                    restock: if reason == "damaged" { 0 } else { l.quantity },
                    unsellable: if reason == "damaged" { l.quantity } else { 0 },
                })
                .collect(),
        };
        receive::receive(txn, owner, id, &inspection, None).await?;
        if step == ReturnStep::Resolved {
            let refund = ResolveIn {
                resolution: Resolution::Refund,
                replacement: Vec::new(),
            };
            resolve::resolve(txn, Numbering::InTransaction, owner, id, &refund, None).await?;
        }
    }
    Ok(())
}
