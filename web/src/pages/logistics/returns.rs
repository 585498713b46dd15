//! Returns (RMA): the list, newest first, and one return with its lines, timeline and, while
//! requested, the manager's approval or refusal.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use openapi::auth::Permission;
use openapi::logistics::{ReturnOut, ReturnStatus};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{Field, FormProblem, Pager, listing};
use crate::i18n::t;
use crate::session::Session;

/// The key of a return state's name.
fn status_key(status: ReturnStatus) -> &'static str {
    match status {
        ReturnStatus::Requested => "return-status-requested",
        ReturnStatus::Approved => "return-status-approved",
        ReturnStatus::Declined => "return-status-declined",
        ReturnStatus::Received => "return-status-received",
        ReturnStatus::Resolved => "return-status-resolved",
    }
}

#[component]
pub fn Returns() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let returns = LocalResource::new(move || {
        let cursor = pager.cursor();
        async move { api::returns::returns(session, cursor).await }
    });
    view! {
        <section>
            <h1>{move || t("returns-title")}</h1>
            {listing(returns, pager, "returns",
                &["return-created", "return-status", "return-lines", "return-credit"],
                |r: ReturnOut| {
                    let href = format!("/rma/{}", r.id);
                    let created = r.created_at.format("%Y-%m-%d").to_string();
                    let lines = r.lines.iter()
                        .map(|l| format!("{} × {}", l.quantity, l.sku))
                        .collect::<Vec<_>>()
                        .join(" · ");
                    view! {
                        <tr>
                            <td><a href=href>{created}</a></td>
                            <td>{move || t(status_key(r.status))}</td>
                            <td>{lines}</td>
                            <td>{r.credit.to_string()}</td>
                        </tr>
                    }
                })}
        </section>
    }
}

#[component]
pub fn ReturnDetail() -> impl IntoView {
    let session = Session::get();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<Uuid>().ok()));
    let changed = RwSignal::new(0u32);
    let found = LocalResource::new(move || {
        changed.track();
        let id = id();
        async move {
            match id {
                Some(id) => api::returns::return_of(session, id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <section>
            <p><a href="/rma">{move || t("returns-title")}</a></p>
            {move || match found.get() {
                None => view! { <p class="loading">{move || t("loading")}</p> }.into_any(),
                Some(Ok(Some(found))) => view! { <Return found changed /> }.into_any(),
                Some(Ok(None)) => view! { <h1>{move || t("return-missing")}</h1> }.into_any(),
                Some(Err(error)) => view! {
                    <h1>{move || t("return-missing")}</h1>
                    <p class="error">{error.to_string()}</p>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Return(found: ReturnOut, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let id = found.id;
    let requested = found.status == ReturnStatus::Requested;
    let status = found.status;
    view! {
        <h1>{move || t("return-title")}</h1>
        <p class="meta">{move || t(status_key(status))} " · " {found.credit.to_string()}</p>
        <table class="lines">
            <thead><tr>
                <th>{move || t("return-sku")}</th><th>{move || t("return-quantity")}</th>
                <th>{move || t("return-reason")}</th>
            </tr></thead>
            <tbody>
                {found.lines.into_iter().map(|l| view! {
                    <tr><td>{l.sku}</td><td>{l.quantity}</td><td>{l.reason}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        <h2>{move || t("return-timeline")}</h2>
        <ul class="timeline">
            {found.timeline.into_iter().map(|e| {
                let at = e.at.format("%Y-%m-%d %H:%M").to_string();
                view! { <li>{at} " — " {move || t(status_key(e.status))} " " {e.note}</li> }
            }).collect_view()}
        </ul>
        {move || (requested && session.may(Permission::LogisticsManage))
            .then(|| view! { <Review id changed /> })}
    }
}

/// Approve with the authorization code and instructions, or decline with a reason.
#[component]
fn Review(id: Uuid, changed: RwSignal<u32>) -> impl IntoView {
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
            (
                "decline",
                serde_json::json!({ "reason": reason.get_untracked() }),
            )
        };
        async move {
            match api::returns::review(session, id, action, &body).await {
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
