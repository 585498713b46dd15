//! Whether a JSON schema allows a value, for the keywords the document uses: enough of JSON
//! Schema (2020-12, as OpenAPI 3.1) for `bounds`' probes, and no more.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate};
use regex::Regex;
use serde_json::{Map, Value};
use validator::ValidateEmail;

/// Whether `schema` allows `value`; `schemas` are the components a `$ref` names.
pub fn takes(schema: &Value, value: &Value, schemas: &Value) -> bool {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap_or_default();
        return takes(&schemas[name], value, schemas);
    }
    let of = |keyword: &str| schema[keyword].as_array().into_iter().flatten();
    if !of("allOf").all(|branch| takes(branch, value, schemas)) {
        return false;
    }
    if schema["oneOf"].is_array() && of("oneOf").filter(|b| takes(b, value, schemas)).count() != 1 {
        return false;
    }
    if schema["anyOf"].is_array() && !of("anyOf").any(|b| takes(b, value, schemas)) {
        return false;
    }
    if schema["enum"].is_array() && !of("enum").any(|allowed| allowed == value) {
        return false;
    }
    if !of_type(schema, value) {
        return false;
    }
    match value {
        Value::String(text) => string_fits(schema, text),
        Value::Number(_) => number_fits(schema, value),
        Value::Array(items) => array_fits(schema, items, schemas),
        Value::Object(object) => object_fits(schema, object, schemas),
        _ => true,
    }
}

fn of_type(schema: &Value, value: &Value) -> bool {
    let is = |kind: &str| match kind {
        "null" => value.is_null(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => false,
    };
    match &schema["type"] {
        Value::String(kind) => is(kind),
        Value::Array(kinds) => kinds.iter().filter_map(Value::as_str).any(is),
        _ => true,
    }
}

fn string_fits(schema: &Value, text: &str) -> bool {
    let length = text.chars().count() as u64;
    let pattern_fits = schema["pattern"]
        .as_str()
        .is_none_or(|pattern| matches(pattern, text));
    let format_fits = match schema["format"].as_str() {
        Some("email") => text.validate_email(),
        Some("uuid") => uuid::Uuid::parse_str(text).is_ok(),
        Some("date-time") => DateTime::parse_from_rfc3339(text).is_ok(),
        Some("date") => NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok(),
        _ => true,
    };
    schema["minLength"].as_u64().is_none_or(|min| length >= min)
        && schema["maxLength"].as_u64().is_none_or(|max| length <= max)
        && pattern_fits
        && format_fits
}

thread_local! {
    static PATTERNS: RefCell<HashMap<String, Option<Regex>>> = RefCell::default();
}

/// Whether `text` matches `pattern` (compiled once per thread: the probes ask thousands of times).
fn matches(pattern: &str, text: &str) -> bool {
    PATTERNS.with_borrow_mut(|patterns| {
        patterns
            .entry(pattern.to_owned())
            .or_insert_with(|| Regex::new(pattern).ok())
            .as_ref()
            .is_some_and(|regex| regex.is_match(text))
    })
}

fn number_fits(schema: &Value, value: &Value) -> bool {
    let Some(number) = value.as_f64() else {
        return false;
    };
    let (low, high) = match schema["format"].as_str() {
        Some("int32") => (f64::from(i32::MIN), f64::from(i32::MAX)),
        Some("int64") => (i64::MIN as f64, i64::MAX as f64),
        _ => (f64::MIN, f64::MAX),
    };
    let bound = |keyword: &str| schema[keyword].as_f64();
    (low..=high).contains(&number)
        && bound("minimum").is_none_or(|min| number >= min)
        && bound("maximum").is_none_or(|max| number <= max)
        && bound("exclusiveMinimum").is_none_or(|min| number > min)
        && bound("exclusiveMaximum").is_none_or(|max| number < max)
}

fn array_fits(schema: &Value, items: &[Value], schemas: &Value) -> bool {
    let length = items.len() as u64;
    let unique = schema["uniqueItems"] != true
        || items
            .iter()
            .enumerate()
            .all(|(i, item)| !items[..i].contains(item));
    schema["minItems"].as_u64().is_none_or(|min| length >= min)
        && schema["maxItems"].as_u64().is_none_or(|max| length <= max)
        && unique
        && (schema["items"].is_null() || items.iter().all(|i| takes(&schema["items"], i, schemas)))
}

fn object_fits(schema: &Value, object: &Map<String, Value>, schemas: &Value) -> bool {
    let properties = schema["properties"].as_object();
    let required = schema["required"].as_array().into_iter().flatten();
    let has_required = required
        .filter_map(Value::as_str)
        .all(|name| object.contains_key(name));
    let each = object.iter().all(|(key, value)| {
        match properties.and_then(|properties| properties.get(key)) {
            Some(property) => takes(property, value, schemas),
            None => match &schema["additionalProperties"] {
                Value::Bool(allowed) => *allowed,
                Value::Null => true,
                other => takes(other, value, schemas),
            },
        }
    });
    has_required && each
}
