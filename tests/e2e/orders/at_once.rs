//! Orders placed and paid at the same time: no oversold stock, no gaps in numbers, no
//! deadlocks whatever order their lines come in.

use openapi::orders::{OrderStatus, PaymentOut};
use openapi::tenancy::Locale;

use crate::db_test;
use crate::harness::fixtures::{buyer, line, new_buyer};
use crate::inventory::assert_level_equals_ledger;

use super::{move_order, open_shop};

db_test!(
    a_hundred_concurrent_orders_for_the_last_ten_units_make_ten_orders,
    |app| {
        let shop = open_shop(&app, "Zuleica").await;
        let shirt = shop.variant(&app, "ULTIMAS", "10.00", 10).await;
        let first = shop
            .place_ok(
                &app,
                "seed",
                &shop.order_in(new_buyer("Ciro", Locale::PtBr), vec![line(shirt, 1)]),
            )
            .await;
        move_order(&app, &shop.owner, first.id, OrderStatus::Cancelled)
            .await
            .expect(200);
        let body = shop.order_in(buyer(first.customer_id), vec![line(shirt, 1)]);
        let attempts = (0..100).map(|i| {
            let (app, shop, body) = (&app, &shop, &body);
            async move { shop.place(app, &format!("race-{i}"), body).await }
        });
        let replies = futures_util::future::join_all(attempts).await;
        let placed = replies.iter().filter(|r| r.status == 201).count();
        let refused: Vec<_> = replies.iter().filter(|r| r.status == 409).collect();
        assert_eq!(
            (placed, refused.len()),
            (10, 90),
            "{:?}",
            replies.iter().map(|r| r.status).collect::<Vec<_>>()
        );
        for reply in refused {
            let problem = reply.problem_doc();
            assert_eq!(problem.type_, "inventory/insufficient-stock");
            assert_eq!(problem.shortages[0].sku, "ULTIMAS");
        }
        let level = shop.stock(&app, shirt).await;
        assert_eq!((level.on_hand, level.reserved), (10, 10));
        assert_level_equals_ledger(&app, &shop.owner, shirt, &shop.location).await;
        assert_eq!(
            shop.order_numbers(&app).await,
            (1001..=1011).collect::<Vec<_>>(),
            "gapless"
        );
    }
);

db_test!(
    a_new_stores_first_orders_placed_at_once_are_numbered_without_gaps,
    |app| {
        // None of them finds the store's counter: each creates it (one wins, the others find
        // it made) and takes its number in turn.
        // Each order a variant of its own, so no stock level makes them wait on one another.
        let shop = open_shop(&app, "Zuleide").await;
        let mut towels = Vec::new();
        for i in 0..20 {
            towels.push(shop.variant(&app, &format!("TOALHA-{i}"), "30.00", 5).await);
        }
        let statuses = shop
            .place_at_once(&app, "first", 20, |i| vec![line(towels[i], 1)])
            .await;
        assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
        assert_eq!(
            shop.order_numbers(&app).await,
            (1001..=1020).collect::<Vec<_>>(),
            "gapless"
        );
    }
);

db_test!(
    concurrent_orders_naming_the_same_variants_in_either_order_all_go_through,
    |app| {
        // Each order holds its lines' levels until commit; taken in the lines' order, two
        // orders with the lines the other way round could each wait for the other.
        let shop = open_shop(&app, "Zenaide").await;
        let shirt = shop.variant(&app, "CAMISA-X", "10.00", 100).await;
        let cap = shop.variant(&app, "BONE-X", "5.00", 100).await;
        let statuses = shop
            .place_at_once(&app, "either", 40, |i| {
                let (first, second) = if i % 2 == 0 {
                    (shirt, cap)
                } else {
                    (cap, shirt)
                };
                vec![line(first, 1), line(second, 1)]
            })
            .await;
        assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
        for variant in [shirt, cap] {
            assert_eq!(shop.stock(&app, variant).await.reserved, 40);
            assert_level_equals_ledger(&app, &shop.owner, variant, &shop.location).await;
        }
    }
);

db_test!(
    concurrent_orders_mixing_a_kit_and_its_components_all_go_through,
    |app| {
        // With stock at two places each line chooses where to hold; a kit's components are
        // held with the kit's line, so holding line by line would lock the component after
        // the other line in one order and before it in the next, and two orders could each
        // wait for the other.
        let shop = open_shop(&app, "Zilda").await;
        let second = app.new_location(&shop.owner, "CD2").await.id;
        let mug = shop.variant(&app, "CANECA-K", "10.00", 100).await;
        let cap = shop.variant(&app, "BONE-K", "5.00", 100).await;
        let coffee = shop.variant(&app, "CAFE-K", "20.00", 100).await;
        let kit = shop.variant(&app, "KIT-K", "28.00", 0).await;
        for variant in [mug, cap, coffee] {
            app.add_stock(&shop.owner, variant, second, 100).await;
        }
        app.set_kit(&shop.owner, kit, &[(mug, 1), (coffee, 1)])
            .await
            .expect(200);
        let statuses = shop
            .place_at_once(&app, "mixed", 40, |i| {
                let first = if i % 2 == 0 { kit } else { mug };
                vec![line(first, 1), line(cap, 1)]
            })
            .await;
        assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
        let mut total = 0;
        for variant in [mug, cap, coffee] {
            for location in [shop.location_id(), second] {
                let level = app.stock_level(&shop.owner, variant, location).await;
                total += level.map_or(0, |level| level.reserved);
                assert_level_equals_ledger(&app, &shop.owner, variant, location).await;
            }
        }
        // Every order holds a cap and a mug; half of them a coffee too.
        assert_eq!(total, 40 + 40 + 20);
    }
);

db_test!(
    orders_paid_at_once_with_their_lines_either_way_round_all_go_through,
    |app| {
        // Paying commits each line's reservation; taken in line order, two orders with the
        // lines the other way round could each wait for the other.
        let shop = open_shop(&app, "Zoraide").await;
        let shirt = shop.variant(&app, "CAMISA-P", "10.00", 100).await;
        let cap = shop.variant(&app, "BONE-P", "5.00", 100).await;
        let mut orders = Vec::new();
        for i in 0..30 {
            let (first, second) = if i % 2 == 0 {
                (shirt, cap)
            } else {
                (cap, shirt)
            };
            let body = shop.order_in(
                new_buyer(&format!("Cliente {i}"), Locale::PtBr),
                vec![line(first, 1), line(second, 1)],
            );
            orders.push(shop.place_ok(&app, &format!("paid-{i}"), &body).await.id);
        }
        let payments = orders.iter().enumerate().map(|(i, order)| {
            let (app, shop) = (&app, &shop);
            async move { shop.pay(app, order, "15.00", &format!("PIX-{i}")).await }
        });
        let replies = futures_util::future::join_all(payments).await;
        let statuses: Vec<u16> = replies.iter().map(|r| r.status).collect();
        assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
        for reply in &replies {
            reply.parse::<PaymentOut>();
        }
        for variant in [shirt, cap] {
            let level = shop.stock(&app, variant).await;
            assert_eq!((level.on_hand, level.reserved), (70, 0));
            assert_level_equals_ledger(&app, &shop.owner, variant, &shop.location).await;
        }
    }
);
