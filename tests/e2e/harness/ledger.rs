//! The invariant of the stock ledger: a level's quantities are the sums of its movements.

use std::fmt::Display;

use openapi::Page;
use openapi::inventory::MovementOut;

use super::TestApp;
use super::client::Session;

/// Sums the whole ledger of a variant at a location, page by page: on hand, reserved,
/// unsellable, incoming.
pub async fn ledger_sum(
    app: &TestApp,
    who: &Session,
    variant: impl Display,
    location: impl Display,
) -> [i64; 4] {
    let mut sums = [0i64; 4];
    let base = format!(
        "/api/v1/inventory/movements?variant_id={variant}&location_id={location}&limit=200"
    );
    let mut path = base.clone();
    loop {
        let page: Page<MovementOut> = app.get(&path).as_(who).returns(200).await;
        for m in &page.items {
            let deltas = [
                m.on_hand_delta,
                m.reserved_delta,
                m.unsellable_delta,
                m.incoming_delta,
            ];
            for (sum, delta) in sums.iter_mut().zip(deltas) {
                *sum += delta;
            }
        }
        match page.next_cursor {
            Some(cursor) => path = format!("{base}&cursor={cursor}"),
            None => return sums,
        }
    }
}

/// The level of the variant at the location is what its ledger adds up to, and nothing is
/// promised that is not there.
pub async fn assert_level_equals_ledger(
    app: &TestApp,
    who: &Session,
    variant: impl Display,
    location: impl Display,
) {
    let (variant, location) = (variant.to_string(), location.to_string());
    let level = app
        .stock_level(who, &variant, &location)
        .await
        .unwrap_or_else(|| panic!("no level of {variant} at {location}"));
    let sums = ledger_sum(app, who, &variant, &location).await;
    let quantities = [
        level.on_hand,
        level.reserved,
        level.unsellable,
        level.incoming,
    ];
    assert_eq!(quantities, sums, "level {level:#?} vs ledger {sums:?}");
    assert!(level.available >= 0, "{level:#?}");
}
