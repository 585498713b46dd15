//! An order's money: recording a payment, giving money back, and the list of both.

use leptos::prelude::*;
use openapi::tenancy::Currency;
use uuid::Uuid;

use crate::api::{ApiError, orders as api};
use crate::components::{Empty, ErrorNote, Field, Loading, new_key};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

/// The order's payments and refunds, oldest first.
#[component]
pub(super) fn PaymentList(id: Uuid, currency: Currency) -> impl IntoView {
    let session = Session::get();
    let locale = move || I18n::get().locale();
    let money = move |value| format::money(value, currency, locale());
    let payments = LocalResource::new(move || api::payments(session, id));
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || payments.get().map(|answer| match answer {
                Err(error) => view! { <ErrorNote error /> }.into_any(),
                Ok(list) if list.is_empty() => view! { <Empty /> }.into_any(),
                Ok(list) => view! {
                    <table class="payments">
                        <thead><tr>
                            <th scope="col">{move || t("movements-when")}</th>
                            <th scope="col">{move || t("payment-method")}</th>
                            <th scope="col">{move || t("payment-reference")}</th>
                            <th scope="col" class="money">{move || t("payment-amount")}</th>
                        </tr></thead>
                        <tbody>{list.into_iter().map(|p| {
                            let refund = p.kind == "refund";
                            let method = p.method.map(|m| m.as_str()).unwrap_or_default();
                            let what = METHODS.iter().find(|(v, _)| *v == method).map(|(_, key)| *key);
                            view! {
                                <tr class:refund=refund>
                                    <td>{move || format::date_time(p.paid_at, locale())}</td>
                                    <td>{move || if refund { t("payment-refund") } else { what.map(t).unwrap_or_default() }}</td>
                                    <td>{p.reference.clone().unwrap_or_default()}</td>
                                    <td class="money">{move || {
                                        let sign = if refund { "-" } else { "" };
                                        format!("{sign}{}", money(p.amount))
                                    }}</td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                }.into_any(),
            })}
        </Suspense>
    }
}

/// The ways a payment comes, with their message keys.
const METHODS: [(&str, &str); 5] = [
    ("pix", "method-pix"),
    ("card", "method-card"),
    ("boleto", "method-boleto"),
    ("cash", "method-cash"),
    ("transfer", "method-transfer"),
];

/// Records a payment (the balance due by default). The submission's `Idempotency-Key` is kept
/// until it succeeds: a second click or a retry after a lost answer records one payment.
#[component]
pub(super) fn Payment(
    id: Uuid,
    balance: rust_decimal::Decimal,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let method = RwSignal::new("pix".to_owned());
    let amount = RwSignal::new(balance.to_string());
    let failed = RwSignal::new(None::<ApiError>);
    let key = RwSignal::new(new_key());
    let session = Session::get();
    let pay = Action::new_local(move |_: &()| {
        let body = serde_json::json!({
            "method": method.get_untracked(),
            "amount": crate::input::typed_amount(&amount.get_untracked()),
        });
        let idempotency_key = key.get_untracked();
        async move {
            match api::pay(session, id, &body, idempotency_key).await {
                Ok(_) => {
                    failed.set(None);
                    key.set(new_key());
                    refresh.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="payment inline" data-testid="payment-form" on:submit=move |ev| {
            ev.prevent_default();
            if !pay.pending().get_untracked() {
                pay.dispatch(());
            }
        }>
            <label>
                {move || t("payment-method")}
                <select name="method" on:change=move |ev| method.set(event_target_value(&ev))>
                    {METHODS.iter().map(|(value, key)| view! {
                        <option value=*value>{move || t(key)}</option>
                    }).collect_view()}
                </select>
            </label>
            <Field label="payment-amount" name="amount" value=amount failed field="amount" />
            <button type="submit" class="pay" disabled=move || pay.pending().get()>
                {move || t("payment-record")}
            </button>
            {move || failed.get().filter(|e| e.for_field("amount").is_none())
                .map(|error| view! { <ErrorNote error /> })}
        </form>
    }
}

/// Gives money back (at most what was paid and not yet refunded; the API refuses more).
#[component]
pub(super) fn Refund(
    id: Uuid,
    refundable: rust_decimal::Decimal,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let session = Session::get();
    let amount = RwSignal::new(refundable.to_string());
    let reason = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let key = RwSignal::new(new_key());
    let refund = Action::new_local(move |_: &()| {
        let body = serde_json::json!({
            "amount": crate::input::typed_amount(&amount.get_untracked()),
            "reason": crate::input::typed_text(&reason.get_untracked()),
        });
        let idempotency_key = key.get_untracked();
        async move {
            match api::refund(session, id, &body, idempotency_key).await {
                Ok(_) => {
                    failed.set(None);
                    key.set(new_key());
                    refresh.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <details class="new refund">
            <summary>{move || t("refund-title")}</summary>
            <form class="inline" data-testid="refund-form" on:submit=move |ev| {
                ev.prevent_default();
                if !refund.pending().get_untracked() {
                    refund.dispatch(());
                }
            }>
                <Field label="payment-amount" name="refund-amount" value=amount failed field="amount" />
                <Field label="refund-reason" name="refund-reason" value=reason failed field="reason" />
                <button type="submit" disabled=move || refund.pending().get()>{move || t("refund-submit")}</button>
                <crate::components::FormProblem failed />
            </form>
        </details>
    }
}
