//! One ticket: its customer and order, its thread (the customer's messages, the answers, the
//! team's notes), an answer emailed to the customer or a note, and its state.

use leptos::prelude::*;
use openapi::support::{
    AnswerKind, TicketMessageIn, TicketMessageKind, TicketMessageOut, TicketOut, TicketStatus,
};
use uuid::Uuid;

use super::{PriorityBadge, StatusBadge, status_key};
use crate::api::{self, ApiError};
use crate::components::{ErrorNote, FormProblem, Loading, detail};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

#[component]
pub fn Ticket() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    view! {
        <section>
            <p><a href="/support">{move || t("support-title")}</a></p>
            {detail(api::support::ticket, changed, move |found: TicketOut| {
                view! { <Found found changed /> }
            })}
        </section>
    }
}

#[component]
fn Found(found: TicketOut, changed: RwSignal<u32>) -> impl IntoView {
    let id = found.id;
    let answerable = found.status != TicketStatus::Closed;
    view! {
        <h1>{format!("#{} · {}", found.number, found.subject)}</h1>
        <p class="ticket-facts">
            <StatusBadge status=found.status />" "
            <PriorityBadge priority=found.priority />" "
            <a href=format!("/customers/{}", found.customer_id)>{found.customer_name.clone()}</a>
            {found.customer_email.clone().map(|email| view! { " · " <span class="muted">{email}</span> })}
            {found.order_id.zip(found.order_number).map(|(order, number)| view! {
                " · " <a href=format!("/orders/{order}") data-testid="ticket-order">
                    {move || t("ticket-order")}" #"{number}
                </a>
            })}
        </p>
        <Thread id changed />
        {answerable.then(|| view! { <Answer found=found.clone() changed /> })}
    }
}

#[component]
fn Thread(id: Uuid, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let thread = LocalResource::new(move || {
        changed.track();
        async move { api::support::messages(session, id).await }
    });
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || thread.get().map(|answer| match answer {
                Err(error) => view! { <ErrorNote error /> }.into_any(),
                Ok(page) => view! {
                    <ol class="thread" aria-label=move || t("ticket-thread")>
                        {page.items.into_iter().map(|m| view! { <Message m /> }).collect_view()}
                    </ol>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Message(m: TicketMessageOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let zone = Session::get().store_timezone();
    let at = m.created_at;
    let (class, who) = match m.kind {
        TicketMessageKind::Inbound => ("message inbound", "ticket-message-inbound"),
        TicketMessageKind::Reply => ("message reply", "ticket-message-reply"),
        TicketMessageKind::Note => ("message note", "ticket-message-note"),
    };
    view! {
        <li class=class data-testid="ticket-message">
            <p class="muted">
                <strong>{move || t(who)}</strong>
                {m.from.clone().map(|from| view! { " · " {from} })}
                " · "{move || format::date_time_in(at, &zone, locale())}
            </p>
            <p class="message-body">{m.body.clone()}</p>
            {(!m.attachments.is_empty()).then(|| view! {
                <ul class="attachments">
                    {m.attachments.iter().map(|a| {
                        let name = a.name.clone();
                        match a.url.clone() {
                            Some(url) => view! { <li><a href=url rel="noopener noreferrer">{name}</a></li> }.into_any(),
                            None => view! { <li>{name}</li> }.into_any(),
                        }
                    }).collect_view()}
                </ul>
            })}
        </li>
    }
}

/// An answer (emailed) or a note, and where the ticket stands after it.
#[component]
fn Answer(found: TicketOut, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let body = RwSignal::new(String::new());
    let note = RwSignal::new(false);
    let after = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let id = found.id;
    let send = Action::new_local(move |_: &()| {
        let input = TicketMessageIn {
            kind: if note.get_untracked() {
                AnswerKind::Note
            } else {
                AnswerKind::Reply
            },
            body: body.get_untracked(),
            attachments: Vec::new(),
            status: openapi::wire::parse(&after.get_untracked()),
        };
        async move {
            match api::support::add_message(session, id, &input).await {
                Ok(_) => {
                    failed.set(None);
                    body.set(String::new());
                    changed.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="card ticket-answer" on:submit=move |ev| {
            ev.prevent_default();
            send.dispatch(());
        }>
            <h2>{move || t("ticket-answer")}</h2>
            <CannedPicker ticket=id locale=found.locale body failed />
            <label>
                {move || t("ticket-answer-body")}
                <textarea name="body" rows="6" required=true bind:value=body></textarea>
            </label>
            <label class="check">
                <input type="checkbox" name="note" bind:checked=note />
                {move || t("ticket-answer-note")}
            </label>
            <label>
                {move || t("ticket-status-after")}
                <select name="status" on:change=move |ev| after.set(event_target_value(&ev))>
                    <option value="">{move || t("ticket-status-unchanged")}</option>
                    {TicketStatus::ALL.into_iter().map(|s| view! {
                        <option value=openapi::wire::name(&s)>{move || t(status_key(s))}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" data-testid="send-answer">
                {move || if note.get() { t("ticket-add-note") } else { t("ticket-send-answer") }}
            </button>
            <FormProblem failed />
        </form>
    }
}

/// The store's canned replies in the ticket's language: one chosen fills in the message.
#[component]
fn CannedPicker(
    ticket: Uuid,
    locale: openapi::tenancy::Locale,
    body: RwSignal<String>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let session = Session::get();
    let replies = LocalResource::new(move || api::support::canned_replies(session, locale));
    let fill = Action::new_local(move |id: &Uuid| {
        let id = *id;
        async move {
            match api::support::reply_preview(session, ticket, id).await {
                Ok(preview) => body.set(preview.body),
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        {move || replies.get().and_then(Result::ok).filter(|page| !page.items.is_empty()).map(|page| view! {
            <label>
                {move || t("ticket-canned-reply")}
                <select name="canned-reply" on:change=move |ev| {
                    if let Ok(id) = event_target_value(&ev).parse::<Uuid>() {
                        fill.dispatch(id);
                    }
                }>
                    <option value="">{move || t("ticket-canned-none")}</option>
                    {page.items.into_iter().map(|r| view! {
                        <option value=r.id.to_string()>{r.name}</option>
                    }).collect_view()}
                </select>
            </label>
        })}
    }
}
