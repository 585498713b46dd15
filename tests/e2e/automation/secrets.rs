//! An endpoint's secret: shown once, kept sealed, never in a read, a log or the audit trail;
//! its signatures verify with the Standard Webhooks reference library, and a rotation signs
//! with both secrets for 24 hours.

use api::automation::service::{endpoint, signature};
use api::sealed::Sealer;
use chrono::{Duration, Utc};
use entity::webhook_endpoint;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::verifier::verifies;
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::shop::open_shop;
use crate::modules::automation::PUBLIC_URL;

async fn stored(app: &TestApp, id: &str) -> webhook_endpoint::Model {
    let id = Uuid::parse_str(id).unwrap();
    webhook_endpoint::Entity::find()
        .filter(webhook_endpoint::Column::Id.eq(id))
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
}

db_test!(an_endpoints_secret_is_shown_once_and_kept_sealed, |app| {
    let shop = open_shop(&app, "Loja Ganchos").await;
    let body =
        json!({ "url": PUBLIC_URL, "events": ["order.paid", "invoice.*"], "enabled": false });
    let made = app
        .post("/api/v1/automation/webhooks")
        .as_(&shop.owner)
        .header("Idempotency-Key", "hook-1")
        .json(&body)
        .send()
        .await
        .expect(201);
    let secret = made.body["secret"].as_str().unwrap().to_owned();
    assert!(
        secret.starts_with("whsec_") && secret.len() > 40,
        "{secret}"
    );
    let id = made.body["endpoint"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        made.body["endpoint"]["events"],
        json!(["invoice.*", "order.paid"])
    );

    // Not in a read, nor in a retry of the request that made it.
    let read = app
        .get(&format!("/api/v1/automation/webhooks/{id}"))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert!(!read.body.to_string().contains("whsec_"), "{:#}", read.body);
    app.post("/api/v1/automation/webhooks")
        .as_(&shop.owner)
        .header("Idempotency-Key", "hook-1")
        .json(&body)
        .send()
        .await
        .problem(409, "idempotency/secret-not-replayed");

    // The database holds it sealed; the audit trail never holds it.
    let row = stored(&app, &id).await;
    let key = secret.trim_start_matches("whsec_");
    assert!(!row.secret_sealed.contains(key), "{}", row.secret_sealed);
    let audit = app
        .get("/api/v1/audit-events?entity_type=webhook_endpoint")
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(audit.body["items"].as_array().unwrap().len(), 1);
    assert!(!audit.body.to_string().contains(key));
    assert!(!audit.body.to_string().contains(&row.secret_sealed));

    // The server opens it (to sign) with its own key only.
    let sealer = Sealer::new(&app.config().jwt_secret);
    let in_force = endpoint::secrets_in_force(&sealer, &row, Utc::now()).unwrap();
    assert_eq!(in_force, vec![secret]);
    let stranger = Sealer::new(b"another deployment's secret, long enough");
    assert!(endpoint::secrets_in_force(&stranger, &row, Utc::now()).is_err());
});

db_test!(
    signatures_verify_with_the_reference_library_across_a_rotation,
    |app| {
        let shop = open_shop(&app, "Loja Rotacao").await;
        let made = app
            .post("/api/v1/automation/webhooks")
            .as_(&shop.owner)
            .json(&json!({ "url": PUBLIC_URL, "events": ["*"], "enabled": false }))
            .send()
            .await
            .expect(201);
        let old = made.body["secret"].as_str().unwrap().to_owned();
        let id = made.body["endpoint"]["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/automation/webhooks/{id}/rotate-secret");
        app.post(&path)
            .as_(&shop.owner)
            .header("If-Match", "\"7\"")
            .send()
            .await
            .problem(412, "request/stale");
        let rotated = app
            .post(&path)
            .as_(&shop.owner)
            .header("If-Match", "\"1\"")
            .send()
            .await
            .expect(200);
        let new = rotated.body["secret"].as_str().unwrap().to_owned();
        assert_ne!(new, old);
        let until: chrono::DateTime<Utc> =
            serde_json::from_value(rotated.body["previous_valid_until"].clone()).unwrap();
        let grace = until - Utc::now();
        assert!(
            grace > Duration::hours(23) && grace <= Duration::hours(24),
            "{grace}"
        );
        assert_eq!(rotated.body["endpoint"]["version"], 2);

        // What a delivery would carry now: signed with both; each secret verifies on its own.
        let row = stored(&app, &id).await;
        let sealer = Sealer::new(&app.config().jwt_secret);
        let now = Utc::now();
        let secrets = endpoint::secrets_in_force(&sealer, &row, now).unwrap();
        assert_eq!(secrets, vec![new.clone(), old.clone()]);
        let body = r##"{"type":"order.paid","version":1,"data":{"número":"#1042"}}"##;
        let (msg, at) = ("msg_0196f5a0-0000-7000-8000-000000000001", now.timestamp());
        let header = signature::header(&secrets, msg, at, body.as_bytes()).unwrap();
        assert!(verifies(&new, msg, at, &header, body));
        assert!(verifies(&old, msg, at, &header, body));
        let stranger = signature::new_secret().unwrap();
        assert!(!verifies(&stranger, msg, at, &header, body));
        let tampered = body.replace("1042", "1043");
        assert!(!verifies(&new, msg, at, &header, &tampered));

        // After the grace, only the new secret signs.
        let later = until + Duration::seconds(1);
        let secrets = endpoint::secrets_in_force(&sealer, &row, later).unwrap();
        assert_eq!(secrets, vec![new]);
    }
);
