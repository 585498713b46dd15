//! `/emails` and `/mail/templates`: the email log, resending, the store's own templates.

use openapi::Page;
use openapi::mail::{EmailKind, EmailOut, PreviewIn, PreviewOut, TemplateIn, TemplateOut};
use openapi::tenancy::Locale;

use super::{ApiError, Query, delete, get, post, put};
use crate::session::Session;

pub async fn emails(session: Session, cursor: Option<String>) -> Result<Page<EmailOut>, ApiError> {
    let path = Query::new()
        .set("limit", 20)
        .opt("cursor", cursor)
        .path("/emails");
    get(session, &path).await
}

/// Sends an email again (a new one, with the same content).
pub async fn resend(session: Session, id: uuid::Uuid) -> Result<EmailOut, ApiError> {
    post(session, &format!("/emails/{id}/resend"), &()).await
}

/// Every template: the store's own and the built-in ones it has not replaced.
pub async fn templates(session: Session) -> Result<Vec<TemplateOut>, ApiError> {
    get(session, "/mail/templates").await
}

/// Where a template of `kind` in `locale` lives (`/mail/templates/order_paid/pt-BR`).
fn template_path(kind: EmailKind, locale: Locale) -> String {
    format!("/mail/templates/{}/{}", kind.as_str(), locale.as_str())
}

/// Saves the store's own template of `kind` in `locale`.
pub async fn save_template(
    session: Session,
    kind: EmailKind,
    locale: Locale,
    template: &TemplateIn,
) -> Result<TemplateOut, ApiError> {
    put(session, &template_path(kind, locale), template).await
}

/// Goes back to the built-in template.
pub async fn reset_template(
    session: Session,
    kind: EmailKind,
    locale: Locale,
) -> Result<(), ApiError> {
    delete(session, &template_path(kind, locale)).await
}

/// What a template (the one sent, or the saved one) makes of a sample.
pub async fn preview(
    session: Session,
    kind: EmailKind,
    locale: Locale,
    input: &PreviewIn,
) -> Result<PreviewOut, ApiError> {
    let path = format!("{}/preview", template_path(kind, locale));
    post(session, &path, input).await
}
