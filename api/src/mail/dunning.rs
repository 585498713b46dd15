//! Dunning's emails: each step to the customer about an instalment (reminder, notice,
//! warning naming the block date), in their language, with the amount, due date and payment
//! reference; and a block or unblock to the customer's account owner (else the store's
//! finance addresses, else its owners), in the store's language, saying what and why.

use openapi::events::Event;
use openapi::finance::{CustomerBlockMoved, DunningStep, DunningStepDue};
use openapi::format;
use openapi::mail::EmailKind;
use serde_json::{Value, json};

use crate::db::TenantTransaction;
use crate::finance::plan;
use crate::finance::service::instalments::{outstanding, store_today};
use crate::finance::service::receivables::{find_instalment, views_of};
use crate::finance::service::settings::{policy_of, settings_of as finance_settings};
use crate::i18n::render;
use crate::mail::compose::{ComposeError, gather, order_context};
use crate::mail::service::{Draft, Outgoing, prepare};
use crate::mail::shipping::local_date;
use crate::orders::service::credit::block_of;
use crate::orders::service::customer::{find_customer, locale_of};
use crate::orders::service::settings::settings_of;
use crate::tenancy::service::member::{member_email, owner_emails};
use crate::tenancy::service::tenant::find_tenant;

fn kind_of(step: DunningStep) -> EmailKind {
    match step {
        DunningStep::Reminder => EmailKind::DunningReminder,
        DunningStep::Notice => EmailKind::DunningNotice,
        DunningStep::Warning => EmailKind::DunningWarning,
    }
}

/// `dunning.step_due`: the step's email to the customer, if they have an address.
pub async fn step_due(
    conn: &TenantTransaction,
    due: &DunningStepDue,
    public_url: &str,
) -> Result<Vec<Outgoing>, ComposeError> {
    let row = find_instalment(conn, due.instalment_id)
        .await
        .map_err(ComposeError::finance)?;
    let facts = gather(conn, row.order_id).await?;
    let Some(to) = facts.customer.email.clone() else {
        return Ok(Vec::new());
    };
    let now = chrono::Utc::now();
    let today = store_today(conn, now)
        .await
        .map_err(ComposeError::finance)?;
    let view = views_of(conn, vec![row.clone()], now)
        .await
        .map_err(ComposeError::finance)?
        .pop();
    let reply_to = settings_of(conn).await?.reply_to;
    let locale = locale_of(&facts.customer);
    let money = |value| format::money(value, row.currency, locale);
    let mut context = order_context(&facts, locale, public_url, reply_to.as_deref());
    context["instalment"] = json!({
        "seq": row.seq,
        "of": view.as_ref().map_or(row.seq, |v| v.of),
        "invoice_reference": view.as_ref().map(|v| v.invoice_reference.clone()),
        "payment_reference": format!("{}-{}", row.order_number, row.seq),
        "due_on": local_date(row.due_on, locale),
        "amount": money(row.amount.0),
        "outstanding": money(outstanding(&row)),
        "days_overdue": plan::days_overdue(row.due_on, today),
    });
    context["block_on"] = json!(due.block_on.map(|day| local_date(day, locale)));
    let draft = Draft {
        kind: kind_of(due.step),
        locale,
        to,
        reply_to,
        reference: Some(("order".to_owned(), row.order_id)),
        secret: None,
    };
    Ok(vec![prepare(conn, draft, context).await?])
}

/// `customer.blocked` and `customer.unblocked`: to whoever answers for the customer.
pub async fn block_moved(
    conn: &TenantTransaction,
    event: &Event,
    public_url: &str,
) -> Result<Vec<Outgoing>, ComposeError> {
    let (moved, kind): (&CustomerBlockMoved, _) = match event {
        Event::CustomerBlocked(moved) => (moved, EmailKind::StaffCustomerBlocked),
        Event::CustomerUnblocked(moved) => (moved, EmailKind::StaffCustomerUnblocked),
        _ => return Ok(Vec::new()),
    };
    let customer = find_customer(conn, moved.customer_id).await?;
    let store = find_tenant(conn).await?;
    let locale = store.locale;
    let reason = block_of(&customer).map(|(_, block)| render(&block.message, locale));
    let context: Value = json!({
        "store": { "name": store.name },
        "customer": { "name": customer.name, "email": customer.email },
        "reason": reason,
        "automatic": moved.automatic,
        "url": format!("{public_url}/finance/customers/{}", customer.id),
    });
    let mut emails = Vec::new();
    for to in recipients(conn, customer.account_owner_id).await? {
        let draft = Draft {
            kind,
            locale,
            to,
            reply_to: customer.email.clone(),
            reference: Some(("customer".to_owned(), customer.id)),
            secret: None,
        };
        emails.push(prepare(conn, draft, context.clone()).await?);
    }
    Ok(emails)
}

/// The account owner, else the finance addresses of the dunning policy, else the owners.
async fn recipients(
    conn: &TenantTransaction,
    account_owner: Option<uuid::Uuid>,
) -> Result<Vec<String>, ComposeError> {
    if let Some(owner) = account_owner
        && let Some(email) = member_email(conn, owner).await?
    {
        return Ok(vec![email]);
    }
    let settings = finance_settings(conn)
        .await
        .map_err(ComposeError::finance)?;
    let finance = policy_of(&settings).finance_emails;
    if !finance.is_empty() {
        return Ok(finance);
    }
    Ok(owner_emails(conn).await?)
}
