use openapi::Page;
use openapi::auth::RefreshIn;
use openapi::tenancy::{
    InvitationAcceptIn, InvitationIn, InvitationOut, MemberOut, MemberPatch, Role,
};

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::{PASSWORD, Reply, Session};

fn invitation(email: &str, role: Role) -> InvitationIn {
    InvitationIn {
        email: email.into(),
        role,
    }
}

fn acceptance(token: &str, name: Option<&str>, password: &str) -> InvitationAcceptIn {
    InvitationAcceptIn {
        token: token.into(),
        name: name.map(Into::into),
        password: Some(password.into()),
    }
}

async fn accept(app: &TestApp, acceptance: &InvitationAcceptIn) -> Reply {
    app.post("/api/v1/invitations/accept")
        .json(acceptance)
        .send()
        .await
}

async fn members(app: &TestApp, who: &Session) -> Vec<MemberOut> {
    app.get("/api/v1/members")
        .as_(who)
        .returns::<Page<MemberOut>>(200)
        .await
        .items
}

db_test!(an_invited_person_accepts_and_becomes_a_member, |app| {
    let owner = app.signup("Quito").await;
    let invited = app
        .post("/api/v1/invitations")
        .as_(&owner)
        .json(&invitation("Rita@Example.com", Role::Manager))
        .send()
        .await
        .expect(201);
    // The token goes by email only.
    assert!(invited.body.get("token").is_none());
    let invited: InvitationOut = invited.parse();
    assert_eq!(invited.status, "pending");
    assert_eq!(invited.email, "rita@example.com");
    let token = app.invitation_token("rita@example.com").await;

    // A new account needs a name, and a password that is not easy to guess.
    accept(&app, &acceptance(&token, None, PASSWORD))
        .await
        .problem(422, "request/validation");
    for weak in ["x", "1234567890", "rita@example.com"] {
        let refused = accept(&app, &acceptance(&token, Some("Rita"), weak))
            .await
            .expect(422);
        assert_eq!(refused.error_fields(), ["password"], "{weak}");
    }
    accept(&app, &acceptance(&token, Some("Rita"), PASSWORD))
        .await
        .expect(200);
    // An invitation works once.
    accept(&app, &acceptance(&token, Some("Rita"), PASSWORD))
        .await
        .problem(409, "tenancy/invitation-not-pending");

    let members = members(&app, &owner).await;
    let roles: Vec<_> = members.iter().map(|m| (m.email.as_str(), m.role)).collect();
    assert_eq!(roles[1], ("rita@example.com", Role::Manager));
    let invitations: Page<InvitationOut> = app
        .get("/api/v1/invitations")
        .as_(&owner)
        .returns(200)
        .await;
    assert_eq!(invitations.items[0].status, "accepted");
    app.login("rita@example.com", PASSWORD).await.expect(200);
});

db_test!(a_revoked_invitation_cannot_be_accepted, |app| {
    let owner = app.signup("Sara").await;
    let invited: InvitationOut = app
        .post("/api/v1/invitations")
        .as_(&owner)
        .json(&invitation("tito@example.com", Role::Staff))
        .returns(201)
        .await;
    let token = app.invitation_token("tito@example.com").await;
    app.delete(&format!("/api/v1/invitations/{}", invited.id))
        .as_(&owner)
        .send()
        .await
        .expect(204);
    accept(&app, &acceptance(&token, Some("Tito"), PASSWORD))
        .await
        .problem(409, "tenancy/invitation-not-pending");
    accept(&app, &acceptance("inv_garbage", Some("Tito"), PASSWORD))
        .await
        .problem(404, "not-found");
});

db_test!(
    roles_change_within_the_rules_and_the_last_owner_stays,
    |app| {
        let owner = app.signup("Ugo").await;
        let admin = app.add_member(&owner, "Vera", "admin").await;
        let staff = app.add_member(&owner, "Wagner", "staff").await;
        let members = members(&app, &owner).await;
        let id_of = |email: &str| {
            members
                .iter()
                .find(|m| m.email == email)
                .map(|m| m.id)
                .unwrap_or_else(|| panic!("{email} is not in {members:#?}"))
        };
        let (owner_id, staff_id) = (id_of(&owner.email), id_of(&staff.email));
        let set_role = |id, who: &Session, role, version: Option<i32>| {
            let mut call = app
                .patch(&format!("/api/v1/members/{id}"))
                .as_(who)
                .json(&MemberPatch { role });
            if let Some(version) = version {
                call = call.header("if-match", &format!("\"{version}\""));
            }
            call.send()
        };

        // Staff cannot manage members; an admin can, but not the owner role.
        set_role(staff_id, &staff, Role::Admin, None)
            .await
            .problem(403, "auth/forbidden");
        app.get("/api/v1/members")
            .as_(&staff)
            .send()
            .await
            .problem(403, "auth/forbidden");
        set_role(staff_id, &admin, Role::Owner, None)
            .await
            .problem(403, "tenancy/owner-only");
        let changed = set_role(staff_id, &admin, Role::Manager, Some(1))
            .await
            .expect(200);
        assert_eq!(changed.parse::<MemberOut>().role, Role::Manager);
        assert_eq!(changed.header("etag"), Some("\"2\""));
        set_role(staff_id, &admin, Role::Viewer, Some(1))
            .await
            .problem(412, "request/stale");
        // A changed role holds from the member's next request, with the token they have.
        app.get("/api/v1/members")
            .as_(&staff)
            .send()
            .await
            .expect(200);
        set_role(staff_id, &admin, Role::Viewer, Some(2))
            .await
            .expect(200);
        app.get("/api/v1/members")
            .as_(&staff)
            .send()
            .await
            .problem(403, "auth/forbidden");
        set_role(staff_id, &owner, Role::Api, None)
            .await
            .problem(422, "request/validation");

        // The only owner can neither step down nor be removed.
        set_role(owner_id, &owner, Role::Admin, None)
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
    let staff_id = members(&app, &owner).await[1].id;
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
        .json(&RefreshIn {
            refresh_token: staff.refresh_token.clone(),
        })
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
        .json(&invitation(&owner.email, Role::Staff))
        .send()
        .await
        .problem(409, "tenancy/already-member");
});
