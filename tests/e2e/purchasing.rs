use std::fmt::Display;

use openapi::Page;
use openapi::catalog::{SupplierVariantIn, SupplierVariantOut, VariantOut};
use openapi::inventory::{
    CountIn, CountLineIn, CountOut, MovementOut, PurchaseOrderIn, PurchaseOrderLineIn,
    PurchaseOrderOut, ReceiptIn, ReceiptLineIn, StockLevelOut, ValuationOut,
};
use openapi::tenancy::Currency;
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::{Reply, Session};
use crate::harness::fixtures::{money, supplier_in};

/// What a purchase needs: a variant, a location and a supplier.
struct Setup {
    variant: Uuid,
    location: Uuid,
    supplier: Uuid,
}

async fn setup(app: &TestApp, owner: &Session) -> Setup {
    Setup {
        variant: app.new_variant(owner, "Camisa", "CAM-1").await.id,
        location: app.new_location(owner, "CD").await.id,
        supplier: app
            .new_supplier(owner, &supplier_in("Confecções Sul", 10))
            .await
            .id,
    }
}

impl Setup {
    /// A purchase of `quantity` units of the variant, at the supplier's cost or `unit_cost`.
    fn order(&self, quantity: i64, unit_cost: Option<&str>) -> PurchaseOrderIn {
        PurchaseOrderIn {
            supplier_id: self.supplier,
            location_id: self.location,
            note: None,
            lines: vec![PurchaseOrderLineIn {
                variant_id: self.variant,
                quantity,
                unit_cost: unit_cost.map(money),
            }],
        }
    }
}

async fn create(app: &TestApp, who: &Session, order: &PurchaseOrderIn) -> Reply {
    app.post("/api/v1/inventory/purchase-orders")
        .as_(who)
        .json(order)
        .send()
        .await
}

/// Sends (`send`) or cancels (`cancel`) a purchase order, as of `version` when given.
async fn act(app: &TestApp, who: &Session, id: Uuid, action: &str, version: Option<i32>) -> Reply {
    let mut call = app
        .post(&format!("/api/v1/inventory/purchase-orders/{id}/{action}"))
        .as_(who);
    if let Some(version) = version {
        call = call.header("If-Match", &format!("\"{version}\""));
    }
    call.send().await
}

async fn receive(app: &TestApp, who: &Session, id: Uuid, line_id: Uuid, quantity: i64) -> Reply {
    app.post(&format!("/api/v1/inventory/purchase-orders/{id}/receipts"))
        .as_(who)
        .json(&ReceiptIn {
            lines: vec![ReceiptLineIn { line_id, quantity }],
            note: None,
        })
        .send()
        .await
}

async fn levels(app: &TestApp, who: &Session, variant: impl Display) -> Vec<StockLevelOut> {
    let path = format!("/api/v1/inventory/levels?variant_id={variant}");
    app.get(&path)
        .as_(who)
        .returns::<Page<StockLevelOut>>(200)
        .await
        .items
}

/// The store's stock is worth `total` for `units` units, all at one location, in reais.
async fn assert_valued_at(app: &TestApp, who: &Session, total: &str, units: i64) {
    let valuation: ValuationOut = app
        .get("/api/v1/inventory/valuation")
        .as_(who)
        .returns(200)
        .await;
    assert_eq!(valuation.total.to_string(), total);
    assert_eq!(valuation.units, units);
    assert_eq!(valuation.locations[0].value.to_string(), total);
    assert_eq!(valuation.currency, Currency::BRL);
}

/// What each receipt of the variant refers to, newest first.
async fn receipt_references(app: &TestApp, who: &Session, variant: Uuid) -> Vec<String> {
    let receipts: Page<MovementOut> = app
        .get(&format!(
            "/api/v1/inventory/movements?variant_id={variant}&kind=receipt"
        ))
        .as_(who)
        .returns(200)
        .await;
    receipts
        .items
        .into_iter()
        .map(|m| m.reference_type.unwrap_or_default())
        .collect()
}

db_test!(
    a_full_purchasing_cycle_keeps_cost_and_value_to_the_cent,
    |app| {
        let owner = app.signup("Abigail").await;
        let s = setup(&app, &owner).await;
        // 10 units already there at the variant's cost of 4.00.
        app.add_stock(&owner, s.variant, s.location, 10).await;
        let link: SupplierVariantOut = app
            .call(
                reqwest::Method::PUT,
                &format!(
                    "/api/v1/catalog/suppliers/{}/variants/{}",
                    s.supplier, s.variant
                ),
            )
            .as_(&owner)
            .json(&SupplierVariantIn {
                supplier_sku: Some("CS-991".into()),
                cost: money("12.50"),
            })
            .returns(200)
            .await;
        assert_eq!(link.sku, "CAM-1");

        let order: PurchaseOrderOut = create(&app, &owner, &s.order(20, None))
            .await
            .expect(201)
            .parse();
        assert_eq!(order.status, "draft");
        assert_eq!(order.reference, "PO-1");
        assert_eq!(order.lines[0].unit_cost.to_string(), "12.50");
        assert_eq!(order.total_cost.to_string(), "250.00");
        let (id, line) = (order.id, order.lines[0].id);

        // Receiving a draft is refused; sending makes the quantity incoming.
        receive(&app, &owner, id, line, 1)
            .await
            .problem(409, "inventory/purchase-order-state");
        act(&app, &owner, id, "send", None).await.expect(200);
        act(&app, &owner, id, "send", None)
            .await
            .problem(409, "inventory/purchase-order-state");
        assert_eq!(levels(&app, &owner, s.variant).await[0].incoming, 20);

        let partial: PurchaseOrderOut =
            receive(&app, &owner, id, line, 5).await.expect(200).parse();
        assert_eq!(partial.status, "partially_received");
        let cost: VariantOut = app
            .get(&format!("/api/v1/catalog/variants/{}", s.variant))
            .as_(&owner)
            .returns(200)
            .await;
        // (10 × 4.00 + 5 × 12.50) ÷ 15
        assert_eq!(cost.average_cost.to_string(), "6.833333");

        receive(&app, &owner, id, line, 16)
            .await
            .problem(409, "inventory/over-receipt");
        let done: PurchaseOrderOut = receive(&app, &owner, id, line, 15)
            .await
            .expect(200)
            .parse();
        assert_eq!(done.status, "received");
        assert_eq!(done.lines[0].quantity_received, 20);

        let level = &levels(&app, &owner, s.variant).await[0];
        assert_eq!((level.on_hand, level.incoming), (30, 0));
        // 40.00 + 250.00 = 290.00 for 30 units.
        assert_valued_at(&app, &owner, "290.00", 30).await;

        act(&app, &owner, id, "cancel", None)
            .await
            .problem(409, "inventory/purchase-order-state");
        assert_eq!(
            receipt_references(&app, &owner, s.variant).await,
            ["purchase_order"; 2]
        );
    }
);

db_test!(
    cancelling_a_sent_order_takes_back_what_was_incoming,
    |app| {
        let owner = app.signup("Bernardo").await;
        let s = setup(&app, &owner).await;
        let order: PurchaseOrderOut = create(&app, &owner, &s.order(8, Some("3.10")))
            .await
            .expect(201)
            .parse();
        let (id, line) = (order.id, order.lines[0].id);
        act(&app, &owner, id, "send", None).await.expect(200);
        receive(&app, &owner, id, line, 3).await.expect(200);
        let cancelled: PurchaseOrderOut = act(&app, &owner, id, "cancel", None)
            .await
            .expect(200)
            .parse();
        assert_eq!(cancelled.status, "cancelled");
        let level = &levels(&app, &owner, s.variant).await[0];
        assert_eq!((level.incoming, level.on_hand), (0, 3));
        receive(&app, &owner, id, line, 1)
            .await
            .problem(409, "inventory/purchase-order-state");
        // Numbers are gapless per store.
        let second: PurchaseOrderOut = create(&app, &owner, &s.order(1, None))
            .await
            .expect(201)
            .parse();
        assert_eq!(second.number, 2);
        let list: Page<PurchaseOrderOut> = app
            .get("/api/v1/inventory/purchase-orders?status=cancelled")
            .as_(&owner)
            .returns(200)
            .await;
        assert_eq!(list.items.len(), 1);
        let other = app.signup("Cecilia").await;
        app.get(&format!("/api/v1/inventory/purchase-orders/{id}"))
            .as_(&other)
            .send()
            .await
            .problem(404, "not-found");
        let theirs = setup(&app, &other).await;
        let created: PurchaseOrderOut = create(&app, &other, &theirs.order(1, None))
            .await
            .expect(201)
            .parse();
        assert_eq!(created.number, 1);
        let with_our_supplier = PurchaseOrderIn {
            supplier_id: s.supplier,
            ..theirs.order(1, None)
        };
        create(&app, &other, &with_our_supplier)
            .await
            .problem(404, "not-found");
    }
);

db_test!(a_stock_count_books_only_the_differences, |app| {
    let owner = app.signup("Dario").await;
    let s = setup(&app, &owner).await;
    let other_variant = app.new_variant(&owner, "Calça", "CAL-1").await.id;
    app.add_stock(&owner, s.variant, s.location, 10).await;
    let count_of = |lines: Vec<CountLineIn>| CountIn {
        location_id: s.location,
        lines,
        note: None,
    };
    let counted = |variant_id, counted| CountLineIn {
        variant_id,
        counted,
    };
    let count: CountOut = app
        .post("/api/v1/inventory/counts")
        .as_(&owner)
        .json(&count_of(vec![
            counted(s.variant, 8),
            counted(other_variant, 3),
        ]))
        .returns(201)
        .await;
    let differences: Vec<i64> = count.lines.iter().map(|l| l.difference).collect();
    assert_eq!(differences, [-2, 3]);
    let moves: Page<MovementOut> = app
        .get(&format!(
            "/api/v1/inventory/movements?kind=count&location_id={}",
            s.location
        ))
        .as_(&owner)
        .returns(200)
        .await;
    assert_eq!(moves.items.len(), 2);
    assert_eq!(moves.items[0].reference_id, Some(count.count_id));
    let staff = app.add_member(&owner, "Elisa", "staff").await;
    app.post("/api/v1/inventory/counts")
        .as_(&staff)
        .json(&count_of(vec![counted(s.variant, 1)]))
        .send()
        .await
        .problem(403, "auth/forbidden");
});

db_test!(
    a_purchase_order_moved_at_an_old_version_is_refused_with_412,
    |app| {
        let owner = app.signup("Bianca").await;
        let s = setup(&app, &owner).await;
        let order: PurchaseOrderOut = create(&app, &owner, &s.order(4, None))
            .await
            .expect(201)
            .parse();
        let (id, line, read) = (order.id, order.lines[0].id, order.version);
        let sent: PurchaseOrderOut = act(&app, &owner, id, "send", Some(read))
            .await
            .expect(200)
            .parse();
        // The version read before it was sent no longer names it.
        app.post(&format!("/api/v1/inventory/purchase-orders/{id}/receipts"))
            .as_(&owner)
            .header("If-Match", &format!("\"{read}\""))
            .json(&ReceiptIn {
                lines: vec![ReceiptLineIn {
                    line_id: line,
                    quantity: 1,
                }],
                note: None,
            })
            .send()
            .await
            .problem(412, "request/stale");
        act(&app, &owner, id, "cancel", Some(read))
            .await
            .problem(412, "request/stale");
        let after: PurchaseOrderOut = app
            .get(&format!("/api/v1/inventory/purchase-orders/{id}"))
            .as_(&owner)
            .returns(200)
            .await;
        assert_eq!(after.status, "sent");
        act(&app, &owner, id, "cancel", Some(sent.version))
            .await
            .expect(200);
    }
);
