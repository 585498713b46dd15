//! What a rule is built from: the triggers with their fields, the ready rules (templates) and
//! the store's recent events to try one on.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use openapi::automation::{RecentEventOut, RecentEventQuery, RuleOut, RuleTemplateOut, TriggerOut};
use openapi::mail::EmailKind;

use crate::access::Principal;
use crate::automation::handlers::rule::rule_out;
use crate::automation::rules::dry_run::recent_events;
use crate::automation::rules::fields::{Subject, actions_for, fields_of, subject_of, triggers};
use crate::automation::rules::store;
use crate::automation::rules::templates::{TEMPLATES, ensure_given};
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::ValidQuery;
use crate::i18n::{self, Message, ReaderLocale};
use crate::mail::order_emails::{CUSTOMER_ORDER_TEMPLATES, TEAM_ORDER_TEMPLATES};
use crate::state::AppState;
use crate::tenancy::service::tenant::reader_locale;

/// Every event a rule may start from, with the fields its conditions may name (and the
/// operators each takes), the actions it may run and the email templates those may send.
#[utoipa::path(
    get, path = "/api/v1/automation/triggers", tag = "automation",
    operation_id = "automation.trigger.list",
    responses((status = 200, body = Vec<TriggerOut>)),
    security(("bearer" = []))
)]
pub async fn list_triggers() -> HttpResponse {
    let triggers: Vec<TriggerOut> = triggers()
        .map(|kind| {
            let on_orders = subject_of(kind) == Subject::Order;
            let templates = |all: &[EmailKind]| if on_orders { all.to_vec() } else { Vec::new() };
            TriggerOut {
                event: kind.name().to_owned(),
                fields: fields_of(kind),
                actions: actions_for(kind),
                team_templates: templates(TEAM_ORDER_TEMPLATES),
                customer_templates: templates(CUSTOMER_ORDER_TEMPLATES),
            }
        })
        .collect();
    HttpResponse::Ok().json(triggers)
}

/// The ready rules, in the reader's language, each with the store's rule made from it.
#[utoipa::path(
    get, path = "/api/v1/automation/rule-templates", tag = "automation",
    operation_id = "automation.rule_template.list",
    responses((status = 200, body = Vec<RuleTemplateOut>)),
    security(("bearer" = []))
)]
pub async fn list_templates(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
) -> Result<HttpResponse, ApiError> {
    ensure_given(&state.db, principal.tenant_id).await?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let made = store::made_from_templates(&txn).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    let templates: Vec<RuleTemplateOut> = TEMPLATES
        .iter()
        .map(|t| RuleTemplateOut {
            key: t.key.to_owned(),
            name: i18n::render(&Message::new(t.name), locale),
            description: i18n::render(&Message::new(t.about), locale),
            trigger: t.trigger.name().to_owned(),
            rule_id: made
                .iter()
                .find(|r| r.template.as_deref() == Some(t.key))
                .map(|r| r.id),
        })
        .collect();
    Ok(HttpResponse::Ok().json(templates))
}

/// Switches a ready rule on for the store in one click: its rule, made now (201), or the one
/// made before (200).
#[utoipa::path(
    post, path = "/api/v1/automation/rule-templates/{key}/install", tag = "automation",
    operation_id = "automation.rule_template.install",
    params(("key" = String, Path, description = "The template's key, e.g. `first_payment_team`")),
    responses(
        (status = 200, description = "The store has it already", body = RuleOut),
        (status = 201, body = RuleOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn install_template(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    key: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    ensure_given(&state.db, principal.tenant_id).await?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let (rule, made) = store::install(&txn, &principal, &key).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    let status = if made {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let body: RuleOut = rule_out(rule, locale);
    Ok(HttpResponse::build(status).json(body))
}

/// The store's last 100 events of one kind, newest first: what a rule can be tried on.
#[utoipa::path(
    get, path = "/api/v1/automation/events", tag = "automation",
    operation_id = "automation.event.recent",
    params(RecentEventQuery),
    responses(
        (status = 200, body = Vec<RecentEventOut>),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn recent(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<RecentEventQuery>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let events = recent_events(&txn, &query.kind).await?;
    txn.commit().await?;
    let events: Vec<RecentEventOut> = events
        .into_iter()
        .map(|e| RecentEventOut {
            id: e.id,
            kind: e.event_type,
            depth: e.depth,
            created_at: e.created_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(events))
}
