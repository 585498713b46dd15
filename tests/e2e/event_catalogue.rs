//! The event catalogue holds what the server writes: each outbox row is an event the served
//! spec's `webhooks` describe, and its payload, sent as a webhook's body, fits the schema
//! they give, checked by an independent JSON Schema implementation (the `jsonschema` crate).
//! The demo's rows (orders, stock, logistics, finance, mail) are checked in `demo.rs`.

use std::collections::HashMap;

use chrono::Utc;
use openapi::events::{Event, WebhookMessage};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::db_test;
use crate::harness::TestApp;

/// The served spec's webhooks, with a validator per event as it is asked for.
pub struct Catalogue {
    spec: Value,
    validators: HashMap<String, jsonschema::Validator>,
}

impl Catalogue {
    pub async fn served(app: &TestApp) -> Catalogue {
        let spec = app
            .get("/api/v1/openapi.json")
            .send()
            .await
            .expect(200)
            .body;
        Catalogue {
            spec,
            validators: HashMap::new(),
        }
    }

    /// What is wrong with a row of `event_type` and `payload`: nothing when the catalogue
    /// describes it and the webhook body made of it fits its schema.
    pub fn problem(&mut self, event_type: &str, payload: &Value) -> Option<String> {
        let body = &self.spec["webhooks"][event_type]["post"]["requestBody"];
        let schema = &body["content"]["application/json"]["schema"];
        if !schema.is_object() {
            return Some(format!("{event_type} is written but not in the catalogue"));
        }
        let event = match Event::decode(event_type, payload.clone()) {
            Ok(event) => event,
            Err(error) => return Some(error.to_string()),
        };
        let message = WebhookMessage::of(&event, Utc::now()).ok()?;
        self.misfit(event_type, &serde_json::to_value(message).ok()?)
    }

    /// Why a webhook body of `event_type` does not fit its schema; nothing when it does.
    pub fn misfit(&mut self, event_type: &str, message: &Value) -> Option<String> {
        let body = &self.spec["webhooks"][event_type]["post"]["requestBody"];
        let schema = &body["content"]["application/json"]["schema"];
        let validator = self
            .validators
            .entry(event_type.to_owned())
            .or_insert_with(|| {
                // The payloads' `$ref`s point into the spec's components: validate within it.
                let root = json!({
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "components": self.spec["components"],
                    "allOf": [schema],
                });
                jsonschema::options()
                    .should_validate_formats(true)
                    .build(&root)
                    .unwrap()
            });
        let errors: Vec<String> = validator
            .iter_errors(message)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        (!errors.is_empty()).then(|| format!("{event_type} {message}: {}", errors.join("; ")))
    }
}

/// Every outbox row of every store: its type and payload.
pub async fn outbox_rows(app: &TestApp) -> Vec<(String, Value)> {
    let txn = api::db::begin_outbox_worker(app.db(), api::db::Access::Read)
        .await
        .unwrap();
    let rows = entity::outbox_event::Entity::find()
        .all(&txn)
        .await
        .unwrap();
    rows.into_iter()
        .map(|r| (r.event_type, r.payload))
        .collect()
}

/// Every row written so far is in the catalogue and fits it; the kinds seen, for coverage.
pub async fn every_row_fits(app: &TestApp) -> Vec<String> {
    let mut catalogue = Catalogue::served(app).await;
    let mut kinds = Vec::new();
    for (event_type, payload) in outbox_rows(app).await {
        if let Some(problem) = catalogue.problem(&event_type, &payload) {
            panic!("{problem}");
        }
        if !kinds.contains(&event_type) {
            kinds.push(event_type);
        }
    }
    kinds.sort();
    kinds
}

db_test!(
    a_row_the_catalogue_does_not_describe_or_fit_is_a_problem,
    |app| {
        let mut catalogue = Catalogue::served(&app).await;
        let order = json!({ "order_id": "0196f5a0-0000-7000-8000-0000000000a1", "from": "pending_payment" });
        assert_eq!(catalogue.problem("order.paid", &order), None);
        let problems = [
            ("order.teleported", order.clone()),
            ("order.paid", json!({ "from": "pending_payment" })),
            (
                "order.paid",
                json!({ "order_id": "0196f5a0-0000-7000-8000-0000000000a1", "from": "lost" }),
            ),
        ];
        for (event_type, payload) in problems {
            assert!(
                catalogue.problem(event_type, &payload).is_some(),
                "{event_type} {payload}"
            );
        }
        // The schema itself: a body missing its payload's field, or of another version, misfits.
        let body = |version: u32, data: Value| json!({ "type": "order.paid", "version": version, "timestamp": "2026-09-02T15:40:00Z", "data": data });
        assert_eq!(
            catalogue.misfit("order.paid", &body(1, order.clone())),
            None
        );
        let missing = json!({ "from": "pending_payment" });
        assert!(catalogue.misfit("order.paid", &body(1, missing)).is_some());
        assert!(catalogue.misfit("order.paid", &body(2, order)).is_some());
    }
);
