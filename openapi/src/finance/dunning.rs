//! Dunning: the store's policy (reminder before the due date, notice and warning after it,
//! the block at the end of a grace period), its steps and its events.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::{Validate, ValidationError};

/// A step of dunning: what the customer is sent about an instalment.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum DunningStep {
    /// Before the due date: a friendly reminder.
    Reminder,
    /// After the due date: it is overdue.
    Notice,
    /// Later: the warning that names the block date.
    Warning,
}

impl DunningStep {
    pub const ALL: [DunningStep; 3] = [
        DunningStep::Reminder,
        DunningStep::Notice,
        DunningStep::Warning,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DunningStep::Reminder => "reminder",
            DunningStep::Notice => "notice",
            DunningStep::Warning => "warning",
        }
    }
}

fn rising_steps(policy: &DunningPolicy) -> Result<(), ValidationError> {
    let after = [policy.notice_days_after, policy.warning_days_after];
    let within_grace = after.iter().flatten().all(|&d| d < policy.grace_days);
    let rising = match (policy.notice_days_after, policy.warning_days_after) {
        (Some(notice), Some(warning)) => notice < warning,
        _ => true,
    };
    if within_grace && rising {
        return Ok(());
    }
    let mut error = ValidationError::new("dunning_steps");
    error.message = Some("the notice comes before the warning, and both before the block".into());
    Err(error)
}

/// When a store reminds, warns and blocks. Days are calendar days from the due date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[validate(schema(function = "rising_steps", skip_on_field_errors = true))]
#[schema(example = json!({
    "enabled": true, "reminder_days_before": 3, "notice_days_after": 1,
    "warning_days_after": 5, "grace_days": 10, "auto_block": true,
    "finance_emails": ["financeiro@example.com.br"]
}))]
pub struct DunningPolicy {
    /// Off: nothing is sent and nobody is blocked (instalments still become overdue).
    pub enabled: bool,
    /// A reminder this many days before the due date; none when absent.
    #[validate(range(max = 30))]
    #[schema(maximum = 30)]
    pub reminder_days_before: Option<u16>,
    /// The notice that it is overdue, this many days after the due date; none when absent.
    #[validate(range(max = 90))]
    #[schema(maximum = 90)]
    pub notice_days_after: Option<u16>,
    /// The warning naming the block date, this many days after the due date.
    #[validate(range(max = 90))]
    #[schema(maximum = 90)]
    pub warning_days_after: Option<u16>,
    /// The block comes this many days after the due date, if still unpaid.
    #[validate(range(min = 1, max = 180))]
    #[schema(minimum = 1, maximum = 180)]
    pub grace_days: u16,
    /// Block the customer by itself at the end of the grace period.
    pub auto_block: bool,
    /// Who is told of a block when the customer has no account owner (else the owners).
    #[validate(length(max = 5), custom(function = "emails"))]
    #[schema(schema_with = emails_schema)]
    pub finance_emails: Vec<String>,
}

fn emails_schema() -> utoipa::openapi::Array {
    use utoipa::openapi::schema::{KnownFormat, SchemaFormat, Type};
    let email = utoipa::openapi::ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Email)))
        .max_length(Some(254));
    utoipa::openapi::ArrayBuilder::new()
        .items(email)
        .max_items(Some(5))
        .build()
}

fn emails(list: &[String]) -> Result<(), ValidationError> {
    let fits = |e: &String| e.len() <= 254 && validator::ValidateEmail::validate_email(e);
    if list.iter().all(fits) {
        return Ok(());
    }
    let mut error = ValidationError::new("email");
    error.message = Some("must be email addresses".into());
    Err(error)
}

impl Default for DunningPolicy {
    fn default() -> Self {
        DunningPolicy {
            enabled: true,
            reminder_days_before: Some(3),
            notice_days_after: Some(1),
            warning_days_after: Some(5),
            grace_days: 10,
            auto_block: true,
            finance_emails: Vec::new(),
        }
    }
}

/// `dunning.step_due`: a step of dunning is to be sent to the customer (once per instalment
/// and step).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DunningStepDue {
    pub instalment_id: Uuid,
    pub customer_id: Uuid,
    pub step: DunningStep,
    /// When the customer will be blocked if it stays unpaid (the warning names it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_on: Option<NaiveDate>,
}
