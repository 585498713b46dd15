//! Form fields that show the API's message for the field they fill, and the problem of a
//! request as a whole next to its button.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::t;

/// A fresh `Idempotency-Key` for a form that creates something (kept until it succeeds, so a
/// double click or a retry creates one thing).
pub fn new_key() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}

/// The API's message for `field` in the last problem (a memo: one lookup per change).
fn field_error(failed: RwSignal<Option<ApiError>>, field: String) -> Memo<Option<String>> {
    Memo::new(move |_| failed.get().and_then(|e| e.for_field(&field)))
}

/// A labelled input bound to `value`, with the API's message for `field` under it.
#[component]
pub fn Field(
    label: &'static str,
    #[prop(into)] name: String,
    value: RwSignal<String>,
    /// The problem of the last attempt, if any.
    failed: RwSignal<Option<ApiError>>,
    /// The request field the API names when this one is wrong.
    #[prop(into)]
    field: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let error = field_error(failed, field);
    let id = format!("field-{name}");
    let label_for = id.clone();
    let error_id = format!("field-{name}-error");
    view! {
        <label for=label_for>
            {move || t(label)}
            <input id=id type=kind name=name bind:value=value required=required
                step=(kind == "number").then_some("any")
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone() />
        </label>
        <p class="field-error error" id=error_id>{error}</p>
    }
}

/// A labelled select bound to `value`; the options are its children.
#[component]
pub fn Choice(
    label: &'static str,
    #[prop(into)] name: String,
    value: RwSignal<String>,
    failed: RwSignal<Option<ApiError>>,
    #[prop(into)] field: String,
    children: Children,
) -> impl IntoView {
    let error = field_error(failed, field);
    let id = format!("field-{name}");
    let label_for = id.clone();
    let error_id = format!("field-{name}-error");
    view! {
        <label for=label_for>
            {move || t(label)}
            <select id=id name=name
                on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()>
                {children()}
            </select>
        </label>
        <p class="field-error error" id=error_id>{error}</p>
    }
}

/// What went wrong with the whole request, in words, with every short SKU when stock ran out.
#[component]
pub fn FormProblem(failed: RwSignal<Option<ApiError>>) -> impl IntoView {
    move || {
        failed.get().map(|error| {
            if error.is_stale() {
                return view! { <StaleNote /> }.into_any();
            }
            let shortages = error
                .problem
                .as_ref()
                .map(|p| p.shortages.clone())
                .unwrap_or_default();
            view! {
                <div class="problem error" role="alert">
                    <p>{error.message.clone()}</p>
                    {(!shortages.is_empty()).then(|| view! {
                        <ul>
                            {shortages.into_iter().map(|s| view! {
                                <li>{crate::i18n::message(
                                    crate::i18n::I18n::get().locale(),
                                    "stock-short",
                                    &[("sku", s.sku), ("available", s.available.to_string()),
                                      ("requested", s.requested.to_string())],
                                )}</li>
                            }).collect_view()}
                        </ul>
                    })}
                </div>
            }
            .into_any()
        })
    }
}

/// Someone else changed the row since the form read it (412): says so, with a button that
/// loads the page again, the latest version in it.
#[component]
pub fn StaleNote() -> impl IntoView {
    let reload = move |_| {
        let _ = window().location().reload();
    };
    view! {
        <div class="problem error stale" role="alert" data-testid="stale">
            <p>{move || t("stale-changed")}</p>
            <button type="button" class="secondary" on:click=reload>{move || t("stale-reload")}</button>
        </div>
    }
}

/// "Saved", after a form's change went through.
#[component]
pub fn Saved(done: RwSignal<bool>) -> impl IntoView {
    move || {
        done.get()
            .then(|| view! { <span class="saved" role="status">{move || t("saved")}</span> })
    }
}

/// An edit form's state: the version of the row it last saw, the problem of its last save, and
/// whether that save went through. Each save moves the version on, so saving twice works and
/// someone else's change in between is refused (412) instead of overwritten.
#[derive(Clone, Copy)]
pub struct Edit {
    pub version: RwSignal<i32>,
    pub failed: RwSignal<Option<ApiError>>,
    pub done: RwSignal<bool>,
}

impl Edit {
    pub fn new(version: i32) -> Edit {
        Edit {
            version: RwSignal::new(version),
            failed: RwSignal::new(None),
            done: RwSignal::new(false),
        }
    }

    /// Saves through `send`, given the version seen (a typed client function's `If-Match`);
    /// `version_of` reads the saved row's, which is returned for whatever else follows a save.
    pub async fn save<T, F>(
        self,
        send: impl FnOnce(i32) -> F,
        version_of: fn(&T) -> i32,
    ) -> Option<T>
    where
        F: std::future::Future<Output = Result<T, ApiError>>,
    {
        match send(self.version.get_untracked()).await {
            Ok(saved) => {
                self.failed.set(None);
                self.done.set(true);
                self.version.set(version_of(&saved));
                Some(saved)
            }
            Err(error) => {
                self.done.set(false);
                self.failed.set(Some(error));
                None
            }
        }
    }
}
