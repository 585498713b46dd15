//! Emails through a real SMTP server on loopback: the confirmation and the team's notification,
//! retries while the server is down, tenants kept apart, templates, the email log.

use std::time::Duration;

use openapi::Page;
use openapi::mail::{
    EmailKind, EmailOut, EmailStatus, PreviewIn, PreviewOut, TemplateIn, TemplateOut,
};
use openapi::orders::{CustomerIn, OrderCustomerIn, OrderOut, OrderSettings};
use openapi::tenancy::Locale;
use serde_json::Value;

use crate::db_test;
use crate::harness::client::Session;
use crate::harness::fixtures::{bare_customer, line, money, new_buyer};
use crate::harness::smtp::{SmtpSink, closed_port};
use crate::harness::{Backend, TestApp};
use crate::orders::{Shop, open_shop};

async fn set_staff_emails(app: &TestApp, owner: &Session, emails: &[&str]) {
    let settings = OrderSettings {
        first_order_hold_above: None,
        staff_emails: emails.iter().map(|e| e.to_string()).collect(),
        reply_to: Some("atendimento@loja.example.com".into()),
        default_shipping_service_id: None,
    };
    app.call(reqwest::Method::PUT, "/api/v1/order-settings")
        .as_(owner)
        .json(&settings)
        .send()
        .await
        .expect(200);
}

/// Places an order of 2 × 45.50 + 12.00 shipping for a new customer and pays it in two parts.
pub(crate) async fn paid_in_two(
    app: &TestApp,
    shop: &Shop,
    customer: &str,
    locale: Locale,
) -> OrderOut {
    let sku = format!("SKU-{}", customer.to_uppercase().replace(' ', "-"));
    let variant = shop.variant(app, &sku, "45.50", 10).await;
    let mut body = shop.order_in(new_buyer(customer, locale), vec![line(variant, 2)]);
    body.shipping_fee = Some(money("12.00"));
    let order = shop
        .place_ok(app, &format!("order-{customer}"), &body)
        .await;
    shop.pay(app, order.id, "50.00", &format!("{customer}-1"))
        .await
        .expect(201);
    shop.pay(app, order.id, "53.00", &format!("{customer}-2"))
        .await
        .expect(201);
    order
}

/// [`paid_in_two`] as JSON, for the tests that read answers without types.
pub(crate) async fn paid_order(app: &TestApp, shop: &Shop, customer: &str, locale: &str) -> Value {
    let locale = Locale::parse(locale).unwrap_or_else(|| panic!("no locale {locale}"));
    serde_json::json!(paid_in_two(app, shop, customer, locale).await)
}

/// The email log, filtered by `query` (`?kind=…`, or empty).
pub(crate) async fn email_log(app: &TestApp, owner: &Session, query: &str) -> Vec<EmailOut> {
    app.get(&format!("/api/v1/emails{query}"))
        .as_(owner)
        .returns::<Page<EmailOut>>(200)
        .await
        .items
}

/// [`email_log`] as JSON.
pub(crate) async fn emails(app: &TestApp, owner: &Session, query: &str) -> Vec<Value> {
    let log = email_log(app, owner, query).await;
    log.iter().map(|email| serde_json::json!(email)).collect()
}

db_test!(
    a_paid_order_sends_the_confirmation_once_in_the_customers_language,
    with_smtp,
    |app, smtp| {
        let shop = open_shop(&app, "Amelia").await;
        set_staff_emails(&app, &shop.owner, &["expedicao@loja.example.com"]).await;
        let order = paid_in_two(&app, &shop, "Lucia Fernandez", Locale::Es).await;

        let received = smtp.wait_for(2).await;
        let confirmation = received
            .iter()
            .find(|m| m.to == ["lucia.fernandez@example.com.br"])
            .expect("the customer's confirmation");
        assert_eq!(
            confirmation.subject(),
            "Pedido #1001 confirmado — Loja Amelia"
        );
        insta::assert_snapshot!("confirmation_es_text", confirmation.text());
        assert!(
            confirmation.html().contains("<strong>R$ 103,00</strong>"),
            "{}",
            confirmation.html()
        );
        let staff = received
            .iter()
            .find(|m| m.to == ["expedicao@loja.example.com"])
            .expect("the team's notification");
        assert_eq!(
            staff.subject(),
            "[PRIMEIRA COMPRA] Pedido #1001 pago: R$ 103,00 — separar em Depósito CD1"
        );
        let text = staff.text();
        for expected in [
            "Lucia Fernandez",
            "529.982.247-25",
            "2 × SKU-LUCIA-FERNANDEZ",
            "Avenida Paulista, 1578",
            "Pix R$ 50,00, Pix R$ 53,00",
        ] {
            assert!(text.contains(expected), "{expected} in {text}");
        }

        // Sent once: nothing more arrives, and the log says so.
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(smtp.received().len(), 2);
        let query = format!("?reference_id={}", order.id);
        let log = email_log(&app, &shop.owner, &query).await;
        assert_eq!(log.len(), 2);
        for email in &log {
            assert_eq!((email.status, email.attempts), (EmailStatus::Sent, 1));
        }
        let sent = log
            .iter()
            .find(|e| e.kind == EmailKind::OrderConfirmation)
            .unwrap();
        assert_eq!(sent.locale, Locale::Es);
        assert_eq!(format!("<{}>", confirmation.message_id()), sent.message_id);
        assert_eq!(sent.message_id, format!("<{}@retaguarda.test>", sent.id));
    }
);

mod with_the_mail_server_down_the_email_waits_and_arrives_when_it_is_back {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        run(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        run(Backend::Postgres).await;
    }
}

/// The server's mail goes to a port with nothing behind it until the SMTP server starts there.
async fn run(backend: Backend) {
    let port = closed_port();
    let app = TestApp::spawn_with_mail(
        backend,
        Some(api::config::MailTransport::Smtp(format!(
            "smtp://127.0.0.1:{port}"
        ))),
    )
    .await;
    let shop = open_shop(&app, "Bento").await;
    paid_in_two(&app, &shop, "Marta", Locale::PtBr).await;
    let mut tried = Vec::new();
    for _ in 0..200 {
        tried = email_log(&app, &shop.owner, "?kind=order_confirmation").await;
        if tried.first().is_some_and(|e| e.attempts >= 2) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let waiting = &tried[0];
    assert_eq!(waiting.status, EmailStatus::Queued, "{waiting:#?}");
    let error = waiting.last_error.as_deref().unwrap_or_default();
    assert!(error.contains("SMTP"), "{waiting:#?}");

    let smtp = SmtpSink::start_on(port);
    // The confirmation and the owner's notification.
    let received = smtp.wait_for(2).await;
    let confirmation = received
        .iter()
        .find(|m| m.to == ["marta@example.com.br"])
        .unwrap();
    assert_eq!(
        confirmation.subject(),
        "Pedido #1001 confirmado — Loja Bento"
    );
    let mut sent = None;
    for _ in 0..100 {
        let log = email_log(&app, &shop.owner, "?kind=order_confirmation").await;
        sent = log.into_iter().next();
        if sent.as_ref().is_some_and(|e| e.status == EmailStatus::Sent) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let sent = sent.expect("the confirmation in the log");
    assert_eq!(sent.status, EmailStatus::Sent, "{sent:#?}");
    assert!(sent.sent_at.is_some(), "{sent:#?}");
    app.shutdown().await;
}

db_test!(
    one_stores_customers_never_reach_another_stores_team,
    with_smtp,
    |app, smtp| {
        let first = open_shop(&app, "Clara").await;
        let second = open_shop(&app, "Dario").await;
        set_staff_emails(&app, &first.owner, &["time@clara.example.com"]).await;
        set_staff_emails(&app, &second.owner, &["time@dario.example.com"]).await;
        paid_in_two(&app, &first, "Cliente Da Clara", Locale::PtBr).await;
        paid_in_two(&app, &second, "Cliente Do Dario", Locale::En).await;
        let received = smtp.wait_for(4).await;
        for message in &received {
            let all = format!(
                "{} {} {}",
                message.subject(),
                message.text(),
                message.html()
            );
            match message.to[0].as_str() {
                "time@clara.example.com" | "cliente.da.clara@example.com.br" => {
                    assert!(!all.contains("Dario"), "{all}")
                }
                "time@dario.example.com" | "cliente.do.dario@example.com.br" => {
                    assert!(!all.contains("Clara"), "{all}")
                }
                other => panic!("unexpected recipient {other}"),
            }
        }
        assert_eq!(email_log(&app, &first.owner, "").await.len(), 2);
        let english = received
            .iter()
            .find(|m| m.to == ["cliente.do.dario@example.com.br"])
            .unwrap();
        assert_eq!(english.subject(), "Order #1001 confirmed — Loja Dario");
    }
);

db_test!(a_held_order_tells_the_team_why, with_smtp, |app, smtp| {
    let shop = open_shop(&app, "Elisa").await;
    let variant = shop.variant(&app, "HOLD-1", "10.00", 5).await;
    let customer = OrderCustomerIn {
        id: None,
        new: Some(CustomerIn {
            email: Some("sem@example.com.br".into()),
            ..bare_customer("Sem Documento")
        }),
    };
    let mut body = shop.order_in(customer, vec![line(variant, 1)]);
    body.shipping_address.postal_code = "999".into();
    shop.place_ok(&app, "held", &body).await;
    // No staff addresses set: the owners are told.
    let received = smtp.wait_for(1).await;
    assert_eq!(received[0].to, std::slice::from_ref(&shop.owner.email));
    assert_eq!(
        received[0].subject(),
        "Pedido #1001 em análise: 2 ponto(s) a verificar"
    );
    let text = received[0].text();
    assert!(
        text.contains("O cliente não tem CPF/CNPJ.") && text.contains("O CEP 999"),
        "{text}"
    );
});

/// A resend is a new email with the same content and its own Message-ID.
async fn resends_are_new_emails(app: &TestApp, owner: &Session, smtp: &SmtpSink) {
    let sent = email_log(app, owner, "?kind=order_confirmation").await;
    let resent: EmailOut = app
        .post(&format!("/api/v1/emails/{}/resend", sent[0].id))
        .as_(owner)
        .returns(201)
        .await;
    assert_ne!(resent.message_id, sent[0].message_id);
    let mut to_gloria = Vec::new();
    for _ in 0..200 {
        to_gloria = smtp
            .received()
            .into_iter()
            .filter(|m| m.to == ["gloria@example.com.br"])
            .collect();
        if to_gloria.len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(to_gloria.len(), 2);
    assert_eq!(to_gloria[1].subject(), "Seu pedido #1001 na Loja Fabio");
    assert_ne!(to_gloria[0].message_id(), to_gloria[1].message_id());
}

db_test!(
    templates_are_the_stores_own_checked_before_they_are_saved,
    with_smtp,
    |app, smtp| {
        let shop = open_shop(&app, "Fabio").await;
        let all: Vec<TemplateOut> = app
            .get("/api/v1/mail/templates")
            .as_(&shop.owner)
            .returns(200)
            .await;
        assert_eq!(all.len(), 48, "16 editable kinds in 3 languages");
        let path = "/api/v1/mail/templates/order_confirmation/pt-BR";
        let template = |html: &str| TemplateIn {
            subject: "Seu pedido {{ order.reference }} na {{ store.name }}".into(),
            text: "Total: {{ order.total }}".into(),
            html: html.into(),
        };
        let refused = app
            .call(reqwest::Method::PUT, path)
            .as_(&shop.owner)
            .json(&template("<p>{{ order.totl }}</p>"))
            .send()
            .await
            .problem(422, "mail/bad-template");
        assert_eq!(refused.error_fields(), vec!["html"]);
        let saved: TemplateOut = app
            .call(reqwest::Method::PUT, path)
            .as_(&shop.owner)
            .json(&template("<p>{{ order.total }}</p>"))
            .returns(200)
            .await;
        assert!(saved.customized);
        let preview: PreviewOut = app
            .post(&format!("{path}/preview"))
            .as_(&shop.owner)
            .json(&PreviewIn::default())
            .returns(200)
            .await;
        assert_eq!(preview.subject, "Seu pedido #1001 na Loja Exemplo");
        assert_eq!(preview.html, "<p>R$ 139,70</p>");

        paid_in_two(&app, &shop, "Gloria", Locale::PtBr).await;
        let received = smtp.wait_for(2).await;
        let confirmation = received
            .iter()
            .find(|m| m.to == ["gloria@example.com.br"])
            .unwrap();
        assert_eq!(confirmation.subject(), "Seu pedido #1001 na Loja Fabio");
        assert_eq!(confirmation.text(), "Total: R$ 103,00");

        let reset: TemplateOut = app
            .call(reqwest::Method::DELETE, path)
            .as_(&shop.owner)
            .returns(200)
            .await;
        assert!(!reset.customized);
        let staff = app.add_member(&shop.owner, "Gil", "staff").await;
        app.get("/api/v1/mail/templates")
            .as_(&staff)
            .send()
            .await
            .problem(403, "auth/forbidden");
        app.get("/api/v1/emails")
            .as_(&staff)
            .send()
            .await
            .problem(403, "auth/forbidden");

        resends_are_new_emails(&app, &shop.owner, &smtp).await;
    }
);

db_test!(
    without_an_smtp_server_emails_are_eml_files_named_after_their_id,
    |app| {
        let shop = open_shop(&app, "Iara").await;
        paid_in_two(&app, &shop, "Jonas", Locale::En).await;
        let mut files = Vec::new();
        for _ in 0..200 {
            files = std::fs::read_dir(app.mail_dir())
                .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.path()).collect())
                .unwrap_or_default();
            files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "eml"));
            if files.len() == 2 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(files.len(), 2, "{files:?}");
        for email in email_log(&app, &shop.owner, "").await {
            let id = email.id;
            let path = app.mail_dir().join(format!("{id}.eml"));
            let text = std::fs::read_to_string(&path).unwrap();
            // Only the server's user may read a message: links in emails carry tokens.
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            assert!(
                text.contains(&format!("Message-ID: <{id}@retaguarda.test>")),
                "{text}"
            );
        }
    }
);
