//! The web app fetches a module's code when one of its pages is first shown: a cold load of
//! the dashboard fetches the main module only, opening the stock pages fetches inventory's
//! chunk then (and no other module's), and a deep link into a lazy module works on a cold load.

use super::{demo_app, sign_in};
use crate::harness::Backend;
use crate::harness::browser::Browser;

/// The `.wasm` files this page has fetched so far (its Resource Timing entries).
async fn fetched_wasm(browser: &Browser) -> Vec<String> {
    let names = browser
        .client
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name)\
             .filter(n => n.endsWith('.wasm')).map(n => n.split('/').pop());",
            Vec::new(),
        )
        .await
        .unwrap();
    serde_json::from_value(names).unwrap()
}

async fn a_module_is_fetched_when_first_shown(backend: Backend) {
    let app = demo_app(backend).await;
    let browser = Browser::open(&app.address, 1280, 900).await;
    sign_in(&browser).await;

    browser.go("/").await;
    browser.find("[data-testid=today]").await;
    browser.find("ul.recent li").await;
    let first = fetched_wasm(&browser).await;
    assert_eq!(first, ["app_bg.wasm"], "the dashboard fetched {first:?}");

    browser.click("nav a[href='/stock']").await;
    browser.find("table.stock tbody tr").await;
    let then = fetched_wasm(&browser).await;
    assert!(
        then.iter().any(|f| f == "split_inventory.wasm"),
        "opening the stock pages fetched {then:?}"
    );
    assert!(
        !then
            .iter()
            .any(|f| f.starts_with("split_") && f != "split_inventory.wasm"),
        "opening the stock pages fetched another module: {then:?}"
    );

    // Cold deep links into lazy modules.
    browser.go("/purchase-orders").await;
    browser.find("table.purchase-orders tbody tr").await;
    browser.go("/customers").await;
    browser.find("table.customers tbody tr").await;
    let deep = fetched_wasm(&browser).await;
    assert!(
        deep.iter().any(|f| f == "split_customers.wasm"),
        "the deep link fetched {deep:?}"
    );
    browser.close().await;
    app.shutdown().await;
}

crate::db_test!(
    a_module_is_fetched_when_first_shown_in_the_browser,
    runs(a_module_is_fetched_when_first_shown)
);
