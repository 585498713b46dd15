//! The demo store's webhook endpoint: its ERP's address, switched off after a delivery failed
//! for about three days, with a log of deliveries taken at once, taken after a retry, and the
//! one that failed (never sent: the demo has no network).

use chrono::{DateTime, Duration, SubsecRound, Utc};
use openapi::automation::{DeliveryStatus, DisabledReason, WebhookEndpointIn};
use openapi::events::{Event, OrderMoved, WebhookMessage};
use openapi::orders::OrderStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveEnum, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use entity::{
    webhook_attempt as attempt, webhook_delivery as delivery, webhook_endpoint as endpoint,
};

use crate::access::Principal;
use crate::automation::error::AutomationError;
use crate::automation::service::endpoint::{CheckedUrl, create};
use crate::db::TenantTransaction;
use crate::sealed::Sealer;

/// Under `.example` (RFC 2606): no one's address, never resolved.
const URL: &str = "https://erp.loja-demo.example/webhooks/retaguarda";

/// An attempt: (minutes after the event, status or none, latency in ms, answer or error).
type Try = (i64, Option<i32>, i32, &'static str);

/// Per order paid: how its delivery went.
const HISTORIES: &[&[Try]] = &[
    &[(0, Some(200), 142, r#"{"recebido":true}"#)],
    &[
        (0, Some(503), 88, "Service Unavailable"),
        (1, Some(200), 131, r#"{"recebido":true}"#),
    ],
    &[(0, Some(200), 97, r#"{"recebido":true}"#)],
];

/// The failed delivery's attempts, minutes after the event (5 s … 24 h, then it failed).
const FAILED_AT: [i64; 12] = [0, 1, 1, 3, 13, 43, 103, 283, 643, 1363, 2803, 4243];

/// Adds the endpoint and its log, for the paid `orders` (newest first).
pub async fn seed(
    txn: &TenantTransaction,
    owner: &Principal,
    sealer: &Sealer,
    orders: &[Uuid],
) -> Result<(), AutomationError> {
    let input = WebhookEndpointIn {
        url: URL.to_owned(),
        events: vec!["order.*".to_owned(), "stock.low".to_owned()],
        description: Some("ERP (homologação)".to_owned()),
        enabled: Some(false),
    };
    let (made, _) = create(txn, owner, sealer, CheckedUrl::unresolved(URL)?, &input).await?;
    txn.update_many::<endpoint::Entity>()
        .col_expr(
            endpoint::Column::DisabledReason,
            Expr::value(DisabledReason::Failing.to_value()),
        )
        .filter(endpoint::Column::Id.eq(made.id))
        .exec(txn)
        .await?;
    let now = Utc::now().trunc_subsecs(6);
    let failed_tries: Vec<Try> = FAILED_AT
        .iter()
        .map(|&minutes| (minutes, None, 10_000, "operation timed out"))
        .collect();
    // Oldest first: a log lists its newest first by id, which grows with time.
    let logged = orders.iter().take(HISTORIES.len() + 1).enumerate().rev();
    for (index, order_id) in logged {
        let tries = HISTORIES.get(index).copied().unwrap_or(&failed_tries);
        // Within the week, the failed one's retries (three days) ending a day ago.
        let at = now - Duration::days(4) - Duration::hours(i64::try_from(index).unwrap_or(0));
        write(txn, &made, *order_id, at, tries).await?;
    }
    Ok(())
}

/// One delivery of `order.paid` for `order_id`, written at `at`, and its attempts.
async fn write(
    txn: &TenantTransaction,
    made: &endpoint::Model,
    order_id: Uuid,
    at: DateTime<Utc>,
    tries: &[Try],
) -> Result<(), AutomationError> {
    let event = Event::OrderPaid(OrderMoved {
        order_id,
        from: OrderStatus::PendingPayment,
    });
    let body = WebhookMessage::of(&event, at).map_err(AutomationError::Body)?;
    let last = tries.last().copied().unwrap_or((0, None, 0, ""));
    let last_at = at + Duration::minutes(last.0);
    let succeeded = last.1 == Some(200);
    let row = delivery::Model {
        tenant_id: made.tenant_id,
        id: Uuid::now_v7(),
        endpoint_id: made.id,
        event_id: Uuid::now_v7(),
        event_type: event.kind().name().to_owned(),
        body: serde_json::to_string(&body).map_err(AutomationError::Body)?,
        status: if succeeded {
            DeliveryStatus::Succeeded
        } else {
            DeliveryStatus::Failed
        },
        attempts: i32::try_from(tries.len()).unwrap_or(i32::MAX),
        next_attempt_at: None,
        last_status: last.1,
        last_error: (!succeeded).then(|| last.3.to_owned()),
        created_at: at,
        updated_at: last_at,
        delivered_at: succeeded.then_some(last_at),
    };
    delivery::Entity::insert(delivery::ActiveModel::from(row.clone()))
        .exec_without_returning(txn)
        .await?;
    let attempts = tries.iter().map(|&(minutes, status, latency, text)| {
        let answered = status.is_some();
        attempt::ActiveModel::from(attempt::Model {
            tenant_id: row.tenant_id,
            id: Uuid::now_v7(),
            delivery_id: row.id,
            endpoint_id: row.endpoint_id,
            at: at + Duration::minutes(minutes),
            status_code: status,
            latency_ms: latency,
            response_excerpt: answered.then(|| text.to_owned()),
            error: (!answered).then(|| text.to_owned()),
        })
    });
    attempt::Entity::insert_many(attempts)
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// The demo store's rules: two ready ones switched on (the first payment, stock running low)
/// and its own on big marketplace orders, which the demo's orders run through once the server
/// starts (their events wait in the outbox), so the run log and the bell show something.
pub async fn seed_rules(txn: &TenantTransaction, owner: &Principal) -> Result<(), AutomationError> {
    use openapi::automation::{Condition, Conditions, Operator, RuleAction, RuleIn};
    use openapi::tenancy::Role;
    use serde_json::json;

    for key in ["first_payment_team", "stock_low_purchasing"] {
        crate::automation::rules::store::install(txn, owner, key).await?;
    }
    let big = RuleIn {
        name: "Pedidos grandes do marketplace".to_owned(),
        trigger: "order.paid".to_owned(),
        conditions: Conditions {
            conditions: vec![
                Condition {
                    field: "order.total".to_owned(),
                    op: Operator::GreaterThan,
                    value: Some(json!("300.00")),
                },
                Condition {
                    field: "order.channel_kind".to_owned(),
                    op: Operator::Equals,
                    value: Some(json!("marketplace")),
                },
            ],
            ..Conditions::default()
        },
        actions: vec![
            RuleAction::TagOrder {
                tag: "conferir".to_owned(),
            },
            RuleAction::NotifyMembers {
                roles: vec![Role::Owner, Role::Admin],
                note: Some("conferir a embalagem antes de enviar".to_owned()),
            },
        ],
        enabled: Some(true),
    };
    crate::automation::rules::store::create(txn, owner, &big).await?;
    Ok(())
}
