use openapi::Page;
use openapi::catalog::{ChannelKind, VariantOut};
use openapi::inventory::{
    AdjustmentIn, AdjustmentReason, AvailabilityOut, BufferIn, ReservationIn, ReservationOut,
    Shortage, StockLevelOut,
};
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;
use crate::inventory::{hold, reserve};

async fn availability(app: &TestApp, owner: &Session, query: &str) -> Vec<AvailabilityOut> {
    app.get(&format!("/api/v1/inventory/availability?{query}"))
        .as_(owner)
        .returns::<Page<AvailabilityOut>>(200)
        .await
        .items
}

/// (SKU, units reserved) of every level at `location`.
async fn reserved_at(app: &TestApp, owner: &Session, location: Uuid) -> Vec<(String, i64)> {
    let levels: Page<StockLevelOut> = app
        .get(&format!("/api/v1/inventory/levels?location_id={location}"))
        .as_(owner)
        .returns(200)
        .await;
    levels
        .items
        .into_iter()
        .map(|l| (l.sku, l.reserved))
        .collect()
}

/// A hold for a sales channel, wherever the units are.
fn for_channel(variant: Uuid, quantity: i64, channel: Uuid) -> ReservationIn {
    ReservationIn {
        channel_id: Some(channel),
        ..hold(variant, None, quantity)
    }
}

db_test!(
    a_kit_is_never_reserved_beyond_its_scarcest_component,
    |app| {
        let owner = app.signup("Fabiana").await;
        let mug = app.new_variant(&owner, "Caneca", "CANECA").await.id;
        let coffee = app.new_variant(&owner, "Café 250g", "CAFE").await.id;
        let kit = app
            .new_variant(&owner, "Kit presente", "KIT-PRESENTE")
            .await
            .id;
        let cd = app.new_location(&owner, "CD").await.id;
        app.add_stock(&owner, mug, cd, 5).await;
        app.add_stock(&owner, coffee, cd, 7).await;
        let set: VariantOut = app
            .set_kit(&owner, kit, &[(mug, 1), (coffee, 2)])
            .await
            .expect(200)
            .parse();
        assert_eq!(set.components[1].sku, "CAFE");

        // Coffee is scarcest: 7 ÷ 2 = 3 kits.
        let kits = availability(&app, &owner, &format!("variant_id={kit}")).await;
        assert_eq!(kits[0].available, 3);
        let refused = reserve(&app, &owner, &hold(kit, None, 4))
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(
            refused.problem_doc().shortages[0],
            Shortage {
                sku: "KIT-PRESENTE".into(),
                requested: 4,
                available: 3
            }
        );
        let held: ReservationOut = reserve(&app, &owner, &hold(kit, None, 3))
            .await
            .expect(201)
            .parse();
        let reserved = reserved_at(&app, &owner, cd).await;
        assert!(reserved.contains(&("CANECA".into(), 3)), "{reserved:?}");
        assert!(reserved.contains(&("CAFE".into(), 6)), "{reserved:?}");
        reserve(&app, &owner, &hold(kit, None, 1))
            .await
            .problem(409, "inventory/insufficient-stock");

        // A kit holds no stock of its own and cannot change while reserved.
        app.post("/api/v1/inventory/adjustments")
            .as_(&owner)
            .json(&AdjustmentIn {
                variant_id: kit,
                location_id: cd,
                quantity: 1,
                reason: AdjustmentReason::Found,
                note: None,
            })
            .send()
            .await
            .problem(409, "inventory/kit-not-stocked");
        app.set_kit(&owner, kit, &[])
            .await
            .problem(409, "catalog/kit-rule");

        app.post(&format!(
            "/api/v1/inventory/reservations/{}/commit",
            held.id
        ))
        .as_(&owner)
        .send()
        .await
        .expect(200);
        let after: Page<StockLevelOut> = app
            .get(&format!("/api/v1/inventory/levels?variant_id={coffee}"))
            .as_(&owner)
            .returns(200)
            .await;
        assert_eq!((after.items[0].on_hand, after.items[0].reserved), (1, 0));
        app.set_kit(&owner, mug, &[(kit, 1)])
            .await
            .problem(409, "catalog/kit-rule");
    }
);

db_test!(
    a_channel_buffer_holds_back_units_from_that_channel_only,
    |app| {
        let owner = app.signup("Gustavo").await;
        let shoe = app.new_variant(&owner, "Sapato", "SAP-40").await.id;
        let cd = app.new_location(&owner, "CD").await.id;
        app.add_stock(&owner, shoe, cd, 5).await;
        let marketplace = app
            .new_channel(&owner, "Marketplace", ChannelKind::Marketplace)
            .await
            .id;
        let web = app
            .new_channel(&owner, "Loja virtual", ChannelKind::Web)
            .await
            .id;
        app.call(reqwest::Method::PUT, "/api/v1/inventory/buffers")
            .as_(&owner)
            .json(&BufferIn {
                channel_id: marketplace,
                variant_id: shoe,
                quantity: 2,
            })
            .send()
            .await
            .expect(200);
        let all = availability(&app, &owner, &format!("variant_id={shoe}")).await;
        let sellable: Vec<(&str, i64)> = all[0]
            .channels
            .iter()
            .map(|c| (c.channel_name.as_str(), c.sellable))
            .collect();
        assert_eq!(sellable, [("Marketplace", 3), ("Loja virtual", 5)]);
        let only = availability(&app, &owner, &format!("channel_id={marketplace}")).await;
        assert_eq!(only[0].channels.len(), 1);

        reserve(&app, &owner, &for_channel(shoe, 3, marketplace))
            .await
            .expect(201);
        let refused = reserve(&app, &owner, &for_channel(shoe, 1, marketplace))
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(refused.problem_doc().shortages[0].available, 0);
        // The web store may still sell the last two.
        reserve(&app, &owner, &for_channel(shoe, 2, web))
            .await
            .expect(201);
        let other = app.signup("Helena").await;
        app.get(&format!(
            "/api/v1/inventory/availability?channel_id={marketplace}"
        ))
        .as_(&other)
        .send()
        .await
        .problem(404, "not-found");
        // A channel the store does not have sells nothing.
        let unknown = reserve(&app, &owner, &for_channel(shoe, 1, Uuid::new_v4()))
            .await
            .problem(404, "not-found");
        let detail = unknown.problem_doc().detail.unwrap_or_default();
        assert!(detail.contains("sales channel"), "{detail}");
    }
);
