//! Carriers and their services.

use chrono::Utc;
use openapi::catalog::Status;
use openapi::logistics::{CarrierIn, CarrierPatch, CarrierQuery, ServiceIn, ServicePatch};
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use entity::{carrier, carrier_service};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::logistics::error::LogisticsError;
use crate::pagination::{PageRequest, Paged};

/// A carrier with its services, by name.
pub struct CarrierWithServices {
    pub carrier: carrier::Model,
    pub services: Vec<carrier_service::Model>,
}

fn summary(carrier: &carrier::Model) -> serde_json::Value {
    json!({
        "name": carrier.name,
        "kind": carrier.kind,
        "tracking_url": carrier.tracking_url,
        "status": carrier.status,
    })
}

fn name_taken(error: DbErr, name: &str) -> LogisticsError {
    crate::db::taken_or(error, || LogisticsError::CarrierNameTaken {
        name: name.to_owned(),
    })
}

fn code_taken(error: DbErr, code: &str) -> LogisticsError {
    crate::db::taken_or(error, || LogisticsError::ServiceCodeTaken {
        code: code.to_owned(),
    })
}

pub async fn find_carrier(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<carrier::Model, LogisticsError> {
    txn.find::<carrier::Entity>()
        .filter(carrier::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(LogisticsError::NotFound("carrier"))
}

pub async fn find_service(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<carrier_service::Model, LogisticsError> {
    txn.find::<carrier_service::Entity>()
        .filter(carrier_service::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(LogisticsError::NotFound("carrier service"))
}

/// The services of `carriers`, each carrier's by name.
async fn with_services(
    txn: &TenantTransaction,
    carriers: Vec<carrier::Model>,
) -> Result<Vec<CarrierWithServices>, LogisticsError> {
    let ids: Vec<Uuid> = carriers.iter().map(|c| c.id).collect();
    let services = txn
        .find::<carrier_service::Entity>()
        .filter(carrier_service::Column::CarrierId.is_in(ids))
        .order_by_asc(carrier_service::Column::Name)
        .all(txn)
        .await?;
    Ok(carriers
        .into_iter()
        .map(|carrier| CarrierWithServices {
            services: services
                .iter()
                .filter(|s| s.carrier_id == carrier.id)
                .cloned()
                .collect(),
            carrier,
        })
        .collect())
}

pub async fn get_carrier(
    txn: &TenantTransaction,
    id: Uuid,
) -> Result<CarrierWithServices, LogisticsError> {
    let carrier = find_carrier(txn, id).await?;
    let mut found = with_services(txn, vec![carrier]).await?;
    found.pop().ok_or(LogisticsError::NotFound("carrier"))
}

pub async fn list_carriers(
    txn: &TenantTransaction,
    query: &CarrierQuery,
    page: PageRequest,
) -> Result<Paged<CarrierWithServices>, LogisticsError> {
    let mut select = txn.find::<carrier::Entity>();
    if let Some(status) = query.status {
        select = select.filter(carrier::Column::Status.eq(status));
    }
    if let Some(kind) = query.kind {
        select = select.filter(carrier::Column::Kind.eq(kind));
    }
    let rows = page
        .apply_keyed(select, carrier::Column::Name, carrier::Column::Id)
        .all(txn)
        .await?;
    let paged = page.finish_keyed(rows, |c| (Some(c.name.clone()), c.id));
    Ok(Paged {
        items: with_services(txn, paged.items).await?,
        next_cursor: paged.next_cursor,
    })
}

pub async fn create_carrier(
    txn: &TenantTransaction,
    principal: &Principal,
    input: &CarrierIn,
) -> Result<CarrierWithServices, LogisticsError> {
    let now = Utc::now();
    let carrier = carrier::Model {
        tenant_id: txn.tenant(),
        id: Uuid::now_v7(),
        name: input.name.trim().to_owned(),
        kind: input.kind,
        tracking_url: input.tracking_url.clone(),
        status: Status::Active,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    carrier::Entity::insert(carrier::ActiveModel::from(carrier.clone()))
        .exec_without_returning(txn)
        .await
        .map_err(|e| name_taken(e, &carrier.name))?;
    let change = Change {
        action: "carrier.create",
        entity_type: "carrier",
        entity_id: Some(carrier.id),
        before: None,
        after: Some(summary(&carrier)),
    };
    audit::record(txn, principal, change).await?;
    Ok(CarrierWithServices {
        carrier,
        services: Vec::new(),
    })
}

pub async fn update_carrier(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    patch: &CarrierPatch,
    expected_version: Option<i32>,
) -> Result<CarrierWithServices, LogisticsError> {
    let before = find_carrier(txn, id).await?;
    if expected_version.is_some_and(|v| v != before.version) {
        return Err(LogisticsError::Stale {
            what: "the carrier",
            current: before.version,
        });
    }
    let after = carrier::Model {
        name: patch
            .name
            .as_deref()
            .map_or(before.name.clone(), |n| n.trim().to_owned()),
        kind: patch.kind.unwrap_or(before.kind),
        tracking_url: patch.tracking_url.clone().or(before.tracking_url.clone()),
        status: patch.status.unwrap_or(before.status),
        version: before.version + 1,
        updated_at: Utc::now(),
        ..before.clone()
    };
    let updated = txn
        .update_many::<carrier::Entity>()
        .set(carrier::ActiveModel::from(after.clone()).reset_all())
        .filter(carrier::Column::Id.eq(id))
        .filter(carrier::Column::Version.eq(before.version))
        .exec(txn)
        .await
        .map_err(|e| name_taken(e, &after.name))?;
    if updated.rows_affected != 1 {
        return Err(LogisticsError::Stale {
            what: "the carrier",
            current: before.version + 1,
        });
    }
    let change = Change {
        action: "carrier.update",
        entity_type: "carrier",
        entity_id: Some(id),
        before: Some(summary(&before)),
        after: Some(summary(&after)),
    };
    audit::record(txn, principal, change).await?;
    let mut found = with_services(txn, vec![after]).await?;
    found.pop().ok_or(LogisticsError::NotFound("carrier"))
}

pub async fn add_service(
    txn: &TenantTransaction,
    principal: &Principal,
    carrier_id: Uuid,
    input: &ServiceIn,
) -> Result<carrier_service::Model, LogisticsError> {
    let carrier = find_carrier(txn, carrier_id).await?;
    let now = Utc::now();
    let service = carrier_service::Model {
        tenant_id: txn.tenant(),
        id: Uuid::now_v7(),
        carrier_id: carrier.id,
        name: input.name.trim().to_owned(),
        code: input.code.clone(),
        status: Status::Active,
        created_at: now,
        updated_at: now,
    };
    carrier_service::Entity::insert(carrier_service::ActiveModel::from(service.clone()))
        .exec_without_returning(txn)
        .await
        .map_err(|e| code_taken(e, &service.code))?;
    let change = Change {
        action: "carrier_service.create",
        entity_type: "carrier_service",
        entity_id: Some(service.id),
        before: None,
        after: Some(json!({ "carrier": carrier.name, "name": service.name, "code": service.code })),
    };
    audit::record(txn, principal, change).await?;
    Ok(service)
}

pub async fn update_service(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    patch: &ServicePatch,
) -> Result<carrier_service::Model, LogisticsError> {
    let before = find_service(txn, id).await?;
    let after = carrier_service::Model {
        name: patch
            .name
            .as_deref()
            .map_or(before.name.clone(), |n| n.trim().to_owned()),
        status: patch.status.unwrap_or(before.status),
        updated_at: Utc::now(),
        ..before.clone()
    };
    txn.update_many::<carrier_service::Entity>()
        .set(carrier_service::ActiveModel::from(after.clone()).reset_all())
        .filter(carrier_service::Column::Id.eq(id))
        .exec(txn)
        .await?;
    let change = Change {
        action: "carrier_service.update",
        entity_type: "carrier_service",
        entity_id: Some(id),
        before: Some(json!({ "name": before.name, "status": before.status })),
        after: Some(json!({ "name": after.name, "status": after.status })),
    };
    audit::record(txn, principal, change).await?;
    Ok(after)
}
