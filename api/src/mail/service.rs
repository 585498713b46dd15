//! Emails as records: writing one (rendered outside any transaction, sent later by the outbox
//! worker), the store's email log and resending.

use crate::db::TenantTransaction;
use chrono::Utc;
use openapi::events::{EmailSend, Event, EventKind};
use openapi::mail::{EmailKind, EmailQuery, EmailStatus};
use openapi::tenancy::Locale;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use serde_json::{Value, json};
use uuid::Uuid;

use entity::closed_sets::OutboxStatus;
use entity::{email, outbox_event};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::mail::error::MailError;
use crate::mail::template_store;
use crate::mail::templates::{self, Rendered, Template, TemplateError};
use crate::outbox;
use crate::pagination::{PageRequest, Paged};
use crate::tenancy::service::invitation;

/// Where a link's secret goes in an email: what the stored email (and so the email log) shows,
/// replaced by the secret only in the message handed to the transport.
pub const REDACTED: &str = "[redacted]";

/// An email to write.
pub struct Draft {
    pub kind: EmailKind,
    pub locale: Locale,
    pub to: String,
    pub reply_to: Option<String>,
    pub reference: Option<(String, Uuid)>,
    /// What the email grants (a token), put in place of `REDACTED` at send time only.
    pub secret: Option<String>,
}

/// How an email joins a conversation (a support answer): the address it goes out from, the
/// `Message-ID` it answers and the ids of the thread before it (`References`).
#[derive(Debug, Clone, Default)]
pub struct Thread {
    pub from: Option<String>,
    pub in_reply_to: Option<String>,
    pub references: Option<String>,
}

/// An email about to be rendered: its draft, the store's template for it and what the
/// template may use.
pub struct Outgoing {
    pub draft: Draft,
    pub template: Template,
    pub context: Value,
}

/// The draft with the store's template for it (read in the caller's read transaction); an
/// email that carries a secret always has the built-in one.
pub async fn prepare(
    conn: &TenantTransaction,
    draft: Draft,
    context: Value,
) -> Result<Outgoing, DbErr> {
    let template = if draft.kind.editable() && draft.secret.is_none() {
        template_store::template_for(conn, draft.kind, draft.locale)
            .await?
            .0
    } else {
        templates::built_in(draft.kind, draft.locale)
    };
    Ok(Outgoing {
        draft,
        template,
        context,
    })
}

/// Renders each email within the sandbox's limits, outside any transaction.
pub async fn render_all(outgoing: Vec<Outgoing>) -> Vec<(Draft, Result<Rendered, TemplateError>)> {
    let mut rendered = Vec::with_capacity(outgoing.len());
    for email in outgoing {
        let result = templates::render(&email.template, &email.context).await;
        rendered.push((email.draft, result));
    }
    rendered
}

/// Queues rendered emails: each a row in the log and, with the same id, the outbox event that
/// will send it. An email whose template failed is logged as failed, with the reason.
pub async fn write_all(
    conn: &TenantTransaction,
    rendered: Vec<(Draft, Result<Rendered, TemplateError>)>,
) -> Result<(), MailError> {
    for (draft, result) in rendered {
        match result {
            Ok(rendered) => {
                insert(conn, &draft, rendered, None).await?;
            }
            Err(error) => {
                let blank = Rendered {
                    subject: String::new(),
                    text: String::new(),
                    html: String::new(),
                };
                let email = insert(conn, &draft, blank, None).await?;
                outbox::fail_now(conn, email.id, &format!("template {error}")).await?;
            }
        }
    }
    Ok(())
}

/// Queues one rendered email that answers a conversation (`thread`).
pub async fn write_threaded(
    conn: &TenantTransaction,
    draft: &Draft,
    rendered: Rendered,
    thread: &Thread,
) -> Result<email::Model, MailError> {
    insert(conn, draft, rendered, Some(thread)).await
}

async fn insert(
    conn: &TenantTransaction,
    draft: &Draft,
    rendered: Rendered,
    thread: Option<&Thread>,
) -> Result<email::Model, MailError> {
    let thread = thread.cloned().unwrap_or_default();
    let tenant_id = conn.tenant();
    let email = email::Model {
        tenant_id,
        id: Uuid::now_v7(),
        kind: draft.kind,
        locale: draft.locale,
        to_address: draft.to.clone(),
        reply_to: draft.reply_to.clone(),
        subject: rendered.subject,
        text_body: rendered.text,
        html_body: rendered.html,
        reference_type: draft.reference.as_ref().map(|(kind, _)| kind.clone()),
        reference_id: draft.reference.as_ref().map(|(_, id)| *id),
        created_at: Utc::now(),
        sent_at: None,
        from_address: thread.from,
        in_reply_to: thread.in_reply_to,
        thread_references: thread.references,
    };
    email::Entity::insert(email::ActiveModel::from(email.clone()))
        .exec_without_returning(conn)
        .await?;
    let event = Event::EmailSend(EmailSend { email_id: email.id });
    outbox::emit_with_id(conn, email.id, &event, draft.secret.as_deref()).await?;
    Ok(email)
}

pub async fn find_email(conn: &TenantTransaction, id: Uuid) -> Result<email::Model, MailError> {
    let tenant_id = conn.tenant();
    email::Entity::find_in(tenant_id)
        .filter(email::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(MailError::NotFound("email"))
}

/// An email with how its delivery stands.
pub struct EmailView {
    pub email: email::Model,
    pub status: EmailStatus,
    pub attempts: i32,
    pub last_error: Option<String>,
}

fn status_of(event: Option<&outbox_event::Model>) -> EmailStatus {
    match event.map(|e| e.status) {
        Some(OutboxStatus::Done) => EmailStatus::Sent,
        Some(OutboxStatus::Failed) => EmailStatus::Failed,
        Some(OutboxStatus::Pending) | None => EmailStatus::Queued,
    }
}

/// The store's emails, newest first.
pub async fn list_emails(
    conn: &TenantTransaction,
    query: &EmailQuery,
    page: PageRequest,
) -> Result<Paged<EmailView>, MailError> {
    let tenant_id = conn.tenant();
    let mut select = email::Entity::find_in(tenant_id);
    if let Some(kind) = query.kind {
        select = select.filter(email::Column::Kind.eq(kind));
    }
    if let Some(reference_id) = query.reference_id {
        select = select.filter(email::Column::ReferenceId.eq(reference_id));
    }
    if let Some(status) = query.status {
        let outbox_status = match status {
            EmailStatus::Queued => OutboxStatus::Pending,
            EmailStatus::Sent => OutboxStatus::Done,
            EmailStatus::Failed => OutboxStatus::Failed,
        };
        let ids = outbox_event::Entity::find_in(tenant_id)
            .filter(outbox_event::Column::EventType.eq(EventKind::EmailSend.name()))
            .filter(outbox_event::Column::Status.eq(outbox_status));
        select = select.filter(
            email::Column::Id.in_subquery(
                ids.select_only()
                    .column(outbox_event::Column::Id)
                    .into_query(),
            ),
        );
    }
    let rows = page.apply(select, email::Column::Id).all(conn).await?;
    let paged = page.finish(rows, |e| e.id);
    Ok(Paged {
        items: with_delivery(conn, paged.items).await?,
        next_cursor: paged.next_cursor,
    })
}

async fn with_delivery(
    conn: &TenantTransaction,
    emails: Vec<email::Model>,
) -> Result<Vec<EmailView>, MailError> {
    let tenant_id = conn.tenant();
    let events = outbox_event::Entity::find_in(tenant_id)
        .filter(outbox_event::Column::Id.is_in(emails.iter().map(|e| e.id)))
        .all(conn)
        .await?;
    Ok(emails
        .into_iter()
        .map(|email| {
            let event = events.iter().find(|e| e.id == email.id);
            EmailView {
                status: status_of(event),
                attempts: event.map_or(0, |e| e.attempts),
                last_error: event.and_then(|e| e.last_error.clone()),
                email,
            }
        })
        .collect())
}

pub async fn get_email(conn: &TenantTransaction, id: Uuid) -> Result<EmailView, MailError> {
    let email = find_email(conn, id).await?;
    with_delivery(conn, vec![email])
        .await?
        .pop()
        .ok_or(MailError::NotFound("email"))
}

/// Sends an email again, as a new email (with its own Message-ID) of the same content. An
/// invitation goes with a new token, and the old one stops working.
pub async fn resend(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
) -> Result<EmailView, MailError> {
    let original = find_email(conn, id).await?;
    let kind = original.kind;
    let secret = match (kind, &original.reference_type, original.reference_id) {
        (EmailKind::MemberInvitation, Some(_), Some(invitation_id)) => {
            Some(invitation::reissue_token(conn, principal, invitation_id).await?)
        }
        _ => None,
    };
    // A reply address whose secret went with the first send is left out: the copy's answers
    // are threaded by `In-Reply-To` alone.
    let reply_to = original
        .reply_to
        .clone()
        .filter(|address| secret.is_some() || !address.contains(REDACTED));
    let draft = Draft {
        kind,
        locale: original.locale,
        to: original.to_address.clone(),
        reply_to,
        reference: original.reference_type.clone().zip(original.reference_id),
        secret,
    };
    let thread = Thread {
        from: original.from_address.clone(),
        in_reply_to: original.in_reply_to.clone(),
        references: original.thread_references.clone(),
    };
    let copy = insert(
        conn,
        &draft,
        Rendered {
            subject: original.subject.clone(),
            text: original.text_body.clone(),
            html: original.html_body.clone(),
        },
        Some(&thread),
    )
    .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "email.resend",
            entity_type: "email",
            entity_id: Some(copy.id),
            before: None,
            after: Some(json!({ "resent_from": id, "to": copy.to_address })),
        },
    )
    .await?;
    Ok(EmailView {
        email: copy,
        status: EmailStatus::Queued,
        attempts: 0,
        last_error: None,
    })
}
