//! Bank reconciliation: a statement with a line naming its order (settled), an ambiguous one
//! and an unknown one (left for staff); the same statement again settles nothing twice; staff
//! match and classify what was left; a line that fits one instalment is proposed.

use openapi::Page;
use openapi::finance::{
    BankImportOut, BankLineOut, BankLineStatus, InstalmentOut, InstalmentStatus,
};
use openapi::orders::OrderOut;
use openapi::tenancy::Locale;
use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Reply;
use crate::harness::fixtures::{buyer, customer_in, line, money};
use crate::harness::shop::{Shop, open_shop};

/// An order on 30 days' terms of `units` at 50.00 for a new customer; its one instalment.
async fn on_terms(
    app: &TestApp,
    shop: &Shop,
    name: &str,
    variant: Uuid,
    units: i64,
) -> (OrderOut, InstalmentOut) {
    let customer = app
        .new_customer(&shop.owner, &customer_in(name, Locale::PtBr))
        .await;
    app.call(
        Method::PUT,
        &format!("/api/v1/finance/customers/{}/credit", customer.id),
    )
    .as_(&shop.owner)
    .json(&json!({ "payment_terms": [30] }))
    .send()
    .await
    .expect(200);
    let order = shop.order_in(buyer(customer.id), vec![line(variant, units)]);
    let order = shop.place_ok(app, name, &order).await;
    let path = format!("/api/v1/finance/receivables?order_id={}", order.id);
    let instalment = app.first_when_made(&shop.owner, &path).await;
    (order, instalment)
}

async fn import(app: &TestApp, shop: &Shop, csv: &str) -> Reply {
    app.post("/api/v1/finance/bank-statements")
        .as_(&shop.owner)
        .raw_body("text/csv", csv.to_owned())
        .send()
        .await
}

async fn lines(app: &TestApp, shop: &Shop, status: &str) -> Vec<BankLineOut> {
    let path = format!("/api/v1/finance/bank-lines?status={status}");
    let page: Page<BankLineOut> = app.get(&path).as_(&shop.owner).returns(200).await;
    page.items
}

async fn instalment(app: &TestApp, shop: &Shop, order: Uuid) -> InstalmentOut {
    let path = format!("/api/v1/finance/receivables?order_id={order}");
    app.first_when_made(&shop.owner, &path).await
}

db_test!(
    a_statement_settles_what_it_names_and_leaves_the_rest_for_staff,
    |app| {
        let shop = open_shop(&app, "Loja Extrato").await;
        let crate_ = shop.variant(&app, "CX-B", "50.00", 20).await;
        let (named, due) = on_terms(&app, &shop, "Atacado Um", crate_, 2).await;
        let (first_twin, _) = on_terms(&app, &shop, "Atacado Dois", crate_, 1).await;
        let (second_twin, _) = on_terms(&app, &shop, "Atacado Tres", crate_, 1).await;
        let day = due.due_on;
        let statement = format!(
            "date,amount,description,reference\n\
             {day},100.00,PIX RECEBIDO ATACADO UM,{}-1\n\
             {day},50.00,TED RECEBIDA,\n\
             {day},77.77,DEPOSITO EM DINHEIRO,\n",
            named.number
        );
        let first: BankImportOut = import(&app, &shop, &statement).await.expect(200).parse();
        assert_eq!(
            (
                first.lines,
                first.settled,
                first.proposed,
                first.unmatched,
                first.already_imported
            ),
            (3, 1, 0, 2, 0)
        );
        assert_eq!(
            instalment(&app, &shop, named.id).await.status,
            InstalmentStatus::Paid
        );
        let again: BankImportOut = import(&app, &shop, &statement).await.expect(200).parse();
        assert_eq!(
            (again.already_imported, again.settled, again.unmatched),
            (3, 0, 0)
        );
        assert_eq!(shop.read(&app, named.id).await.paid, money("100.00"));

        // The ambiguous line (two instalments of 50.00 due that day), matched by staff.
        let left = lines(&app, &shop, "unmatched").await;
        let ambiguous = left
            .iter()
            .find(|l| l.candidates == 2)
            .expect("the ambiguous line");
        let unknown = left
            .iter()
            .find(|l| l.candidates == 0)
            .expect("the unknown line");
        let matched: BankLineOut = app
            .post(&format!(
                "/api/v1/finance/bank-lines/{}/match",
                ambiguous.id
            ))
            .as_(&shop.owner)
            .json(&json!({ "order_id": first_twin.id }))
            .returns(200)
            .await;
        assert_eq!(
            (matched.status, matched.order_number),
            (BankLineStatus::Settled, Some(first_twin.number))
        );
        assert_eq!(
            instalment(&app, &shop, first_twin.id).await.status,
            InstalmentStatus::Paid
        );
        let classify = format!("/api/v1/finance/bank-lines/{}/classify", unknown.id);
        let income: BankLineOut = app
            .post(&classify)
            .as_(&shop.owner)
            .json(&json!({ "as": "other_income" }))
            .returns(200)
            .await;
        assert_eq!(income.status, BankLineStatus::OtherIncome);
        app.post(&classify)
            .as_(&shop.owner)
            .json(&json!({ "as": "fees" }))
            .send()
            .await
            .problem(409, "finance/bank-line-done");

        // Now one instalment of 50.00 is left that day: a line of that amount is proposed.
        let later = format!(
            "date,amount,description,reference\n{day},50.00,PIX RECEBIDO ATACADO TRES,\n{day},\"-4,90\",TARIFA PIX,\n"
        );
        let proposed: BankImportOut = import(&app, &shop, &later).await.expect(200).parse();
        assert_eq!((proposed.proposed, proposed.unmatched), (1, 1));
        let proposal = lines(&app, &shop, "proposed").await.remove(0);
        assert_eq!(proposal.order_id, Some(second_twin.id));
        assert_eq!(shop.read(&app, second_twin.id).await.paid, money("0.00"));
    }
);

db_test!(a_statement_with_a_bad_value_is_refused_whole, |app| {
    let shop = open_shop(&app, "Loja Extrato Ruim").await;
    let statement = "date,amount,description\n2026-12-04,10.00,OK\n31/02/2026,abc,RUIM\n";
    let refused = import(&app, &shop, statement)
        .await
        .problem(422, "import/bad-rows");
    let problem = refused.problem_doc();
    let fields: Vec<(u64, String)> = problem
        .row_errors
        .iter()
        .map(|r| (r.line, r.field.clone()))
        .collect();
    assert_eq!(
        fields,
        vec![(3, "date".to_owned()), (3, "amount".to_owned())]
    );
    assert!(
        lines(&app, &shop, "unmatched").await.is_empty(),
        "nothing kept"
    );
});
