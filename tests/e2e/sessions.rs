use openapi::auth::{LoginIn, MeOut, RefreshIn, TokensOut};
use openapi::tenancy::{InvitationAcceptIn, InvitationIn, Role};

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::{PASSWORD, Reply};

async fn refresh(app: &TestApp, refresh_token: &str) -> Reply {
    app.post("/api/v1/auth/refresh")
        .json(&RefreshIn {
            refresh_token: refresh_token.into(),
        })
        .send()
        .await
}

async fn me(app: &TestApp, access_token: &str) -> MeOut {
    app.get("/api/v1/me").token(access_token).returns(200).await
}

db_test!(login_returns_tokens_that_open_me, |app| {
    let owner = app.signup("Eva").await;
    let tokens: TokensOut = app.login(&owner.email, PASSWORD).await.expect(200).parse();
    assert_eq!(tokens.token_type, "Bearer");
    assert_eq!(tokens.expires_in, 900);
    let me = me(&app, &tokens.access_token).await;
    assert_eq!(me.tenant.id, owner.tenant_id);
    assert_eq!(me.memberships.len(), 1);
});

db_test!(
    login_answers_401_alike_for_a_wrong_password_and_an_unknown_email,
    |app| {
        let owner = app.signup("Fabio").await;
        let wrong = app
            .login(&owner.email, "wrong password!")
            .await
            .problem(401, "auth/invalid-credentials");
        let unknown = app
            .login("nobody@example.com", PASSWORD)
            .await
            .problem(401, "auth/invalid-credentials");
        assert_eq!(wrong.body, unknown.body);
    }
);

db_test!(repeated_failed_logins_are_limited_with_retry_after, |app| {
    let owner = app.signup("Gil").await;
    for _ in 0..10 {
        app.login(&owner.email, "wrong password!").await.expect(401);
    }
    let limited = app
        .login(&owner.email, PASSWORD)
        .await
        .problem(429, "auth/too-many-attempts");
    let retry_after: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after), "Retry-After {retry_after}");
    // Another account from the same address is not affected.
    let other = app.signup("Hugo").await;
    app.login(&other.email, PASSWORD).await.expect(200);
});

db_test!(
    refresh_rotates_and_reusing_a_spent_token_revokes_the_family,
    |app| {
        let owner = app.signup("Iris").await;
        let first: TokensOut = refresh(&app, &owner.refresh_token)
            .await
            .expect(200)
            .parse();
        let second_token = first.refresh_token;
        assert_ne!(second_token, owner.refresh_token);

        // The spent token comes back (a thief's copy): refused, and the family is revoked.
        refresh(&app, &owner.refresh_token)
            .await
            .problem(401, "auth/invalid-refresh-token");
        refresh(&app, &second_token)
            .await
            .problem(401, "auth/invalid-refresh-token");

        // A new login starts a new family that works.
        let login: TokensOut = app.login(&owner.email, PASSWORD).await.expect(200).parse();
        refresh(&app, &login.refresh_token).await.expect(200);
    }
);

db_test!(logout_ends_the_session_of_the_refresh_token, |app| {
    let owner = app.signup("Joao").await;
    app.post("/api/v1/auth/logout")
        .json(&RefreshIn {
            refresh_token: owner.refresh_token.clone(),
        })
        .send()
        .await
        .expect(204);
    refresh(&app, &owner.refresh_token)
        .await
        .problem(401, "auth/invalid-refresh-token");
});

db_test!(me_without_or_with_a_bad_token_is_401, |app| {
    let missing = app
        .get("/api/v1/me")
        .send()
        .await
        .problem(401, "auth/unauthenticated");
    assert_eq!(missing.header("www-authenticate"), Some("Bearer"));
    app.get("/api/v1/me")
        .token("not.a.jwt")
        .send()
        .await
        .problem(401, "auth/invalid-token");
    app.get("/api/v1/me")
        .token("rtg_00000000000000000000000000000000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .send()
        .await
        .problem(401, "auth/invalid-token");
});

db_test!(a_user_of_two_stores_chooses_one_at_login, |app| {
    let owner = app.signup("Kleber").await;
    let other_owner = app.signup("Lia").await;
    // Lia invites Kleber's email; he accepts while signed in to his account.
    app.post("/api/v1/invitations")
        .as_(&other_owner)
        .json(&InvitationIn {
            email: owner.email.clone(),
            role: Role::Staff,
        })
        .send()
        .await
        .expect(201);
    let token = app.invitation_token(&owner.email).await;
    app.post("/api/v1/invitations/accept")
        .as_(&owner)
        .json(&InvitationAcceptIn {
            token,
            name: None,
            password: None,
        })
        .send()
        .await
        .expect(200);
    let login: TokensOut = app
        .post("/api/v1/auth/login")
        .json(&LoginIn {
            email: owner.email.clone(),
            password: PASSWORD.into(),
            tenant_id: Some(other_owner.tenant_id),
        })
        .returns(200)
        .await;
    let me = me(&app, &login.access_token).await;
    assert_eq!(me.role, Role::Staff);
    assert_eq!(me.memberships.len(), 2);
});
