//! Bad input of every kind gets a problem document, never a panic or a bare error.

use crate::db_test;

db_test!(
    malformed_json_is_400_and_wrong_types_are_422_naming_the_field,
    |app| {
        let reply = app
            .post("/api/v1/auth/login")
            .raw_body("application/json", "{\"email\": ")
            .send()
            .await
            .problem(400, "request/malformed-json");
        let detail = reply.problem_doc().detail.unwrap_or_default();
        assert!(detail.contains("not valid JSON"), "{detail}");
        let reply = app
            .post("/api/v1/auth/login")
            .raw_body("application/json", r#"{"email": 5, "password": "x"}"#)
            .send()
            .await
            .problem(422, "request/validation");
        assert_eq!(reply.error_fields(), ["email"]);
        app.post("/api/v1/auth/login")
            .raw_body(
                "application/json",
                r#"{"email": "a@b.c", "password": "x"} trailing"#,
            )
            .send()
            .await
            .problem(400, "request/malformed-json");
        // JSON Schema's integers include `7.0`: so do the server's.
        let owner = app.signup("Iris").await;
        app.post("/api/v1/catalog/suppliers")
            .as_(&owner)
            .raw_body(
                "application/json",
                r#"{"name": "Acme", "lead_time_days": 7.0}"#,
            )
            .send()
            .await
            .expect(201);
        app.post("/api/v1/catalog/suppliers")
            .as_(&owner)
            .raw_body(
                "application/json",
                r#"{"name": "Acme", "lead_time_days": 7.5}"#,
            )
            .send()
            .await
            .problem(422, "request/validation");
        app.post("/api/v1/auth/login")
            .raw_body("text/plain", "hello")
            .send()
            .await
            .problem(415, "request/unsupported-media-type");
        app.post("/api/v1/auth/login")
            .raw_body("application/json", vec![b' '; 300 * 1024])
            .send()
            .await
            .problem(413, "request/too-large");
    }
);

db_test!(
    unknown_routes_wrong_methods_and_bad_ids_are_problems,
    |app| {
        let owner = app.signup("Milo").await;
        app.get("/api/v1/nothing-here")
            .send()
            .await
            .problem(404, "not-found");
        let refused = app
            .call(reqwest::Method::PUT, "/api/v1/tenant")
            .as_(&owner)
            .send()
            .await;
        assert_eq!(refused.header("allow"), Some("GET, PATCH"));
        refused.problem(405, "request/method-not-allowed");
        for path in ["/health/live", "/health/ready", "/metrics"] {
            let refused = app.call(reqwest::Method::TRACE, path).send().await;
            assert_eq!(refused.header("allow"), Some("GET"), "{path}");
            refused.problem(405, "request/method-not-allowed");
        }
        app.delete("/api/v1/api-keys/not-a-uuid")
            .as_(&owner)
            .send()
            .await
            .problem(404, "not-found");
        app.delete("/api/v1/api-keys/0195f2a0-0000-7000-8000-000000000000")
            .as_(&owner)
            .send()
            .await
            .problem(404, "not-found");
        app.patch("/api/v1/tenant")
            .as_(&owner)
            .header("if-match", "yesterday")
            .json(&openapi::tenancy::TenantPatch {
                name: Some("x".into()),
                ..Default::default()
            })
            .send()
            .await
            .problem(412, "request/stale");
        // A missing body is named before a bad `If-Match`: the request could not have worked.
        app.patch("/api/v1/tenant")
            .as_(&owner)
            .header("if-match", "yesterday")
            .header("content-type", "application/json")
            .send()
            .await
            .problem(400, "request/malformed-json");
        app.get("/api/v1/me")
            .header("authorization", "Basic Zm9vOmJhcg==")
            .send()
            .await
            .problem(401, "auth/unauthenticated");
    }
);
