//! Store A's resources, made through the API for the isolation test: one fresh resource per
//! operation (a call that succeeds may delete or move it), chosen by the operation's path.

use serde_json::Value;
use uuid::Uuid;

use super::spec::Operation;
use crate::harness::TestApp;
use crate::harness::shop::Shop;
use crate::modules::MakeFixture;

/// What makes a resource of the documented path: the maker of the modules' tests
/// (`crate::modules`) whose path is a prefix of it, up to and including its first parameter.
#[derive(Clone, Copy)]
pub struct Fixture(MakeFixture);

/// A resource of A made for one operation: its path's values, and the body to send when the
/// document's example names ids that must be A's (else the example is sent).
pub struct Target {
    pub params: Vec<(&'static str, String)>,
    pub body: Option<Value>,
}

impl Target {
    pub fn id(id: String) -> Target {
        Target::params(vec![("id", id)])
    }

    pub fn params(params: Vec<(&'static str, String)>) -> Target {
        Target { params, body: None }
    }
}

impl Fixture {
    /// The fixture of a documented path; `None` when no module's prefix matches.
    pub fn of(path: &str) -> Option<Fixture> {
        crate::modules::ALL
            .iter()
            .flat_map(|module| module.fixtures)
            .find(|(prefix, _)| path == *prefix || path.starts_with(&format!("{prefix}/")))
            .map(|(_, make)| Fixture(*make))
    }

    /// Makes one in A (`shop`'s store), for `operation`.
    pub async fn create(self, app: &TestApp, shop: &Shop, operation: &Operation) -> Target {
        (self.0)(app, shop, operation, unique()).await
    }
}

/// POSTs `body` to `path` as A's owner, expecting 201; the created resource.
pub async fn created(app: &TestApp, shop: &Shop, path: &str, body: Value) -> Value {
    app.post(path)
        .as_(&shop.owner)
        .json(&body)
        .send()
        .await
        .expect(201)
        .body
}

pub fn id_of(resource: &Value) -> String {
    resource["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {resource:#}"))
        .to_owned()
}

/// A name unique in the run, usable as a SKU and a location code.
fn unique() -> String {
    format!("ISO-{}", &Uuid::new_v4().simple().to_string()[..10]).to_uppercase()
}

/// An EAN-13 made from the digits of `name`'s hash, with its check digit.
pub fn ean13(name: &str) -> String {
    let seed = name
        .bytes()
        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    let body = format!("789{:09}", seed % 1_000_000_000);
    let sum: u32 = body
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { d })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}
