//! What can go wrong with emails and templates.

use openapi::FieldError;
use sea_orm::DbErr;

use crate::error::{DomainError, ErrorKind};
use crate::i18n::{Key, Message};
use crate::mail::templates::TemplateError;
use crate::tenancy::error::TenancyError;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("the template does not render: {0}")]
    Template(#[from] TemplateError),
    #[error("`{0}` emails carry a one-time link: they always use the built-in wording")]
    NotEditable(&'static str),
    #[error(transparent)]
    Invitation(#[from] TenancyError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl DomainError for MailError {
    fn wrapped(&self) -> Option<&dyn DomainError> {
        match self {
            MailError::Invitation(inner) => Some(inner),
            _ => None,
        }
    }

    fn message(&self) -> Option<Message> {
        match self {
            MailError::NotFound(what) => Message::not_found(what),
            MailError::NotEditable(kind) => {
                Some(Message::new(Key::ProblemNotEditable).with("kind", *kind))
            }
            // A template's error is the template engine's, in English.
            MailError::Template(_) | MailError::Database(_) | MailError::Invitation(_) => None,
        }
    }

    fn database_error(&self) -> Option<&DbErr> {
        match self {
            MailError::Database(error) => Some(error),
            _ => None,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            MailError::NotFound(_) => ErrorKind::NotFound,
            MailError::Template(_) | MailError::NotEditable(_) => ErrorKind::Validation,
            MailError::Invitation(inner) => inner.kind(),
            MailError::Database(_) => ErrorKind::Internal,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            MailError::NotFound(_) => "not-found",
            MailError::Template(_) => "mail/bad-template",
            MailError::NotEditable(_) => "mail/template-not-editable",
            MailError::Invitation(inner) => inner.code(),
            MailError::Database(_) => "internal",
        }
    }

    fn field_errors(&self) -> Vec<FieldError> {
        match self {
            MailError::Template(error) => vec![FieldError {
                field: error.part.to_owned(),
                message: error.message.clone(),
            }],
            MailError::NotEditable(_) => vec![FieldError {
                field: "kind".to_owned(),
                message: self.to_string(),
            }],
            _ => Vec::new(),
        }
    }
}
