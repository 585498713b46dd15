//! Rows of one store in every tenant table, through the API.

use crate::harness::TestApp;
use crate::harness::shop::Shop;

/// Puts at least one row of the shop's store into every tenant table: each module's fill
/// (`crate::modules`), in the modules' order. A new tenant table needs rows from its module's
/// fill: the catalogue test fails for a tenant table this leaves empty.
pub async fn fill_every_tenant_table(app: &TestApp, shop: &Shop) {
    for module in crate::modules::ALL {
        (module.fill)(app, shop).await;
    }
}
