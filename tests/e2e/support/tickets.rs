//! Tickets an agent opens and works: checked links, filters and search, notes that email
//! nobody, stale writes refused, a closed ticket not answered.

use openapi::Page;
use openapi::support::{
    AnswerKind, TicketChannel, TicketIn, TicketMessageIn, TicketMessageKind, TicketMessageOut,
    TicketOut, TicketPatch, TicketPriority, TicketStatus,
};
use uuid::Uuid;

use super::order_of;
use crate::db_test;
use crate::harness::shop::open_shop;

fn phone_ticket(customer_id: Uuid, subject: &str, body: &str) -> TicketIn {
    TicketIn {
        subject: subject.into(),
        customer_id,
        channel: TicketChannel::Phone,
        priority: Some(TicketPriority::High),
        body: body.into(),
        order_id: None,
        tags: vec!["troca".into()],
        assignee_id: None,
        team: Some("Pós-venda".into()),
    }
}

db_test!(an_agent_opens_finds_and_works_a_ticket, |app| {
    let shop = open_shop(&app, "Loja").await;
    let owner = &shop.owner;
    let ana = order_of(&app, &shop, "Ana Souza", "ana@example.com.br").await;
    let bia = order_of(&app, &shop, "Bia Lima", "bia@example.com.br").await;

    // Another customer's order, and someone who is no member, are named and refused.
    let mut input = phone_ticket(ana.customer_id, "Troca de tamanho", "Quer trocar P por M.");
    input.order_id = Some(bia.id);
    let refused = app
        .post("/api/v1/support/tickets")
        .as_(owner)
        .json(&input)
        .send()
        .await;
    let refused = refused.expect(422);
    assert_eq!(refused.body["type"], "support/not-customers-order");
    assert_eq!(refused.body["errors"][0]["field"], "order_id");
    input.order_id = Some(ana.id);
    input.assignee_id = Some(Uuid::now_v7());
    let refused = app
        .post("/api/v1/support/tickets")
        .as_(owner)
        .json(&input)
        .send()
        .await;
    assert_eq!(
        refused.expect(422).body["errors"][0]["field"],
        "assignee_id"
    );
    input.assignee_id = Some(owner.user_id);
    let ticket: TicketOut = app
        .post("/api/v1/support/tickets")
        .as_(owner)
        .json(&input)
        .returns(201)
        .await;
    assert_eq!((ticket.number, ticket.status), (1, TicketStatus::New));
    assert_eq!(ticket.customer_name, "Ana Souza");
    let other = phone_ticket(
        bia.customer_id,
        "Nota fiscal",
        "Pediu a segunda via da nota.",
    );
    app.post("/api/v1/support/tickets")
        .as_(owner)
        .json(&TicketIn {
            tags: Vec::new(),
            ..other
        })
        .returns::<TicketOut>(201)
        .await;

    // Filters and a search that ignores case and accents.
    let list = |query: &str| {
        let path = format!("/api/v1/support/tickets?{query}");
        let app = &app;
        async move {
            let page: Page<TicketOut> = app.get(&path).as_(owner).returns(200).await;
            page.items.iter().map(|t| t.number).collect::<Vec<_>>()
        }
    };
    assert_eq!(list("").await, [2, 1]);
    assert_eq!(list("tag=troca").await, [1]);
    assert_eq!(list("q=TAMANHO").await, [1]);
    assert_eq!(list("q=segunda%20via").await, [2]);
    assert_eq!(list(&format!("assignee_id={}", owner.user_id)).await, [1]);
    assert_eq!(list("unassigned=true").await, [2]);
    assert_eq!(list(&format!("customer_id={}", bia.customer_id)).await, [2]);
    assert_eq!(list("status=solved").await, Vec::<i64>::new());
    assert_eq!(list("priority=high").await, [2, 1]);
    assert_eq!(list("priority=low").await, Vec::<i64>::new());
    assert_eq!(list("team=P%C3%B3s-venda").await, [2, 1]);
    assert_eq!(list("team=Financeiro").await, Vec::<i64>::new());

    // Left to nobody, it is among the unassigned.
    let path = format!("/api/v1/support/tickets/{}", ticket.id);
    let unassign = TicketPatch {
        unassign: Some(true),
        ..Default::default()
    };
    let left: TicketOut = app
        .patch(&path)
        .as_(owner)
        .json(&unassign)
        .returns(200)
        .await;
    assert_eq!(left.assignee_id, None);
    assert_eq!(list("unassigned=true").await, [2, 1]);

    // A note emails nobody and moves nothing.
    let note = TicketMessageIn {
        kind: AnswerKind::Note,
        body: "Verificar estoque do M.".into(),
        attachments: Vec::new(),
        status: None,
    };
    let noted: TicketMessageOut = app
        .post(&format!("{path}/messages"))
        .as_(owner)
        .json(&note)
        .returns(201)
        .await;
    assert_eq!(
        (noted.kind, noted.email_id),
        (TicketMessageKind::Note, None)
    );
    let after: TicketOut = app.get(&path).as_(owner).returns(200).await;
    assert_eq!(
        (after.status, after.first_response_at),
        (TicketStatus::New, None)
    );

    // Changed at the version read; a stale version is 412.
    let solve = TicketPatch {
        status: Some(TicketStatus::Closed),
        ..Default::default()
    };
    app.patch(&path)
        .as_(owner)
        .header("If-Match", "\"1\"")
        .json(&solve)
        .send()
        .await
        .expect(412);
    let closed: TicketOut = app
        .patch(&path)
        .as_(owner)
        .header("If-Match", &format!("\"{}\"", after.version))
        .json(&solve)
        .returns(200)
        .await;
    assert_eq!(closed.status, TicketStatus::Closed);
    assert!(closed.solved_at.is_some());
    let answer = TicketMessageIn {
        kind: AnswerKind::Reply,
        ..note
    };
    let refused = app
        .post(&format!("{path}/messages"))
        .as_(owner)
        .json(&answer)
        .send()
        .await;
    assert_eq!(refused.expect(409).body["type"], "support/ticket-closed");
});
