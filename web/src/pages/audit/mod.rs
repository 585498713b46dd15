//! The audit log: who changed what, and when.

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::Route;
use leptos_router::path;
use openapi::audit::AuditEventOut;
use openapi::auth::Permission;

use crate::api;
use crate::components::{Pager, listing};
use crate::format;
use crate::i18n::{I18n, t};
use crate::pages::{Module, NavLink, group};
use crate::session::Session;

lazy_pages!(audit: AuditLogPage => AuditLog);

pub const MODULE: Module = Module {
    nav: Some(NavLink {
        href: "/audit",
        text: "nav-audit",
        permission: Some(Permission::AuditRead),
    }),
    routes: || {
        group(
            view! { <Route path=path!("/audit") view={Lazy::<AuditLogPage>::new()} /> }
                .into_inner(),
        )
    },
};

#[component]
pub fn AuditLog() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let events = LocalResource::new(move || {
        let cursor = pager.cursor();
        async move { api::audit::events(session, cursor).await }
    });
    let locale = move || I18n::get().locale();
    view! {
        <section>
            <h1>{move || t("audit-title")}</h1>
            {listing(events, pager, "audit", &["audit-when", "audit-action", "audit-what"],
                move |e: AuditEventOut| view! {
                    <tr>
                        <td>{move || format::date_time(e.created_at, locale())}</td>
                        <td><code>{e.action.clone()}</code></td>
                        <td>{e.entity_type.clone()}</td>
                    </tr>
                })}
        </section>
    }
}
