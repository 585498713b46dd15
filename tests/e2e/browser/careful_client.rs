//! The web app as a careful client of the API: a payment clicked twice is recorded once (its
//! `Idempotency-Key` is kept for the submission, the button waits for the answer), and a change
//! to something someone else changed meanwhile is refused (412) and says so, with a reload.

use std::time::Duration;

use serde_json::{Value, json};

use super::{demo_app, demo_owner, sign_in};
use crate::harness::browser::Browser;
use crate::harness::client::Session;
use crate::harness::{Backend, TestApp};

/// The first order in `status`, as the API lists it.
/// The newest order in `status` not on credit terms (released, an order on terms would go
/// on to be approved).
async fn first_order(app: &TestApp, owner: &Session, status: &str) -> Value {
    let page = app
        .get(&format!("/api/v1/orders?status={status}&limit=50"))
        .as_(owner)
        .send()
        .await
        .expect(200)
        .body;
    let orders = page["items"].as_array().cloned().unwrap_or_default();
    orders
        .into_iter()
        .find(|o| o.get("payment_terms").is_none())
        .unwrap_or_else(|| panic!("no {status} order paid up front"))
}

async fn payments_of(app: &TestApp, owner: &Session, order_id: &str) -> Vec<Value> {
    let list = app
        .get(&format!("/api/v1/orders/{order_id}/payments"))
        .as_(owner)
        .send()
        .await
        .expect(200)
        .body;
    list.as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "payment")
        .cloned()
        .collect()
}

/// Waits (as `Browser::find` does) until the input `css` holds `value`.
async fn input_shows(browser: &Browser, css: &str, value: &str) {
    for _ in 0..300 {
        let input = browser.find(css).await;
        if input.prop("value").await.ok().flatten().as_deref() == Some(value) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser
        .fail(&format!("`{css}` never showed `{value}`"))
        .await
}

async fn a_double_clicked_payment_is_recorded_once(backend: Backend) {
    let app = demo_app(backend).await;
    let owner = demo_owner(&app).await;
    let order = first_order(&app, &owner, "pending_payment").await;
    let id = order["id"].as_str().unwrap().to_owned();
    let before = payments_of(&app, &owner, &id).await.len();
    let browser = Browser::open(&app.address, 1280, 900).await;
    sign_in(&browser).await;
    browser.go(&format!("/orders/{id}")).await;

    // Part of the balance, so a second payment would still be accepted if it were sent.
    let amount = browser
        .find("[data-testid=payment-form] input[name=amount]")
        .await;
    amount.clear().await.unwrap();
    amount.send_keys("10,00").await.unwrap();
    // Two clicks in the same instant, before the page can answer the first.
    browser
        .client
        .execute(
            "const pay = document.querySelector('button.pay'); pay.click(); pay.click();",
            vec![],
        )
        .await
        .unwrap();

    for _ in 0..300 {
        if payments_of(&app, &owner, &id).await.len() > before {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.find("table.payments tbody tr").await;
    // Whatever a second click sent has had time to arrive.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let payments = payments_of(&app, &owner, &id).await;
    assert_eq!(payments.len(), before + 1, "{payments:#?}");
    assert_eq!(payments.last().unwrap()["amount"], "10.00");
    assert!(
        !browser.has("[role=alert]").await,
        "the page shows a problem"
    );
    browser.close().await;
    app.shutdown().await;
}

async fn a_change_made_meanwhile_is_refused_and_said(backend: Backend) {
    let app = demo_app(backend).await;
    let owner = demo_owner(&app).await;
    let browser = Browser::open(&app.address, 390, 844).await;
    sign_in(&browser).await;

    // A customer edited in the page after someone changed them through the API.
    let customer = app
        .get("/api/v1/customers?limit=1")
        .as_(&owner)
        .send()
        .await
        .expect(200)
        .body["items"][0]
        .clone();
    let customer_id = customer["id"].as_str().unwrap();
    browser.go(&format!("/customers/{customer_id}")).await;
    let phone = browser.find("input[name=customer-phone]").await;
    app.patch(&format!("/api/v1/customers/{customer_id}"))
        .as_(&owner)
        .json(&json!({ "phone": "+55 11 97777-1234" }))
        .send()
        .await
        .expect(200);
    phone.clear().await.unwrap();
    phone.send_keys("+55 11 98888-0000").await.unwrap();
    browser
        .click("[data-testid=customer-form] button[type=submit]")
        .await;
    browser.find("[data-testid=stale]").await;
    browser.see("Outra pessoa alterou isto").await;
    let kept = app
        .get(&format!("/api/v1/customers/{customer_id}"))
        .as_(&owner)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(kept["phone"], "+55 11 97777-1234");
    // Reloading shows what the other person saved.
    browser.click("[data-testid=stale] button").await;
    input_shows(&browser, "input[name=customer-phone]", "+55 11 97777-1234").await;

    // An order moved in the page after it was moved through the API.
    let order = first_order(&app, &owner, "on_hold").await;
    let order_id = order["id"].as_str().unwrap();
    browser.go(&format!("/orders/{order_id}")).await;
    browser.find("button.move-pending_payment").await;
    app.post(&format!("/api/v1/orders/{order_id}/transitions"))
        .as_(&owner)
        .json(&json!({ "to": "pending_payment" }))
        .send()
        .await
        .expect(200);
    browser.click("button.move-pending_payment").await;
    browser.find("[data-testid=stale]").await;
    browser.click("[data-testid=stale] button").await;
    browser.find("h1 .badge-pending_payment").await;
    browser.close().await;
    app.shutdown().await;
}

/// For `screenshots`: a customer's form after someone changed the customer meanwhile, saved
/// as `<name>.png`.
pub(super) async fn screenshot_stale_edit(
    browser: &Browser,
    app: &TestApp,
    owner: &Session,
    name: &str,
) {
    let customer = app
        .get("/api/v1/customers?limit=1")
        .as_(owner)
        .send()
        .await
        .expect(200)
        .body["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    browser.go(&format!("/customers/{customer}")).await;
    browser.find("input[name=customer-phone]").await;
    app.patch(&format!("/api/v1/customers/{customer}"))
        .as_(owner)
        .json(&json!({ "notes": name }))
        .send()
        .await
        .expect(200);
    browser
        .click("[data-testid=customer-form] button[type=submit]")
        .await;
    browser.find("[data-testid=stale]").await;
    browser
        .client
        .execute(
            "document.querySelector('[data-testid=stale]').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    browser.screenshot(name).await;
}

crate::db_test!(
    a_double_clicked_payment_makes_one_payment,
    runs(a_double_clicked_payment_is_recorded_once)
);

crate::db_test!(
    a_stale_change_shows_changed_by_someone_else,
    runs(a_change_made_meanwhile_is_refused_and_said)
);
