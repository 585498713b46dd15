//! Typed ids: a tenant id cannot be passed where another id is expected.

use std::fmt;

use sea_orm::{DbErr, DeriveValueType, TryFromU64};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The id of a tenant (a store): `tenants.id` and every tenant table's `tenant_id` (a uuid column).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    DeriveValueType,
)]
#[serde(transparent)]
pub struct TenantId(Uuid);

impl TenantId {
    pub const fn from_uuid(uuid: Uuid) -> TenantId {
        TenantId(uuid)
    }

    pub const fn into_uuid(self) -> Uuid {
        self.0
    }

    /// A new, time-ordered id for a tenant being created.
    pub fn new_v7() -> TenantId {
        TenantId(Uuid::now_v7())
    }
}

impl From<Uuid> for TenantId {
    fn from(uuid: Uuid) -> TenantId {
        TenantId(uuid)
    }
}

impl From<TenantId> for Uuid {
    fn from(id: TenantId) -> Uuid {
        id.0
    }
}

impl fmt::Display for TenantId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(formatter)
    }
}

// `tenants.id` is a primary key; like `Uuid`, it is never generated from an integer.
impl TryFromU64 for TenantId {
    fn try_from_u64(_: u64) -> Result<TenantId, DbErr> {
        Err(DbErr::ConvertFromU64("TenantId"))
    }
}
