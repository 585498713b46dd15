//! Order settings: the first-order hold limit and where the team's notifications go.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::catalog::Status;
use openapi::orders::OrderSettings;
use uuid::Uuid;

use super::may;
use crate::api::{self, ApiError};
use crate::components::{Choice, ErrorNote, Field, FormProblem, Loading, Saved};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

#[component]
pub fn OrderRules() -> impl IntoView {
    let session = Session::get();
    let settings = LocalResource::new(move || api::orders::settings(session));
    view! {
        <section class="settings-section" aria-labelledby="settings-orders">
            <h2 id="settings-orders">{move || t("settings-orders")}</h2>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || settings.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    // Reading needs `orders:read`, changing needs `tenant:manage`.
                    Ok(settings) if may(Permission::TenantManage) => {
                        view! { <OrderSettingsForm settings /> }.into_any()
                    }
                    Ok(settings) => view! { <OrderSettingsFacts settings /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn OrderSettingsFacts(settings: OrderSettings) -> impl IntoView {
    let session = Session::get();
    let currency = untrack(|| {
        session
            .0
            .with(|s| s.me.as_ref().map(|me| me.tenant.currency))
    });
    let hold = settings.first_order_hold_above;
    let hold = move || match (hold, currency) {
        (Some(amount), Some(currency)) => format::money(amount, currency, I18n::get().locale()),
        (Some(amount), None) => amount.to_string(),
        (None, _) => t("settings-orders-no-limit"),
    };
    let emails = settings.staff_emails.join(", ");
    let reply_to = settings.reply_to;
    view! {
        <dl class="settings-facts">
            <dt>{move || t("settings-orders-hold")}</dt><dd>{hold}</dd>
            <dt>{move || t("settings-orders-staff-emails")}</dt>
            <dd>{move || if emails.is_empty() { t("settings-orders-owners") } else { emails.clone() }}</dd>
            <dt>{move || t("settings-orders-reply-to")}</dt>
            <dd>{move || reply_to.clone().unwrap_or_else(|| t("settings-orders-no-reply-to"))}</dd>
        </dl>
        <p class="settings-hint">{move || t("settings-read-only")}</p>
    }
}

/// The addresses typed in one field, separated by commas, semicolons or spaces.
fn addresses(text: &str) -> Vec<String> {
    text.split([',', ';', ' ', '\n'])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

#[component]
fn OrderSettingsForm(settings: OrderSettings) -> impl IntoView {
    let session = Session::get();
    let hold = RwSignal::new(
        settings
            .first_order_hold_above
            .map(|amount| amount.to_string())
            .unwrap_or_default(),
    );
    let emails = RwSignal::new(settings.staff_emails.join(", "));
    let reply_to = RwSignal::new(settings.reply_to.unwrap_or_default());
    let service = RwSignal::new(
        settings
            .default_shipping_service_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
    );
    let failed = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |_: &()| {
        saved.set(false);
        // The amount goes as typed (a comma as decimal point is accepted); the API judges it.
        let limit = hold.get_untracked().trim().replace(',', ".");
        let reply = reply_to.get_untracked().trim().to_owned();
        let body = serde_json::json!({
            "first_order_hold_above": (!limit.is_empty()).then_some(limit),
            "staff_emails": addresses(&emails.get_untracked()),
            "reply_to": (!reply.is_empty()).then_some(reply),
            "default_shipping_service_id": Uuid::parse_str(&service.get_untracked()).ok(),
        });
        async move {
            match api::orders::save_settings(session, &body).await {
                Ok(settings) => {
                    failed.set(None);
                    saved.set(true);
                    emails.set(settings.staff_emails.join(", "));
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="settings-form" data-testid="order-settings" on:submit=move |ev| {
            ev.prevent_default();
            save.dispatch(());
        }>
            <Field label="settings-orders-hold" name="first_order_hold_above" value=hold failed
                field="first_order_hold_above" />
            <p class="settings-hint">{move || t("settings-orders-hold-hint")}</p>
            <Field label="settings-orders-staff-emails" name="staff_emails" value=emails failed
                field="staff_emails" />
            <p class="settings-hint">{move || t("settings-orders-staff-emails-hint")}</p>
            <Field label="settings-orders-reply-to" name="reply_to" value=reply_to failed
                field="reply_to" kind="email" />
            <DefaultService service failed />
            <button type="submit" disabled=move || save.pending().get()>{move || t("save")}</button>
            <Saved done=saved />
            <FormProblem failed />
        </form>
    }
}

/// The carrier service an order takes when it names none: every active service of the store.
#[component]
fn DefaultService(service: RwSignal<String>, failed: RwSignal<Option<ApiError>>) -> impl IntoView {
    let session = Session::get();
    let carriers = LocalResource::new(move || api::logistics::all_carriers(session));
    let options = move || {
        let carriers = carriers.get().and_then(Result::ok).unwrap_or_default();
        carriers
            .into_iter()
            .filter(|c| c.status == Status::Active)
            .flat_map(|c| {
                let name = c.name.clone();
                c.services
                    .into_iter()
                    .filter(|s| s.status == Status::Active)
                    .map(move |s| (s.id.to_string(), format!("{name} · {}", s.name)))
            })
            .map(|(id, label)| {
                let selected = service.get_untracked() == id;
                view! { <option value=id selected=selected>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <Choice label="settings-orders-default-service" name="default_shipping_service_id"
            value=service failed field="default_shipping_service_id">
            <option value="">{move || t("settings-orders-no-default-service")}</option>
            {options}
        </Choice>
        <p class="settings-hint">{move || t("settings-orders-default-service-hint")}</p>
    }
}
