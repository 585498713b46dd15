//! The app: the router over every module's route group (`pages::ALL`). A module declares its
//! routes and its link in the top bar in `pages/<module>/`.

use leptos::children::ToChildren;
use leptos::prelude::*;
use leptos_router::components::{RouteChildren, Router, Routes, RoutesProps};
use openapi::tenancy::Locale;

use crate::components::{Bell, Loading, Nav};
use crate::i18n::{I18n, t};
use crate::pages::auth::{AcceptInvitation, Login};
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
    Bell::provide();
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
                    <ModuleRoutes />
                </main>
            </Show>
            </Show>
        </Router>
    }
}

/// Every module's route group (`pages::ALL`), matched in that order.
#[component]
fn ModuleRoutes() -> impl IntoView {
    Routes(
        RoutesProps::builder()
            .fallback(|| view! { <p>{move || t("not-found")}</p> })
            .children(RouteChildren::to_children(crate::pages::routes))
            .build(),
    )
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
