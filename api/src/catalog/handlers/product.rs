//! `/catalog/products…`.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::catalog::{ProductIn, ProductOut, ProductPatch, ProductQuery};
use uuid::Uuid;

use crate::access::Principal;
use crate::catalog::handlers::variant::variant_out;
use crate::catalog::service::product::{self as service, ProductView, sort_order};
use crate::catalog::service::variant::VariantView;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::pagination::PageRequest;
use crate::state::AppState;

/// Creates a product with its variants.
#[utoipa::path(
    post, path = "/api/v1/catalog/products", tag = "catalog", operation_id = "catalog.product.create",
    request_body(content = ProductIn, example = json!({
        "name": "Camiseta Básica", "ncm": "61091000",
        "variants": [
            { "sku": "CAM-P", "barcode": "7891234567895", "options": { "size": "P" },
              "price": "59.90", "cost": "21.30", "weight_grams": 180 },
            { "sku": "CAM-M", "options": { "size": "M" }, "price": "59.90", "cost": "21.30" }
        ]
    })),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe")),
    responses(
        (status = 201, body = ProductOut),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_product(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<ProductIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "product.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let view = service::create_product(&txn, &principal, &input).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &product_out(view))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// Products with their variants; `q` searches names, SKUs and barcodes without regard to case
/// or accents ("cafe" finds "Café").
#[utoipa::path(
    get, path = "/api/v1/catalog/products", tag = "catalog", operation_id = "catalog.product.list",
    params(ProductQuery),
    responses(
        (status = 200, body = Page<ProductOut>),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_products(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<ProductQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), sort_order(query.sort))?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let products = service::list_products(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(products.into_page(product_out)))
}

/// One product with its variants. `ETag` carries its version.
#[utoipa::path(
    get, path = "/api/v1/catalog/products/{id}", tag = "catalog", operation_id = "catalog.product.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ProductOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_product(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let view = service::get_product(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(with_etag(view))
}

/// Renames, describes or archives a product (archiving archives its variants).
#[utoipa::path(
    patch, path = "/api/v1/catalog/products/{id}", tag = "catalog",
    operation_id = "catalog.product.update",
    request_body(content = ProductPatch, example = json!({
        "name": "Camiseta Básica de Algodão", "description": "Malha 100% algodão penteado.",
        "channel_ids": ["0196f5a0-0000-7000-8000-000000000006"]
    })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = ProductOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_product(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(patch): ValidJson<ProductPatch>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let view = service::update_product(&txn, &principal, id.into_inner(), &patch, expected).await?;
    txn.commit().await?;
    Ok(with_etag(view))
}

fn with_etag(view: ProductView) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(view.product.version)))
        .json(product_out(view))
}

fn product_out(view: ProductView) -> ProductOut {
    let product = view.product;
    let name = product.name.clone();
    ProductOut {
        id: product.id,
        variants: view
            .variants
            .into_iter()
            .map(|variant| {
                variant_out(VariantView {
                    variant,
                    product_name: name.clone(),
                    currency: view.currency,
                    components: Vec::new(),
                })
            })
            .collect(),
        name: product.name,
        description: product.description,
        ncm: product.ncm,
        status: product.status,
        channel_ids: view.channel_ids,
        version: product.version,
        created_at: product.created_at,
        updated_at: product.updated_at,
    }
}
