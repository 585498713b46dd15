//! The document's links (OpenAPI `links`), as each module declares them (`Module::links`): on
//! the successful answer of an operation, one link per operation its id may be given to, named
//! after that operation's id.

use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::link::LinkBuilder;
use utoipa::openapi::path::Operation;
use utoipa::openapi::{OpenApi, RefOr};

use crate::module::Link;
use crate::modules;

/// Adds every module's links to the operations they start from.
pub fn add(openapi: &mut OpenApi) {
    for link in modules::ALL.iter().flat_map(|module| module.links) {
        if let Some(operation) = operation_mut(openapi, link.from) {
            add_to(operation, link);
        }
    }
}

fn add_to(operation: &mut Operation, link: &Link) {
    let mut answers = operation.responses.responses.iter_mut();
    let Some((_, RefOr::T(response))) = answers.find(|(status, _)| status.starts_with('2')) else {
        return;
    };
    for target in link.to {
        // utoipa 5.5 writes `Link::operation_id` as `operation_id`, a field OpenAPI does not
        // have: the name the specification gives it is set through the link's extensions, which
        // are written as they are.
        let built = LinkBuilder::new()
            .extensions(Some(Extensions::from_iter([("operationId", *target)])))
            .parameter(link.parameter, format!("$response.body#{}", link.body))
            .build();
        // Two links to one operation (a product's id and its first variant's) are named apart.
        let name = if response.links.contains_key(*target) {
            format!("{target}({})", link.parameter)
        } else {
            (*target).to_owned()
        };
        response.links.insert(name, RefOr::T(built));
    }
}

/// The operation whose id is `id`.
fn operation_mut<'a>(openapi: &'a mut OpenApi, id: &str) -> Option<&'a mut Operation> {
    openapi.paths.paths.values_mut().find_map(|item| {
        [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        .find(|operation| operation.operation_id.as_deref() == Some(id))
    })
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::modules;

    /// Every link starts from a documented operation whose answer has the id where the link
    /// says, and goes to documented operations that take the parameter it names in their path.
    #[test]
    fn every_link_joins_operations_that_exist_by_fields_that_exist() {
        let document = serde_json::to_value(super::super::document()).unwrap_or_default();
        let operation = |id: &str| {
            let paths = document["paths"].as_object().cloned().unwrap_or_default();
            paths.into_iter().find_map(|(path, item)| {
                let operations = item.as_object().cloned().unwrap_or_default();
                operations
                    .into_values()
                    .find(|op| op["operationId"] == id)
                    .map(|op| (path, op))
            })
        };
        let mut wrong = Vec::new();
        for link in modules::ALL.iter().flat_map(|module| module.links) {
            let Some((_, from)) = operation(link.from) else {
                wrong.push(format!("{}: no such operation", link.from));
                continue;
            };
            let responses = from["responses"].as_object().cloned().unwrap_or_default();
            let answer = responses.iter().find(|(status, _)| status.starts_with('2'));
            let schema = answer.map(|(_, r)| &r["content"]["application/json"]["schema"]);
            if !schema_has(&document, schema.unwrap_or(&Value::Null), link.body) {
                wrong.push(format!("{}: its answer has no `{}`", link.from, link.body));
            }
            let links = &answer.map(|(_, r)| r["links"].clone()).unwrap_or_default();
            for target in link.to {
                let named = links.as_object().into_iter().flatten();
                if !named.into_iter().any(|(_, l)| l["operationId"] == *target) {
                    wrong.push(format!(
                        "{}: no link with the operationId {target}",
                        link.from
                    ));
                }
                match operation(target) {
                    Some((path, _)) if path.contains(&format!("{{{}}}", link.parameter)) => {}
                    Some((path, _)) => {
                        wrong.push(format!("{target} ({path}): no `{}`", link.parameter))
                    }
                    None => wrong.push(format!("{target}: no such operation")),
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    /// Whether the schema (its `$ref`s followed) has a property at `pointer` (`/0` an item).
    fn schema_has(document: &Value, schema: &Value, pointer: &str) -> bool {
        let mut schema = schema.clone();
        for step in pointer.split('/').skip(1) {
            while let Some(reference) = schema["$ref"].as_str() {
                let name = reference.rsplit('/').next().unwrap_or_default();
                schema = document["components"]["schemas"][name].clone();
            }
            schema = if step.parse::<usize>().is_ok() {
                schema["items"].clone()
            } else {
                schema["properties"][step].clone()
            };
            if schema.is_null() {
                return false;
            }
        }
        true
    }
}
