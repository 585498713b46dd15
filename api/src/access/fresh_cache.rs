//! What a request with credentials would otherwise open a transaction for only to look up, as
//! recently read: a member's role (`RoleCache`), an API key (`KeyCache`). An entry lives a few
//! seconds; what this process changes (a role, a member removed, a key revoked) is forgotten
//! at once, and what another process of the same deployment changes takes effect within
//! `FRESH_FOR`.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use entity::TenantId;
use openapi::tenancy::Role;
use uuid::Uuid;

const FRESH_FOR: Duration = Duration::from_secs(5);
/// Above this many entries, the stale ones are swept out before another is added.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Clone)]
pub struct FreshCache<K, V> {
    entries: Arc<Mutex<HashMap<K, (V, Instant)>>>,
}

impl<K, V> Default for FreshCache<K, V> {
    fn default() -> Self {
        FreshCache {
            entries: Arc::new(Mutex::new(HashMap::new())),
        }
    }
}

impl<K: Eq + Hash, V: Clone> FreshCache<K, V> {
    /// The value, when read less than `FRESH_FOR` ago.
    pub fn get(&self, key: &K) -> Option<V> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|(_, read_at)| read_at.elapsed() < FRESH_FOR)
            .map(|(value, _)| value.clone())
    }

    pub fn remember(&self, key: K, value: V) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= SWEEP_ABOVE {
                entries.retain(|_, (_, read_at)| read_at.elapsed() < FRESH_FOR);
            }
            entries.insert(key, (value, Instant::now()));
        }
    }

    pub fn forget(&self, key: &K) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(key);
        }
    }

    /// Forgets every entry `which` picks.
    pub fn forget_all(&self, which: impl Fn(&K, &V) -> bool) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|key, (value, _)| !which(key, value));
        }
    }
}

/// (tenant, user) → the member's role.
pub type RoleCache = FreshCache<(TenantId, Uuid), Role>;

/// An API key as read, by the hash of its secret.
#[derive(Clone, Debug)]
pub struct KnownKey {
    pub tenant_id: TenantId,
    pub id: Uuid,
    pub scopes: String,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The hash of a key's secret → the key.
pub type KeyCache = FreshCache<String, KnownKey>;

impl KeyCache {
    /// Forgets the store's keys: after one is revoked, or a member's keys may have been.
    pub fn forget_store(&self, tenant_id: TenantId) {
        self.forget_all(|_, key| key.tenant_id == tenant_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forgotten_role_is_read_again() {
        let cache = RoleCache::default();
        let (tenant, user) = (TenantId::new_v7(), Uuid::now_v7());
        assert_eq!(cache.get(&(tenant, user)), None);
        cache.remember((tenant, user), Role::Staff);
        assert_eq!(cache.get(&(tenant, user)), Some(Role::Staff));
        assert_eq!(cache.get(&(TenantId::new_v7(), user)), None);
        cache.forget(&(tenant, user));
        assert_eq!(cache.get(&(tenant, user)), None);
    }

    #[test]
    fn a_stores_keys_are_forgotten_together() {
        let cache = KeyCache::default();
        let (mine, theirs) = (TenantId::new_v7(), TenantId::new_v7());
        let key = |tenant_id| KnownKey {
            tenant_id,
            id: Uuid::now_v7(),
            scopes: "orders:read".into(),
            last_used_at: None,
        };
        cache.remember("a".into(), key(mine));
        cache.remember("b".into(), key(theirs));
        cache.forget_store(mine);
        assert!(cache.get(&"a".into()).is_none());
        assert!(cache.get(&"b".into()).is_some());
    }
}
