//! What a rule did and would do: a dry run on one of the store's recent events of its trigger
//! (each condition's value and outcome, what each action would do), and its run log.

use leptos::prelude::*;
use openapi::automation::{
    ActionRunOut, ActionStatus, ConditionOutcome, DryRunOut, RuleRunOut, RunOutcome,
};
use uuid::Uuid;

use super::{action_key, event_label, field_label, from_wire, operator_key, wire};
use crate::api::{self, ApiError};
use crate::components::{FormProblem, Pager, listing};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::session::Session;

const OUTCOMES: [RunOutcome; 3] = [
    RunOutcome::Matched,
    RunOutcome::NotMatched,
    RunOutcome::LoopStopped,
];

fn outcome_key(outcome: RunOutcome) -> &'static str {
    match outcome {
        RunOutcome::Matched => "rule-run-matched",
        RunOutcome::NotMatched => "rule-run-not-matched",
        RunOutcome::LoopStopped => "rule-run-loop-stopped",
    }
}

fn status_key(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Pending => "rule-action-pending",
        ActionStatus::Done => "rule-action-done",
        ActionStatus::Failed => "rule-action-failed",
    }
}

/// The rule tried on a recent event of its trigger (the newest, or one chosen), changing
/// nothing.
#[component]
pub fn DryRun(id: Uuid, trigger: String) -> impl IntoView {
    let session = Session::get();
    let locale = move || I18n::get().locale();
    let zone = session.store_timezone();
    let kind = trigger.clone();
    let events = LocalResource::new(move || {
        let kind = kind.clone();
        async move {
            api::rules::recent_events(session, &kind)
                .await
                .unwrap_or_default()
        }
    });
    let chosen = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let outcome = RwSignal::new(None::<DryRunOut>);
    let run = Action::new_local(move |_: &()| {
        let event_id = chosen.get_untracked().parse::<Uuid>().ok();
        async move {
            match api::rules::dry_run(session, id, event_id).await {
                Ok(out) => {
                    failed.set(None);
                    outcome.set(Some(out));
                }
                Err(error) => {
                    outcome.set(None);
                    failed.set(Some(error));
                }
            }
        }
    });
    view! {
        <section class="card dry-run" aria-labelledby="dry-run">
            <h2 id="dry-run">{move || t("rule-dry-run")}</h2>
            <p class="muted">{move || t("rule-dry-run-hint")}</p>
            <div class="filters">
                <label>
                    {move || t("rule-dry-run-event")}
                    <select name="dry-run-event" on:change=move |ev| chosen.set(event_target_value(&ev))
                        prop:value=move || chosen.get()>
                        <option value="">{move || t("rule-dry-run-newest")}</option>
                        {move || {
                            let zone = zone.clone();
                            events.get().unwrap_or_default().into_iter().map(|e| {
                                let when = format::date_time_in(e.created_at, &zone, locale());
                                view! { <option value=e.id.to_string()>{when}</option> }
                            }).collect_view()
                        }}
                    </select>
                </label>
                <button type="button" class="secondary" data-testid="dry-run"
                    on:click=move |_| { run.dispatch(()); }>{move || t("rule-dry-run-go")}</button>
            </div>
            <FormProblem failed />
            {move || outcome.get().map(|out| view! { <DryRunOutcome out /> })}
        </section>
    }
}

#[component]
fn DryRunOutcome(out: DryRunOut) -> impl IntoView {
    let (key, class) = if out.matched {
        ("rule-dry-run-matched", "badge badge-webhook-on")
    } else {
        ("rule-dry-run-not-matched", "badge badge-webhook-off")
    };
    let event = out.event_type.clone();
    view! {
        <div data-testid="dry-run-outcome">
            <p>
                <span class=class>{move || t(key)}</span>" "
                <small class="muted">{move || event_label(&event)}" · "<code>{out.event_id.to_string()}</code></small>
            </p>
            <Outcomes conditions=out.conditions />
            <ol class="rule-previews">
                {out.actions.into_iter().map(|a| view! {
                    <li><strong>{move || t(action_key(a.kind))}</strong>": "{a.would}</li>
                }).collect_view()}
            </ol>
        </div>
    }
}

/// How each condition fared: the field, the operator, the value it had, held or not.
#[component]
fn Outcomes(conditions: Vec<ConditionOutcome>) -> impl IntoView {
    (!conditions.is_empty()).then(|| {
        view! {
            <ul class="rule-outcomes">
                {conditions.into_iter().map(|c| {
                    let (mark, class) = if c.held { ("✓", "held") } else { ("✗", "not-held") };
                    let actual = match &c.actual {
                        serde_json::Value::Null => "—".to_owned(),
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    let path = c.field.clone();
                    view! {
                        <li class=class>
                            <span aria-hidden="true">{mark}" "</span>
                            {move || field_label(&path)}" "{move || t(operator_key(c.op))}
                            " — "<code>{actual}</code>
                            <span class="visually-hidden">{move || t(if c.held { "rule-held" } else { "rule-not-held" })}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

/// The rule's runs, newest first, filtered by outcome.
#[component]
pub fn RunLog(id: Uuid) -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let outcome = RwSignal::new(String::new());
    let rows = LocalResource::new(move || {
        let chosen = outcome.get();
        let one = from_wire::<RunOutcome>(&chosen);
        let cursor = pager.cursor();
        async move { api::rules::runs(session, id, one, cursor).await }
    });
    Effect::new(move |_| {
        outcome.track();
        pager.restart();
    });
    view! {
        <h2>{move || t("rule-runs")}</h2>
        <div class="filters">
            <label>
                {move || t("rule-run-outcome")}
                <select name="run-outcome-filter" on:change=move |ev| outcome.set(event_target_value(&ev))
                    prop:value=move || outcome.get()>
                    <option value="">{move || t("receivables-all")}</option>
                    {OUTCOMES.map(|o| view! { <option value=wire(&o)>{move || t(outcome_key(o))}</option> })}
                </select>
            </label>
        </div>
        {listing(rows, pager, "rule-runs stack",
            &["rule-run-when", "rule-run-event", "rule-run-outcome", "rule-run-conditions", "rule-run-actions"],
            |run: RuleRunOut| view! { <RunRow run /> })}
    }
}

#[component]
fn RunRow(run: RuleRunOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let zone = Session::get().store_timezone();
    let (created, depth, outcome) = (run.created_at, run.depth, run.outcome);
    let event = run.event_type.clone();
    view! {
        <tr data-testid="rule-run">
            <td data-label=move || t("rule-run-when")>{move || format::date_time_in(created, &zone, locale())}</td>
            <td data-label=move || t("rule-run-event")>
                {move || event_label(&event)}
                {(depth > 0).then(|| view! {
                    <br /><small class="muted">{move || message(locale(), "rule-run-depth", &[("depth", depth.to_string())])}</small>
                })}
            </td>
            <td data-label=move || t("rule-run-outcome")>
                <span class=format!("badge badge-run-{}", wire(&outcome))>{move || t(outcome_key(outcome))}</span>
            </td>
            <td data-label=move || t("rule-run-conditions")><Outcomes conditions=run.conditions /></td>
            <td data-label=move || t("rule-run-actions")><ActionRuns actions=run.actions /></td>
        </tr>
    }
}

/// Each action of a run: its state, attempts and what it did or why it failed.
#[component]
fn ActionRuns(actions: Vec<ActionRunOut>) -> impl IntoView {
    let locale = move || I18n::get().locale();
    view! {
        <ol class="rule-previews">
            {actions.into_iter().map(|a| {
                let attempts = a.attempts;
                view! {
                    <li>
                        <strong>{move || t(action_key(a.kind))}</strong>" "
                        <span class=format!("badge badge-action-{}", wire(&a.status))>{move || t(status_key(a.status))}</span>
                        " "<small class="muted">{move || message(locale(), "delivery-attempts", &[("count", attempts.to_string())])}</small>
                        {a.result.map(|r| view! { <br /><small>{r}</small> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
