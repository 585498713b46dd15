//! A fiscal integration reports an invoice's NF-e: its access key checked (modulo 11), moves
//! the NF-e can make, the same report again changing nothing, and a cancelled NF-e final.

use openapi::finance::{FiscalStatus, InvoiceOut};
use serde_json::{Value, json};

use super::{invoice_of, paid_order};
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Reply;
use crate::harness::fixtures::line;
use crate::harness::shop::{Shop, open_shop};

const KEY: &str = "35261112345678000190550010000000011000000040";
const OTHER_KEY: &str = "52060433009911002506550120000007800267301615";

async fn report(app: &TestApp, shop: &Shop, invoice: &InvoiceOut, body: Value) -> Reply {
    app.call(
        reqwest::Method::PUT,
        &format!("/api/v1/finance/invoices/{}/fiscal", invoice.id),
    )
    .as_(&shop.owner)
    .json(&body)
    .send()
    .await
}

db_test!(
    the_nfe_is_reported_with_a_checked_key_and_cancelled_for_good,
    |app| {
        let shop = open_shop(&app, "Loja Fiscal").await;
        let shirt = shop.variant(&app, "CAM-N", "59.90", 10).await;
        let order = paid_order(&app, &shop, "n1", vec![line(shirt, 1)], None).await;
        let invoice = invoice_of(&app, &shop, order.id).await;

        let wrong_digit = format!("{}1", &KEY[..43]);
        let refused = report(
            &app,
            &shop,
            &invoice,
            json!({ "status": "authorized", "access_key": wrong_digit }),
        )
        .await
        .problem(422, "request/validation");
        assert_eq!(refused.problem_doc().errors[0].field, "access_key");
        report(&app, &shop, &invoice, json!({ "status": "authorized" }))
            .await
            .problem(422, "finance/access-key-required");

        let pending: InvoiceOut = report(&app, &shop, &invoice, json!({ "status": "pending" }))
            .await
            .expect(200)
            .parse();
        assert_eq!(pending.fiscal.status, FiscalStatus::Pending);
        let authorized: InvoiceOut = report(
            &app,
            &shop,
            &invoice,
            json!({ "status": "authorized", "access_key": KEY }),
        )
        .await
        .expect(200)
        .parse();
        assert_eq!(authorized.fiscal.access_key.as_deref(), Some(KEY));
        // The integration retries: nothing changes.
        let again: InvoiceOut = report(
            &app,
            &shop,
            &invoice,
            json!({ "status": "authorized", "access_key": KEY }),
        )
        .await
        .expect(200)
        .parse();
        assert_eq!(again.version, authorized.version);
        report(
            &app,
            &shop,
            &invoice,
            json!({ "status": "authorized", "access_key": OTHER_KEY }),
        )
        .await
        .problem(422, "finance/access-key-changed");
        // What was billed never changes with it.
        assert_eq!(
            (again.total, again.lines.len()),
            (invoice.total, invoice.lines.len())
        );

        app.call(
            reqwest::Method::PUT,
            &format!("/api/v1/finance/invoices/{}/fiscal", invoice.id),
        )
        .as_(&shop.owner)
        .header("If-Match", &format!("\"{}\"", invoice.version))
        .json(&json!({ "status": "cancelled" }))
        .send()
        .await
        .problem(412, "request/stale");
        let cancelled: InvoiceOut = report(&app, &shop, &invoice, json!({ "status": "cancelled" }))
            .await
            .expect(200)
            .parse();
        assert_eq!(cancelled.fiscal.status, FiscalStatus::Cancelled);
        assert_eq!(cancelled.fiscal.access_key.as_deref(), Some(KEY));
        report(&app, &shop, &invoice, json!({ "status": "authorized" }))
            .await
            .problem(409, "finance/fiscal-move");
        let audit = app.audit_of(&shop.owner, "invoice", invoice.id).await;
        let audit = serde_json::to_string(&audit).unwrap();
        assert!(
            audit.contains("invoice.fiscal") && audit.contains(KEY),
            "{audit}"
        );
    }
);
