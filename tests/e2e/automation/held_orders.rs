//! A paid order a rule holds for review waits at the warehouse: its fulfilment cannot be
//! picked and leaves the pick list until staff release the order.

use std::time::Duration;

use openapi::logistics::PickListOut;
use openapi::orders::OrderStatus;
use serde_json::json;

use super::rules::{create_rule, paid};
use crate::db_test;
use crate::harness::shop::open_shop;
use crate::logistics::fulfilments::fulfilments_of;

db_test!(a_paid_order_held_by_a_rule_waits_at_the_warehouse, |app| {
    let shop = open_shop(&app, "Loja Retida").await;
    let owner = &shop.owner;
    let variant = shop.variant(&app, "SOFA-3", "1800.00", 5).await;
    let rule = json!({
        "name": "Conferir pedidos grandes",
        "trigger": "order.paid",
        "conditions": { "conditions": [
            { "field": "order.total", "op": "greater_than", "value": "1000" }
        ]},
        "actions": [{ "type": "hold_order", "reason": "Conferir antes de separar" }]
    });
    create_rule(&app, owner, rule).await;
    let order = paid(&app, &shop, shop.channel_id(), variant, "retida-1").await;
    let fulfilment = fulfilments_of(&app, owner, order, 1).await[0].id;
    let mut status = OrderStatus::Paid;
    for _ in 0..200 {
        status = shop.read(&app, order).await.status;
        if status == OrderStatus::OnHold {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(status, OrderStatus::OnHold, "the rule held the order");

    let pick = format!("/api/v1/logistics/fulfilments/{fulfilment}/pick");
    app.post(&pick)
        .as_(owner)
        .json(&json!({}))
        .send()
        .await
        .problem(409, "logistics/order-held");
    let pick_list = format!("/api/v1/logistics/pick-list?location_id={}", shop.location);
    let waiting: PickListOut = app.get(&pick_list).as_(owner).returns(200).await;
    assert!(waiting.items.is_empty(), "{waiting:?}");

    // Released, it is paid again, back on the list, and picked.
    app.post(&format!("/api/v1/orders/{order}/transitions"))
        .as_(owner)
        .json(&json!({ "to": "pending_payment" }))
        .send()
        .await
        .expect(200);
    let back: PickListOut = app.get(&pick_list).as_(owner).returns(200).await;
    assert_eq!(back.items.len(), 1);
    assert_eq!(back.items[0].orders[0].fulfilment_id, fulfilment);
    app.post(&pick)
        .as_(owner)
        .json(&json!({}))
        .send()
        .await
        .expect(200);
    assert_eq!(shop.read(&app, order).await.status, OrderStatus::Fulfilling);
});
