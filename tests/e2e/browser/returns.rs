//! Returns and the carrier scorecard in the browser: the demo store's approved return
//! received through its form (a wrong count refused first, what was typed kept) and resolved
//! with a refund after the question; the scorecard's rows in the reader's locale and its CSV
//! export; `demo_return_pages` gives the page walks the scorecard and a return at each form.

use openapi::Page;
use openapi::logistics::{Resolution, ReturnOut, ReturnStatus, ScorecardOut};
use openapi::tenancy::Locale;

use super::{demo_app, demo_owner, sign_in};
use crate::harness::browser::Browser;
use crate::harness::client::Session;
use crate::harness::{Backend, TestApp};

/// The demo store's first return in `status`.
async fn demo_return(app: &TestApp, owner: &Session, status: &str) -> ReturnOut {
    let page: Page<ReturnOut> = app
        .get(&format!(
            "/api/v1/logistics/returns?status={status}&limit=1"
        ))
        .as_(owner)
        .returns(200)
        .await;
    page.items
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("the demo store has a {status} return"))
}

async fn read_return(app: &TestApp, owner: &Session, id: uuid::Uuid) -> ReturnOut {
    app.get(&format!("/api/v1/logistics/returns/{id}"))
        .as_(owner)
        .returns(200)
        .await
}

/// For the page walks: the scorecard, and a return waiting to be received and one waiting to
/// be resolved (their forms).
pub async fn demo_return_pages(app: &TestApp, owner: &Session) -> Vec<(&'static str, String)> {
    let approved = demo_return(app, owner, "approved").await.id;
    let received = demo_return(app, owner, "received").await.id;
    vec![
        ("scorecard", "/logistics/scorecard".to_owned()),
        ("return-to-receive", format!("/rma/{approved}")),
        ("return-to-resolve", format!("/rma/{received}")),
    ]
}

/// Replaces what a field holds with `value`.
async fn retype(browser: &Browser, css: &str, value: &str) {
    let field = browser.find(css).await;
    field.clear().await.expect("clear");
    field.send_keys(value).await.expect("type");
}

/// Staff receive the approved return on a phone (restocking its unit) after a count that
/// does not add up is refused, then resolve it with a refund: the return is resolved and the
/// refund is its credit.
async fn a_return_is_received_and_refunded(backend: Backend) {
    let app = demo_app(backend).await;
    let owner = demo_owner(&app).await;
    let approved = demo_return(&app, &owner, "approved").await;
    let line = &approved.lines[0];
    let browser = Browser::open(&app.address, 390, 844).await;
    sign_in(&browser).await;

    browser.go("/rma").await;
    browser.find("table.returns tbody tr").await;
    browser.find("table.rates-sku tbody tr").await;
    browser.see(&line.sku).await;

    browser.go(&format!("/rma/{}", approved.id)).await;
    browser.find("form[data-testid=receive-form]").await;
    browser
        .find("#field-location-1 option[value]:not([value=''])")
        .await;
    retype(
        &browser,
        "#field-restock-1",
        &(line.quantity + 1).to_string(),
    )
    .await;
    retype(&browser, "#field-unsellable-1", "0").await;
    browser.click("[data-testid=return-receive]").await;
    browser
        .find("form[data-testid=receive-form] .problem")
        .await;
    let kept = browser
        .find("#field-restock-1")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        kept.as_deref(),
        Some((line.quantity + 1).to_string().as_str())
    );

    retype(&browser, "#field-restock-1", &line.quantity.to_string()).await;
    browser.click("[data-testid=return-receive]").await;
    browser.find("form[data-testid=resolve-form]").await;
    browser.see("Recebida").await;
    let received = read_return(&app, &owner, approved.id).await;
    assert_eq!(received.status, ReturnStatus::Received);
    assert_eq!(received.lines[0].restocked, line.quantity);
    assert_eq!(received.lines[0].unsellable, 0);

    browser.click("[data-testid=return-resolve]").await;
    browser
        .client
        .accept_alert()
        .await
        .expect("the refund is asked first");
    browser.see("Resolvida").await;
    let resolved = read_return(&app, &owner, approved.id).await;
    assert_eq!(resolved.status, ReturnStatus::Resolved);
    assert_eq!(resolved.resolution, Some(Resolution::Refund));
    assert_eq!(resolved.refunded, Some(resolved.credit));
    let credit = openapi::format::money(
        resolved.credit,
        openapi::tenancy::Currency::BRL,
        Locale::PtBr,
    );
    browser.see(&credit).await;
    browser.close().await;
    app.shutdown().await;
}

crate::db_test!(
    a_return_is_received_and_refunded_in_the_browser,
    runs(a_return_is_received_and_refunded)
);

/// The scorecard shows the demo store's carriers month by month in pt-BR's way, filters by
/// carrier, and exports its rows without a problem.
async fn the_carrier_scorecard_reads_in_the_readers_locale(backend: Backend) {
    let app = demo_app(backend).await;
    let owner = demo_owner(&app).await;
    let scorecard: ScorecardOut = app
        .get("/api/v1/logistics/scorecard")
        .as_(&owner)
        .returns(200)
        .await;
    let row = scorecard
        .rows
        .first()
        .expect("the demo store has posted shipments");
    let (year, month) = row.month.split_once('-').expect("YYYY-MM");
    let browser = Browser::open(&app.address, 1280, 900).await;
    sign_in(&browser).await;
    browser.go("/logistics/scorecard").await;
    browser.find("table.scorecard tbody tr").await;
    browser
        .see(&format!("{} · {}", row.carrier, row.service))
        .await;
    browser.see(&format!("{month}/{year}")).await;

    browser
        .find("select[name=scorecard-carrier]")
        .await
        .select_by_value(&row.carrier_id.to_string())
        .await
        .unwrap();
    browser.find("table.scorecard tbody tr").await;
    browser.see(&row.carrier).await;
    browser.click("[data-testid=scorecard-export]").await;
    browser.see("Exportado").await;
    assert!(!browser.has(".problem").await, "the export failed");
    browser.close().await;
    app.shutdown().await;
}

crate::db_test!(
    the_carrier_scorecard_reads_in_the_readers_locale_in_the_browser,
    runs(the_carrier_scorecard_reads_in_the_readers_locale)
);
