//! Sending one queued email: lettre builds the message (plain text and HTML), its
//! `Message-ID` made from the email's id, which is its outbox event's id, so a resend after a
//! crash carries the same id and receivers can drop the repeat.

use crate::db::TenantTransaction;
use lettre::Message;
use lettre::message::{Mailbox, MultiPart, header::ContentType};
use sea_orm::DbErr;
use uuid::Uuid;

use entity::email;

use crate::config::MailConfig;
use crate::mail::service::{REDACTED, find_email};
use crate::outbox::worker::HandlerError;
use crate::tenancy::service::tenant::find_tenant;

/// `<id@domain of the From address>`.
pub fn message_id(email_id: Uuid, from_address: &str) -> String {
    let domain = from_address
        .rsplit_once('@')
        .map_or("retaguarda.local", |(_, domain)| {
            domain.trim_end_matches('>')
        });
    format!("<{email_id}@{domain}>")
}

/// The email, ready for the transport, with `secret` in place of each `REDACTED` (the stored
/// email never holds it).
pub async fn build(
    conn: &TenantTransaction,
    email_id: Uuid,
    config: &MailConfig,
    secret: Option<&str>,
) -> Result<Message, HandlerError> {
    let email: email::Model = find_email(conn, email_id)
        .await
        .map_err(HandlerError::retry)?;
    let reveal = |body: &str| match secret {
        Some(secret) => body.replace(REDACTED, secret),
        None => body.to_owned(),
    };
    let store = find_tenant(conn).await.map_err(HandlerError::retry)?;
    let from_address = email
        .from_address
        .as_deref()
        .unwrap_or(&config.from_address);
    let from = Mailbox::new(
        Some(store.name.clone()),
        from_address
            .parse()
            // The server's or the store's setting: another attempt may find it mended.
            .map_err(|e| HandlerError::retry(format!("the From address: {e}")))?,
    );
    let to: Mailbox = email
        .to_address
        .parse()
        .map_err(|e| HandlerError::fail(format!("the address {}: {e}", email.to_address)))?;
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(message_id(email.id, from_address)));
    if let Some(reply_to) = &email.reply_to
        && let Ok(mailbox) = reveal(reply_to).parse::<Mailbox>()
    {
        builder = builder.reply_to(mailbox);
    }
    if let Some(in_reply_to) = &email.in_reply_to {
        builder = builder.in_reply_to(in_reply_to.clone());
    }
    if let Some(references) = &email.thread_references {
        builder = builder.references(references.clone());
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    lettre::message::SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(reveal(&email.text_body)),
                )
                .singlepart(
                    lettre::message::SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(reveal(&email.html_body)),
                ),
        )
        .map_err(HandlerError::fail)
}

/// Stamps the email as handed over.
pub async fn mark_sent(conn: &TenantTransaction, email_id: Uuid) -> Result<(), DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    conn.update_many::<email::Entity>()
        .col_expr(email::Column::SentAt, chrono::Utc::now().into())
        .filter(email::Column::Id.eq(email_id))
        .exec(conn)
        .await?;
    Ok(())
}
