//! The store's default shipping service, chosen on the settings page and kept by the API;
//! saving the form again keeps it.

use openapi::Page;
use openapi::logistics::CarrierOut;
use openapi::orders::OrderSettings;

use super::{demo_app, demo_owner, sign_in};
use crate::harness::Backend;
use crate::harness::browser::Browser;

async fn the_default_service_is_chosen_on_the_settings_page(backend: Backend) {
    let app = demo_app(backend).await;
    let owner = demo_owner(&app).await;
    let carriers: Page<CarrierOut> = app
        .get("/api/v1/logistics/carriers")
        .as_(&owner)
        .returns(200)
        .await;
    let service = carriers.items[0].services[0].id;
    let browser = Browser::open(&app.address, 1280, 900).await;
    sign_in(&browser).await;
    browser.go("/settings").await;
    let select = "[data-testid=order-settings] select[name=default_shipping_service_id]";
    browser.see(&carriers.items[0].services[0].name).await;
    let chosen = browser
        .find(select)
        .await
        .select_by_value(&service.to_string())
        .await;
    if chosen.is_err() {
        browser.fail("the service is not offered").await;
    }
    let save = "[data-testid=order-settings] button[type=submit]";
    browser.click(save).await;
    let mut kept = None;
    for _ in 0..100 {
        let settings: OrderSettings = app
            .get("/api/v1/order-settings")
            .as_(&owner)
            .returns(200)
            .await;
        kept = settings.default_shipping_service_id;
        if kept.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(kept, Some(service));
    browser.close().await;
}

crate::db_test!(
    the_default_service_is_chosen_on_the_settings_page_in_the_browser,
    runs(the_default_service_is_chosen_on_the_settings_page)
);
