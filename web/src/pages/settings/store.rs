//! The store: name, language, currency and time zone.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::tenancy::{Currency, Locale, TenantOut, TenantPatch};

use super::may;
use crate::api;
use crate::components::{Choice, Edit, ErrorNote, Field, FormProblem, Loading, Saved};
use crate::i18n::t;
use crate::session::Session;

const LOCALES: [(Locale, &str); 3] = [
    (Locale::PtBr, "settings-locale-pt-BR"),
    (Locale::Es, "settings-locale-es"),
    (Locale::En, "settings-locale-en"),
];

fn locale_key(locale: Locale) -> &'static str {
    LOCALES
        .iter()
        .find(|(l, _)| *l == locale)
        .map_or("settings-locale-pt-BR", |(_, key)| key)
}

fn currency_label(currency: Currency) -> String {
    format!("{} ({})", currency.as_str(), currency.symbol())
}

#[component]
pub fn Store() -> impl IntoView {
    let session = Session::get();
    let tenant = LocalResource::new(move || api::tenancy::tenant(session));
    view! {
        <section class="settings-section" aria-labelledby="settings-store">
            <h2 id="settings-store">{move || t("settings-store")}</h2>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || tenant.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(tenant) if may(Permission::TenantManage) => view! { <StoreForm tenant /> }.into_any(),
                    Ok(tenant) => view! { <StoreFacts tenant /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn StoreFacts(tenant: TenantOut) -> impl IntoView {
    let locale = tenant.locale;
    view! {
        <dl class="settings-facts">
            <dt>{move || t("settings-store-name")}</dt><dd>{tenant.name}</dd>
            <dt>{move || t("settings-store-locale")}</dt><dd>{move || t(locale_key(locale))}</dd>
            <dt>{move || t("settings-store-currency")}</dt><dd>{currency_label(tenant.currency)}</dd>
            <dt>{move || t("settings-store-timezone")}</dt><dd>{tenant.timezone}</dd>
        </dl>
        <p class="settings-hint">{move || t("settings-read-only")}</p>
    }
}

#[component]
fn StoreForm(tenant: TenantOut) -> impl IntoView {
    let session = Session::get();
    let (locale_now, currency_now) = (tenant.locale, tenant.currency);
    let edit = Edit::new(tenant.version);
    let (failed, saved) = (edit.failed, edit.done);
    let name = RwSignal::new(tenant.name);
    let locale = RwSignal::new(locale_now.as_str().to_owned());
    let currency = RwSignal::new(currency_now.as_str().to_owned());
    let timezone = RwSignal::new(tenant.timezone);
    let save = Action::new_local(move |_: &()| {
        saved.set(false);
        let patch = TenantPatch {
            name: Some(name.get_untracked()),
            currency: Currency::parse(&currency.get_untracked()),
            locale: Locale::parse(&locale.get_untracked()),
            timezone: Some(timezone.get_untracked().trim().to_owned()),
        };
        async move {
            let update = |version| api::tenancy::update_tenant(session, &patch, version);
            if let Some(tenant) = edit.save(update, |t: &TenantOut| t.version).await {
                // The top bar shows the store's name from the session.
                session.0.update(|s| {
                    if let Some(me) = s.me.as_mut() {
                        me.tenant = tenant;
                    }
                });
            }
        }
    });
    view! {
        <form class="settings-form" data-testid="store-settings" on:submit=move |ev| {
            ev.prevent_default();
            save.dispatch(());
        }>
            <Field label="settings-store-name" name="store_name" value=name failed field="name"
                required=true />
            <Choice label="settings-store-locale" name="store_locale" value=locale failed
                field="locale">
                {LOCALES.into_iter().map(|(l, key)| view! {
                    <option value=l.as_str() selected=l == locale_now>{move || t(key)}</option>
                }).collect_view()}
            </Choice>
            <Choice label="settings-store-currency" name="store_currency" value=currency failed
                field="currency">
                {Currency::ALL.into_iter().map(|c| view! {
                    <option value=c.as_str() selected=c == currency_now>{currency_label(c)}</option>
                }).collect_view()}
            </Choice>
            <Field label="settings-store-timezone" name="store_timezone" value=timezone failed
                field="timezone" required=true />
            <p class="settings-hint">{move || t("settings-store-timezone-hint")}</p>
            <button type="submit" disabled=move || save.pending().get()>{move || t("save")}</button>
            <Saved done=saved />
            <FormProblem failed />
        </form>
    }
}
