//! Automation's email: a webhook endpoint switched off for failing, to the store's owners and
//! admins (who manage endpoints), in the store's language, with the last thing that went wrong.

use openapi::automation::WebhookDisabled;
use openapi::mail::EmailKind;
use serde_json::json;

use crate::db::TenantTransaction;
use crate::mail::compose::ComposeError;
use crate::mail::service::{Draft, Outgoing, prepare};
use crate::tenancy::service::member::admin_emails;
use crate::tenancy::service::tenant::find_tenant;

/// `webhook.disabled`: one email to each owner and admin.
pub async fn webhook_disabled(
    conn: &TenantTransaction,
    disabled: &WebhookDisabled,
    public_url: &str,
) -> Result<Vec<Outgoing>, ComposeError> {
    let store = find_tenant(conn).await?;
    let context = json!({
        "store": { "name": store.name },
        "endpoint": { "url": disabled.url },
        "delivery": {
            "event_type": disabled.event_type,
            "last_status": disabled.last_status,
            "last_error": disabled.last_error,
        },
        "url": format!("{public_url}/automation/webhooks/{}", disabled.endpoint_id),
    });
    let mut emails = Vec::new();
    for to in admin_emails(conn).await? {
        let draft = Draft {
            kind: EmailKind::StaffWebhookDisabled,
            locale: store.locale,
            to,
            reply_to: None,
            reference: Some(("webhook_endpoint".to_owned(), disabled.endpoint_id)),
            secret: None,
        };
        emails.push(prepare(conn, draft, context.clone()).await?);
    }
    Ok(emails)
}
