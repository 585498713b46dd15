//! `/emails…` and `/mail/templates…`.

use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::mail::{
    EmailKind, EmailOut, EmailQuery, PreviewIn, PreviewOut, TemplateIn, TemplateOut,
};
use openapi::tenancy::Locale;
use sea_orm::Order;
use uuid::Uuid;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::mail::sender::message_id;
use crate::mail::service::{self, EmailView};
use crate::mail::template_store;
use crate::mail::templates::{self, Template};
use crate::pagination::PageRequest;
use crate::state::AppState;

/// The store's emails, newest first, with how each was delivered.
#[utoipa::path(
    get, path = "/api/v1/emails", tag = "mail", operation_id = "mail.email.list",
    params(EmailQuery),
    responses((status = 200, body = Page<EmailOut>)),
    security(("bearer" = []))
)]
pub async fn list_emails(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<EmailQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Desc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let emails = service::list_emails(&txn, &query, page).await?;
    txn.commit().await?;
    let from = state.config.mail.from_address.clone();
    Ok(HttpResponse::Ok().json(emails.into_page(|e| email_out(e, &from))))
}

/// One email, with its text.
#[utoipa::path(
    get, path = "/api/v1/emails/{id}", tag = "mail", operation_id = "mail.email.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = EmailOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_email(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let email = service::get_email(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(email_out(email, &state.config.mail.from_address)))
}

/// Sends an email again, as a new email with the same content.
#[utoipa::path(
    post, path = "/api/v1/emails/{id}/resend", tag = "mail", operation_id = "mail.email.resend",
    params(("id" = Uuid, Path)),
    responses(
        (status = 201, body = EmailOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "An invitation's email whose invitation is no longer pending",
            body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn resend_email(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let email = service::resend(&txn, &principal, id.into_inner()).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(email_out(email, &state.config.mail.from_address)))
}

/// Every email template of the store in every language, with the variables each can use.
#[utoipa::path(
    get, path = "/api/v1/mail/templates", tag = "mail", operation_id = "mail.template.list",
    responses((status = 200, body = Vec<TemplateOut>)),
    security(("bearer" = []))
)]
pub async fn list_templates(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let list = template_store::list_templates(&txn).await?;
    txn.commit().await?;
    let out: Vec<TemplateOut> = list
        .into_iter()
        .map(|(kind, locale, template, customized)| {
            template_out(kind, locale, template, customized)
        })
        .collect();
    Ok(HttpResponse::Ok().json(out))
}

/// Replaces the store's template of one email in one language. It must render with the
/// sample data (unknown variables are errors), or it is refused naming the part.
#[utoipa::path(
    put, path = "/api/v1/mail/templates/{kind}/{locale}", tag = "mail", operation_id = "mail.template.put",
    request_body(content = TemplateIn, example = json!({
        "subject": "Pedido {{ order.reference }} confirmado — {{ store.name }}",
        "text": "Olá, {{ customer.name }}!\nRecebemos o pagamento do pedido {{ order.reference }}: {{ order.total }}.\n",
        "html": "<p>Olá, {{ customer.name }}!</p>\n<p>Recebemos o pagamento do pedido <strong>{{ order.reference }}</strong>: {{ order.total }}.</p>\n"
    })),
    params(("kind" = EmailKind, Path), ("locale" = Locale, Path)),
    responses(
        (status = 200, body = TemplateOut),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn put_template(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<(EmailKind, Locale)>,
    ValidJson(input): ValidJson<TemplateIn>,
) -> Result<HttpResponse, ApiError> {
    let (kind, locale) = path.into_inner();
    template_store::check_template(kind, &input).await?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let template = template_store::put_template(&txn, &principal, kind, locale, &input).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(template_out(kind, locale, template, true)))
}

/// Goes back to the built-in template.
#[utoipa::path(
    delete, path = "/api/v1/mail/templates/{kind}/{locale}", tag = "mail", operation_id = "mail.template.reset",
    params(("kind" = EmailKind, Path), ("locale" = Locale, Path)),
    responses((status = 200, body = TemplateOut)),
    security(("bearer" = []))
)]
pub async fn reset_template(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<(EmailKind, Locale)>,
) -> Result<HttpResponse, ApiError> {
    let (kind, locale) = path.into_inner();
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let template = template_store::reset_template(&txn, &principal, kind, locale).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(template_out(kind, locale, template, false)))
}

/// Renders a template with sample data: the one in the body, else the store's current one.
#[utoipa::path(
    post, path = "/api/v1/mail/templates/{kind}/{locale}/preview", tag = "mail",
    operation_id = "mail.template.preview",
    request_body(content = PreviewIn, example = json!({
        "template": { "subject": "Pedido {{ order.reference }} confirmado",
                      "text": "Olá, {{ customer.name }}! Total: {{ order.total }}\n",
                      "html": "<p>Olá, {{ customer.name }}! Total: <strong>{{ order.total }}</strong></p>\n" }
    })),
    params(("kind" = EmailKind, Path), ("locale" = Locale, Path)),
    responses(
        (status = 200, body = PreviewOut),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn preview_template(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<(EmailKind, Locale)>,
    ValidJson(input): ValidJson<PreviewIn>,
) -> Result<HttpResponse, ApiError> {
    let (kind, locale) = path.into_inner();
    let template = match input.template {
        Some(given) => Template {
            subject: given.subject,
            text: given.text,
            html: given.html,
        },
        None => {
            let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
            let (template, _) = template_store::template_for(&txn, kind, locale).await?;
            txn.commit().await?;
            template
        }
    };
    let rendered = templates::render(&template, &templates::sample_context(kind))
        .await
        .map_err(crate::mail::error::MailError::from)?;
    Ok(HttpResponse::Ok().json(PreviewOut {
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
    }))
}

fn template_out(
    kind: EmailKind,
    locale: Locale,
    template: Template,
    customized: bool,
) -> TemplateOut {
    TemplateOut {
        kind,
        locale,
        subject: template.subject,
        text: template.text,
        html: template.html,
        customized,
        sample_data: templates::sample_context(kind),
    }
}

fn email_out(view: EmailView, from_address: &str) -> EmailOut {
    let e = view.email;
    EmailOut {
        message_id: message_id(e.id, e.from_address.as_deref().unwrap_or(from_address)),
        id: e.id,
        kind: e.kind,
        locale: e.locale,
        to: e.to_address,
        reply_to: e.reply_to,
        subject: e.subject,
        text: e.text_body,
        status: view.status,
        attempts: view.attempts,
        last_error: view.last_error,
        reference_type: e.reference_type,
        reference_id: e.reference_id,
        created_at: e.created_at,
        sent_at: e.sent_at,
    }
}
