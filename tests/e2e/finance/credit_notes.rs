//! Credit notes give back at most what an invoice billed, line by line, and an invoice's
//! credit notes add up to its total to the cent.

use openapi::finance::{InvoiceKind, InvoiceOut};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{invoice_of, paid_order};
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::fixtures::{line, money};
use crate::harness::shop::{Shop, open_shop};

fn credit_path(invoice: &InvoiceOut) -> String {
    format!("/api/v1/finance/invoices/{}/credit-notes", invoice.id)
}

async fn credit(
    app: &TestApp,
    shop: &Shop,
    invoice: &InvoiceOut,
    key: &str,
    body: Value,
) -> InvoiceOut {
    app.post(&credit_path(invoice))
        .as_(&shop.owner)
        .header("Idempotency-Key", key)
        .json(&body)
        .returns(201)
        .await
}

db_test!(credit_notes_never_give_back_more_than_was_billed, |app| {
    let shop = open_shop(&app, "Loja Credito").await;
    let shirt = shop.variant(&app, "CAM-C", "33.33", 10).await;
    let pants = shop.variant(&app, "CAL-C", "10.00", 10).await;
    let order = paid_order(
        &app,
        &shop,
        "c1",
        vec![line(shirt, 3), line(pants, 1)],
        Some("5.00"),
    )
    .await;
    let invoice = invoice_of(&app, &shop, order.id).await;
    assert_eq!(invoice.total, money("124.99"));
    let shirts = invoice.lines[0].id;

    // One shirt: its price and its share of the order's discount, rounded to the cent.
    let one =
        json!({ "reason": "Defeito", "lines": [{ "invoice_line_id": shirts, "quantity": 1 }] });
    let first = credit(&app, &shop, &invoice, "cn-1", one.clone()).await;
    assert_eq!(first.kind, InvoiceKind::CreditNote);
    assert_eq!(first.credits_invoice_id, Some(invoice.id));
    assert_eq!(first.number, invoice.number + 1, "one series for both");
    assert_eq!(first.lines[0].credits_line_id, Some(shirts));
    assert_eq!(
        (first.subtotal, first.discount),
        (money("33.33"), money("1.52"))
    );
    assert_eq!(
        (first.shipping_fee, first.total),
        (money("0.00"), money("31.81"))
    );
    // Retried with its key: the same note, nothing credited twice.
    let replayed = credit(&app, &shop, &invoice, "cn-1", one).await;
    assert_eq!(replayed.id, first.id);

    let refused = app
        .post(&credit_path(&invoice))
        .as_(&shop.owner)
        .json(&json!({ "reason": "x", "lines": [{ "invoice_line_id": shirts, "quantity": 3 }] }))
        .send()
        .await
        .problem(422, "finance/over-credit");
    assert_eq!(refused.problem_doc().errors[0].field, "lines");
    app.post(&credit_path(&invoice))
        .as_(&shop.owner)
        .json(
            &json!({ "reason": "x", "lines": [{ "invoice_line_id": invoice.id, "quantity": 1 }] }),
        )
        .send()
        .await
        .problem(422, "finance/unknown-line");
    app.post(&credit_path(&first))
        .as_(&shop.owner)
        .json(&json!({ "reason": "x" }))
        .send()
        .await
        .problem(422, "finance/not-an-invoice");

    // The rest, shipping included: exactly what is left.
    let rest = credit(
        &app,
        &shop,
        &invoice,
        "cn-2",
        json!({ "reason": "Cancelado" }),
    )
    .await;
    assert_eq!(rest.number, invoice.number + 2);
    let units: Vec<(&str, i64)> = rest
        .lines
        .iter()
        .map(|l| (l.sku.as_str(), l.quantity))
        .collect();
    assert_eq!(units, [("CAM-C", 2), ("CAL-C", 1)]);
    assert_eq!(
        (rest.subtotal, rest.discount),
        (money("76.66"), money("3.48"))
    );
    assert_eq!(
        (rest.shipping_fee, rest.total),
        (money("20.00"), money("93.18"))
    );
    assert_eq!(first.total + rest.total, invoice.total);
    let after: InvoiceOut = app
        .get(&format!("/api/v1/finance/invoices/{}", invoice.id))
        .as_(&shop.owner)
        .returns(200)
        .await;
    assert_eq!(after.credited, invoice.total);
    assert!(after.version > invoice.version);
    app.post(&credit_path(&invoice))
        .as_(&shop.owner)
        .json(&json!({ "reason": "de novo" }))
        .send()
        .await
        .problem(409, "finance/nothing-left");
});

db_test!(
    partial_credit_notes_add_up_to_the_total_to_the_cent,
    |app| {
        // Thirds of a cent everywhere: 7 × 14.29 with 3.33 off and 9.99 shipping.
        let shop = open_shop(&app, "Loja Centavos").await;
        let cup = shop.variant(&app, "XIC-7", "14.29", 20).await;
        let order = paid_order(&app, &shop, "p1", vec![line(cup, 7)], Some("3.33")).await;
        let invoice = invoice_of(&app, &shop, order.id).await;
        let cups = invoice.lines[0].id;
        let mut total = Decimal::ZERO;
        for (i, quantity) in [1, 2, 1, 3].into_iter().enumerate() {
            let body = json!({ "reason": "Parcial", "lines": [{ "invoice_line_id": cups, "quantity": quantity }],
                           "include_shipping": i == 3 });
            let note = credit(&app, &shop, &invoice, &format!("p-{i}"), body).await;
            assert_eq!(
                note.total,
                note.subtotal - note.discount + note.shipping_fee
            );
            assert_eq!(note.total.scale(), 2, "{}", note.total);
            total += note.total;
        }
        assert_eq!(total, invoice.total);
    }
);

db_test!(a_refunded_return_is_credited_on_the_invoice, |app| {
    use crate::logistics::returns::{act, approve, delivered, inspect, request, return_body};
    let shop = open_shop(&app, "Loja Retorno").await;
    let shirt = shop.variant(&app, "CAM-R", "80.00", 10).await;
    let order = delivered(
        &app,
        &shop,
        "r1",
        vec![line(shirt, 2)],
        None,
        openapi::tenancy::Locale::PtBr,
    )
    .await;
    let invoice = invoice_of(&app, &shop, order.id).await;

    let asked = request(&app, &shop, &return_body(&order, &[(0, 1, "defective")])).await;
    let approved = approve(&app, &shop, &asked).await;
    let received = inspect(&app, &shop, &approved, &[(1, 0)]).await;
    act(
        &app,
        &shop,
        &received,
        "resolve",
        json!({ "resolution": "refund" }),
    )
    .await;

    let path = format!(
        "/api/v1/finance/invoices?order_id={}&kind=credit_note",
        order.id
    );
    let mut notes = Vec::new();
    for _ in 0..200 {
        let page: openapi::Page<InvoiceOut> = app.get(&path).as_(&shop.owner).returns(200).await;
        notes = page.items;
        if !notes.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(notes.len(), 1, "one credit note for the refunded return");
    let note = &notes[0];
    assert_eq!(note.credits_invoice_id, Some(invoice.id));
    let units: Vec<(&str, i64)> = note
        .lines
        .iter()
        .map(|l| (l.sku.as_str(), l.quantity))
        .collect();
    assert_eq!(units, [("CAM-R", 1)]);
    assert_eq!(note.total, money("80.00"));
    assert!(
        note.reason
            .as_deref()
            .unwrap_or_default()
            .contains(&asked.id.to_string())
    );
});
