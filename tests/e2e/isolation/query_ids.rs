//! Ids in query strings, walked from the document: B filtering its lists by one of A's ids
//! (`?variant_id=`, `?customer_id=`, …) gets exactly what an id that exists nowhere gets.

use uuid::Uuid;

use super::spec;
use super::store::{Kind, Store};
use crate::db_test;

/// What each uuid query parameter names.
const QUERY_IDS: &[(&str, Kind)] = &[
    ("variant_id", Kind::Variant),
    ("product_id", Kind::Product),
    ("location_id", Kind::Location),
    ("supplier_id", Kind::Supplier),
    ("channel_id", Kind::Channel),
    ("customer_id", Kind::Customer),
    // The audit log's: an entity of A (a customer is one) and A's owner.
    ("entity_id", Kind::Customer),
    ("actor_id", Kind::User),
    // The email log's: what an email is about, an order.
    ("reference_id", Kind::Order),
    // A transit quote's service.
    ("service_id", Kind::CarrierService),
    // The returns of an order.
    ("order_id", Kind::Order),
];

db_test!(
    an_id_of_another_store_in_a_query_answers_as_an_id_that_does_not_exist,
    |app| {
        let spec = spec::document();
        let mut operations = spec::operations(&spec);
        operations.retain(|o| o.method == reqwest::Method::GET && !o.uuid_queries.is_empty());
        let a = Store::open(&app, "Alfa").await;
        let b = Store::open(&app, "Beta").await;
        let mut failures = Vec::new();
        let mut checked = 0;
        for operation in operations.iter().filter(|o| o.params.is_empty()) {
            for name in &operation.uuid_queries {
                let Some((_, kind)) = QUERY_IDS.iter().find(|(n, _)| n == name) else {
                    failures.push(format!(
                        "{}: `{name}`: add what it names to QUERY_IDS",
                        operation.label()
                    ));
                    continue;
                };
                let theirs = a.id(*kind, 0).expect("A's id");
                // The operation's other id queries name B's own (a promise needs a service
                // and a location), so only this one points elsewhere.
                let own: String = operation
                    .uuid_queries
                    .iter()
                    .filter(|other| *other != name)
                    .filter_map(|other| {
                        let (_, kind) = QUERY_IDS.iter().find(|(n, _)| n == other)?;
                        Some(format!("&{other}={}", b.id(*kind, 0).ok()?))
                    })
                    .collect();
                let call = |id: String| {
                    let path = format!("{}?{name}={id}{own}", operation.path);
                    app.get(&path).as_(&b.shop.owner).send()
                };
                let absent = call(Uuid::now_v7().to_string()).await;
                let other = call(theirs).await;
                // A 200 (an empty page) or a 404: the query reached the lookup.
                let reached = [200, 404].contains(&absent.status);
                if !reached || (absent.status, &absent.body) != (other.status, &other.body) {
                    failures.push(format!(
                        "{}: as B, `{name}` an id that exists nowhere: {} {}\nA's: {} {}",
                        operation.label(),
                        absent.status,
                        absent.body,
                        other.status,
                        other.body
                    ));
                }
                checked += 1;
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
        // None with a path parameter takes a uuid query today; one that does needs its path
        // filled (by isolation::fixtures) to be walked here.
        let with_path: Vec<_> = operations.iter().filter(|o| !o.params.is_empty()).collect();
        assert!(with_path.is_empty(), "not walked: {with_path:?}");
        assert!(checked >= 14, "only {checked} query ids checked");
    }
);
