use serde_json::json;

use crate::db_test;
use crate::harness::client::PASSWORD;

db_test!(an_invited_person_accepts_and_becomes_a_member, |app| {
    let owner = app.signup("Quito").await;
    let invitation = app
        .post("/api/v1/invitations")
        .as_(&owner)
        .json(&json!({ "email": "Rita@Example.com", "role": "manager" }))
        .send()
        .await
        .expect(201);
    assert_eq!(invitation.body["status"], "pending");
    assert_eq!(invitation.body["email"], "rita@example.com");
    // The token goes by email only.
    assert!(invitation.body.get("token").is_none());
    let token = app.invitation_token("rita@example.com").await;

    // A new account needs a name, and a password that is not easy to guess.
    app.post("/api/v1/invitations/accept")
        .json(&json!({ "token": token, "password": PASSWORD }))
        .send()
        .await
        .problem(422, "request/validation");
    for weak in ["x", "1234567890", "rita@example.com"] {
        let refused = app
            .post("/api/v1/invitations/accept")
            .json(&json!({ "token": token, "name": "Rita", "password": weak }))
            .send()
            .await
            .expect(422);
        assert_eq!(refused.error_fields(), ["password"], "{weak}");
    }
    app.post("/api/v1/invitations/accept")
        .json(&json!({ "token": token, "name": "Rita", "password": PASSWORD }))
        .send()
        .await
        .expect(200);
    // An invitation works once.
    app.post("/api/v1/invitations/accept")
        .json(&json!({ "token": token, "name": "Rita", "password": PASSWORD }))
        .send()
        .await
        .problem(409, "tenancy/invitation-not-pending");

    let members = app
        .get("/api/v1/members")
        .as_(&owner)
        .send()
        .await
        .expect(200);
    let roles: Vec<_> = members.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["email"].as_str().unwrap().to_owned(),
                m["role"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        roles[1],
        ("rita@example.com".to_owned(), "manager".to_owned())
    );
    let invitations = app
        .get("/api/v1/invitations")
        .as_(&owner)
        .send()
        .await
        .expect(200);
    assert_eq!(invitations.body["items"][0]["status"], "accepted");
    app.login("rita@example.com", PASSWORD).await.expect(200);
});

db_test!(a_revoked_invitation_cannot_be_accepted, |app| {
    let owner = app.signup("Sara").await;
    let invitation = app
        .post("/api/v1/invitations")
        .as_(&owner)
        .json(&json!({ "email": "tito@example.com", "role": "staff" }))
        .send()
        .await
        .expect(201);
    let token = app.invitation_token("tito@example.com").await;
    let id = invitation.body["id"].as_str().unwrap();
    app.delete(&format!("/api/v1/invitations/{id}"))
        .as_(&owner)
        .send()
        .await
        .expect(204);
    app.post("/api/v1/invitations/accept")
        .json(&json!({ "token": token, "name": "Tito", "password": PASSWORD }))
        .send()
        .await
        .problem(409, "tenancy/invitation-not-pending");
    app.post("/api/v1/invitations/accept")
        .json(&json!({ "token": "inv_garbage", "name": "Tito", "password": PASSWORD }))
        .send()
        .await
        .problem(404, "not-found");
});

db_test!(
    roles_change_within_the_rules_and_the_last_owner_stays,
    |app| {
        let owner = app.signup("Ugo").await;
        let admin = app.add_member(&owner, "Vera", "admin").await;
        let staff = app.add_member(&owner, "Wagner", "staff").await;
        let members = app
            .get("/api/v1/members")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        let id_of = |email: &str| {
            members.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["email"] == email)
                .map(|m| m["id"].as_str().unwrap().to_owned())
                .unwrap()
        };
        let (owner_id, staff_id) = (id_of(&owner.email), id_of(&staff.email));

        // Staff cannot manage members; an admin can, but not the owner role.
        app.patch(&format!("/api/v1/members/{staff_id}"))
            .as_(&staff)
            .json(&json!({ "role": "admin" }))
            .send()
            .await
            .problem(403, "auth/forbidden");
        app.get("/api/v1/members")
            .as_(&staff)
            .send()
            .await
            .problem(403, "auth/forbidden");
        app.patch(&format!("/api/v1/members/{staff_id}"))
            .as_(&admin)
            .json(&json!({ "role": "owner" }))
            .send()
            .await
            .problem(403, "tenancy/owner-only");
        let changed = app
            .patch(&format!("/api/v1/members/{staff_id}"))
            .as_(&admin)
            .header("if-match", "\"1\"")
            .json(&json!({ "role": "manager" }))
            .send()
            .await
            .expect(200);
        assert_eq!(changed.body["role"], "manager");
        assert_eq!(changed.header("etag"), Some("\"2\""));
        app.patch(&format!("/api/v1/members/{staff_id}"))
            .as_(&admin)
            .header("if-match", "\"1\"")
            .json(&json!({ "role": "viewer" }))
            .send()
            .await
            .problem(412, "request/stale");
        // A changed role holds from the member's next request, with the token they have.
        app.get("/api/v1/members")
            .as_(&staff)
            .send()
            .await
            .expect(200);
        app.patch(&format!("/api/v1/members/{staff_id}"))
            .as_(&admin)
            .header("if-match", "\"2\"")
            .json(&json!({ "role": "viewer" }))
            .send()
            .await
            .expect(200);
        app.get("/api/v1/members")
            .as_(&staff)
            .send()
            .await
            .problem(403, "auth/forbidden");
        app.patch(&format!("/api/v1/members/{staff_id}"))
            .as_(&owner)
            .json(&json!({ "role": "api" }))
            .send()
            .await
            .problem(422, "request/validation");

        // The only owner can neither step down nor be removed.
        app.patch(&format!("/api/v1/members/{owner_id}"))
            .as_(&owner)
            .json(&json!({ "role": "admin" }))
            .send()
            .await
            .problem(409, "tenancy/last-owner");
        app.delete(&format!("/api/v1/members/{owner_id}"))
            .as_(&owner)
            .send()
            .await
            .problem(409, "tenancy/last-owner");
    }
);

db_test!(a_removed_member_loses_access_at_once, |app| {
    let owner = app.signup("Xena").await;
    let staff = app.add_member(&owner, "Yuri", "staff").await;
    let members = app
        .get("/api/v1/members")
        .as_(&owner)
        .send()
        .await
        .expect(200);
    let staff_id = members.body["items"][1]["id"].as_str().unwrap().to_owned();
    app.delete(&format!("/api/v1/members/{staff_id}"))
        .as_(&owner)
        .send()
        .await
        .expect(204);
    app.get("/api/v1/me")
        .as_(&staff)
        .send()
        .await
        .problem(401, "auth/invalid-token");
    app.post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": staff.refresh_token }))
        .send()
        .await
        .problem(401, "auth/invalid-refresh-token");
    app.login(&staff.email, PASSWORD)
        .await
        .problem(401, "auth/not-a-member");
});

db_test!(inviting_a_member_again_is_409, |app| {
    let owner = app.signup("Zeca").await;
    app.post("/api/v1/invitations")
        .as_(&owner)
        .json(&json!({ "email": owner.email, "role": "staff" }))
        .send()
        .await
        .problem(409, "tenancy/already-member");
});
