//! Placing an order: server totals, where its lines are held, input checked before anything is
//! written, shortages named.

use openapi::Page;
use openapi::orders::{CustomerOut, OrderLineIn, OrderStatus};
use openapi::tenancy::Locale;
use serde_json::json;

use crate::db_test;
use crate::harness::fixtures::{buyer, line, money, new_buyer};

use super::open_shop;

db_test!(an_order_gets_server_totals_and_reserves_its_stock, |app| {
    let shop = open_shop(&app, "Olga").await;
    let shirt = shop.variant(&app, "CAM-1", "59.90", 10).await;
    let mug = shop.variant(&app, "CANECA", "0.125", 5).await;
    let mut body = shop.order_in(
        new_buyer("Ana Souza", Locale::PtBr),
        vec![
            OrderLineIn {
                discount: Some(money("9.70")),
                ..line(shirt, 3)
            },
            line(mug, 1),
        ],
    );
    body.shipping_fee = Some(money("19.90"));
    body.discount = Some(money("5.005"));
    let placed = shop.place(&app, "order-1", &body).await.expect(201);
    let order = placed.parse::<openapi::orders::OrderOut>();
    assert_eq!(order.status, OrderStatus::PendingPayment);
    assert_eq!(order.reference, "#1001");
    assert_eq!(order.lines[0].total.to_string(), "170.00");
    assert_eq!(order.lines[1].total.to_string(), "0.12");
    assert_eq!(order.subtotal.to_string(), "170.12");
    assert_eq!(order.discount.to_string(), "5.00");
    assert_eq!(order.total.to_string(), "185.02");
    assert_eq!(order.balance_due.to_string(), "185.02");
    assert_eq!(
        order.allowed_transitions,
        [OrderStatus::OnHold, OrderStatus::Cancelled]
    );
    insta::assert_json_snapshot!("order_placed", placed.body, {
        ".id" => "[id]", ".customer_id" => "[id]", ".channel_id" => "[id]",
        ".lines[].id" => "[id]", ".lines[].variant_id" => "[id]", ".lines[].location_id" => "[id]",
        ".created_at" => "[time]",
    });
    let level = shop.stock(&app, shirt).await;
    assert_eq!((level.on_hand, level.reserved), (10, 3));
    let audited = app.audit_of(&shop.owner, "order", order.id).await;
    assert_eq!(audited[0].action, "order.place");
    // What an audit entry records differs by action: the types leave it JSON.
    assert_eq!(
        audited[0].changes["after"],
        json!({ "number": 1001, "status": "pending_payment", "total": "185.02", "lines": 2 })
    );

    // The same key replays the same order; the next order is #1002.
    let again = shop.place_ok(&app, "order-1", &body).await;
    assert_eq!(again.id, order.id);
    let next = shop
        .place_ok(
            &app,
            "order-2",
            &shop.order_in(buyer(order.customer_id), vec![line(mug, 2)]),
        )
        .await;
    assert_eq!(next.number, 1002);
    assert_eq!(shop.stock(&app, shirt).await.reserved, 3);
});

db_test!(
    lines_of_one_variant_are_held_where_each_fits_when_one_place_cannot_give_all,
    |app| {
        let shop = open_shop(&app, "Odete").await;
        let bowl = shop.variant(&app, "TIGELA", "12.00", 3).await;
        let second = app.new_location(&shop.owner, "CD2").await.id;
        app.add_stock(&shop.owner, bowl, second, 2).await;
        // Both lines would rather take CD1, which has the most; it can give only one of them.
        let lines = vec![line(bowl, 2), line(bowl, 2)];
        let placed = shop
            .place_ok(
                &app,
                "two-places",
                &shop.order_in(new_buyer("Lia", Locale::PtBr), lines),
            )
            .await;
        let mut places: Vec<_> = placed.lines.iter().map(|line| line.location_id).collect();
        places.sort();
        let mut expected = vec![shop.location_id(), second];
        expected.sort();
        assert_eq!(places, expected);
        assert_eq!(shop.stock(&app, bowl).await.reserved, 2);
        let more = vec![line(bowl, 2)];
        let short = shop
            .place(
                &app,
                "too-many",
                &shop.order_in(new_buyer("Lia", Locale::PtBr), more),
            )
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(short.problem_doc().shortages[0].available, 1);
    }
);

db_test!(
    two_lines_of_one_variant_at_its_one_place_are_held_one_after_the_other,
    |app| {
        let shop = open_shop(&app, "Olga").await;
        let cup = shop.variant(&app, "XICARA", "8.00", 5).await;
        // Both lines change the same level: together they may not take more than it has.
        let too_many = vec![line(cup, 3), line(cup, 3)];
        let short = shop
            .place(
                &app,
                "six",
                &shop.order_in(new_buyer("Ana", Locale::PtBr), too_many),
            )
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(short.problem_doc().shortages[0].sku, "XICARA");
        assert_eq!(shop.stock(&app, cup).await.reserved, 0);
        let fits = vec![line(cup, 3), line(cup, 2)];
        shop.place_ok(
            &app,
            "five",
            &shop.order_in(new_buyer("Bia", Locale::PtBr), fits),
        )
        .await;
        let level = shop.stock(&app, cup).await;
        assert_eq!((level.on_hand, level.reserved), (5, 5));
    }
);

db_test!(order_input_is_checked_before_anything_is_written, |app| {
    let shop = open_shop(&app, "Paula").await;
    let shirt = shop.variant(&app, "CAM-2", "50.00", 10).await;
    let order = shop.order_in(new_buyer("Bia", Locale::PtBr), vec![line(shirt, 1)]);
    // A total sent by the client: a field the request type does not have.
    let mut body = json!(order);
    body["total"] = json!("1.00");
    let refused = shop
        .place(&app, "k1", &body)
        .await
        .problem(422, "request/validation");
    assert!(
        refused.error_fields().contains(&"total".to_owned()),
        "{:#}",
        refused.body
    );

    // Without an Idempotency-Key.
    app.post("/api/v1/orders")
        .as_(&shop.owner)
        .json(&order)
        .send()
        .await
        .problem(422, "request/validation");

    let mut bad_tax_id = order.clone();
    if let Some(customer) = bad_tax_id.customer.new.as_mut() {
        customer.tax_id = Some("123.456.789-00".into());
    }
    let refused = shop
        .place(&app, "k2", &bad_tax_id)
        .await
        .problem(422, "request/validation");
    assert_eq!(
        refused.error_fields(),
        vec!["customer.new.tax_id"],
        "{:#}",
        refused.body
    );

    let mut too_much_off = order.clone();
    too_much_off.discount = Some(money("60"));
    let refused = shop
        .place(&app, "k3", &too_much_off)
        .await
        .problem(422, "request/validation");
    assert_eq!(refused.error_fields(), vec!["discount"]);

    let mut nobody = order;
    nobody.customer.new = None;
    let refused = shop
        .place(&app, "k4", &nobody)
        .await
        .problem(422, "request/validation");
    assert_eq!(refused.error_fields(), vec!["customer"]);

    let customers: Page<CustomerOut> = app
        .get("/api/v1/customers")
        .as_(&shop.owner)
        .returns(200)
        .await;
    assert!(customers.items.is_empty(), "{customers:#?}");
    assert_eq!(shop.stock(&app, shirt).await.reserved, 0);
});

db_test!(
    an_order_short_of_stock_names_every_sku_and_holds_nothing,
    |app| {
        let shop = open_shop(&app, "Quiteria").await;
        let plenty = shop.variant(&app, "MUITO", "10.00", 50).await;
        let few = shop.variant(&app, "POUCO", "10.00", 2).await;
        let none = shop.variant(&app, "NADA", "10.00", 0).await;
        let body = shop.order_in(
            new_buyer("Caio", Locale::PtBr),
            vec![line(plenty, 5), line(few, 3), line(none, 1)],
        );
        let refused = shop
            .place(&app, "short", &body)
            .await
            .problem(409, "inventory/insufficient-stock");
        let shortages: Vec<(String, i64)> = refused
            .problem_doc()
            .shortages
            .into_iter()
            .map(|s| (s.sku, s.available))
            .collect();
        assert_eq!(
            shortages,
            vec![("POUCO".to_owned(), 2), ("NADA".to_owned(), 0)]
        );
        assert_eq!(shop.stock(&app, plenty).await.reserved, 0);
    }
);
