//! Settings: the store, its calendar, its sales channels, order settings, the email log and templates,
//! members and roles, API keys.
//! A section shows only to a member who may read it, its forms only to one who may change it.

mod api_keys;
mod calendar;
mod channels;
mod email_templates;
mod emails;
mod members;
mod order_settings;
mod store;

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::Route;
use leptos_router::path;
use openapi::auth::Permission;
use openapi::tenancy::Role;

use crate::components::role_key;
use crate::i18n::{I18n, message, t};
use crate::pages::{Module, NavLink, group};
use crate::session::Session;

lazy_pages!(settings: SettingsPage => Settings);

pub const MODULE: Module = Module {
    nav: Some(NavLink {
        href: "/settings",
        text: "nav-settings",
        permission: None,
    }),
    routes: || {
        group(
            view! { <Route path=path!("/settings") view={Lazy::<SettingsPage>::new()} /> }
                .into_inner(),
        )
    },
};

#[component]
pub fn Settings() -> impl IntoView {
    // Memos: a section appears once the member is known, and is not rebuilt when the session
    // changes otherwise (saving the store renames it in the session).
    let session = Session::get();
    let shows = |permission: Permission| Memo::new(move |_| session.may(permission));
    let (store, channels, orders) = (
        shows(Permission::TenantRead),
        shows(Permission::CatalogRead),
        shows(Permission::OrdersRead),
    );
    let (members, api_keys) = (
        shows(Permission::MembersRead),
        shows(Permission::ApiKeysManage),
    );
    let (emails, templates) = (shows(Permission::EmailsRead), shows(Permission::MailManage));
    view! {
        <section class="settings">
            <h1>{move || t("settings-title")}</h1>
            {move || store.get().then(|| view! { <store::Store /> })}
            {move || store.get().then(|| view! { <calendar::StoreCalendar /> })}
            {move || channels.get().then(|| view! { <channels::Channels /> })}
            {move || orders.get().then(|| view! { <order_settings::OrderRules /> })}
            {move || emails.get().then(|| view! { <emails::Emails /> })}
            {move || templates.get().then(|| view! { <email_templates::EmailTemplates /> })}
            {move || members.get().then(|| view! { <members::Members /> })}
            {move || api_keys.get().then(|| view! { <api_keys::ApiKeys /> })}
        </section>
    }
}

/// Whether the member may do `permission`, read once when a section is built (its section
/// only shows once the member is known).
fn may(permission: Permission) -> bool {
    untrack(|| Session::get().may(permission))
}

/// Whether the member is an owner (only owners give or take the owner role).
fn is_owner() -> bool {
    untrack(|| {
        Session::get()
            .0
            .with(|s| s.me.as_ref().is_some_and(|me| me.role == Role::Owner))
    })
}

/// Makes the lists that track `counter` load again.
fn bump(counter: RwSignal<u32>) {
    counter.update(|n| *n += 1);
}

/// Asks before something that cannot be undone.
fn confirmed(key: &'static str, args: &[(&str, String)]) -> bool {
    let question = message(I18n::get().locale(), key, args);
    window().confirm_with_message(&question).unwrap_or(false)
}

/// The roles a member may hold, highest first.
const ROLES: [Role; 5] = [
    Role::Owner,
    Role::Admin,
    Role::Manager,
    Role::Staff,
    Role::Viewer,
];

/// The `<option>`s of a role select; the owner role only for an owner to give.
fn role_options(selected: Role) -> impl IntoView {
    let owner = is_owner();
    ROLES
        .into_iter()
        .filter(move |role| owner || *role != Role::Owner)
        .map(|role| {
            view! {
                <option value=role.as_str() selected=role == selected>{move || t(role_key(role))}</option>
            }
        })
        .collect_view()
}
