//! Reservations: held where asked or where most is, refused alike however they are held,
//! committed or released once, lapsed ones released by the sweep.

use openapi::Page;
use openapi::audit::AuditEventOut;
use openapi::catalog::{Status, VariantPatch};
use openapi::inventory::{MovementOut, ReservationIn, ReservationOut, Shortage};
use serde_json::json;
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;

use super::{assert_level_equals_ledger, hold, reserve};

/// The latest audit entry of a reservation.
async fn reservation_audit(app: &TestApp, who: &Session, id: Uuid) -> AuditEventOut {
    let mut events = app.audit_of(who, "reservation", id).await;
    assert!(!events.is_empty(), "no audit of reservation {id}");
    events.remove(0)
}

fn shortage(sku: &str, requested: i64, available: i64) -> Shortage {
    Shortage {
        sku: sku.into(),
        requested,
        available,
    }
}

db_test!(
    fifty_concurrent_reservations_of_ten_units_let_exactly_ten_through,
    |app| {
        let owner = app.signup("Quiteria").await;
        let variant = app.new_variant(&owner, "Tênis", "TEN-42").await.id;
        let location = app.new_location(&owner, "CD").await.id;
        app.add_stock(&owner, variant, location, 10).await;
        let body = hold(variant, Some(location), 1);
        let attempts = (0..50).map(|_| reserve(&app, &owner, &body));
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
            let problem = reply.problem_doc();
            assert_eq!(problem.type_, "inventory/insufficient-stock");
            assert_eq!(
                (
                    problem.shortages[0].sku.as_str(),
                    problem.shortages[0].available
                ),
                ("TEN-42", 0)
            );
        }
        let level = app.stock_level(&owner, variant, location).await.unwrap();
        assert_eq!((level.reserved, level.available), (10, 0));
        assert_level_equals_ledger(&app, &owner, variant, location).await;
    }
);

db_test!(
    a_hold_at_a_named_location_is_held_and_refused_as_any_other,
    |app| {
        // On PostgreSQL such a hold goes in one statement that reads nothing first; what it
        // writes, and every refusal, must be what the general way gives.
        let owner = app.signup("Lia").await;
        let cup = app.new_variant(&owner, "Xícara", "XIC-1").await.id;
        let saucer = app.new_variant(&owner, "Pires", "PIR-1").await.id;
        let set = app.new_variant(&owner, "Jogo", "JOGO-1").await.id;
        let old = app.new_variant(&owner, "Antiga", "ANT-1").await.id;
        let cd = app.new_location(&owner, "CD").await.id;
        let shop = app.new_location(&owner, "LOJA").await.id;
        app.add_stock(&owner, cup, cd, 5).await;
        app.add_stock(&owner, saucer, cd, 1).await;
        app.add_stock(&owner, old, cd, 3).await;
        let (app_, owner_) = (&app, &owner);
        let reserve_at = |variant, location, quantity| {
            let body = hold(variant, Some(location), quantity);
            async move { reserve(app_, owner_, &body).await }
        };
        let reserved = |variant| async move {
            let level = app_.stock_level(owner_, variant, cd).await;
            level.map(|l| l.reserved)
        };

        let held: ReservationOut = reserve_at(cup, cd, 2).await.expect(201).parse();
        let audited = reservation_audit(&app, &owner, held.id).await;
        assert_eq!(audited.action, "stock.reserve");
        // What an audit entry records differs by action: the types leave it JSON.
        assert_eq!(
            audited.changes,
            json!({ "before": null, "after": { "sku": "XIC-1", "quantity": 2 } })
        );
        let refused = reserve_at(cup, cd, 4)
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(refused.problem_doc().shortages, [shortage("XIC-1", 4, 3)]);
        // No level at the shop: nothing to give.
        let refused = reserve_at(cup, shop, 1)
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(refused.problem_doc().shortages[0].available, 0);

        // A kit is held by its components, there.
        app.set_kit(&owner, set, &[(cup, 1), (saucer, 1)])
            .await
            .expect(200);
        let refused = reserve_at(set, cd, 2)
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(refused.problem_doc().shortages[0], shortage("JOGO-1", 2, 1));
        let kit: ReservationOut = reserve_at(set, cd, 1).await.expect(201).parse();
        assert_eq!(kit.variant_id, set);
        assert_eq!(reserved(cup).await, Some(3));
        assert_eq!(reserved(saucer).await, Some(1));

        // An archived variant is refused as having nothing, though its stock is there.
        app.patch(&format!("/api/v1/catalog/variants/{old}"))
            .as_(&owner)
            .json(&VariantPatch {
                status: Some(Status::Archived),
                ..Default::default()
            })
            .send()
            .await
            .expect(200);
        let refused = reserve_at(old, cd, 1)
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(refused.problem_doc().shortages, [shortage("ANT-1", 1, 0)]);
        assert_eq!(reserved(old).await, Some(0));
        reserve_at(Uuid::now_v7(), cd, 1)
            .await
            .problem(404, "not-found");

        for variant in [cup, saucer, old] {
            assert_level_equals_ledger(&app, &owner, variant, cd).await;
        }
    }
);

db_test!(reservations_release_commit_and_end_only_once, |app| {
    let owner = app.signup("Rosa").await;
    let variant = app.new_variant(&owner, "Bolsa", "BOL-1").await.id;
    let small = app.new_location(&owner, "LOJA").await.id;
    let big = app.new_location(&owner, "CD").await.id;
    app.add_stock(&owner, variant, small, 2).await;
    app.add_stock(&owner, variant, big, 9).await;

    // Without a location, the hold goes where most is available.
    let for_order = ReservationIn {
        reference_type: Some("order".into()),
        reference_id: Some(owner.tenant_id),
        ..hold(variant, None, 3)
    };
    let held: ReservationOut = reserve(&app, &owner, &for_order).await.expect(201).parse();
    assert_eq!(held.location_id, big);
    assert_eq!(held.status, "active");
    let id = held.id;
    let audited = reservation_audit(&app, &owner, id).await;
    assert_eq!(audited.action, "stock.reserve");
    assert_eq!(
        audited.changes["after"],
        json!({ "sku": "BOL-1", "quantity": 3 })
    );

    let committed: ReservationOut = app
        .post(&format!("/api/v1/inventory/reservations/{id}/commit"))
        .as_(&owner)
        .returns(200)
        .await;
    assert_eq!(committed.status, "committed");
    let after = app.stock_level(&owner, variant, big).await.unwrap();
    assert_eq!((after.on_hand, after.reserved), (6, 0));
    app.post(&format!("/api/v1/inventory/reservations/{id}/release"))
        .as_(&owner)
        .send()
        .await
        .problem(409, "inventory/reservation-not-active");

    let second: ReservationOut = reserve(&app, &owner, &hold(variant, Some(small), 2))
        .await
        .expect(201)
        .parse();
    reserve(&app, &owner, &hold(variant, Some(small), 1))
        .await
        .problem(409, "inventory/insufficient-stock");
    app.post(&format!(
        "/api/v1/inventory/reservations/{}/release",
        second.id
    ))
    .as_(&owner)
    .send()
    .await
    .expect(200);
    let available = app
        .stock_level(&owner, variant, small)
        .await
        .map(|l| l.available);
    assert_eq!(available, Some(2));
    let sales: Page<MovementOut> = app
        .get(&format!(
            "/api/v1/inventory/movements?variant_id={variant}&kind=sale"
        ))
        .as_(&owner)
        .returns(200)
        .await;
    assert_eq!(sales.items.len(), 1);
    assert_level_equals_ledger(&app, &owner, variant, small).await;
    assert_level_equals_ledger(&app, &owner, variant, big).await;
});

db_test!(lapsed_reservations_are_released_by_the_sweep, |app| {
    let owner = app.signup("Sofia").await;
    let variant = app.new_variant(&owner, "Vaso", "VAS-1").await.id;
    let location = app.new_location(&owner, "CD").await.id;
    app.add_stock(&owner, variant, location, 5).await;
    let until = |expires_at| ReservationIn {
        expires_at: Some(expires_at),
        ..hold(variant, Some(location), 0)
    };
    let soon = chrono::Utc::now() + chrono::Duration::milliseconds(300);
    let held: ReservationOut = reserve(
        &app,
        &owner,
        &ReservationIn {
            quantity: 4,
            ..until(soon)
        },
    )
    .await
    .expect(201)
    .parse();
    let later = chrono::Utc::now() + chrono::Duration::hours(1);
    let later: ReservationOut = reserve(
        &app,
        &owner,
        &ReservationIn {
            quantity: 1,
            ..until(later)
        },
    )
    .await
    .expect(201)
    .parse();
    let released = api::inventory::service::reservation::release_expired(
        app.db(),
        chrono::Utc::now() + chrono::Duration::seconds(1),
    )
    .await
    .unwrap();
    assert_eq!(released, 1);
    let read = |id: Uuid| {
        let (app, owner) = (&app, &owner);
        async move {
            app.get(&format!("/api/v1/inventory/reservations/{id}"))
                .as_(owner)
                .returns::<ReservationOut>(200)
                .await
        }
    };
    assert_eq!(read(held.id).await.status, "expired");
    assert_eq!(read(later.id).await.status, "active");
    let level = app.stock_level(&owner, variant, location).await.unwrap();
    assert_eq!(level.reserved, 1);
    let releases: Page<MovementOut> = app
        .get(&format!(
            "/api/v1/inventory/movements?variant_id={variant}&kind=release"
        ))
        .as_(&owner)
        .returns(200)
        .await;
    assert_eq!(releases.items[0].reason.as_deref(), Some("expired"));
    assert_eq!(releases.items[0].actor_type, "system");
    assert_level_equals_ledger(&app, &owner, variant, location).await;
});
