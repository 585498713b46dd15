//! Text is written in the reader's language when it is read: timeline entries and findings
//! follow the store's language of today (not the one they were written in) and
//! `Accept-Language` before it; problem details follow `Accept-Language`; sentences stored
//! before keys are migrated into keys.

use openapi::orders::{
    Finding, OrderCustomerIn, OrderOut, OrderStatus, PaymentIn, PaymentMethod, RefundIn,
    TimelineEntryOut, TransitionIn,
};
use openapi::tenancy::{Locale, TenantPatch};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::fixtures::{bare_customer, line, money};
use crate::orders::{Shop, open_shop};

fn finding(check: &str, message: &str) -> Finding {
    Finding {
        check: check.into(),
        message: message.into(),
    }
}

/// An order of a customer without CPF or email (held on two findings), released by staff
/// with a reason, paid and partly refunded: every kind of timeline entry. Its id.
async fn held_paid_and_refunded(app: &TestApp, shop: &Shop) -> Uuid {
    let shirt = shop.variant(app, "CAM-1", "30.00", 5).await;
    let hugo = OrderCustomerIn {
        id: None,
        new: Some(bare_customer("Hugo")),
    };
    let placed = shop
        .place_ok(app, "held", &shop.order_in(hugo, vec![line(shirt, 1)]))
        .await;
    assert_eq!(placed.status, OrderStatus::OnHold);
    let order = placed.id;
    app.post(&format!("/api/v1/orders/{order}/transitions"))
        .as_(&shop.owner)
        .json(&TransitionIn {
            to: OrderStatus::PendingPayment,
            reason: Some("Conferido por telefone".into()),
        })
        .send()
        .await
        .expect(200);
    shop.pay(app, order, "30.00", "p1").await.expect(201);
    app.post(&format!("/api/v1/orders/{order}/refunds"))
        .as_(&shop.owner)
        .header("Idempotency-Key", "r1")
        .json(&RefundIn {
            amount: money("10.00"),
            reason: None,
        })
        .send()
        .await
        .expect(201);
    order
}

async fn timeline(app: &TestApp, shop: &Shop, order: Uuid, language: Option<&str>) -> Vec<String> {
    let mut call = app
        .get(&format!("/api/v1/orders/{order}/timeline"))
        .as_(&shop.owner);
    if let Some(language) = language {
        call = call.header("Accept-Language", language);
    }
    let entries: Vec<TimelineEntryOut> = call.returns(200).await;
    // Logistics adds its step (the fulfilment opened) when the outbox hands it the payment,
    // at its own pace: the entries here are the order's own.
    entries
        .into_iter()
        .filter(|entry| entry.kind != "fulfilment")
        .map(|entry| entry.message)
        .collect()
}

async fn findings(app: &TestApp, shop: &Shop, order: Uuid, language: &str) -> Vec<Finding> {
    let read: OrderOut = app
        .get(&format!("/api/v1/orders/{order}"))
        .as_(&shop.owner)
        .header("Accept-Language", language)
        .returns(200)
        .await;
    read.findings
}

async fn switch_store_to(app: &TestApp, shop: &Shop, locale: Locale) {
    let read = app
        .get("/api/v1/tenant")
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    app.patch("/api/v1/tenant")
        .as_(&shop.owner)
        .header("if-match", read.header("etag").unwrap())
        .json(&TenantPatch {
            locale: Some(locale),
            ..Default::default()
        })
        .send()
        .await
        .expect(200);
}

const SPANISH: [&str; 6] = [
    "Pedido recibido: R$ 30,00.",
    "El cliente no tiene CPF/CNPJ. El cliente no tiene correo: no se puede enviar la \
     confirmación.",
    "De en revisión a pendiente de pago. Conferido por telefone",
    "Pago de R$ 30,00 (pix).",
    "De pendiente de pago a pagado.",
    "Reembolso de R$ 10,00.",
];

db_test!(
    timeline_entries_read_in_the_stores_language_of_today_or_the_readers,
    |app| {
        let shop = open_shop(&app, "Iara").await;
        let order = held_paid_and_refunded(&app, &shop).await;
        assert_eq!(
            timeline(&app, &shop, order, None).await,
            [
                "Pedido recebido: R$ 30,00.",
                "O cliente não tem CPF/CNPJ. O cliente não tem e-mail: a confirmação não pode \
                 ser enviada.",
                "De em análise para aguardando pagamento. Conferido por telefone",
                "Pagamento de R$ 30,00 (pix).",
                "De aguardando pagamento para pago.",
                "Reembolso de R$ 10,00.",
            ]
        );
        switch_store_to(&app, &shop, Locale::Es).await;
        assert_eq!(timeline(&app, &shop, order, None).await, SPANISH);
        assert_eq!(
            timeline(&app, &shop, order, Some("en-GB,en;q=0.9,pt;q=0.5")).await,
            [
                "Order placed: R$ 30.00.",
                "The customer has no CPF/CNPJ. The customer has no email address: no \
                 confirmation can be sent.",
                "From on hold to pending payment. Conferido por telefone",
                "Payment of R$ 30.00 (pix).",
                "From pending payment to paid.",
                "Refund of R$ 10.00.",
            ]
        );
        assert_eq!(
            findings(&app, &shop, order, "en").await,
            [
                finding("tax_id", "The customer has no CPF/CNPJ."),
                finding(
                    "email",
                    "The customer has no email address: no confirmation can be sent."
                ),
            ]
        );
    }
);

db_test!(a_problems_detail_and_title_follow_accept_language, |app| {
    let login = |language: Option<&'static str>| {
        // No email: what the request type cannot leave out.
        let mut call = app
            .post("/api/v1/auth/login")
            .json(&json!({ "password": "whatever" }));
        if let Some(language) = language {
            call = call.header("Accept-Language", language);
        }
        async move { call.send().await.problem(422, "request/validation") }
    };
    let english = login(None).await.problem_doc();
    assert_eq!(english.title, "Validation failed");
    assert_eq!(english.detail.as_deref(), Some("`email` is required"));
    let portuguese = login(Some("pt-BR")).await.problem_doc();
    assert_eq!(portuguese.title, "Dados inválidos");
    assert_eq!(portuguese.detail.as_deref(), Some("`email` é obrigatório"));
    assert_eq!(portuguese.errors[0].message, "é obrigatório");
    let spanish = login(Some("es-AR")).await.problem_doc();
    assert_eq!(spanish.detail.as_deref(), Some("`email` es obligatorio"));
    assert_eq!(spanish.type_, english.type_);

    // A conflict of orders, in the reader's words; its type and status stay.
    let shop = open_shop(&app, "Otto").await;
    let refused = app
        .post("/api/v1/orders/0195f2a0-0000-7000-8000-000000000000/payments")
        .as_(&shop.owner)
        .header("Accept-Language", "es")
        .json(&PaymentIn {
            method: PaymentMethod::Pix,
            amount: money("1.00"),
            reference: None,
            paid_at: None,
        })
        .send()
        .await
        .problem(404, "not-found")
        .problem_doc();
    assert_eq!(refused.detail.as_deref(), Some("no hay pedido con este id"));
    assert_eq!(refused.title, "No encontrado");
});

/// What the server wrote before it stored keys, in the store's language of the day (pt-BR).
const OLD_SENTENCES: [&str; 6] = [
    "Pedido recebido: R$ 30,00.",
    "O cliente não tem CPF/CNPJ. O cliente não tem e-mail: a confirmação não pode ser enviada.",
    "De em análise para aguardando pagamento. Conferido por telefone",
    "Pagamento de R$ 30,00 (pix).",
    "De aguardando pagamento para pago.",
    // Not a sentence the server wrote for a refund: kept as it is.
    "Reembolso combinado por telefone",
];

/// Puts back the rows as the server wrote them before keys.
async fn write_old_sentences(app: &TestApp, order: Uuid) {
    use entity::{order as orders, order_event};
    use sea_orm::sea_query::Expr;
    // Logistics' step (the fulfilment opened) arrives at the outbox's pace, already a key.
    let events = order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(order))
        .filter(order_event::Column::Kind.ne("fulfilment"))
        .order_by_asc(order_event::Column::Id)
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(events.len(), OLD_SENTENCES.len());
    for (event, sentence) in events.iter().zip(OLD_SENTENCES) {
        order_event::Entity::update_many()
            .col_expr(order_event::Column::Message, Expr::value(sentence))
            .filter(order_event::Column::Id.eq(event.id))
            .exec(app.db())
            .await
            .unwrap();
    }
    let findings = json!([
        { "check": "tax_id", "message": "O cliente não tem CPF/CNPJ." },
        { "check": "email", "message": "O cliente não tem e-mail: a confirmação não pode ser enviada." },
    ]);
    orders::Entity::update_many()
        .col_expr(orders::Column::Findings, Expr::value(findings))
        .filter(orders::Column::Id.eq(order))
        .exec(app.db())
        .await
        .unwrap();
}

async fn convert(app: &TestApp) -> usize {
    // A writing transaction as the server's are (on SQLite it takes its turn among the
    // writers, the outbox worker's too, and holds the write lock from its start).
    let txn = api::db::begin(app.db(), api::db::Access::Write)
        .await
        .unwrap();
    let converted = migration::convert_stored_sentences(&txn).await.unwrap();
    txn.commit().await.unwrap();
    converted
}

db_test!(sentences_stored_before_keys_are_migrated_into_keys, |app| {
    let shop = open_shop(&app, "Jonas").await;
    let order = held_paid_and_refunded(&app, &shop).await;
    write_old_sentences(&app, order).await;
    // Six entries and the order's findings.
    assert_eq!(convert(&app).await, 7);
    assert_eq!(convert(&app).await, 0, "converted rows are left alone");

    let stored = entity::order_event::Entity::find()
        .filter(entity::order_event::Column::Kind.eq("payment"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&stored.message).unwrap(),
        json!({
            "key": "order.payment",
            "amount": { "money": "30.00", "currency": "BRL" },
            "method": "pix",
        })
    );
    switch_store_to(&app, &shop, Locale::Es).await;
    let mut expected = SPANISH.map(str::to_owned);
    expected[5] = "Reembolso combinado por telefone".to_owned();
    assert_eq!(timeline(&app, &shop, order, None).await, expected);
    assert_eq!(
        findings(&app, &shop, order, "es").await[1],
        finding(
            "email",
            "El cliente no tiene correo: no se puede enviar la confirmación."
        )
    );
});
