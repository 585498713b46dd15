//! A property: whatever sequence of stock operations clients send, every level equals the sum
//! of its ledger, nothing available goes negative, and nothing answers 5xx.

use openapi::inventory::{
    AdjustmentIn, AdjustmentReason, CountIn, CountLineIn, ReservationOut, TransferIn,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::{Reply, Session};
use crate::inventory::{assert_level_equals_ledger, hold, reserve};

#[derive(Debug, Clone)]
enum Op {
    Adjust {
        location: usize,
        quantity: i64,
    },
    Transfer {
        from: usize,
        quantity: i64,
    },
    Reserve {
        location: Option<usize>,
        quantity: i64,
    },
    Release {
        nth: usize,
    },
    Commit {
        nth: usize,
    },
    Count {
        location: usize,
        counted: i64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..2usize, -6i64..12).prop_map(|(location, quantity)| Op::Adjust { location, quantity }),
        (0..2usize, 1i64..6).prop_map(|(from, quantity)| Op::Transfer { from, quantity }),
        (proptest::option::of(0..2usize), 1i64..5)
            .prop_map(|(location, quantity)| Op::Reserve { location, quantity }),
        (0..4usize).prop_map(|nth| Op::Release { nth }),
        (0..4usize).prop_map(|nth| Op::Commit { nth }),
        (0..2usize, 0i64..15).prop_map(|(location, counted)| Op::Count { location, counted }),
    ]
}

/// Sends `op`; None when it names nothing to act on (no change, no such reservation).
async fn apply(
    app: &TestApp,
    owner: &Session,
    variant: Uuid,
    locations: &[Uuid; 2],
    reservations: &mut Vec<Uuid>,
    op: &Op,
) -> Option<Reply> {
    let reply = match op {
        Op::Adjust { quantity: 0, .. } => return None,
        Op::Adjust { location, quantity } => {
            app.post("/api/v1/inventory/adjustments")
                .as_(owner)
                .json(&AdjustmentIn {
                    variant_id: variant,
                    location_id: locations[*location],
                    quantity: *quantity,
                    reason: AdjustmentReason::Correction,
                    note: None,
                })
                .send()
                .await
        }
        Op::Transfer { from, quantity } => {
            app.post("/api/v1/inventory/transfers")
                .as_(owner)
                .json(&TransferIn {
                    variant_id: variant,
                    from_location_id: locations[*from],
                    to_location_id: locations[1 - from],
                    quantity: *quantity,
                    note: None,
                })
                .send()
                .await
        }
        Op::Reserve { location, quantity } => {
            let held = hold(variant, location.map(|l| locations[l]), *quantity);
            let reply = reserve(app, owner, &held).await;
            if reply.status == 201 {
                reservations.push(reply.parse::<ReservationOut>().id);
            }
            reply
        }
        Op::Release { nth } | Op::Commit { nth } => {
            let id = reservations.get(*nth)?;
            let action = if matches!(op, Op::Release { .. }) {
                "release"
            } else {
                "commit"
            };
            app.post(&format!("/api/v1/inventory/reservations/{id}/{action}"))
                .as_(owner)
                .send()
                .await
        }
        Op::Count { location, counted } => {
            app.post("/api/v1/inventory/counts")
                .as_(owner)
                .json(&CountIn {
                    location_id: locations[*location],
                    lines: vec![CountLineIn {
                        variant_id: variant,
                        counted: *counted,
                    }],
                    note: None,
                })
                .send()
                .await
        }
    };
    Some(reply)
}

async fn run_case(app: &TestApp, owner: &Session, locations: &[Uuid; 2], case: usize, ops: &[Op]) {
    let variant = app
        .new_variant(owner, "Property", &format!("PROP-{case}"))
        .await
        .id;
    let mut reservations: Vec<Uuid> = Vec::new();
    for op in ops {
        let Some(reply) = apply(app, owner, variant, locations, &mut reservations, op).await else {
            continue;
        };
        assert!(
            [200, 201, 409].contains(&reply.status),
            "{op:?} answered {}: {:#}",
            reply.status,
            reply.body
        );
    }
    for &location in locations {
        if app.stock_level(owner, variant, location).await.is_some() {
            assert_level_equals_ledger(app, owner, variant, location).await;
        }
    }
}

db_test!(
    every_level_equals_its_ledger_after_random_operations,
    |app| {
        let owner = app.signup("Propriedade").await;
        let locations = [
            app.new_location(&owner, "A").await.id,
            app.new_location(&owner, "B").await.id,
        ];
        let handle = tokio::runtime::Handle::current();
        let mut runner = TestRunner::new(Config {
            cases: 10,
            failure_persistence: None,
            ..Config::default()
        });
        let cases = std::sync::atomic::AtomicUsize::new(0);
        let result = runner.run(&proptest::collection::vec(op(), 1..25), |ops| {
            let case = cases.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            tokio::task::block_in_place(|| {
                handle.block_on(run_case(&app, &owner, &locations, case, &ops));
            });
            Ok(())
        });
        if let Err(failure) = result {
            panic!("{failure}");
        }
    }
);
