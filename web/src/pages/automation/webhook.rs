//! One webhook endpoint: its address and events, switched on or off, its secret rotated (the
//! new one shown once), a test sent at once; and its delivery log, each delivery's attempts,
//! a replay of one, or of every failed one of the last seven days.

use chrono::{Duration, Utc};
use leptos::prelude::*;
use openapi::automation::{
    DeliveryStatus, WebhookAttemptOut, WebhookDeliveryOut, WebhookEndpointOut, WebhookEndpointPatch,
};
use uuid::Uuid;

use super::{DeliveryBadge, EndpointBadge, SecretOnce};
use crate::api::automation::delivery_status_str;
use crate::api::{self, ApiError};
use crate::components::{ErrorNote, FormProblem, Loading, Pager, detail, listing};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::session::Session;

const STATUSES: [DeliveryStatus; 3] = [
    DeliveryStatus::Failed,
    DeliveryStatus::Pending,
    DeliveryStatus::Succeeded,
];

/// What the page's actions said, kept above the endpoint's view, which reloads after each.
#[derive(Clone, Copy)]
struct Said {
    /// A test's outcome in words.
    ping: RwSignal<Option<String>>,
    /// How many failed deliveries were replayed.
    replayed: RwSignal<Option<u64>>,
    /// A rotated secret, shown this once.
    secret: RwSignal<Option<String>>,
    failed: RwSignal<Option<ApiError>>,
}

impl Said {
    fn clear(&self) {
        self.ping.set(None);
        self.replayed.set(None);
        self.secret.set(None);
        self.failed.set(None);
    }
}

#[component]
pub fn Webhook() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    let said = Said {
        ping: RwSignal::new(None),
        replayed: RwSignal::new(None),
        secret: RwSignal::new(None),
        failed: RwSignal::new(None),
    };
    view! {
        <section>
            <p><a href="/automation/webhooks">{move || t("webhooks-title")}</a></p>
            {detail(api::automation::webhook, changed, move |found: WebhookEndpointOut| {
                view! { <Endpoint found changed said /> }
            })}
        </section>
    }
}

#[component]
fn Endpoint(found: WebhookEndpointOut, changed: RwSignal<u32>, said: Said) -> impl IntoView {
    let id = found.id;
    view! {
        <header class="invoice-head">
            <h1 class="url">{found.url.clone()}</h1>
            <EndpointBadge endpoint=found.clone() />
        </header>
        {found.description.clone().map(|d| view! { <p>{d}</p> })}
        <p>{move || t("webhook-events")} ": " <code>{found.events.join(" ")}</code></p>
        <Actions found=found.clone() changed said />
        <Told said />
        <h2>{move || t("webhook-log")}</h2>
        <Log id changed />
    }
}

/// Switch on or off, rotate the secret, send a test, replay the week's failures.
#[component]
fn Actions(found: WebhookEndpointOut, changed: RwSignal<u32>, said: Said) -> impl IntoView {
    let session = Session::get();
    let (id, version, enabled) = (found.id, found.version, found.enabled);
    let done = move || changed.update(|n| *n += 1);
    let switch = Action::new_local(move |_: &()| {
        let patch = WebhookEndpointPatch {
            enabled: Some(!enabled),
            ..WebhookEndpointPatch::default()
        };
        said.clear();
        async move {
            match api::automation::update_webhook(session, id, &patch, version).await {
                Ok(_) => done(),
                Err(error) => said.failed.set(Some(error)),
            }
        }
    });
    let rotate = Action::new_local(move |_: &()| {
        said.clear();
        async move {
            match api::automation::rotate_secret(session, id, version).await {
                Ok(rotated) => {
                    said.secret.set(Some(rotated.secret));
                    done();
                }
                Err(error) => said.failed.set(Some(error)),
            }
        }
    });
    let ping = Action::new_local(move |_: &()| {
        said.clear();
        async move {
            match api::automation::ping(session, id).await {
                Ok(sent) => {
                    said.ping.set(Some(attempt_words(&sent.attempt)));
                    done();
                }
                Err(error) => said.failed.set(Some(error)),
            }
        }
    });
    let replay_week = Action::new_local(move |_: &()| {
        said.clear();
        let to = Utc::now() + Duration::minutes(1);
        let from = to - Duration::days(7);
        async move {
            match api::automation::replay_failed(session, id, from, to).await {
                Ok(replayed) => {
                    said.replayed.set(Some(replayed.replayed));
                    done();
                }
                Err(error) => said.failed.set(Some(error)),
            }
        }
    });
    let switch_key = if enabled {
        "webhook-switch-off"
    } else {
        "webhook-switch-on"
    };
    view! {
        <div class="actions">
            <button type="button" class="secondary" data-testid="switch-webhook"
                on:click=move |_| { switch.dispatch(()); }>{move || t(switch_key)}</button>
            <button type="button" class="secondary" data-testid="ping-webhook"
                on:click=move |_| { ping.dispatch(()); }>{move || t("webhook-ping")}</button>
            <button type="button" class="secondary" data-testid="replay-failed"
                on:click=move |_| { replay_week.dispatch(()); }>{move || t("webhook-replay-week")}</button>
            <button type="button" class="secondary" data-testid="rotate-secret"
                on:click=move |_| { rotate.dispatch(()); }>{move || t("webhook-rotate")}</button>
        </div>
    }
}

/// What the last action said: a test's outcome, how many were replayed, a new secret, or
/// what went wrong.
#[component]
fn Told(said: Said) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let failed = said.failed;
    view! {
        {move || said.ping.get().map(|text| view! {
            <p role="status" data-testid="webhook-said">{move || t("webhook-ping-said")} " " {text}</p>
        })}
        {move || said.replayed.get().map(|count| view! {
            <p role="status" data-testid="webhook-replayed">
                {move || message(locale(), "webhook-replayed", &[("count", count.to_string())])}
            </p>
        })}
        {move || said.secret.get().map(|secret| view! {
            <SecretOnce secret />
            <p class="muted">{move || t("webhook-rotate-grace")}</p>
        })}
        <FormProblem failed />
    }
}

/// What an attempt got, in words: `HTTP 200 · 84 ms`, or the error.
fn attempt_words(attempt: &WebhookAttemptOut) -> String {
    match (attempt.status_code, &attempt.error) {
        (Some(status), _) => format!("HTTP {status} · {} ms", attempt.latency_ms),
        (None, Some(error)) => format!("{error} · {} ms", attempt.latency_ms),
        (None, None) => format!("{} ms", attempt.latency_ms),
    }
}

#[component]
fn Log(id: Uuid, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let status = RwSignal::new(String::new());
    let rows = LocalResource::new(move || {
        changed.track();
        let chosen = status.get();
        let one = STATUSES
            .into_iter()
            .find(|s| delivery_status_str(*s) == chosen);
        let cursor = pager.cursor();
        async move { api::automation::deliveries(session, id, one, cursor).await }
    });
    Effect::new(move |_| {
        status.track();
        pager.restart();
    });
    view! {
        <div class="filters">
            <label>
                {move || t("delivery-status")}
                <select name="delivery-status-filter" on:change=move |ev| status.set(event_target_value(&ev))
                    prop:value=move || status.get()>
                    <option value="">{move || t("receivables-all")}</option>
                    {STATUSES.map(|s| view! { <option value=delivery_status_str(s)>{move || t(super::delivery_key(s))}</option> })}
                </select>
            </label>
        </div>
        {listing(rows, pager, "deliveries stack",
            &["delivery-event", "delivery-created", "delivery-status", "delivery-last", "delivery-actions"],
            move |d: WebhookDeliveryOut| view! { <Row d changed /> })}
    }
}

#[component]
fn Row(d: WebhookDeliveryOut, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let locale = move || I18n::get().locale();
    let zone = Session::get().store_timezone();
    let (endpoint_id, id, created, status) = (d.endpoint_id, d.id, d.created_at, d.status);
    let open = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let replay = Action::new_local(move |_: &()| async move {
        match api::automation::replay(session, endpoint_id, id).await {
            Ok(_) => changed.update(|n| *n += 1),
            Err(error) => failed.set(Some(error)),
        }
    });
    let last = match (d.last_status, d.last_error.clone()) {
        (Some(code), _) => format!("HTTP {code}"),
        (None, Some(error)) => error,
        (None, None) => "—".to_owned(),
    };
    let attempts = d.attempts;
    // A test is sent once, never again.
    let is_test = d.event_type == "webhook.test";
    view! {
        <tr data-delivery=id.to_string()>
            <td data-label=move || t("delivery-event")><code>{d.event_type.clone()}</code></td>
            <td data-label=move || t("delivery-created")>{move || format::date_time_in(created, &zone, locale())}</td>
            <td data-label=move || t("delivery-status")>
                <DeliveryBadge status />
                " " <small class="muted">{move || message(locale(), "delivery-attempts", &[("count", attempts.to_string())])}</small>
            </td>
            <td data-label=move || t("delivery-last")><span class="excerpt">{last}</span></td>
            <td data-label=move || t("delivery-actions")>
                <button type="button" class="secondary" data-testid="show-attempts"
                    on:click=move |_| open.update(|o| *o = !*o)>{move || t("delivery-show-attempts")}</button>
                {(status != DeliveryStatus::Pending && !is_test).then(|| view! {
                    <button type="button" class="secondary" data-testid="replay-delivery"
                        on:click=move |_| { replay.dispatch(()); }>{move || t("delivery-replay")}</button>
                })}
                <FormProblem failed />
                {move || open.get().then(|| view! { <Attempts endpoint_id id /> })}
            </td>
        </tr>
    }
}

/// A delivery's attempts, oldest first.
#[component]
fn Attempts(endpoint_id: Uuid, id: Uuid) -> impl IntoView {
    let session = Session::get();
    let locale = move || I18n::get().locale();
    let zone = Session::get().store_timezone();
    let found = LocalResource::new(move || api::automation::delivery(session, endpoint_id, id));
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || found.get().map(|answer| match answer {
                Err(error) => view! { <ErrorNote error /> }.into_any(),
                Ok(detail) => {
                    let zone = zone.clone();
                    view! {
                        <ol class="attempts" data-testid="attempts">
                            {detail.attempts.into_iter().map(|a| {
                                let (at, words, excerpt) = (a.at, attempt_words(&a), a.response_excerpt.clone());
                                let zone = zone.clone();
                                view! {
                                    <li>
                                        {move || format::date_time_in(at, &zone, locale())} " — " {words}
                                        {excerpt.map(|e| view! { <br /><small class="muted excerpt">{e}</small> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}
