//! What can go wrong with a return.

use chrono::NaiveDate;
use openapi::FieldError;
use openapi::logistics::{ReasonKind, ReturnStatus};
use openapi::orders::OrderStatus;
use sea_orm::DbErr;

use crate::error::{DomainError, ErrorKind};
use crate::i18n::{Key, Message};
use crate::inventory::error::InventoryError;
use crate::orders::error::OrderError;
use crate::tenancy::error::TenancyError;

#[derive(Debug, thiserror::Error)]
pub enum ReturnError {
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("{what} changed since you read it (now at version {current})")]
    Stale { what: &'static str, current: i32 },
    #[error("an order that is {} has not been delivered", .status.as_str())]
    NotDelivered { status: OrderStatus },
    #[error("the {} return window closed on {closed}", kind_word(*.kind))]
    WindowClosed { kind: ReasonKind, closed: NaiveDate },
    #[error("{sku}: {requested} to return, but only {returnable} delivered and not yet returned")]
    OverQuantity {
        sku: String,
        requested: i64,
        returnable: i64,
    },
    #[error("`{code}` is not one of the store's return reasons")]
    UnknownReason { code: String },
    #[error("the line is not a line of the return's order")]
    UnknownLine,
    #[error("a return that is {} cannot be {action}", status_word(*.status))]
    WrongState {
        status: ReturnStatus,
        action: &'static str,
    },
    #[error("{sku}: {inspected} inspected, but {quantity} on the return")]
    Inspection {
        sku: String,
        inspected: i64,
        quantity: i64,
    },
    #[error("an exchange needs the replacement's lines")]
    NoReplacement,
    #[error("the return link is not valid or has expired")]
    BadLink,
    #[error(transparent)]
    Orders(#[from] OrderError),
    #[error(transparent)]
    Inventory(#[from] InventoryError),
    #[error(transparent)]
    Tenancy(#[from] TenancyError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

fn kind_word(kind: ReasonKind) -> &'static str {
    match kind {
        ReasonKind::Regret => "regret",
        ReasonKind::Defect => "defect",
    }
}

impl DomainError for ReturnError {
    fn message(&self) -> Option<Message> {
        Some(match self {
            ReturnError::NotFound(what) => Message::not_found(what)?,
            ReturnError::Stale { what, current } => Message::stale(what, *current)?,
            ReturnError::NotDelivered { status } => {
                Message::new(Key::ProblemReturnNotDelivered).with("status", status.as_str())
            }
            ReturnError::WindowClosed { kind, closed } => {
                let key = match kind {
                    ReasonKind::Regret => Key::ProblemReturnRegretWindow,
                    ReasonKind::Defect => Key::ProblemReturnDefectWindow,
                };
                Message::new(key).with("closed", closed.to_string())
            }
            ReturnError::OverQuantity {
                sku,
                requested,
                returnable,
            } => Message::new(Key::ProblemReturnOverQuantity)
                .with("sku", sku.as_str())
                .with("requested", *requested)
                .with("returnable", *returnable),
            ReturnError::UnknownReason { code } => {
                Message::new(Key::ProblemReturnUnknownReason).with("code", code.as_str())
            }
            ReturnError::UnknownLine => Message::new(Key::ProblemReturnUnknownLine),
            ReturnError::WrongState { status, action } => Message::new(Key::ProblemReturnState)
                .with("status", status_word(*status))
                .with("action", *action),
            ReturnError::Inspection {
                sku,
                inspected,
                quantity,
            } => Message::new(Key::ProblemReturnInspection)
                .with("sku", sku.as_str())
                .with("inspected", *inspected)
                .with("quantity", *quantity),
            ReturnError::NoReplacement => Message::new(Key::ProblemReturnNoReplacement),
            ReturnError::BadLink => Message::new(Key::ProblemReturnBadLink),
            ReturnError::Orders(_)
            | ReturnError::Inventory(_)
            | ReturnError::Tenancy(_)
            | ReturnError::Database(_) => return None,
        })
    }

    fn database_error(&self) -> Option<&DbErr> {
        match self {
            ReturnError::Database(error) => Some(error),
            _ => None,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            ReturnError::NotFound(_) | ReturnError::BadLink => ErrorKind::NotFound,
            ReturnError::Stale { .. } => ErrorKind::PreconditionFailed,
            ReturnError::NotDelivered { .. } | ReturnError::WrongState { .. } => {
                ErrorKind::Conflict
            }
            ReturnError::WindowClosed { .. }
            | ReturnError::OverQuantity { .. }
            | ReturnError::UnknownReason { .. }
            | ReturnError::UnknownLine
            | ReturnError::Inspection { .. }
            | ReturnError::NoReplacement => ErrorKind::Validation,
            ReturnError::Orders(_)
            | ReturnError::Inventory(_)
            | ReturnError::Tenancy(_)
            | ReturnError::Database(_) => ErrorKind::Internal,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ReturnError::NotFound(_) => "not-found",
            ReturnError::Stale { .. } => "request/stale",
            ReturnError::NotDelivered { .. } => "returns/not-delivered",
            ReturnError::WindowClosed { .. } => "returns/window-closed",
            ReturnError::OverQuantity { .. } => "returns/over-quantity",
            ReturnError::UnknownReason { .. } => "returns/unknown-reason",
            ReturnError::UnknownLine => "returns/unknown-line",
            ReturnError::WrongState { .. } => "returns/wrong-state",
            ReturnError::Inspection { .. } => "returns/inspection-mismatch",
            ReturnError::NoReplacement => "returns/no-replacement",
            ReturnError::BadLink => "returns/bad-link",
            ReturnError::Orders(_)
            | ReturnError::Inventory(_)
            | ReturnError::Tenancy(_)
            | ReturnError::Database(_) => "internal",
        }
    }

    fn field_errors(&self) -> Vec<FieldError> {
        let field = match self {
            ReturnError::WindowClosed { .. } => "override_reason",
            ReturnError::OverQuantity { .. } => "lines",
            ReturnError::UnknownReason { .. } | ReturnError::UnknownLine => "lines",
            ReturnError::Inspection { .. } => "lines",
            ReturnError::NoReplacement => "replacement",
            _ => return Vec::new(),
        };
        vec![FieldError {
            field: field.into(),
            message: self.to_string(),
        }]
    }

    fn wrapped(&self) -> Option<&dyn DomainError> {
        match self {
            ReturnError::Orders(error) => Some(error),
            ReturnError::Inventory(error) => Some(error),
            ReturnError::Tenancy(error) => Some(error),
            _ => None,
        }
    }
}

/// A return state's stored and wire name.
pub fn status_word(status: ReturnStatus) -> &'static str {
    match status {
        ReturnStatus::Requested => "requested",
        ReturnStatus::Approved => "approved",
        ReturnStatus::Declined => "declined",
        ReturnStatus::Received => "received",
        ReturnStatus::Resolved => "resolved",
    }
}
