//! The server's modules as the tests know them: for each, what makes one of its resources for
//! the isolation test (by documented path), what puts a store's rows into its tenant tables,
//! and for the body and query walks the kinds of resource it makes and what each uuid field of
//! its routes names. One entry per module of `api::modules::ALL`, in its order (a test
//! checks), so a new module adds its file here and its line in `ALL`.

mod audit;
mod auth;
pub mod automation;
mod catalog;
mod finance;
mod inventory;
mod logistics;
mod mail;
mod orders;
mod returns;
pub mod support;
mod tenancy;

use std::collections::BTreeMap;
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

/// What an id names: a kind of resource, by the name the module making it gives it (`kinds`).
pub type Kind = &'static str;

/// A store's resources by kind, as the isolation walks' `Store::open` made them.
pub type Ids = BTreeMap<Kind, Vec<String>>;

/// Makes a store's resources of one kind (two where a request names two of a kind), given
/// those made before (by the modules before it, and its kinds listed before), named after
/// `name`.
pub type MakeIds = for<'a> fn(&'a TestApp, &'a Shop, &'a Ids, &'a str) -> Made<'a, Vec<String>>;

pub struct ModuleTests {
    /// The server module's name (`api::module::Module::name`).
    pub name: &'static str,
    /// Each resource the module's routes name, by documented path up to and including its
    /// first parameter.
    pub fixtures: &'static [(&'static str, MakeFixture)],
    pub fill: Fill,
    /// The kinds of resource it makes in a store, for ids in bodies and queries.
    pub kinds: &'static [(Kind, MakeIds)],
    /// Each uuid field of its routes' request examples (`customer.id`: an `id` inside
    /// `customer`), with what it names.
    pub body_ids: &'static [(&'static str, Kind)],
    /// Uuid fields of its request examples that name nothing of a store, each with why.
    pub not_ids: &'static [(&'static str, &'static str)],
    /// Each uuid query parameter of its routes, with what it names.
    pub query_ids: &'static [(&'static str, Kind)],
}

/// A module with nothing but its name and fill: set the rest with struct update syntax.
pub const NONE: ModuleTests = ModuleTests {
    name: "",
    fixtures: &[],
    fill: nothing,
    kinds: &[],
    body_ids: &[],
    not_ids: &[],
    query_ids: &[],
};

/// The tests' entry of the server module named (the tag of its operations).
pub fn of(module: &str) -> Option<&'static ModuleTests> {
    ALL.iter().copied().find(|tests| tests.name == module)
}

/// The `nth` (from 0) of what the makers before made of `kind`.
pub fn made(ids: &Ids, kind: Kind, nth: usize) -> String {
    ids.get(kind)
        .and_then(|made| made.get(nth))
        .cloned()
        .unwrap_or_else(|| panic!("no {kind} number {}: made later or by no module", nth + 1))
}

pub const ALL: &[&ModuleTests] = &[
    &tenancy::TESTS,
    &auth::TESTS,
    &catalog::TESTS,
    &inventory::TESTS,
    &orders::TESTS,
    &logistics::TESTS,
    &finance::TESTS,
    &automation::TESTS,
    &support::TESTS,
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
