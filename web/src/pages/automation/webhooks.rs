//! The store's webhook endpoints, and a form to add one: its address, the events it wants,
//! a description; the secret it is given appears once, here.

use leptos::prelude::*;
use openapi::automation::{WebhookEndpointIn, WebhookEndpointOut};

use super::{AutomationTabs, EndpointBadge, SecretOnce};
use crate::api::{self, ApiError};
use crate::components::{Field, FormProblem, Pager, listing, new_key};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

#[component]
pub fn Webhooks() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let changed = RwSignal::new(0u32);
    let rows = LocalResource::new(move || {
        changed.track();
        let cursor = pager.cursor();
        async move { api::automation::webhooks(session, cursor).await }
    });
    view! {
        <section>
            <AutomationTabs />
            <h1>{move || t("webhooks-title")}</h1>
            <p class="muted">{move || t("webhooks-intro")}</p>
            <AddEndpoint changed />
            {listing(rows, pager, "webhooks stack",
                &["webhook-url", "webhook-events", "webhook-state", "webhook-created"],
                |w: WebhookEndpointOut| view! { <Row w /> })}
        </section>
    }
}

#[component]
fn Row(w: WebhookEndpointOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let zone = Session::get().store_timezone();
    let created = w.created_at;
    view! {
        <tr>
            <td data-label=move || t("webhook-url")>
                <a href=format!("/automation/webhooks/{}", w.id) data-testid="open-webhook" class="url">{w.url.clone()}</a>
                {w.description.clone().map(|d| view! { <br /><small class="muted">{d}</small> })}
            </td>
            <td data-label=move || t("webhook-events")><code>{w.events.join(" ")}</code></td>
            <td data-label=move || t("webhook-state")><EndpointBadge endpoint=w.clone() /></td>
            <td data-label=move || t("webhook-created")>{move || format::date_time_in(created, &zone, locale())}</td>
        </tr>
    }
}

/// Adds an endpoint; its secret is shown once under the form.
#[component]
fn AddEndpoint(changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let url = RwSignal::new(String::new());
    let events = RwSignal::new("order.*".to_owned());
    let description = RwSignal::new(String::new());
    let enabled = RwSignal::new(true);
    let failed = RwSignal::new(None::<ApiError>);
    let secret = RwSignal::new(None::<String>);
    let key = RwSignal::new(new_key());
    let submit = Action::new_local(move |_: &()| {
        let input = WebhookEndpointIn {
            url: url.get_untracked().trim().to_owned(),
            events: events
                .get_untracked()
                .split([',', ' '])
                .filter(|e| !e.is_empty())
                .map(str::to_owned)
                .collect(),
            description: Some(description.get_untracked()).filter(|d| !d.trim().is_empty()),
            enabled: Some(enabled.get_untracked()),
        };
        let idempotency = key.get_untracked();
        async move {
            match api::automation::create_webhook(session, &input, idempotency).await {
                Ok(made) => {
                    failed.set(None);
                    secret.set(Some(made.secret));
                    url.set(String::new());
                    description.set(String::new());
                    key.set(new_key());
                    changed.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="card add-webhook" on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch(());
        }>
            <h2>{move || t("webhook-add")}</h2>
            <Field label="webhook-url" name="url" value=url failed field="url" kind="url" required=true />
            <Field label="webhook-events" name="events" value=events failed field="events" required=true />
            <p class="hint muted">{move || t("webhook-events-hint")}</p>
            <Field label="webhook-description" name="description" value=description failed field="description" />
            <label class="check">
                <input type="checkbox" name="enabled" bind:checked=enabled />
                {move || t("webhook-enabled-now")}
            </label>
            <button type="submit" data-testid="add-webhook">{move || t("webhook-add")}</button>
            <FormProblem failed />
        </form>
        {move || secret.get().map(|secret| view! { <SecretOnce secret /> })}
    }
}
