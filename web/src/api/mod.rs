//! The typed client of `/api/v1`: requests with the session's token, answers as the `openapi`
//! types, problems as `ApiError` (shown in words next to what caused them).

use gloo_net::http::{Request, RequestBuilder, Response};
use openapi::Problem;
use serde::Serialize;
use serde::de::DeserializeOwned;

use leptos::prelude::Update;

use crate::session::Session;

pub mod catalog;
pub mod orders;

const BASE: &str = "/api/v1";

/// A request that failed: the API's problem document when there is one.
#[derive(Clone, Debug)]
pub struct ApiError {
    pub status: u16,
    pub problem: Option<Problem>,
    pub message: String,
}

impl ApiError {
    fn network(error: gloo_net::Error) -> ApiError {
        ApiError {
            status: 0,
            problem: None,
            message: error.to_string(),
        }
    }

    /// The message of the problem for `field`, if the API named it.
    pub fn for_field(&self, field: &str) -> Option<String> {
        self.problem.as_ref().and_then(|p| {
            p.errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

fn authorized(session: Session, request: RequestBuilder) -> RequestBuilder {
    match session.token_untracked() {
        Some(token) => request.header("Authorization", &format!("Bearer {token}")),
        None => request,
    }
}

async fn answer<T: DeserializeOwned>(session: Session, response: Response) -> Result<T, ApiError> {
    let status = response.status();
    if (200..300).contains(&status) {
        return response.json::<T>().await.map_err(ApiError::network);
    }
    if status == 401 {
        session.sign_out();
    }
    let problem = response.json::<Problem>().await.ok();
    let message = problem
        .as_ref()
        .map(|p| p.detail.clone().unwrap_or_else(|| p.title.clone()))
        .unwrap_or_else(|| format!("HTTP {status}"));
    Err(ApiError {
        status,
        problem,
        message,
    })
}

// The session is passed in, captured where the request is made: an async task has no
// reactive owner to find it in.
pub async fn get<T: DeserializeOwned>(session: Session, path: &str) -> Result<T, ApiError> {
    let response = authorized(session, Request::get(&format!("{BASE}{path}")))
        .send()
        .await
        .map_err(ApiError::network)?;
    answer(session, response).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(
    session: Session,
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let request = authorized(session, Request::post(&format!("{BASE}{path}")))
        .json(body)
        .map_err(ApiError::network)?;
    let response = request.send().await.map_err(ApiError::network)?;
    answer(session, response).await
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
    let me: openapi::auth::MeOut = get(session, "/me").await?;
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
