//! `/catalog/suppliers…`.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::catalog::{
    NamedQuery, SupplierIn, SupplierOut, SupplierPatch, SupplierVariantIn, SupplierVariantOut,
};
use sea_orm::Order;
use uuid::Uuid;

use entity::{supplier, supplier_variant};

use crate::access::Principal;
use crate::catalog::service::supplier as service;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::pagination::PageRequest;
use crate::state::AppState;

/// Adds a supplier.
#[utoipa::path(
    post, path = "/api/v1/catalog/suppliers", tag = "catalog", operation_id = "catalog.supplier.create",
    request_body(content = SupplierIn, example = json!({
        "name": "Têxtil Nordeste Ltda", "tax_id": "11.222.333/0001-81",
        "contact_name": "Carlos Lima", "email": "vendas@textilnordeste.com.br",
        "phone": "+55 81 3333-4444", "lead_time_days": 12
    })),
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = SupplierOut),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_supplier(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<SupplierIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "supplier.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let supplier = service::create_supplier(&txn, &principal, &input).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &supplier_out(supplier))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// Suppliers by name; `q` searches name and tax id.
#[utoipa::path(
    get, path = "/api/v1/catalog/suppliers", tag = "catalog", operation_id = "catalog.supplier.list",
    params(NamedQuery),
    responses((status = 200, body = Page<SupplierOut>)),
    security(("bearer" = []))
)]
pub async fn list_suppliers(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<NamedQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let suppliers = service::list_suppliers(&txn, &query, page).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(suppliers.into_page(supplier_out)))
}

/// One supplier.
#[utoipa::path(
    get, path = "/api/v1/catalog/suppliers/{id}", tag = "catalog", operation_id = "catalog.supplier.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = SupplierOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_supplier(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let supplier = service::get_supplier(&txn, id.into_inner()).await?;
    txn.commit().await?;
    Ok(with_etag(supplier))
}

/// Changes a supplier.
#[utoipa::path(
    patch, path = "/api/v1/catalog/suppliers/{id}", tag = "catalog",
    operation_id = "catalog.supplier.update",
    request_body(content = SupplierPatch, example = json!({
        "contact_name": "Marina Costa", "lead_time_days": 10
    })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = SupplierOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_supplier(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
    ValidJson(patch): ValidJson<SupplierPatch>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let supplier =
        service::update_supplier(&txn, &principal, id.into_inner(), &patch, expected).await?;
    txn.commit().await?;
    Ok(with_etag(supplier))
}

fn with_etag(supplier: supplier::Model) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(supplier.version)))
        .json(supplier_out(supplier))
}

fn supplier_out(supplier: supplier::Model) -> SupplierOut {
    SupplierOut {
        id: supplier.id,
        name: supplier.name,
        tax_id: supplier.tax_id,
        contact_name: supplier.contact_name,
        email: supplier.email,
        phone: supplier.phone,
        lead_time_days: supplier.lead_time_days,
        status: supplier.status,
        version: supplier.version,
        created_at: supplier.created_at,
    }
}

/// Records how a supplier sells a variant (their SKU and cost), replacing what was there.
#[utoipa::path(
    put, path = "/api/v1/catalog/suppliers/{id}/variants/{variant_id}", tag = "catalog",
    operation_id = "catalog.supplier.link_variant",
    request_body(content = SupplierVariantIn, example = json!({
        "supplier_sku": "TN-4471-P", "cost": "18.40"
    })),
    params(("id" = Uuid, Path), ("variant_id" = Uuid, Path)),
    responses(
        (status = 200, body = SupplierVariantOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn link_supplier_variant(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<(Uuid, Uuid)>,
    ValidJson(input): ValidJson<SupplierVariantIn>,
) -> Result<HttpResponse, ApiError> {
    let (supplier_id, variant_id) = path.into_inner();
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let link = service::link_variant(&txn, &principal, supplier_id, variant_id, &input).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(supplier_variant_out(link)))
}

/// What a supplier sells.
#[utoipa::path(
    get, path = "/api/v1/catalog/suppliers/{id}/variants", tag = "catalog",
    operation_id = "catalog.supplier.list_variants",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = Vec<SupplierVariantOut>),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_supplier_variants(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let links = service::list_supplier_variants(&txn, id.into_inner()).await?;
    txn.commit().await?;
    let out: Vec<SupplierVariantOut> = links.into_iter().map(supplier_variant_out).collect();
    Ok(HttpResponse::Ok().json(out))
}

fn supplier_variant_out((link, sku): (supplier_variant::Model, String)) -> SupplierVariantOut {
    SupplierVariantOut {
        supplier_id: link.supplier_id,
        variant_id: link.variant_id,
        sku,
        supplier_sku: link.supplier_sku,
        cost: link.cost.0,
    }
}
