//! What can go wrong with stock.

use openapi::inventory::Shortage;
use openapi::{FieldError, RowError};
use sea_orm::DbErr;

use crate::catalog::error::CatalogError;
use crate::error::{DomainError, ErrorKind};
use crate::i18n::{Arg, Key, Message};
use crate::import_file::{BadRows, FileError};

#[derive(Debug, thiserror::Error)]
pub enum InventoryError {
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("not enough stock: {}", describe(.shortages))]
    InsufficientStock { shortages: Vec<Shortage> },
    #[error("the location `{code}` is archived")]
    LocationArchived { code: String },
    #[error("a location with the code `{code}` already exists")]
    LocationCodeTaken { code: String },
    #[error("{sku} is a kit: move the stock of its components instead")]
    KitNotStocked { sku: String },
    #[error("{0}")]
    BadFile(BadRows),
    #[error("the file has more than {limit} rows, the most one import takes: split it")]
    TooManyRows { limit: usize },
    #[error("nothing from this supplier needs reordering at this location")]
    NothingToReorder,
    #[error("a transfer needs two different locations")]
    SameLocation,
    #[error("the reservation is {status}")]
    ReservationNotActive { status: String },
    #[error("a purchase order that is {status} cannot become {action}")]
    PurchaseOrderState { status: String, action: String },
    #[error("{sku}: {received} received but only {open} still open on the order")]
    OverReceipt {
        sku: String,
        open: i64,
        received: i64,
    },
    #[error("{what} changed since you read it (now at version {current})")]
    Stale { what: &'static str, current: i32 },
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

fn describe(shortages: &[Shortage]) -> String {
    shortages
        .iter()
        .map(|s| {
            format!(
                "{} has {} available, {} asked",
                s.sku, s.available, s.requested
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl DomainError for InventoryError {
    fn wrapped(&self) -> Option<&dyn DomainError> {
        match self {
            InventoryError::Catalog(inner) => Some(inner),
            _ => None,
        }
    }

    fn message(&self) -> Option<Message> {
        let code = |key: Key, code: &str| Message::new(key).with("code", code);
        Some(match self {
            InventoryError::NotFound(what) => Message::not_found(what)?,
            InventoryError::InsufficientStock { shortages } => {
                let items = shortages
                    .iter()
                    .map(|s| {
                        Message::new(Key::ProblemShortage)
                            .with("sku", s.sku.as_str())
                            .with("available", s.available)
                            .with("requested", s.requested)
                    })
                    .collect();
                let separator = "; ".to_owned();
                Message::new(Key::ProblemInsufficientStock)
                    .with("shortages", Arg::Joined { items, separator })
            }
            InventoryError::LocationArchived { code: c } => code(Key::ProblemLocationArchived, c),
            InventoryError::LocationCodeTaken { code: c } => code(Key::ProblemLocationCodeTaken, c),
            InventoryError::KitNotStocked { sku } => {
                Message::new(Key::ProblemKitNotStocked).with("sku", sku.as_str())
            }
            InventoryError::BadFile(rows) => rows.message(),
            InventoryError::TooManyRows { limit } => {
                Message::new(Key::ProblemTooManyRows).with("limit", *limit as i64)
            }
            InventoryError::NothingToReorder => Message::new(Key::ProblemNothingToReorder),
            InventoryError::SameLocation => Message::new(Key::ProblemSameLocation),
            InventoryError::ReservationNotActive { status } => {
                Message::new(Key::ProblemReservationNotActive).with("status", status.as_str())
            }
            InventoryError::PurchaseOrderState { status, action } => {
                Message::new(Key::ProblemPurchaseOrderState)
                    .with("status", status.as_str())
                    .with("action", action.as_str())
            }
            InventoryError::OverReceipt {
                sku,
                open,
                received,
            } => Message::new(Key::ProblemOverReceipt)
                .with("sku", sku.as_str())
                .with("open", *open)
                .with("received", *received),
            InventoryError::Stale { what, current } => Message::stale(what, *current)?,
            // A wrapped error is answered as itself (`wrapped`).
            InventoryError::Database(_) | InventoryError::Catalog(_) => return None,
        })
    }

    fn database_error(&self) -> Option<&DbErr> {
        match self {
            InventoryError::Database(error) => Some(error),
            _ => None,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            InventoryError::NotFound(_) => ErrorKind::NotFound,
            InventoryError::InsufficientStock { .. }
            | InventoryError::LocationArchived { .. }
            | InventoryError::LocationCodeTaken { .. }
            | InventoryError::ReservationNotActive { .. }
            | InventoryError::PurchaseOrderState { .. }
            | InventoryError::OverReceipt { .. }
            | InventoryError::KitNotStocked { .. }
            | InventoryError::NothingToReorder => ErrorKind::Conflict,
            InventoryError::SameLocation
            | InventoryError::BadFile(_)
            | InventoryError::TooManyRows { .. } => ErrorKind::Validation,
            InventoryError::Stale { .. } => ErrorKind::PreconditionFailed,
            InventoryError::Catalog(inner) => inner.kind(),
            InventoryError::Database(_) => ErrorKind::Internal,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            InventoryError::NotFound(_) => "not-found",
            InventoryError::InsufficientStock { .. } => "inventory/insufficient-stock",
            InventoryError::LocationArchived { .. } => "inventory/location-archived",
            InventoryError::LocationCodeTaken { .. } => "inventory/location-code-taken",
            InventoryError::SameLocation => "request/validation",
            InventoryError::KitNotStocked { .. } => "inventory/kit-not-stocked",
            InventoryError::NothingToReorder => "inventory/nothing-to-reorder",
            InventoryError::BadFile(_) => "import/bad-rows",
            InventoryError::TooManyRows { .. } => "import/too-many-rows",
            InventoryError::ReservationNotActive { .. } => "inventory/reservation-not-active",
            InventoryError::PurchaseOrderState { .. } => "inventory/purchase-order-state",
            InventoryError::OverReceipt { .. } => "inventory/over-receipt",
            InventoryError::Stale { .. } => "request/stale",
            InventoryError::Catalog(inner) => inner.code(),
            InventoryError::Database(_) => "internal",
        }
    }

    fn field_errors(&self) -> Vec<FieldError> {
        match self {
            InventoryError::SameLocation => vec![FieldError {
                field: "to_location_id".into(),
                message: "must differ from from_location_id".into(),
            }],
            _ => Vec::new(),
        }
    }

    fn row_errors(&self) -> Vec<RowError> {
        match self {
            InventoryError::BadFile(rows) => rows.listed.clone(),
            _ => Vec::new(),
        }
    }

    fn row_error_count(&self) -> Option<usize> {
        match self {
            InventoryError::BadFile(rows) => Some(rows.total),
            _ => None,
        }
    }

    fn shortages(&self) -> Vec<Shortage> {
        match self {
            InventoryError::InsufficientStock { shortages } => shortages.clone(),
            _ => Vec::new(),
        }
    }
}

impl From<FileError> for InventoryError {
    fn from(error: FileError) -> InventoryError {
        match error {
            FileError::BadRows(rows) => InventoryError::BadFile(rows),
            FileError::TooManyRows { limit } => InventoryError::TooManyRows { limit },
        }
    }
}
