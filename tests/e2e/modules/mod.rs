//! The server's modules as the tests know them: for each, what makes one of its resources for
//! the isolation test (by documented path) and what puts a store's rows into its tenant
//! tables. One entry per module of `api::modules::ALL`, in its order (a test checks), so a new
//! module adds its file here and its line in `ALL`.

mod audit;
mod auth;
mod catalog;
mod inventory;
mod logistics;
mod mail;
mod orders;
mod returns;
mod tenancy;

use std::future::Future;
use std::pin::Pin;

use crate::harness::TestApp;
use crate::harness::shop::Shop;
use crate::isolation::fixtures::Target;
use crate::isolation::spec::Operation;

/// What a module's test function returns: a future borrowing the app and the shop.
pub type Made<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Makes one resource in the shop's store for an operation, named with a unique name.
pub type MakeFixture = for<'a> fn(&'a TestApp, &'a Shop, &'a Operation, String) -> Made<'a, Target>;

/// Puts at least one row of the shop's store into each of the module's tenant tables.
pub type Fill = for<'a> fn(&'a TestApp, &'a Shop) -> Made<'a, ()>;

pub struct ModuleTests {
    /// The server module's name (`api::module::Module::name`).
    pub name: &'static str,
    /// Each resource the module's routes name, by documented path up to and including its
    /// first parameter.
    pub fixtures: &'static [(&'static str, MakeFixture)],
    pub fill: Fill,
}

pub const ALL: &[&ModuleTests] = &[
    &tenancy::TESTS,
    &auth::TESTS,
    &catalog::TESTS,
    &inventory::TESTS,
    &orders::TESTS,
    &logistics::TESTS,
    &mail::TESTS,
    &audit::TESTS,
];

/// A fill for a module whose tables others' fills already reach.
pub fn nothing<'a>(_: &'a TestApp, _: &'a Shop) -> Made<'a, ()> {
    Box::pin(async {})
}

#[test]
fn one_entry_per_server_module_in_its_order() {
    let server: Vec<&str> = api::modules::ALL.iter().map(|m| m.name).collect();
    let tests: Vec<&str> = ALL.iter().map(|m| m.name).collect();
    assert_eq!(
        tests, server,
        "tests/e2e/modules::ALL against api::modules::ALL"
    );
}
