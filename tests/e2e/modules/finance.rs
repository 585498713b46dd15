//! Finance: invoices of paid orders and their credit notes; customers on credit terms, their
//! instalments and dunning.

use serde_json::{Value, json};

use super::{Ids, Made, ModuleTests};
use crate::harness::TestApp;
use crate::harness::shop::Shop;
use crate::isolation::fixtures::{Target, created, id_of};
use crate::isolation::spec::Operation;

pub const TESTS: ModuleTests = ModuleTests {
    name: "finance",
    fixtures: &[
        ("/api/v1/finance/invoices/{id}", invoice),
        ("/api/v1/finance/payment-notifications/{id}", notification),
        ("/api/v1/finance/customers/{id}", credit_customer),
        ("/api/v1/finance/receivables/{id}", instalment),
        ("/api/v1/finance/bank-lines/{id}", bank_line),
        ("/api/v1/finance/orders/{id}", super::orders::order),
        ("/api/v1/finance/bills/{id}", supplier_bill),
    ],
    fill,
    kinds: &[
        ("invoice_line", invoice_line_of_store),
        ("purchase_order", purchase_order_of_store),
    ],
    body_ids: &[
        ("order_id", "order"),
        ("invoice_line_id", "invoice_line"),
        ("purchase_order_id", "purchase_order"),
        ("purchase_order_line_id", "purchase_order_line"),
    ],
    query_ids: &[
        ("order_id", "order"),
        ("customer_id", "customer"),
        ("channel_id", "channel"),
        ("supplier_id", "supplier"),
        ("purchase_order_id", "purchase_order"),
    ],
    ..super::NONE
};

/// The invoice of a new paid order, once the outbox has issued it.
async fn paid_invoice(app: &TestApp, shop: &Shop, name: &str) -> Value {
    let order = crate::mail::paid_order(app, shop, &format!("Cliente {name}"), "pt-BR").await;
    let path = format!("/api/v1/finance/invoices?order_id={}", id_of(&order));
    app.first_when_made(&shop.owner, &path).await
}

/// A new invoice; to credit, with a body naming its first line.
fn invoice<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    operation: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let invoice = paid_invoice(app, shop, &name).await;
        let mut target = Target::id(id_of(&invoice));
        if operation.id == "finance.invoice.credit" {
            target.body = Some(credit_body(&invoice));
        }
        target
    })
}

fn credit_body(invoice: &Value) -> Value {
    let line = id_of(&invoice["lines"][0]);
    json!({ "reason": "Devolução", "lines": [{ "invoice_line_id": line, "quantity": 1 }] })
}

/// A notification that named no order, unmatched; to match, a body naming an order of the
/// store with that much due.
fn notification<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let notification = unmatched(app, shop, &name).await;
        let variant = shop.stocked_variant(app, &name, "45.50", 5).await;
        let body = shop.order_body(
            crate::harness::shop::new_customer(&format!("Cliente {name}"), "pt-BR"),
            json!([{ "variant_id": variant, "quantity": 1 }]),
        );
        let order = shop.place(app, &name, &body).await.expect(201).body;
        let mut target = Target::id(id_of(&notification));
        target.body = Some(json!({ "order_id": id_of(&order) }));
        target
    })
}

async fn unmatched(app: &TestApp, shop: &Shop, name: &str) -> Value {
    app.post("/api/v1/finance/payment-notifications")
        .as_(&shop.owner)
        .json(
            &json!({ "reference": format!("pix-{name}"), "method": "pix", "amount": "10.00",
                       "order_number": 999_999_999 }),
        )
        .send()
        .await
        .expect(200)
        .body
}

/// A customer on 30 days' terms (blocked first, to unblock); and the body each action takes.
fn credit_customer<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    operation: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let customer = on_terms(app, shop, &name).await;
        let path = format!("/api/v1/finance/customers/{customer}");
        let mut target = Target::id(customer);
        target.body = match operation.id.as_str() {
            "finance.credit.set" => Some(json!({ "payment_terms": [30, 60] })),
            "finance.credit.block" => Some(json!({ "reason": "Cheque devolvido" })),
            "finance.credit.unblock" => {
                app.post(&format!("{path}/block"))
                    .as_(&shop.owner)
                    .json(&json!({ "reason": "Cheque devolvido" }))
                    .send()
                    .await
                    .expect(200);
                None
            }
            _ => None,
        };
        target
    })
}

/// A new customer of the store with 30 days' terms: their id.
async fn on_terms(app: &TestApp, shop: &Shop, name: &str) -> String {
    let customer = app
        .post("/api/v1/customers")
        .as_(&shop.owner)
        .json(&crate::harness::shop::new_customer(&format!("Cliente {name}"), "pt-BR")["new"])
        .send()
        .await
        .expect(201)
        .body;
    let id = id_of(&customer);
    app.call(
        reqwest::Method::PUT,
        &format!("/api/v1/finance/customers/{id}/credit"),
    )
    .as_(&shop.owner)
    .json(&json!({ "payment_terms": [30] }))
    .send()
    .await
    .expect(200);
    id
}

/// The instalment of an order on terms, once the outbox has invoiced it.
async fn instalment_on_terms(app: &TestApp, shop: &Shop, name: &str) -> Value {
    let customer = on_terms(app, shop, name).await;
    let variant = shop.stocked_variant(app, name, "30.00", 5).await;
    let body = shop.order_body(
        json!({ "id": customer }),
        json!([{ "variant_id": variant, "quantity": 1 }]),
    );
    let order = shop.place(app, name, &body).await.expect(201).body;
    let path = format!("/api/v1/finance/receivables?order_id={}", id_of(&order));
    app.first_when_made(&shop.owner, &path).await
}

/// An unknown line of a new statement: matched to a new order it pays in part (paid in full,
/// the order's own events would still be changing the audit log while the next route is
/// checked), or classified as fees.
fn bank_line<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    operation: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let line = unknown_bank_line(app, shop, &name).await;
        let mut target = Target::id(id_of(&line));
        target.body = Some(if operation.id == "finance.bank.match" {
            let variant = shop.stocked_variant(app, &name, "45.50", 5).await;
            let body = shop.order_body(
                crate::harness::shop::new_customer(&format!("Cliente {name}"), "pt-BR"),
                json!([{ "variant_id": variant, "quantity": 1 }]),
            );
            let order = shop.place(app, &name, &body).await.expect(201).body;
            json!({ "order_id": id_of(&order) })
        } else {
            json!({ "as": "fees" })
        });
        target
    })
}

/// A statement line of 12.34 that names nothing the store has.
async fn unknown_bank_line(app: &TestApp, shop: &Shop, name: &str) -> Value {
    let csv = format!("date,amount,description\n2026-12-04,12.34,DEPOSITO {name}\n");
    app.post("/api/v1/finance/bank-statements")
        .as_(&shop.owner)
        .raw_body("text/csv", csv)
        .send()
        .await
        .expect(200);
    let page = app
        .get("/api/v1/finance/bank-lines?status=unmatched&limit=1")
        .as_(&shop.owner)
        .send()
        .await
        .expect(200)
        .body;
    page["items"][0].clone()
}

/// An instalment to write off.
fn instalment<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let instalment = instalment_on_terms(app, shop, &name).await;
        let mut target = Target::id(id_of(&instalment));
        target.body = Some(json!({ "reason": "Acordo" }));
        target
    })
}

/// An invoice with a credit note for its first line; an unmatched payment notification; the
/// finance settings; an instalment on terms, reminded by the dunning sweep.
/// A purchase order of 20 units sent and received, and a bill of it: of 25 units (held) to
/// approve, of 20 (open) to pay.
async fn entered_bill(app: &TestApp, shop: &Shop, name: &str, held: bool) -> Value {
    let supplier = app.create_supplier(&shop.owner, name, 7).await;
    let variant = crate::catalog::create_variant(app, &shop.owner, name, name).await;
    let body = json!({ "supplier_id": supplier, "location_id": shop.location,
        "lines": [{ "variant_id": variant, "quantity": 20, "unit_cost": "2.00" }] });
    let order = created(app, shop, "/api/v1/inventory/purchase-orders", body).await;
    let (id, line) = (id_of(&order), id_of(&order["lines"][0]));
    let path = format!("/api/v1/inventory/purchase-orders/{id}");
    let send = app.post(&format!("{path}/send")).as_(&shop.owner);
    send.send().await.expect(200);
    let receipt = json!({ "lines": [{ "line_id": line, "quantity": 20 }] });
    let receive = app.post(&format!("{path}/receipts")).as_(&shop.owner);
    receive.json(&receipt).send().await.expect(200);
    let quantity = if held { 25 } else { 20 };
    let bill = json!({ "purchase_order_id": id, "number": format!("NF {name}"),
        "issued_on": "2026-12-01", "due_on": "2026-12-31",
        "lines": [{ "purchase_order_line_id": line, "quantity": quantity, "unit_cost": "2.00" }] });
    created(app, shop, "/api/v1/finance/bills", bill).await
}

fn supplier_bill<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    operation: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let held = operation.id == "finance.bill.approve";
        let bill = entered_bill(app, shop, &name, held).await;
        let mut target = Target::id(id_of(&bill));
        target.body = match operation.id.as_str() {
            "finance.bill.approve" => Some(json!({ "note": "Combinado" })),
            "finance.bill.pay" => Some(json!({ "amount": "1.00" })),
            _ => None,
        };
        target
    })
}

fn fill<'a>(app: &'a TestApp, shop: &'a Shop) -> Made<'a, ()> {
    Box::pin(async move {
        entered_bill(app, shop, "Fornecedor", true).await;
        let paid = entered_bill(app, shop, "Fornecedor-Pago", false).await;
        let pay = app.post(&format!("/api/v1/finance/bills/{}/payments", id_of(&paid)));
        let pay = pay.as_(&shop.owner).json(&json!({ "amount": "1.00" }));
        pay.send().await.expect(200);
        unmatched(app, shop, "fill").await;
        app.call(reqwest::Method::PUT, "/api/v1/finance/settings")
            .as_(&shop.owner)
            .json(&json!({ "due_on_working_days": true }))
            .send()
            .await
            .expect(200);
        let instalment = instalment_on_terms(app, shop, "Prazo").await;
        let due: chrono::NaiveDate = instalment["due_on"]
            .as_str()
            .and_then(|d| d.parse().ok())
            .expect("a due date");
        unknown_bank_line(app, shop, "fill").await;
        let reminded = due - chrono::Days::new(2);
        let noon = reminded.and_hms_opt(15, 0, 0).expect("noon").and_utc();
        api::finance::service::dunning::sweep(app.db(), noon)
            .await
            .expect("the sweep");
        let invoice = paid_invoice(app, shop, "Fatura").await;
        app.post(&format!(
            "/api/v1/finance/invoices/{}/credit-notes",
            id_of(&invoice)
        ))
        .as_(&shop.owner)
        .json(&credit_body(&invoice))
        .send()
        .await
        .expect(201);
    })
}

/// A line of a new invoice of the store.
fn invoice_line_of_store<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Ids,
    name: &'a str,
) -> Made<'a, Vec<String>> {
    Box::pin(async move {
        let invoice = paid_invoice(app, shop, &format!("{name}-invoice")).await;
        vec![id_of(&invoice["lines"][0])]
    })
}

/// A purchase order of the store, received and billed.
fn purchase_order_of_store<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Ids,
    name: &'a str,
) -> Made<'a, Vec<String>> {
    Box::pin(async move {
        let bill = entered_bill(app, shop, &format!("{name}-po"), false).await;
        vec![
            bill["purchase_order_id"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        ]
    })
}
