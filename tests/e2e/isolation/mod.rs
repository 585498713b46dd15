//! One tenant never sees or changes another's data: every id of tenant A is a 404 for B
//! (`every_route`, walking the OpenAPI document), B's lists hold none of A's rows, and a tenant
//! transaction leaves nothing of its scope on its connection.

mod body_ids;
mod every_route;
pub mod fixtures;
mod query_ids;
pub mod spec;
mod store;

use serde_json::json;

use crate::db_test;
use crate::harness::Backend;

db_test!(
    another_stores_lists_and_audit_log_hold_none_of_a_stores_rows,
    |app| {
        let a = app.signup("Alfa").await;
        let b = app.signup("Beta").await;
        let a_staff = app.add_member(&a, "Alfa Staff", "staff").await;
        let a_key = app
            .post("/api/v1/api-keys")
            .as_(&a)
            .json(&json!({ "name": "A key", "scopes": ["tenant:read"] }))
            .send()
            .await
            .expect(201);
        app.post("/api/v1/invitations")
            .as_(&a)
            .json(&json!({ "email": "later@example.com", "role": "viewer" }))
            .send()
            .await
            .expect(201);

        // B's lists hold only B's rows; A's rows are untouched.
        let b_members = app.get("/api/v1/members").as_(&b).send().await.expect(200);
        assert_eq!(b_members.body["items"].as_array().unwrap().len(), 1);
        for list in ["/api/v1/api-keys", "/api/v1/invitations"] {
            let reply = app.get(list).as_(&b).send().await.expect(200);
            assert_eq!(reply.body["items"], json!([]), "{list}");
        }
        let b_audit = app
            .get("/api/v1/audit-events?limit=200")
            .as_(&b)
            .send()
            .await
            .expect(200);
        assert!(
            b_audit.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["actor_id"] == b.user_id.to_string()),
            "{:#}",
            b_audit.body
        );
        app.get("/api/v1/me").as_(&a_staff).send().await.expect(200);
        app.get("/api/v1/me")
            .token(a_key.body["secret"].as_str().unwrap())
            .send()
            .await
            .expect(200);
        let a_tenant = app.get("/api/v1/tenant").as_(&b).send().await.expect(200);
        assert_eq!(a_tenant.body["id"], b.tenant_id.to_string());
    }
);

db_test!(a_token_of_one_store_cannot_be_pointed_at_another, |app| {
    let a = app.signup("Gama").await;
    let b = app.signup("Delta").await;
    // Logging in to a store one is not a member of is refused.
    app.post("/api/v1/auth/login")
        .json(
            &json!({ "email": a.email, "password": crate::harness::client::PASSWORD,
                       "tenant_id": b.tenant_id }),
        )
        .send()
        .await
        .problem(401, "auth/not-a-member");
});

db_test!(
    a_tenant_transaction_ended_or_cancelled_leaves_neither_role_nor_tenant_on_its_connection,
    |app| {
        if app.backend != Backend::Postgres {
            return app.shutdown().await;
        }
        let a = app.signup("Zeta").await;
        // A pool of one connection: the next transaction gets the same one.
        let options = app.db().get_postgres_connection_pool().connect_options();
        let pool = sea_orm::sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect_with((*options).clone())
            .await
            .unwrap();
        let single = sea_orm::SqlxPostgresConnector::from_sqlx_postgres_pool(pool);
        for commit in [true, false] {
            let scoped = api::db::begin_tenant(&single, a.tenant_id.into(), api::db::Access::Write)
                .await
                .unwrap();
            assert_eq!(
                role_and_tenant(&scoped).await,
                (migration::rls::APP_ROLE.to_owned(), a.tenant_id.to_string())
            );
            if commit {
                scoped.commit().await.unwrap();
            } else {
                // What a request that fails or is cancelled midway does.
                drop(scoped);
            }
            let next = api::db::begin(&single, api::db::Access::Read)
                .await
                .unwrap();
            let (role, tenant) = role_and_tenant(&next).await;
            assert_ne!(role, migration::rls::APP_ROLE, "after commit: {commit}");
            assert_eq!(tenant, "", "after commit: {commit}");
            next.rollback().await.unwrap();
        }
        // Nor does one whose beginning was cancelled (a client gone) before PostgreSQL
        // answered: at some of these delays the message has been sent, unanswered.
        for micros in (0..400).step_by(2) {
            let _ = tokio::time::timeout(
                std::time::Duration::from_micros(micros),
                api::db::begin_tenant(&single, a.tenant_id.into(), api::db::Access::Write),
            )
            .await;
            let next = api::db::begin(&single, api::db::Access::Read)
                .await
                .unwrap();
            let (role, tenant) = role_and_tenant(&next).await;
            assert_ne!(
                role,
                migration::rls::APP_ROLE,
                "cancelled after {micros} µs"
            );
            assert_eq!(tenant, "", "cancelled after {micros} µs");
            next.rollback().await.unwrap();
        }
        single.close().await.unwrap();
    }
);

db_test!(
    a_read_transaction_sees_one_snapshot_and_writes_nothing,
    |app| {
        // A view made of several reads (a list, then what belongs to each item) must not mix the
        // state before a commit with the state after it.
        let a = app.signup("Eta").await;
        let reading = api::db::begin_tenant(app.db(), a.tenant_id.into(), api::db::Access::Read)
            .await
            .unwrap();
        let before = products(&reading).await;
        crate::catalog::create_variant(&app, &a, "Novo", "NOVO-1").await;
        assert_eq!(products(&reading).await, before);
        if app.backend == Backend::Postgres {
            // And writes nothing: a write slipped into a read fails at once.
            use sea_orm::ConnectionTrait;
            let refused = reading
                .execute_unprepared("UPDATE products SET name = name")
                .await;
            assert!(
                refused
                    .as_ref()
                    .is_err_and(|e| e.to_string().contains("read-only")),
                "{refused:?}"
            );
        }
        reading.rollback().await.unwrap();
        let after = api::db::begin_tenant(app.db(), a.tenant_id.into(), api::db::Access::Read)
            .await
            .unwrap();
        assert_eq!(products(&after).await, before + 1);
        after.rollback().await.unwrap();
    }
);

/// How many products the transaction sees.
async fn products(txn: &impl sea_orm::ConnectionTrait) -> i64 {
    let row = txn
        .query_one_raw(sea_orm::Statement::from_string(
            txn.get_database_backend(),
            "SELECT COUNT(*) AS n FROM products",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

/// The role a transaction runs as and the tenant it is scoped to ("" when none).
pub(crate) async fn role_and_tenant(txn: &impl sea_orm::ConnectionTrait) -> (String, String) {
    let row = txn
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT current_user::text AS who, \
             COALESCE(current_setting('app.tenant_id', true), '') AS tenant",
        ))
        .await
        .unwrap()
        .unwrap();
    (
        row.try_get("", "who").unwrap(),
        row.try_get("", "tenant").unwrap(),
    )
}
