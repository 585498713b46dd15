//! The email of a member's notification (for the topics they chose), in the store's language.

use openapi::mail::EmailKind;
use serde_json::json;
use uuid::Uuid;

use crate::db::TenantTransaction;
use crate::mail::compose::ComposeError;
use crate::mail::service::{Draft, Outgoing, prepare};
use crate::tenancy::service::tenant::find_tenant;

/// What the email says: the notification's text as its reader reads it, and its page.
pub struct Notice<'a> {
    pub id: Uuid,
    pub to: &'a str,
    pub text: &'a str,
    pub link: Option<&'a str>,
}

pub async fn notification_email(
    conn: &TenantTransaction,
    notice: Notice<'_>,
    public_url: &str,
) -> Result<Outgoing, ComposeError> {
    let store = find_tenant(conn).await?;
    let subject: String = notice.text.chars().take(120).collect();
    let context = json!({
        "store": { "name": store.name },
        "notification": {
            "subject": subject,
            "text": notice.text,
            "url": notice.link.map(|link| format!("{public_url}{link}")),
        },
    });
    let draft = Draft {
        kind: EmailKind::StaffNotification,
        locale: store.locale,
        to: notice.to.to_owned(),
        reply_to: None,
        reference: Some(("notification".to_owned(), notice.id)),
        secret: None,
    };
    Ok(prepare(conn, draft, context).await?)
}
