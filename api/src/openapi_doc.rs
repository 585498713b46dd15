//! The OpenAPI document: the platform's routes, each module's (`Module::doc`), their types and
//! the security scheme, and the links between operations that each module declares. Committed as
//! `openapi/openapi.json`; `cargo xtask openapi` rewrites it and a test checks it is current.

#[cfg(test)]
mod bounds;
mod events;
mod links;
#[cfg(test)]
mod probes;
#[cfg(test)]
mod query_bounds;
mod responses;
#[cfg(test)]
mod schema_check;
mod webhooks;

use events::EventVersions;
use responses::ResponseDocs;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use webhooks::Webhooks;

use crate::{health, modules};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Retaguarda API",
        description = "The back office of an online store. Authenticate with `Authorization: Bearer <access token>` (from `/auth/login`) or `Bearer rtg_…` (an API key). Errors are RFC 7807 problem documents, their `title`, `detail` and field messages in the language `Accept-Language` names (pt-BR, es or en; English without it); text the server keeps, such as an order's timeline and findings, is written in that language too, else the store's. Lists take `limit` and `cursor` and answer `{items, next_cursor}`. POSTs that create something accept `Idempotency-Key`.",
    ),
    paths(health::live, health::ready, crate::metrics::metrics),
    components(schemas(
        openapi::Problem,
        openapi::FieldError,
        openapi::catalog::ProductSort,
        openapi::events::Event
    )),
    tags(
        (name = "health", description = "Liveness and readiness"),
    )
)]
pub struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A JWT access token, or an API key (`rtg_…`)".to_owned(),
                    ))
                    .build(),
            ),
        );
    }
}

/// The whole document: the platform's part, every module's, then what is filled in for all.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut document = ApiDoc::openapi();
    for module in modules::ALL {
        document.merge((module.doc)());
    }
    BearerScheme.modify(&mut document);
    ResponseDocs.modify(&mut document);
    EventVersions.modify(&mut document);
    Webhooks.modify(&mut document);
    links::add(&mut document);
    document
}

/// The document as committed: pretty JSON with a final newline.
pub fn spec_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use serde_json::Value;

    use crate::module::wire::WireTypes;
    use crate::modules;

    static ALL_TYPES: LazyLock<WireTypes> = LazyLock::new(|| {
        let mut all = WireTypes::default();
        for module in modules::ALL {
            all.extend(types_of(module.name));
        }
        all
    });

    /// Every module's wire types (`Module::wire_types`), each name once.
    pub(super) fn wire_types() -> &'static WireTypes {
        &ALL_TYPES
    }

    /// The wire types the module named declares (none for a name that is no module's).
    pub(super) fn types_of(module: &str) -> WireTypes {
        let mut types = WireTypes::default();
        for declared in modules::ALL.iter().filter(|m| m.name == module) {
            (declared.wire_types)(&mut types);
        }
        types
    }

    /// The module an operation belongs to: its tag.
    pub(super) fn module_of(operation: &Value) -> String {
        operation["tags"][0].as_str().unwrap_or_default().to_owned()
    }

    /// What to do about a schema the module's wire types do not name.
    pub(super) fn unlisted(module: &str, what: &str, schema: &str) -> String {
        format!("add `{schema}` to {module}'s wire types as a {what} (`api/src/{module}/wire.rs`)")
    }

    /// Whether the server takes `example` as a body of the schema named `schema`.
    pub(super) fn accepted(schema: &str, example: &Value) -> Result<(), String> {
        let body = wire_types().bodies.iter().find(|b| b.0 == schema);
        let (_, check) = body.ok_or_else(|| unlisted("its module", "body", schema))?;
        check(example)
    }

    /// Every operation of the published document, as JSON.
    pub(super) fn operations() -> Vec<(String, Value)> {
        let document = serde_json::to_value(super::document()).unwrap_or_default();
        let mut found = Vec::new();
        for (path, item) in document["paths"].as_object().into_iter().flatten() {
            for (method, operation) in item.as_object().into_iter().flatten() {
                found.push((format!("{method} {path}"), operation.clone()));
            }
        }
        assert!(found.len() > 90, "the document lost its routes");
        found
    }

    #[test]
    fn every_request_body_has_an_example_the_server_accepts() {
        let document = serde_json::to_value(super::document()).unwrap_or_default();
        let mut wrong = Vec::new();
        for (route, operation) in operations() {
            let content = operation["requestBody"]["content"].as_object().cloned();
            for (media_type, body) in content.into_iter().flatten() {
                let reference = body["schema"]["$ref"].as_str().unwrap_or_default();
                let schema = reference.rsplit('/').next().unwrap_or_default();
                // The route's own example, else its type's (one used by several routes).
                let example = match &body["example"] {
                    Value::Null => &document["components"]["schemas"][schema]["example"],
                    example => example,
                };
                if example.is_null() {
                    wrong.push(format!("{route}: no example"));
                } else if media_type == "application/json" {
                    let module = module_of(&operation);
                    let types = types_of(&module);
                    let result = match types.bodies.iter().find(|b| b.0 == schema) {
                        Some((_, check)) => check(example),
                        None => Err(unlisted(&module, "body", schema)),
                    };
                    if let Err(error) = result {
                        wrong.push(format!("{route}: {error}"));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn every_json_response_has_an_example_of_its_type() {
        let document = serde_json::to_value(super::document()).unwrap_or_default();
        let schemas = &document["components"]["schemas"];
        let named = |reference: &Value| {
            let name = reference.as_str()?.rsplit('/').next()?.to_owned();
            Some((name.clone(), schemas[&name].clone()))
        };
        let mut wrong = Vec::new();
        for (route, operation) in operations() {
            let responses = operation["responses"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            for (status, response) in responses.iter().filter(|(s, _)| s.starts_with('2')) {
                let contents = response["content"].as_object().cloned().unwrap_or_default();
                for (media_type, content) in &contents {
                    if media_type != "application/json" && content["example"].is_null() {
                        wrong.push(format!("{route} {status}: no example of {media_type}"));
                    }
                }
                let json = &response["content"]["application/json"];
                if json.is_null() || !json["example"].is_null() {
                    continue;
                }
                // A list or a page shows the example of its items (inlined in a page).
                let schema = &json["schema"];
                let shown = match named(&schema["$ref"]) {
                    Some((name, page)) => match name.strip_prefix("Page_") {
                        Some(item) => Some((
                            item.to_owned(),
                            page["properties"]["items"]["items"].clone(),
                        )),
                        None => Some((name, page)),
                    },
                    None => named(&schema["items"]["$ref"]),
                };
                let module = module_of(&operation);
                match shown {
                    Some((name, schema)) if !schema["example"].is_null() => {
                        let types = types_of(&module);
                        let result = match types.answers.iter().find(|a| a.0 == name) {
                            Some((_, check)) => check(&schema["example"]),
                            None => Err(unlisted(&module, "answer", &name)),
                        };
                        if let Err(error) = result {
                            wrong.push(format!("{name}: {error}"));
                        }
                    }
                    _ => wrong.push(format!("{route} {status}: no example")),
                }
            }
        }
        wrong.sort();
        wrong.dedup();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn every_response_is_described_and_every_problem_has_an_example_of_its_status() {
        let mut wrong = Vec::new();
        for (route, operation) in operations() {
            let secured = operation["security"]
                .as_array()
                .is_some_and(|s| !s.is_empty());
            let responses = operation["responses"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            if secured && !responses.contains_key("401") {
                wrong.push(format!("{route}: a secured route without 401"));
            }
            for (status, response) in responses {
                if response["description"].as_str().is_none_or(str::is_empty) {
                    wrong.push(format!("{route} {status}: no description"));
                }
                let problem = &response["content"]["application/problem+json"];
                if !problem.is_null()
                    && problem["example"]["status"].as_u64().map(|s| s.to_string())
                        != Some(status.clone())
                {
                    wrong.push(format!("{route} {status}: no example of this status"));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
