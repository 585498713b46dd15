//! `Amount`: a `Decimal` column read and written exactly on both databases.
//!
//! sea-orm reads a `Decimal` from SQLite through `f64`, which would round money. An `Amount`
//! column is `numeric` on PostgreSQL and text (`decimal_text`) on SQLite, and is read
//! back from the text, so no value ever passes through a float.

use std::str::FromStr;

use rust_decimal::Decimal;
use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, Value, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, QueryResult, TryGetError, TryGetable};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(pub Decimal);

impl From<Decimal> for Amount {
    fn from(value: Decimal) -> Amount {
        Amount(value)
    }
}

impl From<Amount> for Decimal {
    fn from(value: Amount) -> Decimal {
        value.0
    }
}

impl From<Amount> for Value {
    fn from(value: Amount) -> Value {
        Value::Decimal(Some(value.0))
    }
}

impl Nullable for Amount {
    fn null() -> Value {
        Value::Decimal(None)
    }
}

impl ValueType for Amount {
    fn try_from(value: Value) -> Result<Amount, ValueTypeErr> {
        match value {
            Value::Decimal(Some(decimal)) => Ok(Amount(decimal)),
            Value::String(Some(text)) => Decimal::from_str(&text)
                .map(Amount)
                .map_err(|_| ValueTypeErr),
            _ => Err(ValueTypeErr),
        }
    }

    fn type_name() -> String {
        "Amount".to_owned()
    }

    fn array_type() -> ArrayType {
        ArrayType::Decimal
    }

    fn column_type() -> ColumnType {
        ColumnType::Decimal(None)
    }
}

impl TryGetable for Amount {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Amount, TryGetError> {
        // SQLite keeps the text; PostgreSQL answers a numeric that sqlx decodes exactly.
        if let Ok(text) = String::try_get_by(res, index) {
            return Decimal::from_str(text.trim()).map(Amount).map_err(|error| {
                TryGetError::DbErr(sea_orm::DbErr::Type(format!(
                    "`{text}` is not a decimal: {error}"
                )))
            });
        }
        Decimal::try_get_by(res, index).map(Amount)
    }
}
