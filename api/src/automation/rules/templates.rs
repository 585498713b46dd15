//! Ready rules a store switches on in one click. The first set replaced what the mail module
//! sent the team by itself (an order paid or approved, an order held): every store is given
//! those switched on (`ensure_given`), so a store that never opened its rules loses nothing.
//! The others tell members in the app of a first payment, low stock, an overdue instalment,
//! a blocked customer, a late shipment, a return requested.

use chrono::Utc;
use openapi::automation::{Condition, Conditions, Operator, RuleAction};
use openapi::events::EventKind;
use openapi::mail::EmailKind;
use openapi::tenancy::Role;
use sea_orm::sea_query::OnConflict;
use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::json;
use uuid::Uuid;

use entity::{TenantId, automation_rule as rule, automation_settings as settings};

use crate::automation::error::AutomationError;
use crate::db::{self, Access, TenantTransaction};
use crate::i18n::Key;

pub struct Template {
    pub key: &'static str,
    pub name: Key,
    pub about: Key,
    pub trigger: EventKind,
    /// Given switched on to every store.
    pub given: bool,
    pub conditions: fn() -> Conditions,
    pub actions: fn() -> Vec<RuleAction>,
}

fn none() -> Conditions {
    Conditions::default()
}

fn first_order() -> Conditions {
    Conditions {
        conditions: vec![Condition {
            field: "order.first_order".to_owned(),
            op: Operator::IsFirstOrder,
            value: None,
        }],
        ..Conditions::default()
    }
}

fn team_paid() -> Vec<RuleAction> {
    vec![RuleAction::EmailTeam {
        template: EmailKind::StaffOrderPaid,
    }]
}

fn team_held() -> Vec<RuleAction> {
    vec![RuleAction::EmailTeam {
        template: EmailKind::StaffOrderHeld,
    }]
}

/// The owners, admins and managers.
fn tell_managers() -> Vec<RuleAction> {
    vec![RuleAction::NotifyMembers {
        roles: vec![Role::Owner, Role::Admin, Role::Manager],
        note: None,
    }]
}

fn tell_owners() -> Vec<RuleAction> {
    vec![RuleAction::NotifyMembers {
        roles: vec![Role::Owner, Role::Admin],
        note: None,
    }]
}

fn tell_everyone() -> Vec<RuleAction> {
    vec![RuleAction::NotifyMembers {
        roles: Vec::new(),
        note: None,
    }]
}

pub const TEMPLATES: &[Template] = &[
    Template {
        key: "order_paid_team",
        name: Key::TemplateOrderPaidTeam,
        about: Key::TemplateOrderPaidTeamAbout,
        trigger: EventKind::OrderPaid,
        given: true,
        conditions: none,
        actions: team_paid,
    },
    Template {
        key: "order_approved_team",
        name: Key::TemplateOrderApprovedTeam,
        about: Key::TemplateOrderApprovedTeamAbout,
        trigger: EventKind::OrderApproved,
        given: true,
        conditions: none,
        actions: team_paid,
    },
    Template {
        key: "order_held_team",
        name: Key::TemplateOrderHeldTeam,
        about: Key::TemplateOrderHeldTeamAbout,
        trigger: EventKind::OrderHeld,
        given: true,
        conditions: none,
        actions: team_held,
    },
    Template {
        key: "first_payment_team",
        name: Key::TemplateFirstPaymentTeam,
        about: Key::TemplateFirstPaymentTeamAbout,
        trigger: EventKind::OrderPaid,
        given: false,
        conditions: first_order,
        actions: team_paid,
    },
    Template {
        key: "stock_low_purchasing",
        name: Key::TemplateStockLowPurchasing,
        about: Key::TemplateStockLowPurchasingAbout,
        trigger: EventKind::StockLow,
        given: false,
        conditions: none,
        actions: tell_managers,
    },
    Template {
        key: "receivable_overdue_owners",
        name: Key::TemplateReceivableOverdueOwners,
        about: Key::TemplateReceivableOverdueOwnersAbout,
        trigger: EventKind::ReceivableOverdue,
        given: false,
        conditions: none,
        actions: tell_owners,
    },
    Template {
        key: "customer_blocked_team",
        name: Key::TemplateCustomerBlockedTeam,
        about: Key::TemplateCustomerBlockedTeamAbout,
        trigger: EventKind::CustomerBlocked,
        given: false,
        conditions: none,
        actions: tell_managers,
    },
    Template {
        key: "shipment_late_team",
        name: Key::TemplateShipmentLateTeam,
        about: Key::TemplateShipmentLateTeamAbout,
        trigger: EventKind::ShipmentLate,
        given: false,
        conditions: none,
        actions: tell_everyone,
    },
    Template {
        key: "return_requested_team",
        name: Key::TemplateReturnRequestedTeam,
        about: Key::TemplateReturnRequestedTeamAbout,
        trigger: EventKind::ReturnRequested,
        given: false,
        conditions: none,
        actions: tell_everyone,
    },
];

/// The set of given templates above: a store whose `templates_installed` is lower is given
/// them (once: a store may switch them off or delete them).
const GIVEN_SET: i32 = 1;

pub fn template(key: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.key == key)
}

/// The rule a template makes, for the store of `tenant_id`.
pub fn rule_of(template: &Template, tenant_id: TenantId) -> rule::Model {
    let now = Utc::now();
    rule::Model {
        tenant_id,
        id: Uuid::now_v7(),
        name: None,
        trigger: template.trigger.name().to_owned(),
        conditions: json!((template.conditions)()),
        actions: json!((template.actions)()),
        enabled: true,
        template: Some(template.key.to_owned()),
        version: 1,
        created_at: now,
        updated_at: now,
    }
}

/// Gives the store the templates every store has, unless it was given them already: a read
/// when it was, one write transaction the first time.
pub async fn ensure_given(
    db: &DatabaseConnection,
    tenant_id: TenantId,
) -> Result<(), AutomationError> {
    let txn = db::begin_tenant(db, tenant_id, Access::Read).await?;
    let given = installed(&txn).await?;
    txn.commit().await?;
    if given >= GIVEN_SET {
        return Ok(());
    }
    let txn = db::begin_tenant(db, tenant_id, Access::Write).await?;
    give(&txn).await?;
    txn.commit().await?;
    Ok(())
}

async fn installed(txn: &TenantTransaction) -> Result<i32, AutomationError> {
    let row = txn.find::<settings::Entity>().one(txn).await?;
    Ok(row.map_or(0, |r| r.templates_installed))
}

async fn give(txn: &TenantTransaction) -> Result<(), AutomationError> {
    let tenant_id = txn.tenant();
    let rows = TEMPLATES
        .iter()
        .filter(|t| t.given)
        .map(|t| rule::ActiveModel::from(rule_of(t, tenant_id)));
    rule::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([rule::Column::TenantId, rule::Column::Template])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    let row = settings::Model {
        tenant_id,
        templates_installed: GIVEN_SET,
        updated_at: Utc::now(),
    };
    settings::Entity::insert(settings::ActiveModel::from(row))
        .on_conflict(
            OnConflict::column(settings::Column::TenantId)
                .update_columns([
                    settings::Column::TemplatesInstalled,
                    settings::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::automation::rules::check::check_rule;

    #[test]
    fn every_template_makes_a_rule_its_trigger_accepts() {
        for template in TEMPLATES {
            let checked = check_rule(
                template.trigger,
                &(template.conditions)(),
                &(template.actions)(),
            );
            assert!(checked.is_ok(), "{}: {checked:?}", template.key);
        }
    }
}
