//! What customers owe: the overdue total and the blocked customers, and this month's margin,
//! each linking to its list (for members who may read finance).

use leptos::prelude::*;
use leptos_router::components::A;
use openapi::auth::Permission;

use crate::api;
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

#[component]
pub fn Receivables() -> impl IntoView {
    let session = Session::get();
    let figures = LocalResource::new(move || async move {
        if !session.may_untracked(Permission::FinanceRead) {
            return None;
        }
        api::finance::summary(session).await.ok()
    });
    let locale = move || I18n::get().locale();
    view! {
        <Suspense fallback=|| ()>
            {move || figures.get().flatten().map(|f| {
                let (overdue, owed, currency) = (f.overdue, f.owed, f.currency);
                let late = if overdue.is_zero() { "card" } else { "card late" };
                let blocked = f.blocked_customers;
                let (margin, share) = (f.margin_this_month.margin, f.margin_this_month.margin_percent);
                let blocked_class = if blocked > 0 { "card late" } else { "card" };
                view! {
                    <h2>{move || t("dashboard-receivables")}</h2>
                    <div class="cards" data-testid="receivables">
                        <A href="/finance/receivables" attr:class="card">
                            <span>{move || t("dashboard-owed")}</span>
                            <strong>{move || format::money(owed, currency, locale())}</strong>
                        </A>
                        <A href="/finance/receivables" attr:class=late>
                            <span>{move || t("dashboard-overdue")}</span>
                            <strong>{move || format::money(overdue, currency, locale())}</strong>
                        </A>
                        <A href="/finance/customers" attr:class=blocked_class>
                            <span>{move || t("dashboard-blocked")}</span>
                            <strong>{move || format::count(blocked, locale())}</strong>
                        </A>
                        <A href="/finance/margins" attr:class="card">
                            <span>{move || t("dashboard-margin")}</span>
                            <strong>{move || format::money(margin, currency, locale())}</strong>
                            {share.map(|p| view! { <small>{move || format::percent(p, 1, locale())}</small> })}
                        </A>
                    </div>
                }
            })}
        </Suspense>
    }
}
