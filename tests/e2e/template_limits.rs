//! A store's email template cannot stop the server: what could run away is refused when saved
//! or previewed, and what slips past the save check (behind a condition the sample data does
//! not meet) fails its own email when sent, while other stores' emails still go out.

use std::time::{Duration, Instant};

use openapi::mail::{EmailStatus, PreviewIn, TemplateIn};
use openapi::tenancy::Locale;
use serde_json::json;

use crate::db_test;
use crate::mail::{email_log, paid_in_two};
use crate::orders::open_shop;

const PATH: &str = "/api/v1/mail/templates/order_confirmation/pt-BR";

fn template(html: &str) -> TemplateIn {
    TemplateIn {
        subject: "Pedido {{ order.reference }}".into(),
        text: "Total: {{ order.total }}".into(),
        html: html.into(),
    }
}

fn preview_of(html: &str) -> PreviewIn {
    PreviewIn {
        template: Some(template(html)),
    }
}

db_test!(
    hostile_templates_are_refused_at_once_when_saved_or_previewed,
    |app| {
        let shop = open_shop(&app, "Hostil").await;
        let nested = "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}";
        let guarded = "{% if order.number != 1001 %}{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}{% endif %}";
        let repeated = "{% if order.number != 1001 %}{{ 'x' * 100000000 }}{% endif %}";
        for hostile in [nested, guarded, repeated] {
            for (method, path) in [
                (reqwest::Method::PUT, PATH.to_owned()),
                (reqwest::Method::POST, format!("{PATH}/preview")),
            ] {
                let body = if method == reqwest::Method::PUT {
                    json!(template(hostile))
                } else {
                    json!(preview_of(hostile))
                };
                let started = Instant::now();
                let refused = app
                    .call(method, &path)
                    .as_(&shop.owner)
                    .json(&body)
                    .send()
                    .await
                    .problem(422, "mail/bad-template");
                assert!(started.elapsed() < Duration::from_secs(1), "{hostile}");
                assert_eq!(refused.error_fields(), ["html"], "{:#}", refused.body);
            }
        }
        // A template that runs out of fuel while previewed is refused the same way.
        let endless = "{% for a in order.address_text %}{% for b in order.address_text %}\
                   {% for c in order.address_text %}{% for d in order.address_text %}\
                   {% if a == d %}{% endif %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}";
        let started = Instant::now();
        let refused = app
            .post(&format!("{PATH}/preview"))
            .as_(&shop.owner)
            .json(&preview_of(endless))
            .send()
            .await
            .problem(422, "mail/bad-template");
        assert!(started.elapsed() < Duration::from_secs(1));
        let problem = refused.problem_doc();
        assert!(problem.errors[0].message.contains("fuel"), "{problem:#?}");
    }
);

db_test!(
    a_template_that_runs_away_when_sent_fails_its_email_and_no_other,
    |app| {
        let hostile = open_shop(&app, "Fugitiva").await;
        let neighbour = open_shop(&app, "Vizinha").await;
        // The sample customer is Ana Souza, so the save check never enters the loops.
        let endless = "{% if customer.name != 'Ana Souza' %}\
                   {% for a in order.address_text %}{% for b in order.address_text %}\
                   {% for c in order.address_text %}{% for d in order.address_text %}\
                   {% if a == d %}{% endif %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}\
                   {% endif %}<p>{{ order.total }}</p>";
        app.call(reqwest::Method::PUT, PATH)
            .as_(&hostile.owner)
            .json(&template(endless))
            .send()
            .await
            .expect(200);
        paid_in_two(&app, &hostile, "Bruno", Locale::PtBr).await;
        paid_in_two(&app, &neighbour, "Clara", Locale::PtBr).await;
        // The neighbour's customer gets their confirmation.
        let to_clara = app.mail_to("clara@example.com.br", 1).await;
        assert_eq!(
            to_clara[0].subject(),
            "Pedido #1001 confirmado — Loja Vizinha"
        );
        // The hostile store's confirmation is logged as failed, saying why; its team's
        // notification (the built-in template) still went.
        let mut failed = Vec::new();
        for _ in 0..200 {
            failed = email_log(
                &app,
                &hostile.owner,
                "?kind=order_confirmation&status=failed",
            )
            .await;
            if !failed.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(failed.len(), 1, "{failed:#?}");
        assert_eq!(failed[0].status, EmailStatus::Failed);
        let reason = failed[0].last_error.as_deref().unwrap_or_default();
        assert!(reason.contains("fuel"), "{reason}");
        let staff = email_log(&app, &hostile.owner, "?kind=staff_order_paid").await;
        assert_eq!(staff.len(), 1);
    }
);
