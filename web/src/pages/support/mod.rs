//! Support: the ticket inbox (filtered by state, the agent's own, a search) and a ticket's
//! page (its customer and order, its thread, an answer or a note, its state).

mod inbox;
mod ticket;

pub use inbox::Inbox;
pub use ticket::Ticket;

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::Route;
use leptos_router::path;
use openapi::auth::Permission;
use openapi::support::{TicketPriority, TicketStatus};

use crate::i18n::t;
use crate::pages::{Module, NavLink, group};

lazy_pages!(support:
    InboxPage => Inbox,
    TicketPage => Ticket,
);

pub const MODULE: Module = Module {
    nav: Some(NavLink {
        href: "/support",
        text: "nav-support",
        permission: Some(Permission::SupportRead),
    }),
    routes: || {
        group(
            view! {
                <Route path=path!("/support") view={Lazy::<InboxPage>::new()} />
                <Route path=path!("/support/tickets/:id") view={Lazy::<TicketPage>::new()} />
            }
            .into_inner(),
        )
    },
};

fn status_key(status: TicketStatus) -> &'static str {
    match status {
        TicketStatus::New => "ticket-status-new",
        TicketStatus::Open => "ticket-status-open",
        TicketStatus::WaitingOnCustomer => "ticket-status-waiting-on-customer",
        TicketStatus::WaitingOnThirdParty => "ticket-status-waiting-on-third-party",
        TicketStatus::Solved => "ticket-status-solved",
        TicketStatus::Closed => "ticket-status-closed",
    }
}

fn priority_key(priority: TicketPriority) -> &'static str {
    match priority {
        TicketPriority::Low => "ticket-priority-low",
        TicketPriority::Normal => "ticket-priority-normal",
        TicketPriority::High => "ticket-priority-high",
        TicketPriority::Urgent => "ticket-priority-urgent",
    }
}

/// A ticket's state as a badge.
#[component]
fn StatusBadge(status: TicketStatus) -> impl IntoView {
    let class = format!(
        "badge badge-ticket-{}",
        openapi::wire::name(&status).replace('_', "-")
    );
    view! { <span class=class>{move || t(status_key(status))}</span> }
}

/// A ticket's priority, marked when high or urgent.
#[component]
fn PriorityBadge(priority: TicketPriority) -> impl IntoView {
    let class = match priority {
        TicketPriority::High | TicketPriority::Urgent => "badge badge-priority-high",
        _ => "badge badge-priority",
    };
    view! { <span class=class>{move || t(priority_key(priority))}</span> }
}
