//! Payables through the API: a bill of what was received at the ordered cost is open; one
//! billing more than was received, at another cost, is held with its differences until a
//! manager approves it; payments settle a bill and never pay more than it owes; the ageing
//! adds up what is owed by how long past due.

use chrono::{Duration, Utc};
use openapi::Page;
use openapi::finance::{BillMismatch, BillOut, BillStatus, PayablesAgeingOut};
use openapi::inventory::{PurchaseOrderIn, PurchaseOrderLineIn, PurchaseOrderOut};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::{Reply, Session};
use crate::harness::fixtures::{money, supplier_in};

/// A purchase order of `quantity` at 21.30, sent, and `received` of it received.
pub(super) async fn purchase(
    app: &TestApp,
    owner: &Session,
    supplier: Uuid,
    variant: Uuid,
    location: Uuid,
    quantity: i64,
    received: i64,
) -> PurchaseOrderOut {
    let order = PurchaseOrderIn {
        supplier_id: supplier,
        location_id: location,
        note: None,
        lines: vec![PurchaseOrderLineIn {
            variant_id: variant,
            quantity,
            unit_cost: Some(money("21.30")),
        }],
    };
    let created: PurchaseOrderOut = app
        .post("/api/v1/inventory/purchase-orders")
        .as_(owner)
        .json(&order)
        .returns(201)
        .await;
    let base = format!("/api/v1/inventory/purchase-orders/{}", created.id);
    app.post(&format!("{base}/send"))
        .as_(owner)
        .send()
        .await
        .expect(200);
    if received > 0 {
        let line = created.lines[0].id;
        app.post(&format!("{base}/receipts"))
            .as_(owner)
            .json(&json!({ "lines": [{ "line_id": line, "quantity": received }] }))
            .send()
            .await
            .expect(200);
    }
    app.get(&base).as_(owner).returns(200).await
}

pub(super) fn bill(
    order: &PurchaseOrderOut,
    number: &str,
    quantity: i64,
    cost: &str,
    due_in: i64,
) -> Value {
    let today = (Utc::now() - Duration::hours(3)).date_naive();
    json!({
        "purchase_order_id": order.id, "number": number,
        "issued_on": today - Duration::days(40), "due_on": today + Duration::days(due_in),
        "lines": [{ "purchase_order_line_id": order.lines[0].id, "quantity": quantity, "unit_cost": cost }],
    })
}

async fn enter(app: &TestApp, owner: &Session, body: &Value) -> Reply {
    app.post("/api/v1/finance/bills")
        .as_(owner)
        .json(body)
        .send()
        .await
}

async fn pay(app: &TestApp, owner: &Session, bill: Uuid, amount: &str) -> Reply {
    app.post(&format!("/api/v1/finance/bills/{bill}/payments"))
        .as_(owner)
        .json(&json!({ "amount": amount }))
        .send()
        .await
}

db_test!(
    a_bill_is_checked_three_ways_held_when_it_differs_and_paid_once,
    |app| {
        let owner = app.signup("Loja Contas a Pagar").await;
        let variant = app.new_variant(&owner, "Café", "CAFE-500").await.id;
        let location = app.new_location(&owner, "CD").await.id;
        let supplier = app
            .new_supplier(&owner, &supplier_in("Torrefação Serra", 5))
            .await
            .id;
        let order = purchase(&app, &owner, supplier, variant, location, 24, 20).await;
        let unreceived = purchase(&app, &owner, supplier, variant, location, 5, 0).await;

        // What cannot be a bill.
        enter(&app, &owner, &bill(&unreceived, "NF 1", 5, "21.30", 30))
            .await
            .problem(409, "finance/not-received");
        let mut early = bill(&order, "NF 1", 20, "21.30", 30);
        early["due_on"] = json!("2020-01-01");
        let refused = enter(&app, &owner, &early)
            .await
            .problem(422, "finance/due-before-issue");
        assert_eq!(refused.error_fields(), vec!["due_on"]);
        let mut foreign = bill(&order, "NF 1", 1, "21.30", 30);
        foreign["lines"][0]["purchase_order_line_id"] = json!(unreceived.lines[0].id);
        enter(&app, &owner, &foreign)
            .await
            .problem(422, "finance/unknown-order-line");

        // What was received, at the ordered cost: open, no difference.
        let agreed: BillOut = enter(&app, &owner, &bill(&order, "NF 1", 20, "21.30", 30))
            .await
            .expect(201)
            .parse();
        assert_eq!(agreed.status, BillStatus::Open);
        assert_eq!(agreed.total, money("426.00"));
        assert_eq!(agreed.difference, money("0.00"));
        assert!(agreed.lines[0].mismatches.is_empty());
        assert_eq!(
            (agreed.lines[0].ordered, agreed.lines[0].received),
            (24, 20)
        );
        enter(&app, &owner, &bill(&order, "NF 1", 1, "21.30", 30))
            .await
            .problem(409, "finance/bill-number-taken");

        // Four more at 22.00, nothing more received: held, naming how it differs.
        let differs: BillOut = enter(&app, &owner, &bill(&order, "NF 2", 4, "22.00", -5))
            .await
            .expect(201)
            .parse();
        assert_eq!(differs.status, BillStatus::Held);
        assert_eq!(differs.lines[0].billed_before, 20);
        assert_eq!(
            differs.lines[0].mismatches,
            vec![BillMismatch::OverReceived, BillMismatch::UnitCost]
        );
        assert_eq!(
            differs.difference,
            money("88.00"),
            "nothing of it was received"
        );
        pay(&app, &owner, differs.id, "10.00")
            .await
            .problem(409, "finance/bill-held");
        let approved: BillOut = app
            .post(&format!("/api/v1/finance/bills/{}/approve", differs.id))
            .as_(&owner)
            .header("If-Match", &format!("\"{}\"", differs.version))
            .json(&json!({ "note": "Reajuste combinado; o resto chega na semana que vem" }))
            .returns(200)
            .await;
        assert_eq!(
            approved.status,
            BillStatus::Overdue,
            "approved, and past its due date"
        );
        assert!(approved.approved_by.is_some());
        app.post(&format!("/api/v1/finance/bills/{}/approve", differs.id))
            .as_(&owner)
            .json(&json!({ "note": "de novo" }))
            .send()
            .await
            .problem(409, "finance/not-held");

        // Payments: in part, never more than owed, then the rest; a paid bill takes no more.
        let part: BillOut = pay(&app, &owner, agreed.id, "100.00")
            .await
            .expect(200)
            .parse();
        assert_eq!(
            (part.status, part.outstanding),
            (BillStatus::PartiallyPaid, money("326.00"))
        );
        let over = pay(&app, &owner, agreed.id, "326.01")
            .await
            .problem(422, "finance/over-paid");
        assert_eq!(over.error_fields(), vec!["amount"]);
        let paid: BillOut = pay(&app, &owner, agreed.id, "326.00")
            .await
            .expect(200)
            .parse();
        assert_eq!(paid.status, BillStatus::Paid);
        pay(&app, &owner, agreed.id, "1.00")
            .await
            .problem(409, "finance/nothing-outstanding");

        // What is owed by age: the approved bill, five days late.
        let ageing: PayablesAgeingOut = app
            .get("/api/v1/finance/payables/ageing")
            .as_(&owner)
            .returns(200)
            .await;
        assert_eq!(ageing.suppliers.len(), 1);
        assert_eq!(ageing.suppliers[0].supplier_name, "Torrefação Serra");
        assert_eq!(ageing.totals[0].buckets.days_1_30, money("88.00"));
        assert_eq!(ageing.totals[0].buckets.total, money("88.00"));
        let late: Page<BillOut> = app
            .get("/api/v1/finance/bills?status=overdue")
            .as_(&owner)
            .returns(200)
            .await;
        let ids: Vec<Uuid> = late.items.iter().map(|b| b.id).collect();
        assert_eq!(ids, vec![differs.id]);

        // Another supplier's bill; the list by supplier and by purchase order.
        let dairy = app
            .new_supplier(&owner, &supplier_in("Laticínios Serra", 3))
            .await
            .id;
        let dairy_order = purchase(&app, &owner, dairy, variant, location, 2, 2).await;
        let dairy_bill: BillOut = enter(&app, &owner, &bill(&dairy_order, "NF 9", 2, "21.30", 10))
            .await
            .expect(201)
            .parse();
        for (filter, expected) in [
            (
                format!("supplier_id={supplier}"),
                vec![agreed.id, differs.id],
            ),
            (format!("supplier_id={dairy}"), vec![dairy_bill.id]),
            (
                format!("purchase_order_id={}", order.id),
                vec![agreed.id, differs.id],
            ),
            (format!("purchase_order_id={}", unreceived.id), vec![]),
        ] {
            let page: Page<BillOut> = app
                .get(&format!("/api/v1/finance/bills?{filter}"))
                .as_(&owner)
                .returns(200)
                .await;
            let mut ids: Vec<Uuid> = page.items.iter().map(|b| b.id).collect();
            ids.sort();
            let mut expected = expected;
            expected.sort();
            assert_eq!(ids, expected, "{filter}");
        }
        let audit = app.audit_of(&owner, "supplier_bill", differs.id).await;
        assert!(
            audit.iter().any(|e| e.action == "bill.approve"),
            "{audit:?}"
        );
    }
);
