//! Signing in, and signing a new store up.

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::path;

use crate::api::{self, ApiError};
use crate::components::Field;
use crate::i18n::{I18n, t};
use crate::pages::{Module, group};
use crate::session::Session;

/// Signing in is in the first bundle; a signed-in member follows an invitation here.
pub const MODULE: Module = Module {
    nav: None,
    routes: || {
        group(
            view! { <Route path=path!("/accept-invitation") view=AcceptInvitation /> }.into_inner(),
        )
    },
};

/// The page a signed-out visitor sees: sign in, or create a store.
#[component]
pub fn Login() -> impl IntoView {
    let creating = RwSignal::new(false);
    view! {
        <main class="login">
            <Show when=move || creating.get() fallback=move || view! { <SignIn /> }>
                <SignUp />
            </Show>
            <button class="link switch" on:click=move |_| creating.update(|c| *c = !*c)>
                {move || if creating.get() { t("login-link") } else { t("signup-link") }}
            </button>
        </main>
    }
}

#[component]
fn SignIn() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let session = Session::get();
    let i18n = I18n::get();
    let submit = Action::new_local(move |_: &()| {
        let (email, password) = (email.get_untracked(), password.get_untracked());
        async move {
            match api::auth::log_in(session, email, password).await {
                Ok(()) => {
                    failed.set(None);
                    i18n.settle(session.store_locale());
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <h1>{move || t("login-title")}</h1>
        <form on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch(());
        }>
            <Field label="login-email" name="email" kind="email" value=email failed field="email" />
            <Field label="login-password" name="password" kind="password" value=password failed
                field="password" />
            {move || failed.get().filter(|e| e.status == 401).map(|_| view! {
                <p class="error" role="alert">{move || t("login-failed")}</p>
            })}
            <button type="submit" disabled=move || submit.pending().get()>
                {move || t("login-submit")}
            </button>
        </form>
    }
}

#[component]
fn SignUp() -> impl IntoView {
    let store = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let session = Session::get();
    let i18n = I18n::get();
    let submit = Action::new_local(move |_: &()| {
        let input = openapi::auth::SignupIn {
            store_name: store.get_untracked(),
            owner_name: owner.get_untracked(),
            email: email.get_untracked(),
            password: password.get_untracked(),
            currency: None,
            locale: Some(i18n.locale()),
            timezone: None,
        };
        async move {
            let created = api::auth::sign_up(session, &input).await;
            let signed_in = match created {
                Ok(_) => api::auth::log_in(session, input.email, input.password).await,
                Err(error) => Err(error),
            };
            match signed_in {
                Ok(()) => failed.set(None),
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <h1>{move || t("signup-title")}</h1>
        <form on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch(());
        }>
            <Field label="signup-store" name="store_name" value=store failed field="store_name" />
            <Field label="signup-owner" name="owner_name" value=owner failed field="owner_name" />
            <Field label="login-email" name="email" kind="email" value=email failed field="email" />
            <Field label="login-password" name="password" kind="password" value=password failed
                field="password" />
            <button type="submit" disabled=move || submit.pending().get()>
                {move || t("signup-submit")}
            </button>
        </form>
    }
}

/// The page an invitation email links to (`/accept-invitation?token=…`). Signed in, the member
/// joins the store with the account they are signed in to (the invited address's). Signed out,
/// the invitee creates their account (a name and a password), or signs in first when the
/// address already has one: the page stays, and then offers to join.
#[component]
pub fn AcceptInvitation() -> impl IntoView {
    let session = Session::get();
    let signing_in = RwSignal::new(false);
    // Signed in, the page sits in the app's own `<main>`; signed out, it is the whole page.
    view! {
        <Show when=move || session.signed_in() fallback=move || view! {
            <main class="login">
                <h1>{move || t("invitation-title")}</h1>
                <Show when=move || signing_in.get() fallback=|| view! { <NewAccountJoin /> }>
                    <SignIn />
                </Show>
                <button class="link switch" on:click=move |_| signing_in.update(|s| *s = !*s)>
                    {move || if signing_in.get() { t("invitation-new-account") }
                             else { t("invitation-have-account") }}
                </button>
            </main>
        }>
            <section class="login">
                <h1>{move || t("invitation-title")}</h1>
                <SignedInJoin />
            </section>
        </Show>
    }
}

fn invitation_token() -> impl Fn() -> String + Copy {
    let query = leptos_router::hooks::use_query_map();
    move || query.read().get("token").unwrap_or_default()
}

/// Sends the acceptance; on success the session is the new store's and the dashboard opens.
fn accept_action(
    input: impl Fn() -> openapi::tenancy::InvitationAcceptIn + Copy + 'static,
    failed: RwSignal<Option<ApiError>>,
) -> Action<(), ()> {
    let session = Session::get();
    let i18n = I18n::get();
    let navigate = leptos_router::hooks::use_navigate();
    Action::new_local(move |_: &()| {
        let input = input();
        let navigate = navigate.clone();
        async move {
            match api::auth::accept_invitation(session, &input).await {
                Ok(()) => {
                    failed.set(None);
                    i18n.settle(session.store_locale());
                    navigate("/", Default::default());
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    })
}

#[component]
fn SignedInJoin() -> impl IntoView {
    let token = invitation_token();
    let failed = RwSignal::new(None::<ApiError>);
    let input = move || openapi::tenancy::InvitationAcceptIn {
        token: token(),
        name: None,
        password: None,
    };
    let submit = accept_action(input, failed);
    view! {
        <p>{move || t("invitation-signed-in-hint")}</p>
        <form data-testid="accept-invitation" on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch(());
        }>
            <button type="submit" disabled=move || submit.pending().get()>
                {move || t("invitation-join")}
            </button>
            <crate::components::FormProblem failed />
        </form>
    }
}

#[component]
fn NewAccountJoin() -> impl IntoView {
    let token = invitation_token();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let input = move || openapi::tenancy::InvitationAcceptIn {
        token: token(),
        name: Some(name.get_untracked()).filter(|n| !n.trim().is_empty()),
        password: Some(password.get_untracked()).filter(|p| !p.is_empty()),
    };
    let submit = accept_action(input, failed);
    view! {
        <p>{move || t("invitation-hint")}</p>
        <form data-testid="accept-invitation" on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch(());
        }>
            <Field label="signup-owner" name="name" value=name failed field="name" />
            <Field label="login-password" name="password" kind="password" value=password failed
                field="password" />
            <button type="submit" disabled=move || submit.pending().get()>
                {move || t("invitation-accept")}
            </button>
            <crate::components::FormProblem failed />
        </form>
    }
}
