//! Stock moved by hand: adjustments, transfers, counts, damaged units; who may, and where.

use openapi::Page;
use openapi::catalog::Status;
use openapi::inventory::Shortage;
use openapi::inventory::{
    AdjustmentReason, CountIn, CountLineIn, LocationIn, LocationKind, LocationOut, LocationPatch,
    MovementOut, ReservationOut, StockChangeOut, StockLevelOut, TransferIn, UnsellableAction,
    UnsellableIn,
};
use serde_json::json;
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;
use crate::harness::fixtures::adjustment;

use super::{assert_level_equals_ledger, hold, reserve};

fn transfer(variant_id: Uuid, from: Uuid, to: Uuid, quantity: i64) -> TransferIn {
    TransferIn {
        variant_id,
        from_location_id: from,
        to_location_id: to,
        quantity,
        note: None,
    }
}

db_test!(
    adjustments_change_on_hand_and_the_ledger_records_them,
    |app| {
        let owner = app.signup("Olga").await;
        let variant = app.new_variant(&owner, "Caneca", "CAN-1").await.id;
        let location = app.new_location(&owner, "CD-SP").await.id;
        let change = app.add_stock(&owner, variant, location, 12).await;
        let level = &change.levels[0];
        assert_eq!((level.on_hand, level.available), (12, 12));
        assert_eq!(
            (level.sku.as_str(), level.location_code.as_str()),
            ("CAN-1", "CD-SP")
        );
        app.add_stock(&owner, variant, location, -5).await;

        // Removing more than is free is refused, names the SKU, and changes nothing.
        let refused = app
            .post("/api/v1/inventory/adjustments")
            .as_(&owner)
            .json(&adjustment(variant, location, -8, AdjustmentReason::Loss))
            .send()
            .await
            .problem(409, "inventory/insufficient-stock");
        let problem = refused.problem_doc();
        assert_eq!(
            problem.shortages,
            [Shortage {
                sku: "CAN-1".into(),
                requested: 8,
                available: 7
            }]
        );
        assert!(problem.detail.unwrap_or_default().contains("CAN-1"));

        let ledger: Page<MovementOut> = app
            .get(&format!("/api/v1/inventory/movements?variant_id={variant}"))
            .as_(&owner)
            .returns(200)
            .await;
        let deltas: Vec<i64> = ledger.items.iter().map(|m| m.on_hand_delta).collect();
        assert_eq!(deltas, [-5, 12]);
        assert_eq!(ledger.items[0].reason.as_deref(), Some("initial"));
        // Each movement names its SKU and location, so a reader needs no second lookup.
        for movement in &ledger.items {
            assert_eq!(movement.sku, "CAN-1");
            assert_eq!(movement.location_id, location);
            assert_eq!(movement.location_code, "CD-SP");
        }
        assert_eq!(ledger.items[0].actor_id, Some(owner.user_id));
        assert_level_equals_ledger(&app, &owner, variant, location).await;

        // No such reason, and nothing to move: what the request type cannot hold.
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
    let variant = app.new_variant(&owner, "Prato", "PRA-1").await.id;
    let sp = app.new_location(&owner, "SP").await.id;
    let rj = app.new_location(&owner, "RJ").await.id;
    app.add_stock(&owner, variant, sp, 10).await;
    let send = |body: TransferIn| {
        let (app, owner) = (&app, &owner);
        async move {
            app.post("/api/v1/inventory/transfers")
                .as_(owner)
                .json(&body)
                .send()
                .await
        }
    };
    let moved: StockChangeOut = send(transfer(variant, sp, rj, 4)).await.expect(200).parse();
    let on_hand: Vec<i64> = moved.levels.iter().map(|l| l.on_hand).collect();
    assert_eq!(on_hand, [6, 4]);
    send(transfer(variant, sp, rj, 7))
        .await
        .problem(409, "inventory/insufficient-stock");
    let reply = send(transfer(variant, sp, sp, 1))
        .await
        .problem(422, "request/validation");
    assert_eq!(reply.error_fields(), ["to_location_id"]);
    let level = |location| app.stock_level(&owner, variant, location);
    assert_eq!(level(sp).await.map(|l| l.on_hand), Some(6));
    assert_eq!(level(rj).await.map(|l| l.on_hand), Some(4));
    assert_level_equals_ledger(&app, &owner, variant, sp).await;
    assert_level_equals_ledger(&app, &owner, variant, rj).await;
});

db_test!(
    transfers_both_ways_and_counts_either_way_round_at_once_all_go_through,
    |app| {
        // Each changes two or more levels; taken in the request's order, two of them could
        // each wait for the other.
        let owner = app.signup("Plinio").await;
        let plate = app.new_variant(&owner, "Prato", "PRA-2").await.id;
        let bowl = app.new_variant(&owner, "Tigela", "TIG-2").await.id;
        let sp = app.new_location(&owner, "SP").await.id;
        let rj = app.new_location(&owner, "RJ").await.id;
        for (variant, location) in [(plate, sp), (plate, rj), (bowl, sp)] {
            app.add_stock(&owner, variant, location, 100).await;
        }
        let transfers = (0..40).map(|i| {
            let (from, to) = if i % 2 == 0 { (sp, rj) } else { (rj, sp) };
            let body = transfer(plate, from, to, 1);
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
            let plate = CountLineIn {
                variant_id: plate,
                counted: 100,
            };
            let bowl = CountLineIn {
                variant_id: bowl,
                counted: 90 + i,
            };
            let lines = if i % 2 == 0 {
                vec![plate, bowl]
            } else {
                vec![bowl, plate]
            };
            let body = CountIn {
                location_id: sp,
                lines,
                note: None,
            };
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
        for (variant, location) in [(plate, sp), (plate, rj), (bowl, sp)] {
            assert_level_equals_ledger(&app, &owner, variant, location).await;
        }
    }
);

/// Another store's owner can neither move nor see `owner`'s stock.
async fn another_store_reaches_nothing(app: &TestApp, owner: &Session, variant: Uuid) {
    let other = app.signup("Wanda").await;
    let other_location = app.new_location(&other, "CD").await.id;
    app.post("/api/v1/inventory/adjustments")
        .as_(&other)
        .json(&adjustment(
            variant,
            other_location,
            1,
            AdjustmentReason::Found,
        ))
        .send()
        .await
        .problem(404, "not-found");
    let held: ReservationOut = reserve(app, owner, &hold(variant, None, 1))
        .await
        .expect(201)
        .parse();
    let id = held.id;
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
    let levels: Page<StockLevelOut> = app
        .get("/api/v1/inventory/levels")
        .as_(&other)
        .returns(200)
        .await;
    assert!(levels.items.is_empty(), "{levels:#?}");
    let moves: Page<MovementOut> = app
        .get("/api/v1/inventory/movements")
        .as_(&other)
        .returns(200)
        .await;
    assert!(moves.items.is_empty(), "{moves:#?}");
}

db_test!(stock_roles_and_another_stores_ids, |app| {
    let owner = app.signup("Tiago").await;
    let variant = app.new_variant(&owner, "Copo", "COP-1").await.id;
    let location = app.new_location(&owner, "CD").await.id;
    let staff = app.add_member(&owner, "Ursula", "staff").await;
    let viewer = app.add_member(&owner, "Vitor", "viewer").await;
    app.add_stock(&staff, variant, location, 3).await;
    app.post("/api/v1/inventory/adjustments")
        .as_(&viewer)
        .json(&adjustment(variant, location, 1, AdjustmentReason::Found))
        .send()
        .await
        .problem(403, "auth/forbidden");
    let store = |name: &str, code: &str| LocationIn {
        name: name.into(),
        code: code.into(),
        kind: LocationKind::Store,
    };
    app.post("/api/v1/inventory/locations")
        .as_(&staff)
        .json(&store("X", "X"))
        .send()
        .await
        .problem(403, "auth/forbidden");
    app.get("/api/v1/inventory/levels")
        .as_(&viewer)
        .returns::<Page<StockLevelOut>>(200)
        .await;

    another_store_reaches_nothing(&app, &owner, variant).await;
    let duplicate = app
        .post("/api/v1/inventory/locations")
        .as_(&owner)
        .json(&store("Again", "cd"))
        .send()
        .await
        .problem(409, "inventory/location-code-taken");
    assert!(
        duplicate
            .problem_doc()
            .detail
            .unwrap_or_default()
            .contains("CD")
    );
});

db_test!(
    damaged_units_leave_available_and_can_be_restored_or_discarded,
    |app| {
        let owner = app.signup("Xavier").await;
        let variant = app.new_variant(&owner, "Taça", "TACA-1").await.id;
        let location = app.new_location(&owner, "CD").await.id;
        app.add_stock(&owner, variant, location, 10).await;
        let act = |action, quantity| {
            let body = UnsellableIn {
                variant_id: variant,
                location_id: location,
                action,
                quantity,
                note: None,
            };
            let (app, owner) = (&app, &owner);
            async move {
                app.post("/api/v1/inventory/unsellable")
                    .as_(owner)
                    .json(&body)
                    .send()
                    .await
            }
        };
        let damaged: StockChangeOut = act(UnsellableAction::Damage, 3).await.expect(200).parse();
        assert_eq!(
            (damaged.levels[0].unsellable, damaged.levels[0].available),
            (3, 7)
        );
        act(UnsellableAction::Restore, 1).await.expect(200);
        let discarded: StockChangeOut = act(UnsellableAction::Discard, 2).await.expect(200).parse();
        assert_eq!(
            (discarded.levels[0].on_hand, discarded.levels[0].unsellable),
            (8, 0)
        );
        let refused = act(UnsellableAction::Discard, 1)
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(refused.problem_doc().shortages[0].available, 0);
        act(UnsellableAction::Damage, 9)
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_level_equals_ledger(&app, &owner, variant, location).await;
    }
);

db_test!(an_archived_location_takes_no_stock_moves, |app| {
    let owner = app.signup("Renata").await;
    let variant = app.new_variant(&owner, "Jarra", "JAR-1").await.id;
    let location = app.new_location(&owner, "VELHO").await.id;
    app.add_stock(&owner, variant, location, 2).await;
    let archived: LocationOut = app
        .patch(&format!("/api/v1/inventory/locations/{location}"))
        .as_(&owner)
        .json(&LocationPatch {
            status: Some(Status::Archived),
            ..Default::default()
        })
        .returns(200)
        .await;
    assert_eq!(archived.status, Status::Archived);
    app.post("/api/v1/inventory/adjustments")
        .as_(&owner)
        .json(&adjustment(variant, location, 1, AdjustmentReason::Found))
        .send()
        .await
        .problem(409, "inventory/location-archived");
    // Without a location, a reservation looks only at active ones.
    reserve(&app, &owner, &hold(variant, None, 1))
        .await
        .problem(409, "inventory/insufficient-stock");
    // Named, the archived location holds nothing, though its stock is still there.
    reserve(&app, &owner, &hold(variant, Some(location), 1))
        .await
        .problem(409, "inventory/location-archived");
    reserve(&app, &owner, &hold(variant, Some(Uuid::now_v7()), 1))
        .await
        .problem(404, "not-found");
    assert_level_equals_ledger(&app, &owner, variant, location).await;
    // An active location where the variant has no level at all has nothing to give.
    let empty = app.new_location(&owner, "NOVO").await.id;
    let refused = reserve(&app, &owner, &hold(variant, Some(empty), 1))
        .await
        .problem(409, "inventory/insufficient-stock");
    assert_eq!(refused.problem_doc().shortages[0].available, 0);
});
