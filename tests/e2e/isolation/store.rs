//! A store with two of each kind of resource another store's calls may name, made through the
//! API by each module's kinds (`crate::modules`): what the body and query walks put in place
//! of the document's example ids.

use crate::harness::TestApp;
use crate::modules::{Ids, Kind};
use crate::orders::{Shop, open_shop};

/// A store ready to sell, and its resources by kind.
pub struct Store {
    pub shop: Shop,
    ids: Ids,
}

impl Store {
    pub async fn open(app: &TestApp, name: &str) -> Store {
        let shop = open_shop(app, name).await;
        let mut ids = Ids::new();
        for module in crate::modules::ALL {
            for (kind, make) in module.kinds {
                let made = make(app, &shop, &ids, name).await;
                ids.insert(kind, made);
            }
        }
        Store { shop, ids }
    }

    /// The `nth` (from 0) of its resources of this kind.
    pub fn id(&self, kind: Kind, nth: usize) -> Result<String, String> {
        let ids = self.ids.get(kind).map(Vec::as_slice).unwrap_or_default();
        ids.get(nth).cloned().ok_or(format!(
            "no {kind} number {}: add a maker of it to its module's `kinds` (`tests/e2e/modules`)",
            nth + 1
        ))
    }
}
