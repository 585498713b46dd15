use serde_json::json;

use crate::catalog::create_variant;
use crate::db_test;

db_test!(
    low_stock_is_reported_suggested_and_ordered_from_its_supplier,
    |app| {
        let owner = app.signup("Ivone").await;
        let sold = create_variant(&app, &owner, "Vela", "VELA").await;
        let quiet = create_variant(&app, &owner, "Pavio", "PAVIO").await;
        let cd = app.create_location(&owner, "CD").await;
        let supplier = app.create_supplier(&owner, "Ceras do Sul", 15).await;
        for variant in [&sold, &quiet] {
            app.call(
                reqwest::Method::PUT,
                &format!("/api/v1/catalog/suppliers/{supplier}/variants/{variant}"),
            )
            .as_(&owner)
            .json(&json!({ "cost": "2.00" }))
            .send()
            .await
            .expect(200);
            app.post("/api/v1/inventory/adjustments")
                .as_(&owner)
                .json(&json!({ "variant_id": variant, "location_id": cd,
                           "quantity": 20, "reason": "initial" }))
                .send()
                .await
                .expect(200);
        }
        let levels = app
            .get("/api/v1/inventory/levels")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        for level in levels.body["items"].as_array().unwrap() {
            let id = level["id"].as_str().unwrap();
            app.patch(&format!("/api/v1/inventory/levels/{id}"))
                .as_(&owner)
                .json(&json!({ "reorder_point": 5, "reorder_quantity": 12 }))
                .send()
                .await
                .expect(200);
        }
        // Sell 16 of the candles (30-day sales), leaving 4: below the point.
        let held = app
            .post("/api/v1/inventory/reservations")
            .as_(&owner)
            .json(&json!({ "variant_id": sold, "quantity": 16 }))
            .send()
            .await
            .expect(201);
        let id = held.body["id"].as_str().unwrap();
        app.post(&format!("/api/v1/inventory/reservations/{id}/commit"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        app.post("/api/v1/inventory/adjustments")
        .as_(&owner)
        .json(&json!({ "variant_id": quiet, "location_id": cd, "quantity": -15, "reason": "loss" }))
        .send()
        .await
        .expect(200);

        let plan = app
            .get("/api/v1/inventory/replenishment")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        let group = &plan.body["groups"][0];
        assert_eq!(group["supplier_name"], "Ceras do Sul");
        let lines = group["lines"].as_array().unwrap();
        let of = |sku: &str| lines.iter().find(|l| l["sku"] == sku).unwrap().clone();
        // 16 sold in 30 days × 15 days lead = 8, + 5 safety − 4 available = 9.
        assert_eq!(of("VELA")["sold_last_30_days"], 16);
        assert_eq!(of("VELA")["suggested_quantity"], 9);
        // Nothing sold: the reorder quantity.
        assert_eq!(of("PAVIO")["suggested_quantity"], 12);

        let order = app
            .post("/api/v1/inventory/replenishment/purchase-orders")
            .as_(&owner)
            .json(&json!({ "supplier_id": supplier, "location_id": cd }))
            .send()
            .await
            .expect(201);
        assert_eq!(order.body["status"], "draft");
        let quantities: Vec<i64> = order.body["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["quantity_ordered"].as_i64().unwrap())
            .collect();
        assert_eq!(quantities.iter().sum::<i64>(), 21);
        let id = order.body["id"].as_str().unwrap();
        app.post(&format!("/api/v1/inventory/purchase-orders/{id}/send"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        // Once ordered, they no longer need reordering.
        let plan = app
            .get("/api/v1/inventory/replenishment")
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(plan.body["groups"], json!([]));
        app.post("/api/v1/inventory/replenishment/purchase-orders")
            .as_(&owner)
            .json(&json!({ "supplier_id": supplier, "location_id": cd }))
            .send()
            .await
            .problem(409, "inventory/nothing-to-reorder");
    }
);

db_test!(
    crossing_the_reorder_point_by_a_hold_writes_one_stock_low_event,
    |app| {
        let shop = crate::orders::open_shop(&app, "Ubirajara").await;
        let soap = shop.stocked_variant(&app, "SABONETE", "8.00", 10).await;
        let level = shop.level(&app, &soap).await;
        app.patch(&format!(
            "/api/v1/inventory/levels/{}",
            level["id"].as_str().unwrap()
        ))
        .as_(&shop.owner)
        .json(&json!({ "reorder_point": 5, "reorder_quantity": 10 }))
        .send()
        .await
        .expect(200);
        let reserve = |quantity: i64| {
            app.post("/api/v1/inventory/reservations")
                .as_(&shop.owner)
                .json(&json!({ "variant_id": soap, "quantity": quantity }))
                .send()
        };
        // Available 10 → 7 (above the point), 7 → 4 (crosses it), 4 → 3 (already below).
        for quantity in [3, 3, 1] {
            reserve(quantity).await.expect(201);
        }
        app.post("/api/v1/inventory/adjustments")
            .as_(&shop.owner)
            .json(&json!({ "variant_id": soap, "location_id": shop.location,
                           "quantity": 10, "reason": "found" }))
            .send()
            .await
            .expect(200);
        // 13 → 4 by an order: the hold of an order crosses it again.
        let body = shop.order_body(
            crate::orders::new_customer("Vanda", "pt-BR"),
            json!([{ "variant_id": soap, "quantity": 9 }]),
        );
        shop.place(&app, "sabonete", &body).await.expect(201);

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
        assert_eq!(events[0].payload["variant_id"], soap.as_str());
    }
);
