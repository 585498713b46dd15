//! Customers on credit terms: orders approved without payment and invoiced in instalments
//! that add up to the total, the credit limit holding an order past it, payments settling the
//! oldest instalment first, the ageing; blocking a customer holds their orders, unblocking
//! releases them.

use chrono::{Days, Utc};
use openapi::Page;
use openapi::finance::{AgeingOut, CustomerCreditOut, InstalmentOut, InstalmentStatus};
use openapi::orders::{CustomerOut, OrderOut, OrderStatus};
use openapi::tenancy::Locale;
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use uuid::Uuid;

use super::invoice_of;
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::fixtures::{buyer, customer_in, line, money};
use crate::harness::shop::{Shop, open_shop};

/// A customer of the store given these terms and limit.
async fn terms_customer(
    app: &TestApp,
    shop: &Shop,
    name: &str,
    terms: Value,
    limit: Option<&str>,
) -> Uuid {
    let customer = app
        .new_customer(&shop.owner, &customer_in(name, Locale::PtBr))
        .await;
    let credit: CustomerCreditOut = app
        .call(
            Method::PUT,
            &format!("/api/v1/finance/customers/{}/credit", customer.id),
        )
        .as_(&shop.owner)
        .json(&json!({ "payment_terms": terms, "credit_limit": limit }))
        .returns(200)
        .await;
    assert_eq!(credit.credit_limit, limit.map(money));
    customer.id
}

async fn place_for(
    app: &TestApp,
    shop: &Shop,
    key: &str,
    customer: Uuid,
    variant: Uuid,
    units: i64,
) -> OrderOut {
    let order = shop.order_in(buyer(customer), vec![line(variant, units)]);
    shop.place_ok(app, key, &order).await
}

async fn instalments_of(app: &TestApp, shop: &Shop, order: Uuid) -> Vec<InstalmentOut> {
    let path = format!("/api/v1/finance/receivables?order_id={order}");
    let page: Page<InstalmentOut> = app.get(&path).as_(&shop.owner).returns(200).await;
    page.items
}

async fn credit_of(app: &TestApp, shop: &Shop, customer: Uuid) -> CustomerCreditOut {
    let path = format!("/api/v1/finance/customers/{customer}/credit");
    app.get(&path).as_(&shop.owner).returns(200).await
}

db_test!(
    an_order_on_terms_is_approved_invoiced_in_instalments_and_the_limit_holds,
    |app| {
        let shop = open_shop(&app, "Loja Atacado").await;
        let crate_ = shop.variant(&app, "CX-1", "100.00", 50).await;
        let customer = terms_customer(
            &app,
            &shop,
            "Distribuidora Sul",
            json!([60, 30, 90]),
            Some("1000.00"),
        )
        .await;
        let credit = credit_of(&app, &shop, customer).await;
        assert_eq!(
            credit.payment_terms,
            vec![30, 60, 90],
            "kept in rising order"
        );
        assert_eq!(credit.available_credit, Some(money("1000.00")));

        // Approved without payment: picked at once, invoiced in three instalments.
        let first = place_for(&app, &shop, "t1", customer, crate_, 1).await;
        assert_eq!(first.status, OrderStatus::Approved);
        assert_eq!(first.payment_terms, vec![30, 60, 90]);
        let path = format!("/api/v1/logistics/fulfilments?order_id={}", first.id);
        let _: Value = app.first_when_made(&shop.owner, &path).await;
        let confirmation = app
            .emails_of(&shop.owner, first.id, "order_confirmation", 1)
            .await;
        let text = &confirmation[0].text;
        assert!(
            text.contains("foi aprovado a prazo (30/60/90 dias)"),
            "{text}"
        );
        let invoice = invoice_of(&app, &shop, first.id).await;
        let instalments = instalments_of(&app, &shop, first.id).await;
        let amounts: Vec<Decimal> = instalments.iter().map(|i| i.amount).collect();
        assert_eq!(
            amounts,
            vec![money("33.33"), money("33.33"), money("33.34")]
        );
        assert_eq!(amounts.iter().sum::<Decimal>(), invoice.total);
        // The invoice's day in the store's time zone (São Paulo, three hours behind UTC).
        let issued = (invoice.issued_at - chrono::Duration::hours(3)).date_naive();
        for (instalment, days) in instalments.iter().zip([30, 60, 90]) {
            assert_eq!(instalment.due_on, issued + Days::new(days));
            assert_eq!(instalment.status, InstalmentStatus::Open);
            assert_eq!(instalment.of, 3);
            assert_eq!(instalment.invoice_reference, invoice.reference);
            let reference = format!("{}-{}", first.number, instalment.seq);
            assert_eq!(instalment.payment_reference, reference);
        }

        // 100 + 300 + 500 owed: within the limit; 100 more is past it, and held.
        let second = place_for(&app, &shop, "t2", customer, crate_, 3).await;
        let third = place_for(&app, &shop, "t3", customer, crate_, 5).await;
        assert_eq!(third.status, OrderStatus::Approved);
        let credit = credit_of(&app, &shop, customer).await;
        assert_eq!(credit.open_receivables, money("900.00"));
        assert_eq!(credit.available_credit, Some(money("100.00")));
        let fourth = place_for(&app, &shop, "t4", customer, crate_, 2).await;
        assert_eq!(fourth.status, OrderStatus::OnHold);
        assert_eq!(fourth.findings.len(), 1, "{:?}", fourth.findings);
        assert_eq!(fourth.findings[0].check, "credit_limit");
        assert_eq!(
            fourth.findings[0].message,
            "A prazo o cliente passaria a dever R$ 1.100,00 com este pedido, acima do seu limite de crédito de R$ 1.000,00."
        );

        // A payment settles the oldest instalment first; what is left stays open.
        let paid = app
            .post("/api/v1/finance/payment-notifications")
            .as_(&shop.owner)
            .json(
                &json!({ "reference": "boleto-t1", "method": "boleto", "amount": "50.00",
                           "order_number": first.number }),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(paid.body["status"], "settled", "{}", paid.body);
        let statuses: Vec<(InstalmentStatus, Decimal)> = instalments_of(&app, &shop, first.id)
            .await
            .iter()
            .map(|i| (i.status, i.outstanding))
            .collect();
        assert_eq!(
            statuses,
            vec![
                (InstalmentStatus::Paid, money("0.00")),
                (InstalmentStatus::PartiallyPaid, money("16.66")),
                (InstalmentStatus::Open, money("33.34")),
            ]
        );
        assert_eq!(
            credit_of(&app, &shop, customer).await.open_receivables,
            money("850.00")
        );

        // The ageing (of invoiced instalments, so once the outbox has invoiced every order):
        // everything is current, and adds up to what is owed.
        invoice_of(&app, &shop, second.id).await;
        invoice_of(&app, &shop, third.id).await;
        let ageing: AgeingOut = app
            .get("/api/v1/finance/receivables/ageing")
            .as_(&shop.owner)
            .returns(200)
            .await;
        assert_eq!(
            ageing.as_of,
            (Utc::now() - chrono::Duration::hours(3)).date_naive()
        );
        assert_eq!(ageing.customers.len(), 1);
        assert_eq!(ageing.customers[0].buckets.current, money("850.00"));
        assert_eq!(ageing.totals[0].buckets.total, money("850.00"));
        let text = crate::harness::fixtures::download(
            &app,
            &shop.owner,
            "/api/v1/finance/receivables/ageing/export",
        )
        .await;
        assert!(
            text.starts_with("customer,customer_id,currency,current,"),
            "{text}"
        );
        assert!(text.contains("Distribuidora Sul,"), "{text}");
        assert!(text.contains("TOTAL,,BRL,850.00,0,0,0,0,850.00"), "{text}");
    }
);

db_test!(
    a_blocked_customer_s_orders_wait_until_they_are_unblocked,
    |app| {
        let shop = open_shop(&app, "Loja Bloqueio").await;
        let crate_ = shop.variant(&app, "CX-2", "80.00", 20).await;
        let customer = terms_customer(&app, &shop, "Mercado Norte", json!([28]), None).await;
        let block = |path: &str| app.post(path).as_(&shop.owner);
        let blocked: CustomerCreditOut =
            block(&format!("/api/v1/finance/customers/{customer}/block"))
                .json(&json!({ "reason": "Cheque devolvido" }))
                .returns(200)
                .await;
        let reason = blocked
            .blocked
            .as_ref()
            .map(|b| (b.reason.clone(), b.automatic));
        assert_eq!(
            reason,
            Some(("bloqueado pela equipe: Cheque devolvido".into(), false))
        );
        block(&format!("/api/v1/finance/customers/{customer}/block"))
            .json(&json!({ "reason": "De novo" }))
            .send()
            .await
            .problem(409, "finance/already-blocked");

        // Staff see the block at order intake; the order is held with it.
        let staff = app.add_member(&shop.owner, "Rita", "staff").await;
        let seen: CustomerOut = app
            .get(&format!("/api/v1/customers/{customer}"))
            .as_(&staff)
            .header("Accept-Language", "en")
            .returns(200)
            .await;
        let seen = seen.blocked.map(|b| b.reason);
        assert_eq!(seen.as_deref(), Some("blocked by staff: Cheque devolvido"));
        let held = place_for(&app, &shop, "b1", customer, crate_, 1).await;
        assert_eq!(held.status, OrderStatus::OnHold);
        assert_eq!(held.findings[0].check, "customer_blocked");
        app.call(
            Method::PUT,
            &format!("/api/v1/finance/customers/{customer}/credit"),
        )
        .as_(&staff)
        .json(&json!({ "payment_terms": [] }))
        .send()
        .await
        .problem(403, "auth/forbidden");

        // Unblocked: the order held only by the block is approved on its terms.
        let unblocked: CustomerCreditOut =
            block(&format!("/api/v1/finance/customers/{customer}/unblock"))
                .returns(200)
                .await;
        assert!(unblocked.blocked.is_none());
        assert_eq!(shop.read(&app, held.id).await.status, OrderStatus::Approved);
        block(&format!("/api/v1/finance/customers/{customer}/unblock"))
            .send()
            .await
            .problem(409, "finance/not-blocked");
        let audit = app.audit_of(&shop.owner, "customer", customer).await;
        let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions[..3],
            ["customer.unblock", "customer.block", "customer.credit"]
        );
        let listed: Page<CustomerCreditOut> = app
            .get("/api/v1/finance/customers?blocked=false")
            .as_(&shop.owner)
            .returns(200)
            .await;
        assert_eq!(listed.items.len(), 1);
    }
);

db_test!(
    credit_terms_refuse_what_cannot_be_and_a_write_off_ends_what_is_owed,
    |app| {
        let shop = open_shop(&app, "Loja Regras").await;
        let crate_ = shop.variant(&app, "CX-3", "10.00", 20).await;
        let customer = app
            .new_customer(&shop.owner, &customer_in("Sem Prazo", Locale::PtBr))
            .await;
        let path = format!("/api/v1/finance/customers/{}/credit", customer.id);
        for (body, field) in [
            (json!({ "payment_terms": [0] }), "payment_terms"),
            (json!({ "payment_terms": [30, 30] }), "payment_terms"),
            (
                json!({ "payment_terms": [30], "credit_limit": "-1" }),
                "credit_limit",
            ),
        ] {
            let refused = app
                .call(Method::PUT, &path)
                .as_(&shop.owner)
                .json(&body)
                .send()
                .await;
            assert_eq!(
                refused.expect(422).error_fields(),
                vec![field.to_owned()],
                "{body}"
            );
        }
        let stranger = Uuid::now_v7();
        app.call(Method::PUT, &path)
            .as_(&shop.owner)
            .json(&json!({ "payment_terms": [30], "account_owner_id": stranger }))
            .send()
            .await
            .problem(422, "finance/not-a-member");
        let mut order = shop.order_in(buyer(customer.id), vec![line(crate_, 1)]);
        order.on_terms = Some(true);
        let refused = shop.place(&app, "w0", &order).await.expect(422);
        assert_eq!(refused.error_fields(), vec!["on_terms".to_owned()]);

        // On terms, then written off: nothing is owed, and nothing more can be written off.
        let owner_id = app
            .get("/api/v1/me")
            .as_(&shop.owner)
            .returns::<Value>(200)
            .await["user"]["id"]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_default();
        app.call(Method::PUT, &path)
            .as_(&shop.owner)
            .json(&json!({ "payment_terms": [15], "account_owner_id": owner_id }))
            .send()
            .await
            .expect(200);
        let placed = place_for(&app, &shop, "w1", customer.id, crate_, 2).await;
        invoice_of(&app, &shop, placed.id).await;
        let instalment = instalments_of(&app, &shop, placed.id).await.remove(0);
        let write_off = format!("/api/v1/finance/receivables/{}/write-off", instalment.id);
        let written: InstalmentOut = app
            .post(&write_off)
            .as_(&shop.owner)
            .json(&json!({ "reason": "Acordo" }))
            .returns(200)
            .await;
        assert_eq!(written.status, InstalmentStatus::WrittenOff);
        assert_eq!(
            (written.outstanding, written.written_off),
            (money("0"), money("20.00"))
        );
        app.post(&write_off)
            .as_(&shop.owner)
            .json(&json!({ "reason": "De novo" }))
            .send()
            .await
            .problem(409, "finance/nothing-outstanding");
        assert_eq!(
            credit_of(&app, &shop, customer.id).await.open_receivables,
            money("0")
        );
    }
);
