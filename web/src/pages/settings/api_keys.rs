//! API keys: the list, a new key (its secret shown once), revoking.

use leptos::prelude::*;
use openapi::auth::{ApiKeyIn, ApiKeyOut, Permission};

use super::{bump, confirmed, may};
use crate::api::{self, ApiError};
use crate::components::{ErrorNote, Field, FormProblem, Pager, listing, new_key};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::session::Session;

/// The permissions an API key may be given (`api/src/auth/permission.rs`, the second column):
/// every one but managing members and keys.
fn key_scopes() -> impl Iterator<Item = Permission> {
    Permission::ALL
        .into_iter()
        .filter(|p| !matches!(p, Permission::MembersManage | Permission::ApiKeysManage))
}

#[component]
pub fn ApiKeys() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let changed = RwSignal::new(0u32);
    let failed = RwSignal::new(None::<ApiError>);
    let keys = LocalResource::new(move || {
        changed.track();
        let cursor = pager.cursor();
        async move { api::auth::api_keys(session, cursor).await }
    });
    view! {
        <section class="settings-section" aria-labelledby="settings-api-keys">
            <h2 id="settings-api-keys">{move || t("settings-api-keys")}</h2>
            <p class="settings-hint">{move || t("settings-api-keys-intro")}</p>
            <NewApiKey changed />
            {move || failed.get().map(|error| view! { <ErrorNote error /> })}
            {listing(keys, pager, "settings-api-keys",
                &["settings-api-key-name", "settings-api-key-prefix", "settings-api-key-scopes",
                  "settings-api-key-created", "settings-api-key-last-used", "settings-actions"],
                move |key: ApiKeyOut| view! { <ApiKeyRow key changed failed /> })}
        </section>
    }
}

#[component]
fn ApiKeyRow(
    key: ApiKeyOut,
    changed: RwSignal<u32>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let session = Session::get();
    let id = key.id;
    let revoke = Action::new_local(move |_: &()| async move {
        let answer = api::auth::revoke_api_key(session, id).await;
        if answer.is_ok() {
            bump(changed);
        }
        failed.set(answer.err());
    });
    let name = key.name.clone();
    let ask_revoke = move |_| {
        if confirmed("settings-api-key-revoke-confirm", &[("name", name.clone())]) {
            revoke.dispatch(());
        }
    };
    let locale = move || I18n::get().locale();
    let (created, last_used, revoked) = (key.created_at, key.last_used_at, key.revoked_at);
    view! {
        <tr class:settings-archived=revoked.is_some()>
            <td>{key.name}</td>
            <td><code>{key.prefix} "…"</code></td>
            <td><small>{scope_list(&key.scopes)}</small></td>
            <td>{move || format::date_time(created, locale())}</td>
            <td>{move || last_used.map_or_else(|| t("settings-api-key-never"), |at| format::date_time(at, locale()))}</td>
            <td>
                {match revoked {
                    Some(at) => view! {
                        <span>{move || message(locale(), "settings-api-key-revoked",
                            &[("at", format::date_time(at, locale()))])}</span>
                    }.into_any(),
                    None => view! {
                        <button type="button" class="secondary settings-danger"
                            disabled=move || revoke.pending().get() on:click=ask_revoke.clone()>
                            {move || t("settings-api-key-revoke")}
                        </button>
                    }.into_any(),
                }}
            </td>
        </tr>
    }
}

#[component]
fn NewApiKey(changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let name = RwSignal::new(String::new());
    let scopes = RwSignal::new(Vec::<Permission>::new());
    let failed = RwSignal::new(None::<ApiError>);
    let secret = RwSignal::new(None::<String>);
    let key = RwSignal::new(new_key());
    let create = Action::new_local(move |_: &()| {
        secret.set(None);
        let body = ApiKeyIn {
            name: name.get_untracked(),
            scopes: scopes.get_untracked(),
        };
        let idempotency_key = key.get_untracked();
        async move {
            match api::auth::create_api_key(session, &body, idempotency_key).await {
                Ok(created) => {
                    failed.set(None);
                    secret.set(Some(created.secret));
                    name.set(String::new());
                    scopes.set(Vec::new());
                    key.set(new_key());
                    bump(changed);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    // A key gets no more than its creator holds (the API refuses more).
    let grantable: Vec<Permission> = key_scopes().filter(|s| may(*s)).collect();
    let scopes_error = move || failed.get().and_then(|e| e.for_field("scopes"));
    view! {
        {move || secret.get().map(|secret_text| view! {
            <div class="settings-secret" role="alert">
                <p>
                    <strong>{move || t("settings-api-key-secret-title")}</strong> " "
                    {move || t("settings-api-key-secret-once")}
                </p>
                <code data-testid="api-key-secret">{secret_text}</code>
                <button type="button" class="secondary" on:click=move |_| secret.set(None)>
                    {move || t("settings-api-key-secret-done")}
                </button>
            </div>
        })}
        <form class="settings-form" data-testid="new-api-key" on:submit=move |ev| {
            ev.prevent_default();
            create.dispatch(());
        }>
            <Field label="settings-api-key-name" name="api_key_name" value=name failed field="name"
                required=true />
            <fieldset class="settings-scopes" aria-describedby="field-api_key_scopes-error">
                <legend>{move || t("settings-api-key-scopes")}</legend>
                {grantable.into_iter().map(|scope| view! {
                    <label class="settings-scope">
                        <input type="checkbox" name="api_key_scope" value=scope.as_str()
                            prop:checked=move || scopes.with(|s| s.contains(&scope))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                scopes.update(|s| {
                                    s.retain(|x| *x != scope);
                                    if on {
                                        s.push(scope);
                                    }
                                });
                            } />
                        <code>{scope.as_str()}</code>
                    </label>
                }).collect_view()}
            </fieldset>
            <p class="field-error error" id="field-api_key_scopes-error">{scopes_error}</p>
            <button type="submit" disabled=move || create.pending().get()>
                {move || t("settings-api-key-create")}
            </button>
            <FormProblem failed />
        </form>
    }
}

/// A key's scopes by their names, for reading.
fn scope_list(scopes: &[Permission]) -> String {
    let names: Vec<&str> = scopes.iter().map(|p| p.as_str()).collect();
    names.join(", ")
}
