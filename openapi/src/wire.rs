//! A closed set's value as the API spells it (`greater_than`, `email_team`) and back: the
//! server names them in its problems, the web app in its forms.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The wire name of a serde enum's value (empty for a value that is no plain name).
pub fn name(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The value a wire name stands for, if any.
pub fn parse<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::automation::Operator;

    #[test]
    fn a_name_reads_back_as_its_value() {
        assert_eq!(name(&Operator::GreaterThan), "greater_than");
        assert_eq!(
            parse::<Operator>("greater_than"),
            Some(Operator::GreaterThan)
        );
        assert_eq!(parse::<Operator>("bigger"), None);
    }
}
