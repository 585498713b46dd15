//! The web app in a real browser, as the store's staff use it.

use crate::harness::browser::{Browser, web_dist};
use crate::harness::{Backend, TestApp};

async fn demo_app(backend: Backend) -> TestApp {
    let app = TestApp::spawn_with(backend, None, Some(web_dist())).await;
    let jwt = api::access::jwt::JwtKeys::new(
        b"a test secret that is long enough for hs256",
        "retaguarda-test",
    );
    let secret = app.config().jwt_secret.clone();
    api::demo::seed(app.db(), &jwt, &secret).await.unwrap();
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
    browser.find("[data-testid=today]").await;

    // The held orders, one click away; an order's page offers its allowed moves. (One paid
    // up front: released, an order on credit terms goes on to be approved.)
    browser.click("[data-testid=held]").await;
    browser.see("Em análise").await;
    let owner = demo_owner(&app).await;
    let held: openapi::Page<openapi::orders::OrderOut> = app
        .get("/api/v1/orders?status=on_hold&limit=50")
        .as_(&owner)
        .returns(200)
        .await;
    let up_front = held
        .items
        .iter()
        .find(|o| o.payment_terms.is_empty())
        .expect("a held order paid up front");
    browser
        .click(&format!(
            "table.orders tbody a[href='/orders/{}']",
            up_front.id
        ))
        .await;
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

crate::db_test!(
    staff_work_through_orders_in_the_browser,
    runs(staff_work_through_orders)
);

crate::db_test!(
    a_viewer_does_not_see_the_buttons_it_may_not_use,
    runs(a_viewer_is_not_offered_what_it_may_not_do)
);

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

crate::db_test!(
    a_new_store_signs_up_and_adds_a_product_in_the_browser,
    runs(a_new_store_signs_up_and_adds_a_product)
);

/// Picks the first real option (after "Choose…") of a select.
async fn choose_first(browser: &Browser, css: &str) {
    browser
        .find(css)
        .await
        .select_by_index(1)
        .await
        .expect("an option to choose");
}

/// Types a SKU into a variant picker and waits until it settles on the variant.
async fn pick_variant(browser: &Browser, input: &str, sku: &str, product: &str) {
    browser.fill(input, sku).await;
    browser.fill(input, "\u{E007}").await; // Enter
    browser.see(&format!("{product} · {sku}")).await;
}

/// The issue's walk through the product: a new store from sign-up to a paid order.
async fn a_new_store_sells_its_first_order(backend: Backend) {
    let app = TestApp::spawn_with(backend, None, Some(web_dist())).await;
    let browser = Browser::open(&app.address, 1280, 900).await;
    browser.go("/").await;
    browser.click("button.switch").await;
    browser
        .fill("input[name=store_name]", "Empório Fluxo")
        .await;
    browser.fill("input[name=owner_name]", "Rosa").await;
    browser
        .fill("input[name=email]", "rosa@fluxo.example.com")
        .await;
    browser
        .fill("input[name=password]", "a long enough password")
        .await;
    browser.click("button[type=submit]").await;
    browser.see("Empório Fluxo").await;

    // Signing out and in again.
    browser.click("button.link").await;
    browser
        .fill("input[name=email]", "rosa@fluxo.example.com")
        .await;
    browser
        .fill("input[name=password]", "a long enough password")
        .await;
    browser.click("button[type=submit]").await;
    browser.see("Empório Fluxo").await;

    // A warehouse and a sales channel.
    browser.go("/stock/locations").await;
    browser
        .fill("input[name=location-name]", "Depósito Central")
        .await;
    browser.fill("input[name=location-code]", "CD1").await;
    browser
        .click("[data-testid=new-location] button[type=submit]")
        .await;
    browser.find("table.locations tbody tr").await;
    browser.go("/settings").await;
    browser
        .fill("input[name=channel_name]", "Loja virtual")
        .await;
    browser
        .click("[data-testid=new-channel] button[type=submit]")
        .await;
    browser.see("Loja virtual").await;

    // A product with a variant.
    browser.go("/products").await;
    browser.click("details.new summary").await;
    browser.fill("input[name=name]", "Café Especial").await;
    browser.fill("input[name=sku]", "CAF-1").await;
    browser.fill("input[name=price]", "39,90").await;
    browser
        .click("[data-testid=new-product] button[type=submit]")
        .await;
    browser.find("[data-testid=variant-CAF-1]").await;

    // Stock received into the warehouse.
    browser.go("/stock").await;
    browser.click(".stock-forms details summary").await;
    pick_variant(
        &browser,
        "input[name=adjust-variant]",
        "CAF-1",
        "Café Especial",
    )
    .await;
    choose_first(&browser, "select[name=adjust-location]").await;
    browser.fill("input[name=adjust-quantity]", "10").await;
    browser
        .click("[data-testid=adjust-form] button[type=submit]")
        .await;
    // The store speaks the browser's language (English here) until someone chooses.
    browser.see("Saved.").await;
    browser.find("table.stock tbody tr").await;
    browser.see("CAF-1").await;

    // An order placed by hand: the stock is reserved, the totals come from the server.
    browser.go("/orders/new").await;
    browser
        .fill("input[name=new-customer-name]", "Lia Moura")
        .await;
    browser
        .fill("input[name=new-customer-email]", "lia@example.com.br")
        .await;
    browser
        .fill("input[name=new-customer-tax-id]", "529.982.247-25")
        .await;
    pick_variant(
        &browser,
        "input[name=line-variant-0]",
        "CAF-1",
        "Café Especial",
    )
    .await;
    let quantity = browser.find("input[name=line-quantity-0]").await;
    quantity.clear().await.unwrap();
    quantity.send_keys("2").await.unwrap();
    for (field, value) in [
        ("address-postal-code", "01310-200"),
        ("address-street", "Avenida Paulista"),
        ("address-number", "1578"),
        ("address-district", "Bela Vista"),
        ("address-city", "São Paulo"),
        ("address-state", "SP"),
    ] {
        browser.fill(&format!("input[name={field}]"), value).await;
    }
    browser
        .click("[data-testid=new-order] button[type=submit]")
        .await;
    browser.see("#1001").await;
    browser.see("R$ 79.80").await;
    browser.find("h1 .badge-pending_payment").await;
    let order_page = browser.client.current_url().await.unwrap();

    // On the dashboard and the orders page.
    browser.click("a[href='/']").await;
    browser.find("[data-testid=today]").await;
    browser.see("1 order").await;
    browser.see("#1001").await;
    browser.click("nav a[href='/orders']").await;
    browser.find("table.orders tbody tr").await;
    browser.see("Lia Moura").await;

    // Paid from its page: the state changes.
    browser.click("table.orders tbody tr a").await;
    browser.click("button.pay").await;
    browser.find("h1 .badge-paid").await;

    // In Spanish, and still there after a reload of the deep link.
    browser
        .find("select")
        .await
        .select_by_value("es")
        .await
        .unwrap();
    browser.see("Pagado").await;
    browser.client.goto(order_page.as_str()).await.unwrap();
    browser.see("#1001").await;
    browser.see("Pagado").await;
    browser.close().await;
    app.shutdown().await;
}

crate::db_test!(
    a_new_store_sells_its_first_order_in_the_browser,
    runs(a_new_store_sells_its_first_order)
);

/// The demo owner's API session, for what a test prepares or checks behind the browser.
async fn demo_owner(app: &TestApp) -> crate::harness::client::Session {
    let reply = app
        .login(api::demo::DEMO_EMAIL, api::demo::DEMO_PASSWORD)
        .await
        .expect(200);
    crate::harness::client::Session::from_tokens(&reply.body, api::demo::DEMO_EMAIL)
}

/// The rest of the back office on the demo store: buying and receiving stock, the ledger,
/// the search box, editing a price, an API key shown once, and a new member's invitation.
async fn the_back_office_at_work(backend: Backend) {
    let app = demo_app(backend).await;
    let owner = demo_owner(&app).await;
    let variant = app
        .get("/api/v1/catalog/variants?limit=1")
        .as_(&owner)
        .send()
        .await
        .expect(200)
        .body["items"][0]
        .clone();
    let sku = variant["sku"].as_str().unwrap().to_owned();
    let product = variant["product_name"].as_str().unwrap().to_owned();
    let browser = Browser::open(&app.address, 1280, 900).await;
    sign_in(&browser).await;

    // A supplier, a purchase order for it, sent and received.
    browser.go("/suppliers").await;
    browser.click("details.new summary").await;
    browser.fill("input[name=name]", "Torrefação Serra").await;
    browser.click("[data-testid=supplier-create]").await;
    browser.see("Torrefação Serra").await;
    browser.go("/purchase-orders").await;
    browser.click("details.new summary").await;
    browser
        .find("select[name=supplier_id]")
        .await
        .select_by_label("Torrefação Serra")
        .await
        .unwrap();
    choose_first(&browser, "select[name=location_id]").await;
    pick_variant(&browser, "input[name=sku]", &sku, &product).await;
    let quantity = browser.find("input[name=quantity]").await;
    quantity.clear().await.unwrap();
    quantity.send_keys("7").await.unwrap();
    browser.click("[data-testid=po-add-line]").await;
    browser.click("[data-testid=po-create]").await;
    browser.click("[data-testid=po-send]").await;
    browser.find(".badge-sent").await;
    browser.find(&format!("input[name='receive-{sku}']")).await;
    browser.click("[data-testid=po-receive]").await;
    browser.find(".badge-received").await;

    // The receipt is in the ledger.
    browser.go("/stock/movements").await;
    browser.see("Recebimento").await;

    // The search box finds an order by its number, and a product by its SKU.
    browser.fill("#global-search", "#1001").await;
    browser.fill("#global-search", "\u{E007}").await;
    browser.find(".search-results a[href^='/orders/']").await;
    browser.see("#1001").await;
    browser.find("#global-search").await.clear().await.unwrap();
    browser.fill("#global-search", &sku).await;
    browser.fill("#global-search", "\u{E007}").await;
    browser.click(".search-results a[href^='/products/']").await;

    // A price changed on the product's page.
    let price = browser.find(&format!("input[name='{sku}-price']")).await;
    price.clear().await.unwrap();
    price.send_keys("99,90").await.unwrap();
    browser
        .click(&format!(
            "[data-testid='variant-{sku}'] button[type=submit]"
        ))
        .await;
    browser.see("Salvo.").await;
    let after = app
        .get(&format!(
            "/api/v1/catalog/variants/{}",
            variant["id"].as_str().unwrap()
        ))
        .as_(&owner)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(after["price"], "99.90");

    // The stock's value, a customer's phone changed, a refund on a paid order.
    browser.go("/stock").await;
    browser.find("[data-testid=valuation]").await;
    browser.go("/customers").await;
    browser
        .click("table.customers tbody tr td a[href^='/customers/']")
        .await;
    let phone = browser.find("input[name=customer-phone]").await;
    phone.clear().await.unwrap();
    phone.send_keys("+55 11 98888-7777").await.unwrap();
    browser
        .click("[data-testid=customer-form] button[type=submit]")
        .await;
    browser.see("Salvo.").await;
    browser.go("/orders?status=paid").await;
    browser.click("table.orders tbody tr a").await;
    browser.click("details.refund summary").await;
    browser
        .fill("input[name=refund-reason]", "Avaria no transporte")
        .await;
    browser
        .click("[data-testid=refund-form] button[type=submit]")
        .await;
    browser.find("table.payments tr.refund").await;

    // An email template: edited, previewed with sample data, saved, then back to the built-in.
    let first_template = || async {
        app.get("/api/v1/mail/templates")
            .as_(&owner)
            .send()
            .await
            .expect(200)
            .body[0]
            .clone()
    };
    browser.go("/settings").await;
    browser
        .fill("input[name=template_subject]", " (editado)")
        .await;
    browser
        .click("[data-testid=email-template] .actions button:nth-of-type(2)")
        .await;
    let previewed = browser
        .find("[data-testid=template-preview] h3")
        .await
        .text()
        .await
        .unwrap();
    assert!(previewed.ends_with("(editado)"), "{previewed}");
    browser
        .click("[data-testid=email-template] button[type=submit]")
        .await;
    browser.find("[data-testid=email-template] .saved").await;
    let saved = first_template().await;
    assert_eq!(saved["customized"], true);
    assert!(saved["subject"].as_str().unwrap().ends_with("(editado)"));
    // Another template and back: the form shows what was saved.
    let picker = browser.find("select[name=template]").await;
    picker.clone().select_by_value("1").await.unwrap();
    picker.select_by_value("0").await.unwrap();
    let subject = browser
        .find("input[name=template_subject]")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(subject.ends_with("(editado)"), "{subject}");
    browser
        .click("[data-testid=email-template] .actions button:nth-of-type(3)")
        .await;
    let mut reset = saved.clone();
    for _ in 0..100 {
        reset = first_template().await;
        if reset["customized"] == false {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(reset["customized"], false, "the template went back");

    // An API key's secret is shown once.
    browser.go("/settings").await;
    browser.fill("input[name=api_key_name]", "ERP").await;
    browser
        .click("input[name=api_key_scope][value='orders:read']")
        .await;
    browser
        .click("[data-testid=new-api-key] button[type=submit]")
        .await;
    let secret = browser
        .find("[data-testid=api-key-secret]")
        .await
        .text()
        .await
        .unwrap();
    let me = app
        .get("/api/v1/me")
        .token(secret.trim())
        .send()
        .await
        .expect(200);
    assert_eq!(me.body["permissions"], serde_json::json!(["orders:read"]));
    browser.go("/settings").await;
    browser.see("ERP").await;
    assert!(!browser.has("[data-testid=api-key-secret]").await);

    // An invitation's link opens a page where the new member joins and is signed in.
    app.post("/api/v1/invitations")
        .as_(&owner)
        .json(&serde_json::json!({ "email": "nina@lojademo.example.com", "role": "staff" }))
        .send()
        .await
        .expect(201);
    // Its email is in the store's email log, and goes again at a click.
    let to_nina = || async {
        let log = app
            .get("/api/v1/emails?limit=100")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        log.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["to"] == "nina@lojademo.example.com")
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    // The worker writes it soon after.
    app.mail_to("nina@lojademo.example.com", 1).await;
    let first = to_nina().await;
    assert_eq!(first.len(), 1);
    browser.go("/settings").await;
    browser
        .click(&format!("tr[data-email='{}'] button", first[0]))
        .await;
    let mut again = first.clone();
    for _ in 0..100 {
        again = to_nina().await;
        if again.len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(again.len(), 2, "the invitation was sent again");
    // Sent again, it carries a new token.
    let sent = app.mail_to("nina@lojademo.example.com", 2).await;
    let token = crate::harness::mailbox::token_in(&sent[1].text()).unwrap();
    browser.click("button.link").await;
    browser.find("input[name=email]").await;
    browser
        .go(&format!("/accept-invitation?token={token}"))
        .await;
    browser.fill("input[name=name]", "Nina").await;
    browser
        .fill("input[name=password]", "nina's long password")
        .await;
    browser
        .click("[data-testid=accept-invitation] button[type=submit]")
        .await;
    browser.see("Loja Demo").await;
    browser.find("[data-testid=today]").await;
    assert!(
        !browser.has("a[href='/audit']").await,
        "staff may not read the audit log"
    );
    browser.close().await;
    app.shutdown().await;
}

crate::db_test!(
    the_back_office_at_work_in_the_browser,
    runs(the_back_office_at_work)
);

/// Not a check: screenshots of every page on the demo store, at a phone's and a desktop's
/// width, in each language, for a person to look at
/// (`cargo test -p tests --test e2e -- --ignored screenshots`; `target/screens/`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn screenshots() {
    let app = demo_app(Backend::Sqlite).await;
    let owner = demo_owner(&app).await;
    let pages = demo_pages(&app, &owner).await;
    for (width, height) in [(390, 844), (1280, 900)] {
        let browser = Browser::open(&app.address, width, height).await;
        sign_in(&browser).await;
        for language in ["pt-BR", "es", "en"] {
            browser
                .find("select")
                .await
                .select_by_value(language)
                .await
                .unwrap();
            for (name, path) in &pages {
                browser.go(path).await;
                browser.find("main h1").await;
                tokio::time::sleep(std::time::Duration::from_millis(400)).await;
                browser
                    .screenshot(&format!("{name}-{language}-{width}"))
                    .await;
            }
            let stale = format!("stale-edit-{language}-{width}");
            careful_client::screenshot_stale_edit(&browser, &app, &owner, &stale).await;
        }
        browser.close().await;
    }
    app.shutdown().await;
}

/// Every page of the app, with the demo store's first held order and first product.
async fn demo_pages(
    app: &TestApp,
    owner: &crate::harness::client::Session,
) -> Vec<(&'static str, String)> {
    let order = app
        .first_id(owner, "/api/v1/orders?status=on_hold&limit=1")
        .await;
    let product = app
        .first_id(owner, "/api/v1/catalog/products?limit=1")
        .await;
    let carrier = app
        .first_id(owner, "/api/v1/logistics/carriers?limit=1")
        .await;
    let packed = fulfilments::demo_fulfilments(app, owner).await;
    let rma = app
        .first_id(owner, "/api/v1/logistics/returns?status=requested&limit=1")
        .await;
    let logistics = returns::demo_return_pages(app, owner).await;
    let invoice = app
        .first_id(
            owner,
            "/api/v1/finance/invoices?kind=invoice&fiscal_status=authorized&limit=1",
        )
        .await;
    let webhook = app
        .first_id(owner, "/api/v1/automation/webhooks?limit=1")
        .await;
    let rule = app
        .first_id(owner, "/api/v1/automation/rules?limit=1")
        .await;
    let ticket = app.first_id(owner, "/api/v1/support/tickets?limit=1").await;
    let mut pages = vec![
        ("dashboard", "/".to_owned()),
        ("orders", "/orders".to_owned()),
        ("order", format!("/orders/{order}")),
        ("new-order", "/orders/new".to_owned()),
        ("customers", "/customers".to_owned()),
        ("products", "/products".to_owned()),
        ("product", format!("/products/{product}")),
        ("stock", "/stock".to_owned()),
        ("movements", "/stock/movements".to_owned()),
        ("locations", "/stock/locations".to_owned()),
        ("replenishment", "/stock/replenishment".to_owned()),
        ("purchase-orders", "/purchase-orders".to_owned()),
        ("suppliers", "/suppliers".to_owned()),
        ("carriers", "/carriers".to_owned()),
        ("carrier", format!("/carriers/{carrier}")),
        ("fulfilments", "/logistics/fulfilments".to_owned()),
        ("fulfilment", format!("/logistics/fulfilments/{packed}")),
        ("pick-list", "/logistics/pick-list".to_owned()),
        ("returns", "/rma".to_owned()),
        ("return", format!("/rma/{rma}")),
        ("invoices", "/finance/invoices".to_owned()),
        ("invoice", format!("/finance/invoices/{invoice}")),
        ("payments", "/finance/payments".to_owned()),
        ("receivables", "/finance/receivables".to_owned()),
        ("credit", "/finance/customers".to_owned()),
        ("finance-settings", "/finance/settings".to_owned()),
        ("bank", "/finance/bank".to_owned()),
        ("margins", "/finance/margins".to_owned()),
        ("payables", "/finance/payables".to_owned()),
        ("cash-flow", "/finance/cash-flow".to_owned()),
        ("webhooks", "/automation/webhooks".to_owned()),
        ("webhook", format!("/automation/webhooks/{webhook}")),
        ("rules", "/automation/rules".to_owned()),
        ("rule", format!("/automation/rules/{rule}")),
        ("new-rule", "/automation/rules/new".to_owned()),
        ("tickets", "/support".to_owned()),
        ("ticket", format!("/support/tickets/{ticket}")),
        ("notifications", "/notifications".to_owned()),
        ("settings", "/settings".to_owned()),
        ("audit", "/audit".to_owned()),
        ("search", "/search?q=camiseta".to_owned()),
        (
            "accept-invitation",
            "/accept-invitation?token=inv_x".to_owned(),
        ),
    ];
    pages.extend(logistics);
    pages
}

/// Every page of the demo store passes the page-level accessibility checks.
async fn every_page_is_labelled(backend: Backend) {
    let app = demo_app(backend).await;
    let owner = demo_owner(&app).await;
    let browser = Browser::open(&app.address, 1280, 900).await;
    sign_in(&browser).await;
    for (name, path) in demo_pages(&app, &owner).await {
        browser.go(&path).await;
        browser.find("main h1").await;
        // Lists and forms fill in after their data arrives.
        browser
            .find("main table, main .empty, main .cards, main .found, main form")
            .await;
        browser.assert_accessible(name).await;
    }
    browser.close().await;
    app.shutdown().await;
}

crate::db_test!(
    every_page_is_labelled_in_the_browser,
    runs(every_page_is_labelled)
);

/// A session that went stale (its refresh cookie gone) at a deep link: the sign-in form, and
/// after signing in, the same page.
async fn a_stale_session_signs_in_again_and_returns(backend: Backend) {
    let app = demo_app(backend).await;
    let browser = Browser::open(&app.address, 390, 844).await;
    sign_in(&browser).await;
    browser.go("/stock/movements").await;
    browser.see("Movimentações").await;
    // The cookie belongs to the auth path: delete it from there.
    browser.go("/api/v1/auth/browser/refresh").await;
    browser.client.delete_cookie("rtg_refresh").await.unwrap();
    browser.go("/stock/movements").await;
    browser.find("input[name=email]").await;
    browser
        .fill("input[name=email]", api::demo::DEMO_EMAIL)
        .await;
    browser
        .fill("input[name=password]", api::demo::DEMO_PASSWORD)
        .await;
    browser.click("button[type=submit]").await;
    browser.see("Movimentações").await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.path(), "/stock/movements");
    browser.close().await;
    app.shutdown().await;
}

crate::db_test!(
    a_stale_session_signs_in_again_and_returns_to_the_page,
    runs(a_stale_session_signs_in_again_and_returns)
);

mod automation;
mod careful_client;
mod finance;
mod fulfilments;
mod lazy_chunks;
mod order_settings;
mod returns;
mod rules;
mod support;
