//! What can go wrong at the support desk.

use openapi::FieldError;
use sea_orm::DbErr;

use crate::error::{DomainError, ErrorKind};
use crate::i18n::{Key, Message};
use crate::mail::error::MailError;
use crate::orders::error::OrderError;
use crate::support::service::inbound::parse::Unreadable;
use crate::tenancy::error::TenancyError;

#[derive(Debug, thiserror::Error)]
pub enum SupportError {
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("{what} changed since you read it (now at version {current})")]
    Stale { what: &'static str, current: i32 },
    #[error("the order is not one of the ticket's customer's")]
    NotCustomersOrder,
    #[error("{0} is not a member of the store")]
    NotAMember(uuid::Uuid),
    #[error("the ticket is closed: a customer's new message opens a new one")]
    Closed,
    #[error("the customer has no email address to answer to")]
    NoEmail,
    #[error("{0}")]
    Unreadable(#[from] Unreadable),
    #[error("the answer's email: {0}")]
    Template(String),
    #[error("the reply does not render: {0}")]
    BadTemplate(String),
    #[error("a canned reply of that name and language exists")]
    CannedReplyExists,
    #[error(transparent)]
    Orders(#[from] OrderError),
    #[error(transparent)]
    Tenancy(#[from] TenancyError),
    #[error(transparent)]
    Mail(#[from] MailError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl DomainError for SupportError {
    fn message(&self) -> Option<Message> {
        Some(match self {
            SupportError::NotFound(what) => Message::not_found(what)?,
            SupportError::Stale { what, current } => Message::stale(what, *current)?,
            SupportError::NotCustomersOrder => Message::new(Key::ProblemSupportNotCustomersOrder),
            SupportError::NotAMember(id) => {
                Message::new(Key::ProblemSupportNotAMember).with("id", id.to_string())
            }
            SupportError::Closed => Message::new(Key::ProblemSupportClosed),
            SupportError::NoEmail => Message::new(Key::ProblemSupportNoEmail),
            SupportError::BadTemplate(reason) => {
                Message::new(Key::ProblemSupportBadTemplate).with("reason", reason.as_str())
            }
            SupportError::CannedReplyExists => Message::new(Key::ProblemSupportCannedReplyExists),
            SupportError::Unreadable(Unreadable::NotEmail) => {
                Message::new(Key::ProblemSupportNotEmail)
            }
            SupportError::Unreadable(Unreadable::NoSender) => {
                Message::new(Key::ProblemSupportNoSender)
            }
            SupportError::Template(_)
            | SupportError::Orders(_)
            | SupportError::Tenancy(_)
            | SupportError::Mail(_)
            | SupportError::Database(_) => return None,
        })
    }

    fn wrapped(&self) -> Option<&dyn DomainError> {
        match self {
            SupportError::Orders(error) => Some(error),
            SupportError::Tenancy(error) => Some(error),
            SupportError::Mail(error) => Some(error),
            _ => None,
        }
    }

    fn database_error(&self) -> Option<&DbErr> {
        match self {
            SupportError::Database(error) => Some(error),
            _ => None,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            SupportError::NotFound(_) => ErrorKind::NotFound,
            SupportError::Stale { .. } => ErrorKind::PreconditionFailed,
            SupportError::Closed | SupportError::NoEmail | SupportError::CannedReplyExists => {
                ErrorKind::Conflict
            }
            SupportError::BadTemplate(_)
            | SupportError::NotCustomersOrder
            | SupportError::NotAMember(_)
            | SupportError::Unreadable(_) => ErrorKind::Validation,
            SupportError::Orders(inner) => inner.kind(),
            SupportError::Tenancy(inner) => inner.kind(),
            SupportError::Mail(inner) => inner.kind(),
            SupportError::Template(_) | SupportError::Database(_) => ErrorKind::Internal,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            SupportError::NotFound(_) => "not-found",
            SupportError::Stale { .. } => "request/stale",
            SupportError::NotCustomersOrder => "support/not-customers-order",
            SupportError::NotAMember(_) => "support/not-a-member",
            SupportError::Closed => "support/ticket-closed",
            SupportError::NoEmail => "support/no-email",
            SupportError::Unreadable(_) => "support/unreadable-email",
            SupportError::BadTemplate(_) => "support/bad-template",
            SupportError::CannedReplyExists => "support/canned-reply-exists",
            SupportError::Orders(inner) => inner.code(),
            SupportError::Tenancy(inner) => inner.code(),
            SupportError::Mail(inner) => inner.code(),
            SupportError::Template(_) | SupportError::Database(_) => "internal",
        }
    }

    fn field_errors(&self) -> Vec<FieldError> {
        let field = match self {
            SupportError::NotCustomersOrder => "order_id",
            SupportError::NotAMember(_) => "assignee_id",
            SupportError::BadTemplate(_) => "body",
            _ => return Vec::new(),
        };
        vec![FieldError {
            field: field.to_owned(),
            message: self.to_string(),
        }]
    }
}
