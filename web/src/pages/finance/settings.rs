//! The store's finance settings: due dates on working days, and the dunning policy (when to
//! remind, notify and warn, when to block, and who is told).

use leptos::prelude::*;
use openapi::finance::{DunningPolicy, FinanceSettingsIn, FinanceSettingsOut};

use super::FINANCE_TABS;
use crate::api::{self, ApiError};
use crate::components::{ErrorNote, FormProblem, Loading, Saved, Tabs};
use crate::i18n::t;
use crate::session::Session;

#[component]
pub fn FinanceSettings() -> impl IntoView {
    let session = Session::get();
    let stored = LocalResource::new(move || api::finance::finance_settings(session));
    view! {
        <section>
            <Tabs links=FINANCE_TABS />
            <h1>{move || t("finance-settings-title")}</h1>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || stored.get().map(|result| match result {
                    Ok(settings) => view! { <PolicyForm settings /> }.into_any(),
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

fn days(value: Option<u16>) -> String {
    value.map(|d| d.to_string()).unwrap_or_default()
}

fn read_days(text: &str) -> Option<u16> {
    text.trim().parse().ok()
}

#[component]
fn PolicyForm(settings: FinanceSettingsOut) -> impl IntoView {
    let session = Session::get();
    let policy = settings.dunning;
    let working = RwSignal::new(settings.due_on_working_days);
    let enabled = RwSignal::new(policy.enabled);
    let reminder = RwSignal::new(days(policy.reminder_days_before));
    let notice = RwSignal::new(days(policy.notice_days_after));
    let warning = RwSignal::new(days(policy.warning_days_after));
    let grace = RwSignal::new(policy.grace_days.to_string());
    let auto_block = RwSignal::new(policy.auto_block);
    let emails = RwSignal::new(policy.finance_emails.join(", "));
    let failed = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let submit = Action::new_local(move |_: &()| {
        let body = FinanceSettingsIn {
            due_on_working_days: working.get_untracked(),
            dunning: Some(DunningPolicy {
                enabled: enabled.get_untracked(),
                reminder_days_before: read_days(&reminder.get_untracked()),
                notice_days_after: read_days(&notice.get_untracked()),
                warning_days_after: read_days(&warning.get_untracked()),
                grace_days: read_days(&grace.get_untracked()).unwrap_or(0),
                auto_block: auto_block.get_untracked(),
                finance_emails: emails
                    .get_untracked()
                    .split([',', ';', ' '])
                    .filter(|e| !e.trim().is_empty())
                    .map(|e| e.trim().to_owned())
                    .collect(),
            }),
            // Fees and the cash balance are kept as they are: this form does not show them.
            channel_fees: None,
            payment_fees: None,
            cash_balance: None,
        };
        async move {
            match api::finance::save_finance_settings(session, &body).await {
                Ok(_) => {
                    failed.set(None);
                    saved.set(true);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="settings" on:submit=move |ev| {
            ev.prevent_default();
            saved.set(false);
            submit.dispatch(());
        }>
            <label class="check"><input type="checkbox" name="due_on_working_days" bind:checked=working />
                {move || t("finance-due-on-working-days")}</label>
            <h2>{move || t("dunning-title")}</h2>
            <label class="check"><input type="checkbox" name="enabled" bind:checked=enabled />
                {move || t("dunning-enabled")}</label>
            <label>{move || t("dunning-reminder")}
                <input name="reminder_days_before" inputmode="numeric" bind:value=reminder /></label>
            <label>{move || t("dunning-notice")}
                <input name="notice_days_after" inputmode="numeric" bind:value=notice /></label>
            <label>{move || t("dunning-warning")}
                <input name="warning_days_after" inputmode="numeric" bind:value=warning /></label>
            <label>{move || t("dunning-grace")}
                <input name="grace_days" inputmode="numeric" bind:value=grace required=true /></label>
            <label class="check"><input type="checkbox" name="auto_block" bind:checked=auto_block />
                {move || t("dunning-auto-block")}</label>
            <label>{move || t("dunning-finance-emails")}
                <input name="finance_emails" bind:value=emails /></label>
            <button type="submit" data-testid="save-finance-settings">{move || t("save")}</button>
            <Saved done=saved />
            <FormProblem failed />
        </form>
    }
}
