//! What can go wrong in logistics.

use openapi::{FieldError, RowError};
use sea_orm::DbErr;

use crate::error::{DomainError, ErrorKind};
use crate::i18n::{Key, Message};
use crate::import_file::{BadRows, FileError};
use crate::inventory::error::InventoryError;
use crate::orders::error::OrderError;
use crate::tenancy::error::TenancyError;
use openapi::logistics::{FulfilmentStatus, ShipmentStatus};

#[derive(Debug, thiserror::Error)]
pub enum LogisticsError {
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("a carrier named `{name}` already exists")]
    CarrierNameTaken { name: String },
    #[error("the carrier already has a service with the code `{code}`")]
    ServiceCodeTaken { code: String },
    #[error("the service has no transit time for this destination")]
    NotServed,
    #[error("{what} changed since you read it (now at version {current})")]
    Stale { what: &'static str, current: i32 },
    #[error("{0}")]
    BadFile(BadRows),
    #[error("the file has more than {limit} rows, the most one import takes: split it")]
    TooManyRows { limit: usize },
    #[error("the fulfilment is {}; this step needs it {}", .status.as_str(), .expected.as_str())]
    FulfilmentState {
        status: FulfilmentStatus,
        expected: FulfilmentStatus,
    },
    #[error("the shipment is already with the carrier ({})", .status.as_str())]
    ShipmentPosted { status: ShipmentStatus },
    #[error("another shipment already has the tracking code `{code}`")]
    TrackingCodeTaken { code: String },
    #[error("the fulfilment has no carrier service: name one")]
    ServiceRequired,
    #[error("the order is on hold for review: release it before picking")]
    OrderHeld,
    #[error(transparent)]
    Orders(#[from] OrderError),
    #[error(transparent)]
    Inventory(#[from] InventoryError),
    #[error(transparent)]
    Tenancy(#[from] TenancyError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl DomainError for LogisticsError {
    fn message(&self) -> Option<Message> {
        Some(match self {
            LogisticsError::NotFound(what) => Message::not_found(what)?,
            LogisticsError::CarrierNameTaken { name } => {
                Message::new(Key::ProblemCarrierNameTaken).with("name", name.as_str())
            }
            LogisticsError::ServiceCodeTaken { code } => {
                Message::new(Key::ProblemServiceCodeTaken).with("code", code.as_str())
            }
            LogisticsError::NotServed => Message::new(Key::ProblemNotServed),
            LogisticsError::Stale { what, current } => Message::stale(what, *current)?,
            LogisticsError::BadFile(rows) => rows.message(),
            LogisticsError::TooManyRows { limit } => {
                Message::new(Key::ProblemTooManyRows).with("limit", *limit as i64)
            }
            LogisticsError::FulfilmentState { status, expected } => {
                Message::new(Key::ProblemFulfilmentState)
                    .with("status", status.as_str())
                    .with("expected", expected.as_str())
            }
            LogisticsError::ShipmentPosted { status } => {
                Message::new(Key::ProblemShipmentPosted).with("status", status.as_str())
            }
            LogisticsError::TrackingCodeTaken { code } => {
                Message::new(Key::ProblemTrackingCodeTaken).with("code", code.as_str())
            }
            LogisticsError::ServiceRequired => Message::new(Key::ProblemServiceRequired),
            LogisticsError::OrderHeld => Message::new(Key::ProblemOrderHeldForReview),
            LogisticsError::Inventory(_)
            | LogisticsError::Orders(_)
            | LogisticsError::Tenancy(_)
            | LogisticsError::Database(_) => return None,
        })
    }

    fn database_error(&self) -> Option<&DbErr> {
        match self {
            LogisticsError::Database(error) => Some(error),
            _ => None,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            LogisticsError::NotFound(_) | LogisticsError::NotServed => ErrorKind::NotFound,
            LogisticsError::CarrierNameTaken { .. }
            | LogisticsError::ServiceCodeTaken { .. }
            | LogisticsError::FulfilmentState { .. }
            | LogisticsError::ShipmentPosted { .. }
            | LogisticsError::TrackingCodeTaken { .. }
            | LogisticsError::OrderHeld => ErrorKind::Conflict,
            LogisticsError::BadFile(_)
            | LogisticsError::TooManyRows { .. }
            | LogisticsError::ServiceRequired => ErrorKind::Validation,
            LogisticsError::Stale { .. } => ErrorKind::PreconditionFailed,
            LogisticsError::Inventory(_)
            | LogisticsError::Orders(_)
            | LogisticsError::Tenancy(_)
            | LogisticsError::Database(_) => ErrorKind::Internal,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            LogisticsError::NotFound(_) => "not-found",
            LogisticsError::CarrierNameTaken { .. } => "logistics/carrier-name-taken",
            LogisticsError::ServiceCodeTaken { .. } => "logistics/service-code-taken",
            LogisticsError::NotServed => "logistics/not-served",
            LogisticsError::Stale { .. } => "request/stale",
            LogisticsError::BadFile(_) => "import/bad-rows",
            LogisticsError::TooManyRows { .. } => "import/too-many-rows",
            LogisticsError::FulfilmentState { .. } => "logistics/fulfilment-state",
            LogisticsError::ShipmentPosted { .. } => "logistics/shipment-posted",
            LogisticsError::TrackingCodeTaken { .. } => "logistics/tracking-code-taken",
            LogisticsError::ServiceRequired => "logistics/service-required",
            LogisticsError::OrderHeld => "logistics/order-held",
            LogisticsError::Inventory(_)
            | LogisticsError::Orders(_)
            | LogisticsError::Tenancy(_)
            | LogisticsError::Database(_) => "internal",
        }
    }

    fn field_errors(&self) -> Vec<FieldError> {
        let field = match self {
            LogisticsError::CarrierNameTaken { .. } => "name",
            LogisticsError::ServiceCodeTaken { .. } => "code",
            LogisticsError::TrackingCodeTaken { .. } => "tracking_code",
            LogisticsError::ServiceRequired => "service_id",
            _ => return Vec::new(),
        };
        vec![FieldError {
            field: field.into(),
            message: self.to_string(),
        }]
    }

    fn wrapped(&self) -> Option<&dyn DomainError> {
        match self {
            LogisticsError::Inventory(error) => Some(error),
            LogisticsError::Orders(error) => Some(error),
            LogisticsError::Tenancy(error) => Some(error),
            _ => None,
        }
    }

    fn row_errors(&self) -> Vec<RowError> {
        match self {
            LogisticsError::BadFile(rows) => rows.listed.clone(),
            _ => Vec::new(),
        }
    }

    fn row_error_count(&self) -> Option<usize> {
        match self {
            LogisticsError::BadFile(rows) => Some(rows.total),
            _ => None,
        }
    }
}

impl From<FileError> for LogisticsError {
    fn from(error: FileError) -> LogisticsError {
        match error {
            FileError::BadRows(rows) => LogisticsError::BadFile(rows),
            FileError::TooManyRows { limit } => LogisticsError::TooManyRows { limit },
        }
    }
}
