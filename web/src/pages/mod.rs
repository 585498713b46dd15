//! One folder per module; each declares its `MODULE` (its route group and its link in the top
//! bar) and [`ALL`] lists them, like the server's `modules::ALL`. Adding a module is its folder
//! and one line in [`ALL`].
//!
//! A module's pages are lazy ([`lazy_pages!`]): their code is split out of the first bundle
//! into the module's own chunk of wasm, fetched the first time one of them is shown.

use leptos::tachys::view::iterators::StaticVec;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use openapi::auth::Permission;

/// Declares lazy pages: for each `Page => Component`, a route view `Page` (use it as
/// `view=Lazy::<Page>::new()`) whose component is compiled into the wasm chunk named `$chunk`,
/// shared by the module's pages. `cargo xtask web` splits each chunk out of the main module;
/// a build that does not split (tests, `cargo check`) calls the component directly.
macro_rules! lazy_pages {
    ($chunk:ident: $($page:ident => $component:ident),+ $(,)?) => {$(
        #[doc = concat!("[`", stringify!($component), "`], loaded with this module's chunk.")]
        pub struct $page;

        impl ::leptos_router::LazyRoute for $page {
            fn data() -> Self {
                Self
            }

            // The split function's name is the page's, so that its exported symbol is unique.
            #[allow(non_snake_case)]
            async fn view(_: Self) -> ::leptos::prelude::AnyView {
                #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split)]
                fn $page() -> ::leptos::prelude::AnyView {
                    use ::leptos::prelude::IntoAny;
                    ::leptos::prelude::view! { <$component /> }.into_any()
                }
                $page().await
            }
        }
    )+};
}

pub mod audit;
pub mod auth;
pub mod automation;
pub mod catalog;
pub mod customers;
pub mod dashboard;
pub mod finance;
pub mod inventory;
pub mod logistics;
pub mod notifications;
pub mod orders;
pub mod purchasing;
pub mod search;
pub mod settings;
pub mod support;

/// A module of the app, as the router and the top bar see it.
pub struct Module {
    /// Its link in the top bar, if it has one.
    pub nav: Option<NavLink>,
    /// Its route group: its pages, each at its path.
    pub routes: fn() -> AnyNestedRoute,
}

/// A link in the top bar.
pub struct NavLink {
    pub href: &'static str,
    /// The key of its text (`i18n/`).
    pub text: &'static str,
    /// Shown only to a member who holds it.
    pub permission: Option<Permission>,
}

/// Every module, in the order of the top bar.
pub const ALL: &[&Module] = &[
    &dashboard::MODULE,
    &orders::MODULE,
    &customers::MODULE,
    &catalog::MODULE,
    &inventory::MODULE,
    &purchasing::MODULE,
    &logistics::MODULE,
    &finance::MODULE,
    &support::MODULE,
    &automation::MODULE,
    &settings::MODULE,
    &audit::MODULE,
    &search::MODULE,
    &notifications::MODULE,
    &auth::MODULE,
];

/// Every module's route group, for `<Routes>`.
pub fn routes() -> StaticVec<AnyNestedRoute> {
    ALL.iter()
        .map(|module| (module.routes)())
        .collect::<Vec<_>>()
        .into()
}

/// A route group from routes written with `view!` (one route, or several side by side).
pub fn group<R>(routes: R) -> AnyNestedRoute
where
    R: leptos_router::MatchNestedRoutes + Send + Clone + 'static,
{
    routes.into_any_nested_route()
}
