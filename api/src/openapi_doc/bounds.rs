//! The document says what the server enforces, no more, no less: for every request body,
//! values at and just beyond each bound a schema states, and probes where it states none, are
//! taken by the server (deserialized and validated as `ValidJson` does) exactly when the schema
//! allows them. What a schema cannot say is listed by the body's module (`WireTypes::refuses`,
//! in its `wire.rs`), each with its reason. Queries and headers: `query_bounds`.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::probes::{array_probes, integer_probes, kind_of, short, string_probes};
use super::schema_check::takes;
use super::tests::{accepted, operations, wire_types};

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
    for refusal in &wire_types().refusals {
        let (name, field, why) = (refusal.schema, refusal.field, refusal.why);
        if !used.contains(&(name, field)) {
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
        let deliberate = wire_types()
            .refusals
            .iter()
            .find(|r| r.schema == self.name && r.field == field);
        if let Some(refusal) = deliberate.filter(|_| allowed) {
            self.used.insert((refusal.schema, refusal.field));
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
