//! A store's return rules: the windows, whether shipping is refunded, and its reasons.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::{Validate, ValidationError};

/// Whether a reason is the customer's change of mind or a fault of the goods: it chooses the
/// window (regret or defect) and whether shipping is refunded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    Regret,
    Defect,
}

/// When the shipping fee goes back with a refund.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum ShippingRefund {
    /// When any returned line's reason is a defect (the default).
    DefectOnly,
    Always,
    Never,
}

/// A reason of the store's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReturnReason {
    /// Lower-case letters, digits and `_`.
    #[validate(length(min = 1, max = 32), custom(function = "reason_code"))]
    #[schema(
        min_length = 1,
        max_length = 32,
        pattern = "^[a-z0-9_]+$",
        example = "defective"
    )]
    pub code: String,
    pub kind: ReasonKind,
}

fn reason_code(code: &str) -> Result<(), ValidationError> {
    if code
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        Ok(())
    } else {
        Err(ValidationError::new("reason_code")
            .with_message("may hold only lower-case letters, digits and '_'".into()))
    }
}

/// A store's return rules. Until set: 7 days for regret (CDC Art. 49), 90 for defects,
/// shipping refunded for defects, and the default reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "regret_days": 7, "defect_days": 90, "shipping_refund": "defect_only",
    "reasons": [
        { "code": "regret", "kind": "regret" },
        { "code": "defective", "kind": "defect" }
    ]
}))]
pub struct ReturnSettings {
    /// Calendar days after delivery, in the store's time zone; at least the law's 7.
    #[validate(range(min = 7, max = 365))]
    #[schema(minimum = 7, maximum = 365)]
    pub regret_days: i32,
    #[validate(range(min = 7, max = 3650))]
    #[schema(minimum = 7, maximum = 3650)]
    pub defect_days: i32,
    pub shipping_refund: ShippingRefund,
    #[validate(length(min = 1, max = 30), nested)]
    #[schema(min_items = 1, max_items = 30)]
    pub reasons: Vec<ReturnReason>,
}

impl Default for ReturnSettings {
    fn default() -> ReturnSettings {
        let reason = |code: &str, kind| ReturnReason {
            code: code.into(),
            kind,
        };
        ReturnSettings {
            regret_days: 7,
            defect_days: 90,
            shipping_refund: ShippingRefund::DefectOnly,
            reasons: vec![
                reason("regret", ReasonKind::Regret),
                reason("wrong_item", ReasonKind::Defect),
                reason("damaged", ReasonKind::Defect),
                reason("defective", ReasonKind::Defect),
                reason("not_as_described", ReasonKind::Defect),
                reason("other", ReasonKind::Regret),
            ],
        }
    }
}
