//! What a rule's conditions read: the event's payload and the order or customer it is about,
//! as values by field path (`fields.rs` names them).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use entity::{customer, order};
use openapi::events::Event;

use crate::automation::error::AutomationError;
use crate::automation::rules::fields::{Subject, subject_of};
use crate::catalog::service::channel::find_channel;
use crate::db::TenantTransaction;
use crate::orders::service::customer::{find_customer, tags_of};
use crate::orders::service::order::{
    address_of, find_order, is_first_order, reference_of, tags_of_order,
};

/// The values of an event's fields, and the records they came from.
pub struct Facts {
    pub values: BTreeMap<String, Value>,
    pub order: Option<order::Model>,
    pub customer: Option<customer::Model>,
}

impl Facts {
    pub fn value(&self, path: &str) -> &Value {
        self.values.get(path).unwrap_or(&Value::Null)
    }

    /// `#1042`, or nothing when the event is about no order.
    pub fn order_reference(&self) -> String {
        self.order.as_ref().map(reference_of).unwrap_or_default()
    }
}

fn id_in(payload: &Value, name: &str) -> Option<uuid::Uuid> {
    payload
        .get(name)
        .and_then(Value::as_str)
        .and_then(|id| id.parse().ok())
}

/// Reads what the event is about. A record gone since (it is never deleted, so only an odd
/// event) leaves its fields empty.
pub async fn gather(txn: &TenantTransaction, event: &Event) -> Result<Facts, AutomationError> {
    let payload = event.payload().map_err(AutomationError::Body)?;
    let mut values = BTreeMap::new();
    if let Value::Object(fields) = &payload {
        for (name, value) in fields {
            values.insert(format!("payload.{name}"), value.clone());
        }
    }
    let subject = subject_of(event.kind());
    let order = match (subject, id_in(&payload, "order_id")) {
        (Subject::Order, Some(id)) => find_order(txn, id).await.ok(),
        _ => None,
    };
    let customer_id = order
        .as_ref()
        .map(|o| o.customer_id)
        .or_else(|| id_in(&payload, "customer_id"));
    let customer = match customer_id {
        Some(id) if subject != Subject::Nothing => find_customer(txn, id).await.ok(),
        _ => None,
    };
    if let Some(order) = &order {
        order_values(txn, order, &mut values).await?;
    }
    if let Some(customer) = &customer {
        values.insert("customer.email".into(), json!(customer.email));
        values.insert("customer.tags".into(), json!(tags_of(customer)));
    }
    Ok(Facts {
        values,
        order,
        customer,
    })
}

async fn order_values(
    txn: &TenantTransaction,
    order: &order::Model,
    values: &mut BTreeMap<String, Value>,
) -> Result<(), AutomationError> {
    let channel = find_channel(txn, order.channel_id).await?;
    let first = is_first_order(txn, order).await?;
    let mut put = |path: &str, value: Value| {
        values.insert(path.to_owned(), value);
    };
    put("order.total", json!(order.total.0.to_string()));
    put("order.currency", json!(order.currency.as_str()));
    put("order.status", json!(order.status.as_str()));
    put("order.channel", json!(channel.name));
    put("order.channel_kind", json!(channel.kind.as_str()));
    put("order.first_order", json!(first));
    put("order.tags", json!(tags_of_order(order)));
    put("order.shipping_state", json!(address_of(order).state));
    Ok(())
}
