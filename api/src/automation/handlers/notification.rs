//! `/notifications…`: the caller's own notifications (a member's; an API key has none).

use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::automation::{NotificationOut, NotificationQuery, NotificationSettings, UnreadOut};
use openapi::tenancy::Locale;
use sea_orm::Order;
use uuid::Uuid;

use entity::notification;

use crate::access::Principal;
use crate::automation::error::AutomationError;
use crate::automation::notifications as service;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::i18n::{self, Message, ReaderLocale};
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::tenancy::service::tenant::reader_locale;

fn member(principal: &Principal) -> Result<Uuid, AutomationError> {
    principal.user_id().ok_or(AutomationError::MembersOnly)
}

fn notification_out(row: notification::Model, locale: Locale) -> NotificationOut {
    NotificationOut {
        id: row.id,
        topic: row.topic,
        text: i18n::render(&Message::from_stored(&row.message), locale),
        link: row.link,
        read: row.read_at.is_some(),
        created_at: row.created_at,
    }
}

/// The caller's notifications, newest first.
#[utoipa::path(
    get, path = "/api/v1/notifications", tag = "automation",
    operation_id = "automation.notification.list",
    params(NotificationQuery),
    responses(
        (status = 200, body = Page<NotificationOut>),
        (status = 403, description = "An API key has no notifications (`automation/members-only`)",
            body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_notifications(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    ValidQuery(query): ValidQuery<NotificationQuery>,
) -> Result<HttpResponse, ApiError> {
    let user_id = member(&principal)?;
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Desc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let rows = service::list(&txn, user_id, &query, page).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(rows.into_page(|row| notification_out(row, locale))))
}

/// How many of the caller's notifications are unread: the bell's number.
#[utoipa::path(
    get, path = "/api/v1/notifications/unread", tag = "automation",
    operation_id = "automation.notification.unread",
    responses(
        (status = 200, body = UnreadOut),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn unread(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let user_id = member(&principal)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let unread = service::unread(&txn, user_id).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(UnreadOut { unread }))
}

/// Marks one of the caller's notifications read (any other id, another member's included, is
/// 404).
#[utoipa::path(
    post, path = "/api/v1/notifications/{id}/read", tag = "automation",
    operation_id = "automation.notification.read",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = NotificationOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn mark_read(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    // An API key has no notifications: none of them is its.
    let user_id = principal
        .user_id()
        .ok_or(AutomationError::NotFound("notification"))?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let row = service::mark_read(&txn, user_id, id.into_inner()).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(notification_out(row, locale)))
}

/// Marks every unread notification of the caller read; how many are left unread (none).
#[utoipa::path(
    post, path = "/api/v1/notifications/read-all", tag = "automation",
    operation_id = "automation.notification.read_all",
    responses(
        (status = 200, body = UnreadOut),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn read_all(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let user_id = member(&principal)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    service::read_all(&txn, user_id).await?;
    let unread = service::unread(&txn, user_id).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(UnreadOut { unread }))
}

/// The topics the caller also gets by email.
#[utoipa::path(
    get, path = "/api/v1/notifications/settings", tag = "automation",
    operation_id = "automation.notification.settings",
    responses(
        (status = 200, body = NotificationSettings),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_settings(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let user_id = member(&principal)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let email_topics = service::email_topics(&txn, user_id).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(NotificationSettings { email_topics }))
}

/// Chooses the topics the caller also gets by email (the others only in the app).
#[utoipa::path(
    put, path = "/api/v1/notifications/settings", tag = "automation",
    operation_id = "automation.notification.settings_put",
    request_body(content = NotificationSettings),
    responses(
        (status = 200, body = NotificationSettings),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn put_settings(
    state: web::Data<AppState>,
    principal: Principal,
    ValidJson(input): ValidJson<NotificationSettings>,
) -> Result<HttpResponse, ApiError> {
    let user_id = member(&principal)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let email_topics =
        service::set_email_topics(&txn, &principal, user_id, &input.email_topics).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(NotificationSettings { email_topics }))
}
