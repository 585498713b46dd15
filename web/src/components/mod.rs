//! Pieces the pages share: loading and error states, the state badge, the navigation, form
//! fields (`form`), tables with cursor paging (`listing`), the choice of a location
//! (`location`) and the variant picker (`picker`).

mod address;
mod bell;
mod download;
mod form;
mod labels;
mod listing;
mod location;
mod picker;

pub use address::{AddressFields, AddressForm};
pub use bell::{Bell, BellLink};
pub use download::save_file;
pub use form::{Choice, Edit, Field, FormProblem, Saved, StaleNote, new_key};
pub use labels::{email_kind_key, role_key};
pub use listing::{Pager, listing};
pub use location::{
    LocationSelect, Locations, load_locations, location_code, location_list, location_name,
};
pub use picker::{VariantPicker, find_variant};

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

/// A failed request in words (the API's problem detail); a 412 says the row changed, with a
/// way to reload.
#[component]
pub fn ErrorNote(error: ApiError) -> impl IntoView {
    if error.is_stale() {
        return view! { <StaleNote /> }.into_any();
    }
    let text = move || {
        message(
            I18n::get().locale(),
            "error",
            &[("message", error.message.clone())],
        )
    };
    view! { <p class="error" role="alert">{text}</p> }.into_any()
}

pub fn status_key(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::PendingPayment => "status-pending_payment",
        OrderStatus::OnHold => "status-on_hold",
        OrderStatus::Approved => "status-approved",
        OrderStatus::Paid => "status-paid",
        OrderStatus::Fulfilling => "status-fulfilling",
        OrderStatus::Shipped => "status-shipped",
        OrderStatus::Delivered => "status-delivered",
        OrderStatus::Completed => "status-completed",
        OrderStatus::Refunded => "status-refunded",
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
                {crate::pages::ALL.iter().filter_map(|module| module.nav.as_ref()).map(|link| {
                    let shown = move || link.permission.is_none_or(|p| session.may(p));
                    view! {
                        <Show when=shown>
                            <A href=link.href>{move || t(link.text)}</A>
                        </Show>
                    }
                }).collect_view()}
            </nav>
            <SearchBox />
            <BellLink />
            <label class="language">
                <span class="visually-hidden">{move || t("language")}</span>
                <select on:change=choose prop:value=move || i18n.locale().as_str()>
                    <option value="pt-BR">"Português"</option>
                    <option value="es">"Español"</option>
                    <option value="en">"English"</option>
                </select>
            </label>
            <button class="link" on:click=move |_| {
                leptos::task::spawn_local(crate::api::auth::log_out(session));
            }>{move || t("nav-sign-out")}</button>
        </header>
    }
}

/// The search box of the top bar: orders by number or customer, products by name, SKU or
/// barcode (a scanner's code and Enter land on the results).
#[component]
fn SearchBox() -> impl IntoView {
    let navigate = leptos_router::hooks::use_navigate();
    let text = RwSignal::new(String::new());
    view! {
        <form class="search-box" role="search" on:submit=move |ev| {
            ev.prevent_default();
            let q = text.get_untracked();
            if !q.trim().is_empty() {
                navigate(&format!("/search?q={}", crate::api::encode(q.trim())), Default::default());
            }
        }>
            <label for="global-search" class="visually-hidden">{move || t("search-label")}</label>
            <input id="global-search" type="search" bind:value=text
                placeholder=move || t("search-label") />
        </form>
    }
}

/// The tabs of a module with several pages (stock: levels, movements, locations…).
#[component]
pub fn Tabs(links: &'static [(&'static str, &'static str)]) -> impl IntoView {
    view! {
        <nav class="tabs" aria-label=move || t("sections")>
            {links.iter().map(|(href, key)| view! { <A href=*href exact=true>{move || t(key)}</A> }).collect_view()}
        </nav>
    }
}

/// The route's `:id`, when it is a well-formed id (a detail page's subject).
fn route_id() -> Memo<Option<uuid::Uuid>> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|id| id.parse().ok()))
}

/// A detail page: the row `load` reads for the route's `:id` (a typed client function such
/// as `api::orders::order`), loaded again when `refresh` changes, with its loading, error and
/// not-found states; `show` renders the row.
pub fn detail<T, V, F>(
    load: fn(Session, uuid::Uuid) -> F,
    refresh: RwSignal<u32>,
    show: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: std::future::Future<Output = Result<T, ApiError>> + 'static,
{
    let id = route_id();
    let session = Session::get();
    let row = LocalResource::new(move || {
        refresh.track();
        let id = id.get();
        async move {
            match id {
                Some(id) => load(session, id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || row.get().map(|answer| match answer {
                Err(error) => view! { <ErrorNote error /> }.into_any(),
                Ok(None) => view! { <p>{move || t("not-found")}</p> }.into_any(),
                Ok(Some(row)) => show(row).into_any(),
            })}
        </Suspense>
    }
}
