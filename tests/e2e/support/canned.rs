//! Canned replies: kept per language when they render, filled in for a ticket with its
//! customer and order, refused when broken or named twice.

use openapi::Page;
use openapi::support::{
    CannedReplyIn, CannedReplyOut, CannedReplyPatch, ReplyPreviewIn, ReplyPreviewOut,
};
use openapi::tenancy::Locale;

use super::order_of;
use crate::db_test;
use crate::harness::shop::open_shop;

fn reply(name: &str, locale: Locale, body: &str) -> CannedReplyIn {
    CannedReplyIn {
        name: name.into(),
        locale,
        body: body.into(),
    }
}

db_test!(a_canned_reply_is_filled_in_for_a_ticket, |app| {
    let shop = open_shop(&app, "Loja").await;
    let owner = &shop.owner;
    let order = order_of(&app, &shop, "Ana Souza", "ana@example.com.br").await;
    let body = "Olá, {{ customer.name }}! O pedido {% if order %}#{{ order.number }}{% endif %} \
                    do chamado #{{ ticket.number }} sai amanhã. {{ agent }}, {{ store.name }}";
    let made: CannedReplyOut = app
        .post("/api/v1/support/canned-replies")
        .as_(owner)
        .json(&reply("Prazo", Locale::PtBr, body))
        .returns(201)
        .await;
    // The same name in another language is another reply; twice in one is refused.
    app.post("/api/v1/support/canned-replies")
        .as_(owner)
        .json(&reply("Prazo", Locale::Es, "Hola, {{ customer.name }}."))
        .returns::<CannedReplyOut>(201)
        .await;
    let twice = app
        .post("/api/v1/support/canned-replies")
        .as_(owner)
        .json(&reply("Prazo", Locale::PtBr, "Oi"))
        .send()
        .await;
    assert_eq!(
        twice.expect(409).body["type"],
        "support/canned-reply-exists"
    );
    // One that does not render is refused, naming its body, in the reader's language.
    let broken = app
        .post("/api/v1/support/canned-replies")
        .as_(owner)
        .header("Accept-Language", "pt-BR")
        .json(&reply("Quebrada", Locale::PtBr, "Olá {{ customer.name "))
        .send()
        .await
        .expect(422);
    assert_eq!(broken.body["type"], "support/bad-template");
    assert_eq!(broken.body["errors"][0]["field"], "body");
    assert!(
        broken.body["detail"]
            .as_str()
            .unwrap()
            .starts_with("a resposta não se monta")
    );
    let mine: Page<CannedReplyOut> = app
        .get("/api/v1/support/canned-replies?locale=pt-BR")
        .as_(owner)
        .returns(200)
        .await;
    assert_eq!(mine.items.len(), 1);

    let ticket = crate::modules::support::new_ticket(&app, &shop, "x").await;
    let id = ticket["id"].as_str().unwrap().to_owned();
    let patch = openapi::support::TicketPatch {
        order_id: Some(order.id),
        ..Default::default()
    };
    // The fixture's ticket is another customer's: linked to Ana's order, it is refused.
    app.patch(&format!("/api/v1/support/tickets/{id}"))
        .as_(owner)
        .json(&patch)
        .send()
        .await
        .expect(422);
    let answered = crate::support::hand_in(
        &app,
        &crate::support::inbound_key(&app, owner).await,
        &format!(
            "From: ana@example.com.br\r\nTo: s@loja.example\r\nSubject: Pedido {}\r\n\
Message-ID: <p@example.com.br>\r\n\r\nCadê?\r\n",
            order.number
        ),
    )
    .await;
    let path = format!(
        "/api/v1/support/tickets/{}/reply-preview",
        answered.ticket_id.unwrap()
    );
    let preview: ReplyPreviewOut = app
        .post(&path)
        .as_(owner)
        .json(&ReplyPreviewIn {
            canned_reply_id: made.id,
        })
        .returns(200)
        .await;
    assert_eq!(
        preview.body,
        format!(
            "Olá, Ana Souza! O pedido #{} do chamado #2 sai amanhã. Loja, Loja Loja",
            order.number
        )
    );

    // Changed at the version read.
    let path = format!("/api/v1/support/canned-replies/{}", made.id);
    let patch = CannedReplyPatch {
        name: Some("Prazo de entrega".into()),
        body: None,
    };
    app.patch(&path)
        .as_(owner)
        .header("If-Match", "\"9\"")
        .json(&patch)
        .send()
        .await
        .expect(412);
    let renamed: CannedReplyOut = app
        .patch(&path)
        .as_(owner)
        .header("If-Match", "\"1\"")
        .json(&patch)
        .returns(200)
        .await;
    assert_eq!(
        (renamed.name.as_str(), renamed.version),
        ("Prazo de entrega", 2)
    );
    app.delete(&path)
        .as_(owner)
        .header("If-Match", "\"2\"")
        .send()
        .await
        .expect(204);
    app.get(&path).as_(owner).send().await.expect(404);
});
