use openapi::Page;
use openapi::audit::AuditEventOut;
use openapi::auth::{ApiKeyCreatedOut, ApiKeyIn, Permission};
use openapi::tenancy::TenantPatch;

use crate::db_test;

db_test!(
    every_mutation_is_audited_and_the_log_filters_and_pages,
    |app| {
        let owner = app.signup("Fausto").await;
        app.patch("/api/v1/tenant")
            .as_(&owner)
            .json(&TenantPatch {
                name: Some("Fausto & Filhos".into()),
                ..Default::default()
            })
            .send()
            .await
            .expect(200);
        let key: ApiKeyCreatedOut = app
            .post("/api/v1/api-keys")
            .as_(&owner)
            .json(&ApiKeyIn {
                name: "k".into(),
                scopes: vec![Permission::TenantRead],
            })
            .returns(201)
            .await;
        let key_id = key.api_key.id;
        app.delete(&format!("/api/v1/api-keys/{key_id}"))
            .as_(&owner)
            .send()
            .await
            .expect(204);

        let all: Page<AuditEventOut> = app
            .get("/api/v1/audit-events")
            .as_(&owner)
            .returns(200)
            .await;
        let actions: Vec<&str> = all.items.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "api_key.revoke",
                "api_key.create",
                "tenant.update",
                "tenant.create"
            ]
        );
        let update = &all.items[2];
        // What an audit entry records differs by action: the types leave it JSON.
        assert_eq!(update.changes["before"]["name"], "Loja Fausto");
        assert_eq!(update.changes["after"]["name"], "Fausto & Filhos");
        assert_eq!(update.actor_type, "user");
        assert_eq!(update.actor_id, Some(owner.user_id));
        assert!(update.request_id.is_some(), "{update:#?}");

        let filtered = app.audit_of(&owner, "api_key", key_id).await;
        assert_eq!(filtered.len(), 2);

        // Pages of one, following the cursor, give back the same four in the same order.
        let mut seen = Vec::new();
        let mut path = "/api/v1/audit-events?limit=1".to_owned();
        loop {
            let page: Page<AuditEventOut> = app.get(&path).as_(&owner).returns(200).await;
            assert_eq!(page.items.len(), 1, "{page:#?}");
            seen.push(page.items[0].action.clone());
            match page.next_cursor {
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
