//! The typed client of `/api/v1`: requests with the session's token, answers as the `openapi`
//! types, problems as `ApiError` (shown in words next to what caused them). Pages call the
//! functions of a module (`orders::pay`, `tenancy::members`, …); the paths live only here.
//!
//! A form that creates something passes the `Idempotency-Key` it keeps until it succeeds; a
//! change of a row passes the version it read, sent as `If-Match`.

use gloo_net::http::{Request, RequestBuilder, Response};
use openapi::Problem;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::session::Session;

pub mod audit;
pub mod auth;
pub mod automation;
pub mod catalog;
pub mod finance;
pub mod inventory;
pub mod logistics;
pub mod mail;
pub mod notifications;
pub mod orders;
pub mod purchasing;
pub mod returns;
pub mod rules;
pub mod support;
pub mod tenancy;

const BASE: &str = "/api/v1";

/// A request that failed: the API's problem document when there is one.
#[derive(Clone, Debug)]
pub struct ApiError {
    pub status: u16,
    /// Boxed: a problem is large and most errors travel through `Result`s.
    pub problem: Option<Box<Problem>>,
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

    /// A problem found before asking the API (a choice left empty), named like the API would.
    pub fn local(field: &str, message: &str) -> ApiError {
        ApiError {
            status: 422,
            problem: Some(Box::new(Problem {
                type_: "request/validation".into(),
                title: message.into(),
                status: 422,
                detail: None,
                errors: vec![openapi::FieldError {
                    field: field.into(),
                    message: message.into(),
                }],
                row_errors: Vec::new(),
                row_error_count: None,
                shortages: Vec::new(),
                resource_id: None,
            })),
            message: message.into(),
        }
    }

    /// Someone else changed the row since it was read (412 to an `If-Match`).
    pub fn is_stale(&self) -> bool {
        self.status == 412
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

impl ApiError {
    /// The messages of the problem for `path` and whatever lies under it (`actions[1]` takes
    /// `actions[1].template`): what a row of a form shows.
    pub fn under(&self, path: &str) -> Vec<String> {
        let Some(problem) = self.problem.as_ref() else {
            return Vec::new();
        };
        problem
            .errors
            .iter()
            .filter(|e| {
                e.field == path
                    || e.field
                        .strip_prefix(path)
                        .is_some_and(|rest| rest.starts_with(['.', '[']))
            })
            .map(|e| e.message.clone())
            .collect()
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

fn authorized(session: Session, request: RequestBuilder) -> RequestBuilder {
    // The server writes what it says (problems, findings, reasons) in the app's language.
    let request = match crate::i18n::spoken() {
        Some(locale) => request.header("Accept-Language", locale.as_str()),
        None => request,
    };
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
    let problem = response.json::<Problem>().await.ok().map(Box::new);
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

/// What a request sends besides its path and body.
#[derive(Clone, Copy, Default)]
struct Options {
    /// Sent as `Idempotency-Key`, so a retried create happens once.
    pub idempotency_key: Option<uuid::Uuid>,
    /// Sent as `If-Match`: the change is refused (412) if someone changed the row since.
    pub version: Option<i32>,
}

#[derive(Clone, Copy)]
enum Method {
    Get,
    Post,
    Patch,
    Put,
}

async fn send<B: Serialize, T: DeserializeOwned>(
    session: Session,
    method: Method,
    path: &str,
    body: Option<&B>,
    options: Options,
) -> Result<T, ApiError> {
    let url = format!("{BASE}{path}");
    let mut request = authorized(
        session,
        match method {
            Method::Get => Request::get(&url),
            Method::Post => Request::post(&url),
            Method::Patch => Request::patch(&url),
            Method::Put => Request::put(&url),
        },
    );
    if let Some(key) = options.idempotency_key {
        request = request.header(IDEMPOTENCY_KEY, &key.to_string());
    }
    if let Some(version) = options.version {
        request = request.header("If-Match", &format!("\"{version}\""));
    }
    let response = match body {
        Some(body) => request.json(body).map_err(ApiError::network)?.send().await,
        None => request.send().await,
    }
    .map_err(ApiError::network)?;
    answer(session, response).await
}

const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

// The session is passed in, captured where the request is made: an async task has no
// reactive owner to find it in.
async fn get<T: DeserializeOwned>(session: Session, path: &str) -> Result<T, ApiError> {
    send::<(), T>(session, Method::Get, path, None, Options::default()).await
}

async fn post<B: Serialize, T: DeserializeOwned>(
    session: Session,
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    send(session, Method::Post, path, Some(body), Options::default()).await
}

/// A POST that creates something, sent once even when retried.
async fn create<B: Serialize, T: DeserializeOwned>(
    session: Session,
    path: &str,
    body: &B,
    idempotency_key: uuid::Uuid,
) -> Result<T, ApiError> {
    let options = Options {
        idempotency_key: Some(idempotency_key),
        ..Options::default()
    };
    send(session, Method::Post, path, Some(body), options).await
}

/// A PATCH of settings that carry no version.
async fn patch<B: Serialize, T: DeserializeOwned>(
    session: Session,
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    send(session, Method::Patch, path, Some(body), Options::default()).await
}

/// A PATCH of the row at `version`: someone else's change in between is a 412, not lost.
async fn patch_version<B: Serialize, T: DeserializeOwned>(
    session: Session,
    path: &str,
    body: &B,
    version: i32,
) -> Result<T, ApiError> {
    let options = Options {
        version: Some(version),
        ..Options::default()
    };
    send(session, Method::Patch, path, Some(body), options).await
}

/// A POST that changes the row at `version` (a move of its state): someone else's change in
/// between is a 412.
async fn post_version<B: Serialize, T: DeserializeOwned>(
    session: Session,
    path: &str,
    body: &B,
    version: i32,
) -> Result<T, ApiError> {
    let options = Options {
        version: Some(version),
        ..Options::default()
    };
    send(session, Method::Post, path, Some(body), options).await
}

/// A POST that changes the row at `version` and moves stock or money (receiving a return,
/// resolving it): sent once with its `Idempotency-Key`, refused (412) if the row changed.
async fn post_once_at<B: Serialize, T: DeserializeOwned>(
    session: Session,
    path: &str,
    body: &B,
    version: i32,
    idempotency_key: uuid::Uuid,
) -> Result<T, ApiError> {
    let options = Options {
        version: Some(version),
        idempotency_key: Some(idempotency_key),
    };
    send(session, Method::Post, path, Some(body), options).await
}

/// A GET whose answer is a file's text (a CSV export), with the session's token.
async fn get_text(session: Session, path: &str) -> Result<String, ApiError> {
    let url = format!("{BASE}{path}");
    let response = authorized(session, Request::get(&url))
        .send()
        .await
        .map_err(ApiError::network)?;
    if (200..300).contains(&response.status()) {
        return response.text().await.map_err(ApiError::network);
    }
    answer::<String>(session, response).await
}

async fn put<B: Serialize, T: DeserializeOwned>(
    session: Session,
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    send(session, Method::Put, path, Some(body), Options::default()).await
}

/// A POST of a CSV file's text (an import).
async fn post_csv<T: DeserializeOwned>(
    session: Session,
    path: &str,
    csv: String,
) -> Result<T, ApiError> {
    let url = format!("{BASE}{path}");
    let response = authorized(session, Request::post(&url))
        .header("Content-Type", "text/csv")
        .body(csv)
        .map_err(ApiError::network)?
        .send()
        .await
        .map_err(ApiError::network)?;
    answer(session, response).await
}

/// A DELETE; the answer (usually 204) has no body.
async fn delete(session: Session, path: &str) -> Result<(), ApiError> {
    delete_with(session, path, None).await
}

/// A DELETE of the row at `version`: someone else's change in between is a 412.
async fn delete_version(session: Session, path: &str, version: i32) -> Result<(), ApiError> {
    delete_with(session, path, Some(version)).await
}

async fn delete_with(session: Session, path: &str, version: Option<i32>) -> Result<(), ApiError> {
    let url = format!("{BASE}{path}");
    let mut request = authorized(session, Request::delete(&url));
    if let Some(version) = version {
        request = request.header("If-Match", &format!("\"{version}\""));
    }
    let response = request.send().await.map_err(ApiError::network)?;
    if (200..300).contains(&response.status()) {
        return Ok(());
    }
    answer::<serde_json::Value>(session, response)
        .await
        .map(|_| ())
}

/// A query string built from the parameters that have a value (`?a=1&b=x`), encoded.
#[derive(Default)]
struct Query(Vec<(&'static str, String)>);

impl Query {
    pub fn new() -> Query {
        Query::default()
    }

    pub fn set(mut self, name: &'static str, value: impl ToString) -> Query {
        self.0.push((name, value.to_string()));
        self
    }

    /// Adds `name` only when `value` is present and not blank.
    pub fn opt(self, name: &'static str, value: Option<impl ToString>) -> Query {
        match value.map(|v| v.to_string()) {
            Some(v) if !v.trim().is_empty() => self.set(name, v.trim()),
            _ => self,
        }
    }

    pub fn path(&self, path: &str) -> String {
        let mut url = path.to_owned();
        for (i, (name, value)) in self.0.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(&encode(value));
        }
        url
    }
}

/// Percent-encodes a query value.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
