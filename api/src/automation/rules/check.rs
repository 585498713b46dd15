//! A rule checked against its trigger before it is saved: every field one the trigger offers,
//! every operator one the field takes, every value of the field's type, every action one the
//! event's subject allows with a template it can send. The first fault is 422 naming its field.

use openapi::automation::{Condition, Conditions, FieldType, Operator, RuleAction, TriggerField};
use openapi::events::EventKind;
use openapi::mail::EmailKind;
use openapi::wire;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::automation::error::{AutomationError, RuleProblem};
use crate::automation::rules::fields::{actions_for, fields_of};
use crate::mail::order_emails::{CUSTOMER_ORDER_TEMPLATES, TEAM_ORDER_TEMPLATES};

fn invalid(field: String, problem: RuleProblem) -> AutomationError {
    AutomationError::RuleInvalid { field, problem }
}

/// The event a rule named `trigger` starts from.
pub fn trigger_kind(trigger: &str) -> Result<EventKind, AutomationError> {
    EventKind::from_name(trigger)
        .filter(|kind| kind.triggers_rules())
        .ok_or_else(|| {
            let trigger = trigger.to_owned();
            invalid("trigger".into(), RuleProblem::Trigger { trigger })
        })
}

/// Checks the conditions and the actions (a webhook's endpoint is checked where it is read).
pub fn check_rule(
    kind: EventKind,
    conditions: &Conditions,
    actions: &[RuleAction],
) -> Result<(), AutomationError> {
    let fields = fields_of(kind);
    for (i, condition) in conditions.conditions.iter().enumerate() {
        check_condition(
            kind,
            &fields,
            condition,
            &format!("conditions.conditions[{i}]"),
        )?;
    }
    for (g, group) in conditions.groups.iter().enumerate() {
        for (i, condition) in group.conditions.iter().enumerate() {
            let at = format!("conditions.groups[{g}].conditions[{i}]");
            check_condition(kind, &fields, condition, &at)?;
        }
    }
    for (i, action) in actions.iter().enumerate() {
        check_action(kind, action, i)?;
    }
    Ok(())
}

fn check_condition(
    kind: EventKind,
    fields: &[TriggerField],
    condition: &Condition,
    at: &str,
) -> Result<(), AutomationError> {
    let Some(field) = fields.iter().find(|f| f.path == condition.field) else {
        let problem = RuleProblem::Field {
            field: condition.field.clone(),
            trigger: kind.name().to_owned(),
        };
        return Err(invalid(format!("{at}.field"), problem));
    };
    if !field.operators.contains(&condition.op) {
        let problem = RuleProblem::Operator {
            op: wire::name(&condition.op),
            field: field.path.clone(),
        };
        return Err(invalid(format!("{at}.op"), problem));
    }
    if !value_fits(field, condition.op, condition.value.as_ref()) {
        let problem = RuleProblem::Value {
            field: field.path.clone(),
        };
        return Err(invalid(format!("{at}.value"), problem));
    }
    Ok(())
}

fn value_fits(field: &TriggerField, op: Operator, value: Option<&Value>) -> bool {
    let one = |value: &Value| match field.kind {
        FieldType::Text | FieldType::Tags => value.as_str().is_some_and(|t| !t.trim().is_empty()),
        FieldType::Number => match value {
            Value::Number(_) => true,
            Value::String(text) => text.trim().parse::<Decimal>().is_ok(),
            _ => false,
        },
        FieldType::Boolean => value.is_boolean(),
        FieldType::Choice => value
            .as_str()
            .is_some_and(|t| field.choices.iter().any(|c| c == t)),
    };
    match (op, value) {
        (Operator::IsFirstOrder, None) => true,
        (Operator::IsFirstOrder, Some(_)) | (_, None) => false,
        (Operator::In, Some(Value::Array(items))) => !items.is_empty() && items.iter().all(one),
        (Operator::In, Some(_)) => false,
        (_, Some(value)) => one(value),
    }
}

fn check_action(kind: EventKind, action: &RuleAction, i: usize) -> Result<(), AutomationError> {
    if !actions_for(kind).contains(&action.kind()) {
        let problem = RuleProblem::Subject {
            action: wire::name(&action.kind()),
            trigger: kind.name().to_owned(),
        };
        return Err(invalid(format!("actions[{i}].type"), problem));
    }
    let template_fits = |template: &EmailKind, allowed: &[EmailKind]| allowed.contains(template);
    let wrong_template = match action {
        RuleAction::EmailTeam { template } => {
            (!template_fits(template, TEAM_ORDER_TEMPLATES)).then_some(template)
        }
        RuleAction::EmailCustomer { template } => {
            (!template_fits(template, CUSTOMER_ORDER_TEMPLATES)).then_some(template)
        }
        _ => None,
    };
    if let Some(template) = wrong_template {
        let problem = RuleProblem::Template {
            template: template.as_str().to_owned(),
            action: wire::name(&action.kind()),
        };
        return Err(invalid(format!("actions[{i}].template"), problem));
    }
    Ok(())
}
