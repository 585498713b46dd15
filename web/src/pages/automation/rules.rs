//! The store's rules (what starts each, what it does, whether it is on), a way to add one,
//! and the ready rules a store switches on in one click.

use leptos::prelude::*;
use leptos_router::components::A;
use openapi::automation::{RuleOut, RuleTemplateOut};

use super::{AutomationTabs, RuleBadge, action_key, event_label};
use crate::api::{self, ApiError};
use crate::components::{ErrorNote, Loading, Pager, listing};
use crate::i18n::t;
use crate::session::Session;

#[component]
pub fn Rules() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let changed = RwSignal::new(0u32);
    let rows = LocalResource::new(move || {
        changed.track();
        let cursor = pager.cursor();
        async move { api::rules::rules(session, cursor).await }
    });
    view! {
        <section>
            <AutomationTabs />
            <header class="invoice-head">
                <h1>{move || t("rules-title")}</h1>
                <A href="/automation/rules/new" attr:class="button">{move || t("rule-new")}</A>
            </header>
            <p class="muted">{move || t("rules-intro")}</p>
            {listing(rows, pager, "rules stack",
                &["rule-name", "rule-trigger", "rule-actions", "rule-state"],
                |rule: RuleOut| view! { <Row rule /> })}
            <ReadyRules changed />
        </section>
    }
}

#[component]
fn Row(rule: RuleOut) -> impl IntoView {
    let actions: Vec<_> = rule.actions.iter().map(|a| a.kind()).collect();
    let trigger = rule.trigger.clone();
    view! {
        <tr>
            <td data-label=move || t("rule-name")>
                <a href=format!("/automation/rules/{}", rule.id) data-testid="open-rule">{rule.name.clone()}</a>
            </td>
            <td data-label=move || t("rule-trigger")>{move || event_label(&trigger)}</td>
            <td data-label=move || t("rule-actions")>
                {move || actions.iter().map(|k| t(action_key(*k))).collect::<Vec<_>>().join(" → ")}
            </td>
            <td data-label=move || t("rule-state")><RuleBadge enabled=rule.enabled /></td>
        </tr>
    }
}

/// The ready rules: switched on in one click, or opened when the store has made one.
#[component]
fn ReadyRules(changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let ready = LocalResource::new(move || {
        changed.track();
        api::rules::templates(session)
    });
    view! {
        <section class="card ready-rules" aria-labelledby="ready-rules">
            <h2 id="ready-rules">{move || t("rules-ready")}</h2>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || ready.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(list) => list.into_iter().map(|template| view! {
                        <ReadyRule template changed />
                    }).collect_view().into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ReadyRule(template: RuleTemplateOut, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let failed = RwSignal::new(None::<ApiError>);
    let key = template.key.clone();
    let install = Action::new_local(move |_: &()| {
        let key = key.clone();
        async move {
            match api::rules::install(session, &key).await {
                Ok(_) => changed.update(|n| *n += 1),
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let trigger = template.trigger.clone();
    view! {
        <article class="ready-rule" data-testid="ready-rule" data-template=template.key.clone()>
            <h3>{template.name.clone()}</h3>
            <p class="muted">{template.description.clone()}</p>
            <p><small>{move || t("rule-trigger")}": "{move || event_label(&trigger)}</small></p>
            {match template.rule_id {
                Some(id) => view! {
                    <a href=format!("/automation/rules/{id}")>{move || t("rules-ready-open")}</a>
                }.into_any(),
                None => view! {
                    <button type="button" data-testid="install-rule"
                        on:click=move |_| { install.dispatch(()); }>{move || t("rules-ready-install")}</button>
                }.into_any(),
            }}
            {move || failed.get().map(|error| view! { <ErrorNote error /> })}
        </article>
    }
}
