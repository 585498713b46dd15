//! The one place where errors become HTTP responses: RFC 7807 `application/problem+json`.
//!
//! Each module has its own `thiserror` enum implementing [`DomainError`]: a *kind* (which fixes
//! the status) and a stable `type` code such as `auth/invalid-credentials`. Nothing else in the
//! server chooses a status code for an error.
//!
//! A problem's `title`, `detail` and field messages are `i18n` messages, written in English
//! here and in the reader's language by `localize_problems` (`error/localize.rs`).

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use openapi::inventory::Shortage;
use openapi::tenancy::Locale;
use openapi::{FieldError, Problem, RowError};
use sea_orm::{DbErr, RuntimeErr};
use uuid::Uuid;

use crate::i18n::{self, Key, Message};

mod localize;
pub use localize::localize_problems;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PreconditionFailed,
    PayloadTooLarge,
    UnsupportedMediaType,
    Validation,
    TooManyRequests,
    Internal,
    Unavailable,
}

impl ErrorKind {
    /// The title of a problem of this kind.
    pub fn title_key(self) -> Key {
        match self {
            ErrorKind::BadRequest => Key::TitleBadRequest,
            ErrorKind::Unauthorized => Key::TitleUnauthorized,
            ErrorKind::Forbidden => Key::TitleForbidden,
            ErrorKind::NotFound => Key::TitleNotFound,
            ErrorKind::MethodNotAllowed => Key::TitleMethodNotAllowed,
            ErrorKind::Conflict => Key::TitleConflict,
            ErrorKind::PreconditionFailed => Key::TitlePreconditionFailed,
            ErrorKind::PayloadTooLarge => Key::TitlePayloadTooLarge,
            ErrorKind::UnsupportedMediaType => Key::TitleUnsupportedMediaType,
            ErrorKind::Validation => Key::TitleValidation,
            ErrorKind::TooManyRequests => Key::TitleTooManyRequests,
            ErrorKind::Internal => Key::TitleInternal,
            ErrorKind::Unavailable => Key::TitleUnavailable,
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
            ErrorKind::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorKind::Forbidden => StatusCode::FORBIDDEN,
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorKind::Conflict => StatusCode::CONFLICT,
            ErrorKind::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ErrorKind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorKind::Validation => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorKind::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// What a module error tells the HTTP layer. `message` is the problem's `detail`; an error
/// that has none yet is detailed by its `Display`, in English whatever the reader reads.
pub trait DomainError: std::error::Error {
    fn kind(&self) -> ErrorKind;
    /// The stable problem `type`, `module/what-happened`.
    fn code(&self) -> &'static str;
    /// The `detail`, as a message to render in the reader's language.
    fn message(&self) -> Option<Message> {
        None
    }
    fn field_errors(&self) -> Vec<FieldError> {
        Vec::new()
    }
    /// For stock conflicts, each SKU that is short.
    fn shortages(&self) -> Vec<Shortage> {
        Vec::new()
    }
    /// For a refused file, its first bad values (`import_file::LISTED_ROW_ERRORS` at most).
    fn row_errors(&self) -> Vec<RowError> {
        Vec::new()
    }
    /// For a refused file, how many bad values it has, listed or not.
    fn row_error_count(&self) -> Option<usize> {
        None
    }
    /// Seconds, for `Retry-After` on 429.
    fn retry_after(&self) -> Option<u64> {
        None
    }
    /// The database failure behind the error, when that is what it is: a transient one
    /// (busy, a deadlock) is answered as 503 whichever module met it.
    fn database_error(&self) -> Option<&DbErr> {
        None
    }
    /// Another module's error this one carries unchanged: the problem is made from it (and
    /// from what it wraps in turn), so a wrapper answers nothing else for it.
    fn wrapped(&self) -> Option<&dyn DomainError> {
        None
    }
}

/// An error on its way to becoming a problem document (boxed: it travels in every `Result`).
#[derive(Debug)]
pub struct ApiError(Box<Details>);

#[derive(Debug)]
struct Details {
    kind: ErrorKind,
    code: &'static str,
    detail: Message,
    /// Each field's error, with its message to render when it has one.
    errors: Vec<(FieldError, Option<Message>)>,
    shortages: Vec<Shortage>,
    row_errors: Vec<RowError>,
    row_error_count: Option<usize>,
    retry_after: Option<u64>,
    resource_id: Option<Uuid>,
    /// For 405, the methods the route takes (`Allow`).
    allow: Option<String>,
}

impl ApiError {
    /// A problem detailed in English words (not yet a message of the catalogues).
    pub fn new(kind: ErrorKind, code: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError::with_message(kind, code, Message::legacy(detail.into()))
    }

    /// A problem whose detail is the message `key`, without arguments.
    pub fn keyed(kind: ErrorKind, code: &'static str, key: Key) -> ApiError {
        ApiError::with_message(kind, code, Message::new(key))
    }

    /// A problem whose detail is rendered in the reader's language.
    pub fn with_message(kind: ErrorKind, code: &'static str, detail: Message) -> ApiError {
        ApiError(Box::new(Details {
            kind,
            code,
            detail,
            errors: Vec::new(),
            shortages: Vec::new(),
            row_errors: Vec::new(),
            row_error_count: None,
            retry_after: None,
            resource_id: None,
            allow: None,
        }))
    }

    /// 405 for a method a route does not take, naming those it takes (`Allow`, RFC 9110).
    pub fn method_not_allowed(allowed: String) -> ApiError {
        let mut error = ApiError::with_message(
            ErrorKind::MethodNotAllowed,
            "request/method-not-allowed",
            Message::new(Key::ProblemMethodNotAllowed).with("allowed", allowed.as_str()),
        );
        error.0.allow = Some(allowed);
        error
    }

    /// Names the resource the problem is about (`resource_id`).
    pub fn with_resource_id(mut self, id: Uuid) -> ApiError {
        self.0.resource_id = Some(id);
        self
    }

    pub fn validation(errors: Vec<FieldError>) -> ApiError {
        ApiError::invalid_fields(errors.into_iter().map(|e| (e, None)).collect())
    }

    /// 422 naming each field, its message rendered in the reader's language when it has one.
    pub fn invalid_fields(errors: Vec<(FieldError, Option<Message>)>) -> ApiError {
        let detail = match errors.as_slice() {
            [(one, message)] => Message::new(Key::ProblemFieldInvalid)
                .with("field", one.field.clone())
                .with(
                    "message",
                    message
                        .clone()
                        .unwrap_or_else(|| Message::legacy(one.message.clone())),
                ),
            _ => Message::new(Key::ProblemFieldsInvalid).with("count", errors.len() as i64),
        };
        let mut error = ApiError::with_message(ErrorKind::Validation, "request/validation", detail);
        error.0.errors = errors;
        error
    }

    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The problem document in English.
    pub fn problem(&self) -> Problem {
        self.problem_in(Locale::En)
    }

    /// The problem document in `locale`.
    pub fn problem_in(&self, locale: Locale) -> Problem {
        let details = &self.0;
        Problem {
            type_: details.code.to_owned(),
            title: i18n::render(&Message::new(details.kind.title_key()), locale),
            status: details.kind.status().as_u16(),
            detail: Some(i18n::render(&details.detail, locale)),
            errors: details
                .errors
                .iter()
                .map(|(error, message)| FieldError {
                    field: error.field.clone(),
                    message: message
                        .as_ref()
                        .map_or_else(|| error.message.clone(), |m| i18n::render(m, locale)),
                })
                .collect(),
            shortages: details.shortages.clone(),
            row_errors: details.row_errors.clone(),
            row_error_count: details.row_error_count,
            resource_id: details.resource_id,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let detail = i18n::render(&self.0.detail, Locale::En);
        write!(f, "{}: {detail}", self.0.code)
    }
}

impl<E: DomainError> From<E> for ApiError {
    fn from(error: E) -> ApiError {
        ApiError::from_domain(&error)
    }
}

impl ApiError {
    fn from_domain(error: &dyn DomainError) -> ApiError {
        if let Some(inner) = error.wrapped() {
            return ApiError::from_domain(inner);
        }
        if let Some(transient) = error.database_error().filter(|e| is_busy(e)) {
            return ApiError::from(StoreError(transient.clone()));
        }
        let kind = error.kind();
        let detail = if error.code() == "database/busy" {
            Message::new(Key::ProblemBusy)
        } else if kind == ErrorKind::Internal {
            // The cause goes to the log; the client learns only that it was not their fault.
            tracing::error!(error = %error, code = error.code(), "internal error");
            Message::new(Key::ProblemInternal)
        } else {
            error
                .message()
                .unwrap_or_else(|| Message::legacy(error.to_string()))
        };
        ApiError(Box::new(Details {
            kind,
            code: error.code(),
            detail,
            errors: error
                .field_errors()
                .into_iter()
                .map(|e| (e, None))
                .collect(),
            shortages: error.shortages(),
            row_errors: error.row_errors(),
            row_error_count: error.row_error_count(),
            retry_after: error.retry_after(),
            resource_id: None,
            allow: None,
        }))
    }
}

/// A database failure nobody expected: logged, answered as 500 (or 503 when the database is
/// busy or unreachable, which a client may retry).
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct StoreError(#[from] pub DbErr);

impl DomainError for StoreError {
    fn kind(&self) -> ErrorKind {
        if is_busy(&self.0) {
            ErrorKind::Unavailable
        } else {
            ErrorKind::Internal
        }
    }

    fn code(&self) -> &'static str {
        if is_busy(&self.0) {
            "database/busy"
        } else {
            "internal"
        }
    }

    fn retry_after(&self) -> Option<u64> {
        is_busy(&self.0).then_some(1)
    }
}

impl From<DbErr> for ApiError {
    fn from(error: DbErr) -> ApiError {
        ApiError::from(StoreError(error))
    }
}

/// A failure that trying again later can mend: SQLite's "database is locked" after the busy
/// timeout, a pool that has no connection free, or a transaction PostgreSQL aborted as one
/// side of a deadlock or a serialization failure.
pub fn is_busy(error: &DbErr) -> bool {
    let text = error.to_string();
    text.contains("database is locked")
        || text.contains("pool timed out")
        || matches!(
            sqlstate(error).as_deref(),
            Some(DEADLOCK | SERIALIZATION_FAILURE)
        )
        || is_unreachable(error)
}

/// The database cannot be reached for now: no connection to be had, a connection lost, or the
/// server shutting down or starting (SQLSTATE class 08, 57P01–57P03). Answered 503 too, so a
/// client tries again when it is back.
fn is_unreachable(error: &DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    match error {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(error)) | DbErr::Query(RuntimeErr::SqlxError(error)) => {
            matches!(
                **error,
                Sqlx::Io(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::WorkerCrashed
            ) || sqlstate(&DbErr::Exec(RuntimeErr::SqlxError(error.clone())))
                .is_some_and(|code| code.starts_with("08") || code.starts_with("57P0"))
        }
        _ => false,
    }
}

const DEADLOCK: &str = "40P01";
const SERIALIZATION_FAILURE: &str = "40001";

fn sqlstate(error: &DbErr) -> Option<String> {
    match error {
        DbErr::Exec(RuntimeErr::SqlxError(error)) | DbErr::Query(RuntimeErr::SqlxError(error)) => {
            Some(error.as_database_error()?.code()?.into_owned())
        }
        _ => None,
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.0.kind.status()
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        ));
        if let Some(seconds) = self.0.retry_after {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        if let Some(allowed) = &self.0.allow {
            response.insert_header((header::ALLOW, allowed.as_str()));
        }
        if self.0.kind == ErrorKind::Unauthorized {
            response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
        }
        response.json(self.problem())
    }
}

#[cfg(test)]
mod tests;
