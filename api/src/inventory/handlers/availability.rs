//! `PUT /inventory/buffers` and `GET /inventory/availability`.

use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::inventory::{
    AvailabilityOut, AvailabilityQuery, BufferIn, BufferOut, ChannelAvailabilityOut,
};
use sea_orm::Order;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::inventory::service::buffer::{self as service, VariantAvailability};
use crate::pagination::PageRequest;
use crate::state::AppState;

/// Sets how many units of a variant a channel leaves unsold at each location (0 removes it).
#[utoipa::path(
    put, path = "/api/v1/inventory/buffers", tag = "inventory", operation_id = "inventory.buffer.set",
    request_body(content = BufferIn, example = json!({
        "channel_id": "0196f5a0-0000-7000-8000-000000000006",
        "variant_id": "0196f5a0-0000-7000-8000-000000000001", "quantity": 3
    })),
    responses(
        (status = 200, body = BufferOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn set_buffer(
    state: web::Data<AppState>,
    principal: Principal,
    ValidJson(input): ValidJson<BufferIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let buffer = service::set_buffer(&txn, &principal, &input).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(BufferOut {
        channel_id: buffer.channel_id,
        variant_id: buffer.variant_id,
        quantity: buffer.quantity,
    }))
}

/// What each variant has available, and what each sales channel may sell of it.
#[utoipa::path(
    get, path = "/api/v1/inventory/availability", tag = "inventory",
    operation_id = "inventory.availability.list",
    params(AvailabilityQuery),
    responses(
        (status = 200, body = Page<AvailabilityOut>),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_availability(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<AvailabilityQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let rows = service::list_availability(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(rows.into_page(availability_out)))
}

fn availability_out(row: VariantAvailability) -> AvailabilityOut {
    AvailabilityOut {
        variant_id: row.variant_id,
        sku: row.sku,
        available: row.available,
        channels: row
            .channels
            .into_iter()
            .map(|c| ChannelAvailabilityOut {
                channel_id: c.channel_id,
                channel_name: c.channel_name,
                buffer: c.buffer,
                sellable: c.sellable,
            })
            .collect(),
    }
}
