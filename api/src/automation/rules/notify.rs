//! The `notify_members` action: one notification per member of the roles named (every member
//! when none is), saying which rule, which event and about what, with the rule's note; and
//! the email of it to those who get its topic by email.

use openapi::automation::NotificationTopic;
use openapi::events::EventKind;
use openapi::tenancy::Role;
use uuid::Uuid;

use crate::automation::error::AutomationError;
use crate::automation::notifications::{Notice, recipients};
use crate::automation::rules::facts::Facts;
use crate::automation::rules::store::Rule;
use crate::automation::rules::templates::template;
use crate::db::TenantTransaction;
use crate::i18n::{self, Arg, Key, Message};
use crate::mail::notifications::{self as mail, notification_email};
use crate::mail::service::Outgoing;
use crate::tenancy::service::tenant::find_tenant;

/// What the action writes: the notice, its rows' ids by member, and the emails.
pub struct Notifying {
    pub notice: Notice,
    pub users: Vec<(Uuid, Uuid)>,
    pub emails: Vec<Outgoing>,
}

/// The rule's name as its readers read it: its own, or its template's.
fn rule_name(rule: &Rule) -> Arg {
    match (
        &rule.row.name,
        rule.row.template.as_deref().and_then(template),
    ) {
        (Some(name), _) => Arg::from(name.as_str()),
        (None, Some(template)) => Arg::from(template.name),
        (None, None) => Arg::from(""),
    }
}

/// The page of the web app the event is about: a return's, low stock's replenishment, else
/// its order's or its customer's.
pub fn link(event_type: &str, facts: &Facts) -> Option<String> {
    if let Some(id) = facts.value("payload.return_id").as_str() {
        return Some(format!("/rma/{id}"));
    }
    if event_type == EventKind::StockLow.name() {
        return Some("/stock/replenishment".to_owned());
    }
    match (&facts.order, &facts.customer) {
        (Some(order), _) => Some(format!("/orders/{}", order.id)),
        (None, Some(customer)) => Some(format!("/customers/{}", customer.id)),
        _ => None,
    }
}

pub fn message(rule: &Rule, event_type: &str, facts: &Facts, note: Option<&str>) -> Message {
    let about = facts
        .order
        .as_ref()
        .map(|_| facts.order_reference())
        .or_else(|| facts.customer.as_ref().map(|c| c.name.clone()))
        .unwrap_or_default();
    let message = match note {
        Some(note) => Message::new(Key::NotificationRuleNote).with("note", note),
        None => Message::new(Key::NotificationRule),
    };
    message
        .with("rule", rule_name(rule))
        .with("event", event_type)
        .with("about", about)
}

pub struct Asked<'a> {
    pub rule: &'a Rule,
    pub roles: &'a [Role],
    pub note: Option<&'a str>,
    pub event_id: Uuid,
    pub event_type: &'a str,
}

/// Gathers the notifications and emails (in the action's read transaction).
pub async fn prepare(
    txn: &TenantTransaction,
    asked: Asked<'_>,
    facts: &Facts,
    public_url: &str,
) -> Result<Notifying, AutomationError> {
    let topic = NotificationTopic::of_event(asked.event_type);
    let notice = Notice {
        topic,
        message: message(asked.rule, asked.event_type, facts, asked.note),
        link: link(asked.event_type, facts),
        rule_id: Some(asked.rule.row.id),
        event_id: asked.event_id,
    };
    let locale = find_tenant(txn).await?.locale;
    let text = i18n::render(&notice.message, locale);
    let mut users = Vec::new();
    let mut emails = Vec::new();
    for member in recipients(txn, asked.roles, topic).await? {
        let id = Uuid::now_v7();
        users.push((id, member.user_id));
        if member.by_email {
            let notice = mail::Notice {
                id,
                to: &member.email,
                text: &text,
                link: notice.link.as_deref(),
            };
            emails.push(notification_email(txn, notice, public_url).await?);
        }
    }
    Ok(Notifying {
        notice,
        users,
        emails,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn facts(values: &[(&str, serde_json::Value)]) -> Facts {
        Facts {
            values: values
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
            order: None,
            customer: None,
        }
    }

    #[test]
    fn a_notification_links_to_the_page_of_what_it_is_about() {
        let id = "0196f5a0-0000-7000-8000-0000000000a1";
        let returned = facts(&[("payload.return_id", json!(id))]);
        assert_eq!(
            link("return.requested", &returned),
            Some(format!("/rma/{id}"))
        );
        let stock = facts(&[("payload.available", json!(2))]);
        assert_eq!(
            link("stock.low", &stock).as_deref(),
            Some("/stock/replenishment")
        );
        assert_eq!(link("dunning.step_due", &facts(&[])), None);
    }
}
