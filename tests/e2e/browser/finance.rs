//! Finance in the browser: a boleto's notification that named no order, matched on a phone to
//! the order it pays by that order's number (a number no order has refused first).

use openapi::Page;
use openapi::finance::{NotificationStatus, PaymentNotificationOut};
use openapi::orders::{OrderOut, OrderStatus};

use super::{demo_app, demo_owner, sign_in};
use crate::harness::Backend;
use crate::harness::browser::Browser;

const BOLETO: &str = "bol-2026-000917";

async fn an_unmatched_boleto_is_matched_to_its_order(backend: Backend) {
    let app = demo_app(backend).await;
    let owner = demo_owner(&app).await;
    let open: Page<OrderOut> = app
        .get("/api/v1/orders?status=pending_payment&limit=50")
        .as_(&owner)
        .returns(200)
        .await;
    let order = open
        .items
        .into_iter()
        .find(|o| o.balance_due >= "89.90".parse().unwrap())
        .expect("the demo store has an open order owing 89.90 or more");

    let browser = Browser::open(&app.address, 390, 844).await;
    sign_in(&browser).await;
    browser.go("/finance/payments").await;
    browser.see(BOLETO).await;
    // The boleto came first: it is the second row, newest first.
    let row = "table.notifications tbody tr:nth-child(2)";
    let field = browser
        .find(&format!("{row} input[name=order_number]"))
        .await;
    field.send_keys("987654").await.expect("type");
    browser
        .click(&format!("{row} [data-testid=match-notification]"))
        .await;
    browser.find(&format!("{row} .problem")).await;

    let field = browser
        .find(&format!("{row} input[name=order_number]"))
        .await;
    field.clear().await.expect("clear");
    field
        .send_keys(&order.number.to_string())
        .await
        .expect("type");
    browser
        .click(&format!("{row} [data-testid=match-notification]"))
        .await;
    let mut settled = None;
    for _ in 0..100 {
        let page: Page<PaymentNotificationOut> = app
            .get("/api/v1/finance/payment-notifications?status=settled")
            .as_(&owner)
            .returns(200)
            .await;
        settled = page.items.into_iter().find(|n| n.reference == BOLETO);
        if settled.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let Some(settled) = settled else {
        browser.fail("the boleto was not matched").await
    };
    assert_eq!(settled.status, NotificationStatus::Settled);
    assert_eq!(settled.order_id, Some(order.id));
    let paid: OrderOut = app
        .get(&format!("/api/v1/orders/{}", order.id))
        .as_(&owner)
        .returns(200)
        .await;
    assert_eq!(paid.paid, "89.90".parse().unwrap());
    assert!(matches!(
        paid.status,
        OrderStatus::PendingPayment | OrderStatus::Paid
    ));
}

crate::db_test!(
    an_unmatched_boleto_is_matched_to_its_order_on_a_phone,
    runs(an_unmatched_boleto_is_matched_to_its_order)
);
