//! Orders through the API, by topic: placing, payments, moves of the state machine,
//! customers, and orders at the same time.

mod at_once;
mod customers;
mod moves;
mod payments;
mod placing;

use std::fmt::Display;

use openapi::orders::{OrderStatus, TransitionIn};

use crate::harness::TestApp;
use crate::harness::client::{Reply, Session};

pub use crate::harness::fixtures::CPF;
pub use crate::harness::shop::{Shop, address, new_customer, open_shop};

/// Asks to move an order to `to`.
pub async fn move_order(
    app: &TestApp,
    who: &Session,
    order: impl Display,
    to: OrderStatus,
) -> Reply {
    app.post(&format!("/api/v1/orders/{order}/transitions"))
        .as_(who)
        .json(&TransitionIn { to, reason: None })
        .send()
        .await
}

/// Cancels an order, which must be allowed.
pub async fn cancel(app: &TestApp, shop: &Shop, order: impl Display, reason: Option<&str>) {
    app.post(&format!("/api/v1/orders/{order}/transitions"))
        .as_(&shop.owner)
        .json(&TransitionIn {
            to: OrderStatus::Cancelled,
            reason: reason.map(Into::into),
        })
        .send()
        .await
        .expect(200);
}
