//! Finance through the API: invoices of paid orders, credit notes, fiscal documents.

mod bank;
mod cash_flow;
mod credit_notes;
mod dunning;
mod dunning_rules;
mod fiscal;
mod invoices;
mod margin_days;
pub mod margins;
mod notifications;
mod payables;
mod terms;

use openapi::finance::InvoiceOut;
use openapi::orders::{OrderLineIn, OrderOut};
use openapi::tenancy::Locale;
use uuid::Uuid;

use crate::harness::TestApp;
use crate::harness::fixtures::{money, new_buyer};
use crate::harness::shop::Shop;

/// An order of these lines (20.00 shipping, the order discount given) placed and paid.
pub async fn paid_order(
    app: &TestApp,
    shop: &Shop,
    key: &str,
    lines: Vec<OrderLineIn>,
    discount: Option<&str>,
) -> OrderOut {
    let mut order = shop.order_in(new_buyer(&format!("Cliente {key}"), Locale::PtBr), lines);
    order.shipping_fee = Some(money("20.00"));
    order.discount = discount.map(money);
    let placed = shop.place_ok(app, key, &order).await;
    shop.pay(
        app,
        placed.id,
        &placed.total.to_string(),
        &format!("pix-{key}"),
    )
    .await
    .expect(201);
    shop.read(app, placed.id).await
}

/// The invoice of a paid order, once the outbox has issued it.
pub async fn invoice_of(app: &TestApp, shop: &Shop, order: Uuid) -> InvoiceOut {
    let path = format!("/api/v1/finance/invoices?order_id={order}&kind=invoice");
    app.first_when_made(&shop.owner, &path).await
}
