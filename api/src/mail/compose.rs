//! Turning events into emails: what each email says is gathered here (in the worker's read
//! transaction), in the language of its reader (the customer's for the confirmation, the
//! store's for the team); the worker renders them outside it and queues them.

use crate::db::TenantTransaction;
use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use openapi::events::{InvitationCreated, OrderMoved};
use openapi::format;
use openapi::mail::EmailKind;
use openapi::orders::{Address, PaymentMethod};
use openapi::tenancy::Locale;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use uuid::Uuid;

use entity::closed_sets::PaymentKind;
use entity::{customer, order, tenant};

use crate::error::{DomainError, ErrorKind};
use crate::inventory::error::InventoryError;
use crate::inventory::service::location::find_location;
use crate::logistics::returns::error::ReturnError;
use crate::mail::error::MailError;
use crate::mail::service::{Draft, Outgoing, REDACTED, prepare};
use crate::orders::error::OrderError;
use crate::orders::service::customer::find_customer;
use crate::orders::service::order::{self as orders, OrderView};
use crate::orders::service::payment::payments_of;
use crate::orders::service::settings::settings_of;
use crate::tenancy::error::TenancyError;
use crate::tenancy::service::invitation;
use crate::tenancy::service::member::owner_emails;
use crate::tenancy::service::tenant::{find_tenant, stored_timezone};

#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error(transparent)]
    Orders(#[from] OrderError),
    #[error(transparent)]
    Inventory(#[from] InventoryError),
    #[error(transparent)]
    Tenancy(#[from] TenancyError),
    #[error(transparent)]
    Mail(#[from] MailError),
    #[error(transparent)]
    Logistics(Box<crate::logistics::error::LogisticsError>),
    #[error(transparent)]
    Returns(#[from] ReturnError),
    #[error(transparent)]
    Finance(Box<crate::finance::error::FinanceError>),
    #[error(transparent)]
    Database(#[from] sea_orm::DbErr),
}

impl ComposeError {
    pub fn finance(error: crate::finance::error::FinanceError) -> Self {
        ComposeError::Finance(Box::new(error))
    }
}

impl DomainError for ComposeError {
    fn kind(&self) -> ErrorKind {
        match self {
            ComposeError::Orders(inner) => inner.kind(),
            ComposeError::Inventory(inner) => inner.kind(),
            ComposeError::Tenancy(inner) => inner.kind(),
            ComposeError::Mail(inner) => inner.kind(),
            ComposeError::Logistics(inner) => inner.kind(),
            ComposeError::Returns(inner) => inner.kind(),
            ComposeError::Finance(inner) => inner.kind(),
            ComposeError::Database(_) => ErrorKind::Internal,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ComposeError::Orders(inner) => inner.code(),
            ComposeError::Inventory(inner) => inner.code(),
            ComposeError::Tenancy(inner) => inner.code(),
            ComposeError::Mail(inner) => inner.code(),
            ComposeError::Logistics(inner) => inner.code(),
            ComposeError::Returns(inner) => inner.code(),
            ComposeError::Finance(inner) => inner.code(),
            ComposeError::Database(_) => "internal",
        }
    }
}

/// A time as the store's people read it, in the store's time zone.
pub fn local_time(at: DateTime<Utc>, tz: Tz, locale: Locale) -> String {
    let at = at.with_timezone(&tz);
    match locale {
        Locale::PtBr | Locale::Es => at.format("%d/%m/%Y %H:%M").to_string(),
        Locale::En => at.format("%b %-d, %Y %H:%M").to_string(),
    }
}

fn address_lines(address: &Address) -> Vec<String> {
    let mut street = format!("{}, {}", address.street, address.number);
    if let Some(complement) = &address.complement {
        street = format!("{street} {complement}");
    }
    let mut lines = Vec::new();
    if let Some(recipient) = &address.recipient {
        lines.push(recipient.clone());
    }
    lines.push(street);
    if let Some(district) = &address.district {
        lines.push(district.clone());
    }
    lines.push(format!("{} - {}", address.city, address.state));
    lines.push(format!("{} {}", address.postal_code, address.country));
    lines
}

/// Everything about an order the emails may show.
pub(super) struct OrderFacts {
    pub(super) view: OrderView,
    pub(super) customer: customer::Model,
    pub(super) store: tenant::Model,
    pub(super) timezone: Tz,
    first_order: bool,
    location_names: Vec<(Uuid, String)>,
    payments: Vec<(Option<PaymentMethod>, Decimal)>,
}

pub(super) async fn gather(
    conn: &TenantTransaction,
    order_id: Uuid,
) -> Result<OrderFacts, ComposeError> {
    let view = orders::get_order(conn, order_id).await?;
    let customer = find_customer(conn, view.order.customer_id).await?;
    let store = find_tenant(conn).await?;
    let timezone = stored_timezone(&store)?;
    let first_order = orders::is_first_order(conn, &view.order).await?;
    let mut location_names = Vec::new();
    let ids: BTreeSet<Uuid> = view.lines.iter().map(|l| l.location_id).collect();
    for id in ids {
        location_names.push((id, find_location(conn, id).await?.name));
    }
    let payments = payments_of(conn, order_id)
        .await?
        .into_iter()
        .filter(|p| p.kind == PaymentKind::Payment)
        .map(|p| (p.method, p.amount.0))
        .collect();
    Ok(OrderFacts {
        view,
        customer,
        store,
        timezone,
        first_order,
        location_names,
        payments,
    })
}

fn method_words(method: Option<PaymentMethod>, locale: Locale) -> String {
    let words = match (method, locale) {
        (Some(PaymentMethod::Pix), _) => "Pix",
        (Some(PaymentMethod::Boleto), _) => "Boleto",
        (Some(PaymentMethod::Card), Locale::PtBr) => "Cartão",
        (Some(PaymentMethod::Card), Locale::Es) => "Tarjeta",
        (Some(PaymentMethod::Card), Locale::En) => "Card",
        (Some(PaymentMethod::Cash), Locale::PtBr) => "Dinheiro",
        (Some(PaymentMethod::Cash), Locale::Es) => "Efectivo",
        (Some(PaymentMethod::Cash), Locale::En) => "Cash",
        (Some(PaymentMethod::Transfer), Locale::PtBr) => "Transferência",
        (Some(PaymentMethod::Transfer), Locale::Es) => "Transferencia",
        (Some(PaymentMethod::Transfer), Locale::En) => "Bank transfer",
        (None, _) => "",
    };
    words.to_owned()
}

/// The template variables of an order's emails, money and times written for `locale`.
pub(super) fn order_context(
    facts: &OrderFacts,
    locale: Locale,
    public_url: &str,
    reply_to: Option<&str>,
) -> Value {
    let order: &order::Model = &facts.view.order;
    let currency = order.currency;
    let money = |value: Decimal| format::money(value, currency, locale);
    let location = |id: Uuid| {
        facts
            .location_names
            .iter()
            .find(|(l, _)| *l == id)
            .map(|(_, name)| name.clone())
            .unwrap_or_default()
    };
    let lines: Vec<Value> = facts
        .view
        .lines
        .iter()
        .map(|line| {
            json!({
                "sku": line.sku,
                "name": line.name,
                "quantity": line.quantity,
                "unit_price": money(line.unit_price.0),
                "total": money(line.total.0),
                "location": location(line.location_id),
            })
        })
        .collect();
    let address = orders::address_of(order);
    let address_lines = address_lines(&address);
    let pick_from: Vec<String> = facts
        .location_names
        .iter()
        .map(|(_, n)| n.clone())
        .collect();
    let tz = facts.timezone;
    json!({
        "store": { "name": facts.store.name, "reply_to": reply_to },
        "customer": {
            "name": facts.customer.name,
            "email": facts.customer.email,
            "phone": facts.customer.phone,
            "tax_id": facts.customer.tax_id,
            "first_order": facts.first_order,
        },
        "order": {
            "reference": orders::reference_of(order),
            "number": order.number,
            "created_at": local_time(order.created_at, tz, locale),
            "paid_at": order.paid_at.map(|at| local_time(at, tz, locale)),
            "subtotal": money(order.subtotal.0),
            "discount": money(order.discount.0),
            "has_discount": !order.discount.0.is_zero(),
            "shipping_fee": money(order.shipping_fee.0),
            "total": money(order.total.0),
            "paid": money(order.paid.0),
            // On credit terms: `30/60/90`; empty (false in a template) when paid up front.
            "payment_terms": crate::orders::service::credit::order_terms(order)
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join("/"),
            "lines": lines,
            "payments": facts.payments.iter().map(|(method, amount)| json!({
                "method": method_words(*method, locale), "amount": money(*amount),
            })).collect::<Vec<_>>(),
            "address_text": address_lines.join("\n"),
            "address_lines": address_lines,
            "pick_from": pick_from.join(", "),
            "findings": orders::findings_of(order)
                .iter()
                .map(|f| crate::i18n::render(&f.message, locale))
                .collect::<Vec<_>>(),
            "url": format!("{public_url}/orders/{}", order.id),
        },
    })
}

async fn staff_recipients(
    conn: &TenantTransaction,
    configured: Vec<String>,
) -> Result<Vec<String>, ComposeError> {
    if configured.is_empty() {
        Ok(owner_emails(conn).await?)
    } else {
        Ok(configured)
    }
}

/// `order.paid` (and `order.approved`): the confirmation to the customer, in their language.
/// The team hears of it through the store's rules (`automation`).
pub async fn order_paid(
    conn: &TenantTransaction,
    paid: &OrderMoved,
    public_url: &str,
) -> Result<Vec<Outgoing>, ComposeError> {
    let kind = EmailKind::OrderConfirmation;
    super::order_emails::order_email_to_customer(conn, paid.order_id, kind, public_url).await
}

/// Whom the team's emails go to: the store's staff addresses, else its owners.
pub async fn team_addresses(conn: &TenantTransaction) -> Result<Vec<String>, ComposeError> {
    let configured = settings_of(conn).await?.staff_emails;
    staff_recipients(conn, configured).await
}

/// A staff notification to each of the store's staff addresses (else its owners).
pub(super) async fn tell_staff(
    conn: &TenantTransaction,
    facts: &OrderFacts,
    kind: EmailKind,
    locale: Locale,
    reply_to: Option<String>,
    context: &Value,
) -> Result<Vec<Outgoing>, ComposeError> {
    let mut emails = Vec::new();
    for to in team_addresses(conn).await? {
        let draft = Draft {
            kind,
            locale,
            to,
            reply_to: reply_to.clone(),
            reference: Some(("order".to_owned(), facts.view.order.id)),
            secret: None,
        };
        emails.push(prepare(conn, draft, context.clone()).await?);
    }
    Ok(emails)
}

/// `invitation.created`: the invitation to join a store, with its one-time link. The link's
/// token is `secret`, which only the sent message carries: the stored email shows `REDACTED`.
/// An invitation revoked or accepted before its email went out gets none.
pub async fn member_invitation(
    conn: &TenantTransaction,
    invited: &InvitationCreated,
    secret: Option<&str>,
    public_url: &str,
) -> Result<Vec<Outgoing>, ComposeError> {
    let (Some(invitation), Some(secret)) = (
        invitation::find_pending(conn, invited.invitation_id).await?,
        secret,
    ) else {
        return Ok(Vec::new());
    };
    let store = find_tenant(conn).await?;
    let locale = store.locale;
    let context = json!({
        "store": { "name": store.name, "reply_to": Value::Null },
        "invitation": {
            "email": invitation.email,
            "role": invitation.role,
            "url": format!("{public_url}/accept-invitation?token={REDACTED}"),
            "expires_at": local_time(invitation.expires_at, stored_timezone(&store)?, locale),
        },
    });
    let draft = Draft {
        kind: EmailKind::MemberInvitation,
        locale,
        to: invitation.email.clone(),
        reply_to: None,
        reference: Some(("invitation".to_owned(), invitation.id)),
        secret: Some(secret.to_owned()),
    };
    Ok(vec![prepare(conn, draft, context).await?])
}
