//! `/auth/…`, `/me`, `/signup` and `/api-keys`: signing in and out the cookie way (the refresh
//! token only in an `HttpOnly` cookie, the access token in memory), who the caller is, the
//! store's API keys.

use gloo_net::http::Request;
use leptos::prelude::Update;
use openapi::Page;
use openapi::auth::{ApiKeyCreatedOut, ApiKeyIn, ApiKeyOut, MeOut, SignupIn, SignupOut};
use uuid::Uuid;

use super::{ApiError, BASE, Query, answer, create, delete, get, post};
use crate::session::Session;

/// Who the caller is: the store, the member and what they may do.
pub async fn me(session: Session) -> Result<MeOut, ApiError> {
    get(session, "/me").await
}

/// Creates a store and its owner.
pub async fn sign_up(session: Session, input: &SignupIn) -> Result<SignupOut, ApiError> {
    post(session, "/signup", input).await
}

/// A page of the store's API keys, newest first.
pub async fn api_keys(
    session: Session,
    cursor: Option<String>,
) -> Result<Page<ApiKeyOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("cursor", cursor)
        .path("/api-keys");
    get(session, &path).await
}

/// Makes an API key; its secret is in this answer only.
pub async fn create_api_key(
    session: Session,
    input: &ApiKeyIn,
    idempotency_key: Uuid,
) -> Result<ApiKeyCreatedOut, ApiError> {
    create(session, "/api-keys", input, idempotency_key).await
}

pub async fn revoke_api_key(session: Session, id: Uuid) -> Result<(), ApiError> {
    delete(session, &format!("/api-keys/{id}")).await
}

/// Cookie-authenticated calls say so with this header (the API's CSRF check).
const CSRF: (&str, &str) = ("X-Requested-With", "retaguarda");

/// Keeps the access token, loads who the member is, and plans the next silent refresh a
/// minute before the token expires.
async fn start_session(
    session: Session,
    tokens: openapi::auth::BrowserTokensOut,
) -> Result<(), ApiError> {
    session
        .0
        .update(|s| s.access_token = Some(tokens.access_token));
    let me = me(session).await?;
    session.0.update(|s| {
        s.me = Some(me);
        s.checking = false;
    });
    let wait = std::time::Duration::from_secs(tokens.expires_in.saturating_sub(60).max(10) as u64);
    leptos::prelude::set_timeout(
        move || {
            leptos::task::spawn_local(async move {
                if session.signed_in_untracked() && resume(session).await.is_err() {
                    session.sign_out();
                }
            })
        },
        wait,
    );
    Ok(())
}

/// Signs in with email and password: the refresh token becomes an `HttpOnly` cookie, the
/// access token stays in memory.
pub async fn log_in(session: Session, email: String, password: String) -> Result<(), ApiError> {
    let tokens = post(
        session,
        "/auth/browser/login",
        &openapi::auth::LoginIn {
            email,
            password,
            tenant_id: None,
        },
    )
    .await?;
    start_session(session, tokens).await
}

/// Joins a store through an invitation and starts the session, the cookie way.
pub async fn accept_invitation(
    session: Session,
    input: &openapi::tenancy::InvitationAcceptIn,
) -> Result<(), ApiError> {
    let tokens = post(session, "/auth/browser/invitations/accept", input).await?;
    start_session(session, tokens).await
}

/// Picks the session up again from the refresh cookie (after a reload, before expiry).
pub async fn resume(session: Session) -> Result<(), ApiError> {
    let started = async {
        let response = Request::post(&format!("{BASE}/auth/browser/refresh"))
            .header(CSRF.0, CSRF.1)
            .send()
            .await
            .map_err(ApiError::network)?;
        let tokens = answer(session, response).await?;
        start_session(session, tokens).await
    }
    .await;
    if started.is_err() {
        session.sign_out();
    }
    started
}

/// Ends the session on the server (and its cookie), then here.
pub async fn log_out(session: Session) {
    let _ = Request::post(&format!("{BASE}/auth/browser/logout"))
        .header(CSRF.0, CSRF.1)
        .send()
        .await;
    session.sign_out();
}
