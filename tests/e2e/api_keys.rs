use serde_json::json;

use crate::db_test;

db_test!(
    an_api_key_is_shown_once_works_within_its_scopes_and_stops_when_revoked,
    |app| {
        let owner = app.signup("Abel").await;
        let created = app
            .post("/api/v1/api-keys")
            .as_(&owner)
            .json(&json!({ "name": "ERP sync", "scopes": ["tenant:read", "audit:read"] }))
            .send()
            .await
            .expect(201);
        insta::assert_json_snapshot!("api_key_created", created.body, {
            ".api_key.id" => "[id]",
            ".api_key.created_by" => "[id]",
            ".api_key.created_at" => "[time]",
            ".api_key.prefix" => "[prefix]",
            ".secret" => "[secret]",
        });
        let secret = created.body["secret"].as_str().unwrap().to_owned();
        assert!(secret.starts_with("rtg_"));
        let id = created.body["api_key"]["id"].as_str().unwrap().to_owned();

        let me = app
            .get("/api/v1/me")
            .token(&secret)
            .send()
            .await
            .expect(200);
        assert_eq!(me.body["role"], "api");
        assert_eq!(me.body["api_key_id"], id.as_str());
        app.get("/api/v1/tenant")
            .token(&secret)
            .send()
            .await
            .expect(200);
        app.get("/api/v1/audit-events")
            .token(&secret)
            .send()
            .await
            .expect(200);
        app.patch("/api/v1/tenant")
            .token(&secret)
            .json(&json!({ "name": "Not allowed" }))
            .send()
            .await
            .problem(403, "auth/forbidden");

        let listed = app
            .get("/api/v1/api-keys")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert!(listed.body["items"][0]["last_used_at"].is_string());
        assert!(listed.body["items"][0].get("secret").is_none());

        app.delete(&format!("/api/v1/api-keys/{id}"))
            .as_(&owner)
            .send()
            .await
            .expect(204);
        app.get("/api/v1/me")
            .token(&secret)
            .send()
            .await
            .problem(401, "auth/invalid-token");
    }
);

db_test!(
    api_key_scopes_never_exceed_the_creator_and_staff_cannot_make_keys,
    |app| {
        let owner = app.signup("Bento").await;
        let reply = app
            .post("/api/v1/api-keys")
            .as_(&owner)
            .json(&json!({ "name": "x", "scopes": ["members:manage"] }))
            .send()
            .await
            .problem(422, "request/validation");
        assert_eq!(reply.error_fields(), ["scopes"]);
        app.post("/api/v1/api-keys")
            .as_(&owner)
            .json(&json!({ "name": "x", "scopes": ["everything"] }))
            .send()
            .await
            .problem(422, "request/validation");
        let staff = app.add_member(&owner, "Cris", "staff").await;
        app.post("/api/v1/api-keys")
            .as_(&staff)
            .json(&json!({ "name": "x", "scopes": ["tenant:read"] }))
            .send()
            .await
            .problem(403, "auth/forbidden");
    }
);
