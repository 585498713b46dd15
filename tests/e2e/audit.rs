use serde_json::json;

use crate::db_test;

db_test!(
    every_mutation_is_audited_and_the_log_filters_and_pages,
    |app| {
        let owner = app.signup("Fausto").await;
        app.patch("/api/v1/tenant")
            .as_(&owner)
            .json(&json!({ "name": "Fausto & Filhos" }))
            .send()
            .await
            .expect(200);
        let key = app
            .post("/api/v1/api-keys")
            .as_(&owner)
            .json(&json!({ "name": "k", "scopes": ["tenant:read"] }))
            .send()
            .await
            .expect(201);
        let key_id = key.body["api_key"]["id"].as_str().unwrap().to_owned();
        app.delete(&format!("/api/v1/api-keys/{key_id}"))
            .as_(&owner)
            .send()
            .await
            .expect(204);

        let all = app
            .get("/api/v1/audit-events")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        let actions: Vec<&str> = all.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(
            actions,
            [
                "api_key.revoke",
                "api_key.create",
                "tenant.update",
                "tenant.create"
            ]
        );
        let update = &all.body["items"][2];
        assert_eq!(update["changes"]["before"]["name"], "Loja Fausto");
        assert_eq!(update["changes"]["after"]["name"], "Fausto & Filhos");
        assert_eq!(update["actor_type"], "user");
        assert_eq!(update["actor_id"], owner.user_id.to_string());
        assert!(update["request_id"].is_string());

        let filtered = app
            .get(&format!(
                "/api/v1/audit-events?entity_type=api_key&entity_id={key_id}"
            ))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(filtered.body["items"].as_array().unwrap().len(), 2);

        // Pages of one, following the cursor, give back the same four in the same order.
        let mut seen = Vec::new();
        let mut path = "/api/v1/audit-events?limit=1".to_owned();
        loop {
            let page = app.get(&path).as_(&owner).send().await.expect(200);
            seen.push(page.body["items"][0]["action"].as_str().unwrap().to_owned());
            match page.body["next_cursor"].as_str() {
                Some(cursor) => path = format!("/api/v1/audit-events?limit=1&cursor={cursor}"),
                None => break,
            }
        }
        assert_eq!(seen, actions);
    }
);

db_test!(
    the_audit_log_is_for_managers_and_up_and_validates_its_filters,
    |app| {
        let owner = app.signup("Gaia").await;
        let viewer = app.add_member(&owner, "Heitor", "viewer").await;
        app.get("/api/v1/audit-events")
            .as_(&viewer)
            .send()
            .await
            .problem(403, "auth/forbidden");
        for (query, field) in [
            ("limit=0", "limit"),
            ("limit=201", "limit"),
            ("cursor=nonsense!", "cursor"),
            ("since=yesterday", "since"),
            ("entity_id=12", "entity_id"),
            ("colour=blue", "colour"),
        ] {
            let reply = app
                .get(&format!("/api/v1/audit-events?{query}"))
                .as_(&owner)
                .send()
                .await
                .problem(422, "request/validation");
            assert_eq!(reply.error_fields(), [field], "{query}");
        }
    }
);
