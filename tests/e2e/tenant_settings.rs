use serde_json::json;

use crate::db_test;

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
            .json(
                &json!({ "name": "Mara Modas", "locale": "es", "currency": "ARS",
                       "timezone": "America/Argentina/Buenos_Aires" }),
            )
            .send()
            .await
            .expect(200);
        assert_eq!(changed.header("etag"), Some("\"2\""));
        assert_eq!(changed.body["name"], "Mara Modas");
        assert_eq!(changed.body["locale"], "es");
        assert_eq!(changed.body["currency"], "ARS");
        assert_eq!(changed.body["version"], 2);

        // A second writer still holding version 1 is refused and nothing changes.
        app.patch("/api/v1/tenant")
            .as_(&owner)
            .header("if-match", &etag)
            .json(&json!({ "name": "Lost update" }))
            .send()
            .await
            .problem(412, "request/stale");
        let after = app
            .get("/api/v1/tenant")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(after.body["name"], "Mara Modas");
    }
);

db_test!(
    tenant_settings_refuse_unknown_locales_currencies_and_time_zones,
    |app| {
        let owner = app.signup("Nina").await;
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
        .send()
        .await
        .expect(200);
    app.patch("/api/v1/tenant")
        .as_(&staff)
        .json(&json!({ "name": "Mine now" }))
        .send()
        .await
        .problem(403, "auth/forbidden");
});
