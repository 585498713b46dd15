//! `/catalog/variants…` and `POST /catalog/products/{id}/variants`.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::catalog::{
    KitComponentOut, KitComponentsIn, VariantIn, VariantOut, VariantPatch, VariantQuery,
};
use sea_orm::Order;
use uuid::Uuid;

use crate::access::Principal;
use crate::catalog::service::kit;
use crate::catalog::service::variant::{self as service, VariantView};
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::pagination::PageRequest;
use crate::state::AppState;

/// Adds a variant to a product.
#[utoipa::path(
    post, path = "/api/v1/catalog/products/{id}/variants", tag = "catalog",
    operation_id = "catalog.variant.create",
    request_body(content = VariantIn, example = json!({
        "sku": "CAM-G", "barcode": "7891234567895", "options": { "size": "G" },
        "price": "59.90", "cost": "21.30", "weight_grams": 200
    })),
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = VariantOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_variant(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<VariantIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "variant.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let view = service::add_variant(&txn, &principal, id.into_inner(), &input).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &variant_out(view))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// Variants of every product, searchable by product name, SKU, barcode or option.
#[utoipa::path(
    get, path = "/api/v1/catalog/variants", tag = "catalog", operation_id = "catalog.variant.list",
    params(VariantQuery),
    responses((status = 200, body = Page<VariantOut>)),
    security(("bearer" = []))
)]
pub async fn list_variants(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<VariantQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let (variants, _) = service::list_variants(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(variants.into_page(variant_out)))
}

/// One variant. `ETag` carries its version.
#[utoipa::path(
    get, path = "/api/v1/catalog/variants/{id}", tag = "catalog", operation_id = "catalog.variant.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = VariantOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_variant(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let view = service::get_variant(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(with_etag(view))
}

/// For barcode scanners: the variant with this barcode (or SKU).
#[utoipa::path(
    get, path = "/api/v1/catalog/variants/by-barcode/{code}", tag = "catalog",
    operation_id = "catalog.variant.by_barcode",
    params(("code" = String, Path, example = "7891234567895")),
    responses(
        (status = 200, body = VariantOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn find_variant_by_barcode(
    state: web::Data<AppState>,
    principal: Principal,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let view = service::find_by_barcode(&txn, code.trim()).await?;
    txn.commit().await?;
    Ok(with_etag(view))
}

/// Changes a variant. Send `If-Match` with its `ETag` to refuse a concurrent change (412).
#[utoipa::path(
    patch, path = "/api/v1/catalog/variants/{id}", tag = "catalog",
    operation_id = "catalog.variant.update",
    request_body(content = VariantPatch, example = json!({
        "price": "64.90", "cost": "22.10"
    })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = VariantOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_variant(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(patch): ValidJson<VariantPatch>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let view = service::update_variant(&txn, &principal, id.into_inner(), &patch, expected).await?;
    txn.commit().await?;
    Ok(with_etag(view))
}

/// Makes a variant a kit of the given components (or, with none, a plain variant again).
#[utoipa::path(
    put, path = "/api/v1/catalog/variants/{id}/components", tag = "catalog",
    operation_id = "catalog.variant.set_components",
    request_body(content = KitComponentsIn, example = json!({
        "components": [
            { "component_variant_id": "0196f5a0-0000-7000-8000-000000000001", "quantity": 2 },
            { "component_variant_id": "0196f5a0-0000-7000-8000-000000000008", "quantity": 1 }
        ]
    })),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = VariantOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn set_kit_components(
    state: web::Data<AppState>,
    stock: web::Data<dyn kit::StockProbe>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(input): ValidJson<KitComponentsIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let view =
        kit::set_components(&txn, stock.get_ref(), &principal, id.into_inner(), &input).await?;
    txn.commit().await?;
    Ok(with_etag(view))
}

fn with_etag(view: VariantView) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(view.variant.version)))
        .json(variant_out(view))
}

pub fn variant_out(view: VariantView) -> VariantOut {
    let variant = view.variant;
    VariantOut {
        id: variant.id,
        product_id: variant.product_id,
        product_name: view.product_name,
        options: service::options_of(&variant),
        sku: variant.sku,
        barcode: variant.barcode,
        price: variant.price.0,
        cost: variant.cost.0,
        average_cost: variant.average_cost.0,
        currency: view.currency,
        weight_grams: variant.weight_grams,
        length_mm: variant.length_mm,
        width_mm: variant.width_mm,
        height_mm: variant.height_mm,
        status: variant.status,
        components: view
            .components
            .into_iter()
            .map(|(component, sku)| KitComponentOut {
                component_variant_id: component.component_variant_id,
                sku,
                quantity: component.quantity,
            })
            .collect(),
        version: variant.version,
        created_at: variant.created_at,
        updated_at: variant.updated_at,
    }
}
