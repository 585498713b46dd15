use serde_json::json;

use crate::db_test;

db_test!(
    the_same_idempotency_key_and_body_replays_the_first_response,
    |app| {
        let owner = app.signup("Ivo").await;
        let body = json!({ "name": "Once", "scopes": ["tenant:read"] });
        let first = app
            .post("/api/v1/api-keys")
            .as_(&owner)
            .header("idempotency-key", "create-once")
            .json(&body)
            .send()
            .await
            .expect(201);
        let again = app
            .post("/api/v1/api-keys")
            .as_(&owner)
            .header("idempotency-key", "create-once")
            .json(&body)
            .send()
            .await
            .expect(201);
        assert_eq!(again.body, first.body);
        assert_eq!(again.header("idempotent-replayed"), Some("true"));
        let keys = app
            .get("/api/v1/api-keys")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(keys.body["items"].as_array().unwrap().len(), 1);

        app.post("/api/v1/api-keys")
            .as_(&owner)
            .header("idempotency-key", "create-once")
            .json(&json!({ "name": "Different", "scopes": ["tenant:read"] }))
            .send()
            .await
            .problem(422, "idempotency/key-reused");

        // Keys are per caller: another member's same key is a new request.
        let admin = app.add_member(&owner, "Jade", "admin").await;
        app.post("/api/v1/api-keys")
            .as_(&admin)
            .header("idempotency-key", "create-once")
            .json(&body)
            .send()
            .await
            .expect(201);
        let keys = app
            .get("/api/v1/api-keys")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(keys.body["items"].as_array().unwrap().len(), 2);
    }
);

db_test!(
    a_failed_request_does_not_use_up_its_idempotency_key,
    |app| {
        let owner = app.signup("Lara").await;
        app.post("/api/v1/invitations")
            .as_(&owner)
            .header("idempotency-key", "invite-1")
            .json(&json!({ "email": owner.email, "role": "staff" }))
            .send()
            .await
            .problem(409, "tenancy/already-member");
        app.post("/api/v1/invitations")
            .as_(&owner)
            .header("idempotency-key", "invite-1")
            .json(&json!({ "email": "new@example.com", "role": "staff" }))
            .send()
            .await
            .expect(201);
    }
);

db_test!(a_key_older_than_a_day_is_claimed_afresh, |app| {
    let owner = app.signup("Rui").await;
    let create = |name: &'static str| {
        app.post("/api/v1/api-keys")
            .as_(&owner)
            .header("idempotency-key", "daily")
            .json(&json!({ "name": name, "scopes": ["tenant:read"] }))
    };
    create("Monday").send().await.expect(201);
    make_key_older(app.db(), "daily", 23).await;
    create("Tuesday")
        .send()
        .await
        .problem(422, "idempotency/key-reused");
    make_key_older(app.db(), "daily", 25).await;
    let fresh = create("Tuesday").send().await.expect(201);
    assert_eq!(fresh.body["api_key"]["name"], "Tuesday");
    let replayed = create("Tuesday").send().await.expect(201);
    assert_eq!(replayed.header("idempotent-replayed"), Some("true"));
    assert_eq!(replayed.body, fresh.body);
});

db_test!(
    the_sweep_forgets_every_stores_keys_older_than_a_day,
    |app| {
        let stores = [app.signup("Sara").await, app.signup("Tito").await];
        for (i, owner) in stores.iter().enumerate() {
            for key in [format!("old-{i}"), format!("new-{i}")] {
                app.post("/api/v1/api-keys")
                    .as_(owner)
                    .header("idempotency-key", &key)
                    .json(&json!({ "name": key, "scopes": ["tenant:read"] }))
                    .send()
                    .await
                    .expect(201);
            }
            make_key_older(app.db(), &format!("old-{i}"), 25).await;
        }
        let forgotten = api::idempotency::forget_expired(app.db(), chrono::Utc::now())
            .await
            .unwrap();
        assert_eq!(forgotten, 2);
        let mut left: Vec<String> = {
            use sea_orm::EntityTrait;
            entity::idempotency_key::Entity::find()
                .all(app.db())
                .await
                .unwrap()
                .into_iter()
                .map(|key| key.idempotency_key)
                .collect()
        };
        left.sort();
        assert_eq!(left, ["new-0", "new-1"]);
    }
);

/// Makes `key` as old as `hours`.
async fn make_key_older(db: &sea_orm::DatabaseConnection, key: &str, hours: i64) {
    use entity::idempotency_key::{Column, Entity};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    Entity::update_many()
        .col_expr(
            Column::CreatedAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::hours(hours)),
        )
        .filter(Column::IdempotencyKey.eq(key))
        .exec(db)
        .await
        .unwrap();
}
