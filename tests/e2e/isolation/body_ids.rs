//! Ids in request bodies, walked from the OpenAPI document's request examples: B sending one of
//! A's ids (a variant, a location, a customer, …) among its own gets exactly the answer an id
//! that exists nowhere gets, and A's audit log does not move.

use std::collections::BTreeMap;

use serde_json::Value;
use uuid::Uuid;

use super::every_route::send;
use super::fixtures::Fixture;
use super::spec::{self, Operation};
use super::store::{Kind, Store};
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::{Reply, Session};

/// What each id field of a request example names (`customer.id`: an `id` inside `customer`).
const BODY_IDS: &[(&str, Kind)] = &[
    ("variant_id", Kind::Variant),
    ("component_variant_id", Kind::Variant),
    ("location_id", Kind::Location),
    ("from_location_id", Kind::Location),
    ("to_location_id", Kind::Location),
    ("supplier_id", Kind::Supplier),
    ("line_id", Kind::PurchaseOrderLine),
    ("channel_id", Kind::Channel),
    ("channel_ids", Kind::Channel),
    ("customer.id", Kind::Customer),
    ("order_id", Kind::Order),
    ("order_line_id", Kind::OrderLine),
];

/// Uuid fields of request examples that name nothing of a store, each with why.
const NOT_IDS: &[(&str, &str)] = &[(
    "reference_id",
    "a reservation's reference (e.g. an order of the caller's own system), looked up nowhere",
)];

db_test!(
    an_id_of_another_store_in_a_request_body_answers_as_an_id_that_does_not_exist,
    |app| {
        let spec = spec::document();
        let mut operations = spec::operations(&spec);
        operations.retain(|o| o.example.as_ref().is_some_and(|e| !uuids(e, "").is_empty()));
        let a = Store::open(&app, "Alfa").await;
        let b = Store::open(&app, "Beta").await;
        let mut failures = Vec::new();
        for operation in &operations {
            if let Err(failure) = check(&app, &a, &b, operation).await {
                failures.push(format!("{}: {failure}", operation.label()));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} operations failed:\n{}",
            failures.len(),
            operations.len(),
            failures.join("\n\n")
        );
        assert!(
            operations.len() >= 12,
            "only {} examples name ids",
            operations.len()
        );
    }
);

/// One id of an example: its placeholder, its field, what it names and which of those it is.
struct Slot {
    placeholder: String,
    field: String,
    kind: Kind,
    nth: usize,
}

/// The ids of an example, each placeholder once.
fn slots(example: &Value) -> Result<Vec<Slot>, String> {
    let mut slots: Vec<Slot> = Vec::new();
    for (field, placeholder) in uuids(example, "") {
        if NOT_IDS.iter().any(|(name, _)| *name == field)
            || slots.iter().any(|s| s.placeholder == placeholder)
        {
            continue;
        }
        let kind = BODY_IDS
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, kind)| *kind);
        let kind = kind.ok_or(format!(
            "`{field}`: add what it names to BODY_IDS, or to NOT_IDS"
        ))?;
        let nth = slots.iter().filter(|s| s.kind == kind).count();
        slots.push(Slot {
            placeholder,
            field,
            kind,
            nth,
        });
    }
    Ok(slots)
}

/// Calls the operation as B (on B's own resource when its path names one) with the example's
/// ids B's own but one, which is first an id that exists nowhere, then A's: the two answers
/// must be the same. Then with B's own ids only, the body must reach the work (2xx or 409).
async fn check(app: &TestApp, a: &Store, b: &Store, operation: &Operation) -> Result<(), String> {
    let example = operation.example.clone().ok_or("no example")?;
    let (path, fixture_body) = match Fixture::of(&operation.path) {
        _ if operation.params.is_empty() => (operation.path.clone(), None),
        Some(fixture) => {
            let target = fixture.create(app, &b.shop, operation).await;
            (spec::fill(&operation.path, &target.params)?, target.body)
        }
        None => return Err("names a resource no fixture makes (isolation::fixtures)".into()),
    };
    // B's own ids: those its fixture's body names (a receipt names a line of that order), else
    // B's of that kind.
    let named = fixture_body
        .map(|body| uuids(&body, ""))
        .unwrap_or_default();
    let slots = slots(&example)?;
    let mut own = BTreeMap::new();
    for slot in &slots {
        let nth_of_field = slots
            .iter()
            .take_while(|s| s.placeholder != slot.placeholder);
        let nth_of_field = nth_of_field.filter(|s| s.field == slot.field).count();
        let fixture_id = named
            .iter()
            .filter(|(field, _)| *field == slot.field)
            .nth(nth_of_field);
        let id = fixture_id
            .map(|(_, id)| Ok(id.clone()))
            .unwrap_or(b.id(slot.kind, slot.nth));
        own.insert(slot.placeholder.clone(), id?);
    }
    let before = audit(app, &a.shop.owner).await;
    let token = b.shop.owner.token.as_str();
    for slot in &slots {
        let mut absent = own.clone();
        absent.insert(slot.placeholder.clone(), Uuid::now_v7().to_string());
        let absent = send(
            app,
            operation,
            &path,
            Some(&replace(&example, &absent)),
            token,
        )
        .await;
        let mut theirs = own.clone();
        theirs.insert(slot.placeholder.clone(), a.id(slot.kind, slot.nth)?);
        let theirs = send(
            app,
            operation,
            &path,
            Some(&replace(&example, &theirs)),
            token,
        )
        .await;
        if answer(&absent) != answer(&theirs) || (200..300).contains(&theirs.status) {
            return Err(format!(
                "{path} as B, `{}` an id that exists nowhere: {} {}\nA's: {} {}",
                slot.field, absent.status, absent.body, theirs.status, theirs.body
            ));
        }
    }
    if audit(app, &a.shop.owner).await != before {
        return Err(format!("{path} as B with A's ids changed A's audit log"));
    }
    let control = send(app, operation, &path, Some(&replace(&example, &own)), token).await;
    if !(200..300).contains(&control.status) && control.status != 409 {
        return Err(format!(
            "{path} as B with B's own ids: {} {}",
            control.status, control.body
        ));
    }
    Ok(())
}

/// What must be the same: the status, the problem's type and the fields it names.
fn answer(reply: &Reply) -> (u16, Value, Vec<String>) {
    (
        reply.status,
        reply.body["type"].clone(),
        reply.error_fields(),
    )
}

/// The uuid strings of a body with the field naming each (`parent.id` for an `id`).
fn uuids(body: &Value, field: &str) -> Vec<(String, String)> {
    match body {
        Value::String(text) if Uuid::parse_str(text).is_ok() => vec![(field.into(), text.clone())],
        Value::Array(items) => items.iter().flat_map(|item| uuids(item, field)).collect(),
        Value::Object(fields) => fields
            .iter()
            .flat_map(|(name, value)| {
                let name = if name == "id" {
                    format!("{field}.id")
                } else {
                    name.clone()
                };
                uuids(value, &name)
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The body with each uuid string that `ids` maps replaced.
fn replace(body: &Value, ids: &BTreeMap<String, String>) -> Value {
    match body {
        Value::String(text) => Value::String(ids.get(text).unwrap_or(text).clone()),
        Value::Array(items) => items.iter().map(|item| replace(item, ids)).collect(),
        Value::Object(fields) => {
            let replaced = fields
                .iter()
                .map(|(name, value)| (name.clone(), replace(value, ids)));
            Value::Object(replaced.collect())
        }
        other => other.clone(),
    }
}

/// The newest of A's audit entries.
async fn audit(app: &TestApp, owner: &Session) -> Value {
    let reply = app
        .get("/api/v1/audit-events?limit=20")
        .as_(owner)
        .send()
        .await;
    reply.expect(200).body
}
