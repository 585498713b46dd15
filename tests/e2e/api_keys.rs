//! API keys: shown once, within their scopes, never more than their creator holds.

use openapi::Page;
use openapi::audit::AuditEventOut;
use openapi::auth::Permission::{
    self, AuditRead, CatalogRead, ChannelsManage, MailManage, MembersManage, OrdersRead,
    OrdersWrite, TenantManage, TenantRead,
};
use openapi::auth::{ApiKeyCreatedOut, ApiKeyIn, ApiKeyOut, MeOut};
use openapi::tenancy::{MemberOut, MemberPatch, Role, TenantOut, TenantPatch};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;

fn key_in(name: &str, scopes: &[Permission]) -> ApiKeyIn {
    ApiKeyIn {
        name: name.into(),
        scopes: scopes.to_vec(),
    }
}

fn rename(name: &str) -> TenantPatch {
    TenantPatch {
        name: Some(name.into()),
        ..Default::default()
    }
}

db_test!(
    an_api_key_is_shown_once_works_within_its_scopes_and_stops_when_revoked,
    |app| {
        let owner = app.signup("Abel").await;
        let created = app
            .post("/api/v1/api-keys")
            .as_(&owner)
            .json(&key_in("ERP sync", &[TenantRead, AuditRead]))
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
        let created: ApiKeyCreatedOut = created.parse();
        let secret = created.secret;
        assert!(secret.starts_with("rtg_"));
        let id = created.api_key.id;

        let me: MeOut = app.get("/api/v1/me").token(&secret).returns(200).await;
        assert_eq!(me.role, Role::Api);
        assert_eq!(me.api_key_id, Some(id));
        app.get("/api/v1/tenant")
            .token(&secret)
            .returns::<TenantOut>(200)
            .await;
        app.get("/api/v1/audit-events")
            .token(&secret)
            .returns::<Page<AuditEventOut>>(200)
            .await;
        app.patch("/api/v1/tenant")
            .token(&secret)
            .json(&rename("Not allowed"))
            .send()
            .await
            .problem(403, "auth/forbidden");

        let listed = app
            .get("/api/v1/api-keys")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        // The secret is no field of a listed key: only the raw body can show it is absent.
        assert!(listed.body["items"][0].get("secret").is_none());
        let listed: Page<ApiKeyOut> = listed.parse();
        assert!(listed.items[0].last_used_at.is_some(), "{listed:#?}");

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
            .json(&key_in("x", &[MembersManage]))
            .send()
            .await
            .problem(422, "request/validation");
        assert_eq!(reply.error_fields(), ["scopes"]);
        app.post("/api/v1/api-keys")
            .as_(&owner)
            // No such permission: what the request type cannot hold.
            .json(&json!({ "name": "x", "scopes": ["everything"] }))
            .send()
            .await
            .problem(422, "request/validation");
        let staff = app.add_member(&owner, "Cris", "staff").await;
        app.post("/api/v1/api-keys")
            .as_(&staff)
            .json(&key_in("x", &[TenantRead]))
            .send()
            .await
            .problem(403, "auth/forbidden");
    }
);

db_test!(a_removed_members_api_keys_are_revoked_and_audited, |app| {
    let owner = app.signup("Caio").await;
    let admin = app.add_member(&owner, "Dora", "admin").await;
    let theirs = [
        create_key(&app, &admin, &[TenantRead]).await,
        create_key(&app, &admin, &[CatalogRead, OrdersRead]).await,
    ];
    let ours = create_key(&app, &owner, &[TenantRead]).await;
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
        let key = listed_key(&app, &owner, *id).await;
        assert!(key.revoked_at.is_some(), "{key:#?}");
        let revoked = audit_of(&app, &owner, *id, "api_key.revoke").await;
        assert_eq!(revoked["after"]["because"], "member.remove", "{revoked:#}");
        assert_eq!(revoked["before"]["scopes"], json!(key.scopes));
    }
    // Another member's key is not theirs to lose.
    app.get("/api/v1/tenant")
        .token(&ours.1)
        .send()
        .await
        .expect(200);
    assert!(listed_key(&app, &owner, ours.0).await.revoked_at.is_none());
});

db_test!(a_demoted_members_api_keys_are_cut_to_the_new_role, |app| {
    let owner = app.signup("Edu").await;
    let admin = app.add_member(&owner, "Fabi", "admin").await;
    let (mixed, mixed_secret) = create_key(
        &app,
        &admin,
        &[TenantRead, TenantManage, OrdersWrite, MailManage],
    )
    .await;
    let (beyond, beyond_secret) = create_key(&app, &admin, &[TenantManage, ChannelsManage]).await;
    let (within, _) = create_key(&app, &admin, &[CatalogRead]).await;
    let member = member_id(&app, &owner, &admin.email).await;
    app.patch(&format!("/api/v1/members/{member}"))
        .as_(&owner)
        .json(&MemberPatch { role: Role::Staff })
        .send()
        .await
        .expect(200);

    // Cut to what staff may do, and audited with the scopes before and after.
    let key = listed_key(&app, &owner, mixed).await;
    assert_eq!(key.scopes, [TenantRead, OrdersWrite]);
    assert!(key.revoked_at.is_none());
    let narrowed = audit_of(&app, &owner, mixed, "api_key.narrow").await;
    assert_eq!(
        narrowed["before"]["scopes"],
        json!([TenantRead, TenantManage, OrdersWrite, MailManage])
    );
    assert_eq!(narrowed["after"]["scopes"], json!(key.scopes));
    app.get("/api/v1/tenant")
        .token(&mixed_secret)
        .send()
        .await
        .expect(200);
    app.patch("/api/v1/tenant")
        .token(&mixed_secret)
        .json(&rename("Not any more"))
        .send()
        .await
        .problem(403, "auth/forbidden");

    // Nothing left: revoked.
    assert!(listed_key(&app, &owner, beyond).await.revoked_at.is_some());
    let revoked = audit_of(&app, &owner, beyond, "api_key.revoke").await;
    assert_eq!(revoked["after"]["because"], "member.role_change");
    app.get("/api/v1/tenant")
        .token(&beyond_secret)
        .send()
        .await
        .problem(401, "auth/invalid-token");

    // Within the new role: untouched.
    assert_eq!(listed_key(&app, &owner, within).await.scopes, [CatalogRead]);
    let untouched: Page<AuditEventOut> = app
        .get(&format!("/api/v1/audit-events?entity_id={within}"))
        .as_(&owner)
        .returns(200)
        .await;
    assert_eq!(untouched.items.len(), 1);
});

/// Creates a key with `scopes` as `who`: its id and secret.
async fn create_key(app: &TestApp, who: &Session, scopes: &[Permission]) -> (Uuid, String) {
    let names: Vec<&str> = scopes.iter().map(|scope| scope.as_str()).collect();
    let created: ApiKeyCreatedOut = app
        .post("/api/v1/api-keys")
        .as_(who)
        .json(&key_in(&names.join(" "), scopes))
        .returns(201)
        .await;
    (created.api_key.id, created.secret)
}

async fn member_id(app: &TestApp, owner: &Session, email: &str) -> Uuid {
    let members: Page<MemberOut> = app.get("/api/v1/members").as_(owner).returns(200).await;
    members
        .items
        .iter()
        .find(|m| m.email == email)
        .map(|m| m.id)
        .unwrap_or_else(|| panic!("{email} is not a member"))
}

/// The key as the store's list shows it.
async fn listed_key(app: &TestApp, owner: &Session, id: Uuid) -> ApiKeyOut {
    let keys: Page<ApiKeyOut> = app.get("/api/v1/api-keys").as_(owner).returns(200).await;
    keys.items
        .into_iter()
        .find(|key| key.id == id)
        .unwrap_or_else(|| panic!("no key {id}"))
}

/// The changes of the one audit entry of `action` on key `id` (they differ by action: JSON).
async fn audit_of(app: &TestApp, owner: &Session, id: Uuid, action: &str) -> Value {
    let events: Page<AuditEventOut> = app
        .get(&format!(
            "/api/v1/audit-events?entity_id={id}&action={action}"
        ))
        .as_(owner)
        .returns(200)
        .await;
    assert_eq!(events.items.len(), 1, "{events:#?}");
    events.items[0].changes.clone()
}
