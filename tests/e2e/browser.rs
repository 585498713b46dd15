//! The web app in a real browser, as the store's staff use it.

use crate::harness::browser::{Browser, web_dist};
use crate::harness::{Backend, TestApp};

async fn demo_app(backend: Backend) -> TestApp {
    let app = TestApp::spawn_with(backend, None, Some(web_dist())).await;
    let jwt = api::auth::jwt::JwtKeys::new(
        b"a test secret that is long enough for hs256",
        "retaguarda-test",
    );
    api::demo::seed(app.db(), &jwt).await.unwrap();
    app
}

async fn sign_in(browser: &Browser) {
    browser.go("/").await;
    browser
        .fill("input[name=email]", api::demo::DEMO_EMAIL)
        .await;
    browser
        .fill("input[name=password]", api::demo::DEMO_PASSWORD)
        .await;
    browser.click("button[type=submit]").await;
    browser.see("Loja Demo").await;
}

async fn staff_work_through_orders(backend: Backend) {
    let app = demo_app(backend).await;
    let browser = Browser::open(&app.address, 1280, 900).await;
    sign_in(&browser).await;
    // The dashboard, in the store's language.
    browser.see("Pedidos por situação").await;
    browser.find("[data-testid=revenue]").await;

    // The held orders, one click away; an order's page offers its allowed moves.
    browser.click("[data-testid=held]").await;
    browser.see("Em análise").await;
    browser.click("table.orders tbody tr a").await;
    browser.see("Histórico").await;
    browser.click("button.move-pending_payment").await;
    browser.see("Aguardando pagamento").await;

    // A pending order gets paid from its page.
    browser.go("/orders?status=pending_payment").await;
    browser.click("table.orders tbody tr a").await;
    browser.click("button.pay").await;
    browser.find("h1 .badge-paid").await;

    // Customers, stock and the audit log are a click away.
    browser.click("a[href='/customers']").await;
    browser.see("Ana Beatriz Souza").await;
    browser.click("a[href='/stock']").await;
    browser.find("table.stock tbody tr").await;
    browser.click("a[href='/audit']").await;
    browser.find("table.audit tbody tr").await;

    // Switching language changes every text.
    browser
        .find("select")
        .await
        .select_by_value("es")
        .await
        .unwrap();
    browser.see("Cuándo").await;

    // A deep link survives a reload: history routing, and the refresh cookie signs in again.
    browser.go("/products").await;
    browser.see("Productos").await;
    browser.find("input[type=search]").await;
    // Signing out ends it: a reload stays signed out.
    browser.click("button.link").await;
    browser.find("input[name=email]").await;
    browser.go("/orders").await;
    browser.find("input[name=email]").await;
    browser.close().await;
    app.shutdown().await;
}

async fn a_viewer_is_not_offered_what_it_may_not_do(backend: Backend) {
    let app = demo_app(backend).await;
    let owner = app
        .login(api::demo::DEMO_EMAIL, api::demo::DEMO_PASSWORD)
        .await
        .expect(200);
    let owner = crate::harness::client::Session::from_tokens(&owner.body, api::demo::DEMO_EMAIL);
    let viewer = app.add_member(&owner, "Vitor", "viewer").await;
    let browser = Browser::open(&app.address, 390, 844).await;
    browser.go("/").await;
    browser.fill("input[name=email]", &viewer.email).await;
    browser
        .fill("input[name=password]", crate::harness::client::PASSWORD)
        .await;
    browser.click("button[type=submit]").await;
    browser.see("Loja Demo").await;
    browser.click("[data-testid=held]").await;
    browser.click("table.orders tbody tr a").await;
    browser.see("Histórico").await;
    assert!(
        !browser.has("button.move").await,
        "a viewer sees move buttons"
    );
    browser.close().await;
    app.shutdown().await;
}

mod staff_work_through_orders_in_the_browser {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        staff_work_through_orders(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        staff_work_through_orders(Backend::Postgres).await;
    }
}

mod a_viewer_does_not_see_the_buttons_it_may_not_use {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        a_viewer_is_not_offered_what_it_may_not_do(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        a_viewer_is_not_offered_what_it_may_not_do(Backend::Postgres).await;
    }
}

async fn a_new_store_signs_up_and_adds_a_product(backend: Backend) {
    let app = TestApp::spawn_with(backend, None, Some(web_dist())).await;
    let browser = Browser::open(&app.address, 390, 844).await;
    browser.go("/").await;
    browser.click("button.switch").await;
    browser
        .fill("input[name=store_name]", "Empório Teste")
        .await;
    browser.fill("input[name=owner_name]", "Rosa").await;
    browser
        .fill("input[name=email]", "rosa@emporio.example.com")
        .await;
    browser.fill("input[name=password]", "short").await;
    browser.click("button[type=submit]").await;
    // The API's validation shows next to the field it is about.
    browser.find("#field-password-error:not(:empty)").await;
    browser
        .fill("input[name=password]", " and now long enough")
        .await;
    browser.click("button[type=submit]").await;
    browser.see("Empório Teste").await;
    browser.find("p.empty").await;

    browser.go("/products").await;
    browser.click("details.new summary").await;
    browser
        .fill("input[name=name]", "Geleia de Jabuticaba")
        .await;
    browser.fill("input[name=sku]", "GEL-JAB").await;
    browser.fill("input[name=price]", "abc").await;
    browser.click("details.new button[type=submit]").await;
    browser.find("#field-price-error:not(:empty)").await;
    let price = browser.find("input[name=price]").await;
    price.clear().await.unwrap();
    price.send_keys("24,90").await.unwrap();
    browser.click("details.new button[type=submit]").await;
    browser.see("GEL-JAB").await;
    browser.close().await;
    app.shutdown().await;
}

mod a_new_store_signs_up_and_adds_a_product_in_the_browser {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        a_new_store_signs_up_and_adds_a_product(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        a_new_store_signs_up_and_adds_a_product(Backend::Postgres).await;
    }
}
