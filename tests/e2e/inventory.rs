use serde_json::{Value, json};

use crate::catalog::create_variant;
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;

async fn adjust(
    app: &TestApp,
    who: &Session,
    variant: &str,
    location: &str,
    quantity: i64,
) -> Value {
    app.post("/api/v1/inventory/adjustments")
        .as_(who)
        .json(&json!({ "variant_id": variant, "location_id": location,
                       "quantity": quantity, "reason": "initial" }))
        .send()
        .await
        .expect(200)
        .body
}

async fn level(app: &TestApp, who: &Session, variant: &str, location: &str) -> Value {
    let reply = app
        .get(&format!(
            "/api/v1/inventory/levels?variant_id={variant}&location_id={location}"
        ))
        .as_(who)
        .send()
        .await
        .expect(200);
    reply.body["items"][0].clone()
}

/// The latest audit entry of a reservation.
async fn reservation_audit(app: &TestApp, who: &Session, id: &Value) -> Value {
    let id = id.as_str().unwrap();
    let reply = app
        .get(&format!(
            "/api/v1/audit-events?entity_type=reservation&entity_id={id}"
        ))
        .as_(who)
        .send()
        .await
        .expect(200);
    reply.body["items"][0].clone()
}

pub use crate::harness::ledger::assert_level_equals_ledger;

db_test!(
    adjustments_change_on_hand_and_the_ledger_records_them,
    |app| {
        let owner = app.signup("Olga").await;
        let variant = create_variant(&app, &owner, "Caneca", "CAN-1").await;
        let location = app.create_location(&owner, "CD-SP").await;
        let change = adjust(&app, &owner, &variant, &location, 12).await;
        assert_eq!(change["levels"][0]["on_hand"], 12);
        assert_eq!(change["levels"][0]["available"], 12);
        assert_eq!(change["levels"][0]["sku"], "CAN-1");
        assert_eq!(change["levels"][0]["location_code"], "CD-SP");
        adjust(&app, &owner, &variant, &location, -5).await;

        // Removing more than is free is refused, names the SKU, and changes nothing.
        let refused = app
            .post("/api/v1/inventory/adjustments")
            .as_(&owner)
            .json(&json!({ "variant_id": variant, "location_id": location,
                       "quantity": -8, "reason": "loss" }))
            .send()
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(
            refused.body["shortages"],
            json!([{ "sku": "CAN-1", "requested": 8, "available": 7 }])
        );
        assert!(refused.body["detail"].as_str().unwrap().contains("CAN-1"));

        let ledger = app
            .get(&format!("/api/v1/inventory/movements?variant_id={variant}"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        let deltas: Vec<i64> = ledger.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["on_hand_delta"].as_i64().unwrap())
            .collect();
        assert_eq!(deltas, [-5, 12]);
        assert_eq!(ledger.body["items"][0]["reason"], "initial");
        // Each movement names its SKU and location, so a reader needs no second lookup.
        for movement in ledger.body["items"].as_array().unwrap() {
            assert_eq!(movement["sku"], "CAN-1");
            assert_eq!(movement["location_id"], location.as_str());
            assert_eq!(movement["location_code"], "CD-SP");
        }
        assert_eq!(
            ledger.body["items"][0]["actor_id"],
            owner.user_id.to_string()
        );
        assert_level_equals_ledger(&app, &owner, &variant, &location).await;

        app.post("/api/v1/inventory/adjustments")
            .as_(&owner)
            .json(&json!({ "variant_id": variant, "location_id": location,
                       "quantity": 0, "reason": "teleport" }))
            .send()
            .await
            .problem(422, "request/validation");
    }
);

db_test!(a_transfer_moves_both_legs_or_neither, |app| {
    let owner = app.signup("Pedro").await;
    let variant = create_variant(&app, &owner, "Prato", "PRA-1").await;
    let sp = app.create_location(&owner, "SP").await;
    let rj = app.create_location(&owner, "RJ").await;
    adjust(&app, &owner, &variant, &sp, 10).await;
    let moved = app
        .post("/api/v1/inventory/transfers")
        .as_(&owner)
        .json(&json!({ "variant_id": variant, "from_location_id": sp,
                       "to_location_id": rj, "quantity": 4 }))
        .send()
        .await
        .expect(200);
    let on_hand: Vec<i64> = moved.body["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["on_hand"].as_i64().unwrap())
        .collect();
    assert_eq!(on_hand, [6, 4]);
    app.post("/api/v1/inventory/transfers")
        .as_(&owner)
        .json(&json!({ "variant_id": variant, "from_location_id": sp,
                       "to_location_id": rj, "quantity": 7 }))
        .send()
        .await
        .problem(409, "inventory/insufficient-stock");
    let reply = app
        .post("/api/v1/inventory/transfers")
        .as_(&owner)
        .json(&json!({ "variant_id": variant, "from_location_id": sp,
                       "to_location_id": sp, "quantity": 1 }))
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(reply.error_fields(), ["to_location_id"]);
    assert_eq!(level(&app, &owner, &variant, &sp).await["on_hand"], 6);
    assert_eq!(level(&app, &owner, &variant, &rj).await["on_hand"], 4);
    assert_level_equals_ledger(&app, &owner, &variant, &sp).await;
    assert_level_equals_ledger(&app, &owner, &variant, &rj).await;
});

db_test!(
    transfers_both_ways_and_counts_either_way_round_at_once_all_go_through,
    |app| {
        // Each changes two or more levels; taken in the request's order, two of them could
        // each wait for the other.
        let owner = app.signup("Plinio").await;
        let plate = create_variant(&app, &owner, "Prato", "PRA-2").await;
        let bowl = create_variant(&app, &owner, "Tigela", "TIG-2").await;
        let sp = app.create_location(&owner, "SP").await;
        let rj = app.create_location(&owner, "RJ").await;
        for (variant, location) in [(&plate, &sp), (&plate, &rj), (&bowl, &sp)] {
            adjust(&app, &owner, variant, location, 100).await;
        }
        let transfers = (0..40).map(|i| {
            let (from, to) = if i % 2 == 0 { (&sp, &rj) } else { (&rj, &sp) };
            let body = json!({ "variant_id": plate, "from_location_id": from,
                               "to_location_id": to, "quantity": 1 });
            let (app, owner) = (&app, &owner);
            async move {
                app.post("/api/v1/inventory/transfers")
                    .as_(owner)
                    .json(&body)
                    .send()
                    .await
                    .status
            }
        });
        let counts = (0..20).map(|i| {
            let lines = if i % 2 == 0 {
                json!([{ "variant_id": plate, "counted": 100 }, { "variant_id": bowl, "counted": 90 + i }])
            } else {
                json!([{ "variant_id": bowl, "counted": 90 + i }, { "variant_id": plate, "counted": 100 }])
            };
            let body = json!({ "location_id": sp, "lines": lines });
            let (app, owner) = (&app, &owner);
            async move {
                app.post("/api/v1/inventory/counts")
                    .as_(owner)
                    .json(&body)
                    .send()
                    .await
                    .status
            }
        });
        let (moved, counted) = futures_util::future::join(
            futures_util::future::join_all(transfers),
            futures_util::future::join_all(counts),
        )
        .await;
        assert!(moved.iter().all(|s| *s == 200), "transfers: {moved:?}");
        assert!(counted.iter().all(|s| *s == 201), "counts: {counted:?}");
        for (variant, location) in [(&plate, &sp), (&plate, &rj), (&bowl, &sp)] {
            assert_level_equals_ledger(&app, &owner, variant, location).await;
        }
    }
);

db_test!(
    fifty_concurrent_reservations_of_ten_units_let_exactly_ten_through,
    |app| {
        let owner = app.signup("Quiteria").await;
        let variant = create_variant(&app, &owner, "Tênis", "TEN-42").await;
        let location = app.create_location(&owner, "CD").await;
        adjust(&app, &owner, &variant, &location, 10).await;
        let attempts = (0..50).map(|_| {
            app.post("/api/v1/inventory/reservations")
                .as_(&owner)
                .json(&json!({ "variant_id": variant, "location_id": location, "quantity": 1 }))
                .send()
        });
        let replies = futures_util::future::join_all(attempts).await;
        let succeeded = replies.iter().filter(|r| r.status == 201).count();
        let refused: Vec<_> = replies.iter().filter(|r| r.status == 409).collect();
        assert_eq!(
            succeeded,
            10,
            "{:?}",
            replies.iter().map(|r| r.status).collect::<Vec<_>>()
        );
        assert_eq!(refused.len(), 40);
        for reply in refused {
            assert_eq!(reply.body["type"], "inventory/insufficient-stock");
            assert_eq!(reply.body["shortages"][0]["sku"], "TEN-42");
            assert_eq!(reply.body["shortages"][0]["available"], 0);
        }
        let level = level(&app, &owner, &variant, &location).await;
        assert_eq!(level["reserved"], 10);
        assert_eq!(level["available"], 0);
        assert_level_equals_ledger(&app, &owner, &variant, &location).await;
    }
);

db_test!(
    a_hold_at_a_named_location_is_held_and_refused_as_any_other,
    |app| {
        // On PostgreSQL such a hold goes in one statement that reads nothing first; what it
        // writes, and every refusal, must be what the general way gives.
        let owner = app.signup("Lia").await;
        let cup = create_variant(&app, &owner, "Xícara", "XIC-1").await;
        let saucer = create_variant(&app, &owner, "Pires", "PIR-1").await;
        let set = create_variant(&app, &owner, "Jogo", "JOGO-1").await;
        let old = create_variant(&app, &owner, "Antiga", "ANT-1").await;
        let cd = app.create_location(&owner, "CD").await;
        let shop = app.create_location(&owner, "LOJA").await;
        adjust(&app, &owner, &cup, &cd, 5).await;
        adjust(&app, &owner, &saucer, &cd, 1).await;
        adjust(&app, &owner, &old, &cd, 3).await;
        let reserve = |variant: &str, location: &str, quantity: i64| {
            app.post("/api/v1/inventory/reservations")
                .as_(&owner)
                .json(&json!({ "variant_id": variant, "location_id": location,
                           "quantity": quantity }))
                .send()
        };

        let held = reserve(&cup, &cd, 2).await.expect(201);
        let audited = reservation_audit(&app, &owner, &held.body["id"]).await;
        assert_eq!(audited["action"], "stock.reserve");
        assert_eq!(
            audited["changes"],
            json!({ "before": null, "after": { "sku": "XIC-1", "quantity": 2 } })
        );
        let refused = reserve(&cup, &cd, 4)
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(
            refused.body["shortages"],
            json!([{ "sku": "XIC-1", "requested": 4, "available": 3 }])
        );
        // No level at the shop: nothing to give.
        let refused = reserve(&cup, &shop, 1)
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(refused.body["shortages"][0]["available"], 0);

        // A kit is held by its components, there.
        app.call(
            reqwest::Method::PUT,
            &format!("/api/v1/catalog/variants/{set}/components"),
        )
        .as_(&owner)
        .json(&json!({ "components": [
        { "component_variant_id": cup, "quantity": 1 },
        { "component_variant_id": saucer, "quantity": 1 },
    ] }))
        .send()
        .await
        .expect(200);
        let refused = reserve(&set, &cd, 2)
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(
            refused.body["shortages"][0],
            json!({ "sku": "JOGO-1", "requested": 2, "available": 1 })
        );
        let kit = reserve(&set, &cd, 1).await.expect(201);
        assert_eq!(kit.body["variant_id"], set.as_str());
        assert_eq!(level(&app, &owner, &cup, &cd).await["reserved"], 3);
        assert_eq!(level(&app, &owner, &saucer, &cd).await["reserved"], 1);

        // An archived variant is refused as having nothing, though its stock is there.
        app.patch(&format!("/api/v1/catalog/variants/{old}"))
            .as_(&owner)
            .json(&json!({ "status": "archived" }))
            .send()
            .await
            .expect(200);
        let refused = reserve(&old, &cd, 1)
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(
            refused.body["shortages"],
            json!([{ "sku": "ANT-1", "requested": 1, "available": 0 }])
        );
        assert_eq!(level(&app, &owner, &old, &cd).await["reserved"], 0);
        reserve(&uuid::Uuid::now_v7().to_string(), &cd, 1)
            .await
            .problem(404, "not-found");

        for variant in [&cup, &saucer, &old] {
            assert_level_equals_ledger(&app, &owner, variant, &cd).await;
        }
    }
);

db_test!(reservations_release_commit_and_end_only_once, |app| {
    let owner = app.signup("Rosa").await;
    let variant = create_variant(&app, &owner, "Bolsa", "BOL-1").await;
    let small = app.create_location(&owner, "LOJA").await;
    let big = app.create_location(&owner, "CD").await;
    adjust(&app, &owner, &variant, &small, 2).await;
    adjust(&app, &owner, &variant, &big, 9).await;

    // Without a location, the hold goes where most is available.
    let held = app
        .post("/api/v1/inventory/reservations")
        .as_(&owner)
        .json(&json!({ "variant_id": variant, "quantity": 3,
                       "reference_type": "order", "reference_id": owner.tenant_id }))
        .send()
        .await
        .expect(201);
    assert_eq!(held.body["location_id"], big.as_str());
    assert_eq!(held.body["status"], "active");
    let id = held.body["id"].as_str().unwrap().to_owned();
    let audited = reservation_audit(&app, &owner, &held.body["id"]).await;
    assert_eq!(audited["action"], "stock.reserve");
    assert_eq!(
        audited["changes"]["after"],
        json!({ "sku": "BOL-1", "quantity": 3 })
    );

    let committed = app
        .post(&format!("/api/v1/inventory/reservations/{id}/commit"))
        .as_(&owner)
        .send()
        .await
        .expect(200);
    assert_eq!(committed.body["status"], "committed");
    let after = level(&app, &owner, &variant, &big).await;
    assert_eq!(
        (after["on_hand"].as_i64(), after["reserved"].as_i64()),
        (Some(6), Some(0))
    );
    app.post(&format!("/api/v1/inventory/reservations/{id}/release"))
        .as_(&owner)
        .send()
        .await
        .problem(409, "inventory/reservation-not-active");

    let second = app
        .post("/api/v1/inventory/reservations")
        .as_(&owner)
        .json(&json!({ "variant_id": variant, "location_id": small, "quantity": 2 }))
        .send()
        .await
        .expect(201);
    let second_id = second.body["id"].as_str().unwrap();
    app.post("/api/v1/inventory/reservations")
        .as_(&owner)
        .json(&json!({ "variant_id": variant, "location_id": small, "quantity": 1 }))
        .send()
        .await
        .problem(409, "inventory/insufficient-stock");
    app.post(&format!(
        "/api/v1/inventory/reservations/{second_id}/release"
    ))
    .as_(&owner)
    .send()
    .await
    .expect(200);
    assert_eq!(level(&app, &owner, &variant, &small).await["available"], 2);
    let sales = app
        .get(&format!(
            "/api/v1/inventory/movements?variant_id={variant}&kind=sale"
        ))
        .as_(&owner)
        .send()
        .await
        .expect(200);
    assert_eq!(sales.body["items"].as_array().unwrap().len(), 1);
    assert_level_equals_ledger(&app, &owner, &variant, &small).await;
    assert_level_equals_ledger(&app, &owner, &variant, &big).await;
});

db_test!(lapsed_reservations_are_released_by_the_sweep, |app| {
    let owner = app.signup("Sofia").await;
    let variant = create_variant(&app, &owner, "Vaso", "VAS-1").await;
    let location = app.create_location(&owner, "CD").await;
    adjust(&app, &owner, &variant, &location, 5).await;
    let soon = chrono::Utc::now() + chrono::Duration::milliseconds(300);
    let held = app
        .post("/api/v1/inventory/reservations")
        .as_(&owner)
        .json(
            &json!({ "variant_id": variant, "location_id": location, "quantity": 4,
                       "expires_at": soon }),
        )
        .send()
        .await
        .expect(201);
    let later = app
        .post("/api/v1/inventory/reservations")
        .as_(&owner)
        .json(
            &json!({ "variant_id": variant, "location_id": location, "quantity": 1,
                       "expires_at": chrono::Utc::now() + chrono::Duration::hours(1) }),
        )
        .send()
        .await
        .expect(201);
    let released = api::inventory::service::reservation::release_expired(
        app.db(),
        chrono::Utc::now() + chrono::Duration::seconds(1),
    )
    .await
    .unwrap();
    assert_eq!(released, 1);
    let id = held.body["id"].as_str().unwrap();
    let expired = app
        .get(&format!("/api/v1/inventory/reservations/{id}"))
        .as_(&owner)
        .send()
        .await
        .expect(200);
    assert_eq!(expired.body["status"], "expired");
    let id = later.body["id"].as_str().unwrap();
    let still = app
        .get(&format!("/api/v1/inventory/reservations/{id}"))
        .as_(&owner)
        .send()
        .await
        .expect(200);
    assert_eq!(still.body["status"], "active");
    assert_eq!(
        level(&app, &owner, &variant, &location).await["reserved"],
        1
    );
    let releases = app
        .get(&format!(
            "/api/v1/inventory/movements?variant_id={variant}&kind=release"
        ))
        .as_(&owner)
        .send()
        .await
        .expect(200);
    assert_eq!(releases.body["items"][0]["reason"], "expired");
    assert_eq!(releases.body["items"][0]["actor_type"], "system");
    assert_level_equals_ledger(&app, &owner, &variant, &location).await;
});

db_test!(stock_roles_and_another_stores_ids, |app| {
    let owner = app.signup("Tiago").await;
    let variant = create_variant(&app, &owner, "Copo", "COP-1").await;
    let location = app.create_location(&owner, "CD").await;
    let staff = app.add_member(&owner, "Ursula", "staff").await;
    let viewer = app.add_member(&owner, "Vitor", "viewer").await;
    adjust(&app, &staff, &variant, &location, 3).await;
    app.post("/api/v1/inventory/adjustments")
        .as_(&viewer)
        .json(&json!({ "variant_id": variant, "location_id": location,
                       "quantity": 1, "reason": "found" }))
        .send()
        .await
        .problem(403, "auth/forbidden");
    app.post("/api/v1/inventory/locations")
        .as_(&staff)
        .json(&json!({ "name": "X", "code": "X", "kind": "store" }))
        .send()
        .await
        .problem(403, "auth/forbidden");
    app.get("/api/v1/inventory/levels")
        .as_(&viewer)
        .send()
        .await
        .expect(200);

    let other = app.signup("Wanda").await;
    let other_location = app.create_location(&other, "CD").await;
    app.post("/api/v1/inventory/adjustments")
        .as_(&other)
        .json(
            &json!({ "variant_id": variant, "location_id": other_location,
                       "quantity": 1, "reason": "found" }),
        )
        .send()
        .await
        .problem(404, "not-found");
    let held = app
        .post("/api/v1/inventory/reservations")
        .as_(&owner)
        .json(&json!({ "variant_id": variant, "quantity": 1 }))
        .send()
        .await
        .expect(201);
    let id = held.body["id"].as_str().unwrap();
    app.get(&format!("/api/v1/inventory/reservations/{id}"))
        .as_(&other)
        .send()
        .await
        .problem(404, "not-found");
    app.post(&format!("/api/v1/inventory/reservations/{id}/release"))
        .as_(&other)
        .send()
        .await
        .problem(404, "not-found");
    let levels = app
        .get("/api/v1/inventory/levels")
        .as_(&other)
        .send()
        .await
        .expect(200);
    assert_eq!(levels.body["items"], json!([]));
    let moves = app
        .get("/api/v1/inventory/movements")
        .as_(&other)
        .send()
        .await
        .expect(200);
    assert_eq!(moves.body["items"], json!([]));
    let duplicate = app
        .post("/api/v1/inventory/locations")
        .as_(&owner)
        .json(&json!({ "name": "Again", "code": "cd", "kind": "store" }))
        .send()
        .await
        .problem(409, "inventory/location-code-taken");
    assert!(duplicate.body["detail"].as_str().unwrap().contains("CD"));
});

db_test!(
    damaged_units_leave_available_and_can_be_restored_or_discarded,
    |app| {
        let owner = app.signup("Xavier").await;
        let variant = create_variant(&app, &owner, "Taça", "TACA-1").await;
        let location = app.create_location(&owner, "CD").await;
        adjust(&app, &owner, &variant, &location, 10).await;
        let act = |action: &'static str, quantity: i64| {
            app.post("/api/v1/inventory/unsellable")
                .as_(&owner)
                .json(&json!({ "variant_id": variant, "location_id": location,
                           "action": action, "quantity": quantity }))
                .send()
        };
        let damaged = act("damage", 3).await.expect(200);
        assert_eq!(damaged.body["levels"][0]["unsellable"], 3);
        assert_eq!(damaged.body["levels"][0]["available"], 7);
        act("restore", 1).await.expect(200);
        let discarded = act("discard", 2).await.expect(200);
        assert_eq!(discarded.body["levels"][0]["on_hand"], 8);
        assert_eq!(discarded.body["levels"][0]["unsellable"], 0);
        let refused = act("discard", 1)
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(refused.body["shortages"][0]["available"], 0);
        act("damage", 9)
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_level_equals_ledger(&app, &owner, &variant, &location).await;
    }
);

db_test!(an_archived_location_takes_no_stock_moves, |app| {
    let owner = app.signup("Renata").await;
    let variant = create_variant(&app, &owner, "Jarra", "JAR-1").await;
    let location = app.create_location(&owner, "VELHO").await;
    adjust(&app, &owner, &variant, &location, 2).await;
    let archived = app
        .patch(&format!("/api/v1/inventory/locations/{location}"))
        .as_(&owner)
        .json(&json!({ "status": "archived" }))
        .send()
        .await
        .expect(200);
    assert_eq!(archived.body["status"], "archived");
    app.post("/api/v1/inventory/adjustments")
        .as_(&owner)
        .json(&json!({ "variant_id": variant, "location_id": location,
                       "quantity": 1, "reason": "found" }))
        .send()
        .await
        .problem(409, "inventory/location-archived");
    // Without a location, a reservation looks only at active ones.
    app.post("/api/v1/inventory/reservations")
        .as_(&owner)
        .json(&json!({ "variant_id": variant, "quantity": 1 }))
        .send()
        .await
        .problem(409, "inventory/insufficient-stock");
    // Named, the archived location holds nothing, though its stock is still there.
    app.post("/api/v1/inventory/reservations")
        .as_(&owner)
        .json(&json!({ "variant_id": variant, "location_id": location, "quantity": 1 }))
        .send()
        .await
        .problem(409, "inventory/location-archived");
    app.post("/api/v1/inventory/reservations")
        .as_(&owner)
        .json(&json!({ "variant_id": variant, "location_id": uuid::Uuid::now_v7(), "quantity": 1 }))
        .send()
        .await
        .problem(404, "not-found");
    assert_level_equals_ledger(&app, &owner, &variant, &location).await;
    // An active location where the variant has no level at all has nothing to give.
    let empty = app.create_location(&owner, "NOVO").await;
    let refused = app
        .post("/api/v1/inventory/reservations")
        .as_(&owner)
        .json(&json!({ "variant_id": variant, "location_id": empty, "quantity": 1 }))
        .send()
        .await
        .problem(409, "inventory/insufficient-stock");
    assert_eq!(refused.body["shortages"][0]["available"], 0);
});
