//! `/finance/receivables…` and `/finance/settings`: instalments, their ageing (JSON and
//! CSV), writing one off; the store's finance settings.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use openapi::Page;
use openapi::finance::{
    AgeingOut, FinanceSettingsIn, FinanceSettingsOut, InstalmentOut, ReceivableQuery, WriteOffIn,
};
use sea_orm::Order;
use uuid::Uuid;

use crate::access::Principal;
use crate::csv_export;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery, csv_download};
use crate::finance::plan;
use crate::finance::service::instalments::outstanding;
use crate::finance::service::receivables::{self as service, InstalmentView};
use crate::finance::service::settings;
use crate::pagination::PageRequest;
use crate::state::AppState;

pub fn instalment_out(view: InstalmentView) -> InstalmentOut {
    let InstalmentView {
        row,
        invoice_reference,
        of,
        customer_name,
        today,
    } = view;
    let owed = outstanding(&row);
    InstalmentOut {
        id: row.id,
        invoice_id: row.invoice_id,
        invoice_reference,
        order_id: row.order_id,
        order_number: row.order_number,
        customer_id: row.customer_id,
        customer_name,
        seq: row.seq,
        of,
        payment_reference: format!("{}-{}", row.order_number, row.seq),
        due_on: row.due_on,
        currency: row.currency,
        amount: row.amount.0,
        settled: row.settled.0,
        written_off: row.written_off.0,
        outstanding: owed,
        status: row.status,
        days_overdue: if owed.is_zero() {
            0
        } else {
            plan::days_overdue(row.due_on, today)
        },
        settled_at: row.settled_at,
        version: row.version,
    }
}

/// Instalments, soonest due first: filter by status, customer, order, or what is still to be
/// received (`outstanding=true`).
#[utoipa::path(
    get, path = "/api/v1/finance/receivables", tag = "finance",
    operation_id = "finance.receivable.list",
    params(ReceivableQuery),
    responses((status = 200, body = Page<InstalmentOut>)),
    security(("bearer" = []))
)]
pub async fn list_receivables(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<ReceivableQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let views = service::list_receivables(&txn, &query, page, Utc::now()).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(views.into_page(instalment_out)))
}

/// What customers owe, of which overdue, and how many are blocked: the dashboard's figures.
#[utoipa::path(
    get, path = "/api/v1/finance/summary", tag = "finance",
    operation_id = "finance.summary.get",
    responses((status = 200, body = openapi::finance::FinanceSummaryOut)),
    security(("bearer" = []))
)]
pub async fn summary(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let figures = service::summary(&txn, Utc::now()).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(figures))
}

/// What every customer owes by how long past due (not yet due, 1–30, 31–60, 61–90, over 90
/// days), per currency, and the store's totals.
#[utoipa::path(
    get, path = "/api/v1/finance/receivables/ageing", tag = "finance",
    operation_id = "finance.receivable.ageing",
    responses((status = 200, body = AgeingOut)),
    security(("bearer" = []))
)]
pub async fn ageing(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let report = service::ageing(&txn, Utc::now()).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(report))
}

const AGEING_COLUMNS: [&str; 9] = [
    "customer",
    "customer_id",
    "currency",
    "current",
    "days_1_30",
    "days_31_60",
    "days_61_90",
    "over_90",
    "total",
];

/// The ageing as CSV: a row per customer and currency, then one per currency's total.
#[utoipa::path(
    get, path = "/api/v1/finance/receivables/ageing/export", tag = "finance",
    operation_id = "finance.receivable.ageing_export",
    responses((status = 200, body = String, content_type = "text/csv", example = json!(
        "customer,customer_id,currency,current,days_1_30,days_31_60,days_61_90,over_90,total\nDistribuidora Sul,0196f5a0-0000-7000-8000-0000000000c1,BRL,666.67,333.33,0.00,0.00,0.00,1000.00\n"
    ))),
    security(("bearer" = []))
)]
pub async fn export_ageing(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let report = service::ageing(&txn, Utc::now()).await?;
    txn.commit().await?;
    let row = |name: String, id: String, currency: &str, b: &openapi::finance::AgeingBuckets| {
        let cells = [
            b.current,
            b.days_1_30,
            b.days_31_60,
            b.days_61_90,
            b.over_90,
            b.total,
        ];
        let mut row = vec![name, id, currency.to_owned()];
        row.extend(cells.iter().map(|amount| amount.to_string()));
        row
    };
    let customers = report.customers.iter().map(|c| {
        row(
            c.customer_name.clone(),
            c.customer_id.to_string(),
            c.currency.as_str(),
            &c.buckets,
        )
    });
    let totals = report.totals.iter().map(|t| {
        row(
            "TOTAL".into(),
            String::new(),
            t.currency.as_str(),
            &t.buckets,
        )
    });
    let file = csv_export::write(&AGEING_COLUMNS, customers.chain(totals).collect::<Vec<_>>());
    Ok(csv_download(&format!("ageing-{}.csv", report.as_of), file))
}

/// Writes off what is outstanding of an instalment: it is owed no more (a block it caused is
/// lifted when nothing else is overdue). 409 when nothing is outstanding.
#[utoipa::path(
    post, path = "/api/v1/finance/receivables/{id}/write-off", tag = "finance",
    operation_id = "finance.receivable.write_off",
    request_body(content = WriteOffIn, example = json!({ "reason": "Acordo com o cliente" })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = InstalmentOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, description = "nothing of the instalment is outstanding", body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn write_off(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<WriteOffIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let now = Utc::now();
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let (id, reason) = (id.into_inner(), input.reason.trim());
    let row = service::write_off(&txn, &principal, id, reason, expected, now).await?;
    crate::finance::service::customer_credit::lift_if_clear(&txn, &principal, row.customer_id, now)
        .await?;
    let view = service::views_of(&txn, vec![row], now).await?;
    txn.commit().await?;
    let Some(view) = view.into_iter().next() else {
        return Err(crate::finance::error::FinanceError::NotFound("instalment").into());
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(view.row.version)))
        .json(instalment_out(view)))
}

fn settings_ok(stored: entity::finance_settings::Model) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(stored.version)))
        .json(FinanceSettingsOut {
            dunning: settings::policy_of(&stored),
            channel_fees: settings::channel_fees_of(&stored),
            payment_fees: settings::payment_fees_of(&stored),
            cash_balance: settings::cash_balance_of(&stored),
            due_on_working_days: stored.due_on_working_days,
            version: stored.version,
        })
}

/// The store's finance settings.
#[utoipa::path(
    get, path = "/api/v1/finance/settings", tag = "finance",
    operation_id = "finance.settings.get",
    responses((status = 200, body = FinanceSettingsOut)),
    security(("bearer" = []))
)]
pub async fn get_settings(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let stored = settings::settings_of(&txn).await?;
    txn.commit().await?;
    Ok(settings_ok(stored))
}

/// Changes the store's finance settings.
#[utoipa::path(
    put, path = "/api/v1/finance/settings", tag = "finance",
    operation_id = "finance.settings.update",
    request_body(content = FinanceSettingsIn, example = json!({ "due_on_working_days": true })),
    params(("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = FinanceSettingsOut),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_settings(
    state: web::Data<AppState>,
    principal: Principal,
    ValidJson(input): ValidJson<FinanceSettingsIn>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let stored = settings::update_settings(&txn, &principal, &input, expected).await?;
    txn.commit().await?;
    Ok(settings_ok(stored))
}
