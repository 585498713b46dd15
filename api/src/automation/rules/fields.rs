//! The fields a rule's conditions may name for each trigger: the event's own (`payload.…`,
//! from the catalogue's example of it) and those of the order or customer it is about.

use openapi::automation::{ActionKind, FieldType, Operator, TriggerField};
use openapi::events::{EventKind, example};
use openapi::orders::OrderStatus;
use openapi::tenancy::Currency;
use serde_json::Value;

/// What an event is about, beyond its own payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Order,
    Customer,
    Nothing,
}

/// The subject of events of `kind`: an order when its payload names one, else a customer
/// when it names one.
pub fn subject_of(kind: EventKind) -> Subject {
    let payload = example(kind).payload().unwrap_or(Value::Null);
    if payload.get("order_id").is_some() {
        Subject::Order
    } else if payload.get("customer_id").is_some() {
        Subject::Customer
    } else {
        Subject::Nothing
    }
}

fn operators(kind: FieldType) -> Vec<Operator> {
    use Operator::*;
    match kind {
        FieldType::Text => vec![Equals, NotEquals, In, Contains],
        FieldType::Number => vec![Equals, NotEquals, GreaterThan, LessThan],
        FieldType::Boolean => vec![Equals],
        FieldType::Tags => vec![HasTag, Contains],
        FieldType::Choice => vec![Equals, NotEquals, In],
    }
}

fn field(path: &str, kind: FieldType) -> TriggerField {
    TriggerField {
        path: path.to_owned(),
        kind,
        operators: operators(kind),
        choices: Vec::new(),
    }
}

fn choice(path: &str, choices: impl IntoIterator<Item = &'static str>) -> TriggerField {
    TriggerField {
        choices: choices.into_iter().map(str::to_owned).collect(),
        ..field(path, FieldType::Choice)
    }
}

fn order_fields() -> Vec<TriggerField> {
    let mut first_order = field("order.first_order", FieldType::Boolean);
    first_order.operators.push(Operator::IsFirstOrder);
    vec![
        field("order.total", FieldType::Number),
        choice("order.currency", Currency::ALL.iter().map(|c| c.as_str())),
        choice("order.status", OrderStatus::ALL.iter().map(|s| s.as_str())),
        field("order.channel", FieldType::Text),
        choice("order.channel_kind", ["web", "marketplace", "physical"]),
        first_order,
        field("order.tags", FieldType::Tags),
        field("order.shipping_state", FieldType::Text),
    ]
}

fn customer_fields() -> Vec<TriggerField> {
    vec![
        field("customer.email", FieldType::Text),
        field("customer.tags", FieldType::Tags),
    ]
}

/// The payload's fields, typed by the catalogue's example of the event.
fn payload_fields(kind: EventKind) -> Vec<TriggerField> {
    let Ok(Value::Object(payload)) = example(kind).payload() else {
        return Vec::new();
    };
    payload
        .iter()
        .filter_map(|(name, value)| {
            let kind = match value {
                Value::String(_) => FieldType::Text,
                Value::Number(_) => FieldType::Number,
                Value::Bool(_) => FieldType::Boolean,
                _ => return None,
            };
            Some(field(&format!("payload.{name}"), kind))
        })
        .collect()
}

/// Every field a condition of a rule started by `kind` may name.
pub fn fields_of(kind: EventKind) -> Vec<TriggerField> {
    let mut fields = payload_fields(kind);
    match subject_of(kind) {
        Subject::Order => {
            fields.extend(order_fields());
            fields.extend(customer_fields());
        }
        Subject::Customer => fields.extend(customer_fields()),
        Subject::Nothing => {}
    }
    fields
}

/// The actions a rule started by `kind` may run: those on an order need an event about one,
/// a customer's tag one about an order or a customer; any event may call a webhook or
/// notify members.
pub fn actions_for(kind: EventKind) -> Vec<ActionKind> {
    let subject = subject_of(kind);
    ActionKind::ALL
        .into_iter()
        .filter(|action| match action {
            ActionKind::CallWebhook | ActionKind::NotifyMembers => true,
            ActionKind::TagCustomer => subject != Subject::Nothing,
            _ => subject == Subject::Order,
        })
        .collect()
}

/// The events a rule may start from.
pub fn triggers() -> impl Iterator<Item = EventKind> {
    EventKind::ALL
        .iter()
        .copied()
        .filter(|kind| kind.triggers_rules())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_event_offers_the_order_and_its_customer() {
        let fields = fields_of(EventKind::OrderPaid);
        let paths: Vec<&str> = fields.iter().map(|f| f.path.as_str()).collect();
        for path in [
            "payload.order_id",
            "payload.from",
            "order.total",
            "customer.tags",
        ] {
            assert!(paths.contains(&path), "{path} in {paths:?}");
        }
        let stock: Vec<String> = fields_of(EventKind::StockLow)
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert!(stock.contains(&"payload.available".to_owned()));
        assert!(!stock.iter().any(|p| p.starts_with("order.")));
    }

    #[test]
    fn any_event_may_notify_members_and_only_an_orders_may_change_it() {
        assert_eq!(
            actions_for(EventKind::StockLow),
            [ActionKind::CallWebhook, ActionKind::NotifyMembers]
        );
        assert_eq!(actions_for(EventKind::OrderPaid), ActionKind::ALL);
    }
}
