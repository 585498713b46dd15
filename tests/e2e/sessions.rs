use serde_json::json;

use crate::db_test;
use crate::harness::client::PASSWORD;

db_test!(login_returns_tokens_that_open_me, |app| {
    let owner = app.signup("Eva").await;
    let tokens = app.login(&owner.email, PASSWORD).await.expect(200);
    assert_eq!(tokens.body["token_type"], "Bearer");
    assert_eq!(tokens.body["expires_in"], 900);
    let me = app
        .get("/api/v1/me")
        .token(tokens.body["access_token"].as_str().unwrap())
        .send()
        .await
        .expect(200);
    assert_eq!(me.body["tenant"]["id"], owner.tenant_id.to_string());
    assert_eq!(me.body["memberships"].as_array().unwrap().len(), 1);
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
        let first = app
            .post("/api/v1/auth/refresh")
            .json(&json!({ "refresh_token": owner.refresh_token }))
            .send()
            .await
            .expect(200);
        let second_token = first.body["refresh_token"].as_str().unwrap().to_owned();
        assert_ne!(second_token, owner.refresh_token);

        // The spent token comes back (a thief's copy): refused, and the family is revoked.
        app.post("/api/v1/auth/refresh")
            .json(&json!({ "refresh_token": owner.refresh_token }))
            .send()
            .await
            .problem(401, "auth/invalid-refresh-token");
        app.post("/api/v1/auth/refresh")
            .json(&json!({ "refresh_token": second_token }))
            .send()
            .await
            .problem(401, "auth/invalid-refresh-token");

        // A new login starts a new family that works.
        let login = app.login(&owner.email, PASSWORD).await.expect(200);
        app.post("/api/v1/auth/refresh")
            .json(&json!({ "refresh_token": login.body["refresh_token"] }))
            .send()
            .await
            .expect(200);
    }
);

db_test!(logout_ends_the_session_of_the_refresh_token, |app| {
    let owner = app.signup("Joao").await;
    app.post("/api/v1/auth/logout")
        .json(&json!({ "refresh_token": owner.refresh_token }))
        .send()
        .await
        .expect(204);
    app.post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": owner.refresh_token }))
        .send()
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
        .json(&json!({ "email": owner.email, "role": "staff" }))
        .send()
        .await
        .expect(201);
    let token = app.invitation_token(&owner.email).await;
    app.post("/api/v1/invitations/accept")
        .as_(&owner)
        .json(&json!({ "token": token }))
        .send()
        .await
        .expect(200);
    let login = app
        .post("/api/v1/auth/login")
        .json(&json!({
            "email": owner.email, "password": PASSWORD,
            "tenant_id": other_owner.tenant_id,
        }))
        .send()
        .await
        .expect(200);
    let me = app
        .get("/api/v1/me")
        .token(login.body["access_token"].as_str().unwrap())
        .send()
        .await
        .expect(200);
    assert_eq!(me.body["role"], "staff");
    assert_eq!(me.body["memberships"].as_array().unwrap().len(), 2);
});
