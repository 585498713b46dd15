//! `/inventory/reservations…`: hold, read, release, commit.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use openapi::inventory::{ReservationIn, ReservationOut};
use uuid::Uuid;

use entity::reservation;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::ValidJson;
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::inventory::service::reservation::{self as service, Ending, Hold};
use crate::state::AppState;

/// Holds units of a variant. Never more than is available: 409
/// `inventory/insufficient-stock` names the SKU and what is available.
#[utoipa::path(
    post, path = "/api/v1/inventory/reservations", tag = "inventory",
    operation_id = "inventory.reservation.create",
    request_body(content = ReservationIn, example = json!({
        "variant_id": "0196f5a0-0000-7000-8000-000000000001", "quantity": 2,
        "expires_at": "2026-12-01T12:00:00Z", "reference_type": "order",
        "reference_id": "0196f5a0-0000-7000-8000-000000000009"
    })),
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = ReservationOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_reservation(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<ReservationIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "reservation.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let reservation = service::reserve(&txn, &principal, &Hold::from(&input)).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &reservation_out(reservation))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// One reservation.
#[utoipa::path(
    get, path = "/api/v1/inventory/reservations/{id}", tag = "inventory",
    operation_id = "inventory.reservation.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ReservationOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_reservation(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let reservation = service::find_reservation(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(reservation_out(reservation)))
}

/// Gives the held units back.
#[utoipa::path(
    post, path = "/api/v1/inventory/reservations/{id}/release", tag = "inventory",
    operation_id = "inventory.reservation.release",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ReservationOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn release_reservation(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    end(state, principal, id.into_inner(), Ending::Released).await
}

/// Turns the held units into a sale: they leave on hand.
#[utoipa::path(
    post, path = "/api/v1/inventory/reservations/{id}/commit", tag = "inventory",
    operation_id = "inventory.reservation.commit",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ReservationOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn commit_reservation(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    end(state, principal, id.into_inner(), Ending::Committed).await
}

async fn end(
    state: web::Data<AppState>,
    principal: Principal,
    id: Uuid,
    ending: Ending,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let reservation = service::end_reservation(&txn, &principal, id, ending).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(reservation_out(reservation)))
}

fn reservation_out(reservation: reservation::Model) -> ReservationOut {
    ReservationOut {
        id: reservation.id,
        variant_id: reservation.variant_id,
        location_id: reservation.location_id,
        quantity: reservation.quantity,
        status: reservation.status.as_str().to_owned(),
        expires_at: reservation.expires_at,
        reference_type: reservation.reference_type,
        reference_id: reservation.reference_id,
        created_at: reservation.created_at,
        updated_at: reservation.updated_at,
    }
}
