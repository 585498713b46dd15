//! `Permission`: what a caller may do, by its wire name. One enum for every module, here
//! because the web app shares it; which roles have each, and whether an API key may, is the
//! row its module declares (`api`'s `Module::permissions`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a caller may do: a member's role grants a set (the server's one table), an API key
/// holds the scopes it was given. Named on the wire as `area:verb`, e.g. `orders:write`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
pub enum Permission {
    #[serde(rename = "tenant:read")]
    TenantRead,
    #[serde(rename = "tenant:manage")]
    TenantManage,
    #[serde(rename = "members:read")]
    MembersRead,
    #[serde(rename = "members:manage")]
    MembersManage,
    #[serde(rename = "api_keys:manage")]
    ApiKeysManage,
    #[serde(rename = "audit:read")]
    AuditRead,
    #[serde(rename = "catalog:read")]
    CatalogRead,
    #[serde(rename = "catalog:write")]
    CatalogWrite,
    #[serde(rename = "channels:manage")]
    ChannelsManage,
    #[serde(rename = "inventory:read")]
    InventoryRead,
    #[serde(rename = "stock:move")]
    StockMove,
    #[serde(rename = "stock:count")]
    StockCount,
    #[serde(rename = "purchasing:manage")]
    Purchasing,
    #[serde(rename = "locations:manage")]
    LocationsManage,
    #[serde(rename = "customers:read")]
    CustomersRead,
    #[serde(rename = "customers:write")]
    CustomersWrite,
    #[serde(rename = "orders:read")]
    OrdersRead,
    #[serde(rename = "orders:write")]
    OrdersWrite,
    #[serde(rename = "payments:manage")]
    PaymentsManage,
    #[serde(rename = "emails:read")]
    EmailsRead,
    #[serde(rename = "mail:manage")]
    MailManage,
    #[serde(rename = "logistics:read")]
    LogisticsRead,
    #[serde(rename = "logistics:manage")]
    LogisticsManage,
    /// Pick, pack and ship; request and receive returns.
    #[serde(rename = "logistics:fulfil")]
    LogisticsFulfil,
    /// Send carrier tracking events (what a carrier integration's key holds).
    #[serde(rename = "logistics:track")]
    LogisticsTrack,
    #[serde(rename = "finance:read")]
    FinanceRead,
    /// Issue invoices and credit notes.
    #[serde(rename = "finance:manage")]
    FinanceManage,
    /// Report invoices' fiscal documents (what a fiscal integration's key holds).
    #[serde(rename = "finance:fiscal")]
    FinanceFiscal,
    /// Send gateways' payment notifications (what a payment integration's key holds).
    #[serde(rename = "finance:payments")]
    FinancePayments,
    /// Manage webhook endpoints and automation rules.
    #[serde(rename = "automation:manage")]
    AutomationManage,
    #[serde(rename = "support:read")]
    SupportRead,
    /// Open tickets, answer them, write notes, change their status and assignee.
    #[serde(rename = "support:answer")]
    SupportAnswer,
    /// The support desk's settings.
    #[serde(rename = "support:manage")]
    SupportManage,
    /// Hand in the emails customers sent (what an inbound-mail service's key holds).
    #[serde(rename = "support:inbound")]
    SupportInbound,
}

impl Permission {
    pub const ALL: [Permission; 34] = [
        Permission::TenantRead,
        Permission::TenantManage,
        Permission::MembersRead,
        Permission::MembersManage,
        Permission::ApiKeysManage,
        Permission::AuditRead,
        Permission::CatalogRead,
        Permission::CatalogWrite,
        Permission::ChannelsManage,
        Permission::InventoryRead,
        Permission::StockMove,
        Permission::StockCount,
        Permission::Purchasing,
        Permission::LocationsManage,
        Permission::CustomersRead,
        Permission::CustomersWrite,
        Permission::OrdersRead,
        Permission::OrdersWrite,
        Permission::PaymentsManage,
        Permission::EmailsRead,
        Permission::MailManage,
        Permission::LogisticsRead,
        Permission::LogisticsManage,
        Permission::LogisticsFulfil,
        Permission::LogisticsTrack,
        Permission::FinanceRead,
        Permission::FinanceManage,
        Permission::FinanceFiscal,
        Permission::FinancePayments,
        Permission::AutomationManage,
        Permission::SupportRead,
        Permission::SupportAnswer,
        Permission::SupportManage,
        Permission::SupportInbound,
    ];

    /// The wire name (the serde name; a test keeps the two equal).
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::TenantRead => "tenant:read",
            Permission::TenantManage => "tenant:manage",
            Permission::MembersRead => "members:read",
            Permission::MembersManage => "members:manage",
            Permission::ApiKeysManage => "api_keys:manage",
            Permission::AuditRead => "audit:read",
            Permission::CatalogRead => "catalog:read",
            Permission::CatalogWrite => "catalog:write",
            Permission::ChannelsManage => "channels:manage",
            Permission::InventoryRead => "inventory:read",
            Permission::StockMove => "stock:move",
            Permission::StockCount => "stock:count",
            Permission::Purchasing => "purchasing:manage",
            Permission::LocationsManage => "locations:manage",
            Permission::CustomersRead => "customers:read",
            Permission::CustomersWrite => "customers:write",
            Permission::OrdersRead => "orders:read",
            Permission::OrdersWrite => "orders:write",
            Permission::PaymentsManage => "payments:manage",
            Permission::EmailsRead => "emails:read",
            Permission::MailManage => "mail:manage",
            Permission::LogisticsRead => "logistics:read",
            Permission::LogisticsManage => "logistics:manage",
            Permission::LogisticsFulfil => "logistics:fulfil",
            Permission::LogisticsTrack => "logistics:track",
            Permission::FinanceRead => "finance:read",
            Permission::FinanceManage => "finance:manage",
            Permission::FinanceFiscal => "finance:fiscal",
            Permission::FinancePayments => "finance:payments",
            Permission::AutomationManage => "automation:manage",
            Permission::SupportRead => "support:read",
            Permission::SupportAnswer => "support:answer",
            Permission::SupportManage => "support:manage",
            Permission::SupportInbound => "support:inbound",
        }
    }

    pub fn parse(text: &str) -> Option<Permission> {
        Permission::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

impl std::fmt::Display for Permission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Permission;

    #[test]
    fn every_permission_is_named_on_the_wire_as_its_serde_name() {
        for permission in Permission::ALL {
            let wire = serde_json::to_value(permission).unwrap_or_default();
            assert_eq!(wire, permission.as_str(), "{permission:?}");
            assert_eq!(Permission::parse(permission.as_str()), Some(permission));
        }
    }
}
