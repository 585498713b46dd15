//! A rule's form, for a new rule and an existing one: its name, the event it starts from,
//! its conditions (its own, and groups of their own) and its actions in order. The API
//! checks the rule against its trigger; each row shows the messages for its part.

mod actions;
mod conditions;

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use openapi::automation::{
    Condition, ConditionSet, Conditions, FieldType, Match, Operator, RuleIn, RuleOut, RulePatch,
    TriggerField, TriggerOut,
};
use serde_json::Value;

use self::actions::{ActionDraft, ActionsEditor};
use self::conditions::{ConditionsEditor, SetDraft};
use super::{event_label, from_wire, wire};
use crate::api::{self, ApiError};
use crate::components::{Field, FormProblem, new_key};
use crate::i18n::t;
use crate::session::Session;

/// A fresh key for a row of the form: rows keep their inputs while others come and go.
fn next_key() -> u32 {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// One condition as the form holds it: texts, typed when the rule is sent.
#[derive(Clone, Copy)]
struct ConditionDraft {
    key: u32,
    field: RwSignal<String>,
    op: RwSignal<String>,
    /// A text, a number, `true`/`false`, one choice, or a list separated by commas.
    value: RwSignal<String>,
    /// The choices ticked, for `in` on a field of choices.
    picks: RwSignal<Vec<String>>,
}

impl ConditionDraft {
    fn blank() -> ConditionDraft {
        ConditionDraft {
            key: next_key(),
            field: RwSignal::new(String::new()),
            op: RwSignal::new(String::new()),
            value: RwSignal::new(String::new()),
            picks: RwSignal::new(Vec::new()),
        }
    }

    fn of(condition: &Condition) -> ConditionDraft {
        let (text, picks) = match &condition.value {
            Some(Value::Array(items)) => {
                let picks: Vec<String> = items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_owned))
                    .collect();
                (picks.join(", "), picks)
            }
            Some(Value::String(text)) => (text.clone(), Vec::new()),
            Some(other) => (other.to_string(), Vec::new()),
            None => (String::new(), Vec::new()),
        };
        let draft = ConditionDraft::blank();
        draft.field.set(condition.field.clone());
        draft.op.set(wire(&condition.op));
        draft.value.set(text);
        draft.picks.set(picks);
        draft
    }

    /// The condition to send, its value typed by the field's kind and the operator.
    fn condition(&self, fields: &[TriggerField]) -> Condition {
        let field = self.field.get_untracked();
        let op = from_wire(&self.op.get_untracked()).unwrap_or(Operator::Equals);
        let kind = fields.iter().find(|f| f.path == field).map(|f| f.kind);
        let text = self.value.get_untracked().trim().to_owned();
        let value = match (op, kind) {
            (Operator::IsFirstOrder, _) => None,
            (Operator::In, Some(FieldType::Choice)) => Some(Value::Array(
                self.picks
                    .get_untracked()
                    .into_iter()
                    .map(Value::String)
                    .collect(),
            )),
            (Operator::In, _) => Some(Value::Array(
                text.split(',')
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .map(|item| Value::String(item.to_owned()))
                    .collect(),
            )),
            (_, Some(FieldType::Boolean)) => Some(Value::Bool(text == "true")),
            _ => Some(Value::String(text)),
        };
        Condition { field, op, value }
    }
}

/// The whole form.
#[derive(Clone, Copy)]
struct Draft {
    name: RwSignal<String>,
    trigger: RwSignal<String>,
    enabled: RwSignal<bool>,
    own: SetDraft,
    groups: RwSignal<Vec<SetDraft>>,
    actions: RwSignal<Vec<ActionDraft>>,
}

impl Draft {
    fn new(rule: Option<&RuleOut>, first_trigger: String) -> Draft {
        let Some(rule) = rule else {
            return Draft {
                name: RwSignal::new(String::new()),
                trigger: RwSignal::new(first_trigger),
                enabled: RwSignal::new(true),
                own: SetDraft::new(Match::All, &[]),
                groups: RwSignal::new(Vec::new()),
                actions: RwSignal::new(vec![ActionDraft::blank()]),
            };
        };
        let conditions = &rule.conditions;
        Draft {
            name: RwSignal::new(rule.name.clone()),
            trigger: RwSignal::new(rule.trigger.clone()),
            enabled: RwSignal::new(rule.enabled),
            own: SetDraft::new(conditions.match_, &conditions.conditions),
            groups: RwSignal::new(
                conditions
                    .groups
                    .iter()
                    .map(|g| SetDraft::new(g.match_, &g.conditions))
                    .collect(),
            ),
            actions: RwSignal::new(rule.actions.iter().map(ActionDraft::of).collect()),
        }
    }

    fn conditions(&self, fields: &[TriggerField]) -> Conditions {
        let own: ConditionSet = self.own.set(fields);
        Conditions {
            match_: own.match_,
            conditions: own.conditions,
            groups: self
                .groups
                .get_untracked()
                .iter()
                .map(|g| g.set(fields))
                .collect(),
        }
    }

    /// The rule to send, or the first row the form cannot make an action of.
    fn rule(&self, fields: &[TriggerField]) -> Result<RuleIn, ApiError> {
        let actions = self
            .actions
            .get_untracked()
            .iter()
            .enumerate()
            .map(|(i, a)| a.action(i))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(RuleIn {
            name: self.name.get_untracked().trim().to_owned(),
            trigger: self.trigger.get_untracked(),
            conditions: self.conditions(fields),
            actions,
            enabled: Some(self.enabled.get_untracked()),
        })
    }
}

/// Adds a rule (then opens it), or saves every part of one against the version it read.
#[component]
pub fn RuleForm(
    triggers: Vec<TriggerOut>,
    rule: Option<RuleOut>,
    /// Told after an existing rule is saved.
    #[prop(optional)]
    saved: Option<Callback<()>>,
) -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let first = triggers
        .first()
        .map(|t| t.event.clone())
        .unwrap_or_default();
    let draft = Draft::new(rule.as_ref(), first);
    let existing = rule.as_ref().map(|r| (r.id, r.version));
    let triggers = StoredValue::new(triggers);
    let trigger = Memo::new(move |_| {
        let event = draft.trigger.get();
        triggers.with_value(|all| all.iter().find(|t| t.event == event).cloned())
    });
    let failed = RwSignal::new(None::<ApiError>);
    let key = RwSignal::new(new_key());
    let submit = Action::new_local(move |_: &()| {
        let fields = trigger
            .get_untracked()
            .map(|t| t.fields)
            .unwrap_or_default();
        let built = draft.rule(&fields);
        let navigate = navigate.clone();
        let idempotency = key.get_untracked();
        async move {
            let input = match built {
                Ok(input) => input,
                Err(error) => return failed.set(Some(error)),
            };
            let sent = match existing {
                None => api::rules::create_rule(session, &input, idempotency).await,
                Some((id, version)) => {
                    api::rules::update_rule(session, id, &patch_of(input), version).await
                }
            };
            match sent {
                Ok(made) if existing.is_none() => navigate(
                    &format!("/automation/rules/{}", made.id),
                    Default::default(),
                ),
                Ok(_) => {
                    failed.set(None);
                    if let Some(saved) = saved {
                        saved.run(());
                    }
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let button = if existing.is_some() {
        "rule-save"
    } else {
        "rule-create"
    };
    view! {
        <form class="card rule-form" on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch(());
        }>
            <Field label="rule-name" name="name" value=draft.name failed field="name" required=true />
            <TriggerChoice triggers draft failed />
            <label class="check">
                <input type="checkbox" name="enabled" bind:checked=draft.enabled />
                {move || t("rule-enabled")}
            </label>
            <ConditionsEditor own=draft.own groups=draft.groups trigger failed />
            <ActionsEditor actions=draft.actions trigger failed />
            <button type="submit" data-testid="save-rule">{move || t(button)}</button>
            <FormProblem failed />
        </form>
    }
}

/// A patch carrying every part of the rule.
fn patch_of(rule: RuleIn) -> RulePatch {
    RulePatch {
        name: Some(rule.name),
        trigger: Some(rule.trigger),
        conditions: Some(rule.conditions),
        actions: Some(rule.actions),
        enabled: rule.enabled,
    }
}

/// The event the rule starts from.
#[component]
fn TriggerChoice(
    triggers: StoredValue<Vec<TriggerOut>>,
    draft: Draft,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let error = Memo::new(move |_| failed.get().and_then(|e| e.for_field("trigger")));
    view! {
        <label for="field-trigger">
            {move || t("rule-trigger")}
            <select id="field-trigger" name="trigger"
                on:change=move |ev| draft.trigger.set(event_target_value(&ev))
                prop:value=move || draft.trigger.get()
                aria-invalid=move || error.get().is_some().to_string()>
                {move || triggers.with_value(|all| all.iter().map(|trigger| {
                    let event = trigger.event.clone();
                    let label = event_label(&event);
                    let chosen = draft.trigger.get_untracked() == event;
                    view! { <option value=event.clone() selected=chosen>{label}" · "{event.clone()}</option> }
                }).collect_view())}
            </select>
        </label>
        <p class="field-error error">{error}</p>
    }
}
