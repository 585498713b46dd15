//! Orders found by their customer's name however many customers match.

use openapi::Page;
use openapi::orders::{OrderOut, OrderStatus};
use openapi::tenancy::Locale;

use crate::db_test;
use crate::harness::fixtures::{buyer, customer_in, line};
use crate::orders::open_shop;

db_test!(
    orders_are_found_by_customer_name_among_more_than_500_matches,
    |app| {
        let shop = open_shop(&app, "Busca").await;
        let variant = shop.variant(&app, "BUSCA-1", "10.00", 10).await;
        let mut last = None;
        // The customer with the order is the last made and the last by name, so that a search
        // cut at any 500 matches (by id or by name) would miss it.
        for i in 0..510 {
            let name = if i == 509 {
                "Cliente Silva Zuleide".to_owned()
            } else {
                format!("Cliente Silva {i}")
            };
            let customer = customer_in(&name, Locale::PtBr);
            last = Some(app.new_customer(&shop.owner, &customer).await.id);
        }
        let last = last.expect("510 customers");
        let body = shop.order_in(buyer(last), vec![line(variant, 1)]);
        let order = shop.place_ok(&app, "busca-1", &body).await;
        let found: Page<OrderOut> = app
            .get("/api/v1/orders?q=silva")
            .as_(&shop.owner)
            .returns(200)
            .await;
        let ids: Vec<_> = found.items.iter().map(|o| o.id).collect();
        assert_eq!(ids, [order.id]);
    }
);

db_test!(
    the_same_order_sent_by_32_clients_at_once_is_one_order_and_31_duplicates,
    |app| {
        let shop = open_shop(&app, "Duplo").await;
        let variant = shop.variant(&app, "DUPLO-1", "10.00", 100).await;
        let customer = app
            .new_customer(&shop.owner, &customer_in("Dora", Locale::PtBr))
            .await
            .id;
        let body = shop.order_in(buyer(customer), vec![line(variant, 1)]);
        let attempts = (0..32).map(|i| {
            let (app, shop, body) = (&app, &shop, &body);
            async move { shop.place(app, &format!("duplo-{i}"), body).await }
        });
        let replies = futures_util::future::join_all(attempts).await;
        let mut orders: Vec<OrderOut> =
            replies.into_iter().map(|r| r.expect(201).parse()).collect();
        orders.sort_by_key(|o| o.number);
        let duplicate = |o: &OrderOut| o.findings.iter().any(|f| f.check == "duplicate");
        assert!(!duplicate(&orders[0]), "{:#?}", orders[0]);
        assert_eq!(orders[0].status, OrderStatus::PendingPayment);
        assert!(
            orders[1..].iter().all(duplicate),
            "every later one is a duplicate"
        );
    }
);
