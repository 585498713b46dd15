//! Bank reconciliation: a statement pasted from the bank's CSV, what it settled, and the
//! lines left for staff — matched to an order by its number (a proposal confirmed in one
//! click) or marked as fees, a transfer or other income.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::finance::{BankClassification, BankImportOut, BankLineOut, BankLineStatus};
use uuid::Uuid;

use super::FINANCE_TABS;
use crate::api::finance::bank_line_str;
use crate::api::{self, ApiError};
use crate::components::{FormProblem, Pager, Tabs, listing};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::session::Session;

const STATUSES: [BankLineStatus; 6] = [
    BankLineStatus::Unmatched,
    BankLineStatus::Proposed,
    BankLineStatus::Settled,
    BankLineStatus::Fees,
    BankLineStatus::Transfer,
    BankLineStatus::OtherIncome,
];

fn status_key(status: BankLineStatus) -> &'static str {
    match status {
        BankLineStatus::Settled => "bank-status-settled",
        BankLineStatus::Proposed => "bank-status-proposed",
        BankLineStatus::Unmatched => "bank-status-unmatched",
        BankLineStatus::Fees => "bank-status-fees",
        BankLineStatus::Transfer => "bank-status-transfer",
        BankLineStatus::OtherIncome => "bank-status-other_income",
    }
}

#[component]
pub fn Bank() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let status = RwSignal::new("unmatched".to_owned());
    let changed = RwSignal::new(0u32);
    let rows = LocalResource::new(move || {
        changed.track();
        let chosen = STATUSES
            .into_iter()
            .find(|s| bank_line_str(*s) == status.get());
        let cursor = pager.cursor();
        async move { api::finance::bank_lines(session, chosen, cursor).await }
    });
    Effect::new(move |_| {
        status.track();
        pager.restart();
    });
    let manage = session.may(Permission::FinanceManage);
    view! {
        <section>
            <Tabs links=FINANCE_TABS />
            <h1>{move || t("bank-title")}</h1>
            {manage.then(|| view! { <Import changed /> })}
            <div class="filters">
                <label>
                    {move || t("bank-status")}
                    <select name="bank-status-filter" on:change=move |ev| status.set(event_target_value(&ev))
                        prop:value=move || status.get()>
                        <option value="">{move || t("bank-any-status")}</option>
                        {STATUSES.map(|s| view! { <option value=bank_line_str(s)>{move || t(status_key(s))}</option> })}
                    </select>
                </label>
            </div>
            {listing(rows, pager, "bank-lines stack",
                &["bank-date", "bank-description", "bank-amount", "bank-status", "bank-order"],
                move |l: BankLineOut| view! { <Row l changed manage /> })}
        </section>
    }
}

/// The statement's CSV, pasted, and what importing it did.
#[component]
fn Import(changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let csv = RwSignal::new("date,amount,description,reference\n".to_owned());
    let failed = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<BankImportOut>);
    let submit = Action::new_local(move |_: &()| {
        let file = csv.get_untracked();
        async move {
            match api::finance::import_statement(session, file).await {
                Ok(out) => {
                    failed.set(None);
                    done.set(Some(out));
                    changed.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let locale = move || I18n::get().locale();
    view! {
        <details class="new">
            <summary>{move || t("bank-import")}</summary>
            <form on:submit=move |ev| {
                ev.prevent_default();
                submit.dispatch(());
            }>
                <label for="bank-csv">
                    {move || t("bank-import-help")}
                    <textarea id="bank-csv" rows="6" bind:value=csv></textarea>
                </label>
                <button type="submit" data-testid="import-statement" disabled=move || submit.pending().get()>
                    {move || t("bank-import-send")}
                </button>
            </form>
            {move || done.get().map(|out| view! {
                <p role="status">{move || message(locale(), "bank-imported", &[
                    ("settled", out.settled.to_string()),
                    ("proposed", out.proposed.to_string()),
                    ("unmatched", out.unmatched.to_string()),
                    ("again", out.already_imported.to_string()),
                ])}</p>
            })}
            <FormProblem failed />
        </details>
    }
}

#[component]
fn Row(l: BankLineOut, changed: RwSignal<u32>, manage: bool) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let currency = Session::get().store_currency();
    let (day, amount, status) = (l.booked_on, l.amount, l.status);
    let open = matches!(status, BankLineStatus::Unmatched | BankLineStatus::Proposed);
    let order = match (l.order_id, l.order_number) {
        (Some(id), Some(number)) => {
            view! { <a href=format!("/orders/{id}")>{format!("#{number}")}</a> }.into_any()
        }
        _ => ().into_any(),
    };
    let ambiguous = (l.candidates > 1).then(|| {
        let n = l.candidates;
        view! { <br /><small class="muted">{move || message(locale(), "bank-candidates", &[("count", n.to_string())])}</small> }
    });
    let actions = (manage && open).then(|| {
        let proposed = l
            .order_number
            .filter(|_| status == BankLineStatus::Proposed);
        let money_in = amount > rust_decimal::Decimal::ZERO;
        view! { <Settle id=l.id version=l.version proposed money_in changed /> }
    });
    view! {
        <tr>
            <td data-label=move || t("bank-date")>{move || format::date(day, locale())}</td>
            <td data-label=move || t("bank-description")>
                {l.description}
                {l.reference.map(|r| view! { <br /><small class="muted"><code>{r}</code></small> })}
            </td>
            <td data-label=move || t("bank-amount") class="money">{move || format::money(amount, currency, locale())}</td>
            <td data-label=move || t("bank-status")>{move || t(status_key(status))}{ambiguous}</td>
            <td data-label=move || t("bank-order")>{order}{actions}</td>
        </tr>
    }
}

/// Match to an order by its number (the proposal's, filled in), or classify.
#[component]
fn Settle(
    id: Uuid,
    version: i32,
    proposed: Option<i64>,
    money_in: bool,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let session = Session::get();
    let number = RwSignal::new(proposed.map(|n| n.to_string()).unwrap_or_default());
    let failed = RwSignal::new(None::<ApiError>);
    let settle = Action::new_local(move |_: &()| {
        let wanted = number.get_untracked();
        async move {
            let found = api::orders::order_by_number(session, &wanted).await;
            let result = match found {
                Ok(Some(order)) => api::finance::match_bank_line(session, id, order.id, version)
                    .await
                    .map(|_| ()),
                Ok(None) => Err(ApiError::local(
                    "order_id",
                    &t("notification-no-such-order"),
                )),
                Err(error) => Err(error),
            };
            match result {
                Ok(()) => changed.update(|n| *n += 1),
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let classify = Action::new_local(move |class: &BankClassification| {
        let class = *class;
        async move {
            match api::finance::classify_bank_line(session, id, class, version).await {
                Ok(_) => changed.update(|n| *n += 1),
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    // Money out pays no order: only classified.
    let match_form = money_in.then(|| view! {
        <form class="inline" on:submit=move |ev| {
            ev.prevent_default();
            settle.dispatch(());
        }>
            <label>
                {move || t("notification-order-number")}
                <input name="order_number" inputmode="numeric" bind:value=number required=true />
            </label>
            <button type="submit" data-testid="match-bank-line">{move || t("bank-match")}</button>
        </form>
    });
    view! {
        {match_form}
        <div class="inline">
            <button type="button" class="secondary" on:click=move |_| { classify.dispatch(BankClassification::Fees); }>
                {move || t("bank-status-fees")}</button>
            <button type="button" class="secondary" on:click=move |_| { classify.dispatch(BankClassification::Transfer); }>
                {move || t("bank-status-transfer")}</button>
            <button type="button" class="secondary" on:click=move |_| { classify.dispatch(BankClassification::OtherIncome); }>
                {move || t("bank-status-other_income")}</button>
        </div>
        <FormProblem failed />
    }
}
