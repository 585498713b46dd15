//! `/finance/cash-flow…`: four past weeks of what came in and went out, thirteen projected
//! from what falls due, with balances (JSON and CSV).

use actix_web::{HttpResponse, web};
use chrono::Utc;
use openapi::finance::{CashFlowOut, CashWeekKind};

use crate::access::Principal;
use crate::csv_export;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::csv_download;
use crate::finance::service::cash_flow;
use crate::state::AppState;

async fn read(state: &AppState, principal: &Principal) -> Result<CashFlowOut, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let flow = cash_flow::cash_flow(&txn, Utc::now()).await?;
    txn.commit().await?;
    Ok(flow)
}

/// Cash flow by week, Monday to Sunday in the store's time zone: the four past weeks from the
/// payments received and made, then the current week and twelve more projected from open
/// instalments and supplier bills at their due dates (what is overdue in the current week);
/// each week's closing balance from the balance the store entered in the finance settings.
#[utoipa::path(
    get, path = "/api/v1/finance/cash-flow", tag = "finance",
    operation_id = "finance.cash_flow.get",
    responses((status = 200, body = CashFlowOut)),
    security(("bearer" = []))
)]
pub async fn get_cash_flow(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(read(&state, &principal).await?))
}

const COLUMNS: [&str; 8] = [
    "starts_on",
    "ends_on",
    "kind",
    "currency",
    "inflows",
    "outflows",
    "net",
    "closing_balance",
];

/// The same weeks as a CSV file.
#[utoipa::path(
    get, path = "/api/v1/finance/cash-flow/export", tag = "finance",
    operation_id = "finance.cash_flow.export",
    responses((status = 200, body = String, content_type = "text/csv", example = json!(
        "starts_on,ends_on,kind,currency,inflows,outflows,net,closing_balance\n2026-12-07,2026-12-13,projected,BRL,333.33,511.20,-177.87,15072.13\n"
    ))),
    security(("bearer" = []))
)]
pub async fn export_cash_flow(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let flow = read(&state, &principal).await?;
    let currency = flow.currency.as_str();
    let rows = flow.weeks.iter().map(|week| {
        let kind = match week.kind {
            CashWeekKind::Actual => "actual",
            CashWeekKind::Projected => "projected",
        };
        vec![
            week.starts_on.to_string(),
            week.ends_on.to_string(),
            kind.to_owned(),
            currency.to_owned(),
            week.inflows.to_string(),
            week.outflows.to_string(),
            week.net.to_string(),
            week.closing_balance.to_string(),
        ]
    });
    let file = csv_export::write(&COLUMNS, rows.collect::<Vec<_>>());
    Ok(csv_download(&format!("cash-flow-{}.csv", flow.today), file))
}
