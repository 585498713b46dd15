use openapi::Page;
use openapi::catalog::SupplierVariantIn;
use openapi::inventory::{
    AdjustmentReason, PurchaseOrderOut, ReorderPatch, ReplenishmentOrderIn, ReplenishmentOut,
    ReservationOut, StockLevelOut,
};
use openapi::tenancy::Locale;
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;
use crate::harness::fixtures::{adjustment, line, money, new_buyer, supplier_in};
use crate::inventory::{hold, reserve};

/// Reorder at `point` units available, `quantity` at a time.
async fn set_reorder(app: &TestApp, who: &Session, level: Uuid, point: i64, quantity: i64) {
    app.patch(&format!("/api/v1/inventory/levels/{level}"))
        .as_(who)
        .json(&ReorderPatch {
            reorder_point: Some(point),
            reorder_quantity: Some(quantity),
        })
        .returns::<StockLevelOut>(200)
        .await;
}

/// Candles and wicks from one supplier at `CD`, 20 of each, to reorder below 5 (12 at a
/// time); 16 candles sold and 15 wicks lost: both below the point. `CD` and the supplier.
async fn candles_sold_and_wicks_lost(app: &TestApp, owner: &Session) -> (Uuid, Uuid) {
    let sold = app.new_variant(owner, "Vela", "VELA").await.id;
    let quiet = app.new_variant(owner, "Pavio", "PAVIO").await.id;
    let cd = app.new_location(owner, "CD").await.id;
    let supplier = app
        .new_supplier(owner, &supplier_in("Ceras do Sul", 15))
        .await
        .id;
    for variant in [sold, quiet] {
        app.call(
            reqwest::Method::PUT,
            &format!("/api/v1/catalog/suppliers/{supplier}/variants/{variant}"),
        )
        .as_(owner)
        .json(&SupplierVariantIn {
            supplier_sku: None,
            cost: money("2.00"),
        })
        .send()
        .await
        .expect(200);
        app.add_stock(owner, variant, cd, 20).await;
    }
    let levels: Page<StockLevelOut> = app
        .get("/api/v1/inventory/levels")
        .as_(owner)
        .returns(200)
        .await;
    for level in &levels.items {
        set_reorder(app, owner, level.id, 5, 12).await;
    }
    // Sell 16 of the candles (30-day sales), leaving 4: below the point.
    let held: ReservationOut = reserve(app, owner, &hold(sold, None, 16))
        .await
        .expect(201)
        .parse();
    app.post(&format!(
        "/api/v1/inventory/reservations/{}/commit",
        held.id
    ))
    .as_(owner)
    .send()
    .await
    .expect(200);
    app.post("/api/v1/inventory/adjustments")
        .as_(owner)
        .json(&adjustment(quiet, cd, -15, AdjustmentReason::Loss))
        .send()
        .await
        .expect(200);
    (cd, supplier)
}

db_test!(
    low_stock_is_reported_suggested_and_ordered_from_its_supplier,
    |app| {
        let owner = app.signup("Ivone").await;
        let (cd, supplier) = candles_sold_and_wicks_lost(&app, &owner).await;

        let plan: ReplenishmentOut = app
            .get("/api/v1/inventory/replenishment")
            .as_(&owner)
            .returns(200)
            .await;
        let group = &plan.groups[0];
        assert_eq!(group.supplier_name.as_deref(), Some("Ceras do Sul"));
        let of = |sku: &str| {
            group
                .lines
                .iter()
                .find(|l| l.sku == sku)
                .unwrap_or_else(|| panic!("no {sku} in {group:#?}"))
        };
        // 16 sold in 30 days × 15 days lead = 8, + 5 safety − 4 available = 9.
        assert_eq!(of("VELA").sold_last_30_days, 16);
        assert_eq!(of("VELA").suggested_quantity, 9);
        // Nothing sold: the reorder quantity.
        assert_eq!(of("PAVIO").suggested_quantity, 12);

        let reorder = ReplenishmentOrderIn {
            supplier_id: supplier,
            location_id: cd,
        };
        let order: PurchaseOrderOut = app
            .post("/api/v1/inventory/replenishment/purchase-orders")
            .as_(&owner)
            .json(&reorder)
            .returns(201)
            .await;
        assert_eq!(order.status, "draft");
        let ordered: i64 = order.lines.iter().map(|l| l.quantity_ordered).sum();
        assert_eq!(ordered, 21);
        app.post(&format!(
            "/api/v1/inventory/purchase-orders/{}/send",
            order.id
        ))
        .as_(&owner)
        .send()
        .await
        .expect(200);
        // Once ordered, they no longer need reordering.
        let plan: ReplenishmentOut = app
            .get("/api/v1/inventory/replenishment")
            .as_(&owner)
            .returns(200)
            .await;
        assert!(plan.groups.is_empty(), "{plan:#?}");
        app.post("/api/v1/inventory/replenishment/purchase-orders")
            .as_(&owner)
            .json(&reorder)
            .send()
            .await
            .problem(409, "inventory/nothing-to-reorder");
    }
);

db_test!(
    crossing_the_reorder_point_by_a_hold_writes_one_stock_low_event,
    |app| {
        let shop = crate::orders::open_shop(&app, "Ubirajara").await;
        let soap = shop.variant(&app, "SABONETE", "8.00", 10).await;
        let level = shop.stock(&app, soap).await;
        set_reorder(&app, &shop.owner, level.id, 5, 10).await;
        // Available 10 → 7 (above the point), 7 → 4 (crosses it), 4 → 3 (already below).
        for quantity in [3, 3, 1] {
            reserve(&app, &shop.owner, &hold(soap, None, quantity))
                .await
                .expect(201);
        }
        app.post("/api/v1/inventory/adjustments")
            .as_(&shop.owner)
            .json(&adjustment(
                soap,
                shop.location_id(),
                10,
                AdjustmentReason::Found,
            ))
            .send()
            .await
            .expect(200);
        // 13 → 4 by an order: the hold of an order crosses it again.
        let body = shop.order_in(new_buyer("Vanda", Locale::PtBr), vec![line(soap, 9)]);
        shop.place_ok(&app, "sabonete", &body).await;

        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        let events = entity::outbox_event::Entity::find()
            .filter(entity::outbox_event::Column::EventType.eq("stock.low"))
            .filter(entity::outbox_event::Column::TenantId.eq(shop.owner.tenant_id))
            .order_by_asc(entity::outbox_event::Column::Id)
            .all(app.db())
            .await
            .unwrap();
        let available: Vec<i64> = events
            .iter()
            .map(|event| event.payload["available"].as_i64().unwrap())
            .collect();
        assert_eq!(available, [4, 4]);
        assert_eq!(events[0].payload["variant_id"], soap.to_string().as_str());
    }
);
