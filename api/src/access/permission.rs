//! The one permission table: what each role may do.

use openapi::tenancy::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    TenantRead,
    TenantManage,
    MembersRead,
    MembersManage,
    ApiKeysManage,
    AuditRead,
    CatalogRead,
    CatalogWrite,
    ChannelsManage,
    InventoryRead,
    StockMove,
    StockCount,
    Purchasing,
    LocationsManage,
    CustomersRead,
    CustomersWrite,
    OrdersRead,
    OrdersWrite,
    PaymentsManage,
    EmailsRead,
    MailManage,
}

use Permission::*;
use Role::*;

/// Each permission, its name (also an API key scope), whether an API key may hold it, and the
/// member roles that have it.
const TABLE: &[(Permission, &str, bool, &[Role])] = &[
    (
        TenantRead,
        "tenant:read",
        true,
        &[Owner, Admin, Manager, Staff, Viewer],
    ),
    (TenantManage, "tenant:manage", true, &[Owner, Admin]),
    (MembersRead, "members:read", true, &[Owner, Admin, Manager]),
    (MembersManage, "members:manage", false, &[Owner, Admin]),
    (ApiKeysManage, "api_keys:manage", false, &[Owner, Admin]),
    (AuditRead, "audit:read", true, &[Owner, Admin, Manager]),
    (
        CatalogRead,
        "catalog:read",
        true,
        &[Owner, Admin, Manager, Staff, Viewer],
    ),
    (
        CatalogWrite,
        "catalog:write",
        true,
        &[Owner, Admin, Manager],
    ),
    (ChannelsManage, "channels:manage", true, &[Owner, Admin]),
    (
        InventoryRead,
        "inventory:read",
        true,
        &[Owner, Admin, Manager, Staff, Viewer],
    ),
    (
        StockMove,
        "stock:move",
        true,
        &[Owner, Admin, Manager, Staff],
    ),
    (StockCount, "stock:count", true, &[Owner, Admin, Manager]),
    (
        Purchasing,
        "purchasing:manage",
        true,
        &[Owner, Admin, Manager],
    ),
    (LocationsManage, "locations:manage", true, &[Owner, Admin]),
    (
        CustomersRead,
        "customers:read",
        true,
        &[Owner, Admin, Manager, Staff, Viewer],
    ),
    (
        CustomersWrite,
        "customers:write",
        true,
        &[Owner, Admin, Manager, Staff],
    ),
    (
        OrdersRead,
        "orders:read",
        true,
        &[Owner, Admin, Manager, Staff, Viewer],
    ),
    (
        OrdersWrite,
        "orders:write",
        true,
        &[Owner, Admin, Manager, Staff],
    ),
    (
        PaymentsManage,
        "payments:manage",
        true,
        &[Owner, Admin, Manager],
    ),
    (EmailsRead, "emails:read", true, &[Owner, Admin, Manager]),
    (MailManage, "mail:manage", true, &[Owner, Admin]),
];

impl Permission {
    pub fn name(self) -> &'static str {
        TABLE
            .iter()
            .find(|row| row.0 == self)
            .map_or("unknown", |row| row.1)
    }

    /// A permission an API key may be given, by scope name.
    pub fn grantable_scope(name: &str) -> Option<Permission> {
        TABLE
            .iter()
            .find(|row| row.1 == name && row.2)
            .map(|row| row.0)
    }
}

/// Everything a member of `role` may do.
pub fn permissions_of(role: Role) -> Vec<Permission> {
    TABLE
        .iter()
        .filter(|row| row.3.contains(&role))
        .map(|row| row.0)
        .collect()
}
