//! The wire types a module's routes take and answer, as the document tests read them (test
//! code only): each module lists its own in its `wire.rs` (`Module::wire_types`), and the tests
//! in `openapi_doc` find a schema's type there, by its name, failing for a route whose type
//! its module does not list.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use utoipa::IntoParams;
use utoipa::openapi::path::{Parameter, ParameterIn};
use validator::Validate;

use crate::extract::{parse_query, parse_valid_json};

/// Whether an example is what the type says: `Ok`, or what is wrong.
pub type Check = fn(&Value) -> Result<(), String>;

/// A validated query type's parameters, as `ValidQuery` reads them.
pub struct Query {
    pub name: &'static str,
    pub parameters: Vec<Parameter>,
    pub taken: fn(&str) -> bool,
}

/// A field's values that the schema allows and the server refuses, on purpose, because no JSON
/// Schema keyword says it.
pub struct Refusal {
    pub schema: &'static str,
    /// Its path in the body (`variants[].barcode`).
    pub field: &'static str,
    pub why: &'static str,
}

/// The types of one module (or of all, gathered).
#[derive(Default)]
pub struct WireTypes {
    /// Request bodies: whether the server takes an example, as `ValidJson` reads one.
    pub bodies: Vec<(&'static str, Check)>,
    /// Answers: whether an example reads as the type and writes back the same.
    pub answers: Vec<(&'static str, Check)>,
    pub queries: Vec<Query>,
    pub refusals: Vec<Refusal>,
}

/// The name of `T`'s schema: its type name without its path.
fn name_of<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    full.rsplit("::").next().unwrap_or(full)
}

fn accepts<T: DeserializeOwned + Validate>(example: &Value) -> Result<(), String> {
    parse_valid_json::<T>(example.to_string().as_bytes())
        .map(drop)
        .map_err(|error| error.to_string())
}

fn reads_and_writes_back<T: DeserializeOwned + Serialize>(example: &Value) -> Result<(), String> {
    let read: T = serde_json::from_value(example.clone()).map_err(|e| e.to_string())?;
    let written = serde_json::to_value(read).map_err(|e| e.to_string())?;
    if &written == example {
        Ok(())
    } else {
        Err(format!("writes back as {written}"))
    }
}

impl WireTypes {
    /// A request body type.
    pub fn body<T: DeserializeOwned + Validate>(&mut self) -> &mut Self {
        self.bodies.push((name_of::<T>(), accepts::<T>));
        self
    }

    /// An answer type.
    pub fn answer<T: DeserializeOwned + Serialize>(&mut self) -> &mut Self {
        self.answers
            .push((name_of::<T>(), reads_and_writes_back::<T>));
        self
    }

    /// A validated query type.
    pub fn query<T: IntoParams + DeserializeOwned + Validate>(&mut self) -> &mut Self {
        self.queries.push(Query {
            name: name_of::<T>(),
            parameters: T::into_params(|| Some(ParameterIn::Query)),
            taken: |query| parse_query::<T>(query).is_ok(),
        });
        self
    }

    /// Values of `field` of the body `T` that its schema allows and the server refuses, and
    /// why no schema can say so.
    pub fn refuses<T>(&mut self, field: &'static str, why: &'static str) -> &mut Self {
        let schema = name_of::<T>();
        self.refusals.push(Refusal { schema, field, why });
        self
    }

    /// Another module's types added to these, each name once.
    pub fn extend(&mut self, other: WireTypes) {
        fn absent<T>(list: &[T], name: impl Fn(&T) -> &str, wanted: &str) -> bool {
            !list.iter().any(|item| name(item) == wanted)
        }
        for body in other.bodies {
            if absent(&self.bodies, |b| b.0, body.0) {
                self.bodies.push(body);
            }
        }
        for answer in other.answers {
            if absent(&self.answers, |a| a.0, answer.0) {
                self.answers.push(answer);
            }
        }
        for query in other.queries {
            if absent(&self.queries, |q| q.name, query.name) {
                self.queries.push(query);
            }
        }
        self.refusals.extend(other.refusals);
    }
}
