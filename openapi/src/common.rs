//! Types every module shares: the list page and the problem document.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Default and largest page sizes of every list.
pub const DEFAULT_PAGE_SIZE: u64 = 50;
pub const MAX_PAGE_SIZE: u64 = 200;

/// One page of a list. Pass `next_cursor` back as `cursor` to get the next page; it is absent
/// on the last page.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Opaque; absent when there is nothing more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// An RFC 7807 problem document, the body of every error response
/// (`Content-Type: application/problem+json`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// A stable identifier of the kind of problem: `<module>/<what-happened>` (a URI reference
    /// with no prefix, e.g. `auth/invalid-credentials`, `orders/overpayment`; `request/…`
    /// for what any route may answer), or `not-found` / `internal`. Clients branch on it.
    #[serde(rename = "type")]
    pub type_: String,
    /// A short, human-readable summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For validation problems, each field that is wrong.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For a file that was refused, its bad values by line: the first 1000 of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub row_errors: Vec<RowError>,
    /// For a file that was refused, how many bad values it has, also those beyond the ones
    /// `row_errors` lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_error_count: Option<usize>,
    /// For stock problems, each SKU that is short.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shortages: Vec<crate::inventory::Shortage>,
    /// The resource the problem is about, when it names one: for
    /// `idempotency/secret-not-replayed`, what the first request with the key created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<uuid::Uuid>,
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    /// The field's path in the request, e.g. `email` or `lines[2].quantity`.
    pub field: String,
    pub message: String,
}

/// One bad value of an uploaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RowError {
    /// The line of the file, counting the header as line 1.
    pub line: u64,
    /// The column.
    pub field: String,
    pub message: String,
}

/// `?dry_run=true` checks and counts a file without importing it.
#[derive(
    Debug, Clone, Default, Serialize, Deserialize, ToSchema, validator::Validate, utoipa::IntoParams,
)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    pub dry_run: Option<bool>,
}
