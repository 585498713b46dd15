//! Writes queued on a transaction (`db::Transaction::queue`) are made by its commit or not at
//! all: a caller cannot lose them by forgetting to send them.

use api::access::Principal;
use api::db::{self, Access};
use api::inventory::service::reservation::{self, Hold};
use entity::{login_attempt, order_line, reservation as stored};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryTrait};
use serde_json::json;
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::orders::{Shop, new_customer, open_shop};

fn attempt(key: &str) -> login_attempt::ActiveModel {
    // A window still open: the server's sweep (run at its start) deletes the ended ones.
    login_attempt::ActiveModel::from(login_attempt::Model {
        key: key.to_owned(),
        window_start_ms: chrono::Utc::now().timestamp_millis(),
        window_ms: 60_000,
        count: 1,
    })
}

async fn stored_attempt(app: &TestApp, key: &str) -> bool {
    let found = login_attempt::Entity::find_by_id(key.to_owned())
        .one(app.db())
        .await
        .unwrap();
    found.is_some()
}

db_test!(a_queued_write_is_sent_by_commit, |app| {
    let key = format!("queued:{}", Uuid::new_v4());
    let txn = db::begin(app.db(), Access::Write).await.unwrap();
    let backend = txn.get_database_backend();
    txn.queue([login_attempt::Entity::insert(attempt(&key)).build(backend)]);
    let before = login_attempt::Entity::find_by_id(key.clone())
        .one(&txn)
        .await
        .unwrap();
    assert!(before.is_none(), "a queued write waits for the commit");
    txn.commit().await.unwrap();
    assert!(stored_attempt(&app, &key).await);
});

db_test!(
    a_queued_write_that_fails_fails_the_commit_and_nothing_is_kept,
    |app| {
        let (made, twice) = (
            format!("made:{}", Uuid::new_v4()),
            format!("twice:{}", Uuid::new_v4()),
        );
        let txn = db::begin(app.db(), Access::Write).await.unwrap();
        let backend = txn.get_database_backend();
        for key in [&made, &twice] {
            login_attempt::Entity::insert(attempt(key))
                .exec_without_returning(&txn)
                .await
                .unwrap();
        }
        txn.queue([login_attempt::Entity::insert(attempt(&twice)).build(backend)]);
        assert!(txn.commit().await.is_err());
        assert!(!stored_attempt(&app, &made).await);
        assert!(!stored_attempt(&app, &twice).await);
    }
);

/// A variant with 3 units at the shop's location and 2 at a second one: a hold of it that
/// names no location has two places to try, so it is held in turn and its rows are queued.
async fn stocked_at_two_places(app: &TestApp, shop: &Shop) -> (String, String) {
    let bowl = shop.stocked_variant(app, "TIGELA", "12.00", 3).await;
    let second = app.create_location(&shop.owner, "CD2").await;
    app.post("/api/v1/inventory/adjustments")
        .as_(&shop.owner)
        .json(&json!({ "variant_id": bowl, "location_id": second,
                       "quantity": 2, "reason": "initial" }))
        .send()
        .await
        .expect(200);
    (bowl, second)
}

db_test!(a_hold_tried_in_turn_is_stored_by_the_commit, |app| {
    let shop = open_shop(&app, "Quiteria").await;
    let (bowl, _) = stocked_at_two_places(&app, &shop).await;
    let tenant_id = entity::TenantId::from(shop.owner.tenant_id);
    let hold = Hold {
        variant_id: bowl.parse().unwrap(),
        location_id: None,
        quantity: 2,
        channel_id: None,
        expires_at: None,
        reference: None,
    };
    let txn = db::begin_tenant(app.db(), tenant_id, Access::Write)
        .await
        .unwrap();
    let principal = Principal::system(tenant_id);
    let held = reservation::hold_all(&txn, &principal, &[hold])
        .await
        .unwrap();
    txn.commit().await.unwrap();
    let [held] = held.as_slice() else {
        panic!("one line, one reservation: {held:?}")
    };
    let stored = app
        .get(&format!("/api/v1/inventory/reservations/{}", held.id))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(stored.body["quantity"], 2);
    assert_eq!(stored.body["location_id"], json!(shop.location));
});

db_test!(
    an_order_held_in_turn_commits_its_lines_with_their_reservations,
    |app| {
        let shop = open_shop(&app, "Quirino").await;
        let (bowl, second) = stocked_at_two_places(&app, &shop).await;
        let lines = json!([
            { "variant_id": bowl, "quantity": 2 },
            { "variant_id": bowl, "quantity": 2 },
        ]);
        let body = shop.order_body(new_customer("Lia", "pt-BR"), lines);
        let placed = shop.place(&app, "in-turn", &body).await.expect(201);
        let order_id: Uuid = placed.body["id"].as_str().unwrap().parse().unwrap();
        let tenant_id = entity::TenantId::from(shop.owner.tenant_id);
        let txn = db::begin_tenant(app.db(), tenant_id, Access::Read)
            .await
            .unwrap();
        let lines = order_line::Entity::find_in(tenant_id)
            .filter(order_line::Column::OrderId.eq(order_id))
            .all(&txn)
            .await
            .unwrap();
        let held = stored::Entity::find_in(tenant_id)
            .filter(stored::Column::ReferenceId.eq(order_id))
            .all(&txn)
            .await
            .unwrap();
        txn.rollback().await.unwrap();
        let mut by_line: Vec<(Uuid, Uuid)> = lines
            .iter()
            .map(|line| (line.reservation_id, line.location_id))
            .collect();
        let mut by_hold: Vec<(Uuid, Uuid)> = held
            .iter()
            .map(|hold| (hold.id, hold.location_id))
            .collect();
        by_line.sort();
        by_hold.sort();
        assert_eq!(by_line.len(), 2);
        assert_eq!(by_line, by_hold);
        let mut places: Vec<String> = held.iter().map(|h| h.location_id.to_string()).collect();
        places.sort();
        let mut expected = vec![shop.location.clone(), second];
        expected.sort();
        assert_eq!(places, expected);
    }
);
