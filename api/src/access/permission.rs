//! What each role may do, and which permissions an API key may hold: the union of the rows
//! each module declares (`Module::permissions`), which the app hands over once at start
//! (`install`, from `crate::modules`), since this kernel leaf knows no module. The
//! permissions themselves, and their names, are `openapi::auth::Permission` (the web app
//! shares them).

use std::sync::OnceLock;

pub use openapi::auth::Permission;
use openapi::tenancy::Role;

/// One row of the table: a permission, whether an API key may hold it (as a scope), and the
/// member roles that have it.
pub type Grant = (Permission, bool, &'static [Role]);

static TABLE: OnceLock<Vec<Grant>> = OnceLock::new();

/// Sets the table, once per process; later calls (another server in the same process, the
/// demo) change nothing.
pub fn install(rows: impl IntoIterator<Item = Grant>) {
    TABLE.get_or_init(|| rows.into_iter().collect());
}

/// The installed rows; none before `install`, so nothing is allowed then.
fn table() -> &'static [Grant] {
    match TABLE.get() {
        Some(rows) => rows,
        None => {
            tracing::error!("the permission table was not installed: nothing is allowed");
            &[]
        }
    }
}

/// A permission an API key may be given, by scope name.
pub fn grantable_scope(name: &str) -> Option<Permission> {
    Permission::parse(name).filter(|permission| grantable(*permission))
}

/// Whether an API key may hold `permission`.
pub fn grantable(permission: Permission) -> bool {
    table().iter().any(|row| row.0 == permission && row.1)
}

/// Everything a member of `role` may do.
pub fn permissions_of(role: Role) -> Vec<Permission> {
    table()
        .iter()
        .filter(|row| row.2.contains(&role))
        .map(|row| row.0)
        .collect()
}
