//! Returns (RMA) through the API: the windows, quantities, approval, inspection with restock
//! and set-aside (the level equals the ledger), refunds within what was paid, exchanges, rates,
//! and another store's returns out of reach.

use chrono::{Duration, Utc};
use openapi::logistics::{ReturnOut, ReturnRateOut, ReturnStatus};
use openapi::orders::{OrderOut, OrderStatus};
use openapi::tenancy::Locale;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use entity::closed_sets::OrderEventKind;
use entity::order_event;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::fixtures::{line, money, new_buyer};
use crate::harness::ledger::assert_level_equals_ledger;
use crate::harness::shop::{Shop, open_shop};
use crate::orders::move_order;

/// An order of these lines placed, paid in full, and moved by hand to `delivered`.
pub async fn delivered(
    app: &TestApp,
    shop: &Shop,
    key: &str,
    lines: Vec<openapi::orders::OrderLineIn>,
    discount: Option<&str>,
    locale: Locale,
) -> OrderOut {
    let mut order = shop.order_in(new_buyer(&format!("Cliente {key}"), locale), lines);
    order.shipping_fee = Some(money("20.00"));
    order.discount = discount.map(money);
    let placed = shop.place_ok(app, key, &order).await;
    shop.pay(
        app,
        placed.id,
        &placed.total.to_string(),
        &format!("pix-{key}"),
    )
    .await
    .expect(201);
    for to in [
        OrderStatus::Fulfilling,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
    ] {
        move_order(app, &shop.owner, placed.id, to)
            .await
            .expect(200);
    }
    shop.read(app, placed.id).await
}

/// Moves the order's delivery `days` into the past.
pub async fn delivered_days_ago(app: &TestApp, shop: &Shop, order: Uuid, days: i64) {
    let txn = api::db::begin_tenant(
        app.db(),
        shop.owner.tenant_id.into(),
        api::db::Access::Write,
    )
    .await
    .unwrap();
    txn.update_many::<order_event::Entity>()
        .col_expr(
            order_event::Column::At,
            Expr::value(Utc::now() - Duration::days(days)),
        )
        .filter(order_event::Column::OrderId.eq(order))
        .filter(order_event::Column::Kind.eq(OrderEventKind::Delivered))
        .exec(&txn)
        .await
        .unwrap();
    txn.commit().await.unwrap();
}

pub fn return_body(order: &OrderOut, lines: &[(usize, i64, &str)]) -> Value {
    let lines: Vec<Value> = lines
        .iter()
        .map(|(i, quantity, reason)| {
            json!({ "order_line_id": order.lines[*i].id, "quantity": quantity, "reason": reason })
        })
        .collect();
    json!({ "order_id": order.id, "lines": lines })
}

pub async fn request(app: &TestApp, shop: &Shop, body: &Value) -> ReturnOut {
    app.post("/api/v1/logistics/returns")
        .as_(&shop.owner)
        .json(body)
        .returns(201)
        .await
}

pub async fn act(
    app: &TestApp,
    shop: &Shop,
    ret: &ReturnOut,
    action: &str,
    body: Value,
) -> ReturnOut {
    app.post(&format!("/api/v1/logistics/returns/{}/{action}", ret.id))
        .as_(&shop.owner)
        .json(&body)
        .returns(200)
        .await
}

/// The order's last returnable unit (the second pants) back as a defect, refunded: the order
/// is then refunded in full.
async fn refund_the_rest(app: &TestApp, shop: &Shop, order: &OrderOut) -> ReturnOut {
    let rest = request(app, shop, &return_body(order, &[(1, 1, "defective")])).await;
    assert_eq!(
        rest.credit,
        money("45.00"),
        "shipping was refunded once already"
    );
    let rest = approve(app, shop, &rest).await;
    let rest = inspect(app, shop, &rest, &[(1, 0)]).await;
    let rest = act(app, shop, &rest, "resolve", refund()).await;
    assert_eq!(rest.refunded, Some(money("45.00")));
    let after = shop.read(app, order.id).await;
    assert_eq!(after.refunded, money("290.00"));
    assert_eq!(after.status, OrderStatus::Refunded);
    rest
}

fn refund() -> Value {
    json!({ "resolution": "refund" })
}

pub async fn approve(app: &TestApp, shop: &Shop, ret: &ReturnOut) -> ReturnOut {
    let body = json!({ "authorization_code": "AP123BR", "instructions": "Poste nos Correios" });
    act(app, shop, ret, "approve", body).await
}

/// Receives the return: line `i` with `(restock, unsellable)` of `units[i]`, at `CD1`.
pub async fn inspect(
    app: &TestApp,
    shop: &Shop,
    ret: &ReturnOut,
    units: &[(i64, i64)],
) -> ReturnOut {
    let lines: Vec<Value> = ret
        .lines
        .iter()
        .zip(units)
        .map(|(line, (restock, unsellable))| {
            json!({ "line_id": line.id, "location_id": shop.location_id(),
                    "restock": restock, "unsellable": unsellable })
        })
        .collect();
    act(app, shop, ret, "receive", json!({ "lines": lines })).await
}

db_test!(
    a_regret_return_on_day_8_is_refused_with_the_date_the_window_closed,
    |app| {
        let shop = open_shop(&app, "Loja Prazo").await;
        let shirt = shop.variant(&app, "CAM-P", "100.00", 10).await;
        let order = delivered(&app, &shop, "d8", vec![line(shirt, 2)], None, Locale::PtBr).await;

        delivered_days_ago(&app, &shop, order.id, 8).await;
        let refused = app
            .post("/api/v1/logistics/returns")
            .as_(&shop.owner)
            .json(&return_body(&order, &[(0, 1, "regret")]))
            .send()
            .await
            .problem(422, "returns/window-closed");
        // The store's time zone is São Paulo's (UTC−3): delivered on its day, closed 7 days on.
        let brasilia = chrono::FixedOffset::west_opt(3 * 3600).unwrap();
        let closed = ((Utc::now() - Duration::days(8))
            .with_timezone(&brasilia)
            .date_naive()
            + Duration::days(7))
        .to_string();
        let detail = refused.problem_doc().detail.unwrap_or_default();
        assert!(detail.contains(&closed), "{detail} names {closed}");

        // A defect is still within its 90 days; a manager may override the regret window.
        request(&app, &shop, &return_body(&order, &[(0, 1, "defective")])).await;
        let staff = app.add_member(&shop.owner, "Rita", "staff").await;
        let mut overridden = return_body(&order, &[(0, 1, "regret")]);
        overridden["override_reason"] = json!("Cliente viajou");
        app.post("/api/v1/logistics/returns")
            .as_(&staff)
            .json(&overridden)
            .send()
            .await
            .problem(403, "auth/forbidden");
        let ok = request(&app, &shop, &overridden).await;
        assert_eq!(ok.override_reason.as_deref(), Some("Cliente viajou"));
        let audit = app.audit_of(&shop.owner, "return", ok.id).await;
        let audit = serde_json::to_string(&audit).unwrap();
        assert!(audit.contains("Cliente viajou"), "{audit}");

        // Nothing is left to return now; on day 7 a regret return would have been accepted.
        app.post("/api/v1/logistics/returns")
            .as_(&shop.owner)
            .json(&return_body(&order, &[(0, 1, "defective")]))
            .send()
            .await
            .problem(422, "returns/over-quantity");
        let other = delivered(&app, &shop, "d7", vec![line(shirt, 1)], None, Locale::PtBr).await;
        delivered_days_ago(&app, &shop, other.id, 7).await;
        request(&app, &shop, &return_body(&other, &[(0, 1, "regret")])).await;
    }
);

db_test!(
    quantities_over_what_was_delivered_and_undelivered_orders_are_refused,
    |app| {
        let shop = open_shop(&app, "Loja Quantidade").await;
        let mug = shop.variant(&app, "CAN-1", "30.00", 10).await;
        let order = delivered(&app, &shop, "q", vec![line(mug, 2)], None, Locale::PtBr).await;
        app.post("/api/v1/logistics/returns")
            .as_(&shop.owner)
            .json(&return_body(&order, &[(0, 3, "damaged")]))
            .send()
            .await
            .problem(422, "returns/over-quantity");
        app.post("/api/v1/logistics/returns")
            .as_(&shop.owner)
            .json(&return_body(&order, &[(0, 1, "no_such_reason")]))
            .send()
            .await
            .problem(422, "returns/unknown-reason");
        let first = request(&app, &shop, &return_body(&order, &[(0, 1, "damaged")])).await;
        act(
            &app,
            &shop,
            &first,
            "decline",
            json!({ "reason": "Sem defeito" }),
        )
        .await;
        // A declined return gives its units back to what may be returned.
        request(&app, &shop, &return_body(&order, &[(0, 2, "damaged")])).await;

        let placed = shop
            .place_ok(
                &app,
                "not-delivered",
                &shop.order_in(new_buyer("Outro", Locale::PtBr), vec![line(mug, 1)]),
            )
            .await;
        let mut body = return_body(&placed, &[(0, 1, "damaged")]);
        body["order_id"] = json!(placed.id);
        app.post("/api/v1/logistics/returns")
            .as_(&shop.owner)
            .json(&body)
            .send()
            .await
            .problem(409, "returns/not-delivered");
    }
);

db_test!(
    a_defect_return_is_approved_received_restocked_set_aside_and_refunded_within_what_was_paid,
    |app| {
        let shop = open_shop(&app, "Loja Defeito").await;
        let shirt = shop.variant(&app, "CAM-M", "100.00", 10).await;
        let pants = shop.variant(&app, "CAL-M", "50.00", 10).await;
        // 200 + 100 = 300, less 30 (10 %), plus 20 shipping: 290 paid.
        let lines = vec![line(shirt, 2), line(pants, 2)];
        let order = delivered(&app, &shop, "def", lines, Some("30.00"), Locale::PtBr).await;
        assert_eq!(order.paid, money("290.00"));
        let body = return_body(&order, &[(0, 2, "defective"), (1, 1, "regret")]);
        let requested = request(&app, &shop, &body).await;
        // 2 × 100 × 0.9 + 1 × 50 × 0.9 = 225, and shipping for a defect: 245.
        assert_eq!(requested.credit, money("245.00"));
        assert_eq!(requested.status, ReturnStatus::Requested);

        let approved = approve(&app, &shop, &requested).await;
        assert_eq!(approved.authorization_code.as_deref(), Some("AP123BR"));
        app.post(&format!(
            "/api/v1/logistics/returns/{}/approve",
            approved.id
        ))
        .as_(&shop.owner)
        .json(&json!({ "authorization_code": "X", "instructions": "Y" }))
        .send()
        .await
        .problem(409, "returns/wrong-state");

        let location = shop.location_id();
        let mismatch = json!({ "lines": [
            { "line_id": approved.lines[0].id, "location_id": location, "restock": 1, "unsellable": 0 },
        ] });
        app.post(&format!(
            "/api/v1/logistics/returns/{}/receive",
            approved.id
        ))
        .as_(&shop.owner)
        .json(&mismatch)
        .send()
        .await
        .problem(422, "returns/inspection-mismatch");
        let received = inspect(&app, &shop, &approved, &[(1, 1), (1, 0)]).await;
        assert_eq!(received.status, ReturnStatus::Received);
        let level = shop.stock(&app, shirt).await;
        assert_eq!((level.on_hand, level.unsellable), (10, 1));
        assert_level_equals_ledger(&app, &shop.owner, shirt, location).await;
        assert_level_equals_ledger(&app, &shop.owner, pants, location).await;

        let resolved = act(&app, &shop, &received, "resolve", refund()).await;
        assert_eq!(resolved.refunded, Some(money("245.00")));
        let after = shop.read(&app, order.id).await;
        assert_eq!(after.refunded, money("245.00"));
        assert!(after.refunded <= after.paid);
        let statuses: Vec<ReturnStatus> = resolved.timeline.iter().map(|e| e.status).collect();
        use ReturnStatus::*;
        assert_eq!(statuses, [Requested, Approved, Received, Resolved]);
        insta::assert_json_snapshot!("return_resolved", resolved, {
            ".id" => "[id]", ".order_id" => "[id]", ".created_at" => "[time]",
            ".lines[].id" => "[id]", ".lines[].order_line_id" => "[id]",
            ".lines[].variant_id" => "[id]", ".lines[].location_id" => "[id]",
            ".timeline[].at" => "[time]", ".timeline[].actor_id" => "[id]",
        });

        // The rest can come back too, but never refund more than was paid.
        let rest = refund_the_rest(&app, &shop, &order).await;
        let events = app.audit_of(&shop.owner, "return", rest.id).await;
        let events = serde_json::to_string(&events).unwrap();
        assert!(events.contains("\"resolved\""), "{events}");
        let rates: Vec<ReturnRateOut> = app
            .get("/api/v1/logistics/returns/rates?by=reason")
            .as_(&shop.owner)
            .returns(200)
            .await;
        let by_reason: Vec<(&str, i64)> =
            rates.iter().map(|r| (r.key.as_str(), r.returned)).collect();
        assert_eq!(by_reason, [("defective", 3), ("regret", 1)]);
    }
);
