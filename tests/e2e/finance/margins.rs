//! Contribution margin through the API: a paid order's lines carry their price, their share of
//! the discounts, the channel's commission and the payment fee of the store's settings and
//! their cost at sale; shipping's cost comes in when the order ships, a refund comes off; the
//! roll-ups by channel, supplier, product and day add up to the sum worked out by hand.

use openapi::Page;
use openapi::catalog::{ChannelKind, ChannelOut, VariantOut};
use openapi::finance::{MarginReport, OrderMarginOut};
use openapi::orders::{OrderLineIn, OrderOut, PaymentMethod, PaymentOut};
use openapi::tenancy::Locale;
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::fixtures::{money, new_buyer, product_in, supplier_in, variant_in};
use crate::harness::shop::{Shop, open_shop};
use crate::logistics::{correios, new_carrier, new_service};

/// A one-variant product of this price and cost, 10 units on hand; the variant's id.
pub(super) async fn costed(app: &TestApp, shop: &Shop, sku: &str, price: &str, cost: &str) -> Uuid {
    let mut variant = variant_in(sku, price);
    variant.cost = Some(money(cost));
    let product = product_in(&format!("Produto {sku}"), vec![variant]);
    let id = app.new_product(&shop.owner, &product).await.variants[0].id;
    app.add_stock(&shop.owner, id, shop.location_id(), 10).await;
    id
}

/// The order's margin once its lines have one, and `ready` says it is as expected.
async fn margin_when(
    app: &TestApp,
    shop: &Shop,
    order: Uuid,
    ready: impl Fn(&OrderMarginOut) -> bool,
) -> OrderMarginOut {
    let path = format!("/api/v1/finance/orders/{order}/margin");
    for _ in 0..200 {
        let margin: OrderMarginOut = app.get(&path).as_(&shop.owner).returns(200).await;
        if !margin.lines.is_empty() && ready(&margin) {
            return margin;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the margin of {order} never came as expected");
}

pub(super) async fn report(app: &TestApp, shop: &Shop, by: &str) -> MarginReport {
    let path = format!("/api/v1/finance/margins?by={by}");
    app.get(&path).as_(&shop.owner).returns(200).await
}

pub(super) async fn place_and_pay(
    app: &TestApp,
    shop: &Shop,
    key: &str,
    order: &openapi::orders::OrderIn,
) -> OrderOut {
    let placed = shop.place_ok(app, key, order).await;
    shop.pay(
        app,
        placed.id,
        &placed.total.to_string(),
        &format!("pix-{key}"),
    )
    .await
    .expect(201);
    placed
}

/// Picks, packs and ships the order's one fulfilment at this cost.
async fn ship(app: &TestApp, shop: &Shop, order: Uuid, cost: &str) {
    let path = format!("/api/v1/logistics/fulfilments?order_id={order}");
    let fulfilment: Value = app.first_when_made(&shop.owner, &path).await;
    let base = format!(
        "/api/v1/logistics/fulfilments/{}",
        fulfilment["id"].as_str().unwrap_or_default()
    );
    app.post(&format!("{base}/pick"))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    let packed: Value = app
        .post(&format!("{base}/pack"))
        .as_(&shop.owner)
        .json(&json!({ "packages": [{ "weight_grams": 500, "length_mm": 200, "width_mm": 150, "height_mm": 100 }] }))
        .returns(200)
        .await;
    let shipment = packed["shipments"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    app.post(&format!("/api/v1/logistics/shipments/{shipment}/ship"))
        .as_(&shop.owner)
        .json(&json!({ "tracking_code": "MG000000001BR", "cost": cost }))
        .send()
        .await
        .expect(200);
}

pub(super) fn line_of(variant: Uuid, quantity: i64, discount: Option<&str>) -> OrderLineIn {
    OrderLineIn {
        variant_id: variant,
        quantity,
        unit_price: None,
        discount: discount.map(money),
    }
}

db_test!(
    a_lines_margin_is_its_price_less_every_charge_and_the_roll_ups_add_up_to_the_cent,
    |app| {
        let shop = open_shop(&app, "Loja Margem").await;
        let owner = &shop.owner;
        let market = app
            .new_channel(owner, "Marketplace", ChannelKind::Marketplace)
            .await;
        let shirt = costed(&app, &shop, "MG-A", "100.00", "37.45").await;
        let cap = costed(&app, &shop, "MG-B", "50.00", "12.10").await;
        let maker = app
            .new_supplier(owner, &supplier_in("Malharia Sul", 10))
            .await;
        app.call(
            Method::PUT,
            &format!("/api/v1/catalog/suppliers/{}/variants/{shirt}", maker.id),
        )
        .as_(owner)
        .json(&json!({ "cost": "37.00" }))
        .send()
        .await
        .expect(200);
        let carrier = new_carrier(&app, owner, &correios()).await;
        let sedex = new_service(&app, owner, &carrier, "SEDEX").await;

        // Fees the store pays: wrong ones are refused, naming the field.
        let fees = |channel: Value| {
            json!({
                "due_on_working_days": false,
                "channel_fees": channel,
                "payment_fees": [{ "method": "pix", "fee": { "percent": "0.99", "fixed": "0" } }],
            })
        };
        let twice = json!([
            { "channel_id": market.id, "fee": { "percent": "16", "fixed": "5.00" } },
            { "channel_id": market.id, "fee": { "percent": "12", "fixed": "0" } },
        ]);
        let unknown =
            json!([{ "channel_id": Uuid::now_v7(), "fee": { "percent": "16", "fixed": "5.00" } }]);
        let too_much =
            json!([{ "channel_id": market.id, "fee": { "percent": "100.5", "fixed": "0" } }]);
        for (body, code) in [
            (twice, "finance/duplicate-fee"),
            (unknown, "finance/unknown-channel"),
            (too_much, "request/validation"),
        ] {
            app.call(Method::PUT, "/api/v1/finance/settings")
                .as_(owner)
                .json(&fees(body))
                .send()
                .await
                .problem(422, code);
        }
        let ok = json!([{ "channel_id": market.id, "fee": { "percent": "16", "fixed": "5.00" } }]);
        let settings: Value = app
            .call(Method::PUT, "/api/v1/finance/settings")
            .as_(owner)
            .json(&fees(ok))
            .returns(200)
            .await;
        assert_eq!(settings["channel_fees"][0]["fee"]["percent"], "16");

        // On the marketplace: 2 shirts less 10.00, a cap, 14.00 off the order, 20.00 shipping.
        let mut sold = shop.order_in(
            new_buyer("Cliente Margem", Locale::PtBr),
            vec![line_of(shirt, 2, Some("10.00")), line_of(cap, 1, None)],
        );
        sold.channel_id = market.id;
        sold.discount = Some(money("14.00"));
        sold.shipping_fee = Some(money("20.00"));
        sold.shipping_service_id = Some(sedex.id);
        let first = place_and_pay(&app, &shop, "mg-1", &sold).await;
        assert_eq!(first.total, money("246.00"));
        let margin = margin_when(&app, &shop, first.id, |_| true).await;
        let [shirts, caps] = &margin.lines[..] else {
            panic!("two lines: {margin:?}");
        };
        // 14.00 shared 190 : 50, the odd cent to the larger remainder.
        assert_eq!(shirts.amounts.discounts, money("21.08"));
        assert_eq!(caps.amounts.discounts, money("2.92"));
        assert_eq!(shirts.amounts.cost, money("74.90"));
        assert_eq!(shirts.supplier_id, Some(maker.id));
        assert_eq!(caps.supplier_id, None);
        let total = margin.total.clone().unwrap_or_else(|| panic!("a total"));
        // 16 % of 226.00 plus 5.00; 0.99 % of 246.00; nothing shipped yet.
        assert_eq!(total.commission, money("41.16"));
        assert_eq!(total.payment_fees, money("2.44"));
        assert_eq!(total.freight, money("0.00"));
        assert_eq!(
            shirts.amounts.commission + caps.amounts.commission,
            money("41.16")
        );

        // Shipped at 23.50 against 20.00 charged: 3.50 of freight comes off.
        ship(&app, &shop, first.id, "23.50").await;
        let margin = margin_when(&app, &shop, first.id, |m| {
            m.total.as_ref().is_some_and(|t| t.freight == money("3.50"))
        })
        .await;
        let by_hand = money("250.00")
            - money("24.00")
            - money("41.16")
            - money("2.44")
            - money("3.50")
            - money("87.00");
        let first_margin = margin.total.map(|t| t.margin).unwrap_or_default();
        assert_eq!(first_margin, by_hand);
        let lines: Decimal = margin.lines.iter().map(|l| l.amounts.margin).sum();
        assert_eq!(lines, by_hand, "the lines add up to the order");

        // On the web store, no commission; 30.00 of it refunded.
        let second = shop.order_in(
            new_buyer("Outra Cliente", Locale::PtBr),
            vec![line_of(shirt, 1, None)],
        );
        let second = place_and_pay(&app, &shop, "mg-2", &second).await;
        margin_when(&app, &shop, second.id, |_| true).await;
        app.post(&format!("/api/v1/orders/{}/refunds", second.id))
            .as_(owner)
            .json(&json!({ "amount": "30.00", "reason": "Desconto depois da venda" }))
            .send()
            .await
            .expect(201);
        let margin = margin_when(&app, &shop, second.id, |m| {
            m.total
                .as_ref()
                .is_some_and(|t| t.credited == money("30.00"))
        })
        .await;
        let second_margin = money("100.00") - money("0.99") - money("37.45") - money("30.00");
        assert_eq!(margin.total.map(|t| t.margin), Some(second_margin));

        // The roll-ups: every grouping adds up to the same total.
        let everything = first_margin + second_margin;
        let by_channel = report(&app, &shop, "channel").await;
        let names: Vec<(&str, Decimal)> = by_channel
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.amounts.margin))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Marketplace", first_margin),
                ("Loja virtual", second_margin)
            ]
        );
        assert_eq!(by_channel.totals[0].margin, everything);
        for by in ["supplier", "product", "day", "month"] {
            let grouped = report(&app, &shop, by).await;
            let sum: Decimal = grouped.rows.iter().map(|r| r.amounts.margin).sum();
            assert_eq!(sum, everything, "by {by}");
        }
        let by_supplier = report(&app, &shop, "supplier").await;
        let malharia = by_supplier.rows.iter().find(|r| r.name == "Malharia Sul");
        assert_eq!(malharia.map(|r| r.lines), Some(2), "the two shirt lines");

        let csv =
            crate::harness::fixtures::download(&app, owner, "/api/v1/finance/margins/export").await;
        let total_row = csv
            .lines()
            .find(|l| l.starts_with("TOTAL"))
            .unwrap_or_default();
        assert!(total_row.contains(&format!(",{everything},")), "{csv}");
        let summary: Value = app
            .get("/api/v1/finance/summary")
            .as_(owner)
            .returns(200)
            .await;
        assert_eq!(
            summary["margin_this_month"]["margin"],
            everything.to_string()
        );
    }
);

/// Half-even to the cent.
fn cents(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointNearestEven)
}

/// The demo's marketplace margin over its month, worked out by hand from each order's lines,
/// discounts, the marketplace's commission (16 % plus 5.00), the gateways' fees and the
/// variants' costs (freight and what was given back read from the order's margin), equals
/// the roll-up's row to the cent.
pub async fn demo_marketplace_by_hand(app: &TestApp, token: &str) {
    let get = |path: String| app.get(&path).token(token);
    let channels: Page<ChannelOut> = get("/api/v1/catalog/channels".into()).returns(200).await;
    let market = channels
        .items
        .iter()
        .find(|c| c.name == "Mercado Livre")
        .map(|c| c.id);
    let market = market.unwrap_or_else(|| panic!("the demo's marketplace"));
    let today = (chrono::Utc::now() - chrono::Duration::hours(3)).date_naive();
    let from = today - chrono::Duration::days(40);
    let path = format!("/api/v1/finance/margins?by=channel&from={from}&to={today}");
    let report: MarginReport = get(path).returns(200).await;
    let row = report.rows.iter().find(|r| r.key == market.to_string());
    let reported = row
        .map(|r| r.amounts.margin)
        .unwrap_or_else(|| panic!("{report:?}"));
    let path = format!("/api/v1/orders?channel_id={market}&limit=200");
    let orders: Page<OrderOut> = get(path).returns(200).await;
    let (mut by_hand, mut counted) = (Decimal::ZERO, 0);
    for order in &orders.items {
        let margin: OrderMarginOut = get(format!("/api/v1/finance/orders/{}/margin", order.id))
            .returns(200)
            .await;
        let Some(total) = margin.total else { continue };
        let price: Decimal = order
            .lines
            .iter()
            .map(|l| l.unit_price * Decimal::from(l.quantity))
            .sum();
        let discounts = order.discount + order.lines.iter().map(|l| l.discount).sum::<Decimal>();
        let commission = cents((order.subtotal - order.discount) * money("0.16") + money("5.00"));
        let payments: Vec<PaymentOut> = get(format!("/api/v1/orders/{}/payments", order.id))
            .returns(200)
            .await;
        let fee: Decimal = payments
            .iter()
            .filter(|p| p.kind == "payment")
            .map(|p| match p.method {
                Some(PaymentMethod::Card) => cents(p.amount * money("0.0399") + money("0.39")),
                Some(PaymentMethod::Pix) => cents(p.amount * money("0.0099")),
                Some(PaymentMethod::Boleto) => money("3.49"),
                _ => Decimal::ZERO,
            })
            .sum();
        let mut cost = Decimal::ZERO;
        for line in &order.lines {
            let variant: VariantOut = get(format!("/api/v1/catalog/variants/{}", line.variant_id))
                .returns(200)
                .await;
            cost += cents(variant.average_cost * Decimal::from(line.quantity));
        }
        assert_eq!(
            (
                total.price,
                total.discounts,
                total.commission,
                total.payment_fees,
                total.cost
            ),
            (price, discounts, commission, fee, cost),
            "order {}",
            order.number
        );
        by_hand += price - discounts - commission - fee - total.freight - cost - total.credited
            + total.returned_cost;
        counted += 1;
    }
    assert!(counted >= 5, "{counted} marketplace orders with a margin");
    assert_eq!(reported, by_hand);
}
