//! The actions of the form, in the order they run: each a kind the trigger allows and what
//! it needs (a template, a tag, a reason, an endpoint, the roles to notify).

use leptos::prelude::*;
use openapi::automation::{ActionKind, RuleAction, TriggerOut};
use openapi::mail::EmailKind;
use openapi::tenancy::Role;
use uuid::Uuid;

use super::super::{action_key, from_wire, wire};
use super::next_key;
use crate::api::{self, ApiError};
use crate::components::{email_kind_key, role_key};
use crate::i18n::t;
use crate::session::Session;

const MAX_ACTIONS: usize = 10;
const MEMBER_ROLES: [Role; 5] = [
    Role::Owner,
    Role::Admin,
    Role::Manager,
    Role::Staff,
    Role::Viewer,
];

/// One action as the form holds it.
#[derive(Clone, Copy)]
pub(super) struct ActionDraft {
    key: u32,
    kind: RwSignal<String>,
    template: RwSignal<String>,
    /// A tag, a reason to hold, or a notification's note.
    text: RwSignal<String>,
    endpoint: RwSignal<String>,
    roles: RwSignal<Vec<Role>>,
}

impl ActionDraft {
    pub(super) fn blank() -> ActionDraft {
        ActionDraft {
            key: next_key(),
            kind: RwSignal::new(String::new()),
            template: RwSignal::new(String::new()),
            text: RwSignal::new(String::new()),
            endpoint: RwSignal::new(String::new()),
            roles: RwSignal::new(Vec::new()),
        }
    }

    pub(super) fn of(action: &RuleAction) -> ActionDraft {
        let draft = ActionDraft::blank();
        draft.kind.set(wire(&action.kind()));
        match action {
            RuleAction::EmailTeam { template } | RuleAction::EmailCustomer { template } => {
                draft.template.set(template.as_str().to_owned())
            }
            RuleAction::TagOrder { tag } | RuleAction::TagCustomer { tag } => {
                draft.text.set(tag.clone())
            }
            RuleAction::HoldOrder { reason } => draft.text.set(reason.clone()),
            RuleAction::CallWebhook { endpoint_id } => draft.endpoint.set(endpoint_id.to_string()),
            RuleAction::NotifyMembers { roles, note } => {
                draft.roles.set(roles.clone());
                draft.text.set(note.clone().unwrap_or_default());
            }
        }
        draft
    }

    /// The action to send, or the choice this row (the `i`th) still lacks.
    pub(super) fn action(&self, i: usize) -> Result<RuleAction, ApiError> {
        let missing = |part: &str, key| ApiError::local(&format!("actions[{i}].{part}"), &t(key));
        let kind = from_wire::<ActionKind>(&self.kind.get_untracked())
            .ok_or_else(|| missing("type", "rule-choose-action"))?;
        let template = || {
            EmailKind::parse(&self.template.get_untracked())
                .ok_or_else(|| missing("template", "rule-choose-template"))
        };
        let text = self.text.get_untracked().trim().to_owned();
        Ok(match kind {
            ActionKind::EmailTeam => RuleAction::EmailTeam {
                template: template()?,
            },
            ActionKind::EmailCustomer => RuleAction::EmailCustomer {
                template: template()?,
            },
            ActionKind::TagOrder => RuleAction::TagOrder { tag: text },
            ActionKind::TagCustomer => RuleAction::TagCustomer { tag: text },
            ActionKind::HoldOrder => RuleAction::HoldOrder { reason: text },
            ActionKind::CallWebhook => RuleAction::CallWebhook {
                endpoint_id: self
                    .endpoint
                    .get_untracked()
                    .parse::<Uuid>()
                    .map_err(|_| missing("endpoint_id", "rule-choose-endpoint"))?,
            },
            ActionKind::NotifyMembers => RuleAction::NotifyMembers {
                roles: self.roles.get_untracked(),
                note: Some(text).filter(|n| !n.is_empty()),
            },
        })
    }
}

/// The actions, in order, each moved up or removed.
#[component]
pub(super) fn ActionsEditor(
    actions: RwSignal<Vec<ActionDraft>>,
    trigger: Memo<Option<TriggerOut>>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let add = move |_| {
        actions.update(|a| {
            if a.len() < MAX_ACTIONS {
                a.push(ActionDraft::blank());
            }
        })
    };
    let error = Memo::new(move |_| failed.get().and_then(|e| e.for_field("actions")));
    view! {
        <fieldset class="rule-actions">
            <legend>{move || t("rule-actions")}</legend>
            <For each=move || actions.get() key=|a| a.key let:action>
                <ActionRow action actions trigger failed />
            </For>
            <p class="field-error error">{error}</p>
            <button type="button" class="secondary" data-testid="add-action"
                disabled=move || actions.with(|a| a.len() >= MAX_ACTIONS)
                on:click=add>{move || t("rule-add-action")}</button>
        </fieldset>
    }
}

#[component]
fn ActionRow(
    action: ActionDraft,
    actions: RwSignal<Vec<ActionDraft>>,
    trigger: Memo<Option<TriggerOut>>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let at = Memo::new(move |_| {
        actions
            .with(|a| a.iter().position(|x| x.key == action.key))
            .unwrap_or_default()
    });
    let kind = Memo::new(move |_| from_wire::<ActionKind>(&action.kind.get()));
    let errors = move || {
        failed
            .get()
            .map(|e| e.under(&format!("actions[{}]", at.get())))
            .unwrap_or_default()
    };
    let up = move |_| {
        actions.update(|a| {
            let i = at.get_untracked();
            if i > 0 {
                a.swap(i, i - 1);
            }
        })
    };
    let remove = move |_| actions.update(|a| a.retain(|x| x.key != action.key));
    view! {
        <div class="rule-action" data-testid="action">
            <span class="rule-step">{move || at.get() + 1}"."</span>
            <select aria-label=move || t("rule-action") name="action-type"
                on:change=move |ev| action.kind.set(event_target_value(&ev))
                prop:value=move || action.kind.get()>
                <option value="">{move || t("rule-choose-action")}</option>
                {move || trigger.get().map(|t| t.actions.into_iter().map(|kind| {
                    let chosen = action.kind.get_untracked() == wire(&kind);
                    view! {
                        <option value=wire(&kind) selected=chosen>
                            {move || crate::i18n::t(action_key(kind))}
                        </option>
                    }
                }).collect_view())}
            </select>
            {move || kind.get().map(|kind| view! { <ActionDetail action kind trigger /> })}
            <span class="rule-row-buttons">
                <button type="button" class="link" on:click=up
                    disabled=move || at.get() == 0>{move || t("rule-move-up")}</button>
                <button type="button" class="link" on:click=remove>{move || t("rule-remove")}</button>
            </span>
            <ul class="field-error error">
                {move || errors().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// What an action of `kind` needs.
#[component]
fn ActionDetail(
    action: ActionDraft,
    kind: ActionKind,
    trigger: Memo<Option<TriggerOut>>,
) -> impl IntoView {
    let text_input = |placeholder: &'static str, max: &'static str| {
        view! {
            <input type="text" name="action-text" bind:value=action.text maxlength=max
                aria-label=move || t(placeholder) placeholder=move || t(placeholder) />
        }
    };
    match kind {
        ActionKind::EmailTeam | ActionKind::EmailCustomer => {
            let templates = move || {
                trigger
                    .get()
                    .map(|t| match kind {
                        ActionKind::EmailTeam => t.team_templates,
                        _ => t.customer_templates,
                    })
                    .unwrap_or_default()
            };
            view! {
                <select aria-label=move || t("rule-template") name="action-template"
                    on:change=move |ev| action.template.set(event_target_value(&ev))
                    prop:value=move || action.template.get()>
                    <option value="">{move || t("rule-choose-template")}</option>
                    {move || templates().into_iter().map(|k| {
                        let chosen = action.template.get_untracked() == k.as_str();
                        view! { <option value=k.as_str() selected=chosen>{move || t(email_kind_key(k))}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        ActionKind::TagOrder | ActionKind::TagCustomer => text_input("rule-tag", "50").into_any(),
        ActionKind::HoldOrder => text_input("rule-reason", "500").into_any(),
        ActionKind::CallWebhook => view! { <EndpointChoice action /> }.into_any(),
        ActionKind::NotifyMembers => view! {
            <span class="rule-picks">
                {MEMBER_ROLES.into_iter().map(|role| view! {
                    <label class="check">
                        <input type="checkbox" name="action-role"
                            prop:checked=move || action.roles.with(|r| r.contains(&role))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                action.roles.update(|r| {
                                    r.retain(|x| *x != role);
                                    if on {
                                        r.push(role);
                                    }
                                });
                            } />
                        {move || t(role_key(role))}
                    </label>
                }).collect_view()}
            </span>
            <small class="hint muted">{move || t("rule-roles-hint")}</small>
            {text_input("rule-note", "200")}
        }
        .into_any(),
    }
}

/// The store's webhook endpoints to call.
#[component]
fn EndpointChoice(action: ActionDraft) -> impl IntoView {
    let session = Session::get();
    let endpoints = LocalResource::new(move || async move {
        api::automation::webhooks(session, None)
            .await
            .map(|page| page.items)
            .unwrap_or_default()
    });
    view! {
        <select aria-label=move || t("rule-endpoint") name="action-endpoint"
            on:change=move |ev| action.endpoint.set(event_target_value(&ev))
            prop:value=move || {
                endpoints.track();
                action.endpoint.get()
            }>
            <option value="">{move || t("rule-choose-endpoint")}</option>
            {move || endpoints.get().unwrap_or_default().into_iter().map(|e| {
                let id = e.id.to_string();
                let chosen = action.endpoint.get_untracked() == id;
                view! { <option value=id selected=chosen>{e.url}</option> }
            }).collect_view()}
        </select>
    }
}
