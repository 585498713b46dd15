//! What can go wrong in automation.

use openapi::FieldError;
use sea_orm::DbErr;

use crate::automation::service::destination::Refusal;
use crate::automation::service::signature::SecretError;
use crate::error::{DomainError, ErrorKind};
use crate::i18n::{Key, Message};
use crate::sealed::SealError;

#[derive(Debug, thiserror::Error)]
pub enum AutomationError {
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("{what} changed since you read it (now at version {current})")]
    Stale { what: &'static str, current: i32 },
    #[error("{0}")]
    Destination(#[from] Refusal),
    #[error("the delivery is still being sent")]
    DeliveryPending,
    #[error("a test is sent once, never again")]
    TestNotReplayed,
    #[error("`to` must come after `from`")]
    EmptyPeriod,
    #[error("no event is named `{pattern}`")]
    UnknownEvent { index: usize, pattern: String },
    #[error("the endpoint's secret: {0}")]
    Secret(#[from] SecretError),
    #[error("the endpoint's sealed secret: {0}")]
    Sealed(#[from] SealError),
    #[error("a webhook's body: {0}")]
    Body(serde_json::Error),
    #[error(transparent)]
    Database(#[from] DbErr),
}

fn refusal_message(refusal: &Refusal) -> Message {
    match refusal {
        Refusal::NotUrl(url) => Message::new(Key::ProblemUrlInvalid).with("url", url.as_str()),
        Refusal::NotHttps => Message::new(Key::ProblemUrlNotHttps),
        Refusal::Credentials => Message::new(Key::ProblemUrlCredentials),
        Refusal::Unresolved(host) => {
            Message::new(Key::ProblemUrlUnresolved).with("host", host.as_str())
        }
        Refusal::NotPublic(address) => {
            Message::new(Key::ProblemUrlNotPublic).with("address", address.to_string())
        }
    }
}

impl DomainError for AutomationError {
    fn message(&self) -> Option<Message> {
        Some(match self {
            AutomationError::NotFound(what) => Message::not_found(what)?,
            AutomationError::Stale { what, current } => Message::stale(what, *current)?,
            AutomationError::Destination(refusal) => refusal_message(refusal),
            AutomationError::UnknownEvent { pattern, .. } => {
                Message::new(Key::ProblemUnknownEvent).with("pattern", pattern.as_str())
            }
            AutomationError::DeliveryPending => Message::new(Key::ProblemDeliveryPending),
            AutomationError::TestNotReplayed => Message::new(Key::ProblemTestNotReplayed),
            AutomationError::EmptyPeriod => Message::new(Key::ProblemReplayPeriod),
            AutomationError::Secret(_)
            | AutomationError::Sealed(_)
            | AutomationError::Body(_)
            | AutomationError::Database(_) => return None,
        })
    }

    fn database_error(&self) -> Option<&DbErr> {
        match self {
            AutomationError::Database(error) => Some(error),
            _ => None,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            AutomationError::NotFound(_) => ErrorKind::NotFound,
            AutomationError::Stale { .. } => ErrorKind::PreconditionFailed,
            AutomationError::DeliveryPending | AutomationError::TestNotReplayed => {
                ErrorKind::Conflict
            }
            AutomationError::Destination(_)
            | AutomationError::UnknownEvent { .. }
            | AutomationError::EmptyPeriod => ErrorKind::Validation,
            AutomationError::Secret(_)
            | AutomationError::Sealed(_)
            | AutomationError::Body(_)
            | AutomationError::Database(_) => ErrorKind::Internal,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AutomationError::NotFound(_) => "not-found",
            AutomationError::Stale { .. } => "request/stale",
            AutomationError::Destination(_) => "automation/destination-refused",
            AutomationError::UnknownEvent { .. } => "automation/unknown-event",
            AutomationError::DeliveryPending => "automation/delivery-pending",
            AutomationError::TestNotReplayed => "automation/test-not-replayed",
            AutomationError::EmptyPeriod => "automation/empty-period",
            AutomationError::Secret(_)
            | AutomationError::Sealed(_)
            | AutomationError::Body(_)
            | AutomationError::Database(_) => "internal",
        }
    }

    fn field_errors(&self) -> Vec<FieldError> {
        let field = match self {
            AutomationError::Destination(_) => "url".to_owned(),
            AutomationError::UnknownEvent { index, .. } => format!("events[{index}]"),
            AutomationError::EmptyPeriod => "to".to_owned(),
            _ => return Vec::new(),
        };
        vec![FieldError {
            field,
            message: self.to_string(),
        }]
    }
}
