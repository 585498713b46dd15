//! Mail: the email log and the store's templates.

use reqwest::Method;
use serde_json::json;

use super::{Made, ModuleTests};
use crate::harness::TestApp;
use crate::harness::shop::Shop;
use crate::isolation::fixtures::{Target, id_of};
use crate::isolation::spec::Operation;

pub const TESTS: ModuleTests = ModuleTests {
    name: "mail",
    fixtures: &[
        ("/api/v1/emails/{id}", email),
        ("/api/v1/mail/templates/{kind}", template),
    ],
    fill,
    query_ids: &[("reference_id", "order")],
    ..super::NONE
};

/// The confirmation of a paid order, once the outbox worker has sent it (so its row no longer
/// changes under the test).
fn email<'a>(app: &'a TestApp, shop: &'a Shop, _: &'a Operation, name: String) -> Made<'a, Target> {
    Box::pin(async move {
        let order = crate::mail::paid_order(app, shop, &format!("Cliente {name}"), "pt-BR").await;
        let query = format!("?kind=order_confirmation&reference_id={}", id_of(&order));
        for _ in 0..200 {
            let emails = crate::mail::emails(app, &shop.owner, &query).await;
            let sent = emails
                .iter()
                .find(|e| e["status"] == "sent" && e["reference_id"] == order["id"]);
            if let Some(email) = sent {
                return Target::id(id_of(email));
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the confirmation of order {} was not sent", order["id"]);
    })
}

/// The store's own template of the order confirmation in pt-BR, so it has a row there.
fn template<'a>(app: &'a TestApp, shop: &'a Shop, _: &'a Operation, _: String) -> Made<'a, Target> {
    Box::pin(async move {
        put_template(app, shop, "order_confirmation/pt-BR").await;
        Target::params(vec![
            ("kind", "order_confirmation".into()),
            ("locale", "pt-BR".into()),
        ])
    })
}

async fn put_template(app: &TestApp, shop: &Shop, which: &str) {
    app.call(Method::PUT, &format!("/api/v1/mail/templates/{which}"))
        .as_(&shop.owner)
        .json(&json!({
            "subject": "Pedido {{ order.reference }}",
            "text": "Total: {{ order.total }}",
            "html": "<p>Total: {{ order.total }}</p>",
        }))
        .send()
        .await
        .expect(200);
}

/// A template of the store's, and the paid order's emails (orders' fill), once written.
fn fill<'a>(app: &'a TestApp, shop: &'a Shop) -> Made<'a, ()> {
    Box::pin(async move {
        put_template(app, shop, "staff_order_held/en").await;
        for _ in 0..100 {
            if !crate::mail::emails(app, &shop.owner, "").await.is_empty() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the paid order's emails were never written");
    })
}
