//! The app: the router with one route group per module. A module adds its pages under
//! `pages/<module>/`, its routes below and its link in `components::Nav`.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use openapi::tenancy::Locale;

use crate::components::{Loading, Nav};
use crate::i18n::{I18n, t};
use crate::pages::{
    audit::AuditLog,
    auth::{AcceptInvitation, Login},
    catalog, customers,
    dashboard::Dashboard,
    inventory, orders, purchasing,
    search::Search,
    settings::Settings,
};
use crate::session::Session;

/// The browser's language if the app speaks it, else Portuguese.
fn browser_locale() -> Locale {
    let language = window().navigator().language().unwrap_or_default();
    if language.starts_with("es") {
        Locale::Es
    } else if language.starts_with("en") {
        Locale::En
    } else {
        Locale::PtBr
    }
}

#[component]
pub fn App() -> impl IntoView {
    let session = Session::provide();
    let i18n = I18n::provide(crate::i18n::saved_locale().unwrap_or_else(browser_locale));
    // Screen readers and spell checkers follow the page's language.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", i18n.locale().as_str());
        }
    });
    // A reload (or a deep link) keeps the member signed in while the refresh cookie is valid.
    leptos::task::spawn_local(async move {
        if crate::api::auth::resume(session).await.is_ok() {
            i18n.settle(session.store_locale());
        }
    });
    view! {
        <Router>
            <Show when=move || !session.checking() fallback=|| view! { <Loading /> }>
            <Show when=move || session.signed_in() fallback=|| view! { <SignedOut /> }>
                <Nav />
                <main>
                    <Routes fallback=|| view! { <p>{move || t("not-found")}</p> }>
                        // dashboard
                        <Route path=path!("/") view=Dashboard />
                        <Route path=path!("/search") view=Search />
                        <Route path=path!("/accept-invitation") view=AcceptInvitation />
                        // orders
                        <Route path=path!("/orders") view=orders::OrderList />
                        <Route path=path!("/orders/new") view=orders::NewOrder />
                        <Route path=path!("/orders/:id") view=orders::OrderDetail />
                        // customers
                        <Route path=path!("/customers") view=customers::Customers />
                        <Route path=path!("/customers/:id") view=customers::CustomerDetail />
                        // catalog
                        <Route path=path!("/products") view=catalog::Products />
                        <Route path=path!("/products/:id") view=catalog::ProductDetail />
                        // inventory
                        <Route path=path!("/stock") view=inventory::StockLevels />
                        <Route path=path!("/stock/movements") view=inventory::Movements />
                        <Route path=path!("/stock/locations") view=inventory::Locations />
                        <Route path=path!("/stock/replenishment") view=purchasing::Replenishment />
                        // purchasing
                        <Route path=path!("/suppliers") view=purchasing::Suppliers />
                        <Route path=path!("/purchase-orders") view=purchasing::PurchaseOrders />
                        <Route path=path!("/purchase-orders/:id") view=purchasing::PurchaseOrderDetail />
                        // settings
                        <Route path=path!("/settings") view=Settings />
                        // audit
                        <Route path=path!("/audit") view=AuditLog />
                    </Routes>
                </main>
            </Show>
            </Show>
        </Router>
    }
}

/// Signed out: the invitation page when that is where the link led, else sign in. Any other
/// deep link stays in the address bar and opens once the member has signed in.
#[component]
fn SignedOut() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    move || {
        if location.pathname.get() == "/accept-invitation" {
            view! { <AcceptInvitation /> }.into_any()
        } else {
            view! { <Login /> }.into_any()
        }
    }
}
