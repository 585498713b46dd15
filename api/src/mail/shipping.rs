//! The emails of an order's way to the customer: shipped (tracking codes and links, the
//! promised day) and late (the team each time a fulfilment becomes late; the customer once,
//! with the new estimate).

use chrono::NaiveDate;
use openapi::events::{OrderMoved, ShipmentLate};
use openapi::logistics::Lateness;
use openapi::mail::EmailKind;
use openapi::tenancy::Locale;
use serde_json::{Value, json};

use crate::db::TenantTransaction;
use crate::logistics::error::LogisticsError;
use crate::logistics::service::fulfilment::facts::{dispatch_of, packages_of};
use crate::mail::compose::{ComposeError, OrderFacts, gather, order_context, tell_staff};
use crate::mail::service::{Draft, Outgoing, prepare};
use crate::orders::service::customer::locale_of;
use crate::orders::service::settings::settings_of;

/// A day as the reader writes it.
pub fn local_date(day: NaiveDate, locale: Locale) -> String {
    match locale {
        Locale::PtBr | Locale::Es => day.format("%d/%m/%Y").to_string(),
        Locale::En => day.format("%b %-d, %Y").to_string(),
    }
}

async fn shipping(
    conn: &TenantTransaction,
    facts: &OrderFacts,
    locale: Locale,
) -> Result<Value, ComposeError> {
    let packages = packages_of(conn, facts.view.order.id)
        .await
        .map_err(logistics)?;
    Ok(json!({
        "promised_delivery": facts.view.order.promised_delivery.map(|d| local_date(d, locale)),
        "packages": packages.iter().map(|p| json!({
            "carrier": p.carrier, "service": p.service, "code": p.code, "url": p.url,
        })).collect::<Vec<_>>(),
    }))
}

fn logistics(error: LogisticsError) -> ComposeError {
    ComposeError::Logistics(Box::new(error))
}

/// The customer's email, in their language, if they have an address.
async fn to_customer(
    conn: &TenantTransaction,
    facts: &OrderFacts,
    kind: EmailKind,
    context: Value,
) -> Result<Option<Outgoing>, ComposeError> {
    let Some(to) = &facts.customer.email else {
        return Ok(None);
    };
    let settings = settings_of(conn).await?;
    let draft = Draft {
        kind,
        locale: locale_of(&facts.customer),
        to: to.clone(),
        reply_to: settings.reply_to.clone(),
        reference: Some(("order".to_owned(), facts.view.order.id)),
        secret: None,
    };
    Ok(Some(prepare(conn, draft, context).await?))
}

/// `order.shipped`: the customer's tracking codes and links and the promised day.
pub async fn order_shipped(
    conn: &TenantTransaction,
    shipped: &OrderMoved,
    public_url: &str,
) -> Result<Vec<Outgoing>, ComposeError> {
    let facts = gather(conn, shipped.order_id).await?;
    let locale = locale_of(&facts.customer);
    let settings = settings_of(conn).await?;
    let mut context = order_context(&facts, locale, public_url, settings.reply_to.as_deref());
    context["shipping"] = shipping(conn, &facts, locale).await?;
    let kind = EmailKind::OrderShipped;
    Ok(to_customer(conn, &facts, kind, context)
        .await?
        .into_iter()
        .collect())
}

/// `shipment.late`: the team each time; the customer when the event says so.
pub async fn shipment_late(
    conn: &TenantTransaction,
    late: &ShipmentLate,
    public_url: &str,
) -> Result<Vec<Outgoing>, ComposeError> {
    let facts = gather(conn, late.order_id).await?;
    let dispatch = dispatch_of(conn, late.fulfilment_id)
        .await
        .map_err(logistics)?;
    let settings = settings_of(conn).await?;
    let context_in = |locale: Locale, shipping: Value| {
        let mut context = order_context(&facts, locale, public_url, settings.reply_to.as_deref());
        context["shipping"] = shipping;
        context["delay"] = json!({
            "late_to_ship": late.lateness != Lateness::LateInTransit,
            "new_estimate": late.new_estimate.map(|d| local_date(d, locale)),
            "ship_by": dispatch.ship_by.map(|d| local_date(d, locale)),
            "location": dispatch.location,
        });
        context
    };
    let store_locale = facts.store.locale;
    let context = context_in(store_locale, shipping(conn, &facts, store_locale).await?);
    let kind = EmailKind::StaffShipmentLate;
    let reply_to = facts.customer.email.clone();
    let mut emails = tell_staff(conn, &facts, kind, store_locale, reply_to, &context).await?;
    if late.tell_customer {
        let locale = locale_of(&facts.customer);
        let context = context_in(locale, shipping(conn, &facts, locale).await?);
        emails.extend(to_customer(conn, &facts, EmailKind::OrderDelayed, context).await?);
    }
    Ok(emails)
}
