//! The ticket inbox: newest first, by state, the agent's own, or found by words of their
//! subject and messages.

use leptos::prelude::*;
use openapi::support::{TicketOut, TicketStatus};

use super::{PriorityBadge, StatusBadge, status_key};
use crate::api::{self, support::TicketFilter};
use crate::components::{Pager, listing};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

#[component]
pub fn Inbox() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let status = RwSignal::new(String::new());
    let mine = RwSignal::new(false);
    let q = RwSignal::new(String::new());
    let filter = Memo::new(move |_| TicketFilter {
        status: openapi::wire::parse(&status.get()),
        mine: mine.get().then(|| session.user_id()).flatten(),
        q: Some(q.get()),
    });
    Effect::new(move |_| {
        filter.track();
        pager.restart();
    });
    let rows = LocalResource::new(move || {
        let filter = filter.get();
        let cursor = pager.cursor();
        async move { api::support::tickets(session, &filter, cursor).await }
    });
    view! {
        <section>
            <h1>{move || t("support-title")}</h1>
            <div class="filters">
                <label>
                    {move || t("ticket-status")}
                    <select name="status" on:change=move |ev| status.set(event_target_value(&ev))>
                        <option value="">{move || t("ticket-status-any")}</option>
                        {TicketStatus::ALL.into_iter().map(|s| view! {
                            <option value=openapi::wire::name(&s)>{move || t(status_key(s))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" name="mine" bind:checked=mine />
                    {move || t("support-mine")}
                </label>
                <label>
                    {move || t("support-search")}
                    <input type="search" name="q" bind:value=q />
                </label>
            </div>
            {listing(rows, pager, "tickets stack",
                &["ticket-subject", "ticket-customer", "ticket-status", "ticket-priority", "ticket-last-message"],
                |ticket: TicketOut| view! { <Row ticket /> })}
        </section>
    }
}

#[component]
fn Row(ticket: TicketOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let zone = Session::get().store_timezone();
    let last = ticket.last_message_at;
    view! {
        <tr data-testid="ticket">
            <td data-label=move || t("ticket-subject")>
                <a href=format!("/support/tickets/{}", ticket.id) data-testid="open-ticket">
                    {format!("#{} · {}", ticket.number, ticket.subject)}
                </a>
            </td>
            <td data-label=move || t("ticket-customer")>{ticket.customer_name.clone()}</td>
            <td data-label=move || t("ticket-status")><StatusBadge status=ticket.status /></td>
            <td data-label=move || t("ticket-priority")><PriorityBadge priority=ticket.priority /></td>
            <td data-label=move || t("ticket-last-message")>{move || format::date_time_in(last, &zone, locale())}</td>
        </tr>
    }
}
