//! Dunning with the clock moved forward: the reminder, notice and warning go once each in the
//! customer's language; at the end of grace the customer is blocked, their account owner is
//! told why, and a new order is held; a payment notification for what is overdue unblocks
//! them and releases the order, and sending it again changes nothing.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use openapi::finance::{CustomerCreditOut, InstalmentOut, InstalmentStatus};
use openapi::orders::OrderStatus;
use openapi::tenancy::Locale;
use reqwest::Method;
use serde_json::{Value, json};

use super::invoice_of;
use crate::db_test;
use crate::harness::fixtures::{buyer, customer_in, line};
use crate::harness::shop::open_shop;

/// Noon in São Paulo, `days` from `due` (before it when negative).
fn at(due: NaiveDate, days: i64) -> DateTime<Utc> {
    let day = if days < 0 {
        due.checked_sub_days(Days::new(days.unsigned_abs()))
    } else {
        due.checked_add_days(Days::new(days.unsigned_abs()))
    };
    let day = day.expect("a day in range");
    Utc.from_utc_datetime(&day.and_hms_opt(15, 0, 0).expect("a time"))
}

db_test!(
    dunning_reminds_warns_and_blocks_once_and_a_payment_unblocks,
    |app| {
        let shop = open_shop(&app, "Loja Cobranca").await;
        let me: Value = app.get("/api/v1/me").as_(&shop.owner).returns(200).await;
        let owner_id = me["user"]["id"].clone();
        let owner_email = me["user"]["email"].as_str().unwrap_or_default().to_owned();
        let crate_ = shop.variant(&app, "CX-9", "100.00", 20).await;
        let customer = app
            .new_customer(&shop.owner, &customer_in("Comercial Andes", Locale::Es))
            .await;
        let credit_path = format!("/api/v1/finance/customers/{}/credit", customer.id);
        app.call(Method::PUT, &credit_path)
            .as_(&shop.owner)
            .json(&json!({ "payment_terms": [30], "account_owner_id": owner_id }))
            .send()
            .await
            .expect(200);
        let order = shop.order_in(buyer(customer.id), vec![line(crate_, 1)]);
        let order = shop.place_ok(&app, "d1", &order).await;
        invoice_of(&app, &shop, order.id).await;
        let receivables = format!("/api/v1/finance/receivables?order_id={}", order.id);
        let instalment: InstalmentOut = app.first_when_made(&shop.owner, &receivables).await;
        let due = instalment.due_on;
        let sweep = |days| api::finance::service::dunning::sweep(app.db(), at(due, days));

        // Each step on its day, once however often the sweep runs.
        assert_eq!(sweep(-4).await.unwrap(), 0);
        assert_eq!(sweep(-3).await.unwrap(), 1, "the reminder");
        assert_eq!(sweep(-3).await.unwrap(), 0, "sent already");
        assert_eq!(sweep(1).await.unwrap(), 2, "overdue, and the notice");
        assert_eq!(sweep(1).await.unwrap(), 0);
        assert_eq!(sweep(5).await.unwrap(), 1, "the warning");
        assert_eq!(sweep(9).await.unwrap(), 0);
        let reminder = app
            .emails_of(&shop.owner, order.id, "dunning_reminder", 1)
            .await;
        let notice = app
            .emails_of(&shop.owner, order.id, "dunning_notice", 1)
            .await;
        let warning = app
            .emails_of(&shop.owner, order.id, "dunning_warning", 1)
            .await;
        assert_eq!((reminder.len(), notice.len(), warning.len()), (1, 1, 1));
        assert_eq!(reminder[0].locale, Locale::Es);
        let reference = format!("#{}", order.number);
        assert!(
            reminder[0]
                .subject
                .starts_with(&format!("La cuota 1/1 del pedido {reference}"))
        );
        let block_day = due + Days::new(10);
        assert!(
            warning[0]
                .subject
                .contains(&block_day.format("%d/%m/%Y").to_string())
        );
        assert!(
            warning[0].text.contains(&format!("{}-1", order.number)),
            "{}",
            warning[0].text
        );

        // The end of grace: blocked with why, the account owner told, new orders held.
        assert_eq!(sweep(10).await.unwrap(), 1, "the block");
        assert_eq!(sweep(11).await.unwrap(), 0, "blocked already");
        let credit: CustomerCreditOut = app.get(&credit_path).as_(&shop.owner).returns(200).await;
        let block = credit.blocked.expect("blocked");
        assert!(block.automatic);
        assert_eq!(
            block.reason,
            "1 parcela(s) vencida(s) há até 10 dias, R$ 100,00 no total"
        );
        let told = app
            .emails_of(&shop.owner, customer.id, "staff_customer_blocked", 1)
            .await;
        assert_eq!(told[0].to, owner_email);
        assert!(told[0].text.contains("R$ 100,00"), "{}", told[0].text);
        let next = shop.order_in(buyer(customer.id), vec![line(crate_, 2)]);
        let held = shop.place_ok(&app, "d2", &next).await;
        assert_eq!(held.status, OrderStatus::OnHold);
        assert_eq!(held.findings[0].check, "customer_blocked");

        // Paid: unblocked at once, the held order released; the same notice again is nothing.
        let notification = json!({ "reference": "pix-d1", "method": "pix", "amount": "100.00",
                                    "order_number": order.number });
        let paid = app
            .post("/api/v1/finance/payment-notifications")
            .as_(&shop.owner)
            .json(&notification)
            .send()
            .await
            .expect(200);
        assert_eq!(paid.body["status"], "settled", "{}", paid.body);
        let credit: CustomerCreditOut = app.get(&credit_path).as_(&shop.owner).returns(200).await;
        assert!(credit.blocked.is_none());
        assert_eq!(shop.read(&app, held.id).await.status, OrderStatus::Approved);
        app.emails_of(&shop.owner, customer.id, "staff_customer_unblocked", 1)
            .await;
        let again = app
            .post("/api/v1/finance/payment-notifications")
            .as_(&shop.owner)
            .json(&notification)
            .send()
            .await
            .expect(200);
        assert_eq!(again.body, paid.body);
        assert_eq!(shop.read(&app, order.id).await.paid, instalment.amount);
        let settled: InstalmentOut = app.first_when_made(&shop.owner, &receivables).await;
        assert_eq!(settled.status, InstalmentStatus::Paid);
    }
);
