//! Customers' emails of returns: the delivered order's email with the link to ask for a return,
//! and a return approved (authorization code, instructions) or declined (the reason). The link's
//! token is never stored: the stored email shows `REDACTED`, and the sender signs the token
//! again from the email itself (`link_of`) when it hands the message over.

use chrono::Duration;
use openapi::events::OrderMoved;
use openapi::logistics::ReturnMoved;
use openapi::mail::EmailKind;
use serde_json::json;
use uuid::Uuid;

use crate::db::TenantTransaction;
use crate::logistics::returns::service::read::get_return;
use crate::logistics::returns::service::settings::settings_of as return_rules;
use crate::logistics::returns::service::token;
use crate::mail::compose::{ComposeError, gather, order_context};
use crate::mail::error::MailError;
use crate::mail::service::{Draft, Outgoing, REDACTED, find_email, prepare};
use crate::orders::service::customer::locale_of;
use crate::orders::service::settings::settings_of;

/// `order.delivered`: to the customer, in their language, with the return link.
pub async fn order_delivered(
    conn: &TenantTransaction,
    delivered: &OrderMoved,
    public_url: &str,
) -> Result<Vec<Outgoing>, ComposeError> {
    customer_email(
        conn,
        delivered.order_id,
        EmailKind::OrderDelivered,
        public_url,
        None,
    )
    .await
}

/// `return.approved` and `return.declined`: to the customer, in their language.
pub async fn return_reviewed(
    conn: &TenantTransaction,
    moved: &ReturnMoved,
    kind: EmailKind,
    public_url: &str,
) -> Result<Vec<Outgoing>, ComposeError> {
    let view = get_return(conn, moved.return_id).await?;
    let lines: Vec<_> = view
        .lines
        .iter()
        .map(|l| json!({ "sku": l.sku, "quantity": l.quantity }))
        .collect();
    let returns = json!({
        "authorization_code": view.head.authorization_code,
        "instructions": view.head.instructions,
        "reason": view.head.decline_reason,
        "lines": lines,
    });
    customer_email(conn, moved.order_id, kind, public_url, Some(returns)).await
}

async fn customer_email(
    conn: &TenantTransaction,
    order_id: Uuid,
    kind: EmailKind,
    public_url: &str,
    returns: Option<serde_json::Value>,
) -> Result<Vec<Outgoing>, ComposeError> {
    let facts = gather(conn, order_id).await?;
    let Some(to) = facts.customer.email.clone() else {
        return Ok(Vec::new());
    };
    let reply_to = settings_of(conn).await?.reply_to;
    let locale = locale_of(&facts.customer);
    let mut context = order_context(&facts, locale, public_url, reply_to.as_deref());
    let rules = return_rules(conn).await?;
    let mut returns = returns.unwrap_or_else(|| json!({}));
    returns["url"] = json!(format!("{public_url}/p/returns/{REDACTED}"));
    returns["regret_days"] = json!(rules.regret_days);
    returns["defect_days"] = json!(rules.defect_days);
    context["returns"] = returns;
    let draft = Draft {
        kind,
        locale,
        to,
        reply_to,
        reference: Some(("order".to_owned(), facts.view.order.id)),
        secret: None,
    };
    Ok(vec![prepare(conn, draft, context).await?])
}

/// The return link an email carries in place of `REDACTED`: a delivered order's email's,
/// signed again from the email (its order, and its time plus the link's days); none for
/// another email.
pub async fn link_of(
    conn: &TenantTransaction,
    email_id: Uuid,
    secret: &[u8],
) -> Result<Option<String>, MailError> {
    let email = find_email(conn, email_id).await?;
    let (EmailKind::OrderDelivered, Some(order_id)) = (email.kind, email.reference_id) else {
        return Ok(None);
    };
    let expires = email.created_at + Duration::days(token::LINK_DAYS);
    Ok(Some(token::sign(secret, conn.tenant(), order_id, expires)))
}
