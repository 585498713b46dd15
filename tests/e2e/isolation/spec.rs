//! The operations of the server's OpenAPI document whose path names something of a store
//! (`{id}`, `{variant_id}`, `{code}`, …): what the isolation test walks.

use reqwest::Method;
use serde_json::Value;

/// One operation, as the document describes it.
#[derive(Debug)]
pub struct Operation {
    pub method: Method,
    /// The path as documented, with its parameters in braces.
    pub path: String,
    pub id: String,
    /// Its module: the operation's tag (`api::module::Module::name`).
    pub module: String,
    /// The permission the route needs (`x-permission`), if any.
    pub permission: Option<String>,
    /// The request body's example, when the operation takes a body.
    pub example: Option<Value>,
    pub takes_body: bool,
    /// Its body is a CSV file (`text/csv`), the example a string.
    pub csv: bool,
    /// The names of the path's parameters, in order.
    pub params: Vec<String>,
    /// Whether the route refuses a call without an `Idempotency-Key`.
    pub needs_idempotency_key: bool,
    /// The query parameters that take a uuid.
    pub uuid_queries: Vec<String>,
}

impl Operation {
    /// How a failure names it.
    pub fn label(&self) -> String {
        format!("{} {} ({})", self.method, self.path, self.id)
    }
}

/// The server's document. It is the committed `openapi/openapi.json` (`openapi_spec` checks
/// they are the same), read from the code so a route added without regenerating the file is
/// walked too.
pub fn document() -> Value {
    serde_json::from_str(&api::openapi_doc::spec_json()).expect("the server's OpenAPI document")
}

/// Every operation with a path parameter, in the document's order.
pub fn operations_with_path_params(spec: &Value) -> Vec<Operation> {
    let mut found = operations(spec);
    found.retain(|operation| !operation.params.is_empty());
    found
}

/// Every operation, in the document's order.
pub fn operations(spec: &Value) -> Vec<Operation> {
    let mut found = Vec::new();
    let paths = spec["paths"].as_object().expect("paths");
    for (path, item) in paths {
        let params = params_of(path);
        for (method, operation) in item.as_object().expect("path item") {
            let Ok(method) = method.to_uppercase().parse::<Method>() else {
                continue;
            };
            let content = &operation["requestBody"]["content"];
            let csv = content.get("text/csv").is_some();
            let body = &content[if csv { "text/csv" } else { "application/json" }];
            let parameters = operation["parameters"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            found.push(Operation {
                method,
                path: path.clone(),
                id: operation["operationId"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                module: operation["tags"][0].as_str().unwrap_or_default().to_owned(),
                permission: operation["x-permission"].as_str().map(str::to_owned),
                example: body.get("example").cloned(),
                takes_body: !operation["requestBody"].is_null(),
                csv,
                params: params.clone(),
                needs_idempotency_key: parameters
                    .iter()
                    .any(|p| p["name"] == "Idempotency-Key" && p["required"] == true),
                uuid_queries: parameters
                    .iter()
                    .filter(|p| p["in"] == "query" && p["schema"]["format"] == "uuid")
                    .filter_map(|p| p["name"].as_str().map(str::to_owned))
                    .collect(),
            });
        }
    }
    found
}

/// The parameter names of a documented path: `/a/{id}/b/{variant_id}` → `[id, variant_id]`.
fn params_of(path: &str) -> Vec<String> {
    path.split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .map(str::to_owned)
        .collect()
}

/// A path with its parameters filled in.
pub fn fill(path: &str, values: &[(&str, String)]) -> Result<String, String> {
    path.split('/')
        .map(|segment| match segment.strip_prefix('{') {
            Some(name) => {
                let name = name.trim_end_matches('}');
                values
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, value)| value.clone())
                    .ok_or_else(|| format!("no value for `{name}` in {path}"))
            }
            None => Ok(segment.to_owned()),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(|segments| segments.join("/"))
}

/// Where A's owner reads what an operation may change: the `GET` of the operation's own path
/// if the document has one, else of the nearest path above it (`/orders/{id}/refunds` →
/// `/orders/{id}`, `/members/{id}` → `/members`), whose parameters the operation fills. A list
/// is read with its largest page.
pub fn reading_of(spec: &Value, operation: &Operation) -> Option<String> {
    let mut path = operation.path.as_str();
    loop {
        let get = &spec["paths"][path]["get"];
        if get.is_object() && params_of(path).iter().all(|p| operation.params.contains(p)) {
            let pages = get["parameters"]
                .as_array()
                .is_some_and(|all| all.iter().any(|p| p["name"] == "limit"));
            return Some(if pages {
                format!("{path}?limit=200")
            } else {
                path.to_owned()
            });
        }
        path = path.rsplit_once('/')?.0;
    }
}
