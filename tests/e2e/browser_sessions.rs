//! The browser mode of sessions: the refresh token only in an HttpOnly cookie, CSRF-checked.

use serde_json::json;

use crate::db_test;

fn cookie_of(reply: &crate::harness::client::Reply) -> String {
    let header = reply.header("set-cookie").unwrap_or_default().to_owned();
    for attribute in [
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        "Path=/api/v1/auth/browser",
    ] {
        assert!(
            header.contains(attribute),
            "{attribute} missing in {header}"
        );
    }
    header.split(';').next().unwrap_or_default().to_owned()
}

db_test!(a_browser_session_lives_in_an_httponly_cookie, |app| {
    let owner = app.signup("Cecilia").await;
    let login = app
        .post("/api/v1/auth/browser/login")
        .json(&json!({ "email": owner.email, "password": crate::harness::client::PASSWORD }))
        .send()
        .await
        .expect(200);
    assert!(
        login.body.get("refresh_token").is_none(),
        "{:#}",
        login.body
    );
    assert!(login.body["access_token"].is_string());
    let first = cookie_of(&login);

    // Without the CSRF header a cookie alone does nothing.
    app.post("/api/v1/auth/browser/refresh")
        .header("cookie", &first)
        .send()
        .await
        .problem(403, "auth/csrf");
    let refreshed = app
        .post("/api/v1/auth/browser/refresh")
        .header("cookie", &first)
        .header("x-requested-with", "retaguarda")
        .send()
        .await
        .expect(200);
    let second = cookie_of(&refreshed);
    assert_ne!(first, second);
    app.get("/api/v1/me")
        .token(refreshed.body["access_token"].as_str().unwrap())
        .send()
        .await
        .expect(200);
    // The first cookie was spent: using it again ends the whole session.
    app.post("/api/v1/auth/browser/refresh")
        .header("cookie", &first)
        .header("x-requested-with", "retaguarda")
        .send()
        .await
        .problem(401, "auth/invalid-refresh-token");
    app.post("/api/v1/auth/browser/refresh")
        .header("cookie", &second)
        .header("x-requested-with", "retaguarda")
        .send()
        .await
        .problem(401, "auth/invalid-refresh-token");
    // Without any cookie: 401; logout clears the cookie.
    app.post("/api/v1/auth/browser/refresh")
        .header("x-requested-with", "retaguarda")
        .send()
        .await
        .problem(401, "auth/invalid-refresh-token");
    let out = app
        .post("/api/v1/auth/browser/logout")
        .header("cookie", &second)
        .header("x-requested-with", "retaguarda")
        .send()
        .await
        .expect(204);
    assert!(
        out.header("set-cookie")
            .unwrap_or_default()
            .contains("Max-Age=0")
    );
});

db_test!(
    an_invitation_accepted_in_a_browser_signs_in_with_the_cookie,
    |app| {
        let owner = app.signup("Teodoro").await;
        app.post("/api/v1/invitations")
            .as_(&owner)
            .json(&json!({ "email": "ines@teodoro.example.com", "role": "staff" }))
            .send()
            .await
            .expect(201);
        let token = app.invitation_token("ines@teodoro.example.com").await;
        // A wrong token is a problem, not a session.
        app.post("/api/v1/auth/browser/invitations/accept")
        .json(&json!({ "token": format!("{token}x"), "name": "Inês", "password": "a long password" }))
        .send()
        .await
        .problem(404, "not-found");
        let accepted = app
            .post("/api/v1/auth/browser/invitations/accept")
            .json(&json!({ "token": token, "name": "Inês", "password": "a long password" }))
            .send()
            .await
            .expect(200);
        assert!(
            accepted.body.get("refresh_token").is_none(),
            "{:#}",
            accepted.body
        );
        let cookie = cookie_of(&accepted);
        let me = app
            .get("/api/v1/me")
            .token(accepted.body["access_token"].as_str().unwrap())
            .send()
            .await
            .expect(200);
        assert_eq!(me.body["role"], "staff");
        app.post("/api/v1/auth/browser/refresh")
            .header("cookie", &cookie)
            .header("x-requested-with", "retaguarda")
            .send()
            .await
            .expect(200);
        // An invitation is accepted once.
        app.post("/api/v1/auth/browser/invitations/accept")
            .json(&json!({ "token": token, "name": "Inês", "password": "a long password" }))
            .send()
            .await
            .problem(409, "tenancy/invitation-not-pending");
    }
);
