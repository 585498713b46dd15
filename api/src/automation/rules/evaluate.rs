//! Whether a rule's conditions hold for an event's facts: each condition's outcome, and the
//! whole by `match`. Pure: the dry run and the runs share it.

use std::str::FromStr;

use openapi::automation::{Condition, ConditionOutcome, ConditionSet, Conditions, Match, Operator};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::automation::rules::facts::Facts;

/// Each condition's outcome (groups' after the rule's own), and whether the rule holds: its
/// own conditions joined by its `match` are one term, each group another, and the terms are
/// joined by the rule's `match` too. No term at all holds.
pub fn evaluate(conditions: &Conditions, facts: &Facts) -> (Vec<ConditionOutcome>, bool) {
    let mut outcomes = Vec::new();
    let own = set_holds(
        conditions.match_,
        &conditions.conditions,
        facts,
        &mut outcomes,
    );
    let groups: Vec<bool> = conditions
        .groups
        .iter()
        .filter_map(|group: &ConditionSet| {
            set_holds(group.match_, &group.conditions, facts, &mut outcomes)
        })
        .collect();
    let terms: Vec<bool> = own.into_iter().chain(groups).collect();
    let holds = terms.is_empty() || joined(conditions.match_, &terms);
    (outcomes, holds)
}

/// A set's conditions joined by `join`; none when it has none.
fn set_holds(
    join: Match,
    conditions: &[Condition],
    facts: &Facts,
    outcomes: &mut Vec<ConditionOutcome>,
) -> Option<bool> {
    let results: Vec<bool> = conditions
        .iter()
        .map(|condition| {
            let actual = facts.value(&condition.field).clone();
            let held = compare(condition, &actual);
            outcomes.push(ConditionOutcome {
                field: condition.field.clone(),
                op: condition.op,
                actual,
                held,
            });
            held
        })
        .collect();
    (!results.is_empty()).then(|| joined(join, &results))
}

fn joined(join: Match, results: &[bool]) -> bool {
    match join {
        Match::All => results.iter().all(|held| *held),
        Match::Any => results.iter().any(|held| *held),
    }
}

fn decimal(value: &Value) -> Option<Decimal> {
    match value {
        Value::String(text) => Decimal::from_str(text.trim()).ok(),
        Value::Number(number) => Decimal::from_str(&number.to_string()).ok(),
        _ => None,
    }
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.to_lowercase()),
        Value::Bool(_) | Value::Number(_) => Some(value.to_string()),
        _ => None,
    }
}

fn equal(actual: &Value, expected: &Value) -> bool {
    match (decimal(actual), decimal(expected)) {
        (Some(a), Some(b)) => a == b,
        _ => match (actual, expected) {
            (Value::Bool(a), Value::Bool(b)) => a == b,
            _ => text(actual).is_some() && text(actual) == text(expected),
        },
    }
}

fn holds_tag(actual: &Value, tag: &Value) -> bool {
    let Some(tag) = text(tag) else { return false };
    actual
        .as_array()
        .is_some_and(|tags| tags.iter().any(|t| text(t).as_ref() == Some(&tag)))
}

fn compare(condition: &Condition, actual: &Value) -> bool {
    let expected = condition.value.as_ref().unwrap_or(&Value::Null);
    match condition.op {
        Operator::Equals => equal(actual, expected),
        Operator::NotEquals => !actual.is_null() && !equal(actual, expected),
        Operator::In => expected
            .as_array()
            .is_some_and(|options| options.iter().any(|o| equal(actual, o))),
        Operator::GreaterThan => {
            matches!((decimal(actual), decimal(expected)), (Some(a), Some(b)) if a > b)
        }
        Operator::LessThan => {
            matches!((decimal(actual), decimal(expected)), (Some(a), Some(b)) if a < b)
        }
        Operator::Contains if actual.is_array() => holds_tag(actual, expected),
        Operator::Contains => match (text(actual), text(expected)) {
            (Some(a), Some(b)) => a.contains(&b),
            _ => false,
        },
        Operator::HasTag => holds_tag(actual, expected),
        Operator::IsFirstOrder => actual == &Value::Bool(true),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;

    fn facts(values: &[(&str, Value)]) -> Facts {
        Facts {
            values: values
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect::<BTreeMap<_, _>>(),
            order: None,
            customer: None,
        }
    }

    fn condition(field: &str, op: Operator, value: Option<Value>) -> Condition {
        Condition {
            field: field.to_owned(),
            op,
            value,
        }
    }

    #[test]
    fn money_compares_as_decimals_and_tags_in_any_case() {
        let facts = facts(&[
            ("order.total", json!("740.00")),
            ("order.tags", json!(["VIP"])),
            ("order.channel_kind", json!("marketplace")),
            ("order.first_order", json!(true)),
        ]);
        let holds = |c: Condition| compare(&c, facts.value(&c.field));
        assert!(holds(condition(
            "order.total",
            Operator::GreaterThan,
            Some(json!("500"))
        )));
        assert!(holds(condition(
            "order.total",
            Operator::GreaterThan,
            Some(json!(500))
        )));
        assert!(!holds(condition(
            "order.total",
            Operator::LessThan,
            Some(json!("740.00"))
        )));
        assert!(holds(condition(
            "order.total",
            Operator::Equals,
            Some(json!("740"))
        )));
        assert!(holds(condition(
            "order.tags",
            Operator::HasTag,
            Some(json!("vip"))
        )));
        assert!(holds(condition(
            "order.channel_kind",
            Operator::In,
            Some(json!(["web", "marketplace"]))
        )));
        assert!(holds(condition(
            "order.first_order",
            Operator::IsFirstOrder,
            None
        )));
        assert!(!holds(condition(
            "order.none",
            Operator::NotEquals,
            Some(json!("x"))
        )));
    }

    #[test]
    fn groups_are_terms_of_the_rules_match() {
        let facts = facts(&[("a", json!("1")), ("b", json!("2"))]);
        let eq = |f: &str, v: &str| condition(f, Operator::Equals, Some(json!(v)));
        let rule = Conditions {
            match_: Match::All,
            conditions: vec![eq("a", "1")],
            groups: vec![ConditionSet {
                match_: Match::Any,
                conditions: vec![eq("b", "9"), eq("b", "2")],
            }],
        };
        let (outcomes, holds) = evaluate(&rule, &facts);
        assert!(holds);
        assert_eq!(outcomes.len(), 3);
        let none = Conditions::default();
        assert!(evaluate(&none, &facts).1);
        let any_failing = Conditions {
            match_: Match::Any,
            conditions: vec![eq("a", "2"), eq("b", "3")],
            groups: Vec::new(),
        };
        assert!(!evaluate(&any_failing, &facts).1);
    }
}
