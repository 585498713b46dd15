//! The same as `bounds`, for what is not a body: every validated query's parameters (as
//! `ValidQuery` reads them, with the query's required parameters present) and the
//! `Idempotency-Key` header are taken exactly when their schemas allow them.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::probes::{integer_probes, kind_of, short, string_probes};
use super::schema_check::takes;
use super::tests::{module_of, operations, types_of, unlisted, wire_types};
use crate::module::wire::Query;

/// A value its schema allows for each required parameter of a query (a uuid for an id).
fn required_values(query: &Query, schemas: &Value) -> Vec<(String, String)> {
    query
        .parameters
        .iter()
        .filter(|p| p.required == utoipa::openapi::Required::True)
        .filter_map(|parameter| {
            let schema = serde_json::to_value(&parameter.schema).unwrap_or_default();
            // A parameter's own example first: a date's probes are not all dates.
            let declared = serde_json::to_value(parameter).unwrap_or_default();
            let example = declared["example"].as_str().map(str::to_owned);
            let value = example.into_iter().chain(
                string_probes(&schema, None)
                    .into_iter()
                    .filter_map(|v| v.as_str().map(str::to_owned)),
            );
            let value = value
                .into_iter()
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
    let queries = &wire_types().queries;
    let mut wrong = Vec::new();
    let names = |parameters: Vec<String>| parameters.into_iter().collect::<BTreeSet<_>>();
    for (route, operation) in operations() {
        let module = module_of(&operation);
        let known: Vec<BTreeSet<String>> = types_of(&module)
            .queries
            .iter()
            .map(|q| names(q.parameters.iter().map(|p| p.name.clone()).collect()))
            .collect();
        let in_query: Vec<String> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query")
            .filter_map(|p| p["name"].as_str().map(str::to_owned))
            .collect();
        if !in_query.is_empty() && !known.contains(&names(in_query)) {
            let query = unlisted(&module, "query", "its query type");
            wrong.push(format!("{route}: {query}"));
        }
    }
    for query in queries {
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
