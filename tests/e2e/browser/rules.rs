//! Rules in the browser, on a phone: one made in the form (a condition, a group of its own,
//! an action's missing email named on its row, then two actions), tried on a recent event;
//! the demo's rule with its run log; a ready rule deleted and switched on again; the bell's
//! unread notifications read on their page.

use openapi::Page;
use openapi::automation::{
    Condition, ConditionSet, Match, Operator, RuleAction, RuleOut, RuleTemplateOut,
};
use openapi::tenancy::Role;
use serde_json::json;

use super::{demo_app, demo_owner, sign_in};
use crate::harness::Backend;
use crate::harness::TestApp;
use crate::harness::browser::Browser;
use crate::harness::client::Session;

async fn rules(app: &TestApp, owner: &Session) -> Vec<RuleOut> {
    let page: Page<RuleOut> = app
        .get("/api/v1/automation/rules?limit=200")
        .as_(owner)
        .returns(200)
        .await;
    page.items
}

async fn choose(browser: &Browser, css: &str, value: &str) {
    browser
        .find(css)
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("{css} = {value}: {e}"));
}

/// A rule made in the form is the rule the API keeps.
async fn a_rule_is_made_in_the_form(browser: &Browser, app: &TestApp, owner: &Session) {
    browser.go("/automation/rules/new").await;
    browser.fill("input[name=name]", "Pedidos grandes").await;
    choose(browser, "select[name=trigger]", "order.paid").await;
    browser.click("[data-testid=add-condition]").await;
    choose(browser, ".rule-set [name=condition-field]", "order.total").await;
    choose(browser, ".rule-set [name=condition-op]", "greater_than").await;
    browser
        .fill(".rule-set input[name=condition-value]", "250")
        .await;
    browser.click("[data-testid=add-group]").await;
    let group = ".rule-group";
    choose(browser, &format!("{group} select:not([name])"), "any").await;
    let field = format!("{group} [name=condition-field]");
    choose(browser, &field, "order.channel_kind").await;
    choose(browser, &format!("{group} [name=condition-op]"), "in").await;
    browser
        .click(&format!(
            "{group} input[name=condition-pick][type=checkbox]"
        ))
        .await;
    // An email without its template is named on its row before anything is sent.
    choose(browser, "[name=action-type]", "email_team").await;
    browser.click("[data-testid=save-rule]").await;
    browser.find(".rule-action .field-error li").await;
    choose(browser, "[name=action-type]", "tag_order").await;
    browser.fill("[name=action-text]", "grande").await;
    browser.click("[data-testid=add-action]").await;
    choose(
        browser,
        ".rule-action:nth-of-type(2) [name=action-type]",
        "notify_members",
    )
    .await;
    browser.click("[name=action-role]").await;
    browser.click("[data-testid=save-rule]").await;
    browser.find("[data-testid=dry-run]").await;

    let made = rules(app, owner)
        .await
        .into_iter()
        .find(|r| r.name == "Pedidos grandes")
        .expect("the rule is kept");
    assert_eq!(made.trigger, "order.paid");
    assert_eq!(
        made.conditions.conditions,
        vec![Condition {
            field: "order.total".into(),
            op: Operator::GreaterThan,
            value: Some(json!("250")),
        }]
    );
    assert_eq!(
        made.conditions.groups,
        vec![ConditionSet {
            match_: Match::Any,
            conditions: vec![Condition {
                field: "order.channel_kind".into(),
                op: Operator::In,
                value: Some(json!(["web"])),
            }],
        }]
    );
    assert_eq!(
        made.actions,
        vec![
            RuleAction::TagOrder {
                tag: "grande".into()
            },
            RuleAction::NotifyMembers {
                roles: vec![Role::Owner],
                note: None
            },
        ]
    );
    // Tried on the store's newest paid order, changing nothing.
    browser.click("[data-testid=dry-run]").await;
    browser
        .find("[data-testid=dry-run-outcome] .rule-outcomes li")
        .await;
}

async fn rules_are_made_tried_and_switched_on(backend: Backend) {
    let app = demo_app(backend).await;
    let owner = demo_owner(&app).await;
    let browser = Browser::open(&app.address, 390, 844).await;
    sign_in(&browser).await;
    a_rule_is_made_in_the_form(&browser, &app, &owner).await;

    // The demo's own rule: its conditions and its runs on the demo's paid orders.
    browser.go("/automation/rules").await;
    browser.see("Pedidos grandes do marketplace").await;
    let demo = rules(&app, &owner)
        .await
        .into_iter()
        .find(|r| r.name == "Pedidos grandes do marketplace")
        .expect("the demo's rule");
    browser.go(&format!("/automation/rules/{}", demo.id)).await;
    browser
        .find("[data-testid=rule-run] .rule-outcomes li")
        .await;

    // A ready rule deleted (after a confirmation) is offered again, and switched on.
    let ready: Vec<RuleTemplateOut> = app
        .get("/api/v1/automation/rule-templates")
        .as_(&owner)
        .returns(200)
        .await;
    let stock = ready
        .iter()
        .find(|t| t.key == "stock_low_purchasing")
        .and_then(|t| t.rule_id)
        .expect("the demo switched it on");
    browser.go(&format!("/automation/rules/{stock}")).await;
    browser.click("[data-testid=delete-rule]").await;
    browser.client.accept_alert().await.expect("asked first");
    let ready = "[data-template=stock_low_purchasing]";
    browser
        .find(&format!("{ready} [data-testid=install-rule]"))
        .await;
    app.get(&format!("/api/v1/automation/rules/{stock}"))
        .as_(&owner)
        .returns::<serde_json::Value>(404)
        .await;
    browser
        .click(&format!("{ready} [data-testid=install-rule]"))
        .await;
    browser
        .find(&format!("{ready} a[href^='/automation/rules/']"))
        .await;
    let again: Vec<RuleTemplateOut> = app
        .get("/api/v1/automation/rule-templates")
        .as_(&owner)
        .returns(200)
        .await;
    assert!(
        again
            .iter()
            .all(|t| t.key != "stock_low_purchasing" || t.rule_id.is_some()),
        "switched on again"
    );

    // The bell counts the owner's unread notifications; reading them all clears it.
    browser.go("/").await;
    browser.click("[data-testid=bell]").await;
    browser.find("[data-testid=notification]").await;
    browser.find(".bell-count").await;
    browser.click("[data-testid=read-all]").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while browser.has(".bell-count").await && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(!browser.has(".bell-count").await, "nothing left unread");
    browser.close().await;
    app.shutdown().await;
}

crate::db_test!(
    rules_are_made_tried_and_switched_on_on_a_phone,
    runs(rules_are_made_tried_and_switched_on)
);
