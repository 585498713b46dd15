//! The document says what the server enforces, no more, no less: for every request body and
//! every validated query, values at and just beyond each bound a schema states, and probes
//! where it states none, are taken by the server (deserialized and validated as `ValidJson` and
//! `ValidQuery` do) exactly when the schema allows them. What a schema cannot say is listed in
//! `REFUSED_BEYOND_SCHEMA`, each with its reason.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use utoipa::IntoParams;
use utoipa::openapi::path::ParameterIn;

use super::probes::{array_probes, integer_probes, kind_of, short, string_probes};
use super::schema_check::takes;
use super::tests::{accepted, operations};
use crate::extract::parse_query;

/// (schema, field, why): values of the field the schema allows and the server refuses, on
/// purpose, because no JSON Schema keyword says it. The other way (the schema refusing what
/// the server takes) has no exceptions.
const REFUSED_BEYOND_SCHEMA: &[(&str, &str, &str)] = &[
    ("VariantIn", "barcode", "a GTIN's check digit"),
    ("VariantPatch", "barcode", "a GTIN's check digit"),
    ("ProductIn", "variants[].barcode", "a GTIN's check digit"),
    ("CustomerIn", "tax_id", "a CPF's or CNPJ's check digits"),
    (
        "CustomerIn",
        "addresses[].postal_code",
        "its form in its country",
    ),
    ("AdjustmentIn", "quantity", "0, which changes nothing"),
    (
        "TransitTable",
        "rows[].state",
        "one region a row: a row without its state names none",
    ),
    (
        "TransitTable",
        "rows[].postal_from",
        "one region a row: a postal range beside a state, or half a range",
    ),
    (
        "TransitTable",
        "rows[].postal_to",
        "one region a row: a postal range beside a state, or half a range",
    ),
];

#[test]
fn every_body_field_is_taken_exactly_when_its_schema_allows_it() {
    let document = serde_json::to_value(super::document()).unwrap_or_default();
    let schemas = &document["components"]["schemas"];
    let mut seen = BTreeSet::new();
    let mut wrong = Vec::new();
    let mut used = BTreeSet::new();
    for (_, operation) in operations() {
        let body = &operation["requestBody"]["content"]["application/json"];
        let reference = body["schema"]["$ref"].as_str().unwrap_or_default();
        let name = reference.rsplit('/').next().unwrap_or_default();
        if name.is_empty() || !seen.insert(name.to_owned()) {
            continue;
        }
        let example = match &body["example"] {
            Value::Null => schemas[name]["example"].clone(),
            example => example.clone(),
        };
        let mut probe = Probe {
            name,
            root: example,
            schemas,
            wrong: &mut wrong,
            used: &mut used,
        };
        probe.object(&mut Vec::new(), &schemas[name]);
    }
    assert!(seen.len() > 30, "the document lost its bodies");
    for (name, field, why) in REFUSED_BEYOND_SCHEMA {
        if !used.contains(&(*name, *field)) {
            wrong.push(format!(
                "{name}.{field} ({why}): agrees now; take it off the list"
            ));
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "{} disagreements: {wrong:#?}",
        wrong.len()
    );
}

/// One body schema's probes: each field of its example set to each probe value in turn.
struct Probe<'a> {
    name: &'a str,
    root: Value,
    schemas: &'a Value,
    wrong: &'a mut Vec<String>,
    used: &'a mut BTreeSet<(&'static str, &'static str)>,
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn field_name(path: &[Step]) -> String {
    let mut name = String::new();
    for step in path {
        match step {
            Step::Key(key) if name.is_empty() => name.push_str(key),
            Step::Key(key) => {
                name.push('.');
                name.push_str(key);
            }
            Step::Index(_) => name.push_str("[]"),
        }
    }
    name
}

fn at<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |value, step| match step {
        Step::Key(key) => value.as_object_mut()?.get_mut(key),
        Step::Index(index) => value.as_array_mut()?.get_mut(*index),
    })
}

impl Probe<'_> {
    /// The schema itself, through a `$ref` and past the `null` of an optional field.
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        if let Some(reference) = schema["$ref"].as_str() {
            let name = reference.rsplit('/').next().unwrap_or_default();
            return self.resolve(&self.schemas[name]);
        }
        let branches = schema["oneOf"].as_array().or(schema["anyOf"].as_array());
        if let Some(branch) = branches
            .into_iter()
            .flatten()
            .find(|branch| branch["type"] != "null")
        {
            return self.resolve(branch);
        }
        schema
    }

    /// The schema to probe: `resolve`d, and the branches of an `allOf` merged into one.
    fn merged(&self, schema: &Value) -> Value {
        let schema = self.resolve(schema);
        let Some(branches) = schema["allOf"].as_array() else {
            return schema.clone();
        };
        let mut merged = json!({"type": "object", "properties": {}});
        for branch in branches {
            let branch = self.merged(branch);
            for (key, property) in branch["properties"].as_object().into_iter().flatten() {
                let slot = &mut merged["properties"][key];
                match (slot.as_object_mut(), property.as_object()) {
                    (Some(slot), Some(property)) => slot.extend(property.clone()),
                    _ => *slot = property.clone(),
                }
            }
        }
        merged
    }

    fn object(&mut self, path: &mut Vec<Step>, schema: &Value) {
        let schema = self.merged(schema);
        let Some(properties) = schema["properties"].as_object() else {
            return;
        };
        let parent_exists = at(&mut self.root.clone(), path).is_some_and(|v| v.is_object());
        if !parent_exists {
            return;
        }
        for (key, property) in properties {
            path.push(Step::Key(key.clone()));
            self.field(path, property);
            path.pop();
        }
    }

    fn field(&mut self, path: &mut Vec<Step>, schema: &Value) {
        let current = at(&mut self.root.clone(), path).cloned();
        let resolved = self.merged(schema);
        let kind = kind_of(&resolved);
        let mut values = vec![Value::Null];
        match kind {
            "string" => values.extend(string_probes(&resolved, current.as_ref())),
            "integer" => values.extend(integer_probes(&resolved)),
            "array" => {
                values.extend(array_probes(&resolved, current.as_ref()));
                if current.as_ref().and_then(|c| c.get(0)).is_some() {
                    path.push(Step::Index(0));
                    let items = resolved["items"].clone();
                    self.field(path, &items);
                    path.pop();
                }
            }
            "object" => self.object(path, &resolved),
            _ => {}
        }
        for value in values {
            self.check(path, Some(value));
        }
        self.check(path, None);
    }

    /// Sets the field to `value` (removes it for `None`) and compares the two verdicts.
    fn check(&mut self, path: &[Step], value: Option<Value>) {
        let mut instance = self.root.clone();
        let Some((last, parent_path)) = path.split_last() else {
            return;
        };
        let Some(parent) = at(&mut instance, parent_path) else {
            return;
        };
        match (last, parent, &value) {
            (Step::Key(key), Value::Object(object), Some(value)) => {
                object.insert(key.clone(), value.clone());
            }
            (Step::Key(key), Value::Object(object), None) => {
                object.remove(key);
            }
            (Step::Index(index), Value::Array(array), Some(value)) => array[*index] = value.clone(),
            _ => return,
        }
        let schema = json!({"$ref": format!("#/components/schemas/{}", self.name)});
        let allowed = takes(&schema, &instance, self.schemas);
        let taken = accepted(self.name, &instance).is_ok();
        if allowed == taken {
            return;
        }
        let field = field_name(path);
        let deliberate = REFUSED_BEYOND_SCHEMA
            .iter()
            .find(|(name, f, _)| *name == self.name && *f == field);
        if let Some((name, field, _)) = deliberate.filter(|_| allowed) {
            self.used.insert((name, field));
            return;
        }
        let shown = match &value {
            None => "absent".to_owned(),
            Some(value) => short(value),
        };
        let (schema, server) = if allowed {
            ("allows", "refuses")
        } else {
            ("refuses", "takes")
        };
        self.wrong.push(format!(
            "{}.{field} = {shown}: the schema {schema}, the server {server}",
            self.name
        ));
    }
}

/// A validated query type's parameters, as `ValidQuery` reads them.
struct Query {
    name: &'static str,
    parameters: Vec<utoipa::openapi::path::Parameter>,
    taken: fn(&str) -> bool,
}

fn query<T: IntoParams + serde::de::DeserializeOwned + validator::Validate>(
    name: &'static str,
) -> Query {
    Query {
        name,
        parameters: T::into_params(|| Some(ParameterIn::Query)),
        taken: |query| parse_query::<T>(query).is_ok(),
    }
}

fn queries() -> Vec<Query> {
    use openapi::{audit, calendar, catalog, common, inventory, logistics, mail, orders, tenancy};
    vec![
        query::<audit::AuditEventQuery>("AuditEventQuery"),
        query::<inventory::AvailabilityQuery>("AvailabilityQuery"),
        query::<catalog::ChannelQuery>("ChannelQuery"),
        query::<orders::CustomerQuery>("CustomerQuery"),
        query::<calendar::HolidayQuery>("HolidayQuery"),
        query::<mail::EmailQuery>("EmailQuery"),
        query::<common::ImportQuery>("ImportQuery"),
        query::<inventory::MovementQuery>("MovementQuery"),
        query::<catalog::NamedQuery>("NamedQuery"),
        query::<orders::OrderQuery>("OrderQuery"),
        query::<tenancy::PageQuery>("PageQuery"),
        query::<catalog::ProductQuery>("ProductQuery"),
        query::<inventory::PurchaseOrderQuery>("PurchaseOrderQuery"),
        query::<inventory::StockLevelQuery>("StockLevelQuery"),
        query::<catalog::VariantQuery>("VariantQuery"),
        query::<calendar::WorkingDaysQuery>("WorkingDaysQuery"),
        query::<logistics::CarrierQuery>("CarrierQuery"),
        query::<logistics::TransitQuery>("TransitQuery"),
        query::<logistics::PromiseQuery>("PromiseQuery"),
    ]
}

/// A value its schema allows for each required parameter of a query (a uuid for an id).
fn required_values(query: &Query, schemas: &Value) -> Vec<(String, String)> {
    query
        .parameters
        .iter()
        .filter(|p| p.required == utoipa::openapi::Required::True)
        .filter_map(|parameter| {
            let schema = serde_json::to_value(&parameter.schema).unwrap_or_default();
            let value = string_probes(&schema, None)
                .into_iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .find(|text| takes(&schema, &json!(text), schemas))?;
            let encoded: String = url::form_urlencoded::byte_serialize(value.as_bytes()).collect();
            Some((parameter.name.clone(), encoded))
        })
        .collect()
}

#[test]
fn every_query_parameter_is_taken_exactly_when_its_schema_allows_it() {
    let document = serde_json::to_value(super::document()).unwrap_or_default();
    let schemas = &document["components"]["schemas"];
    let queries = queries();
    let mut wrong = Vec::new();
    let names = |parameters: Vec<String>| parameters.into_iter().collect::<BTreeSet<_>>();
    let known: Vec<BTreeSet<String>> = queries
        .iter()
        .map(|q| names(q.parameters.iter().map(|p| p.name.clone()).collect()))
        .collect();
    for (route, operation) in operations() {
        let in_query: Vec<String> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query")
            .filter_map(|p| p["name"].as_str().map(str::to_owned))
            .collect();
        if !in_query.is_empty() && !known.contains(&names(in_query)) {
            wrong.push(format!("{route}: add its query type to `queries`"));
        }
    }
    for query in &queries {
        let required = required_values(query, schemas);
        for parameter in &query.parameters {
            let schema = serde_json::to_value(&parameter.schema).unwrap_or_default();
            let values = match kind_of(&schema) {
                "string" => string_probes(&schema, None),
                "integer" => integer_probes(&schema),
                _ => Vec::new(),
            };
            for value in values.into_iter().filter(|v| !v.is_null()) {
                let text = match &value {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                let encoded: String =
                    url::form_urlencoded::byte_serialize(text.as_bytes()).collect();
                // Each required parameter but this one at a value its schema allows.
                let others: String = required
                    .iter()
                    .filter(|(name, _)| *name != parameter.name)
                    .map(|(name, value)| format!("{name}={value}&"))
                    .collect();
                let taken = (query.taken)(&format!("{others}{}={encoded}", parameter.name));
                // A query's values are text: a number is allowed where its digits are.
                let typed = match kind_of(&schema) {
                    "integer" => text.parse::<i64>().map_or(json!(text), Value::from),
                    _ => json!(text),
                };
                if takes(&schema, &typed, schemas) != taken {
                    wrong.push(format!(
                        "{}.{} = {}: the server {}",
                        query.name,
                        parameter.name,
                        short(&value),
                        if taken { "takes it" } else { "refuses it" }
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} disagreements: {wrong:#?}",
        wrong.len()
    );
}

#[test]
fn the_idempotency_key_is_taken_exactly_when_its_schema_allows_it() {
    use actix_web::FromRequest;
    use actix_web::http::header::HeaderValue;

    use crate::idempotency::{HEADER, IdempotencyKey};

    let schema = operations()
        .into_iter()
        .flat_map(|(_, operation)| operation["parameters"].as_array().cloned())
        .flatten()
        .find(|parameter| parameter["name"] == HEADER)
        .map(|parameter| parameter["schema"].clone())
        .unwrap_or_default();
    assert!(!schema.is_null(), "no route documents {HEADER}");
    let mut wrong = Vec::new();
    let probes = string_probes(&schema, None).into_iter();
    let texts = probes.filter_map(|probe| probe.as_str().map(str::to_owned));
    for text in texts.chain(["\t".to_owned(), "a\tb".to_owned(), "~".repeat(255)]) {
        // A value a client cannot send (not a header value) is no probe.
        let Ok(value) = HeaderValue::from_str(&text) else {
            continue;
        };
        let request = actix_web::test::TestRequest::default()
            .insert_header((HEADER, value))
            .to_http_request();
        let taken = IdempotencyKey::extract(&request).into_inner().is_ok();
        if takes(&schema, &Value::String(text.clone()), &Value::Null) != taken {
            let verdict = if taken { "takes it" } else { "refuses it" };
            wrong.push(format!(
                "{HEADER}: {}: the server {verdict}",
                short(&json!(text))
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
