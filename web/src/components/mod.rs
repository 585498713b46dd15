//! Pieces the pages share: loading and error states, the state badge, the navigation.

use leptos::prelude::*;
use leptos_router::components::A;
use openapi::orders::OrderStatus;
use openapi::tenancy::Locale;

use crate::api::ApiError;
use crate::i18n::{I18n, message, t};
use crate::session::Session;

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">{move || t("loading")}</p> }
}

#[component]
pub fn Empty() -> impl IntoView {
    view! { <p class="empty">{move || t("empty")}</p> }
}

/// A failed request in words (the API's problem detail).
#[component]
pub fn ErrorNote(error: ApiError) -> impl IntoView {
    let text = move || {
        message(
            I18n::get().locale(),
            "error",
            &[("message", error.message.clone())],
        )
    };
    view! { <p class="error" role="alert">{text}</p> }
}

pub fn status_key(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::PendingPayment => "status-pending_payment",
        OrderStatus::OnHold => "status-on_hold",
        OrderStatus::Paid => "status-paid",
        OrderStatus::Fulfilling => "status-fulfilling",
        OrderStatus::Shipped => "status-shipped",
        OrderStatus::Delivered => "status-delivered",
        OrderStatus::Completed => "status-completed",
        OrderStatus::Cancelled => "status-cancelled",
    }
}

#[component]
pub fn StatusBadge(status: OrderStatus) -> impl IntoView {
    view! {
        <span class=format!("badge badge-{}", status.as_str())>{move || t(status_key(status))}</span>
    }
}

/// The top bar: the store, the module links, the language and sign-out. Each module adds its
/// link here.
#[component]
pub fn Nav() -> impl IntoView {
    let session = Session::get();
    let i18n = I18n::get();
    let choose = move |ev: leptos::ev::Event| {
        if let Some(locale) = Locale::parse(&event_target_value(&ev)) {
            crate::i18n::save_locale(locale);
            i18n.0.set(locale);
        }
    };
    view! {
        <header class="topbar">
            <strong class="store">{move || session.store_name()}</strong>
            <nav aria-label="main">
                <A href="/">{move || t("nav-dashboard")}</A>
                <A href="/orders">{move || t("nav-orders")}</A>
                <A href="/customers">{move || t("nav-customers")}</A>
                <A href="/products">{move || t("nav-products")}</A>
                <A href="/stock">{move || t("nav-stock")}</A>
                {move || session.may("audit:read").then(|| view! {
                    <A href="/audit">{move || t("nav-audit")}</A>
                })}
            </nav>
            <label class="language">
                <span class="visually-hidden">{move || t("language")}</span>
                <select on:change=choose prop:value=move || i18n.locale().as_str()>
                    <option value="pt-BR">"Português"</option>
                    <option value="es">"Español"</option>
                    <option value="en">"English"</option>
                </select>
            </label>
            <button class="link" on:click=move |_| {
                leptos::task::spawn_local(crate::api::log_out(session));
            }>{move || t("nav-sign-out")}</button>
        </header>
    }
}

/// A labelled text field bound to `value`, with the API's message for `field` under it.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    /// The problem of the last attempt, if any.
    failed: RwSignal<Option<ApiError>>,
    /// The request field the API names when this one is wrong.
    field: &'static str,
    #[prop(default = "text")] kind: &'static str,
) -> impl IntoView {
    let error = move || failed.get().and_then(|e| e.for_field(field));
    let (id, label_for) = (format!("field-{name}"), format!("field-{name}"));
    let (error_id, described_by) = (format!("field-{name}-error"), format!("field-{name}-error"));
    view! {
        <label for=label_for>
            {move || t(label)}
            <input id=id type=kind name=name bind:value=value
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=described_by />
        </label>
        <p class="field-error error" id=error_id>{error}</p>
    }
}

/// A list page's table: loading, error and empty states, headers (message keys) and a row
/// per item.
pub fn listing<T, R, V>(
    items: LocalResource<Result<openapi::Page<T>, ApiError>>,
    class: &'static str,
    headers: &'static [&'static str],
    row: R,
) -> impl IntoView
where
    T: Clone + 'static,
    R: Fn(T) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || items.get().map(|answer| match answer {
                Err(error) => view! { <ErrorNote error /> }.into_any(),
                Ok(page) if page.items.is_empty() => view! { <Empty /> }.into_any(),
                Ok(page) => view! {
                    <table class=class>
                        <thead><tr>
                            {headers.iter().map(|key| view! { <th>{move || t(key)}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>{page.items.into_iter().map(row).collect_view()}</tbody>
                    </table>
                }.into_any(),
            })}
        </Suspense>
    }
}
