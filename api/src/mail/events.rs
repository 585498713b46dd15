//! What mail does with the outbox's events: an order paid or held and an invitation become
//! emails (composed, rendered, queued), and `email.send` hands one to the transport.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use entity::outbox_event;

use crate::config::MailConfig;
use crate::db::{self, Access};
use crate::mail::{self, compose, sender, service::SEND_EVENT, transport::Mailer};
use crate::outbox::worker::{EventHandler, mark_done};
use crate::tenancy::service::invitation;

/// The events that become emails, and the one that sends an email.
const KINDS: &[&str] = &[
    SEND_EVENT,
    "order.paid",
    "order.held",
    invitation::CREATED_EVENT,
];

pub struct MailEvents {
    pub mailer: Arc<Mailer>,
    pub mail: MailConfig,
    /// Counts the emails handed to the transport (`/metrics`).
    pub sent: prometheus::IntCounter,
}

#[async_trait::async_trait]
impl EventHandler for MailEvents {
    fn kinds(&self) -> &'static [&'static str] {
        KINDS
    }

    async fn handle(
        &self,
        db: &DatabaseConnection,
        event: &outbox_event::Model,
    ) -> Result<(), String> {
        match event.event_type.as_str() {
            SEND_EVENT => self.send_email(db, event).await,
            _ => self.compose_emails(db, event).await,
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
        event: &outbox_event::Model,
    ) -> Result<(), String> {
        let public_url = self.mail.public_url.as_str();
        let (tenant_id, payload) = (event.tenant_id, &event.payload);
        let txn = db::begin_tenant(db, tenant_id, Access::Read)
            .await
            .map_err(|e| e.to_string())?;
        let composed = match event.event_type.as_str() {
            "order.paid" => compose::order_paid(&txn, tenant_id, payload, public_url).await,
            "order.held" => compose::order_held(&txn, tenant_id, payload, public_url).await,
            _ => {
                let secret = event.secret.as_deref();
                compose::member_invitation(&txn, tenant_id, payload, secret, public_url).await
            }
        };
        let outgoing = composed.map_err(|e| e.to_string())?;
        txn.commit().await.map_err(|e| e.to_string())?;
        let rendered = mail::service::render_all(outgoing).await;
        let txn = db::begin_tenant(db, tenant_id, Access::Write)
            .await
            .map_err(|e| e.to_string())?;
        mail::service::write_all(&txn, tenant_id, rendered)
            .await
            .map_err(|e| e.to_string())?;
        mark_done(&txn, event).await.map_err(|e| e.to_string())?;
        txn.commit().await.map_err(|e| e.to_string())
    }

    async fn send_email(
        &self,
        db: &DatabaseConnection,
        event: &outbox_event::Model,
    ) -> Result<(), String> {
        let message = {
            let txn = db::begin_tenant(db, event.tenant_id, Access::Read)
                .await
                .map_err(|e| e.to_string())?;
            let secret = event.secret.as_deref();
            let message =
                sender::build(&txn, event.tenant_id, event.id, &self.mail, secret).await?;
            txn.commit().await.map_err(|e| e.to_string())?;
            message
        };
        self.mailer.send(event.id, message).await?;
        self.sent.inc();
        let txn = db::begin_tenant(db, event.tenant_id, Access::Write)
            .await
            .map_err(|e| e.to_string())?;
        sender::mark_sent(&txn, event.tenant_id, event.id)
            .await
            .map_err(|e| e.to_string())?;
        mark_done(&txn, event).await.map_err(|e| e.to_string())?;
        txn.commit().await.map_err(|e| e.to_string())
    }
}
