//! What every operation's responses say in the published document, filled in one place so the
//! handlers' annotations list only the statuses: a description for each status, 401 on every
//! route that needs a caller and 403 on every one that needs a permission (named in the
//! operation's `x-permission`, as `/me` lists permissions), the statuses the extractors answer
//! on every route that has them (a body: 400, 413, 415, 422; a path parameter: 404; a query:
//! 422; `Idempotency-Key`: 409, 422; `If-Match`: 412), and an example problem document for
//! each error status — built from the server's own errors, so an example has the `type`,
//! `title` and `detail` the server really answers.

use std::collections::BTreeMap;

use actix_web::http::Method;
use openapi::{FieldError, RowError};
use utoipa::Modify;
use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::Type;
use utoipa::openapi::{Content, ObjectBuilder, OpenApi, Ref, RefOr, ResponseBuilder, Schema};

use crate::access::permission::Permission;
use crate::auth::error::AuthError;
use crate::auth::respond;
use crate::catalog::error::CatalogError;
use crate::error::{ApiError, ErrorKind};
use crate::extract::{self, BODY_LIMIT, FILE_LIMIT};
use crate::i18n::{Key, Message};
use crate::idempotency;
use crate::import_file::BadRows;
use crate::inventory::error::InventoryError;
use crate::modules;
use crate::routes::Declared;

const PROBLEM_JSON: &str = "application/problem+json";

pub struct ResponseDocs;

impl Modify for ResponseDocs {
    fn modify(&self, openapi: &mut OpenApi) {
        let declared = modules::declared();
        let schemas = openapi.components.as_ref().map(|c| &c.schemas);
        for (path, item) in openapi.paths.paths.iter_mut() {
            let methods = [
                (&mut item.get, Method::GET),
                (&mut item.put, Method::PUT),
                (&mut item.post, Method::POST),
                (&mut item.delete, Method::DELETE),
                (&mut item.patch, Method::PATCH),
            ];
            for (operation, method) in methods {
                if let Some(operation) = operation {
                    let invalid = invalid_field(operation, schemas);
                    let permission = declared
                        .iter()
                        .find(|route| route.method == method && served_at(route) == *path)
                        .and_then(|route| route.access.permission());
                    document(operation, permission, invalid);
                }
            }
        }
    }
}

/// Where a module's route is served: under the app's `/api/v1` scope.
pub(super) fn served_at(route: &Declared) -> String {
    format!("/api/v1{}", route.path)
}

/// The conflict an operation most often meets, from the module that has it.
fn conflict(operation_id: &str) -> Option<ApiError> {
    modules::ALL
        .iter()
        .find_map(|module| (module.conflict)(operation_id))
}

fn document(operation: &mut Operation, permission: Option<Permission>, invalid: FieldError) {
    let operation_id = operation.operation_id.clone().unwrap_or_default();
    if let Some(permission) = permission {
        // Machine-readable, for clients and for the isolation test that walks every route.
        operation
            .extensions
            .get_or_insert_with(Extensions::default)
            .insert("x-permission".to_owned(), permission.as_str().into());
    }
    let json_body = operation
        .request_body
        .as_ref()
        .is_some_and(|body| body.content.contains_key("application/json"));
    let implied = implied_statuses(operation, permission.is_some());
    describe_idempotency_key(operation);
    let responses = &mut operation.responses.responses;
    for status in implied {
        responses.entry(status.to_owned()).or_insert_with(|| {
            let content = Content::new(Some(Ref::from_schema_name("Problem")));
            RefOr::T(
                ResponseBuilder::new()
                    .content(PROBLEM_JSON, content)
                    .build(),
            )
        });
    }
    let example = Example {
        operation_id: &operation_id,
        permission,
        invalid: &invalid,
        json_body,
    };
    for (status, response) in responses.iter_mut() {
        let RefOr::T(response) = response else {
            continue;
        };
        if response.description.is_empty()
            && let Some(text) = description(status)
        {
            response.description = text.to_owned();
        }
        if let Some(content) = response.content.get_mut(PROBLEM_JSON)
            && content.example.is_none()
        {
            content.example = problem(status, &example)
                .and_then(|error| serde_json::to_value(error.problem()).ok());
        }
    }
}

/// The statuses an operation can answer whatever its handler does: the gate's (401 without a
/// caller, 403 without the permission) and the extractors' (a body that is not JSON, too
/// large, of another type or invalid; a path id of nothing in the store; an invalid query).
fn implied_statuses(operation: &Operation, needs_permission: bool) -> Vec<&'static str> {
    let mut statuses = Vec::new();
    if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
        statuses.push("401");
        if needs_permission {
            statuses.push("403");
        }
    }
    if operation.request_body.is_some() {
        statuses.extend(["400", "413", "415", "422"]);
    }
    let parameters = || operation.parameters.iter().flatten();
    let mut places = parameters().map(|p| &p.parameter_in);
    if places.clone().any(|place| *place == ParameterIn::Path) {
        statuses.push("404");
    }
    if places.any(|place| *place == ParameterIn::Query) {
        statuses.push("422");
    }
    let header =
        |name: &str| parameters().any(|p| p.parameter_in == ParameterIn::Header && p.name == name);
    if header(idempotency::HEADER) {
        // A key another request holds (409), or a key not of the form, or reused (422).
        statuses.extend(["409", "422"]);
    }
    if header("If-Match") {
        statuses.push("412");
    }
    statuses
}

/// The `Idempotency-Key` header's schema: what the extractor takes (1 to 255 printable ASCII
/// characters or tabs, not all blank).
fn describe_idempotency_key(operation: &mut Operation) {
    let key = operation
        .parameters
        .iter_mut()
        .flatten()
        .filter(|p| p.parameter_in == ParameterIn::Header && p.name == idempotency::HEADER);
    for parameter in key {
        let schema = ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(255))
            .pattern(Some(r"^[\t -~]*[!-~][\t -~]*$"));
        parameter.schema = Some(RefOr::T(Schema::Object(schema.build())));
    }
}

/// The field a 422 example names: the body's first required field, left out; else a field of
/// the body, or the list's cursor, or the first query parameter.
fn invalid_field(
    operation: &Operation,
    schemas: Option<&BTreeMap<String, RefOr<Schema>>>,
) -> FieldError {
    let body = operation
        .request_body
        .as_ref()
        .and_then(|body| body.content.get("application/json"))
        .and_then(|content| match &content.schema {
            Some(RefOr::Ref(reference)) => reference.ref_location.rsplit('/').next(),
            _ => None,
        })
        .and_then(|name| match schemas?.get(name)? {
            RefOr::T(Schema::Object(object)) => Some(object),
            _ => None,
        });
    let invalid = |field: &str, message: &str| FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    };
    if let Some(body) = body {
        if let Some(field) = body.required.first() {
            return invalid(field, "is required");
        }
        if let Some(field) = body.properties.keys().next() {
            return invalid(field, "has a value this field does not take");
        }
    }
    let queries: Vec<&str> = operation
        .parameters
        .iter()
        .flatten()
        .filter(|p| p.parameter_in == ParameterIn::Query)
        .map(|p| p.name.as_str())
        .collect();
    if queries.contains(&"cursor") {
        invalid("cursor", "is not a cursor returned by this list")
    } else if let Some(name) = queries.first() {
        invalid(name, "has a value this parameter does not take")
    } else {
        invalid(".", "the body is not what this route takes")
    }
}

/// What a status means on any route; none for a status a route must describe itself.
fn description(status: &str) -> Option<&'static str> {
    Some(match status {
        "200" => "Done: the result",
        "201" => "Created: the new resource",
        "204" => "Done; no body",
        "400" => "The body cannot be read: not JSON, or cut short (`detail` says where)",
        "401" => "No valid access token or API key",
        "403" => "Not allowed: the caller's role or API key lacks the permission this needs",
        "404" => "No such resource in this store",
        "409" => "The resource's state, or another resource, does not allow it (`type` says why)",
        "412" => "`If-Match` names a version that is no longer current: read it again",
        "413" => "The body is too large",
        "415" => "The body is not of a type this route takes",
        "422" => "Invalid input: `errors` (or `row_errors`) names each bad field (or line)",
        "429" => "Too many attempts: wait `Retry-After` seconds",
        "503" => "Not ready, or the database is busy: try again (`Retry-After`)",
        _ => return None,
    })
}

/// What an operation's example problems are made of.
#[derive(Clone, Copy)]
struct Example<'a> {
    operation_id: &'a str,
    permission: Option<Permission>,
    invalid: &'a FieldError,
    json_body: bool,
}

/// The example problem of an error status.
fn problem(status: &str, example: &Example) -> Option<ApiError> {
    let Example {
        operation_id,
        permission,
        invalid,
        json_body,
    } = *example;
    Some(match status {
        "400" if json_body => extract::parse_json::<serde_json::Value>(b"{\"name\": ").err()?,
        "400" => ApiError::keyed(
            ErrorKind::BadRequest,
            "request/unreadable-body",
            Key::ProblemUnreadableBody,
        ),
        "401" => ApiError::from(AuthError::MissingCredentials),
        // A route that needs no permission is refused only by the cookie sessions' CSRF check.
        "403" => match permission {
            Some(permission) => ApiError::from(AuthError::Forbidden {
                permission: permission.as_str(),
            }),
            None => respond::csrf_missing(),
        },
        "404" => ApiError::new(ErrorKind::NotFound, "not-found", "no such resource"),
        "409" => conflict(operation_id).unwrap_or_else(idempotency::in_progress),
        "412" => CatalogError::Stale {
            what: "the resource",
            current: 4,
        }
        .into(),
        "413" => {
            let (key, limit) = if json_body {
                (Key::ProblemBodyTooLarge, BODY_LIMIT)
            } else {
                (Key::ProblemFileTooLarge, FILE_LIMIT)
            };
            let detail = Message::new(key).with("limit", limit as i64);
            ApiError::with_message(ErrorKind::PayloadTooLarge, "request/too-large", detail)
        }
        "415" => ApiError::keyed(
            ErrorKind::UnsupportedMediaType,
            "request/unsupported-media-type",
            if json_body {
                Key::ProblemSendJson
            } else {
                Key::ProblemSendCsv
            },
        ),
        "422" if operation_id == "catalog.import" => {
            CatalogError::BadFile(BadRows::new(vec![RowError {
                line: 3,
                field: "price".into(),
                message: "`abc` is not an amount such as 59.90".into(),
            }]))
            .into()
        }
        "422" if operation_id == "inventory.level.import" => {
            InventoryError::BadFile(BadRows::new(vec![RowError {
                line: 3,
                field: "sku".into(),
                message: "`CAM-XG` is not a SKU of this store".into(),
            }]))
            .into()
        }
        "422" => ApiError::validation(vec![invalid.clone()]),
        "429" => ApiError::from(AuthError::TooManyAttempts { retry_after: 60 }),
        "503" => ApiError::new(
            ErrorKind::Unavailable,
            "database/busy",
            "the database is busy: try again in a moment",
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::modules;
    use crate::routes::Access;

    use super::served_at;

    /// Every operation under `/api/v1` of the document, as (method, path, secured).
    fn documented() -> Vec<(String, String, bool)> {
        let document = serde_json::to_value(crate::openapi_doc::document()).unwrap_or_default();
        let mut found = Vec::new();
        for (path, item) in document["paths"].as_object().into_iter().flatten() {
            for (method, operation) in item.as_object().into_iter().flatten() {
                let secured = operation["security"]
                    .as_array()
                    .is_some_and(|s| !s.is_empty());
                if path.starts_with("/api/v1/") {
                    found.push((method.to_uppercase(), path.clone(), secured));
                }
            }
        }
        found
    }

    #[test]
    fn every_declared_route_is_documented_once_and_every_documented_one_is_declared() {
        let declared: Vec<(String, String)> = modules::declared()
            .iter()
            .map(|route| (route.method.to_string(), served_at(route)))
            .collect();
        let unique: BTreeSet<_> = declared.iter().cloned().collect();
        assert_eq!(unique.len(), declared.len(), "a route declared twice");
        let documented: BTreeSet<_> = documented()
            .into_iter()
            .map(|(method, path, _)| (method, path))
            .collect();
        assert!(documented.len() > 90, "the document lost its routes");
        let undocumented: Vec<_> = unique.difference(&documented).collect();
        let unserved: Vec<_> = documented.difference(&unique).collect();
        assert!(
            undocumented.is_empty(),
            "declared, not documented: {undocumented:#?}"
        );
        assert!(
            unserved.is_empty(),
            "documented, not declared: {unserved:#?}"
        );
    }

    #[test]
    fn a_route_is_secured_in_the_document_exactly_when_it_asks_for_a_caller() {
        let declared = modules::declared();
        let mut wrong = Vec::new();
        for (method, path, secured) in documented() {
            let Some(route) = declared
                .iter()
                .find(|route| route.method.as_str() == method && served_at(route) == path)
            else {
                continue;
            };
            if secured != (route.access != Access::Anyone) {
                wrong.push(format!(
                    "{method} {path}: {:?}, secured: {secured}",
                    route.access
                ));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
