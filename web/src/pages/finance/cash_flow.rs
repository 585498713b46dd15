//! Cash flow by week: today's balance, a chart of each week's net (past weeks as they were,
//! the next thirteen as projected), the weeks' table, the same as a CSV file, and the balance
//! the store enters, where it all starts.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::finance::{CashFlowOut, CashFlowWeek, CashWeekKind, FinanceSettingsOut};
use openapi::tenancy::Currency;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::FINANCE_TABS;
use crate::api::{self, ApiError};
use crate::components::{ErrorNote, Field, FormProblem, Loading, Saved, Tabs, save_file};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

#[component]
pub fn CashFlow() -> impl IntoView {
    let session = Session::get();
    let changed = RwSignal::new(0u32);
    let flow = LocalResource::new(move || {
        changed.track();
        api::finance::cash_flow(session)
    });
    let manage = session.may(Permission::FinanceManage);
    view! {
        <section>
            <Tabs links=FINANCE_TABS />
            <h1>{move || t("cash-flow-title")}</h1>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || flow.get().map(|result| match result {
                    Ok(flow) => view! { <Weeks flow /> }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                })}
            </Suspense>
            <Export />
            {manage.then(|| view! { <Balance changed /> })}
        </section>
    }
}

/// The balance the store had on a day, where cash flow starts (kept in the finance settings).
#[component]
fn Balance(changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let stored = LocalResource::new(move || api::finance::finance_settings(session));
    view! {
        <Suspense fallback=|| ()>
            {move || stored.get().and_then(Result::ok).map(|settings| view! { <BalanceForm settings changed /> })}
        </Suspense>
    }
}

#[component]
fn BalanceForm(settings: FinanceSettingsOut, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let entered = settings.cash_balance.as_ref();
    let amount = RwSignal::new(entered.map(|b| b.amount.to_string()).unwrap_or_default());
    let on = RwSignal::new(entered.map(|b| b.on.to_string()).unwrap_or_default());
    let working = settings.due_on_working_days;
    let failed = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let submit = Action::new_local(move |_: &()| {
        let body = serde_json::json!({
            "due_on_working_days": working,
            "cash_balance": {
                "amount": crate::input::typed_amount(&amount.get_untracked()),
                "on": on.get_untracked(),
            },
        });
        async move {
            match api::finance::save_finance_settings(session, &body).await {
                Ok(_) => {
                    failed.set(None);
                    saved.set(true);
                    changed.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <h2>{move || t("cash-flow-set-balance")}</h2>
        <form class="inline" on:submit=move |ev| {
            ev.prevent_default();
            saved.set(false);
            submit.dispatch(());
        }>
            <Field label="cash-flow-balance-amount" name="amount" value=amount failed field="cash_balance.amount" required=true />
            <Field label="cash-flow-balance-on" name="on" kind="date" value=on failed field="cash_balance.on" required=true />
            <button type="submit" data-testid="save-cash-balance">{move || t("save")}</button>
            <Saved done=saved />
        </form>
        <FormProblem failed />
    }
}

#[component]
fn Weeks(flow: CashFlowOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let (currency, balance) = (flow.currency, flow.balance);
    let entered = flow.entered.clone();
    let last = flow
        .weeks
        .last()
        .map(|w| w.closing_balance)
        .unwrap_or(balance);
    view! {
        <div class="cards">
            <div class="card">
                <span class="muted">{move || t("cash-flow-balance")}</span>
                <strong class="money">{move || format::money(balance, currency, locale())}</strong>
                {match entered {
                    Some(b) => view! { <small class="muted">{move || t("cash-flow-entered")} " " {move || format::date(b.on, locale())}</small> }.into_any(),
                    None => view! { <small class="muted">{move || t("cash-flow-no-balance")}</small> }.into_any(),
                }}
            </div>
            <div class="card">
                <span class="muted">{move || t("cash-flow-in-13-weeks")}</span>
                <strong class="money">{move || format::money(last, currency, locale())}</strong>
            </div>
        </div>
        <Chart weeks=flow.weeks.clone() currency />
        <div class="table-wrap">
            <table class="stack cash-flow">
                <thead><tr>
                    {["cash-flow-week", "cash-flow-in", "cash-flow-out", "cash-flow-net", "cash-flow-closing"]
                        .map(|key| view! { <th scope="col">{move || t(key)}</th> })}
                </tr></thead>
                <tbody>{flow.weeks.into_iter().map(|w| view! { <Row w currency /> }).collect_view()}</tbody>
            </table>
        </div>
    }
}

#[component]
fn Row(w: CashFlowWeek, currency: Currency) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let money = move |value| format::money(value, currency, locale());
    let (starts, kind) = (w.starts_on, w.kind);
    let kind_key = match kind {
        CashWeekKind::Actual => "cash-flow-actual",
        CashWeekKind::Projected => "cash-flow-projected",
    };
    let class = if w.closing_balance.is_sign_negative() {
        "money late"
    } else {
        "money"
    };
    view! {
        <tr>
            <td data-label=move || t("cash-flow-week")>
                {move || format::date(starts, locale())} " " <small class="muted">{move || t(kind_key)}</small>
            </td>
            <td data-label=move || t("cash-flow-in") class="money">{move || money(w.inflows)}</td>
            <td data-label=move || t("cash-flow-out") class="money">{move || money(w.outflows)}</td>
            <td data-label=move || t("cash-flow-net") class="money">{move || money(w.net)}</td>
            <td data-label=move || t("cash-flow-closing") class=class>{move || money(w.closing_balance)}</td>
        </tr>
    }
}

/// Each week's net as a bar above or below the zero line; projected weeks lighter.
#[component]
fn Chart(weeks: Vec<CashFlowWeek>, currency: Currency) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let most = weeks
        .iter()
        .map(|w| w.net.abs())
        .max()
        .filter(|m| !m.is_zero())
        .unwrap_or(Decimal::ONE);
    view! {
        <svg class="chart cash-chart" viewBox="0 0 350 110" role="img" aria-label=move || t("cash-flow-chart")>
            <line x1="0" y1="50" x2="350" y2="50" class="zero" />
            {weeks.into_iter().enumerate().map(|(i, week)| {
                // Heights in whole units of a 45-point scale, from exact decimals.
                let scaled = (week.net.abs() * Decimal::from(45) / most).round();
                let height = scaled.to_i32().unwrap_or(0).clamp(0, 45);
                let y = if week.net.is_sign_negative() { 50 } else { 50 - height };
                let class = match (week.kind, week.net.is_sign_negative()) {
                    (CashWeekKind::Actual, false) => "in",
                    (CashWeekKind::Actual, true) => "out",
                    (CashWeekKind::Projected, false) => "in projected",
                    (CashWeekKind::Projected, true) => "out projected",
                };
                let label = format!("{:02}/{:02}", chrono::Datelike::day(&week.starts_on), chrono::Datelike::month(&week.starts_on));
                let x = i * 20 + 3;
                view! {
                    <g>
                        <rect x=x y=y width="14" height=height class=class>
                            <title>{move || format!("{} · {}", week.starts_on, format::money(week.net, currency, locale()))}</title>
                        </rect>
                        {(i % 2 == 0).then(|| view! { <text x=x + 7 y="108" text-anchor="middle">{label}</text> })}
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

#[component]
fn Export() -> impl IntoView {
    let session = Session::get();
    let failed = RwSignal::new(None::<ApiError>);
    let export = Action::new_local(move |_: &()| async move {
        match api::finance::cash_flow_csv(session).await {
            Ok(csv) => {
                failed.set(None);
                let _ = save_file("cash-flow.csv", "text/csv", &csv);
            }
            Err(error) => failed.set(Some(error)),
        }
    });
    view! {
        <button type="button" class="secondary" data-testid="cash-flow-export"
            disabled=move || export.pending().get()
            on:click=move |_| { export.dispatch(()); }>
            {move || t("cash-flow-export")}
        </button>
        <FormProblem failed />
    }
}
