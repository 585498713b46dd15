//! The deliveries in flight: at most `IN_FLIGHT` at once over every store, and at most
//! `PER_STORE` of one store's, so a store whose receivers hang (10 s each) holds a few slots
//! and never the others' deliveries. A slot frees as soon as its delivery is recorded.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use entity::TenantId;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How many deliveries are sent at once.
pub const IN_FLIGHT: usize = 10;
/// How many of them one store may have.
pub const PER_STORE: usize = 3;

pub struct Flight {
    slots: Arc<Semaphore>,
    stores: Mutex<HashMap<TenantId, usize>>,
}

impl Default for Flight {
    fn default() -> Flight {
        Flight {
            slots: Arc::new(Semaphore::new(IN_FLIGHT)),
            stores: Mutex::new(HashMap::new()),
        }
    }
}

/// A delivery's place in flight, given back when it is dropped.
pub struct Boarding {
    flight: Arc<Flight>,
    tenant_id: TenantId,
    _slot: OwnedSemaphorePermit,
}

impl Drop for Boarding {
    fn drop(&mut self) {
        let mut stores = self.flight.lock();
        if let Some(count) = stores.get_mut(&self.tenant_id) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                stores.remove(&self.tenant_id);
            }
        }
    }
}

impl Flight {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<TenantId, usize>> {
        self.stores.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many more deliveries may take off now.
    pub fn free(&self) -> usize {
        self.slots.available_permits()
    }

    /// Returns once a slot is free (at once if one is).
    pub async fn slot_freed(&self) {
        // A closed semaphore never happens here: it is never closed.
        let _ = self.slots.acquire().await;
    }

    /// How many of each store's are in flight now.
    pub fn per_store(&self) -> HashMap<TenantId, usize> {
        self.lock().clone()
    }

    /// A place for one of `tenant_id`'s deliveries, if a slot is free.
    pub fn board(self: &Arc<Self>, tenant_id: TenantId) -> Option<Boarding> {
        let slot = self.slots.clone().try_acquire_owned().ok()?;
        *self.lock().entry(tenant_id).or_insert(0) += 1;
        Some(Boarding {
            flight: self.clone(),
            tenant_id,
            _slot: slot,
        })
    }
}

/// Of `due` (the most overdue first, as `(store, item)`), those that may take off now: at most
/// `free`, and no store beyond `PER_STORE` counting what it has in flight.
pub fn fair_share<T>(
    due: Vec<(TenantId, T)>,
    free: usize,
    in_flight: &HashMap<TenantId, usize>,
) -> Vec<(TenantId, T)> {
    let mut counts = in_flight.clone();
    let mut chosen = Vec::new();
    for (tenant_id, item) in due {
        if chosen.len() == free {
            break;
        }
        let count = counts.entry(tenant_id).or_insert(0);
        if *count < PER_STORE {
            *count += 1;
            chosen.push((tenant_id, item));
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(n: u128) -> TenantId {
        TenantId::from(uuid::Uuid::from_u128(n))
    }

    #[test]
    fn no_store_takes_more_than_its_share() {
        let (a, b) = (store(1), store(2));
        let mut due: Vec<(TenantId, u32)> = (0..8).map(|i| (a, i)).collect();
        due.extend([(b, 100), (b, 101)]);
        let chosen = fair_share(due.clone(), 10, &HashMap::new());
        let stores: Vec<TenantId> = chosen.iter().map(|(t, _)| *t).collect();
        assert_eq!(stores, [a, a, a, b, b]);
        // With two of A's already in flight, one more of A's; and never more than is free.
        let busy = HashMap::from([(a, 2)]);
        let chosen = fair_share(due, 2, &busy);
        assert_eq!(chosen, [(a, 0), (b, 100)]);
    }

    #[tokio::test]
    async fn a_boarding_gives_its_place_back() {
        let flight = Arc::new(Flight::default());
        let a = store(1);
        let boarded: Vec<Boarding> = (0..IN_FLIGHT).filter_map(|_| flight.board(a)).collect();
        assert_eq!((flight.free(), flight.per_store()[&a]), (0, IN_FLIGHT));
        assert!(flight.board(a).is_none());
        drop(boarded);
        assert_eq!(flight.free(), IN_FLIGHT);
        assert!(flight.per_store().is_empty());
    }
}
