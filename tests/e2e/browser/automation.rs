//! Webhooks in the browser, on a phone: the demo's endpoint off for failing, the attempts of
//! its failed delivery, that delivery sent again; a test that finds no such host; an address
//! on loopback refused; an endpoint added, its secret shown once.

use openapi::Page;
use openapi::automation::{
    DeliveryStatus, WebhookDeliveryDetailOut, WebhookDeliveryOut, WebhookEndpointOut,
};

use super::{demo_app, demo_owner, sign_in};
use crate::harness::Backend;
use crate::harness::browser::Browser;

async fn webhooks_are_watched_and_replayed(backend: Backend) {
    let app = demo_app(backend).await;
    let owner = demo_owner(&app).await;
    let hooks: Page<WebhookEndpointOut> = app
        .get("/api/v1/automation/webhooks")
        .as_(&owner)
        .returns(200)
        .await;
    let hook = hooks.items.first().expect("the demo's endpoint").clone();
    let log = format!("/api/v1/automation/webhooks/{}/deliveries", hook.id);
    let failed: Page<WebhookDeliveryOut> = app
        .get(&format!("{log}?status=failed"))
        .as_(&owner)
        .returns(200)
        .await;
    let delivery = failed.items.first().expect("the demo's failed delivery").id;

    let browser = Browser::open(&app.address, 390, 844).await;
    sign_in(&browser).await;
    browser.go("/automation/webhooks").await;
    browser.see(&hook.url).await;
    browser.click("[data-testid=open-webhook]").await;
    browser.find(".badge-webhook-failing").await;
    // The failed delivery's twelve attempts, then a replay.
    let failed = format!("table.deliveries tbody tr[data-delivery='{delivery}']");
    browser
        .find(&format!("{failed} .badge-delivery-failed"))
        .await;
    browser
        .click(&format!("{failed} [data-testid=show-attempts]"))
        .await;
    browser
        .find(&format!("{failed} ol.attempts li:nth-child(12)"))
        .await;
    browser
        .click(&format!("{failed} [data-testid=replay-delivery]"))
        .await;
    let mut now = DeliveryStatus::Failed;
    for _ in 0..100 {
        let detail: WebhookDeliveryDetailOut = app
            .get(&format!("{log}/{delivery}"))
            .as_(&owner)
            .returns(200)
            .await;
        now = detail.delivery.status;
        if now == DeliveryStatus::Pending {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        now,
        DeliveryStatus::Pending,
        "the failed delivery is due again"
    );

    // A test goes at once; the demo's host does not resolve, and the page says so.
    browser.click("[data-testid=ping-webhook]").await;
    browser.find("[data-testid=webhook-said]").await;

    // An address on this machine is refused; a public one is added, its secret shown once.
    browser.go("/automation/webhooks").await;
    browser
        .fill("input[name=url]", "https://127.0.0.1/hooks")
        .await;
    browser.click("[data-testid=add-webhook]").await;
    browser.find("form .problem").await;
    let url = browser.find("input[name=url]").await;
    url.clear().await.expect("clear");
    url.send_keys("https://93.184.215.14/hooks/browser")
        .await
        .expect("type");
    // Someone else's address: made switched off, so nothing is ever sent to it.
    browser.click("input[name=enabled]").await;
    browser.click("[data-testid=add-webhook]").await;
    let secret = browser.find("[data-testid=webhook-secret]").await;
    let text = secret.text().await.unwrap_or_default();
    assert!(text.starts_with("whsec_"), "{text}");
    browser.see("93.184.215.14").await;
    browser.find(".badge-webhook-off").await;
    browser.close().await;
    app.shutdown().await;
}

crate::db_test!(
    webhooks_are_watched_and_replayed_on_a_phone,
    runs(webhooks_are_watched_and_replayed)
);
