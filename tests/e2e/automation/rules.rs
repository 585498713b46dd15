//! Rules through the API: a rule on big marketplace orders emails the team, tags and holds a
//! matching order and leaves another alone, and its dry run said so beforehand; a rule that
//! re-triggers itself stops at depth 5; a store that never touched its rules still tells its
//! team of a paid order.

use std::time::Duration;

use openapi::catalog::ChannelKind;
use openapi::tenancy::Locale;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;
use crate::harness::fixtures::{line, new_buyer};
use crate::harness::shop::{Shop, open_shop};

/// Places and pays an order of `units` of `variant` on `channel`; its id.
pub async fn paid(app: &TestApp, shop: &Shop, channel: Uuid, variant: Uuid, key: &str) -> Uuid {
    let mut order = shop.order_in(
        new_buyer(&format!("Cliente {key}"), Locale::PtBr),
        vec![line(variant, 1)],
    );
    order.channel_id = channel;
    let placed = shop.place_ok(app, key, &order).await;
    shop.pay(
        app,
        placed.id,
        &placed.total.to_string(),
        &format!("pix-{key}"),
    )
    .await
    .expect(201);
    placed.id
}

pub fn rule_path(id: &str) -> String {
    format!("/api/v1/automation/rules/{id}")
}

pub async fn create_rule(app: &TestApp, who: &Session, rule: Value) -> String {
    let made = app
        .post("/api/v1/automation/rules")
        .as_(who)
        .json(&rule)
        .send()
        .await
        .expect(201);
    made.body["id"].as_str().unwrap().to_owned()
}

/// The rule's runs once `done` says they are all there (actions no longer pending).
pub async fn runs_when(
    app: &TestApp,
    who: &Session,
    rule: &str,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let path = format!("{}/runs", rule_path(rule));
    let mut items = Vec::new();
    for _ in 0..300 {
        let page = app.get(&path).as_(who).send().await.expect(200);
        items = page.body["items"].as_array().cloned().unwrap_or_default();
        let settled = items.iter().all(|run| {
            run["actions"]
                .as_array()
                .is_none_or(|a| a.iter().all(|a| a["status"] != "pending"))
        });
        if settled && done(&items) {
            return items;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the runs of {rule} never settled: {items:#?}");
}

fn big_marketplace_rule() -> Value {
    json!({
        "name": "Pedidos grandes do marketplace",
        "trigger": "order.paid",
        "conditions": { "match": "all", "conditions": [
            { "field": "order.total", "op": "greater_than", "value": "500.00" },
            { "field": "order.channel_kind", "op": "equals", "value": "marketplace" }
        ]},
        "actions": [
            { "type": "email_team", "template": "staff_order_paid" },
            { "type": "tag_order", "tag": "revisar" },
            { "type": "hold_order", "reason": "Pedido grande do marketplace" }
        ],
        "enabled": false
    })
}

db_test!(a_rule_emails_tags_and_holds_only_what_matches, |app| {
    let shop = open_shop(&app, "Loja Regras").await;
    let owner = &shop.owner;
    let market = app
        .new_channel(owner, "Mercado", ChannelKind::Marketplace)
        .await
        .id;
    let variant = shop.variant(&app, "TV-55", "2400.00", 10).await;
    let rule = create_rule(&app, owner, big_marketplace_rule()).await;

    // Switched off, it runs on nothing; its dry run on that order says what it would do.
    let first = paid(&app, &shop, market, variant, "regra-1").await;
    let events = app
        .get("/api/v1/automation/events?type=order.paid")
        .as_(owner)
        .send()
        .await
        .expect(200);
    let event_id = events.body[0]["id"].clone();
    let tried = app
        .post(&format!("{}/dry-run", rule_path(&rule)))
        .as_(owner)
        .header("accept-language", "en")
        .json(&json!({ "event_id": event_id }))
        .send()
        .await
        .expect(200);
    assert_eq!(tried.body["matched"], true, "{:#}", tried.body);
    let reference = shop.read(&app, first).await.reference;
    let would: Vec<&str> = tried.body["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["would"].as_str().unwrap())
        .collect();
    assert!(would[0].starts_with("Email the team ("), "{would:?}");
    assert_eq!(
        &would[1..],
        [
            format!("Put the tag “revisar” on order {reference}"),
            format!("Hold order {reference}: Pedido grande do marketplace"),
        ]
    );
    assert_eq!(shop.read(&app, first).await.status.as_str(), "paid");

    // Switched on once that order's rules ran (the team's email of the given rule went out): a
    // matching order is emailed about, tagged and held; a web one is not.
    app.emails_of(owner, first, "staff_order_paid", 1).await;
    let on = app
        .patch(&rule_path(&rule))
        .as_(owner)
        .json(&json!({ "enabled": true }))
        .send()
        .await
        .expect(200);
    assert_eq!(on.body["version"], 2);
    let matching = paid(&app, &shop, market, variant, "regra-2").await;
    let web = paid(&app, &shop, shop.channel_id(), variant, "regra-3").await;
    let runs = runs_when(&app, owner, &rule, |runs| runs.len() == 2).await;
    let mut outcomes: Vec<&str> = runs
        .iter()
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    outcomes.sort_unstable();
    assert_eq!(outcomes, ["matched", "not_matched"], "{runs:#?}");
    let run = runs.iter().find(|r| r["outcome"] == "matched").unwrap();
    let actions = run["actions"].as_array().unwrap();
    assert!(
        actions.iter().all(|a| a["status"] == "done"),
        "{actions:#?}"
    );
    let held = shop.read(&app, matching).await;
    assert_eq!(held.status.as_str(), "on_hold");
    assert_eq!(held.tags, ["revisar"]);
    let untouched = shop.read(&app, web).await;
    assert_eq!(untouched.status.as_str(), "paid");
    assert!(untouched.tags.is_empty());
    // The team heard of it twice: the store's given rule, and this one.
    let emails = app.emails_of(owner, matching, "staff_order_paid", 2).await;
    assert_eq!(emails.len(), 2);

    // Released, the held order is paid again, its stock committed once.
    let before = shop.stock(&app, variant).await;
    app.post(&format!("/api/v1/orders/{matching}/transitions"))
        .as_(owner)
        .json(&json!({ "to": "pending_payment" }))
        .send()
        .await
        .expect(200);
    let released = shop.read(&app, matching).await;
    assert_eq!(released.status.as_str(), "paid");
    assert_eq!(released.paid_at, held.paid_at);
    let after = shop.stock(&app, variant).await;
    assert_eq!(
        (after.on_hand, after.reserved),
        (before.on_hand, before.reserved)
    );
});

db_test!(a_rule_that_retriggers_itself_stops_at_depth_five, |app| {
    let shop = open_shop(&app, "Loja Laco").await;
    let owner = &shop.owner;
    let variant = shop.variant(&app, "LACO-1", "50.00", 10).await;
    let tag = |trigger: &str, tag: &str| {
        json!({
            "name": format!("{trigger} → {tag}"),
            "trigger": trigger,
            "actions": [{ "type": "tag_order", "tag": tag }]
        })
    };
    create_rule(&app, owner, tag("order.paid", "pago")).await;
    let again = create_rule(&app, owner, tag("order.tagged", "laço")).await;
    paid(&app, &shop, shop.channel_id(), variant, "laco-1").await;

    let runs = runs_when(&app, owner, &again, |runs| {
        runs.iter().any(|r| r["outcome"] == "loop_stopped")
    })
    .await;
    let mut seen: Vec<(i64, &str)> = runs
        .iter()
        .map(|r| (r["depth"].as_i64().unwrap(), r["outcome"].as_str().unwrap()))
        .collect();
    seen.sort_unstable();
    assert_eq!(
        seen,
        [
            (1, "matched"),
            (2, "matched"),
            (3, "matched"),
            (4, "matched"),
            (5, "loop_stopped")
        ]
    );
    let tagged = app
        .get("/api/v1/automation/events?type=order.tagged")
        .as_(owner)
        .send()
        .await
        .expect(200);
    let mut depths: Vec<i64> = tagged
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["depth"].as_i64().unwrap())
        .collect();
    depths.sort_unstable();
    assert_eq!(depths, [1, 2, 3, 4, 5]);
});

db_test!(
    a_store_that_never_touched_its_rules_still_tells_its_team,
    |app| {
        let shop = open_shop(&app, "Loja Intocada").await;
        let owner = &shop.owner;
        let variant = shop.variant(&app, "INT-1", "80.00", 10).await;
        let first = paid(&app, &shop, shop.channel_id(), variant, "intocada-1").await;
        let emails = app.emails_of(owner, first, "staff_order_paid", 1).await;
        assert_eq!(emails[0].to, owner.email);

        // The rules it was given, switched on, named in the reader's language.
        let rules = app
            .get("/api/v1/automation/rules")
            .as_(owner)
            .header("accept-language", "pt-BR")
            .send()
            .await
            .expect(200);
        let items = rules.body["items"].as_array().unwrap();
        let given: Vec<(&str, &str)> = items
            .iter()
            .map(|r| (r["template"].as_str().unwrap(), r["name"].as_str().unwrap()))
            .collect();
        assert_eq!(
            given,
            [
                ("order_paid_team", "Pedido pago: avisar a equipe"),
                (
                    "order_approved_team",
                    "Pedido aprovado a prazo: avisar a equipe"
                ),
                (
                    "order_held_team",
                    "Pedido retido: avisar a equipe do motivo"
                ),
            ]
        );
        assert!(items.iter().all(|r| r["enabled"] == true));

        // Switched off, the team hears of no more paid orders; the first payment's template
        // switches on in one click, once.
        let paid_rule = items[0]["id"].as_str().unwrap();
        app.patch(&rule_path(paid_rule))
            .as_(owner)
            .json(&json!({ "enabled": false }))
            .send()
            .await
            .expect(200);
        let second = paid(&app, &shop, shop.channel_id(), variant, "intocada-2").await;
        app.emails_of(owner, second, "order_confirmation", 1).await;
        let templates = app
            .get("/api/v1/automation/rule-templates")
            .as_(owner)
            .send()
            .await
            .expect(200);
        assert_eq!(templates.body.as_array().unwrap().len(), 9);
        let install = "/api/v1/automation/rule-templates/first_payment_team/install";
        let made = app.post(install).as_(owner).send().await.expect(201);
        let again = app.post(install).as_(owner).send().await.expect(200);
        assert_eq!(made.body["id"], again.body["id"]);
        tokio::time::sleep(Duration::from_millis(300)).await;
        let staff = app
            .get(&format!(
                "/api/v1/emails?reference_id={second}&kind=staff_order_paid"
            ))
            .as_(owner)
            .send()
            .await
            .expect(200);
        assert_eq!(staff.body["items"], json!([]));
    }
);
