//! One return: what it is worth, its lines and timeline, and its next step where the eye
//! lands first: while requested, the manager's approval or refusal; once approved, receiving
//! each line; once received, its resolution.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::logistics::{Resolution, ReturnOut, ReturnStatus};
use uuid::Uuid;

use super::receive::Receive;
use super::resolve::Resolve;
use super::{ReturnBadge, reason_text, status_key};
use crate::api::{self, ApiError};
use crate::components::{Field, FormProblem, detail};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

#[component]
pub fn ReturnDetail() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    view! {
        <section>
            <p><a href="/rma">{move || t("returns-title")}</a></p>
            {detail(api::returns::return_of, changed, move |found: ReturnOut| view! { <Return found changed /> })}
        </section>
    }
}

#[component]
fn Return(found: ReturnOut, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let (id, version, status) = (found.id, found.version, found.status);
    let step = match status {
        ReturnStatus::Requested if session.may(Permission::LogisticsManage) => {
            view! { <Review id version changed /> }.into_any()
        }
        ReturnStatus::Approved if session.may(Permission::LogisticsFulfil) => {
            view! { <Receive found=found.clone() changed /> }.into_any()
        }
        ReturnStatus::Received if session.may(Permission::LogisticsManage) => {
            view! { <Resolve found=found.clone() changed /> }.into_any()
        }
        _ => ().into_any(),
    };
    view! {
        <h1>{move || t("return-title")} " " <ReturnBadge status /></h1>
        {step}
        <Facts found=found.clone() />
        <Lines found=found.clone() />
        <Timeline found />
    }
}

/// What the return is worth, and what its review and resolution said.
#[component]
fn Facts(found: ReturnOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let currency = Session::get().store_currency();
    let money = move |value| move || format::money(value, currency, locale());
    let who = if found.by_customer {
        "return-by-customer"
    } else {
        "return-by-staff"
    };
    let text = |key: &'static str, value: Option<String>| {
        value.map(|value| view! { <dt>{move || t(key)}</dt><dd>{value}</dd> })
    };
    let resolution = found.resolution.map(|r| match r {
        Resolution::Refund => "return-resolution-refund",
        Resolution::Exchange => "return-resolution-exchange",
    });
    view! {
        <dl class="facts">
            <dt>{move || t("return-order")}</dt>
            <dd><a href=format!("/orders/{}", found.order_id)>{move || t("return-open-order")}</a></dd>
            <dt>{move || t("return-requested-by")}</dt><dd>{move || t(who)}</dd>
            <dt>{move || t("return-credit")}</dt><dd>{money(found.credit)}</dd>
            {text("return-override-reason", found.override_reason)}
            {text("return-authorization-code", found.authorization_code)}
            {text("return-instructions", found.instructions)}
            {text("return-decline-reason", found.decline_reason)}
            {resolution.map(|key| view! {
                <dt>{move || t("return-resolution")}</dt><dd>{move || t(key)}</dd>
            })}
            {found.refunded.map(|value| view! {
                <dt>{move || t("return-refunded")}</dt><dd>{money(value)}</dd>
            })}
            {found.replacement_order_id.map(|order| view! {
                <dt>{move || t("return-replacement")}</dt>
                <dd><a href=format!("/orders/{order}") data-testid="replacement-order">
                    {move || t("return-open-order")}
                </a></dd>
            })}
        </dl>
    }
}

#[component]
fn Lines(found: ReturnOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let currency = Session::get().store_currency();
    let received = matches!(
        found.status,
        ReturnStatus::Received | ReturnStatus::Resolved
    );
    view! {
        <table class="lines stack">
            <thead><tr>
                <th scope="col">{move || t("return-sku")}</th>
                <th scope="col">{move || t("return-quantity")}</th>
                <th scope="col">{move || t("return-reason")}</th>
                <th scope="col">{move || t("return-value")}</th>
                {received.then(|| view! {
                    <th scope="col">{move || t("return-restocked")}</th>
                    <th scope="col">{move || t("return-unsellable")}</th>
                })}
            </tr></thead>
            <tbody>
                {found.lines.into_iter().map(|l| {
                    let reason = reason_text(&l.reason);
                    let comment = l.comment.map(|c| view! { <br /><small>{c}</small> });
                    let (value, quantity) = (l.value, l.quantity);
                    let (restocked, unsellable) = (l.restocked, l.unsellable);
                    view! {
                        <tr>
                            <td data-label=move || t("return-sku")><code>{l.sku}</code></td>
                            <td data-label=move || t("return-quantity") class="number">
                                {move || format::count(quantity, locale())}
                            </td>
                            <td data-label=move || t("return-reason")>{reason}{comment}</td>
                            <td data-label=move || t("return-value") class="money">
                                {move || format::money(value, currency, locale())}
                            </td>
                            {received.then(|| view! {
                                <td data-label=move || t("return-restocked") class="number">
                                    {move || format::count(restocked, locale())}
                                </td>
                                <td data-label=move || t("return-unsellable") class="number">
                                    {move || format::count(unsellable, locale())}
                                </td>
                            })}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Each step, at the store's time.
#[component]
fn Timeline(found: ReturnOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let zone = Session::get().store_timezone();
    view! {
        <h2>{move || t("return-timeline")}</h2>
        <ol class="timeline">
            {found.timeline.into_iter().map(|e| {
                let (zone, at, status) = (zone.clone(), e.at, e.status);
                let note = e.note.map(|n| format!(" — {n}"));
                view! {
                    <li>
                        <time>{move || format::date_time_in(at, &zone, locale())}</time> " "
                        <strong>{move || t(status_key(status))}</strong>
                        {note}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// Approve with the authorization code and instructions, or decline with a reason.
#[component]
fn Review(id: Uuid, version: i32, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let code = RwSignal::new(String::new());
    let instructions = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let review = Action::new_local(move |approve: &bool| {
        let (action, body) = if *approve {
            let body = serde_json::json!({
                "authorization_code": code.get_untracked().trim(),
                "instructions": instructions.get_untracked(),
            });
            ("approve", body)
        } else {
            let body = serde_json::json!({ "reason": reason.get_untracked() });
            ("decline", body)
        };
        async move {
            match api::returns::review(session, id, action, &body, version).await {
                Ok(_) => {
                    failed.set(None);
                    changed.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="inline" on:submit=move |ev| {
            ev.prevent_default();
            review.dispatch(true);
        }>
            <Field label="return-authorization-code" name="authorization_code" value=code failed
                field="authorization_code" required=true />
            <Field label="return-instructions" name="instructions" value=instructions failed
                field="instructions" required=true />
            <button type="submit" data-testid="return-approve">{move || t("return-approve")}</button>
        </form>
        <form class="inline" on:submit=move |ev| {
            ev.prevent_default();
            review.dispatch(false);
        }>
            <Field label="return-decline-reason" name="reason" value=reason failed field="reason"
                required=true />
            <button type="submit" data-testid="return-decline">{move || t("return-decline")}</button>
        </form>
        <FormProblem failed />
    }
}
