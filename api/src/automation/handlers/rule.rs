//! `/automation/rules…`: a store's rules, their run log and dry runs.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::automation::{
    ActionPreview, ActionRunOut, DryRunIn, DryRunOut, RuleIn, RuleOut, RulePatch, RuleQuery,
    RuleRunOut, RuleRunQuery,
};
use openapi::tenancy::Locale;
use sea_orm::Order;
use uuid::Uuid;

use crate::access::Principal;
use crate::automation::rules::dry_run::dry_run;
use crate::automation::rules::log::{RunView, runs};
use crate::automation::rules::store::{self, Rule};
use crate::automation::rules::templates::{ensure_given, template};
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::i18n::{self, Message, ReaderLocale};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::tenancy::service::tenant::reader_locale;

/// A rule in the reader's language (a template's rule not renamed reads the template's name).
pub fn rule_out(rule: Rule, locale: Locale) -> RuleOut {
    let row = rule.row;
    let name = match (&row.name, row.template.as_deref().and_then(template)) {
        (Some(name), _) => name.clone(),
        (None, Some(template)) => i18n::render(&Message::new(template.name), locale),
        (None, None) => String::new(),
    };
    RuleOut {
        id: row.id,
        name,
        trigger: row.trigger,
        conditions: rule.conditions,
        actions: rule.actions,
        enabled: row.enabled,
        template: row.template,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn with_etag(rule: Rule, locale: Locale) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(rule.row.version)))
        .json(rule_out(rule, locale))
}

/// Adds a rule, checked against its trigger: a field the event does not have, an operator
/// the field does not take, a value of the wrong type, or an action the event cannot run is
/// 422 naming it.
#[utoipa::path(
    post, path = "/api/v1/automation/rules", tag = "automation",
    operation_id = "automation.rule.create",
    request_body(content = RuleIn),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe")),
    responses(
        (status = 201, body = RuleOut),
        (status = 422, description = "The rule does not fit its trigger \
            (`automation/rule-invalid`, naming the field)",
            body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_rule(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<RuleIn>,
) -> Result<HttpResponse, ApiError> {
    ensure_given(&state.db, principal.tenant_id).await?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "rule.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let rule = store::create(&txn, &principal, &input).await?;
    let locale = reader_locale(&txn, reader).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &rule_out(rule, locale))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// The store's rules, oldest first (a new store has the ready rules that replaced the team's
/// built-in emails, switched on).
#[utoipa::path(
    get, path = "/api/v1/automation/rules", tag = "automation",
    operation_id = "automation.rule.list",
    params(RuleQuery),
    responses(
        (status = 200, body = Page<RuleOut>),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_rules(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    ValidQuery(query): ValidQuery<RuleQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    ensure_given(&state.db, principal.tenant_id).await?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let rows = store::list(&txn, page).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    let mut items = Vec::new();
    for row in rows.items {
        items.push(rule_out(Rule::read(row)?, locale));
    }
    Ok(HttpResponse::Ok().json(Page {
        items,
        next_cursor: rows.next_cursor,
    }))
}

/// One rule.
#[utoipa::path(
    get, path = "/api/v1/automation/rules/{id}", tag = "automation",
    operation_id = "automation.rule.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = RuleOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_rule(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let rule = store::find(&txn, id.into_inner()).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(with_etag(rule, locale))
}

/// Changes a rule (checked whole again), or switches it on or off.
#[utoipa::path(
    patch, path = "/api/v1/automation/rules/{id}", tag = "automation",
    operation_id = "automation.rule.update",
    request_body(content = RulePatch, example = json!({ "enabled": false })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = RuleOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_rule(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    id: web::Path<Uuid>,
    ValidJson(patch): ValidJson<RulePatch>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let rule = store::update(&txn, &principal, id.into_inner(), &patch, expected).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(with_etag(rule, locale))
}

/// Removes a rule and its run log.
#[utoipa::path(
    delete, path = "/api/v1/automation/rules/{id}", tag = "automation",
    operation_id = "automation.rule.delete",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn delete_rule(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    store::delete(&txn, &principal, id.into_inner(), expected).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

fn run_out(view: RunView, locale: Locale) -> RuleRunOut {
    let run = view.run;
    RuleRunOut {
        id: run.id,
        rule_id: run.rule_id,
        event_id: run.event_id,
        event_type: run.event_type,
        depth: run.depth,
        outcome: run.outcome,
        conditions: serde_json::from_value(run.conditions).unwrap_or_default(),
        actions: view
            .actions
            .into_iter()
            .map(|a| ActionRunOut {
                position: a.position,
                kind: a.kind,
                status: a.status,
                attempts: a.attempts,
                result: a.result.map(|stored| {
                    let text = stored.as_str().unwrap_or_default();
                    i18n::render(&Message::from_stored(text), locale)
                }),
                updated_at: a.updated_at,
            })
            .collect(),
        created_at: run.created_at,
    }
}

/// The rule's runs, newest first: the event, how each condition fared, each action's result.
#[utoipa::path(
    get, path = "/api/v1/automation/rules/{id}/runs", tag = "automation",
    operation_id = "automation.rule_run.list",
    params(("id" = Uuid, Path), RuleRunQuery),
    responses(
        (status = 200, body = Page<RuleRunOut>),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_runs(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    id: web::Path<Uuid>,
    ValidQuery(query): ValidQuery<RuleRunQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Desc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let views = runs(&txn, id.into_inner(), &query, page).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(views.into_page(|v| run_out(v, locale))))
}

/// Tries the rule on one of the store's last 100 events of its trigger (the newest when none
/// is named): how each condition fares and what each action would do. Nothing changes.
#[utoipa::path(
    post, path = "/api/v1/automation/rules/{id}/dry-run", tag = "automation",
    operation_id = "automation.rule.dry_run",
    request_body(content = DryRunIn, example = json!({})),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = DryRunOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The store has no event of the rule's trigger yet \
            (`automation/no-recent-event`)",
            body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn dry_run_rule(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<DryRunIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let tried = dry_run(&txn, id.into_inner(), input.event_id).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(DryRunOut {
        event_id: tried.event_id,
        event_type: tried.event_type,
        matched: tried.matched,
        conditions: tried.conditions,
        actions: tried
            .actions
            .into_iter()
            .map(|(position, kind, would)| ActionPreview {
                position,
                kind,
                would: i18n::render(&would, locale),
            })
            .collect(),
    }))
}
