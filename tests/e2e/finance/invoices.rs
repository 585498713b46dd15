//! A paid order gets its invoice: the order frozen as it was paid, numbered per store and
//! series without gaps, once however often the event comes; finance is a manager's.

use openapi::Page;
use openapi::finance::{FiscalStatus, InvoiceKind, InvoiceOut};
use openapi::tenancy::Locale;
use serde_json::json;

use super::{invoice_of, paid_order};
use crate::db_test;
use crate::harness::fixtures::{line, money, new_buyer};
use crate::harness::shop::open_shop;

db_test!(
    a_paid_order_is_invoiced_as_it_was_with_the_next_number,
    |app| {
        let shop = open_shop(&app, "Loja Fatura").await;
        let shirt = shop.variant(&app, "CAM-F", "49.90", 10).await;
        let pants = shop.variant(&app, "CAL-F", "120.00", 10).await;

        let first = paid_order(
            &app,
            &shop,
            "f1",
            vec![line(shirt, 2), line(pants, 1)],
            Some("10.00"),
        )
        .await;
        let second = paid_order(&app, &shop, "f2", vec![line(shirt, 1)], None).await;
        let invoice = invoice_of(&app, &shop, first.id).await;
        let next = invoice_of(&app, &shop, second.id).await;
        let mut numbers = [invoice.number, next.number];
        numbers.sort();
        assert_eq!(numbers, [1, 2], "gapless from 1 in the store's series");
        assert_eq!(invoice.series, "1");
        assert_eq!(invoice.reference, format!("1-{}", invoice.number));

        // The order as it was paid, to the cent.
        assert_eq!(invoice.kind, InvoiceKind::Invoice);
        assert_eq!(invoice.order_number, first.number);
        assert_eq!(invoice.subtotal, first.subtotal);
        assert_eq!(invoice.discount, money("10.00"));
        assert_eq!(invoice.shipping_fee, money("20.00"));
        assert_eq!(invoice.total, first.total);
        assert_eq!(invoice.total, money("229.80"));
        let lines: Vec<(&str, i64, _)> = invoice
            .lines
            .iter()
            .map(|l| (l.sku.as_str(), l.quantity, l.total))
            .collect();
        assert_eq!(
            lines,
            [("CAM-F", 2, money("99.80")), ("CAL-F", 1, money("120.00"))]
        );
        assert_eq!(invoice.billed.name, "Cliente f1");
        assert_eq!(invoice.billed.customer_id, first.customer_id);
        assert!(invoice.billed.tax_id.is_some());
        assert_eq!(invoice.billed.address.city, first.shipping_address.city);
        assert_eq!(invoice.fiscal.status, FiscalStatus::NotSent);
        insta::assert_json_snapshot!("invoice_issued", invoice, {
            ".id" => "[id]", ".order_id" => "[id]", ".order_number" => "[number]",
            ".number" => "[number]", ".reference" => "[reference]", ".issued_at" => "[time]",
            ".billed.customer_id" => "[id]", ".lines[].id" => "[id]",
            ".lines[].order_line_id" => "[id]",
        });

        // Issued once: by hand it is a conflict that names the invoice.
        let again = app
            .post("/api/v1/finance/invoices")
            .as_(&shop.owner)
            .json(&json!({ "order_id": first.id }))
            .send()
            .await
            .problem(409, "finance/already-invoiced");
        let detail = again.problem_doc().detail.unwrap_or_default();
        assert!(detail.contains(&invoice.reference), "{detail}");
        let read: InvoiceOut = app
            .get(&format!("/api/v1/finance/invoices/{}", invoice.id))
            .as_(&shop.owner)
            .returns(200)
            .await;
        assert_eq!(read, invoice);
    }
);

db_test!(
    an_unpaid_order_is_not_invoiced_and_staff_see_no_invoices,
    |app| {
        let shop = open_shop(&app, "Loja Pendente").await;
        let shirt = shop.variant(&app, "CAM-U", "49.90", 10).await;
        let order = shop.order_in(new_buyer("Cliente U", Locale::Es), vec![line(shirt, 1)]);
        let placed = shop.place_ok(&app, "u1", &order).await;
        let refused = app
            .post("/api/v1/finance/invoices")
            .as_(&shop.owner)
            .json(&json!({ "order_id": placed.id }))
            .header("Accept-Language", "es")
            .send()
            .await
            .problem(409, "finance/not-paid");
        let detail = refused.problem_doc().detail.unwrap_or_default();
        assert!(detail.contains("no está pagado"), "{detail}");
        app.post("/api/v1/finance/invoices")
            .as_(&shop.owner)
            .json(&json!({ "order_id": uuid::Uuid::now_v7() }))
            .send()
            .await
            .problem(404, "not-found");

        let staff = app.add_member(&shop.owner, "Rita", "staff").await;
        app.get("/api/v1/finance/invoices")
            .as_(&staff)
            .send()
            .await
            .problem(403, "auth/forbidden");
        let manager = app.add_member(&shop.owner, "Marta", "manager").await;
        let page: Page<InvoiceOut> = app
            .get("/api/v1/finance/invoices")
            .as_(&manager)
            .returns(200)
            .await;
        assert!(page.items.is_empty());
    }
);
