//! Members' roles as recently read, so that a request with an access token does not open a
//! transaction of its own only to look its role up. An entry lives a few seconds; a role
//! changed or a member removed through this process is forgotten at once, and through
//! another process of the same deployment takes effect within `FRESH_FOR`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use entity::TenantId;
use openapi::tenancy::Role;
use uuid::Uuid;

const FRESH_FOR: Duration = Duration::from_secs(5);
/// Above this many entries, the stale ones are swept out before another is added.
const SWEEP_ABOVE: usize = 10_000;

/// (tenant, user) → the role and when it was read.
type Entries = HashMap<(TenantId, Uuid), (Role, Instant)>;

#[derive(Clone, Default)]
pub struct RoleCache {
    entries: Arc<Mutex<Entries>>,
}

impl RoleCache {
    /// The role of `user_id` in `tenant_id`, when read less than `FRESH_FOR` ago.
    pub fn get(&self, tenant_id: TenantId, user_id: Uuid) -> Option<Role> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(&(tenant_id, user_id))
            .filter(|(_, read_at)| read_at.elapsed() < FRESH_FOR)
            .map(|(role, _)| *role)
    }

    pub fn remember(&self, tenant_id: TenantId, user_id: Uuid, role: Role) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= SWEEP_ABOVE {
                entries.retain(|_, (_, read_at)| read_at.elapsed() < FRESH_FOR);
            }
            entries.insert((tenant_id, user_id), (role, Instant::now()));
        }
    }

    pub fn forget(&self, tenant_id: TenantId, user_id: Uuid) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(&(tenant_id, user_id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forgotten_role_is_read_again() {
        let cache = RoleCache::default();
        let (tenant, user) = (TenantId::new_v7(), Uuid::now_v7());
        assert_eq!(cache.get(tenant, user), None);
        cache.remember(tenant, user, Role::Staff);
        assert_eq!(cache.get(tenant, user), Some(Role::Staff));
        assert_eq!(cache.get(TenantId::new_v7(), user), None);
        cache.forget(tenant, user);
        assert_eq!(cache.get(tenant, user), None);
    }
}
