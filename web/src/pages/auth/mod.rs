//! Signing in.

use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::i18n::{I18n, t};
use crate::session::Session;

#[component]
pub fn Login() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let session = Session::get();
    let i18n = I18n::get();
    let submit = Action::new_local(move |_: &()| {
        let (email, password) = (email.get_untracked(), password.get_untracked());
        async move {
            match api::log_in(session, email, password).await {
                Ok(()) => {
                    failed.set(None);
                    i18n.settle(session.store_locale());
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <main class="login">
            <h1>{move || t("login-title")}</h1>
            <form on:submit=move |ev| {
                ev.prevent_default();
                submit.dispatch(());
            }>
                <label>
                    {move || t("login-email")}
                    <input type="email" name="email" autocomplete="username" required
                        bind:value=email />
                </label>
                <label>
                    {move || t("login-password")}
                    <input type="password" name="password" autocomplete="current-password" required
                        bind:value=password />
                </label>
                {move || failed.get().map(|_| view! {
                    <p class="error" role="alert">{move || t("login-failed")}</p>
                })}
                <button type="submit" disabled=move || submit.pending().get()>
                    {move || t("login-submit")}
                </button>
            </form>
        </main>
    }
}
