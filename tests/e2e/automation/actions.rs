//! The actions not covered elsewhere, in one rule: a webhook whose endpoint was removed after
//! the rule named it fails at once and blocks none of the others; the customer is tagged and
//! emailed; the event is due to the endpoint still there, which does not subscribe to it
//! (switched off, it waits in that endpoint's log).

use openapi::Page;
use openapi::automation::WebhookDeliveryOut;
use openapi::orders::CustomerOut;
use serde_json::json;

use super::rules::{create_rule, paid, runs_when};
use crate::db_test;
use crate::harness::shop::open_shop;
use crate::modules::automation::new_endpoint;

db_test!(
    each_action_runs_on_its_own_and_a_failing_one_blocks_none,
    |app| {
        let shop = open_shop(&app, "Loja Acoes").await;
        let owner = &shop.owner;
        let variant = shop.variant(&app, "ACAO-1", "90.00", 10).await;
        let kept = new_endpoint(&app, &shop, "erp").await["id"].clone();
        let gone = new_endpoint(&app, &shop, "antigo").await["id"].clone();
        let kept_path = format!("/api/v1/automation/webhooks/{}", kept.as_str().unwrap());
        app.patch(&kept_path)
            .as_(owner)
            .json(&json!({ "events": ["stock.low"] }))
            .send()
            .await
            .expect(200);
        let rule = create_rule(
            &app,
            owner,
            json!({
                "name": "Cliente pagou",
                "trigger": "order.paid",
                "actions": [
                    { "type": "call_webhook", "endpoint_id": gone },
                    { "type": "tag_customer", "tag": "pagante" },
                    { "type": "email_customer", "template": "order_confirmation" },
                    { "type": "call_webhook", "endpoint_id": kept }
                ]
            }),
        )
        .await;
        let gone_path = format!("/api/v1/automation/webhooks/{}", gone.as_str().unwrap());
        app.delete(&gone_path).as_(owner).send().await.expect(204);

        let order = paid(&app, &shop, shop.channel_id(), variant, "acoes-1").await;
        let runs = runs_when(&app, owner, &rule, |runs| runs.len() == 1).await;
        let actions = runs[0]["actions"].as_array().unwrap();
        let statuses: Vec<&str> = actions
            .iter()
            .map(|a| a["status"].as_str().unwrap())
            .collect();
        assert_eq!(statuses, ["failed", "done", "done", "done"], "{actions:#?}");
        assert_eq!(actions[0]["attempts"], 1, "not worth another attempt");
        assert!(actions[0]["result"].as_str().is_some_and(|r| !r.is_empty()));

        let customer_id = shop.read(&app, order).await.customer_id;
        let customer: CustomerOut = app
            .get(&format!("/api/v1/customers/{customer_id}"))
            .as_(owner)
            .returns(200)
            .await;
        assert_eq!(customer.tags, ["pagante"]);
        // The confirmation of the order, then the rule's.
        let emails = app.emails_of(owner, order, "order_confirmation", 2).await;
        assert_eq!(emails.len(), 2);
        assert!(emails.iter().all(|e| e.to == emails[0].to));
        let log = format!("{kept_path}/deliveries");
        let due: Page<WebhookDeliveryOut> = app.get(&log).as_(owner).returns(200).await;
        let events: Vec<&str> = due.items.iter().map(|d| d.event_type.as_str()).collect();
        assert_eq!(events, ["order.paid"]);
    }
);
