//! How long a service takes to a destination. `Carrier` is what logistics asks of any
//! carrier; `TableRates` answers from the store's own transit table. A live carrier API is one
//! more implementation of `Carrier`.

use std::future::Future;

use openapi::logistics::{TransitRow, Uf};

use super::cep;
use crate::logistics::error::LogisticsError;

/// Where a parcel goes, as an address gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// ISO 3166 alpha-2.
    pub country: String,
    pub state: Option<Uf>,
    /// A Brazilian postal code's 8 digits.
    pub cep: Option<String>,
}

impl Destination {
    /// A destination from an address's parts; in Brazil a state not given (or not a state) is
    /// read from the postal code.
    pub fn of(country: Option<&str>, state: Option<&str>, postal_code: Option<&str>) -> Self {
        let country = country.unwrap_or("BR").to_owned();
        if country != "BR" {
            return Destination {
                country,
                state: None,
                cep: None,
            };
        }
        let cep = postal_code.and_then(cep::digits);
        let state = state
            .and_then(Uf::parse)
            .or_else(|| cep.as_deref().and_then(cep::state_of));
        Destination {
            country,
            state,
            cep,
        }
    }
}

/// Working days in transit, and the row of the table that said so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transit {
    pub days: i32,
    pub row: TransitRow,
}

/// What logistics asks of a carrier's service.
pub trait Carrier {
    /// Working days from dispatch to `destination`; `None` when the service does not go there.
    fn transit(
        &self,
        destination: &Destination,
    ) -> impl Future<Output = Result<Option<Transit>, LogisticsError>> + Send;
}

/// A service as its transit table describes it.
pub struct TableRates {
    pub rows: Vec<TransitRow>,
}

impl TableRates {
    /// The most exact row that covers `destination`: the narrowest postal range holding its
    /// CEP, then its state, then its country.
    pub fn best(&self, destination: &Destination) -> Option<&TransitRow> {
        let in_range = |row: &&TransitRow| {
            let (Some(from), Some(to), Some(cep)) = (
                row.postal_from.as_deref(),
                row.postal_to.as_deref(),
                destination.cep.as_deref(),
            ) else {
                return false;
            };
            (from..=to).contains(&cep)
        };
        let width = |row: &&TransitRow| {
            let bound = |v: Option<&str>| v.and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
            bound(row.postal_to.as_deref()).saturating_sub(bound(row.postal_from.as_deref()))
        };
        let brazil = destination.country == "BR";
        let by_range = || self.rows.iter().filter(in_range).min_by_key(width);
        let by_state = || {
            self.rows
                .iter()
                .find(|row| row.state.is_some() && row.state == destination.state)
        };
        let by_country = || {
            self.rows.iter().find(|row| {
                row.state.is_none()
                    && row.postal_from.is_none()
                    && row.country.as_deref() == Some(destination.country.as_str())
            })
        };
        brazil
            .then(|| by_range().or_else(by_state))
            .flatten()
            .or_else(by_country)
    }
}

impl Carrier for TableRates {
    async fn transit(&self, destination: &Destination) -> Result<Option<Transit>, LogisticsError> {
        Ok(self.best(destination).map(|row| Transit {
            days: row.days,
            row: row.clone(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        state: Option<Uf>,
        range: Option<(&str, &str)>,
        country: Option<&str>,
        days: i32,
    ) -> TransitRow {
        TransitRow {
            state,
            postal_from: range.map(|r| r.0.to_owned()),
            postal_to: range.map(|r| r.1.to_owned()),
            country: country.map(str::to_owned),
            days,
        }
    }

    fn table() -> TableRates {
        TableRates {
            rows: vec![
                row(None, None, Some("BR"), 9),
                row(Some(Uf::Sp), None, None, 3),
                row(None, Some(("01000000", "05999999")), None, 1),
                row(None, Some(("01310000", "01310999")), None, 0),
                row(None, None, Some("AR"), 12),
            ],
        }
    }

    fn days(destination: Destination) -> Option<i32> {
        table().best(&destination).map(|row| row.days)
    }

    #[test]
    fn the_most_exact_row_wins() {
        assert_eq!(
            days(Destination::of(None, None, Some("01310-200"))),
            Some(0)
        );
        assert_eq!(
            days(Destination::of(None, Some("SP"), Some("04500-000"))),
            Some(1)
        );
        assert_eq!(
            days(Destination::of(None, Some("sp"), Some("13000-000"))),
            Some(3)
        );
        assert_eq!(
            days(Destination::of(None, None, Some("13000-000"))),
            Some(3)
        );
        assert_eq!(days(Destination::of(Some("BR"), Some("RJ"), None)), Some(9));
        assert_eq!(
            days(Destination::of(
                Some("AR"),
                Some("Buenos Aires"),
                Some("C1000")
            )),
            Some(12)
        );
    }

    #[test]
    fn a_country_without_a_row_is_not_served() {
        assert_eq!(days(Destination::of(Some("UY"), None, None)), None);
        let only_sp = TableRates {
            rows: vec![row(Some(Uf::Sp), None, None, 3)],
        };
        assert!(
            only_sp
                .best(&Destination::of(None, Some("RJ"), None))
                .is_none()
        );
    }
}
