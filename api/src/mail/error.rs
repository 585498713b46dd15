//! What can go wrong with emails and templates.

use openapi::FieldError;
use sea_orm::DbErr;

use crate::error::{DomainError, ErrorKind};
use crate::mail::templates::TemplateError;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("the template does not render: {0}")]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl DomainError for MailError {
    fn database_error(&self) -> Option<&DbErr> {
        match self {
            MailError::Database(error) => Some(error),
            _ => None,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            MailError::NotFound(_) => ErrorKind::NotFound,
            MailError::Template(_) => ErrorKind::Validation,
            MailError::Database(_) => ErrorKind::Internal,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            MailError::NotFound(_) => "not-found",
            MailError::Template(_) => "mail/bad-template",
            MailError::Database(_) => "internal",
        }
    }

    fn field_errors(&self) -> Vec<FieldError> {
        match self {
            MailError::Template(error) => vec![FieldError {
                field: error.part.to_owned(),
                message: error.message.clone(),
            }],
            _ => Vec::new(),
        }
    }
}
