//! API keys: shown once, within their scopes, never more than their creator holds.

use serde_json::{Value, json};

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;

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

db_test!(a_removed_members_api_keys_are_revoked_and_audited, |app| {
    let owner = app.signup("Caio").await;
    let admin = app.add_member(&owner, "Dora", "admin").await;
    let theirs = [
        create_key(&app, &admin, &["tenant:read"]).await,
        create_key(&app, &admin, &["catalog:read", "orders:read"]).await,
    ];
    let ours = create_key(&app, &owner, &["tenant:read"]).await;
    let member = member_id(&app, &owner, &admin.email).await;
    app.delete(&format!("/api/v1/members/{member}"))
        .as_(&owner)
        .send()
        .await
        .expect(204);

    for (id, secret) in &theirs {
        app.get("/api/v1/tenant")
            .token(secret)
            .send()
            .await
            .problem(401, "auth/invalid-token");
        let key = listed_key(&app, &owner, id).await;
        assert!(key["revoked_at"].is_string(), "{key:#}");
        let revoked = audit_of(&app, &owner, id, "api_key.revoke").await;
        assert_eq!(revoked["after"]["because"], "member.remove", "{revoked:#}");
        assert_eq!(revoked["before"]["scopes"], key["scopes"]);
    }
    // Another member's key is not theirs to lose.
    app.get("/api/v1/tenant")
        .token(&ours.1)
        .send()
        .await
        .expect(200);
    assert!(listed_key(&app, &owner, &ours.0).await["revoked_at"].is_null());
});

db_test!(a_demoted_members_api_keys_are_cut_to_the_new_role, |app| {
    let owner = app.signup("Edu").await;
    let admin = app.add_member(&owner, "Fabi", "admin").await;
    let (mixed, mixed_secret) = create_key(
        &app,
        &admin,
        &[
            "tenant:read",
            "tenant:manage",
            "orders:write",
            "mail:manage",
        ],
    )
    .await;
    let (beyond, beyond_secret) =
        create_key(&app, &admin, &["tenant:manage", "channels:manage"]).await;
    let (within, _) = create_key(&app, &admin, &["catalog:read"]).await;
    let member = member_id(&app, &owner, &admin.email).await;
    app.patch(&format!("/api/v1/members/{member}"))
        .as_(&owner)
        .json(&json!({ "role": "staff" }))
        .send()
        .await
        .expect(200);

    // Cut to what staff may do, and audited with the scopes before and after.
    let key = listed_key(&app, &owner, &mixed).await;
    assert_eq!(key["scopes"], json!(["tenant:read", "orders:write"]));
    assert!(key["revoked_at"].is_null());
    let narrowed = audit_of(&app, &owner, &mixed, "api_key.narrow").await;
    assert_eq!(
        narrowed["before"]["scopes"],
        json!([
            "tenant:read",
            "tenant:manage",
            "orders:write",
            "mail:manage"
        ])
    );
    assert_eq!(narrowed["after"]["scopes"], key["scopes"]);
    app.get("/api/v1/tenant")
        .token(&mixed_secret)
        .send()
        .await
        .expect(200);
    app.patch("/api/v1/tenant")
        .token(&mixed_secret)
        .json(&json!({ "name": "Not any more" }))
        .send()
        .await
        .problem(403, "auth/forbidden");

    // Nothing left: revoked.
    assert!(listed_key(&app, &owner, &beyond).await["revoked_at"].is_string());
    let revoked = audit_of(&app, &owner, &beyond, "api_key.revoke").await;
    assert_eq!(revoked["after"]["because"], "member.role_change");
    app.get("/api/v1/tenant")
        .token(&beyond_secret)
        .send()
        .await
        .problem(401, "auth/invalid-token");

    // Within the new role: untouched.
    assert_eq!(
        listed_key(&app, &owner, &within).await["scopes"],
        json!(["catalog:read"])
    );
    let untouched = app
        .get(&format!("/api/v1/audit-events?entity_id={within}"))
        .as_(&owner)
        .send()
        .await
        .expect(200);
    assert_eq!(untouched.body["items"].as_array().unwrap().len(), 1);
});

/// Creates a key with `scopes` as `who`: its id and secret.
async fn create_key(app: &TestApp, who: &Session, scopes: &[&str]) -> (String, String) {
    let created = app
        .post("/api/v1/api-keys")
        .as_(who)
        .json(&json!({ "name": scopes.join(" "), "scopes": scopes }))
        .send()
        .await
        .expect(201);
    (
        created.body["api_key"]["id"].as_str().unwrap().to_owned(),
        created.body["secret"].as_str().unwrap().to_owned(),
    )
}

async fn member_id(app: &TestApp, owner: &Session, email: &str) -> String {
    let members = app.get("/api/v1/members").as_(owner).send().await;
    members.expect(200).body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == email)
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .unwrap()
}

/// The key as the store's list shows it.
async fn listed_key(app: &TestApp, owner: &Session, id: &str) -> Value {
    let keys = app.get("/api/v1/api-keys").as_(owner).send().await;
    keys.expect(200).body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|key| key["id"] == id)
        .cloned()
        .unwrap()
}

/// The changes of the one audit entry of `action` on key `id`.
async fn audit_of(app: &TestApp, owner: &Session, id: &str, action: &str) -> Value {
    let events = app
        .get(&format!(
            "/api/v1/audit-events?entity_id={id}&action={action}"
        ))
        .as_(owner)
        .send()
        .await
        .expect(200);
    let items = events.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{:#}", events.body);
    items[0]["changes"].clone()
}
