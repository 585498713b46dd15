//! The store's email templates: pick an email and a language, edit its subject, text and HTML,
//! preview it with sample data, save it, or go back to the built-in one.

use leptos::prelude::*;
use openapi::mail::{PreviewIn, PreviewOut, TemplateIn, TemplateOut};
use openapi::tenancy::Locale;

use crate::api::{self, ApiError};
use crate::components::{Choice, ErrorNote, Field, FormProblem, Loading, Saved, email_kind_key};
use crate::i18n::t;
use crate::session::Session;

fn locale_key(locale: Locale) -> &'static str {
    match locale {
        Locale::PtBr => "settings-locale-pt-BR",
        Locale::Es => "settings-locale-es",
        Locale::En => "settings-locale-en",
    }
}

#[component]
pub fn EmailTemplates() -> impl IntoView {
    let session = Session::get();
    let templates = LocalResource::new(move || api::mail::templates(session));
    view! {
        <section class="settings-section" aria-labelledby="settings-templates">
            <h2 id="settings-templates">{move || t("settings-templates")}</h2>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || templates.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(list) => view! { <TemplatePicker list /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TemplatePicker(list: Vec<TemplateOut>) -> impl IntoView {
    let chosen = RwSignal::new("0".to_owned());
    let failed = RwSignal::new(None::<ApiError>);
    let options = list
        .iter()
        .enumerate()
        .map(|(i, template)| {
            let (kind, locale) = (template.kind, template.locale);
            view! {
                <option value=i.to_string()>
                    {move || format!("{} — {}", t(email_kind_key(kind)), t(locale_key(locale)))}
                </option>
            }
        })
        .collect_view();
    let templates = RwSignal::new(list);
    view! {
        <Choice label="settings-template-choice" name="template" value=chosen failed field="template">
            {options}
        </Choice>
        {move || {
            // Saving or resetting updates the entry without building the form again; choosing
            // another template builds its form from what was last saved.
            let index: usize = chosen.get().parse().unwrap_or(0);
            templates
                .with_untracked(|all| all.get(index).cloned())
                .map(|template| view! { <TemplateForm template index templates /> })
        }}
    }
}

#[component]
fn TemplateForm(
    template: TemplateOut,
    index: usize,
    templates: RwSignal<Vec<TemplateOut>>,
) -> impl IntoView {
    let session = Session::get();
    let (kind, locale) = (template.kind, template.locale);
    let subject = RwSignal::new(template.subject.clone());
    let text = RwSignal::new(template.text.clone());
    let html = RwSignal::new(template.html.clone());
    let customized = RwSignal::new(template.customized);
    let failed = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let preview = RwSignal::new(None::<PreviewOut>);
    let remember = move |template: TemplateOut| {
        templates.update(|all| {
            if let Some(entry) = all.get_mut(index) {
                *entry = template;
            }
        });
    };
    let edited = move || TemplateIn {
        subject: subject.get_untracked(),
        text: text.get_untracked(),
        html: html.get_untracked(),
    };
    let save = Action::new_local(move |_: &()| async move {
        match api::mail::save_template(session, kind, locale, &edited()).await {
            Ok(template) => {
                failed.set(None);
                customized.set(true);
                saved.set(true);
                remember(template);
            }
            Err(error) => failed.set(Some(error)),
        }
    });
    let show = Action::new_local(move |_: &()| async move {
        let input = PreviewIn {
            template: Some(edited()),
        };
        match api::mail::preview(session, kind, locale, &input).await {
            Ok(rendered) => {
                failed.set(None);
                preview.set(Some(rendered));
            }
            Err(error) => failed.set(Some(error)),
        }
    });
    let reset = {
        Action::new_local(move |_: &()| async move {
            let answer = match api::mail::reset_template(session, kind, locale).await {
                Ok(()) => api::mail::templates(session).await,
                Err(error) => Err(error),
            };
            match answer {
                Ok(list) => {
                    if let Some(built_in) = list
                        .into_iter()
                        .find(|t| t.kind == kind && t.locale == locale)
                    {
                        subject.set(built_in.subject.clone());
                        text.set(built_in.text.clone());
                        html.set(built_in.html.clone());
                        remember(built_in);
                    }
                    failed.set(None);
                    customized.set(false);
                    saved.set(false);
                    preview.set(None);
                }
                Err(error) => failed.set(Some(error)),
            }
        })
    };
    view! {
        <form class="settings-template" data-testid="email-template" on:submit=move |ev| {
            ev.prevent_default();
            saved.set(false);
            save.dispatch(());
        }>
            <p>{move || t(if customized.get() {
                "settings-template-customized"
            } else {
                "settings-template-built-in"
            })}</p>
            <Field label="settings-template-subject" name="template_subject" value=subject failed
                field="subject" required=true />
            <TextArea label="settings-template-text" name="template_text" value=text />
            <TextArea label="settings-template-html" name="template_html" value=html />
            <div class="actions">
                <button type="submit" disabled=move || save.pending().get()>
                    {move || t("settings-template-save")}
                </button>
                <button type="button" class="secondary" disabled=move || show.pending().get()
                    on:click=move |_| { show.dispatch(()); }>
                    {move || t("settings-template-preview")}
                </button>
                {move || customized.get().then(|| view! {
                    <button type="button" class="secondary" disabled=move || reset.pending().get()
                        on:click=move |_| { reset.dispatch(()); }>
                        {move || t("settings-template-reset")}
                    </button>
                })}
                <Saved done=saved />
            </div>
        </form>
        <FormProblem failed />
        {move || preview.get().map(|rendered| view! {
            <div class="template-preview" data-testid="template-preview">
                <h3>{rendered.subject}</h3>
                <pre>{rendered.text}</pre>
                <iframe sandbox="" srcdoc=rendered.html
                    title=move || t("settings-template-html")></iframe>
            </div>
        })}
    }
}

/// A labelled text area bound to `value`.
#[component]
fn TextArea(label: &'static str, name: &'static str, value: RwSignal<String>) -> impl IntoView {
    let id = format!("field-{name}");
    let label_for = id.clone();
    view! {
        <label for=label_for>
            {move || t(label)}
            <textarea id=id name=name rows="8"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        </label>
    }
}
