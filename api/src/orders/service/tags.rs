//! Tags put on orders and customers (by rules; staff edit a customer's tags with the rest of
//! it). A tag is compared in any case; the first spelling stays.

use serde_json::json;
use uuid::Uuid;

use entity::order;
use openapi::events::{Event, OrderTagged};
use openapi::orders::CustomerPatch;
use sea_orm::{ColumnTrait, QueryFilter};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::orders::error::OrderError;
use crate::orders::service::customer::{find_customer, tags_of, update_customer};
use crate::orders::service::order::{lock_order, tags_of_order};
use crate::outbox;

fn has(tags: &[String], tag: &str) -> bool {
    tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase())
}

/// Puts `tag` on the order, and writes `order.tagged` (with `added` false when it was there).
/// Whether it was added.
pub async fn tag_order(
    conn: &TenantTransaction,
    principal: &Principal,
    order_id: Uuid,
    tag: &str,
) -> Result<bool, OrderError> {
    let tag = tag.trim();
    let order = lock_order(conn, order_id).await?;
    let mut tags = tags_of_order(&order);
    let added = !has(&tags, tag);
    if added {
        tags.push(tag.to_owned());
        conn.update_many::<order::Entity>()
            .set(order::ActiveModel {
                tags: sea_orm::ActiveValue::Set(json!(tags)),
                version: sea_orm::ActiveValue::Set(order.version + 1),
                updated_at: sea_orm::ActiveValue::Set(chrono::Utc::now()),
                ..Default::default()
            })
            .filter(order::Column::Id.eq(order_id))
            .exec(conn)
            .await?;
        let change = Change {
            action: "order.tag",
            entity_type: "order",
            entity_id: Some(order_id),
            before: Some(json!({ "tags": tags_of_order(&order) })),
            after: Some(json!({ "tags": tags })),
        };
        audit::record(conn, principal, change).await?;
    }
    let event = Event::OrderTagged(OrderTagged {
        order_id,
        tag: tag.to_owned(),
        added,
    });
    outbox::emit(conn, &event).await?;
    Ok(added)
}

/// Puts `tag` on the customer. Whether it was added.
pub async fn tag_customer(
    conn: &TenantTransaction,
    principal: &Principal,
    customer_id: Uuid,
    tag: &str,
) -> Result<bool, OrderError> {
    let tag = tag.trim();
    let customer = find_customer(conn, customer_id).await?;
    let mut tags = tags_of(&customer);
    if has(&tags, tag) {
        return Ok(false);
    }
    tags.push(tag.to_owned());
    let patch = CustomerPatch {
        tags: Some(tags),
        ..Default::default()
    };
    update_customer(conn, principal, customer_id, &patch, Some(customer.version)).await?;
    Ok(true)
}
