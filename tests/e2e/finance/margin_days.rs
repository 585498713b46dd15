//! The margin roll-ups' read model: it follows the lines as they are committed, changed and
//! dropped, and equals them summed again from scratch.

use openapi::catalog::ChannelKind;
use openapi::finance::{MarginReport, OrderMarginOut};
use openapi::tenancy::Locale;
use serde_json::json;

use super::margins::{costed, line_of, place_and_pay, report};
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::fixtures::new_buyer;
use crate::harness::shop::{Shop, open_shop};

/// Every roll-up of the store, in one list to compare.
async fn every_roll_up(app: &TestApp, shop: &Shop) -> Vec<MarginReport> {
    let mut reports = Vec::new();
    for by in ["channel", "supplier", "product", "day", "month"] {
        reports.push(report(app, shop, by).await);
    }
    reports
}

db_test!(
    the_roll_ups_follow_a_cancelled_order_and_equal_the_lines_summed_again,
    |app| {
        let shop = open_shop(&app, "Loja Dias").await;
        let owner = &shop.owner;
        let market = app
            .new_channel(owner, "Marketplace", ChannelKind::Marketplace)
            .await;
        let shirt = costed(&app, &shop, "MD-A", "100.00", "40.00").await;
        let cap = costed(&app, &shop, "MD-B", "50.00", "10.00").await;
        let web_order = shop.order_in(
            new_buyer("Cliente Web", Locale::PtBr),
            vec![line_of(shirt, 1, None), line_of(cap, 2, None)],
        );
        let mut market_order = shop.order_in(
            new_buyer("Cliente Market", Locale::PtBr),
            vec![line_of(shirt, 2, None)],
        );
        market_order.channel_id = market.id;
        let kept = place_and_pay(&app, &shop, "md-1", &web_order).await;
        let dropped = place_and_pay(&app, &shop, "md-2", &market_order).await;
        for order in [kept.id, dropped.id] {
            lines_when(&app, &shop, order, false).await;
        }
        let by_channel = report(&app, &shop, "channel").await;
        assert_eq!(by_channel.rows.len(), 2, "{by_channel:?}");

        // Cancelled: nothing was sold, its channel's row goes and the totals are the other's.
        app.post(&format!("/api/v1/orders/{}/transitions", dropped.id))
            .as_(owner)
            .json(&json!({ "to": "cancelled" }))
            .send()
            .await
            .expect(200);
        lines_when(&app, &shop, dropped.id, true).await;
        let kept_margin = lines_when(&app, &shop, kept.id, false).await;
        let by_channel = report(&app, &shop, "channel").await;
        assert_eq!(by_channel.rows.len(), 1, "{by_channel:?}");
        assert_eq!(by_channel.rows[0].key, shop.channel);
        assert_eq!(Some(&by_channel.totals[0]), kept_margin.total.as_ref());

        // By product within one channel reads the lines themselves: the same figures.
        let path = format!(
            "/api/v1/finance/margins?by=product&channel_id={}",
            shop.channel
        );
        let from_lines: MarginReport = app.get(&path).as_(owner).returns(200).await;
        assert_eq!(from_lines.rows, report(&app, &shop, "product").await.rows);

        // Summed again from scratch, every roll-up is what the rows kept.
        let kept_rows = every_roll_up(&app, &shop).await;
        let txn = api::db::begin_tenant(app.db(), owner.tenant_id.into(), api::db::Access::Write)
            .await
            .unwrap();
        api::finance::service::margins::days::rebuild(&txn)
            .await
            .unwrap();
        txn.commit().await.unwrap();
        assert_eq!(every_roll_up(&app, &shop).await, kept_rows);
    }
);

/// The order's margin once its lines are there (or gone, when `gone`).
async fn lines_when(app: &TestApp, shop: &Shop, order: uuid::Uuid, gone: bool) -> OrderMarginOut {
    let path = format!("/api/v1/finance/orders/{order}/margin");
    for _ in 0..200 {
        let margin: OrderMarginOut = app.get(&path).as_(&shop.owner).returns(200).await;
        if margin.lines.is_empty() == gone {
            return margin;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the margin of {order} never came as expected");
}
