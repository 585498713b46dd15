//! `Idempotency-Key`: replays of the same request, refusals of a key reused on another, and
//! no secret kept for a replay.

use openapi::Page;
use openapi::auth::{ApiKeyCreatedOut, ApiKeyIn, ApiKeyOut, Permission};
use openapi::catalog::{SupplierIn, SupplierOut};
use openapi::inventory::StockLevelOut;
use openapi::orders::{PaymentIn, PaymentMethod, PaymentOut};
use openapi::tenancy::{InvitationIn, Locale, Role};

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;
use crate::harness::fixtures::{line, money, new_buyer, supplier_in};

fn tenant_reader(name: &str) -> ApiKeyIn {
    ApiKeyIn {
        name: name.into(),
        scopes: vec![Permission::TenantRead],
    }
}

db_test!(
    the_same_idempotency_key_and_body_replays_the_first_response,
    |app| {
        let owner = app.signup("Ivo").await;
        let body = supplier_in("Once", 3);
        let create = |who: &Session, body: &SupplierIn| {
            app.post("/api/v1/catalog/suppliers")
                .as_(who)
                .header("idempotency-key", "create-once")
                .json(body)
        };
        let first = create(&owner, &body).send().await.expect(201);
        let again = create(&owner, &body).send().await.expect(201);
        // A replay is the first response as it was: compared whole, as JSON.
        assert_eq!(again.body, first.body);
        assert_eq!(again.header("idempotent-replayed"), Some("true"));
        assert_eq!(again.parse::<SupplierOut>().name, "Once");
        assert_eq!(suppliers(&app, &owner).await, 1);

        let reused = create(&owner, &supplier_in("Different", 3))
            .send()
            .await
            .problem(422, "idempotency/key-reused");
        let detail = reused.problem_doc().detail.unwrap_or_default();
        assert!(detail.contains("body"), "{:#}", reused.body);

        // Keys are per caller: another member's same key is a new request.
        let admin = app.add_member(&owner, "Jade", "admin").await;
        create(&admin, &body).send().await.expect(201);
        assert_eq!(suppliers(&app, &owner).await, 2);
    }
);

db_test!(
    a_key_used_for_one_orders_payment_is_refused_for_another_order,
    |app| {
        let shop = crate::orders::open_shop(&app, "Paulo").await;
        let variant = shop.variant(&app, "PAY-1", "10.00", 5).await;
        let mut orders = Vec::new();
        for (i, customer) in ["Ana Pay", "Bia Pay"].into_iter().enumerate() {
            let body = shop.order_in(new_buyer(customer, Locale::PtBr), vec![line(variant, 1)]);
            let placed = shop.place_ok(&app, &format!("order-{i}"), &body).await;
            orders.push(placed.id);
        }
        let body = PaymentIn {
            method: PaymentMethod::Pix,
            amount: money("5.00"),
            reference: None,
            paid_at: None,
        };
        let pay = |order: uuid::Uuid| {
            app.post(&format!("/api/v1/orders/{order}/payments"))
                .as_(&shop.owner)
                .header("idempotency-key", "pay-once")
                .json(&body)
                .send()
        };
        let first = pay(orders[0]).await.expect(201);

        // The same key and body on order B's payments is another request: refused, B unpaid.
        let refused = pay(orders[1]).await.problem(422, "idempotency/key-reused");
        let detail = refused.problem_doc().detail.unwrap_or_default();
        assert!(detail.contains("another request"), "{:#}", refused.body);
        let paid = |order: uuid::Uuid| {
            app.get(&format!("/api/v1/orders/{order}/payments"))
                .as_(&shop.owner)
                .returns::<Vec<PaymentOut>>(200)
        };
        assert!(paid(orders[1]).await.is_empty());

        // On order A's payments it is still the same request: replayed, paid once.
        let again = pay(orders[0]).await.expect(201);
        assert_eq!(again.header("idempotent-replayed"), Some("true"));
        assert_eq!(again.body, first.body);
        assert_eq!(paid(orders[0]).await.len(), 1);
    }
);

db_test!(
    a_created_api_keys_secret_is_never_replayed_nor_stored,
    |app| {
        let owner = app.signup("Olavo").await;
        let body = tenant_reader("ERP");
        let create = || {
            app.post("/api/v1/api-keys")
                .as_(&owner)
                .header("idempotency-key", "key-once")
                .json(&body)
                .send()
        };
        let created: ApiKeyCreatedOut = create().await.expect(201).parse();
        let (secret, id) = (created.secret, created.api_key.id);

        let replay = create()
            .await
            .problem(409, "idempotency/secret-not-replayed");
        assert_eq!(replay.header("idempotent-replayed"), Some("true"));
        let problem = replay.problem_doc();
        assert_eq!(problem.resource_id, Some(id), "{:#}", replay.body);
        let detail = problem.detail.unwrap_or_default();
        assert!(detail.contains("only once"), "{:#}", replay.body);
        assert!(!replay.body.to_string().contains(&secret));
        let keys: Page<ApiKeyOut> = app.get("/api/v1/api-keys").as_(&owner).returns(200).await;
        assert_eq!(keys.items.len(), 1);

        // What the store keeps for replays holds no secret.
        let stored = {
            use sea_orm::EntityTrait;
            entity::idempotency_key::Entity::find()
                .all(app.db())
                .await
                .unwrap()
        };
        let stored: Vec<_> = stored
            .iter()
            .filter(|row| row.tenant_id == entity::TenantId::from(owner.tenant_id))
            .collect();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].response_status, 409);
        assert!(!stored[0].response_body.contains(&secret));
        assert!(!stored[0].response_body.contains("\"secret\""));
        assert!(stored[0].response_body.contains(&id.to_string()));
    }
);

db_test!(
    a_failed_request_does_not_use_up_its_idempotency_key,
    |app| {
        let owner = app.signup("Lara").await;
        app.post("/api/v1/invitations")
            .as_(&owner)
            .header("idempotency-key", "invite-1")
            .json(&InvitationIn {
                email: owner.email.clone(),
                role: Role::Staff,
            })
            .send()
            .await
            .problem(409, "tenancy/already-member");
        app.post("/api/v1/invitations")
            .as_(&owner)
            .header("idempotency-key", "invite-1")
            .json(&InvitationIn {
                email: "new@example.com".into(),
                role: Role::Staff,
            })
            .send()
            .await
            .expect(201);
    }
);

db_test!(a_key_older_than_a_day_is_claimed_afresh, |app| {
    let owner = app.signup("Rui").await;
    let create = |name: &'static str| {
        app.post("/api/v1/catalog/suppliers")
            .as_(&owner)
            .header("idempotency-key", "daily")
            .json(&supplier_in(name, 1))
    };
    create("Monday").send().await.expect(201);
    make_key_older(app.db(), "daily", 23).await;
    create("Tuesday")
        .send()
        .await
        .problem(422, "idempotency/key-reused");
    make_key_older(app.db(), "daily", 25).await;
    let fresh = create("Tuesday").send().await.expect(201);
    assert_eq!(fresh.parse::<SupplierOut>().name, "Tuesday");
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
                    .json(&tenant_reader(&key))
                    .send()
                    .await
                    .expect(201);
            }
            make_key_older(app.db(), &format!("old-{i}"), 25).await;
        }
        let tenants = api::tenancy::service::tenant::all_tenant_ids(app.db())
            .await
            .unwrap();
        let forgotten = api::idempotency::forget_expired(app.db(), &tenants, chrono::Utc::now())
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

/// How many suppliers the store has.
async fn suppliers(app: &TestApp, owner: &Session) -> usize {
    let page: Page<SupplierOut> = app
        .get("/api/v1/catalog/suppliers")
        .as_(owner)
        .returns(200)
        .await;
    page.items.len()
}

db_test!(
    a_stock_adjustment_sent_twice_with_one_key_changes_the_stock_once,
    |app| {
        let owner = app.signup("Rui").await;
        let variant = app.new_variant(&owner, "Meia", "MEIA-1").await.id;
        let location = app.new_location(&owner, "CD").await.id;
        let adjustment = openapi::inventory::AdjustmentIn {
            variant_id: variant,
            location_id: location,
            quantity: 5,
            reason: openapi::inventory::AdjustmentReason::Initial,
            note: None,
        };
        let adjust = || {
            app.post("/api/v1/inventory/adjustments")
                .as_(&owner)
                .header("idempotency-key", "receive-once")
                .json(&adjustment)
        };
        let first = adjust().send().await.expect(200);
        let again = adjust().send().await.expect(200);
        assert_eq!(again.body, first.body);
        assert_eq!(again.header("idempotent-replayed"), Some("true"));
        let levels: Page<StockLevelOut> = app
            .get(&format!("/api/v1/inventory/levels?variant_id={variant}"))
            .as_(&owner)
            .returns(200)
            .await;
        assert_eq!(levels.items[0].on_hand, 5);
    }
);
