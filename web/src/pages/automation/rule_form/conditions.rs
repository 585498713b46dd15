//! The conditions of the form: the rule's own, joined by "all" or "any", and up to five
//! groups of their own; each row a field, an operator and a value that fits them.

use leptos::prelude::*;
use openapi::automation::{
    Condition, ConditionSet, FieldType, Match, Operator, TriggerField, TriggerOut,
};

use super::super::{field_label, from_wire, operator_key, wire};
use super::ConditionDraft;
use crate::api::ApiError;
use crate::i18n::{t, t_or};

const MAX_CONDITIONS: usize = 20;
const MAX_GROUPS: usize = 5;

/// A set of conditions joined by one `match`.
#[derive(Clone, Copy)]
pub(super) struct SetDraft {
    key: u32,
    any: RwSignal<bool>,
    conditions: RwSignal<Vec<ConditionDraft>>,
}

impl SetDraft {
    pub(super) fn new(match_: Match, conditions: &[Condition]) -> SetDraft {
        SetDraft {
            key: super::next_key(),
            any: RwSignal::new(match_ == Match::Any),
            conditions: RwSignal::new(conditions.iter().map(ConditionDraft::of).collect()),
        }
    }

    pub(super) fn set(&self, fields: &[TriggerField]) -> ConditionSet {
        ConditionSet {
            match_: if self.any.get_untracked() {
                Match::Any
            } else {
                Match::All
            },
            conditions: self
                .conditions
                .get_untracked()
                .iter()
                .map(|c| c.condition(fields))
                .collect(),
        }
    }
}

/// The rule's own conditions and its groups.
#[component]
pub(super) fn ConditionsEditor(
    own: SetDraft,
    groups: RwSignal<Vec<SetDraft>>,
    trigger: Memo<Option<TriggerOut>>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let add_group = move |_| {
        groups.update(|g| {
            if g.len() < MAX_GROUPS {
                let group = SetDraft::new(Match::Any, &[]);
                group.conditions.update(|c| c.push(ConditionDraft::blank()));
                g.push(group);
            }
        })
    };
    view! {
        <fieldset class="rule-conditions">
            <legend>{move || t("rule-conditions")}</legend>
            <p class="hint muted">{move || t("rule-conditions-hint")}</p>
            <SetEditor set=own prefix=Signal::derive(|| "conditions".to_owned()) trigger failed />
            <For each=move || groups.get() key=|g| g.key let:group>
                <GroupEditor group groups trigger failed />
            </For>
            <button type="button" class="secondary" data-testid="add-group"
                disabled=move || groups.with(|g| g.len() >= MAX_GROUPS)
                on:click=add_group>{move || t("rule-add-group")}</button>
        </fieldset>
    }
}

/// A group: one more term of the rule's `match`, with a `match` of its own.
#[component]
fn GroupEditor(
    group: SetDraft,
    groups: RwSignal<Vec<SetDraft>>,
    trigger: Memo<Option<TriggerOut>>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let prefix = Signal::derive(move || {
        let at = groups.with(|g| g.iter().position(|x| x.key == group.key));
        format!("conditions.groups[{}]", at.unwrap_or_default())
    });
    let remove = move |_| groups.update(|g| g.retain(|x| x.key != group.key));
    view! {
        <div class="rule-group">
            <SetEditor set=group prefix trigger failed />
            <button type="button" class="link" on:click=remove>{move || t("rule-remove-group")}</button>
        </div>
    }
}

/// A set's `match` and its rows.
#[component]
fn SetEditor(
    set: SetDraft,
    prefix: Signal<String>,
    trigger: Memo<Option<TriggerOut>>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let conditions = set.conditions;
    let add = move |_| {
        conditions.update(|c| {
            if c.len() < MAX_CONDITIONS {
                c.push(ConditionDraft::blank());
            }
        })
    };
    view! {
        <div class="rule-set">
            <label class="rule-match">
                {move || t("rule-match")}
                <select on:change=move |ev| set.any.set(event_target_value(&ev) == "any")
                    prop:value=move || if set.any.get() { "any" } else { "all" }>
                    <option value="all">{move || t("rule-match-all")}</option>
                    <option value="any">{move || t("rule-match-any")}</option>
                </select>
            </label>
            <For each=move || conditions.get() key=|c| c.key let:condition>
                <ConditionRow condition conditions prefix trigger failed />
            </For>
            <button type="button" class="secondary" data-testid="add-condition"
                on:click=add>{move || t("rule-add-condition")}</button>
        </div>
    }
}

/// One condition: field, operator, value, and what the API said of it.
#[component]
fn ConditionRow(
    condition: ConditionDraft,
    conditions: RwSignal<Vec<ConditionDraft>>,
    prefix: Signal<String>,
    trigger: Memo<Option<TriggerOut>>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let path = Signal::derive(move || {
        let at = conditions.with(|c| c.iter().position(|x| x.key == condition.key));
        format!("{}.conditions[{}]", prefix.get(), at.unwrap_or_default())
    });
    let field = Memo::new(move |_| {
        let path = condition.field.get();
        trigger
            .get()
            .and_then(|t| t.fields.into_iter().find(|f| f.path == path))
    });
    let choose_field = move |ev| {
        let path = event_target_value(&ev);
        let chosen = trigger
            .get_untracked()
            .and_then(|t| t.fields.into_iter().find(|f| f.path == path));
        condition.field.set(path);
        if let Some(chosen) = chosen {
            let op = chosen.operators.first().map(wire).unwrap_or_default();
            condition.op.set(op);
            condition.value.set(match chosen.kind {
                FieldType::Boolean => "true".to_owned(),
                FieldType::Choice => chosen.choices.first().cloned().unwrap_or_default(),
                _ => String::new(),
            });
            condition.picks.set(Vec::new());
        }
    };
    let errors = move || {
        failed
            .get()
            .map(|e| e.under(&path.get()))
            .unwrap_or_default()
    };
    let remove = move |_| conditions.update(|c| c.retain(|x| x.key != condition.key));
    view! {
        <div class="rule-condition" data-testid="condition">
            <select aria-label=move || t("rule-field") name="condition-field"
                on:change=choose_field prop:value=move || condition.field.get()>
                <option value="">{move || t("rule-choose-field")}</option>
                {move || trigger.get().map(|t| t.fields.into_iter().map(|f| {
                    let label = field_label(&f.path);
                    let chosen = condition.field.get_untracked() == f.path;
                    view! { <option value=f.path selected=chosen>{label}</option> }
                }).collect_view())}
            </select>
            <select aria-label=move || t("rule-operator") name="condition-op"
                on:change=move |ev| condition.op.set(event_target_value(&ev))
                prop:value=move || condition.op.get()>
                {move || field.get().map(|f| f.operators.into_iter().map(|op| {
                    let chosen = condition.op.get_untracked() == wire(&op);
                    view! { <option value=wire(&op) selected=chosen>{move || t(operator_key(op))}</option> }
                }).collect_view())}
            </select>
            {move || field.get().map(|f| view! { <ValueInput condition field=f /> })}
            <button type="button" class="link" on:click=remove>{move || t("rule-remove")}</button>
            <ul class="field-error error">
                {move || errors().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// The value of a condition, as its field and operator want it.
#[component]
fn ValueInput(condition: ConditionDraft, field: TriggerField) -> impl IntoView {
    let label = move || t("rule-value");
    move || {
        let op = from_wire(&condition.op.get()).unwrap_or(Operator::Equals);
        let path = field.path.clone();
        match (op, field.kind) {
            (Operator::IsFirstOrder, _) => ().into_any(),
            (Operator::In, FieldType::Choice) => view! {
                <span class="rule-picks">
                    {field.choices.iter().map(|choice| {
                        let (value, check) = (choice.clone(), choice.clone());
                        view! {
                            <label class="check">
                                <input type="checkbox" name="condition-pick"
                                    prop:checked=move || condition.picks.with(|p| p.contains(&check))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        condition.picks.update(|p| {
                                            p.retain(|x| *x != value);
                                            if on {
                                                p.push(value.clone());
                                            }
                                        });
                                    } />
                                {choice_label(&path, choice)}
                            </label>
                        }
                    }).collect_view()}
                </span>
            }
            .into_any(),
            (_, FieldType::Choice) => view! {
                <select aria-label=label name="condition-value"
                    on:change=move |ev| condition.value.set(event_target_value(&ev))
                    prop:value=move || condition.value.get()>
                    {field.choices.iter().map(|c| {
                        let chosen = condition.value.get_untracked() == *c;
                        view! { <option value=c.clone() selected=chosen>{choice_label(&path, c)}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any(),
            (_, FieldType::Boolean) => view! {
                <select aria-label=label name="condition-value"
                    on:change=move |ev| condition.value.set(event_target_value(&ev))
                    prop:value=move || condition.value.get()>
                    <option value="true">{move || t("rule-yes")}</option>
                    <option value="false" selected=condition.value.get_untracked() == "false">
                        {move || t("rule-no")}
                    </option>
                </select>
            }
            .into_any(),
            (op, kind) => {
                let hint = if op == Operator::In { "rule-value-list" } else { "rule-value" };
                let input = if kind == FieldType::Number { "number" } else { "text" };
                view! {
                    <input type=input step="any" name="condition-value" bind:value=condition.value
                        aria-label=label placeholder=move || t(hint) />
                }
                .into_any()
            }
        }
    }
}

/// A choice in words where the app has them (an order's status, a channel's kind).
fn choice_label(path: &str, choice: &str) -> String {
    match path {
        "order.status" => t_or(&format!("status-{choice}"), choice),
        "order.channel_kind" => t_or(&format!("settings-channel-kind-{choice}"), choice),
        _ => choice.to_owned(),
    }
}
