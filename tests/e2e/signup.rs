use serde_json::json;

use crate::db_test;
use crate::harness::client::PASSWORD;

db_test!(signup_returns_the_store_its_owner_and_tokens, |app| {
    let reply = app
        .post("/api/v1/signup")
        .json(&json!({
            "store_name": "Café do Porto",
            "owner_name": "Ana Souza",
            "email": "Ana@Example.com",
            "password": PASSWORD,
            "currency": "BRL",
            "locale": "pt-BR",
            "timezone": "America/Recife",
        }))
        .send()
        .await
        .expect(201);
    insta::assert_json_snapshot!("signup", reply.body, {
        ".tenant.id" => "[id]",
        ".user.id" => "[id]",
        ".tenant.created_at" => "[time]",
        ".tenant.updated_at" => "[time]",
        ".tokens.access_token" => "[jwt]",
        ".tokens.refresh_token" => "[token]",
        ".tokens.tenant_id" => "[id]",
    });
    assert_eq!(
        reply.body["tokens"]["tenant_id"],
        reply.body["tenant"]["id"]
    );
    let token = reply.body["tokens"]["access_token"].as_str().unwrap();
    let me = app.get("/api/v1/me").token(token).send().await.expect(200);
    assert_eq!(me.body["role"], "owner");
    assert_eq!(me.body["user"]["email"], "ana@example.com");
});

db_test!(
    signup_applies_defaults_for_currency_locale_and_timezone,
    |app| {
        let owner = app.signup("Bia").await;
        let tenant = app
            .get("/api/v1/tenant")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(tenant.body["currency"], "BRL");
        assert_eq!(tenant.body["locale"], "pt-BR");
        assert_eq!(tenant.body["timezone"], "America/Sao_Paulo");
    }
);

db_test!(signup_returns_409_when_the_email_is_taken, |app| {
    let owner = app.signup("Caio").await;
    app.post("/api/v1/signup")
        .json(&json!({
            "store_name": "Other",
            "owner_name": "Other",
            "email": owner.email.to_uppercase(),
            "password": PASSWORD,
        }))
        .send()
        .await
        .problem(409, "tenancy/email-taken");
});

db_test!(signup_returns_422_naming_every_invalid_field, |app| {
    let reply = app
        .post("/api/v1/signup")
        .json(&json!({
            "store_name": "",
            "owner_name": "Dora",
            "email": "not-an-email",
            "password": "short",
        }))
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(reply.error_fields(), ["email", "password", "store_name"]);

    let missing = app
        .post("/api/v1/signup")
        .json(&json!({ "store_name": "X", "owner_name": "Y", "password": PASSWORD }))
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(missing.error_fields(), ["email"]);
    assert_eq!(missing.body["errors"][0]["message"], "is required");

    let timezone = app
        .post("/api/v1/signup")
        .json(&json!({
            "store_name": "X", "owner_name": "Y", "email": "tz@example.com",
            "password": PASSWORD, "timezone": "Mars/Olympus",
        }))
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(timezone.error_fields(), ["timezone"]);
});

db_test!(signup_refuses_fields_a_client_must_not_set, |app| {
    let reply = app
        .post("/api/v1/signup")
        .json(&json!({
            "store_name": "X", "owner_name": "Y", "email": "x@example.com",
            "password": PASSWORD, "role": "owner",
        }))
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(reply.error_fields(), ["role"]);
});
