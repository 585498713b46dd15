//! Finance in the browser: a boleto's notification that named no order, matched on a phone to
//! the order it pays by that order's number (a number no order has refused first); the demo's
//! customer blocked by dunning, unblocked on a phone, its held order released.

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

async fn a_blocked_customer_is_unblocked(backend: Backend) {
    use openapi::finance::CustomerCreditOut;
    let app = demo_app(backend).await;
    let owner = demo_owner(&app).await;
    let blocked: Page<CustomerCreditOut> = app
        .get("/api/v1/finance/customers?blocked=true")
        .as_(&owner)
        .returns(200)
        .await;
    let customer = blocked
        .items
        .first()
        .expect("the demo has a blocked customer")
        .clone();
    let reason = customer
        .blocked
        .as_ref()
        .map(|b| b.reason.clone())
        .unwrap_or_default();

    let browser = Browser::open(&app.address, 390, 844).await;
    sign_in(&browser).await;
    browser.go("/finance/customers").await;
    browser.see(&reason).await;
    browser.click("[data-testid=unblock-customer]").await;
    for _ in 0..100 {
        let now: CustomerCreditOut = app
            .get(&format!(
                "/api/v1/finance/customers/{}/credit",
                customer.customer_id
            ))
            .as_(&owner)
            .returns(200)
            .await;
        if now.blocked.is_none() {
            let held: Page<OrderOut> = app
                .get(&format!(
                    "/api/v1/orders?customer_id={}&status=on_hold",
                    customer.customer_id
                ))
                .as_(&owner)
                .returns(200)
                .await;
            assert!(held.items.is_empty(), "the held order was released");
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    browser.fail("the customer was not unblocked").await
}

crate::db_test!(
    a_blocked_customer_is_unblocked_on_a_phone,
    runs(a_blocked_customer_is_unblocked)
);
