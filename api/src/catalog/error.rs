//! What can go wrong in the catalog.

use openapi::{FieldError, RowError};
use sea_orm::DbErr;

use crate::error::{DomainError, ErrorKind};
use crate::i18n::{Key, Message};
use crate::import_file::{BadRows, FileError};

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("the SKU `{sku}` is already used by another variant")]
    SkuTaken { sku: String },
    #[error("the barcode `{barcode}` is already used by another variant")]
    BarcodeTaken { barcode: String },
    #[error("`{value}` appears twice in this request")]
    Repeated { field: String, value: String },
    #[error("{0}")]
    BadFile(BadRows),
    #[error("the file has more than {limit} rows, the most one import takes: split it")]
    TooManyRows { limit: usize },
    #[error("this kit cannot change: {reason}")]
    KitRule { reason: KitRule },
    #[error("{what} changed since you read it (now at version {current})")]
    Stale { what: &'static str, current: i32 },
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// Why a kit cannot change.
#[derive(Debug, Clone, thiserror::Error)]
pub enum KitRule {
    #[error("{sku} is a component of another kit")]
    IsComponent { sku: String },
    #[error("{sku} has stock or reservations of its own")]
    HasStock { sku: String },
    #[error("a kit cannot contain another kit")]
    NestedKit,
}

impl KitRule {
    fn message(&self) -> Message {
        match self {
            KitRule::IsComponent { sku } => {
                Message::new(Key::KitIsComponent).with("sku", sku.as_str())
            }
            KitRule::HasStock { sku } => Message::new(Key::KitHasStock).with("sku", sku.as_str()),
            KitRule::NestedKit => Message::new(Key::KitNested),
        }
    }
}

impl DomainError for CatalogError {
    fn message(&self) -> Option<Message> {
        Some(match self {
            CatalogError::NotFound(what) => Message::not_found(what)?,
            CatalogError::SkuTaken { sku } => {
                Message::new(Key::ProblemSkuTaken).with("sku", sku.as_str())
            }
            CatalogError::BarcodeTaken { barcode } => {
                Message::new(Key::ProblemBarcodeTaken).with("barcode", barcode.as_str())
            }
            CatalogError::Repeated { value, .. } => {
                Message::new(Key::ProblemRepeated).with("value", value.as_str())
            }
            CatalogError::BadFile(rows) => rows.message(),
            CatalogError::TooManyRows { limit } => {
                Message::new(Key::ProblemTooManyRows).with("limit", *limit as i64)
            }
            CatalogError::Stale { what, current } => Message::stale(what, *current)?,
            CatalogError::KitRule { reason } => {
                Message::new(Key::ProblemKitRule).with("reason", reason.message())
            }
            CatalogError::Database(_) => return None,
        })
    }

    fn database_error(&self) -> Option<&DbErr> {
        match self {
            CatalogError::Database(error) => Some(error),
            _ => None,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            CatalogError::NotFound(_) => ErrorKind::NotFound,
            CatalogError::SkuTaken { .. }
            | CatalogError::BarcodeTaken { .. }
            | CatalogError::KitRule { .. } => ErrorKind::Conflict,
            CatalogError::Repeated { .. }
            | CatalogError::BadFile(_)
            | CatalogError::TooManyRows { .. } => ErrorKind::Validation,
            CatalogError::Stale { .. } => ErrorKind::PreconditionFailed,
            CatalogError::Database(_) => ErrorKind::Internal,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            CatalogError::NotFound(_) => "not-found",
            CatalogError::SkuTaken { .. } => "catalog/sku-taken",
            CatalogError::BarcodeTaken { .. } => "catalog/barcode-taken",
            CatalogError::Repeated { .. } => "request/validation",
            CatalogError::KitRule { .. } => "catalog/kit-rule",
            CatalogError::BadFile(_) => "import/bad-rows",
            CatalogError::TooManyRows { .. } => "import/too-many-rows",
            CatalogError::Stale { .. } => "request/stale",
            CatalogError::Database(_) => "internal",
        }
    }

    fn field_errors(&self) -> Vec<FieldError> {
        match self {
            CatalogError::Repeated { field, .. } => vec![FieldError {
                field: field.clone(),
                message: self.to_string(),
            }],
            _ => Vec::new(),
        }
    }

    fn row_errors(&self) -> Vec<RowError> {
        match self {
            CatalogError::BadFile(rows) => rows.listed.clone(),
            _ => Vec::new(),
        }
    }

    fn row_error_count(&self) -> Option<usize> {
        match self {
            CatalogError::BadFile(rows) => Some(rows.total),
            _ => None,
        }
    }
}

impl From<FileError> for CatalogError {
    fn from(error: FileError) -> CatalogError {
        match error {
            FileError::BadRows(rows) => CatalogError::BadFile(rows),
            FileError::TooManyRows { limit } => CatalogError::TooManyRows { limit },
        }
    }
}
