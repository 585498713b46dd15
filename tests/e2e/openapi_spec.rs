//! The committed `openapi/openapi.json` is what the code generates, and it documents every route.

#[test]
fn the_committed_spec_matches_the_code() {
    let path = crate::harness::workspace().join("openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = api::openapi_doc::spec_json();
    assert!(
        committed == generated,
        "openapi/openapi.json is out of date: run `cargo xtask openapi` and commit the result"
    );
}

#[test]
fn every_operation_has_an_id_a_tag_and_responses() {
    let spec: serde_json::Value = serde_json::from_str(&api::openapi_doc::spec_json()).unwrap();
    let paths = spec["paths"].as_object().unwrap();
    assert!(paths.len() >= 14, "only {} paths", paths.len());
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            assert!(operation["operationId"].is_string(), "{method} {path}");
            assert!(operation["tags"].is_array(), "{method} {path}");
            assert!(operation["responses"].is_object(), "{method} {path}");
        }
    }
    assert!(spec["components"]["securitySchemes"]["bearer"].is_object());
}

#[test]
fn every_reference_in_the_spec_resolves() {
    let spec: serde_json::Value = serde_json::from_str(&api::openapi_doc::spec_json()).unwrap();
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    let text = api::openapi_doc::spec_json();
    let mut missing = Vec::new();
    for part in text.split("\"$ref\": \"#/components/schemas/").skip(1) {
        let name = part.split('"').next().unwrap();
        if !schemas.contains_key(name) && !missing.contains(&name.to_owned()) {
            missing.push(name.to_owned());
        }
    }
    assert!(
        missing.is_empty(),
        "schemas referenced but not defined: {missing:?}"
    );
}
