//! What can go wrong in automation.

use openapi::FieldError;
use sea_orm::DbErr;

use crate::automation::service::destination::Refusal;
use crate::automation::service::signature::SecretError;
use crate::catalog::error::CatalogError;
use crate::error::{DomainError, ErrorKind};
use crate::i18n::{Key, Message};
use crate::mail::compose::ComposeError;
use crate::orders::error::OrderError;
use crate::sealed::SealError;
use crate::tenancy::error::TenancyError;

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
    #[error("{problem}")]
    RuleInvalid { field: String, problem: RuleProblem },
    #[error("none of the store's last 100 events is a {trigger}")]
    NoRecentEvent { trigger: String },
    #[error("a rule's stored {0} does not read: {1}")]
    StoredRule(&'static str, serde_json::Error),
    #[error("a rule's event: {0}")]
    Event(#[from] openapi::events::DecodeError),
    #[error(transparent)]
    Orders(#[from] OrderError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Tenancy(#[from] TenancyError),
    #[error("notifications are a member's: an API key has none")]
    MembersOnly,
    #[error(transparent)]
    Compose(Box<ComposeError>),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// What is wrong with a rule, at the field `RuleInvalid` names.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RuleProblem {
    #[error("no rule can start from `{trigger}`")]
    Trigger { trigger: String },
    #[error("`{field}` is not a field of {trigger}")]
    Field { field: String, trigger: String },
    #[error("`{op}` does not apply to `{field}`")]
    Operator { op: String, field: String },
    #[error("the value does not fit `{field}`")]
    Value { field: String },
    #[error("`{action}` cannot run on {trigger}: the event is not about what it changes")]
    Subject { action: String, trigger: String },
    #[error("`{template}` is not a template `{action}` can send")]
    Template { template: String, action: String },
    #[error("no webhook endpoint of the store has the id {id}")]
    Endpoint { id: String },
    #[error("the event is not one of the store's last 100 {trigger} events")]
    DryRunEvent { trigger: String },
}

impl RuleProblem {
    fn message(&self) -> Message {
        match self {
            RuleProblem::Trigger { trigger } => {
                Message::new(Key::ProblemRuleTrigger).with("trigger", trigger.as_str())
            }
            RuleProblem::Field { field, trigger } => Message::new(Key::ProblemRuleField)
                .with("field", field.as_str())
                .with("trigger", trigger.as_str()),
            RuleProblem::Operator { op, field } => Message::new(Key::ProblemRuleOperator)
                .with("op", op.as_str())
                .with("field", field.as_str()),
            RuleProblem::Value { field } => {
                Message::new(Key::ProblemRuleValue).with("field", field.as_str())
            }
            RuleProblem::Subject { action, trigger } => Message::new(Key::ProblemRuleSubject)
                .with("action", action.as_str())
                .with("trigger", trigger.as_str()),
            RuleProblem::Template { template, action } => Message::new(Key::ProblemRuleTemplate)
                .with("template", template.as_str())
                .with("action", action.as_str()),
            RuleProblem::Endpoint { id } => {
                Message::new(Key::ProblemRuleEndpoint).with("id", id.as_str())
            }
            RuleProblem::DryRunEvent { trigger } => {
                Message::new(Key::ProblemDryRunEvent).with("trigger", trigger.as_str())
            }
        }
    }
}

impl From<ComposeError> for AutomationError {
    fn from(error: ComposeError) -> Self {
        AutomationError::Compose(Box::new(error))
    }
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
            AutomationError::RuleInvalid { problem, .. } => problem.message(),
            AutomationError::MembersOnly => Message::new(Key::ProblemMembersOnly),
            AutomationError::NoRecentEvent { trigger } => {
                Message::new(Key::ProblemNoRecentEvent).with("trigger", trigger.as_str())
            }
            AutomationError::StoredRule(..)
            | AutomationError::Event(_)
            | AutomationError::Orders(_)
            | AutomationError::Catalog(_)
            | AutomationError::Tenancy(_)
            | AutomationError::Compose(_)
            | AutomationError::Secret(_)
            | AutomationError::Sealed(_)
            | AutomationError::Body(_)
            | AutomationError::Database(_) => return None,
        })
    }

    fn wrapped(&self) -> Option<&dyn DomainError> {
        match self {
            AutomationError::Orders(error) => Some(error),
            AutomationError::Catalog(error) => Some(error),
            AutomationError::Tenancy(error) => Some(error),
            AutomationError::Compose(error) => Some(error.as_ref()),
            _ => None,
        }
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
            AutomationError::DeliveryPending
            | AutomationError::TestNotReplayed
            | AutomationError::NoRecentEvent { .. } => ErrorKind::Conflict,
            AutomationError::Destination(_)
            | AutomationError::UnknownEvent { .. }
            | AutomationError::RuleInvalid { .. }
            | AutomationError::EmptyPeriod => ErrorKind::Validation,
            AutomationError::Orders(inner) => inner.kind(),
            AutomationError::Catalog(inner) => inner.kind(),
            AutomationError::Tenancy(inner) => inner.kind(),
            AutomationError::MembersOnly => ErrorKind::Forbidden,
            AutomationError::Compose(inner) => inner.kind(),
            AutomationError::StoredRule(..)
            | AutomationError::Event(_)
            | AutomationError::Secret(_)
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
            AutomationError::RuleInvalid { .. } => "automation/rule-invalid",
            AutomationError::NoRecentEvent { .. } => "automation/no-recent-event",
            AutomationError::Orders(inner) => inner.code(),
            AutomationError::Catalog(inner) => inner.code(),
            AutomationError::Tenancy(inner) => inner.code(),
            AutomationError::MembersOnly => "automation/members-only",
            AutomationError::Compose(inner) => inner.code(),
            AutomationError::StoredRule(..)
            | AutomationError::Event(_)
            | AutomationError::Secret(_)
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
            AutomationError::RuleInvalid { field, .. } => field.clone(),
            _ => return Vec::new(),
        };
        vec![FieldError {
            field,
            message: self.to_string(),
        }]
    }
}
