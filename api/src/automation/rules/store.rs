//! A store's rules: added, read, changed (each checked whole against its trigger), removed with
//! their run log, and made from a template.

use chrono::Utc;
use openapi::automation::{Conditions, RuleAction, RuleIn, RulePatch};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use entity::{
    automation_action_run as action_run, automation_rule as rule, automation_rule_run as run,
};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::automation::error::{AutomationError, RuleProblem};
use crate::automation::rules::check::{check_rule, trigger_kind};
use crate::automation::rules::templates::{rule_of, template};
use crate::automation::service::endpoint;
use crate::db::TenantTransaction;
use crate::pagination::{PageRequest, Paged};

/// A rule as stored, read back into its wire parts.
pub struct Rule {
    pub row: rule::Model,
    pub conditions: Conditions,
    pub actions: Vec<RuleAction>,
}

impl Rule {
    pub fn read(row: rule::Model) -> Result<Rule, AutomationError> {
        let conditions = serde_json::from_value(row.conditions.clone())
            .map_err(|e| AutomationError::StoredRule("conditions", e))?;
        let actions = serde_json::from_value(row.actions.clone())
            .map_err(|e| AutomationError::StoredRule("actions", e))?;
        Ok(Rule {
            row,
            conditions,
            actions,
        })
    }
}

/// Checks a rule whole: its trigger, conditions and actions, and that each webhook it calls is
/// one of the store's endpoints.
async fn check(
    txn: &TenantTransaction,
    trigger: &str,
    conditions: &Conditions,
    actions: &[RuleAction],
) -> Result<(), AutomationError> {
    let kind = trigger_kind(trigger)?;
    check_rule(kind, conditions, actions)?;
    for (i, action) in actions.iter().enumerate() {
        if let RuleAction::CallWebhook { endpoint_id } = action
            && endpoint::find(txn, *endpoint_id).await.is_err()
        {
            return Err(AutomationError::RuleInvalid {
                field: format!("actions[{i}].endpoint_id"),
                problem: RuleProblem::Endpoint {
                    id: endpoint_id.to_string(),
                },
            });
        }
    }
    Ok(())
}

fn summary(row: &rule::Model) -> serde_json::Value {
    json!({
        "name": row.name, "trigger": row.trigger, "enabled": row.enabled,
        "conditions": row.conditions, "actions": row.actions,
    })
}

async fn audit_change(
    txn: &TenantTransaction,
    principal: &Principal,
    action: &'static str,
    before: Option<&rule::Model>,
    after: Option<&rule::Model>,
) -> Result<(), AutomationError> {
    let id = after.or(before).map(|r| r.id);
    let change = Change {
        action,
        entity_type: "automation_rule",
        entity_id: id,
        before: before.map(summary),
        after: after.map(summary),
    };
    audit::record(txn, principal, change).await?;
    Ok(())
}

pub async fn create(
    txn: &TenantTransaction,
    principal: &Principal,
    input: &RuleIn,
) -> Result<Rule, AutomationError> {
    check(txn, &input.trigger, &input.conditions, &input.actions).await?;
    let now = Utc::now();
    let row = rule::Model {
        tenant_id: txn.tenant(),
        id: Uuid::now_v7(),
        name: Some(input.name.trim().to_owned()),
        trigger: input.trigger.clone(),
        conditions: json!(input.conditions),
        actions: json!(input.actions),
        enabled: input.enabled.unwrap_or(true),
        template: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    rule::Entity::insert(rule::ActiveModel::from(row.clone()))
        .exec_without_returning(txn)
        .await?;
    audit_change(txn, principal, "automation_rule.create", None, Some(&row)).await?;
    Rule::read(row)
}

/// Makes the store's rule from a template; the one made before, if it has it already.
pub async fn install(
    txn: &TenantTransaction,
    principal: &Principal,
    key: &str,
) -> Result<(Rule, bool), AutomationError> {
    let template = template(key).ok_or(AutomationError::NotFound("rule template"))?;
    let made = txn
        .find::<rule::Entity>()
        .filter(rule::Column::Template.eq(key))
        .one(txn)
        .await?;
    if let Some(row) = made {
        return Ok((Rule::read(row)?, false));
    }
    let row = rule_of(template, txn.tenant());
    rule::Entity::insert(rule::ActiveModel::from(row.clone()))
        .exec_without_returning(txn)
        .await?;
    audit_change(txn, principal, "automation_rule.create", None, Some(&row)).await?;
    Ok((Rule::read(row)?, true))
}

pub async fn find(txn: &TenantTransaction, id: Uuid) -> Result<Rule, AutomationError> {
    let row = txn
        .find::<rule::Entity>()
        .filter(rule::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AutomationError::NotFound("rule"))?;
    Rule::read(row)
}

/// The store's rules, oldest first.
pub async fn list(
    txn: &TenantTransaction,
    page: PageRequest,
) -> Result<Paged<rule::Model>, AutomationError> {
    let select = txn.find::<rule::Entity>();
    let rows = page.apply(select, rule::Column::Id).all(txn).await?;
    Ok(page.finish(rows, |r| r.id))
}

/// The store's rules made from templates.
pub async fn made_from_templates(
    txn: &TenantTransaction,
) -> Result<Vec<rule::Model>, AutomationError> {
    Ok(txn
        .find::<rule::Entity>()
        .filter(rule::Column::Template.is_not_null())
        .all(txn)
        .await?)
}

/// The store's switched-on rules started by `trigger`, oldest first.
pub async fn enabled_for(
    txn: &TenantTransaction,
    trigger: &str,
) -> Result<Vec<rule::Model>, AutomationError> {
    Ok(txn
        .find::<rule::Entity>()
        .filter(rule::Column::Trigger.eq(trigger))
        .filter(rule::Column::Enabled.eq(true))
        .order_by_asc(rule::Column::Id)
        .all(txn)
        .await?)
}

pub async fn update(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    patch: &RulePatch,
    expected: Option<i32>,
) -> Result<Rule, AutomationError> {
    let before = find(txn, id).await?;
    if expected.is_some_and(|v| v != before.row.version) {
        return Err(AutomationError::Stale {
            what: "the rule",
            current: before.row.version,
        });
    }
    let trigger = patch.trigger.as_ref().unwrap_or(&before.row.trigger);
    let conditions = patch.conditions.as_ref().unwrap_or(&before.conditions);
    let actions = patch.actions.as_ref().unwrap_or(&before.actions);
    check(txn, trigger, conditions, actions).await?;
    let mut after = before.row.clone();
    if let Some(name) = &patch.name {
        after.name = Some(name.trim().to_owned());
    }
    after.trigger = trigger.clone();
    after.conditions = json!(conditions);
    after.actions = json!(actions);
    after.enabled = patch.enabled.unwrap_or(after.enabled);
    after.version += 1;
    after.updated_at = Utc::now();
    let updated = txn
        .update_many::<rule::Entity>()
        .set(rule::ActiveModel::from(after.clone()).reset_all())
        .filter(rule::Column::Id.eq(id))
        .filter(rule::Column::Version.eq(before.row.version))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AutomationError::Stale {
            what: "the rule",
            current: before.row.version + 1,
        });
    }
    audit_change(
        txn,
        principal,
        "automation_rule.update",
        Some(&before.row),
        Some(&after),
    )
    .await?;
    Rule::read(after)
}

/// Removes a rule and its run log. Actions already due still run.
pub async fn delete(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    expected: Option<i32>,
) -> Result<(), AutomationError> {
    let before = find(txn, id).await?;
    if expected.is_some_and(|v| v != before.row.version) {
        return Err(AutomationError::Stale {
            what: "the rule",
            current: before.row.version,
        });
    }
    let runs: Vec<Uuid> = txn
        .find::<run::Entity>()
        .filter(run::Column::RuleId.eq(id))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    for chunk in runs.chunks(500) {
        txn.delete_many::<action_run::Entity>()
            .filter(action_run::Column::RunId.is_in(chunk.to_vec()))
            .exec(txn)
            .await?;
    }
    txn.delete_many::<run::Entity>()
        .filter(run::Column::RuleId.eq(id))
        .exec(txn)
        .await?;
    txn.delete_many::<rule::Entity>()
        .filter(rule::Column::Id.eq(id))
        .exec(txn)
        .await?;
    audit_change(
        txn,
        principal,
        "automation_rule.delete",
        Some(&before.row),
        None,
    )
    .await
}
