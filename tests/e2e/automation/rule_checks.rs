//! A rule that does not fit its trigger is refused, naming the field; one that fits is taken,
//! and another store cannot see it.

use serde_json::{Value, json};
use uuid::Uuid;

use super::rules::{create_rule, rule_path};
use crate::db_test;

db_test!(
    a_rule_that_does_not_fit_its_trigger_is_refused_naming_the_field,
    |app| {
        let owner = app.signup("Loja Recusa").await;
        let refused = |rule: Value, field: &'static str| {
            let app = &app;
            let owner = &owner;
            async move {
                let problem = app
                    .post("/api/v1/automation/rules")
                    .as_(owner)
                    .json(&rule)
                    .send()
                    .await
                    .problem(422, "automation/rule-invalid");
                assert_eq!(problem.error_fields(), vec![field], "{rule:#}");
            }
        };
        let with = |trigger: &str, condition: Value, action: Value| {
            json!({
                "name": "Recusada", "trigger": trigger,
                "conditions": { "conditions": [condition] }, "actions": [action]
            })
        };
        let tag = json!({ "type": "tag_order", "tag": "x" });
        let total =
            |op: &str, value: Value| json!({ "field": "order.total", "op": op, "value": value });
        refused(
            with("order.teleported", total("equals", json!("1")), tag.clone()),
            "trigger",
        )
        .await;
        refused(
            with(
                "order.paid",
                json!({ "field": "order.colour", "op": "equals", "value": "x" }),
                tag.clone(),
            ),
            "conditions.conditions[0].field",
        )
        .await;
        refused(
            with("order.paid", total("has_tag", json!("x")), tag.clone()),
            "conditions.conditions[0].op",
        )
        .await;
        refused(
            with(
                "order.paid",
                total("greater_than", json!("lots")),
                tag.clone(),
            ),
            "conditions.conditions[0].value",
        )
        .await;
        refused(
            with(
                "stock.low",
                json!({ "field": "payload.available", "op": "less_than", "value": 2 }),
                tag.clone(),
            ),
            "actions[0].type",
        )
        .await;
        refused(
            with(
                "order.paid",
                total("greater_than", json!(1)),
                json!({ "type": "email_team", "template": "order_confirmation" }),
            ),
            "actions[0].template",
        )
        .await;
        refused(
            with(
                "order.paid",
                total("greater_than", json!(1)),
                json!({ "type": "call_webhook", "endpoint_id": Uuid::now_v7() }),
            ),
            "actions[0].endpoint_id",
        )
        .await;
        // What fits is taken, and another store cannot see it.
        let fits = with(
            "order.paid",
            total("greater_than", json!(1)),
            json!({ "type": "email_team", "template": "staff_order_paid" }),
        );
        let id = create_rule(&app, &owner, fits).await;
        let other = app.signup("Loja Vizinha").await;
        app.get(&rule_path(&id))
            .as_(&other)
            .send()
            .await
            .problem(404, "not-found");
    }
);
