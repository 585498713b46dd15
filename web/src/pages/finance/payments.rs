//! Gateways' payment notifications, newest first: what settled its order, and what waits
//! unmatched (with why) for staff to match to an order by its number.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::finance::{NotificationStatus, PaymentNotificationOut, UnmatchedReason};
use uuid::Uuid;

use super::FINANCE_TABS;
use crate::api::finance::notification_str;
use crate::api::{self, ApiError};
use crate::components::{FormProblem, Pager, Tabs, listing};
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

const STATUSES: [NotificationStatus; 2] =
    [NotificationStatus::Unmatched, NotificationStatus::Settled];

fn status_key(status: NotificationStatus) -> &'static str {
    match status {
        NotificationStatus::Settled => "notification-status-settled",
        NotificationStatus::Unmatched => "notification-status-unmatched",
    }
}

fn reason_key(reason: UnmatchedReason) -> &'static str {
    match reason {
        UnmatchedReason::NoOrder => "notification-reason-no_order",
        UnmatchedReason::NotPayable => "notification-reason-not_payable",
        UnmatchedReason::OverBalance => "notification-reason-over_balance",
    }
}

#[component]
pub fn Payments() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let status = RwSignal::new("unmatched".to_owned());
    let changed = RwSignal::new(0u32);
    let rows = LocalResource::new(move || {
        changed.track();
        let chosen = STATUSES
            .into_iter()
            .find(|s| notification_str(*s) == status.get());
        let cursor = pager.cursor();
        async move { api::finance::notifications(session, chosen, cursor).await }
    });
    Effect::new(move |_| {
        status.track();
        pager.restart();
    });
    view! {
        <section>
            <Tabs links=FINANCE_TABS />
            <h1>{move || t("payments-title")}</h1>
            <div class="filters">
                <label>
                    {move || t("notification-status")}
                    <select name="notification-status-filter" on:change=move |ev| status.set(event_target_value(&ev))
                        prop:value=move || status.get()>
                        <option value="">{move || t("notifications-any-status")}</option>
                        {STATUSES.map(|s| view! { <option value=notification_str(s)>{move || t(status_key(s))}</option> })}
                    </select>
                </label>
            </div>
            {listing(rows, pager, "notifications stack",
                &["notification-received", "notification-reference", "notification-amount", "notification-status", "notification-order"],
                move |n: PaymentNotificationOut| view! { <Row n changed /> })}
        </section>
    }
}

#[component]
fn Row(n: PaymentNotificationOut, changed: RwSignal<u32>) -> impl IntoView {
    let locale = move || I18n::get().locale();
    let session = Session::get();
    let (zone, currency) = (session.store_timezone(), session.store_currency());
    let (received, amount) = (n.received_at, n.amount);
    let why = n
        .reason
        .map(|r| view! { <br /><small>{move || t(reason_key(r))}</small> });
    let order = match (n.status, n.order_id) {
        (NotificationStatus::Settled, Some(id)) => {
            view! { <a href=format!("/orders/{id}")>{move || t("notification-open-order")}</a> }
                .into_any()
        }
        (NotificationStatus::Unmatched, _) if session.may(Permission::FinanceManage) => {
            view! { <Match id=n.id version=n.version changed /> }.into_any()
        }
        _ => ().into_any(),
    };
    view! {
        <tr>
            <td data-label=move || t("notification-received")>{move || format::date_time_in(received, &zone, locale())}</td>
            <td data-label=move || t("notification-reference")><code>{n.reference}</code></td>
            <td data-label=move || t("notification-amount") class="money">{move || format::money(amount, currency, locale())}</td>
            <td data-label=move || t("notification-status")>{move || t(status_key(n.status))}{why}</td>
            <td data-label=move || t("notification-order")>{order}</td>
        </tr>
    }
}

/// The order's number, found among the store's orders, and the notification matched to it.
#[component]
fn Match(id: Uuid, version: i32, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let number = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let submit = Action::new_local(move |_: &()| {
        let wanted = number.get_untracked();
        async move {
            let found = api::orders::order_by_number(session, &wanted).await;
            let result = match found {
                Ok(Some(order)) => api::finance::match_notification(session, id, order.id, version)
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
    view! {
        <form class="inline" on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch(());
        }>
            <label>
                {move || t("notification-order-number")}
                <input name="order_number" inputmode="numeric" bind:value=number required=true />
            </label>
            <button type="submit" data-testid="match-notification">{move || t("notification-match")}</button>
        </form>
        <FormProblem failed />
    }
}
