//! Cash flow through the API: from the balance the store entered, a payment received this
//! week moves today's balance; an instalment on terms and a supplier bill land in the weeks of
//! their due dates; thirteen projected weeks carry the balance to the end; the same as CSV.

use chrono::{Datelike, Duration, Utc};
use openapi::finance::{BillOut, CashFlowOut, CashWeekKind, InstalmentOut};
use openapi::tenancy::Locale;
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::json;

use super::payables::{bill, purchase};
use crate::db_test;
use crate::harness::fixtures::{buyer, customer_in, line, money, supplier_in};
use crate::harness::shop::open_shop;

db_test!(
    cash_flow_carries_the_balance_through_what_was_paid_and_what_falls_due,
    |app| {
        let shop = open_shop(&app, "Loja Caixa").await;
        let owner = &shop.owner;
        let today = (Utc::now() - Duration::hours(3)).date_naive();
        let settings = |balance: serde_json::Value| json!({ "due_on_working_days": false, "cash_balance": balance });
        app.call(Method::PUT, "/api/v1/finance/settings")
            .as_(owner)
            .json(&settings(json!({ "amount": "mil", "on": today })))
            .send()
            .await
            .problem(422, "request/validation");
        let ten_days_ago = today - Duration::days(10);
        app.call(Method::PUT, "/api/v1/finance/settings")
            .as_(owner)
            .json(&settings(
                json!({ "amount": "-250.00", "on": ten_days_ago }),
            ))
            .send()
            .await
            .expect(200);

        // Received today: a paid order.
        let variant = shop.variant(&app, "CX-9", "100.00", 10).await;
        let paid = shop.order_in(
            buyer(
                app.new_customer(owner, &customer_in("Paga", Locale::PtBr))
                    .await
                    .id,
            ),
            vec![line(variant, 2)],
        );
        let paid = shop.place_ok(&app, "caixa-1", &paid).await;
        shop.pay(&app, paid.id, "200.00", "pix-caixa-1")
            .await
            .expect(201);

        // Due in 30 days: an instalment on terms.
        let customer = app
            .new_customer(owner, &customer_in("A Prazo", Locale::PtBr))
            .await;
        app.call(
            Method::PUT,
            &format!("/api/v1/finance/customers/{}/credit", customer.id),
        )
        .as_(owner)
        .json(&json!({ "payment_terms": [30] }))
        .send()
        .await
        .expect(200);
        let on_terms = shop.order_in(buyer(customer.id), vec![line(variant, 3)]);
        let on_terms = shop.place_ok(&app, "caixa-2", &on_terms).await;
        let path = format!("/api/v1/finance/receivables?order_id={}", on_terms.id);
        let instalment: InstalmentOut = app.first_when_made(owner, &path).await;

        // Due in 14 days: a supplier's bill.
        let supplier = app
            .new_supplier(owner, &supplier_in("Fornecedor Caixa", 5))
            .await
            .id;
        let order = purchase(&app, owner, supplier, variant, shop.location_id(), 10, 10).await;
        let entered: BillOut = app
            .post("/api/v1/finance/bills")
            .as_(owner)
            .json(&bill(&order, "NF 77", 10, "21.30", 14))
            .returns(201)
            .await;

        let flow: CashFlowOut = app
            .get("/api/v1/finance/cash-flow")
            .as_(owner)
            .returns(200)
            .await;
        assert_eq!(
            flow.balance,
            money("-50.00"),
            "-250.00 entered, 200.00 received since"
        );
        assert_eq!(flow.weeks.len(), 17);
        let kinds: Vec<CashWeekKind> = flow.weeks.iter().map(|w| w.kind).collect();
        assert_eq!(kinds[3], CashWeekKind::Actual);
        assert_eq!(kinds[4], CashWeekKind::Projected);
        let this_week = &flow.weeks[4];
        assert_eq!(this_week.starts_on.weekday(), chrono::Weekday::Mon);
        assert!(this_week.starts_on <= today && today <= this_week.ends_on);
        let week_of = |day: chrono::NaiveDate| {
            flow.weeks.iter().find(|w| {
                w.kind == CashWeekKind::Projected && w.starts_on <= day && day <= w.ends_on
            })
        };
        let inflow = week_of(instalment.due_on).map(|w| w.inflows);
        assert_eq!(inflow, Some(instalment.amount));
        let outflow = week_of(entered.due_on).map(|w| w.outflows);
        assert_eq!(outflow, Some(money("213.00")));
        let last = flow
            .weeks
            .last()
            .map(|w| w.closing_balance)
            .unwrap_or_default();
        assert_eq!(last, money("-50.00") + instalment.amount - money("213.00"));
        let projected: Decimal = flow.weeks[4..].iter().map(|w| w.net).sum();
        assert_eq!(projected, instalment.amount - money("213.00"));

        let csv =
            crate::harness::fixtures::download(&app, owner, "/api/v1/finance/cash-flow/export")
                .await;
        assert_eq!(csv.lines().count(), 18, "{csv}");
        assert!(csv.starts_with("starts_on,ends_on,kind,currency,"), "{csv}");
    }
);
