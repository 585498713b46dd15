//! The same as `bounds`, for what is not a body: every validated query's parameters (as
//! `ValidQuery` reads them, with the query's required parameters present) and the
//! `Idempotency-Key` header are taken exactly when their schemas allow them.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use utoipa::IntoParams;
use utoipa::openapi::path::ParameterIn;

use super::probes::{integer_probes, kind_of, short, string_probes};
use super::schema_check::takes;
use super::tests::operations;
use crate::extract::parse_query;

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
        query::<logistics::ReturnQuery>("ReturnQuery"),
        query::<logistics::ReturnRateQuery>("ReturnRateQuery"),
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
