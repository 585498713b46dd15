//! Support: the store's help desk. Tickets (a customer's request, its thread of messages in
//! and out and the team's notes), opened by an agent or by an email a customer sent; answers
//! emailed in the customer's language, threaded under their message, from the store's support
//! address, whose `+<token>` form brings their reply back to the ticket.

pub mod demo;
pub mod error;
pub mod handlers;
pub mod sample;
pub mod service;
#[cfg(test)]
mod wire;

use utoipa::OpenApi;

use crate::access::permission::{Grant, Permission};
use crate::module::{Link, Module};
use crate::routes::{Access, Routes};

pub const MODULE: Module = Module {
    conflict: |operation_id| {
        (operation_id == "support.ticket_message.create")
            .then(|| error::SupportError::Closed.into())
    },
    links: LINKS,
    permissions: PERMISSIONS,
    #[cfg(test)]
    wire_types: wire::types,
    ..Module::new("support", routes, support_doc)
};

/// Agents are staff; the desk's settings are a manager's; handing in emails is an
/// inbound-mail service's key's.
const PERMISSIONS: &[Grant] = {
    use Permission::*;
    use openapi::tenancy::Role::*;
    &[
        (SupportRead, true, &[Owner, Admin, Manager, Staff, Viewer]),
        (SupportAnswer, true, &[Owner, Admin, Manager, Staff]),
        (SupportManage, true, &[Owner, Admin, Manager]),
        (SupportInbound, true, &[Owner, Admin]),
    ]
};

const LINKS: &[Link] = &[
    Link::new(
        "support.ticket.create",
        &[
            "support.ticket.get",
            "support.ticket.update",
            "support.ticket_message.list",
            "support.ticket_message.create",
            "support.ticket.reply_preview",
        ],
    )
    .at("/id"),
    Link::new(
        "support.canned_reply.create",
        &[
            "support.canned_reply.get",
            "support.canned_reply.update",
            "support.canned_reply.delete",
        ],
    )
    .at("/id"),
];

fn routes(routes: &mut Routes) {
    use Access::Needs;
    use Permission::*;
    use handlers::{canned, inbound, message, settings, ticket};
    routes
        .post(
            "/support/tickets",
            Needs(SupportAnswer),
            ticket::create_ticket,
        )
        .get("/support/tickets", Needs(SupportRead), ticket::list_tickets)
        .get(
            "/support/tickets/{id}",
            Needs(SupportRead),
            ticket::get_ticket,
        )
        .patch(
            "/support/tickets/{id}",
            Needs(SupportAnswer),
            ticket::update_ticket,
        )
        .get(
            "/support/tickets/{id}/messages",
            Needs(SupportRead),
            message::list_messages,
        )
        .post(
            "/support/tickets/{id}/messages",
            Needs(SupportAnswer),
            message::add_message,
        )
        .post(
            "/support/inbound-email",
            Needs(SupportInbound),
            inbound::receive_email,
        )
        .post(
            "/support/tickets/{id}/reply-preview",
            Needs(SupportRead),
            canned::preview_reply,
        )
        .get(
            "/support/settings",
            Needs(SupportRead),
            settings::get_settings,
        )
        .put(
            "/support/settings",
            Needs(SupportManage),
            settings::put_settings,
        )
        .post(
            "/support/canned-replies",
            Needs(SupportManage),
            canned::create_reply,
        )
        .get(
            "/support/canned-replies",
            Needs(SupportRead),
            canned::list_replies,
        )
        .get(
            "/support/canned-replies/{id}",
            Needs(SupportRead),
            canned::get_reply,
        )
        .patch(
            "/support/canned-replies/{id}",
            Needs(SupportManage),
            canned::update_reply,
        )
        .delete(
            "/support/canned-replies/{id}",
            Needs(SupportManage),
            canned::delete_reply,
        );
}

fn support_doc() -> utoipa::openapi::OpenApi {
    <Doc as OpenApi>::openapi()
}

#[derive(OpenApi)]
#[openapi(
    paths(
        handlers::ticket::create_ticket,
        handlers::ticket::list_tickets,
        handlers::ticket::get_ticket,
        handlers::ticket::update_ticket,
        handlers::message::list_messages,
        handlers::message::add_message,
        handlers::inbound::receive_email,
        handlers::settings::get_settings,
        handlers::settings::put_settings,
        handlers::canned::create_reply,
        handlers::canned::list_replies,
        handlers::canned::get_reply,
        handlers::canned::update_reply,
        handlers::canned::delete_reply,
        handlers::canned::preview_reply,
    ),
    tags((name = "support", description = "The help desk. Tickets: a customer's request with its thread (their messages, the store's answers, the team's notes), a status (new, open, waiting on the customer or a third party, solved, closed), a priority, tags, an assignee and a team, linked to one of the customer's orders. An email a customer sends (handed in by an inbound-mail service as `message/rfc822`) lands on the ticket it answers or opens one, for the customer found by its address or made; a repeat or an auto-reply makes nothing. Answers are emailed in the customer's language, threaded, from the store's support address. Canned replies: ready answers per language, templates over the ticket, its customer and order, filled in for a ticket to edit and send"))
)]
struct Doc;
