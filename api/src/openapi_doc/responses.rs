//! What every operation's responses say in the published document, filled in one place so the
//! handlers' annotations list only the statuses: a description for each status, 401 and 403 on
//! every route that needs a caller, and an example problem document for each error status —
//! built from the server's own errors, so an example has the `type`, `title` and `detail` the
//! server really answers.

use utoipa::Modify;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, ResponseBuilder, Schema};

use std::collections::BTreeMap;

use openapi::inventory::Shortage;
use openapi::orders::OrderStatus;
use openapi::{FieldError, RowError};
use rust_decimal::Decimal;

use crate::auth::error::AuthError;
use crate::catalog::error::CatalogError;
use crate::error::{ApiError, ErrorKind};
use crate::inventory::error::InventoryError;
use crate::orders::error::OrderError;
use crate::tenancy::error::TenancyError;

const PROBLEM_JSON: &str = "application/problem+json";

pub struct ResponseDocs;

impl Modify for ResponseDocs {
    fn modify(&self, openapi: &mut OpenApi) {
        let schemas = openapi.components.as_ref().map(|c| &c.schemas);
        for item in openapi.paths.paths.values_mut() {
            let methods = [
                (&mut item.get, "get"),
                (&mut item.put, "put"),
                (&mut item.post, "post"),
                (&mut item.delete, "delete"),
                (&mut item.patch, "patch"),
            ];
            for (operation, method) in methods {
                if let Some(operation) = operation {
                    let invalid = invalid_field(operation, schemas);
                    document(operation, method == "get", invalid);
                }
            }
        }
    }
}

fn document(operation: &mut Operation, reads: bool, invalid: FieldError) {
    let responses = &mut operation.responses.responses;
    if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
        for status in ["401", "403"] {
            responses.entry(status.to_owned()).or_insert_with(|| {
                let content = Content::new(Some(Ref::from_schema_name("Problem")));
                RefOr::T(
                    ResponseBuilder::new()
                        .content(PROBLEM_JSON, content)
                        .build(),
                )
            });
        }
    }
    let operation_id = operation.operation_id.as_deref().unwrap_or_default();
    let tag = operation
        .tags
        .as_ref()
        .and_then(|tags| tags.first())
        .map_or("", String::as_str);
    for (status, response) in responses.iter_mut() {
        let RefOr::T(response) = response else {
            continue;
        };
        if response.description.is_empty() {
            response.description = description(status).to_owned();
        }
        if let Some(content) = response.content.get_mut(PROBLEM_JSON)
            && content.example.is_none()
        {
            content.example = problem(status, operation_id, tag, reads, &invalid)
                .and_then(|error| serde_json::to_value(error.problem()).ok());
        }
    }
}

/// The field a 422 example names: the body's first required field, left out; else a field of
/// the body, or the list's cursor, or the first query parameter.
fn invalid_field(
    operation: &Operation,
    schemas: Option<&BTreeMap<String, RefOr<Schema>>>,
) -> FieldError {
    let body = operation
        .request_body
        .as_ref()
        .and_then(|body| body.content.get("application/json"))
        .and_then(|content| match &content.schema {
            Some(RefOr::Ref(reference)) => reference.ref_location.rsplit('/').next(),
            _ => None,
        })
        .and_then(|name| match schemas?.get(name)? {
            RefOr::T(Schema::Object(object)) => Some(object),
            _ => None,
        });
    let invalid = |field: &str, message: &str| FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    };
    if let Some(body) = body {
        if let Some(field) = body.required.first() {
            return invalid(field, "is required");
        }
        if let Some(field) = body.properties.keys().next() {
            return invalid(field, "has a value this field does not take");
        }
    }
    let queries: Vec<&str> = operation
        .parameters
        .iter()
        .flatten()
        .filter(|p| p.parameter_in == ParameterIn::Query)
        .map(|p| p.name.as_str())
        .collect();
    if queries.contains(&"cursor") {
        invalid("cursor", "is not a cursor returned by this list")
    } else if let Some(name) = queries.first() {
        invalid(name, "has a value this parameter does not take")
    } else {
        invalid(".", "the body is not what this route takes")
    }
}

fn description(status: &str) -> &'static str {
    match status {
        "200" => "Done: the result",
        "201" => "Created: the new resource",
        "204" => "Done; no body",
        "401" => "No valid access token or API key",
        "403" => "The caller's role, or the API key's scopes, lack the permission this needs",
        "404" => "No such resource in this store",
        "409" => "The resource's state, or another resource, does not allow it (`type` says why)",
        "412" => "`If-Match` names a version that is no longer current: read it again",
        "413" => "The body is too large",
        "415" => "The body is not of a type this route takes",
        "422" => "Invalid input: `errors` (or `row_errors`) names each bad field (or line)",
        "429" => "Too many attempts: wait `Retry-After` seconds",
        "503" => "Not ready, or the database is busy: try again (`Retry-After`)",
        _ => "See the body",
    }
}

/// The example problem of an error status.
fn problem(
    status: &str,
    operation_id: &str,
    tag: &str,
    reads: bool,
    invalid: &FieldError,
) -> Option<ApiError> {
    Some(match status {
        "401" => ApiError::from(AuthError::MissingCredentials),
        "403" => ApiError::from(AuthError::Forbidden {
            permission: permission_of(tag, reads),
        }),
        "404" => ApiError::new(ErrorKind::NotFound, "not-found", "no such resource"),
        "409" => conflict(operation_id),
        "412" => CatalogError::Stale {
            what: "the resource",
            current: 4,
        }
        .into(),
        "415" => ApiError::new(
            ErrorKind::UnsupportedMediaType,
            "request/unsupported-media-type",
            "send the file with `Content-Type: text/csv`",
        ),
        "422" if operation_id == "catalog.import" => CatalogError::BadFile {
            rows: vec![RowError {
                line: 3,
                field: "price".into(),
                message: "`abc` is not an amount such as 59.90".into(),
            }],
        }
        .into(),
        "422" if operation_id == "inventory.level.import" => InventoryError::BadFile {
            rows: vec![RowError {
                line: 3,
                field: "sku".into(),
                message: "`CAM-XG` is not a SKU of this store".into(),
            }],
        }
        .into(),
        "422" => ApiError::validation(vec![invalid.clone()]),
        "429" => ApiError::from(AuthError::TooManyAttempts { retry_after: 60 }),
        "503" => ApiError::new(
            ErrorKind::Unavailable,
            "database/busy",
            "the database is busy: try again in a moment",
        ),
        _ => return None,
    })
}

/// A permission a route of `tag` needs, for the 403 example.
fn permission_of(tag: &str, reads: bool) -> &'static str {
    match (tag, reads) {
        ("catalog", true) => "catalog:read",
        ("catalog", false) => "catalog:write",
        ("inventory", true) => "inventory:read",
        ("inventory", false) => "stock:move",
        ("orders", true) => "orders:read",
        ("orders", false) => "orders:write",
        ("mail", true) => "emails:read",
        ("mail", false) => "mail:manage",
        ("audit", _) => "audit:read",
        ("auth", _) => "api_keys:manage",
        (_, true) => "tenant:read",
        (_, false) => "tenant:manage",
    }
}

/// The conflict a route most often meets.
fn conflict(operation_id: &str) -> ApiError {
    let short = || InventoryError::InsufficientStock {
        shortages: vec![Shortage {
            sku: "CAM-P".into(),
            requested: 3,
            available: 2,
        }],
    };
    match operation_id {
        "catalog.product.create" | "catalog.variant.create" | "catalog.variant.update" => {
            CatalogError::SkuTaken {
                sku: "CAM-P".into(),
            }
            .into()
        }
        "catalog.variant.set_components" => CatalogError::KitRule {
            reason: "a kit cannot be a component of another kit".into(),
        }
        .into(),
        "inventory.location.create" => InventoryError::LocationCodeTaken {
            code: "CD-SP".into(),
        }
        .into(),
        "inventory.purchase_order.receive" => InventoryError::OverReceipt {
            sku: "CAM-P".into(),
            open: 10,
            received: 12,
        }
        .into(),
        "inventory.purchase_order.send" | "inventory.purchase_order.cancel" => {
            InventoryError::PurchaseOrderState {
                status: "received".into(),
                action: "cancelled".into(),
            }
            .into()
        }
        "inventory.replenishment.order" => InventoryError::NothingToReorder.into(),
        "inventory.reservation.commit" | "inventory.reservation.release" => {
            InventoryError::ReservationNotActive {
                status: "released".into(),
            }
            .into()
        }
        "orders.order.transition" => OrderError::IllegalTransition {
            from: OrderStatus::Shipped,
            to: OrderStatus::Cancelled,
            allowed: vec![OrderStatus::Delivered],
        }
        .into(),
        "orders.payment.record" => OrderError::Overpayment {
            amount: Decimal::new(15990, 2),
            due: Decimal::new(5990, 2),
        }
        .into(),
        "orders.refund.create" => OrderError::OverRefund {
            amount: Decimal::new(15990, 2),
            refundable: Decimal::new(5990, 2),
        }
        .into(),
        "tenancy.signup" => TenancyError::EmailTaken.into(),
        "tenancy.member.update" | "tenancy.member.remove" => TenancyError::LastOwner.into(),
        "tenancy.invitation.create" => TenancyError::AlreadyMember.into(),
        "tenancy.invitation.accept"
        | "tenancy.invitation.revoke"
        | "auth.browser.accept_invitation" => {
            TenancyError::InvitationNotPending { status: "accepted" }.into()
        }
        _ => short().into(),
    }
}
