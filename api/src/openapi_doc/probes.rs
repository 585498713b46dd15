//! Values to try at a schema's bounds, and where it states none, for the `bounds` tests:
//! lengths, numbers and list sizes at and just beyond each bound, and text of other kinds.

use serde_json::{Value, json};

pub fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        let head: String = text.chars().take(20).collect();
        format!("{head}… ({} chars)", text.chars().count())
    } else {
        text
    }
}

/// The JSON type a schema describes, `null` aside.
pub fn kind_of(schema: &Value) -> &str {
    match &schema["type"] {
        Value::String(kind) => kind,
        Value::Array(kinds) => kinds
            .iter()
            .filter_map(Value::as_str)
            .find(|kind| *kind != "null")
            .unwrap_or(""),
        _ => "",
    }
}

fn number(schema: &Value, keyword: &str) -> Option<i64> {
    schema[keyword].as_i64()
}

/// Lengths at and beyond the bounds, a long one, and text of other kinds.
pub fn string_probes(schema: &Value, current: Option<&Value>) -> Vec<Value> {
    let min = number(schema, "minLength").unwrap_or(0);
    let max = number(schema, "maxLength");
    let mut lengths = vec![0, 1, 2, min - 1, min, min + 1];
    match max {
        Some(max) => lengths.extend([max - 1, max, max + 1]),
        None => lengths.push(210_000),
    }
    let seed = current
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .unwrap_or("a");
    let email = schema["format"] == "email";
    let mut values = Vec::new();
    for length in lengths.into_iter().filter(|l| *l >= 0) {
        let length = usize::try_from(length).unwrap_or_default();
        let text = if email && length > 12 {
            format!("{}@example.com", "a".repeat(length - 12))
        } else {
            seed.chars().cycle().take(length).collect()
        };
        values.push(Value::String(text));
    }
    let others = [
        " ",
        "  a",
        "a b",
        "A-1_./",
        "é",
        "ação",
        "12345678",
        "7891234567895",
        "BR",
        "br",
        "x@example.com",
        "not-an-email",
        "59.90",
        "-1",
        "0",
        "0.0",
        "1e3",
        "0.12345",
        "+1",
        ".5",
        "5.",
        "1_000",
        " 1",
        "abc",
        "2026-01-01T00:00:00Z",
        "0196f5a0-0000-7000-8000-000000000001",
        "01310-100",
    ];
    values.extend(others.iter().map(|text| json!(text)));
    values.push(json!(59.9));
    values.push(json!(7));
    values
}

pub fn integer_probes(schema: &Value) -> Vec<Value> {
    let mut values: Vec<i64> = vec![-1, 0, 1, 1_000_000_001, -1_000_000_001, 1 << 40];
    values.extend([
        i64::from(i32::MAX),
        i64::from(i32::MAX) + 1,
        i64::from(i32::MIN) - 1,
    ]);
    for keyword in ["minimum", "maximum"] {
        if let Some(bound) = number(schema, keyword) {
            values.extend([bound - 1, bound, bound + 1]);
        }
    }
    let mut values: Vec<Value> = values.into_iter().map(Value::from).collect();
    values.push(json!("1"));
    values.push(json!(1.5));
    values
}

/// Lists at and beyond the bounds (of the example's first item, or of distinct ids).
pub fn array_probes(schema: &Value, current: Option<&Value>) -> Vec<Value> {
    let min = number(schema, "minItems").unwrap_or(0);
    let mut lengths = vec![0, 1, 2, min - 1, min, min + 1];
    match number(schema, "maxItems") {
        Some(max) => lengths.extend([max - 1, max, max + 1]),
        None => lengths.push(1_001),
    }
    let item = current.and_then(|c| c.get(0)).cloned();
    let ids = schema["items"]["format"] == "uuid";
    if item.is_none() && !ids {
        return Vec::new();
    }
    lengths
        .into_iter()
        .filter_map(|length| usize::try_from(length).ok())
        .map(|length| {
            (0..length)
                .map(|i| match &item {
                    _ if ids => json!(uuid::Uuid::from_u128(i as u128 + 1)),
                    Some(item) => item.clone(),
                    None => Value::Null,
                })
                .collect()
        })
        .collect()
}
