//! `/finance/margins…` and `/finance/orders/{id}/margin`: contribution margin rolled up by
//! channel, supplier, product or period (JSON and CSV), and one order's lines.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use openapi::finance::{MarginAmounts, MarginQuery, MarginReport, OrderMarginOut};
use uuid::Uuid;

use crate::access::Principal;
use crate::csv_export;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{ValidQuery, csv_download};
use crate::finance::service::instalments::store_today;
use crate::finance::service::margins::report;
use crate::state::AppState;

async fn roll_up(
    state: &AppState,
    principal: &Principal,
    query: &MarginQuery,
) -> Result<MarginReport, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let today = store_today(&txn, Utc::now()).await?;
    let report = report::roll_up(&txn, query, today).await?;
    txn.commit().await?;
    Ok(report)
}

/// The margin of the lines sold in a period (this month so far unless given), by channel
/// (unless `by` says supplier, product, day or month): price less discounts, commissions,
/// payment fees, freight beyond what was charged, cost and what was given back; highest margin
/// first, with totals per currency.
#[utoipa::path(
    get, path = "/api/v1/finance/margins", tag = "finance",
    operation_id = "finance.margin.report",
    params(MarginQuery),
    responses((status = 200, body = MarginReport)),
    security(("bearer" = []))
)]
pub async fn margin_report(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<MarginQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(roll_up(&state, &principal, &query).await?))
}

const MARGIN_COLUMNS: [&str; 16] = [
    "key",
    "name",
    "lines",
    "currency",
    "quantity",
    "price",
    "discounts",
    "commission",
    "payment_fees",
    "freight",
    "cost",
    "credited",
    "returned_cost",
    "margin",
    "margin_percent",
    "period",
];

/// The roll-up of `GET /finance/margins` as a CSV file, its totals last (`TOTAL`).
#[utoipa::path(
    get, path = "/api/v1/finance/margins/export", tag = "finance",
    operation_id = "finance.margin.export",
    params(MarginQuery),
    responses((status = 200, body = String, content_type = "text/csv", example = json!(
        "key,name,lines,currency,quantity,price,discounts,commission,payment_fees,freight,cost,credited,returned_cost,margin,margin_percent,period\n0196f5a0-0000-7000-8000-000000000011,Loja virtual,3,BRL,3,179.70,10.00,27.15,1.70,3.60,63.90,0.00,0.00,73.35,43.22,2026-11-01..2026-11-30\n"
    ))),
    security(("bearer" = []))
)]
pub async fn export_margins(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<MarginQuery>,
) -> Result<HttpResponse, ApiError> {
    let report = roll_up(&state, &principal, &query).await?;
    let period = format!("{}..{}", report.from, report.to);
    let row = |key: String, name: String, lines: u64, a: &MarginAmounts| {
        let amounts = [
            a.price,
            a.discounts,
            a.commission,
            a.payment_fees,
            a.freight,
            a.cost,
            a.credited,
            a.returned_cost,
            a.margin,
        ];
        let mut row = vec![key, name, lines.to_string(), a.currency.as_str().to_owned()];
        row.push(a.quantity.to_string());
        row.extend(amounts.iter().map(|amount| amount.to_string()));
        row.push(a.margin_percent.map(|p| p.to_string()).unwrap_or_default());
        row.push(period.clone());
        row
    };
    let groups = report
        .rows
        .iter()
        .map(|r| row(r.key.clone(), r.name.clone(), r.lines, &r.amounts));
    let lines_in = |currency| {
        let rows = report
            .rows
            .iter()
            .filter(move |r| r.amounts.currency == currency);
        rows.map(|r| r.lines).sum()
    };
    let totals = report
        .totals
        .iter()
        .map(|t| row("TOTAL".into(), String::new(), lines_in(t.currency), t));
    let file = csv_export::write(&MARGIN_COLUMNS, groups.chain(totals).collect::<Vec<_>>());
    Ok(csv_download(
        &format!("margins-{}-{}.csv", report.from, report.to),
        file,
    ))
}

/// An order's margin, line by line: empty until it is paid or approved on terms.
#[utoipa::path(
    get, path = "/api/v1/finance/orders/{id}/margin", tag = "finance",
    operation_id = "finance.margin.order",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = OrderMarginOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn order_margin(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let margin = report::order_margin(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(margin))
}
