//! Transit tables: the working days a service takes to a region, and quotes from them; a
//! location's handling time.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::checks;

/// A Brazilian state (unidade federativa), by its two-letter code.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "UPPERCASE")
)]
#[serde(rename_all = "UPPERCASE")]
pub enum Uf {
    Ac,
    Al,
    Am,
    Ap,
    Ba,
    Ce,
    Df,
    Es,
    Go,
    Ma,
    Mg,
    Ms,
    Mt,
    Pa,
    Pb,
    Pe,
    Pi,
    Pr,
    Rj,
    Rn,
    Ro,
    Rr,
    Rs,
    Sc,
    Se,
    Sp,
    To,
}

impl Uf {
    /// Its two-letter code.
    pub fn as_str(self) -> &'static str {
        const CODES: [&str; 27] = [
            "AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO", "MA", "MG", "MS", "MT", "PA",
            "PB", "PE", "PI", "PR", "RJ", "RN", "RO", "RR", "RS", "SC", "SE", "SP", "TO",
        ];
        CODES[self as usize]
    }

    /// The state of a two-letter code, in any case.
    pub fn parse(code: &str) -> Option<Uf> {
        serde_json::from_value(serde_json::Value::String(code.trim().to_uppercase())).ok()
    }
}

/// One row of a service's transit table: the working days from dispatch to a region, which is
/// a Brazilian state (`state`), a range of Brazilian postal codes (`postal_from`–`postal_to`,
/// 8 digits each), or a whole country (`country` alone). A destination takes the most exact
/// row that covers it: postal range, then state, then country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[validate(schema(function = "one_region"))]
#[schema(example = json!({ "state": "SP", "days": 2 }))]
pub struct TransitRow {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<Uf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "cep_digits"))]
    #[schema(pattern = "^[0-9]{8}$", example = "01000000")]
    pub postal_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "cep_digits"))]
    #[schema(pattern = "^[0-9]{8}$", example = "05999999")]
    pub postal_to: Option<String>,
    /// ISO 3166 alpha-2; a row for a country other than Brazil names only it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "checks::country"))]
    #[schema(pattern = "^[A-Z]{2}$", example = "AR")]
    pub country: Option<String>,
    #[validate(range(min = 0, max = 120))]
    #[schema(minimum = 0, maximum = 120)]
    pub days: i32,
}

/// The region a transit row covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Region<'a> {
    PostalRange { from: &'a str, to: &'a str },
    State(Uf),
    Country(&'a str),
}

impl TransitRow {
    /// Its region, when it names exactly one.
    pub fn region(&self) -> Option<Region<'_>> {
        let postal = (self.postal_from.as_deref(), self.postal_to.as_deref());
        let in_brazil = self.country.as_deref().is_none_or(|c| c == "BR");
        match (self.state, postal, self.country.as_deref()) {
            (None, (Some(from), Some(to)), _) if in_brazil && from <= to => {
                Some(Region::PostalRange { from, to })
            }
            (Some(state), (None, None), _) if in_brazil => Some(Region::State(state)),
            (None, (None, None), Some(country)) => Some(Region::Country(country)),
            _ => None,
        }
    }
}

/// A Brazilian postal code (CEP) as its 8 digits.
fn cep_digits(code: &str) -> Result<(), ValidationError> {
    if code.len() == 8 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(ValidationError::new("cep").with_message("must be the 8 digits of a CEP".into()))
    }
}

fn one_region(row: &TransitRow) -> Result<(), ValidationError> {
    match row.region() {
        Some(_) => Ok(()),
        None => Err(ValidationError::new("region").with_message(
            "name one region: a state, a postal range (from ≤ to) or a country".into(),
        )),
    }
}

/// A service's whole transit table, as it replaces the one before.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[schema(example = json!({ "rows": [
    { "state": "SP", "days": 2 },
    { "postal_from": "01000000", "postal_to": "05999999", "days": 1 },
    { "country": "BR", "days": 8 }
]}))]
#[serde(deny_unknown_fields)]
pub struct TransitTable {
    #[validate(length(max = 5000), nested)]
    #[schema(max_items = 5000)]
    pub rows: Vec<TransitRow>,
}

/// What `GET /logistics/transit-quote` is asked: a service and a destination.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TransitQuery {
    pub service_id: Uuid,
    /// ISO 3166 alpha-2; Brazil when not given.
    #[validate(custom(function = "checks::country"))]
    #[param(pattern = "^[A-Z]{2}$")]
    pub country: Option<String>,
    #[validate(length(min = 1, max = 60))]
    #[param(min_length = 1, max_length = 60)]
    pub state: Option<String>,
    #[validate(length(min = 1, max = 12))]
    #[param(min_length = 1, max_length = 12)]
    pub postal_code: Option<String>,
}

/// The working days a service takes to a destination, and the row that said so.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "service_id": "0196f5a0-0000-7000-8000-0000000000c2",
    "days": 2,
    "row": { "state": "SP", "days": 2 }
}))]
pub struct TransitQuoteOut {
    pub service_id: Uuid,
    pub days: i32,
    pub row: TransitRow,
}

/// A location's handling time: working days from payment to dispatch.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({ "handling_days": 1 }))]
pub struct HandlingIn {
    #[validate(range(min = 0, max = 60))]
    #[schema(minimum = 0, maximum = 60)]
    pub handling_days: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "location_id": "0196f5a0-0000-7000-8000-000000000003", "handling_days": 1
}))]
pub struct HandlingOut {
    pub location_id: Uuid,
    /// 1 until the store sets it.
    pub handling_days: i32,
}

/// What `GET /logistics/promise` is asked: a service, the location the order leaves from, a
/// destination and when the order was paid.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PromiseQuery {
    pub service_id: Uuid,
    pub location_id: Uuid,
    /// Now when not given.
    pub paid_at: Option<DateTime<Utc>>,
    /// ISO 3166 alpha-2; Brazil when not given.
    #[validate(custom(function = "checks::country"))]
    #[param(pattern = "^[A-Z]{2}$")]
    pub country: Option<String>,
    #[validate(length(min = 1, max = 60))]
    #[param(min_length = 1, max_length = 60)]
    pub state: Option<String>,
    #[validate(length(min = 1, max = 12))]
    #[param(min_length = 1, max_length = 12)]
    pub postal_code: Option<String>,
}

/// The dates a store can promise for an order paid at a moment, in its working days.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "dispatch_day": "2026-11-19", "ship_by": "2026-11-23", "deliver_by": "2026-11-25",
    "handling_days": 1, "transit_days": 2
}))]
pub struct PromiseOut {
    /// The working day the order can leave: the day it was paid, before the cut-off.
    pub dispatch_day: NaiveDate,
    /// The dispatch day plus the location's handling time.
    pub ship_by: NaiveDate,
    /// The ship-by day plus the service's transit time.
    pub deliver_by: NaiveDate,
    pub handling_days: i32,
    pub transit_days: i32,
}

/// What a transit table import did.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({ "dry_run": false, "rows": 3 }))]
pub struct TransitImportOut {
    pub dry_run: bool,
    pub rows: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_is_named_as_serde_names_it() {
        for code in ["AC", "DF", "SP", "TO"] {
            let uf = Uf::parse(code).map(Uf::as_str);
            assert_eq!(uf, Some(code));
        }
        let all: Vec<String> = (0..27)
            .filter_map(|i| serde_json::to_value(CODES_CHECK[i]).ok())
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        let named: Vec<&str> = CODES_CHECK.iter().map(|uf| uf.as_str()).collect();
        assert_eq!(all, named);
        assert_eq!(Uf::parse("sp"), Some(Uf::Sp));
        assert_eq!(Uf::parse("XX"), None);
    }

    const CODES_CHECK: [Uf; 27] = [
        Uf::Ac,
        Uf::Al,
        Uf::Am,
        Uf::Ap,
        Uf::Ba,
        Uf::Ce,
        Uf::Df,
        Uf::Es,
        Uf::Go,
        Uf::Ma,
        Uf::Mg,
        Uf::Ms,
        Uf::Mt,
        Uf::Pa,
        Uf::Pb,
        Uf::Pe,
        Uf::Pi,
        Uf::Pr,
        Uf::Rj,
        Uf::Rn,
        Uf::Ro,
        Uf::Rr,
        Uf::Rs,
        Uf::Sc,
        Uf::Se,
        Uf::Sp,
        Uf::To,
    ];
}
