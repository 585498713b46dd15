use openapi::tenancy::{Currency, Locale, TenantOut, TenantPatch};
use serde_json::json;

use crate::db_test;

fn rename(name: &str) -> TenantPatch {
    TenantPatch {
        name: Some(name.into()),
        ..Default::default()
    }
}

db_test!(
    tenant_settings_change_with_if_match_and_412_when_stale,
    |app| {
        let owner = app.signup("Mara").await;
        let read = app
            .get("/api/v1/tenant")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        let etag = read.header("etag").unwrap().to_owned();
        assert_eq!(etag, "\"1\"");

        let changed = app
            .patch("/api/v1/tenant")
            .as_(&owner)
            .header("if-match", &etag)
            .json(&TenantPatch {
                name: Some("Mara Modas".into()),
                locale: Some(Locale::Es),
                currency: Some(Currency::ARS),
                timezone: Some("America/Argentina/Buenos_Aires".into()),
            })
            .send()
            .await
            .expect(200);
        assert_eq!(changed.header("etag"), Some("\"2\""));
        let changed: TenantOut = changed.parse();
        assert_eq!(changed.name, "Mara Modas");
        assert_eq!(changed.locale, Locale::Es);
        assert_eq!(changed.currency, Currency::ARS);
        assert_eq!(changed.version, 2);

        // A second writer still holding version 1 is refused and nothing changes.
        app.patch("/api/v1/tenant")
            .as_(&owner)
            .header("if-match", &etag)
            .json(&rename("Lost update"))
            .send()
            .await
            .problem(412, "request/stale");
        let after: TenantOut = app.get("/api/v1/tenant").as_(&owner).returns(200).await;
        assert_eq!(after.name, "Mara Modas");
    }
);

db_test!(
    tenant_settings_refuse_unknown_locales_currencies_and_time_zones,
    |app| {
        let owner = app.signup("Nina").await;
        // Locales, currencies and zones the types would not let us send, and an empty name.
        for (body, field) in [
            (json!({ "locale": "fr" }), "locale"),
            (json!({ "currency": "BTC" }), "currency"),
            (json!({ "timezone": "Nowhere/City" }), "timezone"),
            (json!({ "name": "" }), "name"),
        ] {
            let reply = app
                .patch("/api/v1/tenant")
                .as_(&owner)
                .json(&body)
                .send()
                .await
                .problem(422, "request/validation");
            assert_eq!(reply.error_fields(), [field], "{body}");
        }
    }
);

db_test!(only_owners_and_admins_change_settings, |app| {
    let owner = app.signup("Otto").await;
    let staff = app.add_member(&owner, "Paula", "staff").await;
    app.get("/api/v1/tenant")
        .as_(&staff)
        .returns::<TenantOut>(200)
        .await;
    app.patch("/api/v1/tenant")
        .as_(&staff)
        .json(&rename("Mine now"))
        .send()
        .await
        .problem(403, "auth/forbidden");
});
