//! Emails in: a Spanish email becomes a ticket of the right customer and order, the agent's
//! answer reaches a real SMTP server threaded under it, and the customer's replies come back
//! to the ticket; a repeat and an auto-reply make nothing.

use openapi::Page;
use openapi::mail::EmailOut;
use openapi::support::{
    AnswerKind, InboundOutcome, SupportSettingsIn, SupportSettingsOut, TicketChannel,
    TicketMessageIn, TicketMessageKind, TicketMessageOut, TicketOut, TicketStatus,
};
use openapi::tenancy::Locale;

use super::{ADDRESS, hand_in, inbound_key, order_of, set_address};
use crate::db_test;
use crate::harness::shop::open_shop;

fn spanish_email(order_number: i64) -> String {
    format!(
        "From: =?UTF-8?Q?Mar=C3=ADa_G=C3=B3mez?= <Maria@Example.es>\r\n\
To: {ADDRESS}\r\n\
Subject: =?ISO-8859-1?Q?Devoluci=F3n_del_pedido_{order_number}?=\r\n\
Message-ID: <primero@example.es>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b1\"\r\n\
\r\n\
--b1\r\n\
Content-Type: text/plain; charset=ISO-8859-1\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
La camiseta lleg=F3 rota. =BFC=F3mo la devuelvo?\r\n\
--b1\r\n\
Content-Type: image/jpeg; name=\"foto.jpg\"\r\n\
Content-Disposition: attachment; filename=\"foto.jpg\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
/9j/4AAQSkZJRgABAQ==\r\n\
--b1--\r\n"
    )
}

fn reply(message_id: &str, to: &str, in_reply_to: Option<&str>, text: &str) -> String {
    let thread = in_reply_to
        .map(|id| format!("In-Reply-To: {id}\r\nReferences: <primero@example.es> {id}\r\n"))
        .unwrap_or_default();
    format!(
        "From: maria@example.es\r\nTo: {to}\r\nSubject: Re: algo\r\nMessage-ID: {message_id}\r\n\
{thread}Content-Type: text/plain; charset=UTF-8\r\n\r\n{text}\r\n"
    )
}

db_test!(
    an_email_becomes_a_ticket_answered_threaded_and_replied_to,
    with_smtp,
    |app, smtp| {
        let shop = open_shop(&app, "Tienda").await;
        let owner = &shop.owner;
        set_address(&app, owner).await;
        // The settings change at the version read.
        let clear = SupportSettingsIn { address: None };
        app.call(reqwest::Method::PUT, "/api/v1/support/settings")
            .as_(owner)
            .header("If-Match", "\"0\"")
            .json(&clear)
            .send()
            .await
            .expect(412);
        let settings: SupportSettingsOut = app
            .get("/api/v1/support/settings")
            .as_(owner)
            .returns(200)
            .await;
        assert_eq!(
            (settings.address.as_deref(), settings.version),
            (Some(ADDRESS), 1)
        );
        let key = inbound_key(&app, owner).await;
        let order = order_of(&app, &shop, "María Gómez", "maria@example.es").await;

        let raw = spanish_email(order.number);
        let first = hand_in(&app, &key, &raw).await;
        assert_eq!(first.outcome, InboundOutcome::Created);
        let ticket_id = first.ticket_id.unwrap();
        let path = format!("/api/v1/support/tickets/{ticket_id}");
        let ticket: TicketOut = app.get(&path).as_(owner).returns(200).await;
        assert_eq!(
            ticket.subject,
            format!("Devolución del pedido {}", order.number)
        );
        assert_eq!(ticket.customer_id, order.customer_id);
        assert_eq!(ticket.order_id, Some(order.id));
        assert_eq!(ticket.order_number, Some(order.number));
        assert_eq!(ticket.channel, TicketChannel::Email);
        assert_eq!(ticket.status, TicketStatus::New);
        assert_eq!(ticket.locale, Locale::Es);

        // The same delivery again, and an auto-reply, make nothing.
        let again = hand_in(&app, &key, &raw).await;
        assert_eq!(again.outcome, InboundOutcome::Duplicate);
        assert_eq!(again.ticket_id, Some(ticket_id));
        let auto = "From: maria@example.es\r\nTo: soporte@tienda.example\r\n\
Subject: Fuera de la oficina\r\nAuto-Submitted: auto-replied\r\n\r\nVuelvo el lunes.\r\n";
        assert_eq!(
            hand_in(&app, &key, auto).await.outcome,
            InboundOutcome::Ignored
        );

        let answer = TicketMessageIn {
            kind: AnswerKind::Reply,
            body: "Hola, María: le enviamos la etiqueta de devolución.".into(),
            attachments: Vec::new(),
            status: Some(TicketStatus::WaitingOnCustomer),
        };
        let messages = format!("{path}/messages");
        let sent: TicketMessageOut = app
            .post(&messages)
            .as_(owner)
            .json(&answer)
            .returns(201)
            .await;
        assert_eq!(sent.kind, TicketMessageKind::Reply);

        let mail = app.mail_to("maria@example.es", 1).await;
        let email = mail[0].parsed();
        assert_eq!(
            email.subject(),
            Some(
                format!(
                    "Re: Devolución del pedido {} [#{}]",
                    order.number, ticket.number
                )
                .as_str()
            )
        );
        assert_eq!(email.in_reply_to().as_text(), Some("primero@example.es"));
        let from = email
            .from()
            .and_then(|a| a.first())
            .and_then(|a| a.address());
        assert_eq!(from, Some(ADDRESS));
        let reply_to = email
            .reply_to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .unwrap()
            .to_owned();
        assert!(
            reply_to.starts_with(&format!("soporte+t{}-", ticket.number)),
            "{reply_to}"
        );
        assert!(
            mail[0].text().contains("Para contestar"),
            "{}",
            mail[0].text()
        );
        let answer_id = format!("<{}>", mail[0].message_id());

        // The email log never shows the reply address's token.
        let log: Page<EmailOut> = app
            .get("/api/v1/emails?kind=support_reply")
            .as_(owner)
            .returns(200)
            .await;
        let logged = log.items[0].reply_to.clone().unwrap_or_default();
        assert!(
            logged.contains("[redacted]") && !logged.contains(&reply_to),
            "{logged}"
        );

        // Her answer to it, threaded by In-Reply-To, reopens the ticket; one to the reply
        // address alone lands there too.
        let back = reply(
            "<dos@example.es>",
            ADDRESS,
            Some(&answer_id),
            "Gracias, ya la imprimí.",
        );
        let added = hand_in(&app, &key, &back).await;
        assert_eq!(
            (added.outcome, added.ticket_id),
            (InboundOutcome::Added, Some(ticket_id))
        );
        let by_token = reply("<tres@example.es>", &reply_to, None, "¿Y el reembolso?");
        let added = hand_in(&app, &key, &by_token).await;
        assert_eq!(
            (added.outcome, added.ticket_id),
            (InboundOutcome::Added, Some(ticket_id))
        );

        let ticket: TicketOut = app.get(&path).as_(owner).returns(200).await;
        assert_eq!(ticket.status, TicketStatus::Open);
        assert!(ticket.first_response_at.is_some());
        let thread: Page<TicketMessageOut> = app.get(&messages).as_(owner).returns(200).await;
        let kinds: Vec<_> = thread.items.iter().map(|m| m.kind).collect();
        use TicketMessageKind::{Inbound, Reply};
        assert_eq!(kinds, [Inbound, Reply, Inbound, Inbound]);
        assert_eq!(thread.items[0].attachments[0].name, "foto.jpg");
        assert!(thread.items[0].body.contains("¿Cómo la devuelvo?"));

        // `[#N]` in the subject threads an answer from the ticket's customer only.
        let tagged = |id: &str, from: &str| {
            format!(
                "From: {from}\r\nTo: {ADDRESS}\r\nSubject: Re: hola [#{}]\r\n\
Message-ID: {id}\r\n\r\nOtra cosa\r\n",
                ticket.number
            )
        };
        let by_subject = hand_in(
            &app,
            &key,
            &tagged("<cuatro@example.es>", "maria@example.es"),
        )
        .await;
        assert_eq!(
            (by_subject.outcome, by_subject.ticket_id),
            (InboundOutcome::Added, Some(ticket_id))
        );
        let stranger = hand_in(&app, &key, &tagged("<cinco@example.es>", "otro@example.es")).await;
        assert_eq!(stranger.outcome, InboundOutcome::Created);
        assert_ne!(stranger.ticket_id, Some(ticket_id));

        // Once closed, her next answer opens a new ticket.
        let close = openapi::support::TicketPatch {
            status: Some(TicketStatus::Closed),
            ..Default::default()
        };
        app.patch(&path)
            .as_(owner)
            .json(&close)
            .returns::<TicketOut>(200)
            .await;
        let after = reply(
            "<seis@example.es>",
            &reply_to,
            Some(&answer_id),
            "¿Sigue ahí?",
        );
        let reopened = hand_in(&app, &key, &after).await;
        assert_eq!(reopened.outcome, InboundOutcome::Created);
        assert_ne!(reopened.ticket_id, Some(ticket_id));
    }
);

db_test!(emails_of_one_store_never_land_in_another, |app| {
    let a = open_shop(&app, "Alfa").await;
    let b = open_shop(&app, "Beta").await;
    let key_a = inbound_key(&app, &a.owner).await;
    let key_b = inbound_key(&app, &b.owner).await;
    let first = "From: cliente@example.com\r\nTo: a@alfa.example\r\nSubject: Ajuda\r\n\
Message-ID: <um@example.com>\r\n\r\nOlá\r\n";
    let ticket_a = hand_in(&app, &key_a, first).await.ticket_id.unwrap();
    // The same message handed to B is B's own, and a reply naming A's ticket by its
    // subject or thread opens a ticket in B, never adds to A's.
    assert_eq!(
        hand_in(&app, &key_b, first).await.outcome,
        InboundOutcome::Created
    );
    let answer = "From: cliente@example.com\r\nTo: b@beta.example\r\nSubject: Re: Ajuda [#1]\r\n\
Message-ID: <dois@example.com>\r\nIn-Reply-To: <um@example.com>\r\n\r\nE então?\r\n";
    let in_b = hand_in(&app, &key_b, answer).await;
    assert_ne!(in_b.ticket_id, Some(ticket_a));
    let thread: Page<TicketMessageOut> = app
        .get(&format!("/api/v1/support/tickets/{ticket_a}/messages"))
        .as_(&a.owner)
        .returns(200)
        .await;
    assert_eq!(thread.items.len(), 1);
    app.get(&format!("/api/v1/support/tickets/{ticket_a}"))
        .as_(&b.owner)
        .send()
        .await
        .expect(404);
    // What is not an email is refused, naming why; the wrong media type is 415.
    let refused = app
        .post("/api/v1/support/inbound-email")
        .token(&key_a)
        .raw_body("message/rfc822", "Subject: sin remitente\r\n\r\nx\r\n")
        .send()
        .await
        .expect(422);
    assert_eq!(refused.body["type"], "support/unreadable-email");
    app.post("/api/v1/support/inbound-email")
        .token(&key_a)
        .raw_body("text/plain", "hola")
        .send()
        .await
        .expect(415);
});
