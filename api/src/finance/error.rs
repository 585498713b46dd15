//! What can go wrong with invoices and credit notes.

use openapi::finance::FiscalStatus;
use openapi::orders::OrderStatus;
use openapi::{FieldError, RowError};
use sea_orm::DbErr;

use crate::catalog::error::CatalogError;
use crate::error::{DomainError, ErrorKind};
use crate::i18n::{Key, Message};
use crate::import_file::{BadRows, FileError};
use crate::inventory::error::InventoryError;
use crate::logistics::error::LogisticsError;
use crate::logistics::returns::error::ReturnError;
use crate::orders::error::OrderError;
use crate::tenancy::calendar::CalendarError;
use crate::tenancy::error::TenancyError;

#[derive(Debug, thiserror::Error)]
pub enum FinanceError {
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("{what} changed since you read it (now at version {current})")]
    Stale { what: &'static str, current: i32 },
    #[error("an order that is {} is not paid: it cannot be invoiced yet", .status.as_str())]
    NotPaid { status: OrderStatus },
    #[error("the order already has the invoice {reference}")]
    Invoiced { reference: String },
    #[error("{sku}: {requested} to credit, but only {creditable} billed and not yet credited")]
    OverCredit {
        sku: String,
        requested: i64,
        creditable: i64,
    },
    #[error("the line is not a line of the invoice")]
    UnknownLine,
    #[error("everything on the invoice has been credited already")]
    NothingLeft,
    #[error("a credit note corrects an invoice, not another credit note")]
    NotAnInvoice,
    #[error("an authorized NF-e needs its access key")]
    KeyRequired,
    #[error("the NF-e was authorized with another access key")]
    KeyChanged,
    #[error("an NF-e that is {} cannot become {}", fiscal_word(*.from), fiscal_word(*.to))]
    FiscalMove {
        from: FiscalStatus,
        to: FiscalStatus,
    },
    #[error("the payment notification has settled its order already")]
    AlreadySettled,
    #[error("the customer is blocked already")]
    AlreadyBlocked,
    #[error("the customer is not blocked")]
    NotBlocked,
    #[error("nothing of the instalment is outstanding")]
    NothingOutstanding,
    #[error("is no member of the store")]
    NotAMember,
    #[error("the line was settled or classified already")]
    BankLineDone,
    #[error("names a sales channel the store does not have")]
    UnknownChannel,
    #[error("names the same channel or payment method twice")]
    DuplicateFee { field: &'static str },
    #[error("nothing of the purchase order was received yet: there is nothing to bill")]
    NotReceived,
    #[error("a line is not a line of the purchase order")]
    UnknownOrderLine,
    #[error("a purchase order line is billed twice on one bill")]
    RepeatedLine,
    #[error("is before the day the bill was issued")]
    DueBeforeIssue,
    #[error("the supplier's bill {number} was entered already")]
    BillNumberTaken { number: String },
    #[error("the bill differs from its purchase order: a manager must approve it first")]
    BillHeld,
    #[error("the bill is not waiting for approval")]
    NotHeld,
    #[error("is more than the {outstanding} outstanding")]
    OverPaid { outstanding: rust_decimal::Decimal },
    #[error("{0}")]
    BadFile(Box<BadRows>),
    #[error("the file has more than {limit} rows, the most one import takes: split it")]
    TooManyRows { limit: usize },
    #[error(transparent)]
    Tenancy(#[from] TenancyError),
    #[error(transparent)]
    Orders(#[from] OrderError),
    #[error(transparent)]
    Returns(#[from] ReturnError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Logistics(#[from] LogisticsError),
    #[error(transparent)]
    Inventory(#[from] InventoryError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// A fiscal status's wire name.
pub fn fiscal_word(status: FiscalStatus) -> &'static str {
    match status {
        FiscalStatus::NotSent => "not_sent",
        FiscalStatus::Pending => "pending",
        FiscalStatus::Authorized => "authorized",
        FiscalStatus::Rejected => "rejected",
        FiscalStatus::Cancelled => "cancelled",
    }
}

impl DomainError for FinanceError {
    fn message(&self) -> Option<Message> {
        Some(match self {
            FinanceError::NotFound(what) => Message::not_found(what)?,
            FinanceError::Stale { what, current } => Message::stale(what, *current)?,
            FinanceError::NotPaid { status } => {
                Message::new(Key::ProblemFinanceNotPaid).with("status", status.as_str())
            }
            FinanceError::Invoiced { reference } => {
                Message::new(Key::ProblemFinanceInvoiced).with("reference", reference.as_str())
            }
            FinanceError::OverCredit {
                sku,
                requested,
                creditable,
            } => Message::new(Key::ProblemFinanceOverCredit)
                .with("sku", sku.as_str())
                .with("requested", *requested)
                .with("creditable", *creditable),
            FinanceError::UnknownLine => Message::new(Key::ProblemFinanceUnknownLine),
            FinanceError::NothingLeft => Message::new(Key::ProblemFinanceNothingLeft),
            FinanceError::NotAnInvoice => Message::new(Key::ProblemFinanceNotAnInvoice),
            FinanceError::KeyRequired => Message::new(Key::ProblemFinanceKeyRequired),
            FinanceError::KeyChanged => Message::new(Key::ProblemFinanceKeyChanged),
            FinanceError::AlreadySettled => Message::new(Key::ProblemFinanceSettled),
            FinanceError::AlreadyBlocked => Message::new(Key::ProblemFinanceAlreadyBlocked),
            FinanceError::NotBlocked => Message::new(Key::ProblemFinanceNotBlocked),
            FinanceError::NothingOutstanding => Message::new(Key::ProblemFinanceNothingOutstanding),
            FinanceError::NotAMember => Message::new(Key::ProblemFinanceNotAMember),
            FinanceError::BankLineDone => Message::new(Key::ProblemFinanceBankLineDone),
            FinanceError::UnknownChannel => Message::new(Key::ProblemFinanceUnknownChannel),
            FinanceError::DuplicateFee { .. } => Message::new(Key::ProblemFinanceDuplicateFee),
            FinanceError::NotReceived => Message::new(Key::ProblemFinanceNotReceived),
            FinanceError::UnknownOrderLine => Message::new(Key::ProblemFinanceUnknownOrderLine),
            FinanceError::RepeatedLine => Message::new(Key::ProblemFinanceRepeatedLine),
            FinanceError::DueBeforeIssue => Message::new(Key::ProblemFinanceDueBeforeIssue),
            FinanceError::BillNumberTaken { number } => {
                Message::new(Key::ProblemFinanceBillNumberTaken).with("number", number.as_str())
            }
            FinanceError::BillHeld => Message::new(Key::ProblemFinanceBillHeld),
            FinanceError::NotHeld => Message::new(Key::ProblemFinanceNotHeld),
            FinanceError::OverPaid { outstanding } => Message::new(Key::ProblemFinanceOverPaid)
                .with("outstanding", outstanding.to_string()),
            FinanceError::BadFile(rows) => rows.message(),
            FinanceError::TooManyRows { limit } => {
                Message::new(Key::ProblemTooManyRows).with("limit", *limit as i64)
            }
            FinanceError::FiscalMove { from, to } => Message::new(Key::ProblemFinanceFiscalMove)
                .with("from", fiscal_word(*from))
                .with("to", fiscal_word(*to)),
            FinanceError::Orders(_)
            | FinanceError::Returns(_)
            | FinanceError::Tenancy(_)
            | FinanceError::Catalog(_)
            | FinanceError::Logistics(_)
            | FinanceError::Inventory(_)
            | FinanceError::Database(_) => {
                return None;
            }
        })
    }

    fn database_error(&self) -> Option<&DbErr> {
        match self {
            FinanceError::Database(error) => Some(error),
            _ => None,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            FinanceError::NotFound(_) => ErrorKind::NotFound,
            FinanceError::Stale { .. } => ErrorKind::PreconditionFailed,
            FinanceError::NotPaid { .. }
            | FinanceError::Invoiced { .. }
            | FinanceError::NothingLeft
            | FinanceError::AlreadySettled
            | FinanceError::AlreadyBlocked
            | FinanceError::NotBlocked
            | FinanceError::NothingOutstanding
            | FinanceError::BankLineDone
            | FinanceError::NotReceived
            | FinanceError::BillNumberTaken { .. }
            | FinanceError::BillHeld
            | FinanceError::NotHeld
            | FinanceError::FiscalMove { .. } => ErrorKind::Conflict,
            FinanceError::OverCredit { .. }
            | FinanceError::UnknownLine
            | FinanceError::NotAnInvoice
            | FinanceError::KeyRequired
            | FinanceError::KeyChanged
            | FinanceError::NotAMember
            | FinanceError::UnknownChannel
            | FinanceError::DuplicateFee { .. }
            | FinanceError::UnknownOrderLine
            | FinanceError::RepeatedLine
            | FinanceError::DueBeforeIssue
            | FinanceError::OverPaid { .. }
            | FinanceError::BadFile(_)
            | FinanceError::TooManyRows { .. } => ErrorKind::Validation,
            FinanceError::Orders(_)
            | FinanceError::Returns(_)
            | FinanceError::Tenancy(_)
            | FinanceError::Catalog(_)
            | FinanceError::Logistics(_)
            | FinanceError::Inventory(_)
            | FinanceError::Database(_) => ErrorKind::Internal,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            FinanceError::NotFound(_) => "not-found",
            FinanceError::Stale { .. } => "request/stale",
            FinanceError::NotPaid { .. } => "finance/not-paid",
            FinanceError::Invoiced { .. } => "finance/already-invoiced",
            FinanceError::OverCredit { .. } => "finance/over-credit",
            FinanceError::UnknownLine => "finance/unknown-line",
            FinanceError::NothingLeft => "finance/nothing-left",
            FinanceError::NotAnInvoice => "finance/not-an-invoice",
            FinanceError::KeyRequired => "finance/access-key-required",
            FinanceError::KeyChanged => "finance/access-key-changed",
            FinanceError::FiscalMove { .. } => "finance/fiscal-move",
            FinanceError::AlreadySettled => "finance/already-settled",
            FinanceError::AlreadyBlocked => "finance/already-blocked",
            FinanceError::NotBlocked => "finance/not-blocked",
            FinanceError::NothingOutstanding => "finance/nothing-outstanding",
            FinanceError::NotAMember => "finance/not-a-member",
            FinanceError::BankLineDone => "finance/bank-line-done",
            FinanceError::UnknownChannel => "finance/unknown-channel",
            FinanceError::DuplicateFee { .. } => "finance/duplicate-fee",
            FinanceError::NotReceived => "finance/not-received",
            FinanceError::UnknownOrderLine => "finance/unknown-order-line",
            FinanceError::RepeatedLine => "finance/repeated-line",
            FinanceError::DueBeforeIssue => "finance/due-before-issue",
            FinanceError::BillNumberTaken { .. } => "finance/bill-number-taken",
            FinanceError::BillHeld => "finance/bill-held",
            FinanceError::NotHeld => "finance/not-held",
            FinanceError::OverPaid { .. } => "finance/over-paid",
            FinanceError::BadFile(_) => "import/bad-rows",
            FinanceError::TooManyRows { .. } => "import/too-many-rows",
            FinanceError::Orders(_)
            | FinanceError::Returns(_)
            | FinanceError::Tenancy(_)
            | FinanceError::Catalog(_)
            | FinanceError::Logistics(_)
            | FinanceError::Inventory(_)
            | FinanceError::Database(_) => "internal",
        }
    }

    fn field_errors(&self) -> Vec<FieldError> {
        let field = match self {
            FinanceError::OverCredit { .. } | FinanceError::UnknownLine => "lines",
            FinanceError::KeyRequired | FinanceError::KeyChanged => "access_key",
            FinanceError::NotAMember => "account_owner_id",
            FinanceError::UnknownChannel => "channel_fees",
            FinanceError::DuplicateFee { field } => field,
            FinanceError::UnknownOrderLine | FinanceError::RepeatedLine => "lines",
            FinanceError::DueBeforeIssue => "due_on",
            FinanceError::OverPaid { .. } => "amount",
            _ => return Vec::new(),
        };
        vec![FieldError {
            field: field.into(),
            message: self.to_string(),
        }]
    }

    fn row_errors(&self) -> Vec<RowError> {
        match self {
            FinanceError::BadFile(rows) => rows.listed.clone(),
            _ => Vec::new(),
        }
    }

    fn row_error_count(&self) -> Option<usize> {
        match self {
            FinanceError::BadFile(rows) => Some(rows.total),
            _ => None,
        }
    }

    fn wrapped(&self) -> Option<&dyn DomainError> {
        match self {
            FinanceError::Orders(error) => Some(error),
            FinanceError::Returns(error) => Some(error),
            FinanceError::Tenancy(error) => Some(error),
            FinanceError::Catalog(error) => Some(error),
            FinanceError::Logistics(error) => Some(error),
            FinanceError::Inventory(error) => Some(error),
            _ => None,
        }
    }
}

impl From<CalendarError> for FinanceError {
    fn from(error: CalendarError) -> Self {
        FinanceError::Tenancy(error.into())
    }
}

impl From<FileError> for FinanceError {
    fn from(error: FileError) -> FinanceError {
        match error {
            FileError::BadRows(rows) => FinanceError::BadFile(Box::new(rows)),
            FileError::TooManyRows { limit } => FinanceError::TooManyRows { limit },
        }
    }
}
