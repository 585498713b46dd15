//! `/customers…`.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use openapi::Page;
use openapi::orders::{CustomerIn, CustomerOut, CustomerPatch, CustomerQuery, MoneyOut};
use openapi::tenancy::Locale;
use sea_orm::Order;
use uuid::Uuid;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::etag::{IfMatch, etag};
use crate::extract::{ValidJson, ValidQuery};
use crate::i18n::ReaderLocale;
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::orders::service::credit;
use crate::orders::service::customer::{self as service, CustomerView};
use crate::orders::service::order::store_locale;
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::tenancy::service::tenant::reader_locale;

/// Adds a customer.
#[utoipa::path(
    post, path = "/api/v1/customers", tag = "orders", operation_id = "orders.customer.create",
    request_body(content = CustomerIn, example = json!({
        "name": "Ana Souza", "email": "ana@example.com.br", "phone": "+55 11 91234-5678",
        "tax_id": "529.982.247-25", "marketing_consent": true, "tags": ["vip"],
        "addresses": [{ "street": "Avenida Paulista", "number": "1578", "complement": "apto 42",
                        "district": "Bela Vista", "city": "São Paulo", "state": "SP",
                        "postal_code": "01310-200", "country": "BR" }]
    })),
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = CustomerOut),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_customer(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<CustomerIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "customer.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let locale = store_locale(&txn).await?;
    let customer = service::create_customer(&txn, &principal, &input, locale).await?;
    let view = CustomerView {
        customer,
        orders_count: 0,
        lifetime_value: Default::default(),
    };
    let out = customer_out(view, locale);
    let response = claim.respond(&txn, StatusCode::CREATED, &out).await?;
    txn.commit().await?;
    Ok(response)
}

/// Customers by name; `q` searches name, email and tax id.
#[utoipa::path(
    get, path = "/api/v1/customers", tag = "orders", operation_id = "orders.customer.list",
    params(CustomerQuery),
    responses((status = 200, body = Page<CustomerOut>)),
    security(("bearer" = []))
)]
pub async fn list_customers(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    ValidQuery(query): ValidQuery<CustomerQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.as_deref(), Order::Asc)?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let customers = service::list_customers(&txn, &query, page).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(customers.into_page(|view| customer_out(view, locale))))
}

/// One customer, with their order count and lifetime value.
#[utoipa::path(
    get, path = "/api/v1/customers/{id}", tag = "orders", operation_id = "orders.customer.get",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = CustomerOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_customer(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let customer = service::get_customer(&txn, id.into_inner()).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(with_etag(customer, locale))
}

/// Changes a customer.
#[utoipa::path(
    patch, path = "/api/v1/customers/{id}", tag = "orders", operation_id = "orders.customer.update",
    request_body(content = CustomerPatch, example = json!({
        "phone": "+55 11 98765-4321", "tags": ["vip", "atacado"], "marketing_consent": false
    })),
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, body = CustomerOut),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 412, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_customer(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    id: web::Path<Uuid>,
    ValidJson(patch): ValidJson<CustomerPatch>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.version()?;
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let customer =
        service::update_customer(&txn, &principal, id.into_inner(), &patch, expected).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(with_etag(customer, locale))
}

fn with_etag(view: CustomerView, locale: Locale) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(view.customer.version)))
        .json(customer_out(view, locale))
}

fn customer_out(view: CustomerView, locale: Locale) -> CustomerOut {
    let c = view.customer;
    let blocked = credit::block_out(&c, locale);
    let payment_terms = credit::terms_of(&c);
    CustomerOut {
        blocked,
        payment_terms,
        id: c.id,
        addresses: service::addresses_of(&c),
        tags: service::tags_of(&c),
        locale: service::locale_of(&c),
        name: c.name,
        email: c.email,
        phone: c.phone,
        tax_id: c.tax_id,
        country: c.country,
        marketing_consent: c.marketing_consent,
        marketing_consent_at: c.marketing_consent_at,
        notes: c.notes,
        orders_count: view.orders_count,
        lifetime_value: view
            .lifetime_value
            .into_iter()
            .map(|(currency, amount)| MoneyOut { currency, amount })
            .collect(),
        version: c.version,
        created_at: c.created_at,
    }
}
