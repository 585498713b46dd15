//! What mail does with the outbox's events: an order paid, an invitation, a webhook
//! endpoint switched off (and more) become
//! emails (composed, rendered, queued), and `email.send` hands one to the transport.

use std::sync::Arc;

use openapi::events::{Event, EventKind};
use openapi::mail::EmailKind;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::config::MailConfig;
use crate::db::{self, Access};
use crate::mail::{self, compose, sender, shipping, transport::Mailer};
use crate::outbox::worker::{EventHandler, HandlerError, StoredEvent, mark_done};

/// The events that become emails, and the one that sends an email.
const KINDS: &[EventKind] = &[
    EventKind::EmailSend,
    EventKind::OrderPaid,
    EventKind::OrderApproved,
    EventKind::OrderShipped,
    EventKind::ShipmentLate,
    EventKind::InvitationCreated,
    EventKind::OrderDelivered,
    EventKind::ReturnApproved,
    EventKind::ReturnDeclined,
    EventKind::DunningStepDue,
    EventKind::CustomerBlocked,
    EventKind::CustomerUnblocked,
    EventKind::WebhookDisabled,
];

pub struct MailEvents {
    pub mailer: Arc<Mailer>,
    pub mail: MailConfig,
    /// What signs the customers' return links (`logistics::returns::service::token`).
    pub return_secret: Vec<u8>,
    /// Counts the emails handed to the transport (`/metrics`).
    pub sent: prometheus::IntCounter,
}

#[async_trait::async_trait]
impl EventHandler for MailEvents {
    fn name(&self) -> &'static str {
        "mail"
    }

    fn kinds(&self) -> &'static [EventKind] {
        KINDS
    }

    async fn handle(
        &self,
        db: &DatabaseConnection,
        stored: &StoredEvent,
    ) -> Result<(), HandlerError> {
        match &stored.event {
            Event::EmailSend(send) => self.send_email(db, stored, send.email_id).await,
            _ => self.compose_emails(db, stored).await,
        }
    }
}

impl MailEvents {
    /// Gathers an event's emails in a read transaction, renders them outside any transaction
    /// (a store's template runs within the sandbox's limits, and a failing one becomes a failed
    /// email), then queues them and marks the event done in one write transaction.
    async fn compose_emails(
        &self,
        db: &DatabaseConnection,
        stored: &StoredEvent,
    ) -> Result<(), HandlerError> {
        let public_url = self.mail.public_url.as_str();
        let tenant_id = stored.tenant_id;
        let txn = db::begin_tenant(db, tenant_id, Access::Read).await?;
        let composed = match &stored.event {
            Event::OrderPaid(ready) | Event::OrderApproved(ready) => {
                compose::order_paid(&txn, ready, public_url).await
            }
            Event::OrderShipped(shipped) => {
                shipping::order_shipped(&txn, shipped, public_url).await
            }
            Event::ShipmentLate(late) => shipping::shipment_late(&txn, late, public_url).await,
            Event::InvitationCreated(invited) => {
                let secret = stored.secret.as_deref();
                compose::member_invitation(&txn, invited, secret, public_url).await
            }
            Event::OrderDelivered(delivered) => {
                mail::returns::order_delivered(&txn, delivered, public_url).await
            }
            Event::ReturnApproved(moved) => {
                let kind = EmailKind::ReturnApproved;
                mail::returns::return_reviewed(&txn, moved, kind, public_url).await
            }
            Event::ReturnDeclined(moved) => {
                let kind = EmailKind::ReturnDeclined;
                mail::returns::return_reviewed(&txn, moved, kind, public_url).await
            }
            Event::DunningStepDue(due) => mail::dunning::step_due(&txn, due, public_url).await,
            event @ (Event::CustomerBlocked(_) | Event::CustomerUnblocked(_)) => {
                mail::dunning::block_moved(&txn, event, public_url).await
            }
            Event::WebhookDisabled(disabled) => {
                mail::webhooks::webhook_disabled(&txn, disabled, public_url).await
            }
            // Not among `KINDS`: nothing to write.
            _ => Ok(Vec::new()),
        };
        let outgoing = composed.map_err(HandlerError::retry)?;
        txn.commit().await?;
        let rendered = mail::service::render_all(outgoing).await;
        let txn = db::begin_tenant(db, tenant_id, Access::Write).await?;
        mail::service::write_all(&txn, rendered)
            .await
            .map_err(HandlerError::retry)?;
        mark_done(&txn, stored).await?;
        Ok(txn.commit().await?)
    }

    async fn send_email(
        &self,
        db: &DatabaseConnection,
        stored: &StoredEvent,
        email_id: Uuid,
    ) -> Result<(), HandlerError> {
        let tenant_id = stored.tenant_id;
        let message = {
            let txn = db::begin_tenant(db, tenant_id, Access::Read).await?;
            let secret = match &stored.secret {
                Some(secret) => Some(secret.clone()),
                None => mail::returns::link_of(&txn, email_id, &self.return_secret)
                    .await
                    .map_err(HandlerError::retry)?,
            };
            let message = sender::build(&txn, email_id, &self.mail, secret.as_deref()).await?;
            txn.commit().await?;
            message
        };
        self.mailer
            .send(email_id, message)
            .await
            .map_err(HandlerError::retry)?;
        self.sent.inc();
        let txn = db::begin_tenant(db, tenant_id, Access::Write).await?;
        sender::mark_sent(&txn, email_id).await?;
        mark_done(&txn, stored).await?;
        Ok(txn.commit().await?)
    }
}
