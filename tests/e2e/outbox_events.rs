//! The outbox's rows as typed events: what the server writes keeps the wire names and payloads
//! of the rows written before, and a row that is no event this server knows fails at once with
//! the reason, without stopping the worker.

use chrono::Utc;
use openapi::events::Event;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

use entity::closed_sets::OutboxStatus;
use entity::outbox_event;

use crate::db_test;
use crate::harness::TestApp;

async fn events_of(app: &TestApp, tenant_id: Uuid) -> Vec<outbox_event::Model> {
    outbox_event::Entity::find()
        .filter(outbox_event::Column::TenantId.eq(tenant_id))
        .order_by_asc(outbox_event::Column::Id)
        .all(app.db())
        .await
        .unwrap()
}

db_test!(a_paid_order_writes_its_events_by_their_wire_names, |app| {
    let shop = crate::orders::open_shop(&app, "Wire names").await;
    let order = crate::mail::paid_order(&app, &shop, "Rita Lima", "pt-BR").await;
    let order_id = order["id"].as_str().unwrap();
    let rows = events_of(&app, shop.owner.tenant_id).await;
    let of_order: Vec<(&str, &Value)> = rows
        .iter()
        .filter(|row| row.payload["order_id"] == order_id)
        .map(|row| (row.event_type.as_str(), &row.payload))
        .collect();
    let names: Vec<&str> = of_order.iter().map(|(name, _)| *name).collect();
    assert!(
        names.starts_with(&["order.placed", "order.payment_recorded"]),
        "{names:?}"
    );
    assert!(names.contains(&"order.paid"), "{names:?}");
    let paid = of_order
        .iter()
        .find(|(name, _)| *name == "order.paid")
        .unwrap()
        .1;
    assert_eq!(
        paid,
        &json!({ "order_id": order_id, "from": "pending_payment" })
    );
    // Every row the server wrote is an event it can read back.
    for row in &rows {
        let event = Event::decode(&row.event_type, row.payload.clone()).unwrap();
        assert_eq!(event.kind().name(), row.event_type);
    }
});

db_test!(
    a_row_that_is_no_known_event_fails_at_once_with_the_reason,
    |app| {
        let owner = app.signup("Odd rows").await;
        let odd = [
            ("order.teleported", json!({ "order_id": Uuid::now_v7() })),
            ("order.paid", json!({ "order_id": "not an id" })),
        ];
        let mut ids = Vec::new();
        for (event_type, payload) in odd {
            let id = Uuid::now_v7();
            ids.push(id);
            let row = outbox_event::Model {
                tenant_id: entity::TenantId::from(owner.tenant_id),
                id,
                event_type: event_type.to_owned(),
                payload,
                status: OutboxStatus::Pending,
                attempts: 0,
                next_attempt_at: Some(Utc::now()),
                last_error: None,
                created_at: Utc::now(),
                processed_at: None,
                secret: Some("a secret".to_owned()),
                depth: 0,
                cause_run_id: None,
            };
            outbox_event::Entity::insert(outbox_event::ActiveModel::from(row))
                .exec_without_returning(app.db())
                .await
                .unwrap();
        }
        let mut failed = Vec::new();
        for _ in 0..100 {
            failed = events_of(&app, owner.tenant_id)
                .await
                .into_iter()
                .filter(|row| ids.contains(&row.id) && row.status == OutboxStatus::Failed)
                .collect();
            if failed.len() == ids.len() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(failed.len(), 2, "{failed:?}");
        let reason = |id: Uuid| {
            let row = failed.iter().find(|row| row.id == id).unwrap();
            assert_eq!(row.attempts, 1, "not retried");
            assert_eq!(row.secret, None, "its secret erased");
            row.last_error.clone().unwrap_or_default()
        };
        assert!(reason(ids[0]).contains("unknown event kind \"order.teleported\""));
        assert!(reason(ids[1]).contains("the payload of \"order.paid\" does not decode"));
        let ready = app.get("/health/ready").send().await.expect(200);
        assert_eq!(ready.body["outbox"]["failed"], 2, "{}", ready.body);
    }
);
