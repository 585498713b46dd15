//! What can go wrong in authentication and API keys.

use openapi::FieldError;
use sea_orm::DbErr;

use crate::error::{DomainError, ErrorKind};
use crate::i18n::{Key, Message};

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("send `Authorization: Bearer <access token or API key>`")]
    MissingCredentials,
    #[error("the access token or API key is invalid, expired or revoked")]
    InvalidCredentials,
    #[error("the email or password is wrong")]
    WrongPassword,
    #[error("the refresh token is invalid, expired or already used; log in again")]
    InvalidRefreshToken,
    #[error("too many failed logins; try again in {retry_after} seconds")]
    TooManyAttempts { retry_after: u64 },
    #[error("this action needs the `{permission}` permission")]
    Forbidden { permission: &'static str },
    #[error("this user is not a member of that store")]
    NotAMember,
    #[error("`{scope}` is not a scope you can grant")]
    InvalidScope { scope: String },
    #[error("no such API key")]
    ApiKeyNotFound,
    #[error("the password could not be processed")]
    Hashing,
    #[error("the server is busy checking other passwords; try again in a second")]
    Busy,
    #[error("the password {reason}")]
    WeakPassword { reason: String },
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl DomainError for AuthError {
    fn message(&self) -> Option<Message> {
        let key = match self {
            AuthError::MissingCredentials => Key::ProblemMissingCredentials,
            AuthError::InvalidCredentials => Key::ProblemInvalidCredentials,
            AuthError::WrongPassword => Key::ProblemWrongPassword,
            AuthError::InvalidRefreshToken => Key::ProblemInvalidRefreshToken,
            AuthError::TooManyAttempts { retry_after } => {
                let seconds = i64::try_from(*retry_after).unwrap_or(i64::MAX);
                return Some(Message::new(Key::ProblemTooManyAttempts).with("seconds", seconds));
            }
            AuthError::Forbidden { permission } => {
                return Some(Message::new(Key::ProblemForbidden).with("permission", *permission));
            }
            AuthError::NotAMember => Key::ProblemNotAMember,
            AuthError::InvalidScope { scope } => {
                return Some(Message::new(Key::ProblemInvalidScope).with("scope", scope.as_str()));
            }
            AuthError::ApiKeyNotFound => return Message::not_found("API key"),
            AuthError::Busy => Key::ProblemPasswordsBusy,
            // The password policy's reason is written in English; hashing is an internal error.
            AuthError::WeakPassword { .. } | AuthError::Hashing | AuthError::Database(_) => {
                return None;
            }
        };
        Some(Message::new(key))
    }

    fn database_error(&self) -> Option<&DbErr> {
        match self {
            AuthError::Database(error) => Some(error),
            _ => None,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            AuthError::MissingCredentials
            | AuthError::InvalidCredentials
            | AuthError::WrongPassword
            | AuthError::InvalidRefreshToken
            | AuthError::NotAMember => ErrorKind::Unauthorized,
            AuthError::TooManyAttempts { .. } => ErrorKind::TooManyRequests,
            AuthError::Busy => ErrorKind::Unavailable,
            AuthError::WeakPassword { .. } => ErrorKind::Validation,
            AuthError::Forbidden { .. } => ErrorKind::Forbidden,
            AuthError::InvalidScope { .. } => ErrorKind::Validation,
            AuthError::ApiKeyNotFound => ErrorKind::NotFound,
            AuthError::Hashing | AuthError::Database(_) => ErrorKind::Internal,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AuthError::MissingCredentials => "auth/unauthenticated",
            AuthError::InvalidCredentials => "auth/invalid-token",
            AuthError::WrongPassword => "auth/invalid-credentials",
            AuthError::InvalidRefreshToken => "auth/invalid-refresh-token",
            AuthError::TooManyAttempts { .. } => "auth/too-many-attempts",
            AuthError::Busy => "auth/busy",
            AuthError::WeakPassword { .. } => "auth/weak-password",
            AuthError::Forbidden { .. } => "auth/forbidden",
            AuthError::NotAMember => "auth/not-a-member",
            AuthError::InvalidScope { .. } => "request/validation",
            AuthError::ApiKeyNotFound => "not-found",
            AuthError::Hashing | AuthError::Database(_) => "internal",
        }
    }

    fn field_errors(&self) -> Vec<FieldError> {
        match self {
            AuthError::InvalidScope { scope } => vec![FieldError {
                field: "scopes".into(),
                message: format!("`{scope}` is not a scope you can grant"),
            }],
            AuthError::WeakPassword { reason } => vec![FieldError {
                field: "password".into(),
                message: format!("the password {reason}"),
            }],
            _ => Vec::new(),
        }
    }

    fn retry_after(&self) -> Option<u64> {
        match self {
            AuthError::TooManyAttempts { retry_after } => Some(*retry_after),
            AuthError::Busy => Some(1),
            _ => None,
        }
    }
}

impl From<crate::access::Forbidden> for AuthError {
    fn from(refused: crate::access::Forbidden) -> AuthError {
        AuthError::Forbidden {
            permission: refused.permission,
        }
    }
}

impl From<crate::access::jwt::TokenError> for AuthError {
    fn from(error: crate::access::jwt::TokenError) -> AuthError {
        match error {
            crate::access::jwt::TokenError::Signing => AuthError::Hashing,
            crate::access::jwt::TokenError::Invalid => AuthError::InvalidCredentials,
        }
    }
}
