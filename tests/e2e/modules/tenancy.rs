//! Tenancy: invitations, members and the store calendar's holidays.

use serde_json::json;

use super::{Ids, Made, ModuleTests};
use crate::harness::TestApp;
use crate::harness::shop::Shop;
use crate::isolation::fixtures::{Target, created, id_of};
use crate::isolation::spec::Operation;

pub const TESTS: ModuleTests = ModuleTests {
    name: "tenancy",
    fixtures: &[
        ("/api/v1/invitations/{id}", invitation),
        ("/api/v1/members/{id}", member),
        ("/api/v1/tenant/calendar/holidays/{id}", holiday),
    ],
    fill,
    kinds: &[("user", user)],
    ..super::NONE
};

fn invitation<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let invitation = json!({ "email": format!("{name}@example.com"), "role": "viewer" });
        Target::id(id_of(
            &created(app, shop, "/api/v1/invitations", invitation).await,
        ))
    })
}

/// A new staff member; the id of their membership.
fn member<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let owner = &shop.owner;
        let member = app
            .add_member(owner, &format!("Membro {name}"), "staff")
            .await;
        let members = app
            .get("/api/v1/members?limit=200")
            .as_(owner)
            .send()
            .await
            .expect(200);
        let items = members.body["items"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let row = items
            .iter()
            .find(|m| m["user_id"] == member.user_id.to_string());
        Target::id(id_of(row.expect("the new member in the store's list")))
    })
}

/// A holiday of the store's on a date of its own (one a day), from the walk's unique name.
fn holiday<'a>(
    app: &'a TestApp,
    shop: &'a Shop,
    _: &'a Operation,
    name: String,
) -> Made<'a, Target> {
    Box::pin(async move {
        let offset = name
            .bytes()
            .fold(0u32, |n, b| n.wrapping_mul(31).wrapping_add(b.into()));
        let date = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()
            + chrono::Duration::days(i64::from(offset % 3650));
        let holiday = json!({ "date": date, "name": format!("Feriado {name}") });
        Target::id(id_of(
            &created(app, shop, "/api/v1/tenant/calendar/holidays", holiday).await,
        ))
    })
}

fn fill<'a>(app: &'a TestApp, shop: &'a Shop) -> Made<'a, ()> {
    Box::pin(async move {
        app.post("/api/v1/invitations")
            .as_(&shop.owner)
            .json(&json!({ "email": "z@example.com", "role": "viewer" }))
            .send()
            .await
            .expect(201);
        app.post("/api/v1/tenant/calendar/holidays")
            .as_(&shop.owner)
            .json(&json!({ "date": "2026-01-25", "name": "Aniversário", "yearly": true }))
            .send()
            .await
            .expect(201);
    })
}

/// The store's owner, who the audit log's `actor_id` names.
fn user<'a>(_: &'a TestApp, shop: &'a Shop, _: &'a Ids, _: &'a str) -> Made<'a, Vec<String>> {
    Box::pin(async move { vec![shop.owner.user_id.to_string()] })
}
