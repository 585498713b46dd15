//! The one permission table: what each role may do, and which permissions an API key may
//! hold. The permissions themselves, and their names, are `openapi::auth::Permission`.

pub use openapi::auth::Permission;
use openapi::tenancy::Role;

use Permission::*;
use Role::*;

/// Each permission, whether an API key may hold it (as a scope), and the member roles that
/// have it.
const TABLE: &[(Permission, bool, &[Role])] = &[
    (TenantRead, true, &[Owner, Admin, Manager, Staff, Viewer]),
    (TenantManage, true, &[Owner, Admin]),
    (MembersRead, true, &[Owner, Admin, Manager]),
    (MembersManage, false, &[Owner, Admin]),
    (ApiKeysManage, false, &[Owner, Admin]),
    (AuditRead, true, &[Owner, Admin, Manager]),
    (CatalogRead, true, &[Owner, Admin, Manager, Staff, Viewer]),
    (CatalogWrite, true, &[Owner, Admin, Manager]),
    (ChannelsManage, true, &[Owner, Admin]),
    (InventoryRead, true, &[Owner, Admin, Manager, Staff, Viewer]),
    (StockMove, true, &[Owner, Admin, Manager, Staff]),
    (StockCount, true, &[Owner, Admin, Manager]),
    (Purchasing, true, &[Owner, Admin, Manager]),
    (LocationsManage, true, &[Owner, Admin]),
    (CustomersRead, true, &[Owner, Admin, Manager, Staff, Viewer]),
    (CustomersWrite, true, &[Owner, Admin, Manager, Staff]),
    (OrdersRead, true, &[Owner, Admin, Manager, Staff, Viewer]),
    (OrdersWrite, true, &[Owner, Admin, Manager, Staff]),
    (PaymentsManage, true, &[Owner, Admin, Manager]),
    (EmailsRead, true, &[Owner, Admin, Manager]),
    (MailManage, true, &[Owner, Admin]),
    (LogisticsRead, true, &[Owner, Admin, Manager, Staff, Viewer]),
    (LogisticsManage, true, &[Owner, Admin, Manager]),
    (LogisticsFulfil, true, &[Owner, Admin, Manager, Staff]),
    (LogisticsTrack, true, &[Owner, Admin, Manager, Staff]),
];

/// A permission an API key may be given, by scope name.
pub fn grantable_scope(name: &str) -> Option<Permission> {
    Permission::parse(name).filter(|permission| grantable(*permission))
}

/// Whether an API key may hold `permission`.
pub fn grantable(permission: Permission) -> bool {
    TABLE.iter().any(|row| row.0 == permission && row.1)
}

/// Everything a member of `role` may do.
pub fn permissions_of(role: Role) -> Vec<Permission> {
    TABLE
        .iter()
        .filter(|row| row.2.contains(&role))
        .map(|row| row.0)
        .collect()
}
