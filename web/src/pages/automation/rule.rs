//! A new rule's form, and one rule: switched on or off, changed, deleted, tried on a recent
//! event, and its run log.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use openapi::automation::{RuleOut, RulePatch, TriggerOut};

use super::rule_form::RuleForm;
use super::rule_runs::{DryRun, RunLog};
use super::{AutomationTabs, RuleBadge};
use crate::api::{self, ApiError};
use crate::components::{ErrorNote, FormProblem, Loading, Saved, detail};
use crate::i18n::t;
use crate::session::Session;

/// The triggers a rule may start from, then `show` with them.
fn with_triggers<V: IntoView + 'static>(
    show: impl Fn(Vec<TriggerOut>) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = Session::get();
    let triggers = LocalResource::new(move || api::rules::triggers(session));
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || triggers.get().map(|answer| match answer {
                Err(error) => view! { <ErrorNote error /> }.into_any(),
                Ok(list) => show(list).into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn NewRule() -> impl IntoView {
    view! {
        <section>
            <AutomationTabs />
            <p><a href="/automation/rules">{move || t("rules-title")}</a></p>
            <h1>{move || t("rule-new")}</h1>
            {with_triggers(|triggers| view! { <RuleForm triggers rule=None /> })}
        </section>
    }
}

#[component]
pub fn Rule() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    let saved = RwSignal::new(false);
    view! {
        <section>
            <AutomationTabs />
            <p><a href="/automation/rules">{move || t("rules-title")}</a></p>
            {detail(api::rules::rule, changed, move |found: RuleOut| {
                view! { <Found found changed saved /> }
            })}
        </section>
    }
}

#[component]
fn Found(found: RuleOut, changed: RwSignal<u32>, saved: RwSignal<bool>) -> impl IntoView {
    let id = found.id;
    let trigger = found.trigger.clone();
    let on_saved = Callback::new(move |_| {
        saved.set(true);
        changed.update(|n| *n += 1);
    });
    let rule = StoredValue::new(found.clone());
    view! {
        <header class="invoice-head">
            <h1>{found.name.clone()}</h1>
            <RuleBadge enabled=found.enabled />
        </header>
        <Switches found=found.clone() changed saved />
        <Saved done=saved />
        {with_triggers(move |triggers| {
            view! { <RuleForm triggers rule=Some(rule.get_value()) saved=on_saved /> }
        })}
        <DryRun id trigger />
        <RunLog id />
    }
}

/// Switch on or off, and delete (after a confirmation).
#[component]
fn Switches(found: RuleOut, changed: RwSignal<u32>, saved: RwSignal<bool>) -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let (id, version, enabled) = (found.id, found.version, found.enabled);
    let failed = RwSignal::new(None::<ApiError>);
    let switch = Action::new_local(move |_: &()| {
        let patch = RulePatch {
            enabled: Some(!enabled),
            ..RulePatch::default()
        };
        saved.set(false);
        async move {
            match api::rules::update_rule(session, id, &patch, version).await {
                Ok(_) => changed.update(|n| *n += 1),
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let delete = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            match api::rules::delete_rule(session, id, version).await {
                Ok(()) => navigate("/automation/rules", Default::default()),
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let confirm = move |_| {
        let sure = window()
            .confirm_with_message(&t("rule-delete-confirm"))
            .unwrap_or(false);
        if sure {
            delete.dispatch(());
        }
    };
    let switch_key = if enabled {
        "rule-switch-off"
    } else {
        "rule-switch-on"
    };
    view! {
        <div class="actions">
            <button type="button" class="secondary" data-testid="switch-rule"
                on:click=move |_| { switch.dispatch(()); }>{move || t(switch_key)}</button>
            <button type="button" class="danger" data-testid="delete-rule"
                on:click=confirm>{move || t("rule-delete")}</button>
        </div>
        <FormProblem failed />
    }
}
