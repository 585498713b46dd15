//! The one place where errors become HTTP responses: RFC 7807 `application/problem+json`.
//!
//! Each module has its own `thiserror` enum implementing [`DomainError`]: a *kind* (which fixes
//! the status) and a stable `type` code such as `auth/invalid-credentials`. Nothing else in the
//! server chooses a status code for an error.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use openapi::inventory::Shortage;
use openapi::{FieldError, Problem, RowError};
use sea_orm::{DbErr, RuntimeErr};
use uuid::Uuid;

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

    fn title(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "Bad request",
            ErrorKind::Unauthorized => "Not authenticated",
            ErrorKind::Forbidden => "Not allowed",
            ErrorKind::NotFound => "Not found",
            ErrorKind::MethodNotAllowed => "Method not allowed",
            ErrorKind::Conflict => "Conflict",
            ErrorKind::PreconditionFailed => "Precondition failed",
            ErrorKind::PayloadTooLarge => "Request body too large",
            ErrorKind::UnsupportedMediaType => "Unsupported media type",
            ErrorKind::Validation => "Validation failed",
            ErrorKind::TooManyRequests => "Too many requests",
            ErrorKind::Internal => "Internal error",
            ErrorKind::Unavailable => "Service unavailable",
        }
    }
}

/// What a module error tells the HTTP layer. `Display` is the problem's `detail`.
pub trait DomainError: std::error::Error {
    fn kind(&self) -> ErrorKind;
    /// The stable problem `type`, `module/what-happened`.
    fn code(&self) -> &'static str;
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
}

/// An error on its way to becoming a problem document (boxed: it travels in every `Result`).
#[derive(Debug)]
pub struct ApiError(Box<Details>);

#[derive(Debug)]
struct Details {
    kind: ErrorKind,
    code: &'static str,
    detail: String,
    errors: Vec<FieldError>,
    shortages: Vec<Shortage>,
    row_errors: Vec<RowError>,
    row_error_count: Option<usize>,
    retry_after: Option<u64>,
    resource_id: Option<Uuid>,
}

impl ApiError {
    pub fn new(kind: ErrorKind, code: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError(Box::new(Details {
            kind,
            code,
            detail: detail.into(),
            errors: Vec::new(),
            shortages: Vec::new(),
            row_errors: Vec::new(),
            row_error_count: None,
            retry_after: None,
            resource_id: None,
        }))
    }

    /// Names the resource the problem is about (`resource_id`).
    pub fn with_resource_id(mut self, id: Uuid) -> ApiError {
        self.0.resource_id = Some(id);
        self
    }

    pub fn validation(errors: Vec<FieldError>) -> ApiError {
        let detail = match errors.as_slice() {
            [one] => format!("`{}` {}", one.field, one.message),
            _ => format!("{} fields are invalid", errors.len()),
        };
        let mut error = ApiError::new(ErrorKind::Validation, "request/validation", detail);
        error.0.errors = errors;
        error
    }

    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    pub fn problem(&self) -> Problem {
        let details = &self.0;
        Problem {
            type_: details.code.to_owned(),
            title: details.kind.title().to_owned(),
            status: details.kind.status().as_u16(),
            detail: Some(details.detail.clone()),
            errors: details.errors.clone(),
            shortages: details.shortages.clone(),
            row_errors: details.row_errors.clone(),
            row_error_count: details.row_error_count,
            resource_id: details.resource_id,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0.code, self.0.detail)
    }
}

impl<E: DomainError> From<E> for ApiError {
    fn from(error: E) -> ApiError {
        if let Some(transient) = error.database_error().filter(|e| is_busy(e)) {
            return ApiError::from(StoreError(transient.clone()));
        }
        let kind = error.kind();
        let detail = if error.code() == "database/busy" {
            "the database is busy: try again in a moment".to_owned()
        } else if kind == ErrorKind::Internal {
            // The cause goes to the log; the client learns only that it was not their fault.
            tracing::error!(error = %error, code = error.code(), "internal error");
            "the server could not complete the request".to_owned()
        } else {
            error.to_string()
        };
        ApiError(Box::new(Details {
            kind,
            code: error.code(),
            detail,
            errors: error.field_errors(),
            shortages: error.shortages(),
            row_errors: error.row_errors(),
            row_error_count: error.row_error_count(),
            retry_after: error.retry_after(),
            resource_id: None,
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
        if self.0.kind == ErrorKind::Unauthorized {
            response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
        }
        response.json(self.problem())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module's error that carries a database failure, as every module's does.
    #[derive(Debug, thiserror::Error)]
    #[error(transparent)]
    struct ModuleError(DbErr);

    impl DomainError for ModuleError {
        fn kind(&self) -> ErrorKind {
            ErrorKind::Internal
        }

        fn code(&self) -> &'static str {
            "internal"
        }

        fn database_error(&self) -> Option<&DbErr> {
            Some(&self.0)
        }
    }

    #[test]
    fn a_busy_database_met_in_any_module_is_503_with_retry_after() {
        let busy = || DbErr::Custom("database is locked".into());
        for error in [ApiError::from(busy()), ApiError::from(ModuleError(busy()))] {
            let problem = error.problem();
            assert_eq!(
                (problem.status, problem.type_.as_str()),
                (503, "database/busy")
            );
            assert_eq!(error.0.retry_after, Some(1));
            assert!(!problem.detail.unwrap_or_default().contains("locked"));
        }
    }

    #[test]
    fn any_other_database_failure_is_500_and_says_nothing_of_it() {
        let error = ApiError::from(ModuleError(DbErr::Custom("disk I/O".into())));
        let problem = error.problem();
        assert_eq!((problem.status, problem.type_.as_str()), (500, "internal"));
        assert!(!problem.detail.unwrap_or_default().contains("disk"));
    }
}
