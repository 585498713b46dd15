//! The rules around dunning: a customer exempt from it is neither reminded nor blocked; a
//! write-off of what was overdue lifts the block it caused; a refund reopens what a payment
//! had settled; due dates move to working days when the store says so; a policy whose steps
//! come out of order is refused.

use chrono::{Datelike, Days, Duration, TimeZone, Utc, Weekday};
use openapi::finance::{CustomerCreditOut, InstalmentOut, InstalmentStatus};
use openapi::tenancy::Locale;
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::fixtures::{buyer, customer_in, line, money};
use crate::harness::shop::{Shop, open_shop};

/// A customer on `terms` (exempt from dunning or not) with an order of one 100.00 unit; its
/// first instalment.
async fn owing(
    app: &TestApp,
    shop: &Shop,
    name: &str,
    variant: Uuid,
    terms: Value,
    exempt: bool,
) -> (Uuid, InstalmentOut) {
    let customer = app
        .new_customer(&shop.owner, &customer_in(name, Locale::PtBr))
        .await;
    app.call(
        Method::PUT,
        &format!("/api/v1/finance/customers/{}/credit", customer.id),
    )
    .as_(&shop.owner)
    .json(&json!({ "payment_terms": terms, "dunning_exempt": exempt }))
    .send()
    .await
    .expect(200);
    let order = shop.order_in(buyer(customer.id), vec![line(variant, 1)]);
    let order = shop.place_ok(app, name, &order).await;
    let path = format!("/api/v1/finance/receivables?order_id={}", order.id);
    (customer.id, app.first_when_made(&shop.owner, &path).await)
}

async fn credit(app: &TestApp, shop: &Shop, customer: Uuid) -> CustomerCreditOut {
    let path = format!("/api/v1/finance/customers/{customer}/credit");
    app.get(&path).as_(&shop.owner).returns(200).await
}

db_test!(
    an_exempt_customer_is_never_dunned_and_a_write_off_lifts_the_block,
    |app| {
        let shop = open_shop(&app, "Loja Regras").await;
        let crate_ = shop.variant(&app, "CX-R", "100.00", 10).await;
        let (exempt, spared) =
            owing(&app, &shop, "Cliente Isento", crate_, json!([30]), true).await;
        let (dunned, late) =
            owing(&app, &shop, "Cliente Cobrado", crate_, json!([30]), false).await;
        assert_eq!(spared.due_on, late.due_on);
        // Past the grace period (ten days) at noon in São Paulo.
        let day = late.due_on + Days::new(11);
        let noon = Utc.from_utc_datetime(&day.and_hms_opt(15, 0, 0).unwrap_or_default());
        api::finance::service::dunning::sweep(app.db(), noon)
            .await
            .unwrap();
        let blocked = credit(&app, &shop, dunned).await.blocked;
        assert!(
            blocked.is_some_and(|b| b.automatic),
            "the other customer is blocked"
        );
        assert!(
            credit(&app, &shop, exempt).await.blocked.is_none(),
            "the exempt one is not"
        );
        // The blocked one's account is told; nothing goes to the exempt one.
        app.emails_of(&shop.owner, dunned, "staff_customer_blocked", 1)
            .await;
        let path = format!("/api/v1/emails?reference_id={}", spared.order_id);
        let sent: openapi::Page<Value> = app.get(&path).as_(&shop.owner).returns(200).await;
        let dunning = sent
            .items
            .iter()
            .filter(|e| e["kind"].as_str().is_some_and(|k| k.starts_with("dunning")));
        assert_eq!(dunning.count(), 0);

        // Writing off what was overdue ends the block.
        app.post(&format!(
            "/api/v1/finance/receivables/{}/write-off",
            late.id
        ))
        .as_(&shop.owner)
        .json(&json!({ "reason": "Acordo com o cliente" }))
        .send()
        .await
        .expect(200);
        assert!(credit(&app, &shop, dunned).await.blocked.is_none());
    }
);

db_test!(a_refund_reopens_what_a_payment_settled, |app| {
    let shop = open_shop(&app, "Loja Estorno").await;
    let crate_ = shop.variant(&app, "CX-E", "100.00", 10).await;
    let (_, instalment) = owing(&app, &shop, "Cliente Estorno", crate_, json!([30]), false).await;
    let order = instalment.order_id;
    shop.pay(&app, order, "100.00", "pix-estorno")
        .await
        .expect(201);
    let path = format!("/api/v1/finance/receivables?order_id={order}&status=paid");
    let paid: InstalmentOut = app.first_when_made(&shop.owner, &path).await;
    assert_eq!(paid.outstanding, money("0"));
    app.post(&format!("/api/v1/orders/{order}/refunds"))
        .as_(&shop.owner)
        .json(&json!({ "amount": "40.00", "reason": "Devolução parcial do valor" }))
        .send()
        .await
        .expect(201);
    let path = format!("/api/v1/finance/receivables?order_id={order}&status=partially_paid");
    let reopened: InstalmentOut = app.first_when_made(&shop.owner, &path).await;
    assert_eq!(reopened.status, InstalmentStatus::PartiallyPaid);
    assert_eq!(reopened.outstanding, money("40.00"));
});

db_test!(
    due_dates_move_to_working_days_and_steps_out_of_order_are_refused,
    |app| {
        let shop = open_shop(&app, "Loja Dias Uteis").await;
        let settings = |dunning: Value| json!({ "due_on_working_days": true, "dunning": dunning });
        let policy = |notice: u16, warning: u16| {
            json!({
                "enabled": true, "reminder_days_before": 3, "notice_days_after": notice,
                "warning_days_after": warning, "grace_days": 10, "auto_block": true, "finance_emails": [],
            })
        };
        app.call(Method::PUT, "/api/v1/finance/settings")
            .as_(&shop.owner)
            .json(&settings(policy(6, 5)))
            .send()
            .await
            .problem(422, "request/validation");
        app.call(Method::PUT, "/api/v1/finance/settings")
            .as_(&shop.owner)
            .json(&settings(policy(1, 5)))
            .send()
            .await
            .expect(200);
        // Terms that end on a Saturday, counted from today in São Paulo.
        let today = (Utc::now() - Duration::hours(3)).date_naive();
        let to_saturday = (5 + 7 - today.weekday().num_days_from_monday()) % 7;
        let days = if to_saturday == 0 { 7 } else { to_saturday } + 28;
        let saturday = today + Days::new(u64::from(days));
        assert_eq!(saturday.weekday(), Weekday::Sat);
        let crate_ = shop.variant(&app, "CX-U", "100.00", 10).await;
        let (_, instalment) =
            owing(&app, &shop, "Cliente Uteis", crate_, json!([days]), false).await;
        let due = instalment.due_on;
        assert!(due > saturday && due <= saturday + Days::new(4), "{due}");
        assert!(
            !matches!(due.weekday(), Weekday::Sat | Weekday::Sun),
            "{due}"
        );
    }
);
