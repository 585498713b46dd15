//! What can go wrong with customers, orders and payments.

use openapi::FieldError;
use openapi::orders::OrderStatus;
use rust_decimal::Decimal;
use sea_orm::DbErr;

use crate::catalog::error::CatalogError;
use crate::error::{DomainError, ErrorKind};
use crate::i18n::{Arg, Key, Message};
use crate::inventory::error::InventoryError;
use crate::tenancy::error::TenancyError;

#[derive(Debug, thiserror::Error)]
pub enum OrderError {
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("the order is {}; it can move to {}", .from.as_str(), allowed_words(.allowed))]
    IllegalTransition {
        from: OrderStatus,
        to: OrderStatus,
        allowed: Vec<OrderStatus>,
    },
    #[error("an order that is {} takes no payments", .status.as_str())]
    NotPayable { status: OrderStatus },
    #[error("an order that is {} takes no refunds", .status.as_str())]
    NotRefundable { status: OrderStatus },
    #[error("the payment of {amount} is more than the {due} still due")]
    Overpayment { amount: Decimal, due: Decimal },
    #[error("the refund of {amount} is more than the {refundable} paid and not yet refunded")]
    OverRefund {
        amount: Decimal,
        refundable: Decimal,
    },
    #[error("the payment reference `{reference}` belongs to another order")]
    ReferenceTaken { reference: String },
    #[error("the sales channel is archived")]
    ChannelArchived,
    #[error("{what} changed since you read it (now at version {current})")]
    Stale { what: &'static str, current: i32 },
    #[error(transparent)]
    Inventory(#[from] InventoryError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Tenancy(#[from] TenancyError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

fn allowed_words(allowed: &[OrderStatus]) -> String {
    if allowed.is_empty() {
        return "no other state".into();
    }
    allowed
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl OrderError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> OrderError {
        OrderError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl OrderError {
    fn own_message(&self) -> Option<Message> {
        let amounts = |key: Key, amount: &Decimal, name: &str, other: &Decimal| {
            Message::new(key)
                .with("amount", amount.to_string())
                .with(name, other.to_string())
        };
        // States are named by their codes, the values a request sends.
        Some(match self {
            OrderError::NotFound(what) => Message::not_found(what)?,
            OrderError::IllegalTransition { from, allowed, .. } => {
                let allowed = if allowed.is_empty() {
                    Arg::from(Key::NoOtherState)
                } else {
                    Arg::from(allowed_words(allowed))
                };
                Message::new(Key::ProblemIllegalTransition)
                    .with("from", from.as_str())
                    .with("allowed", allowed)
            }
            OrderError::NotPayable { status } => {
                Message::new(Key::ProblemNotPayable).with("status", status.as_str())
            }
            OrderError::NotRefundable { status } => {
                Message::new(Key::ProblemNotRefundable).with("status", status.as_str())
            }
            OrderError::Overpayment { amount, due } => {
                amounts(Key::ProblemOverpayment, amount, "due", due)
            }
            OrderError::OverRefund { amount, refundable } => {
                amounts(Key::ProblemOverRefund, amount, "refundable", refundable)
            }
            OrderError::ReferenceTaken { reference } => {
                Message::new(Key::ProblemReferenceTaken).with("reference", reference.as_str())
            }
            OrderError::ChannelArchived => Message::new(Key::ProblemChannelArchived),
            OrderError::Stale { what, current } => Message::stale(what, *current)?,
            // A wrapped error is answered as itself (`wrapped`).
            OrderError::Invalid { .. }
            | OrderError::Database(_)
            | OrderError::Inventory(_)
            | OrderError::Catalog(_)
            | OrderError::Tenancy(_) => return None,
        })
    }
}

impl DomainError for OrderError {
    fn wrapped(&self) -> Option<&dyn DomainError> {
        match self {
            OrderError::Inventory(inner) => Some(inner),
            OrderError::Catalog(inner) => Some(inner),
            OrderError::Tenancy(inner) => Some(inner),
            _ => None,
        }
    }

    fn message(&self) -> Option<Message> {
        self.own_message()
    }

    fn database_error(&self) -> Option<&DbErr> {
        match self {
            OrderError::Database(error) => Some(error),
            _ => None,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            OrderError::NotFound(_) => ErrorKind::NotFound,
            OrderError::Invalid { .. } => ErrorKind::Validation,
            OrderError::IllegalTransition { .. }
            | OrderError::NotPayable { .. }
            | OrderError::NotRefundable { .. }
            | OrderError::Overpayment { .. }
            | OrderError::OverRefund { .. }
            | OrderError::ReferenceTaken { .. }
            | OrderError::ChannelArchived => ErrorKind::Conflict,
            OrderError::Stale { .. } => ErrorKind::PreconditionFailed,
            OrderError::Inventory(inner) => inner.kind(),
            OrderError::Catalog(inner) => inner.kind(),
            OrderError::Tenancy(inner) => inner.kind(),
            OrderError::Database(_) => ErrorKind::Internal,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            OrderError::NotFound(_) => "not-found",
            OrderError::Invalid { .. } => "request/validation",
            OrderError::IllegalTransition { .. } => "orders/illegal-transition",
            OrderError::NotPayable { .. } => "orders/not-payable",
            OrderError::NotRefundable { .. } => "orders/not-refundable",
            OrderError::Overpayment { .. } => "orders/overpayment",
            OrderError::OverRefund { .. } => "orders/over-refund",
            OrderError::ReferenceTaken { .. } => "orders/payment-reference-taken",
            OrderError::ChannelArchived => "orders/channel-archived",
            OrderError::Stale { .. } => "request/stale",
            OrderError::Inventory(inner) => inner.code(),
            OrderError::Catalog(inner) => inner.code(),
            OrderError::Tenancy(inner) => inner.code(),
            OrderError::Database(_) => "internal",
        }
    }

    fn field_errors(&self) -> Vec<FieldError> {
        match self {
            OrderError::Invalid { field, message } => vec![FieldError {
                field: field.clone(),
                message: message.clone(),
            }],
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;

    #[test]
    fn a_busy_database_met_through_inventory_is_still_503() {
        let busy = DbErr::Custom("database is locked".into());
        let error = ApiError::from(OrderError::Inventory(InventoryError::Database(busy)));
        assert_eq!(error.problem().status, 503);
    }

    #[test]
    fn a_wrapped_error_is_answered_as_itself_with_its_fields_and_message() {
        let wrapped = OrderError::Tenancy(TenancyError::InvalidTimezone {
            value: "Mars/Olympus".into(),
        });
        let problem = ApiError::from(wrapped).problem();
        let alone = ApiError::from(TenancyError::InvalidTimezone {
            value: "Mars/Olympus".into(),
        })
        .problem();
        assert_eq!(problem.errors.len(), 1, "{problem:?}");
        assert_eq!(problem.errors[0].field, "timezone");
        assert_eq!(
            serde_json::to_value(&problem).ok(),
            serde_json::to_value(&alone).ok()
        );
    }
}
