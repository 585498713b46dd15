//! `/logistics/returns…` and `/logistics/return-settings`.

pub mod returns;
pub mod settings;

use openapi::logistics::{ReturnEventOut, ReturnLineOut, ReturnOut};

use crate::logistics::returns::service::read::ReturnView;

pub fn return_out(view: ReturnView) -> ReturnOut {
    let ReturnView {
        head,
        lines,
        timeline,
    } = view;
    ReturnOut {
        id: head.id,
        order_id: head.order_id,
        status: head.status,
        by_customer: head.by_customer,
        lines: lines
            .into_iter()
            .map(|l| ReturnLineOut {
                id: l.id,
                order_line_id: l.order_line_id,
                variant_id: l.variant_id,
                sku: l.sku,
                quantity: l.quantity,
                reason: l.reason,
                reason_kind: l.reason_kind,
                comment: l.comment,
                photos: serde_json::from_value(l.photos).unwrap_or_default(),
                restocked: l.restocked,
                unsellable: l.unsellable,
                location_id: l.location_id,
                value: l.value.0,
            })
            .collect(),
        credit: head.credit.0,
        override_reason: head.override_reason,
        authorization_code: head.authorization_code,
        instructions: head.instructions,
        decline_reason: head.decline_reason,
        resolution: head.resolution,
        refunded: head.refunded.map(|a| a.0),
        replacement_order_id: head.replacement_order_id,
        timeline: timeline
            .into_iter()
            .map(|e| ReturnEventOut {
                status: e.status,
                note: e.note,
                actor_id: e.actor_id,
                at: e.at,
            })
            .collect(),
        version: head.version,
        created_at: head.created_at,
    }
}
