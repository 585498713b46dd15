//! The emails about an order that a store's rules send (`automation`): to the team, in the
//! store's language, or to the customer, in theirs, with the order's whole context.

use openapi::mail::EmailKind;
use uuid::Uuid;

use crate::db::TenantTransaction;
use crate::mail::compose::{ComposeError, gather, order_context, tell_staff};
use crate::mail::service::{Draft, Outgoing, prepare};
use crate::orders::service::customer::locale_of;
use crate::orders::service::settings::settings_of;

/// The staff emails a rule may send about an order (its context is `order_context`).
pub const TEAM_ORDER_TEMPLATES: &[EmailKind] =
    &[EmailKind::StaffOrderPaid, EmailKind::StaffOrderHeld];

/// The customer emails a rule may send about an order.
pub const CUSTOMER_ORDER_TEMPLATES: &[EmailKind] = &[EmailKind::OrderConfirmation];

/// An email about the order to its customer, in their language: none when they have no address.
pub async fn order_email_to_customer(
    conn: &TenantTransaction,
    order_id: Uuid,
    kind: EmailKind,
    public_url: &str,
) -> Result<Vec<Outgoing>, ComposeError> {
    let facts = gather(conn, order_id).await?;
    let settings = settings_of(conn).await?;
    let Some(to) = &facts.customer.email else {
        return Ok(Vec::new());
    };
    let locale = locale_of(&facts.customer);
    let context = order_context(&facts, locale, public_url, settings.reply_to.as_deref());
    let draft = Draft {
        kind,
        locale,
        to: to.clone(),
        reply_to: settings.reply_to.clone(),
        reference: Some(("order".to_owned(), facts.view.order.id)),
        secret: None,
    };
    Ok(vec![prepare(conn, draft, context).await?])
}

/// An email about the order to the store's team, in the store's language, with everything
/// needed to pick and ship; replies to a paid order's go to its customer.
pub async fn order_email_to_team(
    conn: &TenantTransaction,
    order_id: Uuid,
    kind: EmailKind,
    public_url: &str,
) -> Result<Vec<Outgoing>, ComposeError> {
    let facts = gather(conn, order_id).await?;
    let settings = settings_of(conn).await?;
    let locale = facts.store.locale;
    let context = order_context(&facts, locale, public_url, settings.reply_to.as_deref());
    let reply_to = match kind {
        EmailKind::StaffOrderPaid => facts.customer.email.clone(),
        _ => None,
    };
    tell_staff(conn, &facts, kind, locale, reply_to, &context).await
}
