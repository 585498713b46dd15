//! The store's email log: what was sent to whom, what is waiting, what failed and why, and
//! sending one again.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::mail::{EmailOut, EmailStatus};

use super::{bump, may};
use crate::api::{self, ApiError};
use crate::components::{ErrorNote, Pager, listing};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

fn status_key(status: EmailStatus) -> &'static str {
    match status {
        EmailStatus::Queued => "settings-email-queued",
        EmailStatus::Sent => "settings-email-sent",
        EmailStatus::Failed => "settings-email-failed",
    }
}

#[component]
pub fn Emails() -> impl IntoView {
    let session = Session::get();
    let manage = may(Permission::MailManage);
    let pager = Pager::new();
    let changed = RwSignal::new(0u32);
    let failed = RwSignal::new(None::<ApiError>);
    let emails = LocalResource::new(move || {
        changed.track();
        let cursor = pager.cursor();
        async move { api::mail::emails(session, cursor).await }
    });
    let headers: &'static [&'static str] = if manage {
        &[
            "settings-email-when",
            "settings-email-to",
            "settings-email-subject",
            "settings-email-status",
            "settings-actions",
        ]
    } else {
        &[
            "settings-email-when",
            "settings-email-to",
            "settings-email-subject",
            "settings-email-status",
        ]
    };
    view! {
        <section class="settings-section" aria-labelledby="settings-emails">
            <h2 id="settings-emails">{move || t("settings-emails")}</h2>
            {move || failed.get().map(|error| view! { <ErrorNote error /> })}
            {listing(emails, pager, "settings-emails", headers,
                move |email: EmailOut| view! { <EmailRow email manage changed failed /> })}
        </section>
    }
}

#[component]
fn EmailRow(
    email: EmailOut,
    manage: bool,
    changed: RwSignal<u32>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let session = Session::get();
    let id = email.id;
    let locale = move || I18n::get().locale();
    let resend = Action::new_local(move |_: &()| async move {
        match api::mail::resend(session, id).await {
            Ok(_) => {
                failed.set(None);
                bump(changed);
            }
            Err(error) => failed.set(Some(error)),
        }
    });
    let (status, attempts, last_error) = (email.status, email.attempts, email.last_error);
    view! {
        <tr data-email=id.to_string()>
            <td>{move || format::date_time(email.created_at, locale())}</td>
            <td>{email.to}</td>
            <td>{email.subject}</td>
            <td>
                {move || t(status_key(status))}
                {(attempts > 1).then(|| format!(" ({attempts}×)"))}
                {last_error.map(|error| view! { <br /><small>{error}</small> })}
            </td>
            {manage.then(|| view! {
                <td>
                    <button type="button" class="secondary" disabled=move || resend.pending().get()
                        on:click=move |_| { resend.dispatch(()); }>
                        {move || t("settings-email-resend")}
                    </button>
                </td>
            })}
        </tr>
    }
}
