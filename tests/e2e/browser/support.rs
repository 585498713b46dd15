//! The help desk in the browser, on a phone: the demo's tickets in the inbox, one found by
//! its subject, a canned reply filled in for it, one answered with its state set, the answer on its thread.

use openapi::Page;
use openapi::support::{TicketMessageKind, TicketMessageOut, TicketOut, TicketStatus};

use super::{demo_app, demo_owner, sign_in};
use crate::harness::Backend;
use crate::harness::browser::Browser;

async fn a_ticket_is_answered(backend: Backend) {
    let app = demo_app(backend).await;
    let owner = demo_owner(&app).await;
    let new: Page<TicketOut> = app
        .get("/api/v1/support/tickets?status=new&limit=1")
        .as_(&owner)
        .returns(200)
        .await;
    let ticket = new.items[0].clone();
    let browser = Browser::open(&app.address, 390, 844).await;
    sign_in(&browser).await;
    browser.go("/support").await;
    browser.see("Chamados").await;
    browser.find("[data-testid=ticket]").await;
    browser.fill("input[name=q]", &ticket.subject).await;
    browser.see(&ticket.subject).await;

    browser.click("[data-testid=open-ticket]").await;
    browser.find("[data-testid=ticket-message]").await;
    // A canned reply in the customer's language fills in the message with their name.
    browser
        .find("select[name=canned-reply]")
        .await
        .select_by_index(1)
        .await
        .unwrap();
    let first_name = ticket.customer_name.split(' ').next().unwrap().to_owned();
    let mut filled = String::new();
    for _ in 0..50 {
        let area = browser.find("textarea[name=body]").await;
        filled = area.prop("value").await.unwrap().unwrap_or_default();
        if filled.contains(&first_name) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(filled.contains(&first_name), "{filled}");
    browser
        .fill(
            "textarea[name=body]",
            "Olá! Já pedimos o rastreio à transportadora.",
        )
        .await;
    browser
        .find("select[name=status]")
        .await
        .select_by_value("waiting_on_customer")
        .await
        .unwrap();
    browser.click("[data-testid=send-answer]").await;
    browser.see("Já pedimos o rastreio").await;
    browser.see("Aguardando o cliente").await;

    let path = format!("/api/v1/support/tickets/{}", ticket.id);
    let after: TicketOut = app.get(&path).as_(&owner).returns(200).await;
    assert_eq!(after.status, TicketStatus::WaitingOnCustomer);
    let thread: Page<TicketMessageOut> = app
        .get(&format!("{path}/messages"))
        .as_(&owner)
        .returns(200)
        .await;
    let last = thread.items.last().unwrap();
    assert_eq!(last.kind, TicketMessageKind::Reply);
    assert!(last.email_id.is_some());
    browser.close().await;
    app.shutdown().await;
}

crate::db_test!(a_ticket_is_answered_on_a_phone, runs(a_ticket_is_answered));
