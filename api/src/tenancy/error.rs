//! What can go wrong in tenancy.

use openapi::FieldError;
use sea_orm::DbErr;

use crate::auth::error::AuthError;
use crate::error::{DomainError, ErrorKind};
use crate::i18n::{Key, Message};
use crate::tenancy::calendar::CalendarError;

#[derive(Debug, thiserror::Error)]
pub enum TenancyError {
    #[error("an account with this email already exists; log in and create the store from it")]
    EmailTaken,
    #[error("`{value}` is not an IANA time zone such as America/Sao_Paulo")]
    InvalidTimezone { value: String },
    #[error("members cannot have the `api` role")]
    InvalidRole,
    #[error("only an owner can grant, change or remove the owner role")]
    OwnerOnly,
    #[error("the store must keep at least one owner")]
    LastOwner,
    #[error("no such member")]
    MemberNotFound,
    #[error("this person is already a member of the store")]
    AlreadyMember,
    #[error("no such invitation")]
    InvitationNotFound,
    #[error("the invitation is {status}")]
    InvitationNotPending { status: &'static str },
    #[error("a new account needs a name")]
    NameRequired,
    #[error("a new account needs a password")]
    PasswordRequired,
    #[error("this address already has an account: sign in to it, then accept the invitation")]
    SignInToAccept,
    #[error("this invitation was sent to another address: sign in with that address's account")]
    InvitationForAnotherAccount,
    #[error("signed in, the invitation joins your account: send only the token")]
    NotWhenSignedIn,
    #[error("{what} changed since you read it (now at version {current})")]
    Stale { what: &'static str, current: i32 },
    #[error("no such holiday")]
    HolidayNotFound,
    #[error("the store already has a holiday on {date}")]
    HolidayTaken { date: chrono::NaiveDate },
    #[error("must name at least one working weekday")]
    NoWorkingWeekday,
    #[error("must be a time of day as HH:MM")]
    InvalidCutoff,
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl DomainError for TenancyError {
    fn wrapped(&self) -> Option<&dyn DomainError> {
        match self {
            TenancyError::Auth(inner) => Some(inner),
            _ => None,
        }
    }

    fn message(&self) -> Option<Message> {
        let key = match self {
            // Answered as itself (`wrapped`).
            TenancyError::Auth(_) => return None,
            TenancyError::EmailTaken => Key::ProblemEmailTaken,
            TenancyError::InvalidTimezone { value } => {
                return Some(
                    Message::new(Key::ProblemInvalidTimezone).with("value", value.as_str()),
                );
            }
            TenancyError::InvalidRole => Key::ProblemInvalidRole,
            TenancyError::OwnerOnly => Key::ProblemOwnerOnly,
            TenancyError::LastOwner => Key::ProblemLastOwner,
            TenancyError::MemberNotFound => return Message::not_found("member"),
            TenancyError::AlreadyMember => Key::ProblemAlreadyMember,
            TenancyError::InvitationNotFound => return Message::not_found("invitation"),
            TenancyError::InvitationNotPending { status } => {
                return Some(
                    Message::new(Key::ProblemInvitationNotPending).with("status", *status),
                );
            }
            TenancyError::NameRequired => Key::ProblemNameRequired,
            TenancyError::PasswordRequired => Key::ProblemPasswordRequired,
            TenancyError::SignInToAccept => Key::ProblemSignInToAccept,
            TenancyError::InvitationForAnotherAccount => Key::ProblemInvitationForAnotherAccount,
            TenancyError::NotWhenSignedIn => Key::ProblemNotWhenSignedIn,
            TenancyError::Stale { what, current } => return Message::stale(what, *current),
            TenancyError::HolidayNotFound => return Message::not_found("holiday"),
            TenancyError::HolidayTaken { date } => {
                return Some(Message::new(Key::ProblemHolidayTaken).with("date", date.to_string()));
            }
            // The request's checks refuse both first (`CalendarPatch`).
            TenancyError::NoWorkingWeekday | TenancyError::InvalidCutoff => return None,
            TenancyError::Calendar(CalendarError::NoWorkingDay { after }) => {
                return Some(
                    Message::new(Key::ProblemNoWorkingDay).with("after", after.to_string()),
                );
            }
            TenancyError::Calendar(_) | TenancyError::Database(_) => return None,
        };
        Some(Message::new(key))
    }

    fn database_error(&self) -> Option<&DbErr> {
        match self {
            TenancyError::Database(error) => Some(error),
            _ => None,
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            TenancyError::EmailTaken
            | TenancyError::SignInToAccept
            | TenancyError::LastOwner
            | TenancyError::AlreadyMember
            | TenancyError::InvitationNotPending { .. } => ErrorKind::Conflict,
            TenancyError::InvalidTimezone { .. }
            | TenancyError::InvalidRole
            | TenancyError::NameRequired
            | TenancyError::PasswordRequired
            | TenancyError::NotWhenSignedIn => ErrorKind::Validation,
            TenancyError::OwnerOnly | TenancyError::InvitationForAnotherAccount => {
                ErrorKind::Forbidden
            }
            TenancyError::MemberNotFound | TenancyError::InvitationNotFound => ErrorKind::NotFound,
            TenancyError::Stale { .. } => ErrorKind::PreconditionFailed,
            TenancyError::HolidayNotFound => ErrorKind::NotFound,
            TenancyError::HolidayTaken { .. }
            | TenancyError::Calendar(CalendarError::NoWorkingDay { .. }) => ErrorKind::Conflict,
            TenancyError::NoWorkingWeekday
            | TenancyError::InvalidCutoff
            | TenancyError::Calendar(CalendarError::OutOfRange) => ErrorKind::Validation,
            // A stored time zone or setting that does not read is the server's fault.
            TenancyError::Calendar(_) => ErrorKind::Internal,
            TenancyError::Auth(inner) => inner.kind(),
            TenancyError::Database(_) => ErrorKind::Internal,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            TenancyError::EmailTaken => "tenancy/email-taken",
            TenancyError::InvalidTimezone { .. }
            | TenancyError::InvalidRole
            | TenancyError::NameRequired
            | TenancyError::PasswordRequired
            | TenancyError::NotWhenSignedIn => "request/validation",
            TenancyError::SignInToAccept => "tenancy/sign-in-to-accept",
            TenancyError::InvitationForAnotherAccount => "tenancy/invitation-for-another-account",
            TenancyError::OwnerOnly => "tenancy/owner-only",
            TenancyError::LastOwner => "tenancy/last-owner",
            TenancyError::MemberNotFound | TenancyError::InvitationNotFound => "not-found",
            TenancyError::AlreadyMember => "tenancy/already-member",
            TenancyError::InvitationNotPending { .. } => "tenancy/invitation-not-pending",
            TenancyError::Stale { .. } => "request/stale",
            TenancyError::HolidayNotFound => "not-found",
            TenancyError::HolidayTaken { .. } => "tenancy/holiday-taken",
            TenancyError::NoWorkingWeekday
            | TenancyError::InvalidCutoff
            | TenancyError::Calendar(CalendarError::OutOfRange) => "request/validation",
            TenancyError::Calendar(CalendarError::NoWorkingDay { .. }) => "tenancy/no-working-day",
            TenancyError::Calendar(_) => "internal",
            TenancyError::Auth(inner) => inner.code(),
            TenancyError::Database(_) => "internal",
        }
    }

    fn field_errors(&self) -> Vec<FieldError> {
        let field = |field: &str, message: String| {
            vec![FieldError {
                field: field.into(),
                message,
            }]
        };
        match self {
            TenancyError::InvalidTimezone { .. } => field("timezone", self.to_string()),
            TenancyError::InvalidRole => field("role", self.to_string()),
            TenancyError::NameRequired => field("name", "is required for a new account".into()),
            TenancyError::PasswordRequired => {
                field("password", "is required for a new account".into())
            }
            TenancyError::NotWhenSignedIn => field("password", self.to_string()),
            TenancyError::NoWorkingWeekday => field("working_weekdays", self.to_string()),
            TenancyError::InvalidCutoff => field("dispatch_cutoff", self.to_string()),
            TenancyError::Calendar(CalendarError::OutOfRange) => {
                field("from", "is beyond the calendar's range".into())
            }
            _ => Vec::new(),
        }
    }
}
