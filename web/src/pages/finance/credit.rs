//! Customers on credit: their terms, limit, what they owe and what is overdue; the blocked
//! ones with why and since when; giving a customer terms, blocking and unblocking by hand.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::finance::{CreditTermsIn, CustomerCreditOut};
use uuid::Uuid;

use super::FINANCE_TABS;
use crate::api::{self, ApiError};
use crate::components::{FormProblem, Pager, Tabs, listing};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

#[component]
pub fn CreditCustomers() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let blocked = RwSignal::new(String::new());
    let changed = RwSignal::new(0u32);
    let rows = LocalResource::new(move || {
        changed.track();
        let only = match blocked.get().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        let cursor = pager.cursor();
        async move { api::finance::credit_customers(session, only, cursor).await }
    });
    Effect::new(move |_| {
        blocked.track();
        pager.restart();
    });
    let manage = session.may(Permission::FinanceManage);
    view! {
        <section>
            <Tabs links=FINANCE_TABS />
            <h1>{move || t("credit-title")}</h1>
            {manage.then(|| view! { <GiveTerms changed /> })}
            <div class="filters">
                <label>
                    {move || t("credit-blocked")}
                    <select name="credit-blocked-filter" on:change=move |ev| blocked.set(event_target_value(&ev))
                        prop:value=move || blocked.get()>
                        <option value="">{move || t("credit-any")}</option>
                        <option value="true">{move || t("credit-only-blocked")}</option>
                        <option value="false">{move || t("credit-not-blocked")}</option>
                    </select>
                </label>
            </div>
            {listing(rows, pager, "credit stack",
                &["credit-customer", "credit-terms", "credit-limit", "credit-owed", "credit-overdue", "credit-state"],
                move |c: CustomerCreditOut| view! { <Row c changed manage /> })}
        </section>
    }
}

/// `30, 60, 90` as days; what does not read as days is left for the server to refuse.
fn days(text: &str) -> Vec<u16> {
    text.split([',', '/', ' '])
        .filter(|part| !part.trim().is_empty())
        .map(|part| part.trim().parse().unwrap_or(0))
        .collect()
}

/// A customer found by name, email or tax id, given terms and a limit.
#[component]
fn GiveTerms(changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let who = RwSignal::new(String::new());
    let terms = RwSignal::new("30, 60, 90".to_owned());
    let limit = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let submit = Action::new_local(move |_: &()| {
        let (wanted, terms, limit) = (
            who.get_untracked(),
            terms.get_untracked(),
            limit.get_untracked(),
        );
        async move {
            let found = api::orders::customers(session, wanted.trim().to_owned(), 1, None)
                .await
                .map(|page| page.items.into_iter().next());
            let result = match found {
                Ok(Some(customer)) => {
                    let body = CreditTermsIn {
                        payment_terms: days(&terms),
                        credit_limit: limit.trim().replace(',', ".").parse().ok(),
                        account_owner_id: session.user_id(),
                        dunning_exempt: false,
                    };
                    api::finance::set_credit(session, customer.id, &body)
                        .await
                        .map(|_| ())
                }
                Ok(None) => Err(ApiError::local("customer", &t("credit-no-such-customer"))),
                Err(error) => Err(error),
            };
            match result {
                Ok(()) => {
                    failed.set(None);
                    changed.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="inline card" on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch(());
        }>
            <label>{move || t("credit-customer")}
                <input name="customer" bind:value=who required=true /></label>
            <label>{move || t("credit-terms-days")}
                <input name="payment_terms" bind:value=terms /></label>
            <label>{move || t("credit-limit")}
                <input name="credit_limit" inputmode="decimal" bind:value=limit /></label>
            <button type="submit" data-testid="give-terms">{move || t("credit-give")}</button>
        </form>
        <FormProblem failed />
    }
}

#[component]
fn Row(c: CustomerCreditOut, changed: RwSignal<u32>, manage: bool) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let zone = Session::get().store_timezone();
    let currency = c.currency;
    let (limit, owed, overdue) = (c.credit_limit, c.open_receivables, c.overdue);
    let terms = if c.payment_terms.is_empty() {
        "—".to_owned()
    } else {
        c.payment_terms
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join("/")
    };
    let state = match c.blocked.clone() {
        Some(block) => view! {
            <span class="badge badge-blocked">{move || t("credit-is-blocked")}</span>
            <br /><small>{block.reason}</small>
            <br /><small class="muted">{move || format::date_time_in(block.since, &zone, locale())}</small>
        }
        .into_any(),
        None => view! { <span class="badge badge-paid">{move || t("credit-in-good-standing")}</span> }.into_any(),
    };
    let action = manage.then(|| view! { <BlockAction id=c.customer_id version=c.version blocked=c.blocked.is_some() changed /> });
    view! {
        <tr>
            <td data-label=move || t("credit-customer")>{c.customer_name}</td>
            <td data-label=move || t("credit-terms")>{terms}</td>
            <td data-label=move || t("credit-limit") class="money">
                {move || limit.map(|l| format::money(l, currency, locale())).unwrap_or_else(|| "—".into())}
            </td>
            <td data-label=move || t("credit-owed") class="money">{move || format::money(owed, currency, locale())}</td>
            <td data-label=move || t("credit-overdue") class="money">{move || format::money(overdue, currency, locale())}</td>
            <td data-label=move || t("credit-state")>{state}{action}</td>
        </tr>
    }
}

/// Block with a reason, or unblock.
#[component]
fn BlockAction(id: Uuid, version: i32, blocked: bool, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let reason = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let submit = Action::new_local(move |_: &()| {
        let why = (!blocked).then(|| reason.get_untracked().trim().to_owned());
        async move {
            match api::finance::set_blocked(session, id, why, version).await {
                Ok(_) => changed.update(|n| *n += 1),
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="inline" on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch(());
        }>
            {(!blocked).then(|| view! {
                <label>{move || t("credit-block-reason")}
                    <input name="reason" bind:value=reason required=true /></label>
            })}
            <button type="submit" class="secondary" data-testid=if blocked { "unblock-customer" } else { "block-customer" }>
                {move || t(if blocked { "credit-unblock" } else { "credit-block" })}
            </button>
        </form>
        <FormProblem failed />
    }
}
