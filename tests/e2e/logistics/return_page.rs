//! The customer's return page: no login, in the customer's language, and a link that was
//! altered or has expired is refused.

use api::logistics::returns::service::token;
use chrono::{Duration, Utc};
use openapi::Page;
use openapi::logistics::ReturnOut;
use openapi::tenancy::Locale;

use super::returns::{act, approve, delivered};
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::fixtures::line;
use crate::harness::shop::open_shop;

const SECRET: &[u8] = b"a secret of the tests, long enough for HMAC-SHA256 keys";

async fn page(app: &TestApp, link: &str, form: Option<Vec<(String, String)>>) -> (u16, String) {
    let url = format!("{}/p/returns/{link}", app.address);
    let request = match form {
        Some(form) => app.http.post(url).form(&form),
        None => app.http.get(url),
    };
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

db_test!(
    the_return_page_works_without_login_in_the_customers_language,
    configured(|config| {
        config.jwt_secret = SECRET.to_vec();
    }),
    |app| {
        let shop = open_shop(&app, "Loja Pagina").await;
        let shoe = shop.variant(&app, "ZAP-39", "200.00", 4).await;
        let order = delivered(&app, &shop, "page", vec![line(shoe, 2)], None, Locale::Es).await;
        let tenant = entity::TenantId::from_uuid(shop.owner.tenant_id);
        let link = token::sign(SECRET, tenant, order.id, Utc::now() + Duration::days(3));

        let (status, html) = page(&app, &link, None).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Devolver artículos del pedido #"), "{html}");
        assert!(
            html.contains("ZAP-39") && html.contains("Defectuoso"),
            "{html}"
        );
        assert!(html.contains(r#"lang="es""#), "{html}");

        let line_id = order.lines[0].id;
        let (status, html) = page(&app, &link, Some(vec![])).await;
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("Elija al menos un artículo"), "{html}");
        let form = vec![
            (format!("qty_{line_id}"), "1".to_owned()),
            (format!("reason_{line_id}"), "defective".to_owned()),
            ("comment".to_owned(), "<b>No enciende</b>".to_owned()),
        ];
        let (status, html) = page(&app, &link, Some(form.clone())).await;
        assert_eq!(status, 201, "{html}");
        assert!(html.contains("Su devolución fue solicitada"), "{html}");
        let returns: Page<ReturnOut> = app
            .get(&format!("/api/v1/logistics/returns?order_id={}", order.id))
            .as_(&shop.owner)
            .returns(200)
            .await;
        let requested = &returns.items[0];
        assert!(requested.by_customer);
        assert_eq!(
            requested.lines[0].comment.as_deref(),
            Some("<b>No enciende</b>")
        );
        assert_eq!(requested.timeline[0].actor_id, None);

        // One unit is left: two more are refused, in Spanish.
        let mut more = form.clone();
        more[0].1 = "2".into();
        let (status, html) = page(&app, &link, Some(more)).await;
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("ZAP-39: 2 a devolver"), "{html}");

        // An altered link, or one for another order, or an expired one, opens nothing.
        let (head, signature) = link.rsplit_once('.').unwrap();
        let flipped = if signature.starts_with('A') { "B" } else { "A" };
        let altered = format!("{head}.{flipped}{}", &signature[1..]);
        let (status, html) = page(&app, &altered, None).await;
        assert_eq!(status, 404);
        // Whose link it was is unknown: the reader's language, else Portuguese.
        assert!(html.contains("não é válido"), "{html}");
        let (status, _) = page(&app, "not-a-link", Some(form)).await;
        assert_eq!(status, 404);
        let expired = token::sign(SECRET, tenant, order.id, Utc::now() - Duration::minutes(1));
        let (status, html) = app_get_in(&app, &expired, "en").await;
        assert_eq!(status, 410);
        assert!(html.contains("This return link has expired"), "{html}");
    }
);

async fn app_get_in(app: &TestApp, link: &str, language: &str) -> (u16, String) {
    let response = app
        .http
        .get(format!("{}/p/returns/{link}", app.address))
        .header("Accept-Language", language)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// The link after `/p/returns/` in an email's text.
fn link_in(text: &str) -> Option<String> {
    let start = text.find("/p/returns/")? + "/p/returns/".len();
    let link: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    Some(link.trim_end_matches('.').to_owned())
}

db_test!(
    the_delivered_email_carries_a_working_link_and_reviews_are_emailed,
    |app| {
        let shop = open_shop(&app, "Loja Email").await;
        let mug = shop.variant(&app, "CAN-9", "30.00", 5).await;
        let order = delivered(&app, &shop, "mail", vec![line(mug, 2)], None, Locale::En).await;
        let to = "cliente.mail@example.com.br";
        // The confirmation, the shipped email and the delivered one.
        let sent = app.mail_to(to, 3).await;
        let email = sent
            .iter()
            .find(|m| m.subject().contains("delivered"))
            .expect("the delivered email");
        let link = link_in(&email.text()).expect("a return link");
        assert!(!link.contains("redacted"), "{}", email.text());
        let (status, html) = page(&app, &link, None).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Return items of order #"), "{html}");
        // The stored email (the log) never holds the link.
        let log = app
            .get(&format!("/api/v1/emails?reference_id={}", order.id))
            .as_(&shop.owner)
            .send()
            .await
            .expect(200)
            .body
            .to_string();
        assert!(log.contains("[redacted]") && !log.contains(&link), "{log}");

        let body = |quantity: i64| {
            serde_json::json!({ "order_id": order.id, "lines": [{
                "order_line_id": order.lines[0].id, "quantity": quantity, "reason": "damaged",
            }] })
        };
        let first: ReturnOut = app
            .post("/api/v1/logistics/returns")
            .as_(&shop.owner)
            .json(&body(1))
            .returns(201)
            .await;
        approve(&app, &shop, &first).await;
        let approved = app.mail_to(to, 4).await;
        let approved = approved.last().expect("the approval").text();
        assert!(approved.contains("AP123BR") && approved.contains("Poste nos Correios"));
        let second: ReturnOut = app
            .post("/api/v1/logistics/returns")
            .as_(&shop.owner)
            .json(&body(1))
            .returns(201)
            .await;
        let reason = serde_json::json!({ "reason": "Sinais de uso" });
        act(&app, &shop, &second, "decline", reason).await;
        let declined = app.mail_to(to, 5).await;
        let declined = declined.last().expect("the refusal").text();
        assert!(declined.contains("Reason: Sinais de uso"), "{declined}");
    }
);
