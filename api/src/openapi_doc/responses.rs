//! What every operation's responses say in the published document, filled in one place so the
//! handlers' annotations list only the statuses: a description for each status, 401 on every
//! route that needs a caller and 403 on every one that needs a permission (named in the
//! operation's `x-permission`, as `/me` lists permissions), and an example problem document
//! for each error status — built from the server's own errors, so an example has the `type`,
//! `title` and `detail` the server really answers.

use std::collections::BTreeMap;

use openapi::{FieldError, RowError, inventory::Shortage, orders::OrderStatus};
use rust_decimal::Decimal;
use utoipa::Modify;
use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, ResponseBuilder, Schema};

use crate::access::permission::Permission;
use crate::auth::error::AuthError;
use crate::auth::respond;
use crate::catalog::error::CatalogError;
use crate::error::{ApiError, ErrorKind};
use crate::import_file::BadRows;
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
    let operation_id = operation.operation_id.clone().unwrap_or_default();
    let permission = permission_of(&operation_id, reads);
    if let Some(permission) = permission {
        // Machine-readable, for clients and for the isolation test that walks every route.
        operation
            .extensions
            .get_or_insert_with(Extensions::default)
            .insert("x-permission".to_owned(), permission.as_str().into());
    }
    let responses = &mut operation.responses.responses;
    if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
        let statuses: &[&str] = if permission.is_some() {
            &["401", "403"]
        } else {
            &["401"]
        };
        for status in statuses {
            responses.entry((*status).to_owned()).or_insert_with(|| {
                let content = Content::new(Some(Ref::from_schema_name("Problem")));
                RefOr::T(
                    ResponseBuilder::new()
                        .content(PROBLEM_JSON, content)
                        .build(),
                )
            });
        }
    }
    for (status, response) in responses.iter_mut() {
        let RefOr::T(response) = response else {
            continue;
        };
        if response.description.is_empty()
            && let Some(text) = description(status)
        {
            response.description = text.to_owned();
        }
        if let Some(content) = response.content.get_mut(PROBLEM_JSON)
            && content.example.is_none()
        {
            content.example = problem(status, &operation_id, permission, &invalid)
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

/// What a status means on any route; none for a status a route must describe itself.
fn description(status: &str) -> Option<&'static str> {
    Some(match status {
        "200" => "Done: the result",
        "201" => "Created: the new resource",
        "204" => "Done; no body",
        "401" => "No valid access token or API key",
        "403" => "Not allowed: the caller's role or API key lacks the permission this needs",
        "404" => "No such resource in this store",
        "409" => "The resource's state, or another resource, does not allow it (`type` says why)",
        "412" => "`If-Match` names a version that is no longer current: read it again",
        "413" => "The body is too large",
        "415" => "The body is not of a type this route takes",
        "422" => "Invalid input: `errors` (or `row_errors`) names each bad field (or line)",
        "429" => "Too many attempts: wait `Retry-After` seconds",
        "503" => "Not ready, or the database is busy: try again (`Retry-After`)",
        _ => return None,
    })
}

/// The example problem of an error status.
fn problem(
    status: &str,
    operation_id: &str,
    permission: Option<Permission>,
    invalid: &FieldError,
) -> Option<ApiError> {
    Some(match status {
        "401" => ApiError::from(AuthError::MissingCredentials),
        // A route that needs no permission is refused only by the cookie sessions' CSRF check.
        "403" => match permission {
            Some(permission) => ApiError::from(AuthError::Forbidden {
                permission: permission.as_str(),
            }),
            None => respond::csrf_missing(),
        },
        "404" => ApiError::new(ErrorKind::NotFound, "not-found", "no such resource"),
        "409" => conflict(operation_id)?,
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
        "422" if operation_id == "catalog.import" => {
            CatalogError::BadFile(BadRows::new(vec![RowError {
                line: 3,
                field: "price".into(),
                message: "`abc` is not an amount such as 59.90".into(),
            }]))
            .into()
        }
        "422" if operation_id == "inventory.level.import" => {
            InventoryError::BadFile(BadRows::new(vec![RowError {
                line: 3,
                field: "sku".into(),
                message: "`CAM-XG` is not a SKU of this store".into(),
            }]))
            .into()
        }
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

/// The permission a route needs: what its handler `require`s (a test reads the handlers to
/// keep the two the same). `None` for a route any caller of the store may use, or none.
fn permission_of(operation_id: &str, reads: bool) -> Option<Permission> {
    use Permission::*;
    let entity = operation_id
        .rsplit_once('.')
        .map_or(operation_id, |(entity, _)| entity);
    Some(match (entity, reads) {
        ("audit.event", _) => AuditRead,
        ("auth.api_key", _) => ApiKeysManage,
        ("catalog.channel", false) | ("inventory.buffer", _) => ChannelsManage,
        (catalog, true) if catalog.starts_with("catalog") => CatalogRead,
        (catalog, false) if catalog.starts_with("catalog") => CatalogWrite,
        ("inventory.count", _) => StockCount,
        ("inventory.level", false) if operation_id == "inventory.level.import" => StockCount,
        ("inventory.level", false) | ("inventory.replenishment", false) => Purchasing,
        ("inventory.location", false) => LocationsManage,
        ("inventory.purchase_order", false) if operation_id.ends_with(".receive") => StockMove,
        ("inventory.purchase_order", false) => Purchasing,
        (inventory, true) if inventory.starts_with("inventory") => InventoryRead,
        (inventory, false) if inventory.starts_with("inventory") => StockMove,
        ("mail.email", true) => EmailsRead,
        ("mail.email" | "mail.template", _) => MailManage,
        ("orders.customer", true) => CustomersRead,
        ("orders.customer", false) => CustomersWrite,
        ("orders.payment" | "orders.refund", false) => PaymentsManage,
        ("orders.settings", false) => TenantManage,
        (orders, true) if orders.starts_with("orders") => OrdersRead,
        (orders, false) if orders.starts_with("orders") => OrdersWrite,
        ("tenancy.invitation" | "tenancy.member", true) => MembersRead,
        ("tenancy.invitation" | "tenancy.member", false) if !operation_id.ends_with(".accept") => {
            MembersManage
        }
        ("tenancy.tenant", true) => TenantRead,
        ("tenancy.tenant", false) => TenantManage,
        _ => return None,
    })
}

/// The conflict a route most often meets; `None` for a route not listed here, which the spec
/// test then reports.
fn conflict(operation_id: &str) -> Option<ApiError> {
    Some(match operation_id {
        "inventory.stock.adjust"
        | "inventory.stock.transfer"
        | "inventory.stock.unsellable"
        | "inventory.count.create"
        | "inventory.reservation.create"
        | "orders.order.place" => InventoryError::InsufficientStock {
            shortages: vec![Shortage {
                sku: "CAM-P".into(),
                requested: 3,
                available: 2,
            }],
        }
        .into(),
        "catalog.product.create" | "catalog.variant.create" | "catalog.variant.update" => {
            CatalogError::SkuTaken {
                sku: "CAM-P".into(),
            }
            .into()
        }
        "catalog.variant.set_components" => CatalogError::KitRule {
            reason: crate::catalog::error::KitRule::NestedKit,
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
        "auth.api_key.create" => crate::idempotency::secret_not_replayed(uuid::uuid!(
            "0196f5a0-0000-7000-8000-000000000011"
        )),
        "tenancy.signup" => TenancyError::EmailTaken.into(),
        "tenancy.member.update" | "tenancy.member.remove" => TenancyError::LastOwner.into(),
        "tenancy.invitation.create" => TenancyError::AlreadyMember.into(),
        "tenancy.invitation.accept"
        | "tenancy.invitation.revoke"
        | "auth.browser.accept_invitation" => {
            TenancyError::InvitationNotPending { status: "accepted" }.into()
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::permission_of;

    fn sources(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }

    /// Each route's `utoipa::path` annotation and what follows it up to the next: the handler
    /// and the helpers after it.
    fn routes() -> Vec<String> {
        let api = std::env::var_os("CARGO_MANIFEST_DIR")
            .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
        let mut files = Vec::new();
        sources(&api.join("src"), &mut files);
        files
            .iter()
            .flat_map(|text| text.split("#[utoipa::path(").skip(1).map(str::to_owned))
            .collect()
    }

    #[test]
    fn the_documented_permission_is_the_one_each_handler_requires() {
        let mut checked = 0;
        let mut wrong = Vec::new();
        for route in routes() {
            let reads = route.trim_start().starts_with("get,");
            let Some(id) = route
                .split("operation_id = \"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
            else {
                continue;
            };
            let required = route
                .split("require(Permission::")
                .nth(1)
                .and_then(|rest| rest.split(')').next());
            let documented = permission_of(id, reads).map(|p| format!("{p:?}"));
            match required {
                Some(required) if documented.as_deref() != Some(required) => {
                    wrong.push(format!(
                        "{id}: requires {required}, documented {documented:?}"
                    ));
                }
                Some(_) => checked += 1,
                None if documented.is_some() => {
                    wrong.push(format!(
                        "{id}: documented {documented:?}, its handler requires none"
                    ));
                }
                None => {}
            }
        }
        assert!(
            checked > 80,
            "only {checked} routes found requiring a permission"
        );
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
