use openapi::auth::{MeOut, SignupIn, SignupOut};
use openapi::tenancy::{Currency, Locale, Role, TenantOut};
use serde_json::json;

use crate::db_test;
use crate::harness::client::PASSWORD;
use crate::harness::fixtures::signup_in;

db_test!(signup_returns_the_store_its_owner_and_tokens, |app| {
    let reply = app
        .post("/api/v1/signup")
        .json(&SignupIn {
            currency: Some(Currency::BRL),
            locale: Some(Locale::PtBr),
            timezone: Some("America/Recife".into()),
            ..signup_in("Café do Porto", "Ana Souza", "Ana@Example.com", PASSWORD)
        })
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
    let out: SignupOut = reply.parse();
    assert_eq!(out.tokens.tenant_id, out.tenant.id);
    let me: MeOut = app
        .get("/api/v1/me")
        .token(&out.tokens.access_token)
        .returns(200)
        .await;
    assert_eq!(me.role, Role::Owner);
    assert_eq!(
        me.user.map(|user| user.email).as_deref(),
        Some("ana@example.com")
    );
});

db_test!(
    signup_applies_defaults_for_currency_locale_and_timezone,
    |app| {
        let owner = app.signup("Bia").await;
        let tenant: TenantOut = app.get("/api/v1/tenant").as_(&owner).returns(200).await;
        assert_eq!(tenant.currency, Currency::BRL);
        assert_eq!(tenant.locale, Locale::PtBr);
        assert_eq!(tenant.timezone, "America/Sao_Paulo");
    }
);

db_test!(signup_returns_409_when_the_email_is_taken, |app| {
    let owner = app.signup("Caio").await;
    app.post("/api/v1/signup")
        .json(&signup_in(
            "Other",
            "Other",
            &owner.email.to_uppercase(),
            PASSWORD,
        ))
        .send()
        .await
        .problem(409, "tenancy/email-taken");
});

db_test!(signup_returns_422_naming_every_invalid_field, |app| {
    let reply = app
        .post("/api/v1/signup")
        .json(&signup_in("", "Dora", "not-an-email", "short"))
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(reply.error_fields(), ["email", "password", "store_name"]);

    // No email: what the request type cannot leave out.
    let missing = app
        .post("/api/v1/signup")
        .json(&json!({ "store_name": "X", "owner_name": "Y", "password": PASSWORD }))
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(missing.error_fields(), ["email"]);
    assert_eq!(missing.problem_doc().errors[0].message, "is required");

    let timezone = app
        .post("/api/v1/signup")
        .json(&SignupIn {
            timezone: Some("Mars/Olympus".into()),
            ..signup_in("X", "Y", "tz@example.com", PASSWORD)
        })
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(timezone.error_fields(), ["timezone"]);
});

db_test!(signup_refuses_fields_a_client_must_not_set, |app| {
    // A field the request type does not have.
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
