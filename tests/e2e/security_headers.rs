//! One set of security headers on every response: the API (tokens, errors), the docs, the
//! spec, the web app and its assets; HSTS only behind an https public URL.

use openapi::auth::{ApiKeyIn, Permission, RefreshIn, SignupOut, TokensOut};
use openapi::tenancy::{InvitationAcceptIn, InvitationIn, Role};
use reqwest::header::HeaderMap;
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::PASSWORD;
use crate::harness::fixtures::{login_in, signup_in};

/// Writes a built web app into the test's data folder and serves it.
fn with_web_app(config: &mut api::config::Config) {
    let dist = config.data_dir.join("dist");
    std::fs::create_dir_all(dist.join("assets")).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>R</title>").unwrap();
    std::fs::write(dist.join("assets/app-0123.js"), "export default 1;").unwrap();
    config.web_dir = dist;
}

#[track_caller]
fn assert_secure(what: &str, headers: &HeaderMap, cache: &str, hsts: bool) {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    assert_eq!(header("x-content-type-options"), Some("nosniff"), "{what}");
    assert_eq!(header("referrer-policy"), Some("no-referrer"), "{what}");
    assert_eq!(header("x-frame-options"), Some("DENY"), "{what}");
    let csp = header("content-security-policy").unwrap_or_default();
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert_eq!(header("cache-control"), Some(cache), "{what}");
    let expected_hsts = hsts.then_some("max-age=31536000; includeSubDomains");
    assert_eq!(header("strict-transport-security"), expected_hsts, "{what}");
}

async fn get(app: &TestApp, path: &str) -> (u16, HeaderMap) {
    let reply = app
        .http
        .get(format!("{}{path}", app.address))
        .send()
        .await
        .unwrap();
    (reply.status().as_u16(), reply.headers().clone())
}

/// Every route that is not the web app's: no store, whatever the route and its status.
async fn assert_pages_and_errors(app: &TestApp, hsts: bool) {
    for (path, status) in [
        ("/docs/", 200),
        ("/docs", 308),
        ("/api/v1/openapi.json", 200),
        ("/api/v1/me", 401),
        ("/api/v1/nothing-here", 404),
        ("/assets/app-9999.js", 404),
        ("/health/live", 200),
    ] {
        let (got, headers) = get(app, path).await;
        assert_eq!(got, status, "{path}");
        assert_secure(path, &headers, "no-store", hsts);
    }
    let refused = app
        .call(reqwest::Method::PUT, "/api/v1/auth/login")
        .send()
        .await;
    assert_eq!(refused.status, 405);
    assert_secure("PUT /auth/login", &refused.headers, "no-store", hsts);
}

/// Every response that carries a token or a secret is `no-store`: signup, login, refresh, the
/// browser's login, a new API key, an accepted invitation.
async fn assert_secrets_are_not_stored(app: &TestApp) {
    let email = format!("ana@{}.example", Uuid::new_v4().simple());
    let signup = app
        .post("/api/v1/signup")
        .json(&signup_in("Loja Ana", "Ana", &email, PASSWORD))
        .send()
        .await
        .expect(201);
    assert_secure("signup", &signup.headers, "no-store", false);
    let token = signup.parse::<SignupOut>().tokens.access_token;
    let login = app.login(&email, PASSWORD).await.expect(200);
    assert_secure("login", &login.headers, "no-store", false);
    let refresh = app
        .post("/api/v1/auth/refresh")
        .json(&RefreshIn {
            refresh_token: login.parse::<TokensOut>().refresh_token,
        })
        .send()
        .await
        .expect(200);
    assert_secure("refresh", &refresh.headers, "no-store", false);
    let browser = app
        .post("/api/v1/auth/browser/login")
        .json(&login_in(&email, PASSWORD))
        .send()
        .await
        .expect(200);
    assert_secure("browser login", &browser.headers, "no-store", false);
    let key = app
        .post("/api/v1/api-keys")
        .token(&token)
        .json(&ApiKeyIn {
            name: "ERP".into(),
            scopes: vec![Permission::TenantRead],
        })
        .send()
        .await
        .expect(201);
    assert_secure("API key", &key.headers, "no-store", false);
    app.post("/api/v1/invitations")
        .token(&token)
        .json(&InvitationIn {
            email: "bia@example.com".into(),
            role: Role::Staff,
        })
        .send()
        .await
        .expect(201);
    let invitation_token = app.invitation_token("bia@example.com").await;
    let accepted = app
        .post("/api/v1/invitations/accept")
        .json(&InvitationAcceptIn {
            token: invitation_token,
            name: Some("Bia".into()),
            password: Some(PASSWORD.into()),
        })
        .send()
        .await
        .expect(200);
    assert_secure("invitation accept", &accepted.headers, "no-store", false);
}

db_test!(
    every_response_carries_the_security_headers,
    configured(|config| {
        with_web_app(config);
    }),
    |app| {
        assert_pages_and_errors(&app, false).await;
        // The web app keeps its own cache policy and its full CSP.
        let (status, index) = get(&app, "/orders").await;
        assert_eq!(status, 200);
        assert_secure("index", &index, "no-cache", false);
        assert!(
            index["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("script-src")
        );
        let (status, asset) = get(&app, "/assets/app-0123.js").await;
        assert_eq!(status, 200);
        assert_secure(
            "asset",
            &asset,
            "public, max-age=31536000, immutable",
            false,
        );

        // Every response that carries a token or a secret.
        assert_secrets_are_not_stored(&app).await;
    }
);

db_test!(
    hsts_is_sent_when_the_public_url_is_https,
    configured(|config| {
        with_web_app(config);
        config.mail.public_url = "https://retaguarda.example".into();
    }),
    |app| {
        assert_pages_and_errors(&app, true).await;
        let (_, index) = get(&app, "/").await;
        assert_secure("index", &index, "no-cache", true);
    }
);
