//! Orders through the API: totals, stock, verification holds, the state machine, payments.

use serde_json::{Value, json};

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;

/// A store ready to sell: a warehouse, a channel, and variants with stock.
pub struct Shop {
    pub owner: Session,
    pub location: String,
    pub channel: String,
}

pub const CPF: &str = "529.982.247-25";

pub async fn open_shop(app: &TestApp, name: &str) -> Shop {
    let owner = app.signup(name).await;
    let location = app.create_location(&owner, "CD1").await;
    let channel = app
        .post("/api/v1/catalog/channels")
        .as_(&owner)
        .json(&json!({ "name": "Loja virtual", "kind": "web" }))
        .send()
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    Shop {
        owner,
        location,
        channel,
    }
}

impl Shop {
    /// A variant with this price and units on hand; its id.
    pub async fn stocked_variant(
        &self,
        app: &TestApp,
        sku: &str,
        price: &str,
        units: i64,
    ) -> String {
        let reply = app
            .post("/api/v1/catalog/products")
            .as_(&self.owner)
            .json(&json!({
                "name": format!("Produto {sku}"),
                "variants": [{ "sku": sku, "price": price, "cost": "1.00" }],
            }))
            .send()
            .await
            .expect(201);
        let variant = reply.body["variants"][0]["id"].as_str().unwrap().to_owned();
        if units > 0 {
            app.post("/api/v1/inventory/adjustments")
                .as_(&self.owner)
                .json(
                    &json!({ "variant_id": variant, "location_id": self.location,
                               "quantity": units, "reason": "initial" }),
                )
                .send()
                .await
                .expect(200);
        }
        variant
    }

    pub fn order_body(&self, customer: Value, lines: Value) -> Value {
        json!({
            "customer": customer,
            "channel_id": self.channel,
            "lines": lines,
            "shipping_address": address(),
        })
    }

    pub async fn place(
        &self,
        app: &TestApp,
        key: &str,
        body: &Value,
    ) -> crate::harness::client::Reply {
        app.post("/api/v1/orders")
            .as_(&self.owner)
            .header("Idempotency-Key", key)
            .json(body)
            .send()
            .await
    }

    /// Places `count` orders at once, each for a new customer with `lines(i)`: their statuses.
    pub async fn place_at_once(
        &self,
        app: &TestApp,
        key: &str,
        count: usize,
        lines: impl Fn(usize) -> Value,
    ) -> Vec<u16> {
        let attempts = (0..count).map(|i| {
            let body = self.order_body(new_customer(&format!("Cliente {i}"), "pt-BR"), lines(i));
            async move { self.place(app, &format!("{key}-{i}"), &body).await.status }
        });
        futures_util::future::join_all(attempts).await
    }

    /// The numbers of the store's orders (up to 200), smallest first.
    pub async fn order_numbers(&self, app: &TestApp) -> Vec<i64> {
        let page = app
            .get("/api/v1/orders?limit=200")
            .as_(&self.owner)
            .send()
            .await
            .expect(200);
        let mut numbers: Vec<i64> = page.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["number"].as_i64().unwrap())
            .collect();
        numbers.sort();
        numbers
    }

    pub async fn level(&self, app: &TestApp, variant: &str) -> Value {
        app.get(&format!(
            "/api/v1/inventory/levels?variant_id={variant}&location_id={}",
            self.location
        ))
        .as_(&self.owner)
        .send()
        .await
        .expect(200)
        .body["items"][0]
            .clone()
    }

    pub async fn pay(
        &self,
        app: &TestApp,
        order: &str,
        amount: &str,
        reference: &str,
    ) -> crate::harness::client::Reply {
        app.post(&format!("/api/v1/orders/{order}/payments"))
            .as_(&self.owner)
            .json(&json!({ "method": "pix", "amount": amount, "reference": reference }))
            .send()
            .await
    }

    pub async fn order(&self, app: &TestApp, order: &str) -> Value {
        app.get(&format!("/api/v1/orders/{order}"))
            .as_(&self.owner)
            .send()
            .await
            .expect(200)
            .body
    }
}

pub fn address() -> Value {
    json!({
        "street": "Avenida Paulista", "number": "1578", "district": "Bela Vista",
        "city": "São Paulo", "state": "SP", "postal_code": "01310-200", "country": "BR",
    })
}

pub fn new_customer(name: &str, locale: &str) -> Value {
    json!({ "new": {
        "name": name,
        "email": format!("{}@example.com.br", name.to_lowercase().replace(' ', ".")),
        "tax_id": CPF,
        "locale": locale,
        "addresses": [address()],
    }})
}

fn id(reply: &Value) -> String {
    reply["id"].as_str().unwrap().to_owned()
}

db_test!(an_order_gets_server_totals_and_reserves_its_stock, |app| {
    let shop = open_shop(&app, "Olga").await;
    let shirt = shop.stocked_variant(&app, "CAM-1", "59.90", 10).await;
    let mug = shop.stocked_variant(&app, "CANECA", "0.125", 5).await;
    let mut body = shop.order_body(
        new_customer("Ana Souza", "pt-BR"),
        json!([
            { "variant_id": shirt, "quantity": 3, "discount": "9.70" },
            { "variant_id": mug, "quantity": 1 },
        ]),
    );
    body["shipping_fee"] = json!("19.90");
    body["discount"] = json!("5.005");
    let placed = shop.place(&app, "order-1", &body).await.expect(201);
    let order = &placed.body;
    assert_eq!(order["status"], "pending_payment");
    assert_eq!(order["reference"], "#1001");
    assert_eq!(order["lines"][0]["total"], "170.00");
    assert_eq!(order["lines"][1]["total"], "0.12");
    assert_eq!(order["subtotal"], "170.12");
    assert_eq!(order["discount"], "5.00");
    assert_eq!(order["total"], "185.02");
    assert_eq!(order["balance_due"], "185.02");
    assert_eq!(
        order["allowed_transitions"],
        json!(["on_hold", "cancelled"])
    );
    insta::assert_json_snapshot!("order_placed", order, {
        ".id" => "[id]", ".customer_id" => "[id]", ".channel_id" => "[id]",
        ".lines[].id" => "[id]", ".lines[].variant_id" => "[id]", ".lines[].location_id" => "[id]",
        ".created_at" => "[time]",
    });
    let level = shop.level(&app, &shirt).await;
    assert_eq!(
        (level["on_hand"].as_i64(), level["reserved"].as_i64()),
        (Some(10), Some(3))
    );
    let audited = app
        .get(&format!(
            "/api/v1/audit-events?entity_type=order&entity_id={}",
            id(order)
        ))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(audited.body["items"][0]["action"], "order.place");
    assert_eq!(
        audited.body["items"][0]["changes"]["after"],
        json!({ "number": 1001, "status": "pending_payment", "total": "185.02", "lines": 2 })
    );

    // The same key replays the same order; the next order is #1002.
    let again = shop.place(&app, "order-1", &body).await.expect(201);
    assert_eq!(again.body["id"], order["id"]);
    let next = shop
        .place(
            &app,
            "order-2",
            &shop.order_body(
                json!({ "id": order["customer_id"] }),
                json!([{ "variant_id": mug, "quantity": 2 }]),
            ),
        )
        .await
        .expect(201);
    assert_eq!(next.body["number"], 1002);
    assert_eq!(shop.level(&app, &shirt).await["reserved"], 3);
});

db_test!(
    lines_of_one_variant_are_held_where_each_fits_when_one_place_cannot_give_all,
    |app| {
        let shop = open_shop(&app, "Odete").await;
        let bowl = shop.stocked_variant(&app, "TIGELA", "12.00", 3).await;
        let second = app.create_location(&shop.owner, "CD2").await;
        app.post("/api/v1/inventory/adjustments")
            .as_(&shop.owner)
            .json(&json!({ "variant_id": bowl, "location_id": second,
                           "quantity": 2, "reason": "initial" }))
            .send()
            .await
            .expect(200);
        // Both lines would rather take CD1, which has the most; it can give only one of them.
        let lines = json!([
            { "variant_id": bowl, "quantity": 2 },
            { "variant_id": bowl, "quantity": 2 },
        ]);
        let placed = shop
            .place(
                &app,
                "two-places",
                &shop.order_body(new_customer("Lia", "pt-BR"), lines),
            )
            .await
            .expect(201);
        let mut places: Vec<&str> = placed.body["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|line| line["location_id"].as_str().unwrap())
            .collect();
        places.sort();
        let mut expected = vec![shop.location.as_str(), second.as_str()];
        expected.sort();
        assert_eq!(places, expected);
        assert_eq!(shop.level(&app, &bowl).await["reserved"], 2);
        let more = json!([{ "variant_id": bowl, "quantity": 2 }]);
        let short = shop
            .place(
                &app,
                "too-many",
                &shop.order_body(new_customer("Lia", "pt-BR"), more),
            )
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(short.body["shortages"][0]["available"], 1);
    }
);

db_test!(
    two_lines_of_one_variant_at_its_one_place_are_held_one_after_the_other,
    |app| {
        let shop = open_shop(&app, "Olga").await;
        let cup = shop.stocked_variant(&app, "XICARA", "8.00", 5).await;
        // Both lines change the same level: together they may not take more than it has.
        let too_many = json!([
            { "variant_id": cup, "quantity": 3 },
            { "variant_id": cup, "quantity": 3 },
        ]);
        let short = shop
            .place(
                &app,
                "six",
                &shop.order_body(new_customer("Ana", "pt-BR"), too_many),
            )
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(short.body["shortages"][0]["sku"], "XICARA");
        assert_eq!(shop.level(&app, &cup).await["reserved"], 0);
        let fits = json!([
            { "variant_id": cup, "quantity": 3 },
            { "variant_id": cup, "quantity": 2 },
        ]);
        shop.place(
            &app,
            "five",
            &shop.order_body(new_customer("Bia", "pt-BR"), fits),
        )
        .await
        .expect(201);
        let level = shop.level(&app, &cup).await;
        assert_eq!(
            (level["on_hand"].as_i64(), level["reserved"].as_i64()),
            (Some(5), Some(5))
        );
    }
);

db_test!(order_input_is_checked_before_anything_is_written, |app| {
    let shop = open_shop(&app, "Paula").await;
    let shirt = shop.stocked_variant(&app, "CAM-2", "50.00", 10).await;
    let lines = json!([{ "variant_id": shirt, "quantity": 1 }]);
    let mut body = shop.order_body(new_customer("Bia", "pt-BR"), lines.clone());
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

    let body = shop.order_body(new_customer("Bia", "pt-BR"), lines.clone());
    app.post("/api/v1/orders")
        .as_(&shop.owner)
        .json(&body)
        .send()
        .await
        .problem(422, "request/validation");

    let mut body = shop.order_body(new_customer("Bia", "pt-BR"), lines.clone());
    body["customer"]["new"]["tax_id"] = json!("123.456.789-00");
    let refused = shop
        .place(&app, "k2", &body)
        .await
        .problem(422, "request/validation");
    assert_eq!(
        refused.error_fields(),
        vec!["customer.new.tax_id"],
        "{:#}",
        refused.body
    );

    let mut body = shop.order_body(new_customer("Bia", "pt-BR"), lines.clone());
    body["discount"] = json!("60");
    let refused = shop
        .place(&app, "k3", &body)
        .await
        .problem(422, "request/validation");
    assert_eq!(refused.error_fields(), vec!["discount"]);

    let body = shop.order_body(json!({}), lines);
    let refused = shop
        .place(&app, "k4", &body)
        .await
        .problem(422, "request/validation");
    assert_eq!(refused.error_fields(), vec!["customer"]);

    let customers = app
        .get("/api/v1/customers")
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(customers.body["items"], json!([]));
    assert_eq!(shop.level(&app, &shirt).await["reserved"], 0);
});

db_test!(
    an_order_short_of_stock_names_every_sku_and_holds_nothing,
    |app| {
        let shop = open_shop(&app, "Quiteria").await;
        let plenty = shop.stocked_variant(&app, "MUITO", "10.00", 50).await;
        let few = shop.stocked_variant(&app, "POUCO", "10.00", 2).await;
        let none = shop.stocked_variant(&app, "NADA", "10.00", 0).await;
        let body = shop.order_body(
            new_customer("Caio", "pt-BR"),
            json!([
                { "variant_id": plenty, "quantity": 5 },
                { "variant_id": few, "quantity": 3 },
                { "variant_id": none, "quantity": 1 },
            ]),
        );
        let refused = shop
            .place(&app, "short", &body)
            .await
            .problem(409, "inventory/insufficient-stock");
        let shortages: Vec<(String, i64)> = refused.body["shortages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["sku"].as_str().unwrap().to_owned(),
                    s["available"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            shortages,
            vec![("POUCO".to_owned(), 2), ("NADA".to_owned(), 0)]
        );
        assert_eq!(shop.level(&app, &plenty).await["reserved"], 0);
    }
);

db_test!(payments_add_up_to_paid_and_sell_the_stock, |app| {
    let shop = open_shop(&app, "Rita").await;
    let shirt = shop.stocked_variant(&app, "CAM-3", "100.00", 10).await;
    let placed = shop
        .place(
            &app,
            "o",
            &shop.order_body(
                new_customer("Davi", "en"),
                json!([{ "variant_id": shirt, "quantity": 2 }]),
            ),
        )
        .await
        .expect(201);
    let order = id(&placed.body);

    let first = shop.pay(&app, &order, "50.00", "pix-1").await.expect(201);
    assert_eq!(shop.order(&app, &order).await["status"], "pending_payment");
    // A gateway notifying twice: the same answer, nothing added.
    let repeat = shop.pay(&app, &order, "50.00", "pix-1").await.expect(201);
    assert_eq!(repeat.body, first.body);
    assert_eq!(shop.order(&app, &order).await["paid"], "50.00");
    let over = shop
        .pay(&app, &order, "150.01", "pix-2")
        .await
        .problem(409, "orders/overpayment");
    assert!(
        over.body["detail"].as_str().unwrap().contains("150.00"),
        "{:#}",
        over.body
    );

    shop.pay(&app, &order, "150.00", "pix-3").await.expect(201);
    let paid = shop.order(&app, &order).await;
    assert_eq!(paid["status"], "paid");
    assert_eq!(paid["balance_due"], "0.00");
    assert_eq!(
        paid["allowed_transitions"],
        json!(["fulfilling", "cancelled"])
    );
    let level = shop.level(&app, &shirt).await;
    assert_eq!(
        (level["on_hand"].as_i64(), level["reserved"].as_i64()),
        (Some(8), Some(0))
    );
    shop.pay(&app, &order, "1.00", "pix-4")
        .await
        .problem(409, "orders/not-payable");

    // Another order cannot take a reference already used.
    let other = shop
        .place(
            &app,
            "o2",
            &shop.order_body(
                json!({ "id": paid["customer_id"] }),
                json!([{ "variant_id": shirt, "quantity": 1 }]),
            ),
        )
        .await
        .expect(201);
    shop.pay(&app, &id(&other.body), "10.00", "pix-1")
        .await
        .problem(409, "orders/payment-reference-taken");

    // A refund retried with its Idempotency-Key happens once.
    for _ in 0..2 {
        app.post(&format!("/api/v1/orders/{order}/refunds"))
            .as_(&shop.owner)
            .header("Idempotency-Key", "refund-1")
            .json(&json!({ "amount": "10.00", "reason": "Brinde não enviado" }))
            .send()
            .await
            .expect(201);
    }
    assert_eq!(shop.order(&app, &order).await["refunded"], "10.00");
    let payments = app
        .get(&format!("/api/v1/orders/{order}/payments"))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(payments.body.as_array().unwrap().len(), 3);
    let customer = app
        .get(&format!(
            "/api/v1/customers/{}",
            paid["customer_id"].as_str().unwrap()
        ))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(customer.body["orders_count"], 2);
    assert_eq!(
        customer.body["lifetime_value"],
        json!([{ "currency": "BRL", "amount": "190.00" }])
    );
    // The customer's order history, and finding an order by its number.
    let history = app
        .get(&format!(
            "/api/v1/orders?customer_id={}",
            paid["customer_id"].as_str().unwrap()
        ))
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(history.body["items"].as_array().unwrap().len(), 2);
    let found = app
        .get("/api/v1/orders?q=%231001")
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(found.body["items"][0]["id"], paid["id"]);
    // A move based on a stale read is refused.
    app.post(&format!("/api/v1/orders/{order}/transitions"))
        .as_(&shop.owner)
        .header("If-Match", "\"1\"")
        .json(&json!({ "to": "fulfilling" }))
        .send()
        .await
        .problem(412, "request/stale");
});

db_test!(
    the_state_machine_refuses_illegal_moves_and_keeps_a_timeline,
    |app| {
        let shop = open_shop(&app, "Sara").await;
        let shirt = shop.stocked_variant(&app, "CAM-4", "30.00", 10).await;
        let placed = shop
            .place(
                &app,
                "o",
                &shop.order_body(
                    new_customer("Eva", "pt-BR"),
                    json!([{ "variant_id": shirt, "quantity": 1 }]),
                ),
            )
            .await
            .expect(201);
        let order = id(&placed.body);
        let move_to = |to: &'static str| {
            let app = &app;
            let shop = &shop;
            let order = order.clone();
            async move {
                app.post(&format!("/api/v1/orders/{order}/transitions"))
                    .as_(&shop.owner)
                    .json(&json!({ "to": to }))
                    .send()
                    .await
            }
        };
        let refused = move_to("shipped")
            .await
            .problem(409, "orders/illegal-transition");
        let detail = refused.body["detail"].as_str().unwrap();
        assert!(
            detail.contains("pending_payment") && detail.contains("on_hold, cancelled"),
            "{detail}"
        );
        move_to("paid")
            .await
            .problem(409, "orders/illegal-transition");

        shop.pay(&app, &order, "30.00", "p1").await.expect(201);
        for to in ["fulfilling", "shipped", "delivered", "completed"] {
            let moved = move_to(to).await.expect(200);
            assert_eq!(moved.body["status"], to);
        }
        move_to("cancelled")
            .await
            .problem(409, "orders/illegal-transition");

        let timeline = app
            .get(&format!("/api/v1/orders/{order}/timeline"))
            .as_(&shop.owner)
            .send()
            .await
            .expect(200);
        let kinds: Vec<&str> = timeline
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            [
                "placed",
                "payment",
                "paid",
                "fulfilling",
                "shipped",
                "delivered",
                "completed"
            ]
        );
        assert_eq!(timeline.body[1]["message"], "Pagamento de R$ 30,00 (pix).");

        let viewer = app.add_member(&shop.owner, "Vera", "viewer").await;
        app.post(&format!("/api/v1/orders/{order}/transitions"))
            .as_(&viewer)
            .json(&json!({ "to": "cancelled" }))
            .send()
            .await
            .problem(403, "auth/forbidden");
    }
);

db_test!(
    cancelling_gives_stock_back_and_refunds_what_was_paid,
    |app| {
        let shop = open_shop(&app, "Tania").await;
        let shirt = shop.stocked_variant(&app, "CAM-5", "40.00", 10).await;
        let lines = json!([{ "variant_id": shirt, "quantity": 3 }]);
        let unpaid = shop
            .place(
                &app,
                "a",
                &shop.order_body(new_customer("Gil", "pt-BR"), lines.clone()),
            )
            .await
            .expect(201);
        let customer = json!({ "id": unpaid.body["customer_id"] });
        let paid = shop
            .place(
                &app,
                "b",
                &shop.order_body(customer, json!([{ "variant_id": shirt, "quantity": 2 }])),
            )
            .await
            .expect(201);
        let (unpaid, paid) = (id(&unpaid.body), id(&paid.body));
        shop.pay(&app, &paid, "80.00", "pay-b").await.expect(201);
        let level = shop.level(&app, &shirt).await;
        assert_eq!(
            (level["on_hand"].as_i64(), level["reserved"].as_i64()),
            (Some(8), Some(3))
        );

        for order in [&unpaid, &paid] {
            app.post(&format!("/api/v1/orders/{order}/transitions"))
                .as_(&shop.owner)
                .json(&json!({ "to": "cancelled", "reason": "Cliente desistiu." }))
                .send()
                .await
                .expect(200);
        }
        let level = shop.level(&app, &shirt).await;
        assert_eq!(
            (level["on_hand"].as_i64(), level["reserved"].as_i64()),
            (Some(10), Some(0))
        );
        crate::inventory::assert_level_equals_ledger(&app, &shop.owner, &shirt, &shop.location)
            .await;
        let cancelled = shop.order(&app, &paid).await;
        assert_eq!(
            (cancelled["status"].as_str(), cancelled["refunded"].as_str()),
            (Some("cancelled"), Some("80.00"))
        );
        let payments = app
            .get(&format!("/api/v1/orders/{paid}/payments"))
            .as_(&shop.owner)
            .send()
            .await
            .expect(200);
        assert_eq!(payments.body[1]["kind"], "refund");
        assert_eq!(payments.body[1]["amount"], "80.00");
        app.post(&format!("/api/v1/orders/{paid}/refunds"))
            .as_(&shop.owner)
            .json(&json!({ "amount": "0.01" }))
            .send()
            .await
            .problem(409, "orders/not-refundable");
    }
);

db_test!(a_suspicious_order_waits_on_hold_with_its_reasons, |app| {
    let shop = open_shop(&app, "Ursula").await;
    let tv = shop.stocked_variant(&app, "TV-55", "3999.00", 5).await;
    app.call(reqwest::Method::PUT, "/api/v1/order-settings")
        .as_(&shop.owner)
        .json(&json!({ "first_order_hold_above": "1000.00", "staff_emails": ["ops@loja.example.com"] }))
        .send()
        .await
        .expect(200);
    let mut body = shop.order_body(
        json!({ "new": { "name": "Hugo", "email": "hugo@localhost" } }),
        json!([{ "variant_id": tv, "quantity": 1 }]),
    );
    body["shipping_address"]["postal_code"] = json!("1234");
    let held = shop.place(&app, "h", &body).await.expect(201);
    assert_eq!(held.body["status"], "on_hold");
    let checks: Vec<&str> = held.body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["check"].as_str().unwrap())
        .collect();
    assert_eq!(checks, ["tax_id", "address", "email", "first_order_value"]);
    assert_eq!(
        held.body["findings"][3]["message"],
        "Primeiro pedido de um cliente novo, de R$ 3.999,00, acima do limite de R$ 1.000,00."
    );
    assert_eq!(shop.level(&app, &tv).await["reserved"], 1);

    let list = app
        .get("/api/v1/orders?status=on_hold")
        .as_(&shop.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    // Paid in full while held: stays held; releasing makes it paid.
    let order = id(&held.body);
    shop.pay(&app, &order, "3999.00", "ted-1").await.expect(201);
    assert_eq!(shop.order(&app, &order).await["status"], "on_hold");
    let released = app
        .post(&format!("/api/v1/orders/{order}/transitions"))
        .as_(&shop.owner)
        .json(&json!({ "to": "pending_payment" }))
        .send()
        .await
        .expect(200);
    assert_eq!(released.body["status"], "paid");
    assert_eq!(shop.level(&app, &tv).await["on_hand"], 4);

    // The same customer's next order, as large, is no longer a first order.
    let customer = json!({ "id": held.body["customer_id"] });
    let next = shop
        .place(
            &app,
            "h2",
            &shop.order_body(customer, json!([{ "variant_id": tv, "quantity": 2 }])),
        )
        .await
        .expect(201);
    let checks: Vec<&str> = next.body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["check"].as_str().unwrap())
        .collect();
    assert_eq!(checks, ["tax_id", "email"]);
});

db_test!(
    the_same_lines_again_within_minutes_look_like_a_duplicate,
    |app| {
        let shop = open_shop(&app, "Vilma").await;
        let shirt = shop.stocked_variant(&app, "CAM-6", "10.00", 10).await;
        let lines = json!([{ "variant_id": shirt, "quantity": 1 }]);
        let first = shop
            .place(
                &app,
                "1",
                &shop.order_body(new_customer("Ivo", "pt-BR"), lines.clone()),
            )
            .await
            .expect(201);
        assert_eq!(first.body["status"], "pending_payment");
        let customer = json!({ "id": first.body["customer_id"] });
        let second = shop
            .place(&app, "2", &shop.order_body(customer, lines))
            .await
            .expect(201);
        assert_eq!(second.body["status"], "on_hold");
        assert_eq!(second.body["findings"][0]["check"], "duplicate");
        assert!(
            second.body["findings"][0]["message"]
                .as_str()
                .unwrap()
                .contains("#1001")
        );
    }
);

db_test!(
    customers_are_validated_and_found_by_name_email_or_tax_id,
    |app| {
        let owner = app.signup("Wanda").await;
        let create = |body: Value| {
            let app = &app;
            let owner = &owner;
            async move {
                app.post("/api/v1/customers")
                    .as_(owner)
                    .json(&body)
                    .send()
                    .await
            }
        };
        let refused = create(json!({ "name": "X", "tax_id": "111.111.111-11" }))
            .await
            .problem(422, "request/validation");
        assert_eq!(refused.error_fields(), vec!["tax_id"]);
        let mut bad_address = address();
        bad_address["postal_code"] = json!("ABC");
        let refused = create(json!({ "name": "X", "addresses": [bad_address] }))
            .await
            .problem(422, "request/validation");
        assert_eq!(refused.error_fields(), vec!["addresses"]);
        // Outside Brazil any tax id goes.
        create(json!({ "name": "Juan Pérez", "country": "AR", "tax_id": "20-12345678-9", "locale": "es" })).await.expect(201);
        let joao = create(
            json!({ "name": "João Conceição", "email": "Joao@Example.com", "tax_id": CPF,
                              "marketing_consent": true, "tags": ["vip"] }),
        )
        .await
        .expect(201);
        assert_eq!(joao.body["email"], "joao@example.com");
        assert_eq!(joao.body["locale"], "pt-BR");
        assert!(joao.body["marketing_consent_at"].is_string());

        for q in ["joao conceicao", "JOAO@", "52998224725", "529.982"] {
            let found = app
                .get(&format!("/api/v1/customers?q={q}"))
                .as_(&owner)
                .send()
                .await
                .expect(200);
            assert_eq!(found.body["items"].as_array().unwrap().len(), 1, "{q}");
        }
        let changed = app
            .patch(&format!("/api/v1/customers/{}", id(&joao.body)))
            .as_(&owner)
            .json(&json!({ "tax_id": "000" }))
            .send()
            .await
            .problem(422, "request/validation");
        assert_eq!(changed.error_fields(), vec!["tax_id"]);
    }
);

db_test!(another_stores_orders_and_customers_are_not_found, |app| {
    let shop = open_shop(&app, "Xena").await;
    let shirt = shop.stocked_variant(&app, "CAM-7", "10.00", 10).await;
    let placed = shop
        .place(
            &app,
            "o",
            &shop.order_body(
                new_customer("Yara", "pt-BR"),
                json!([{ "variant_id": shirt, "quantity": 1 }]),
            ),
        )
        .await
        .expect(201);
    let stranger = open_shop(&app, "Zico").await;
    let order = id(&placed.body);
    for path in [
        format!("/api/v1/orders/{order}"),
        format!("/api/v1/orders/{order}/timeline"),
        format!(
            "/api/v1/customers/{}",
            placed.body["customer_id"].as_str().unwrap()
        ),
    ] {
        app.get(&path)
            .as_(&stranger.owner)
            .send()
            .await
            .problem(404, "not-found");
    }
    stranger
        .pay(&app, &order, "10.00", "x")
        .await
        .problem(404, "not-found");
    // Nor can a stranger order another store's variant.
    stranger
        .place(
            &app,
            "s",
            &stranger.order_body(
                new_customer("Zoe", "pt-BR"),
                json!([{ "variant_id": shirt, "quantity": 1 }]),
            ),
        )
        .await
        .problem(404, "not-found");
    let list = app
        .get("/api/v1/orders")
        .as_(&stranger.owner)
        .send()
        .await
        .expect(200);
    assert_eq!(list.body["items"], json!([]));
});

db_test!(
    a_hundred_concurrent_orders_for_the_last_ten_units_make_ten_orders,
    |app| {
        let shop = open_shop(&app, "Zuleica").await;
        let shirt = shop.stocked_variant(&app, "ULTIMAS", "10.00", 10).await;
        let first = shop
            .place(
                &app,
                "seed",
                &shop.order_body(
                    new_customer("Ciro", "pt-BR"),
                    json!([{ "variant_id": shirt, "quantity": 1 }]),
                ),
            )
            .await
            .expect(201);
        app.post(&format!("/api/v1/orders/{}/transitions", id(&first.body)))
            .as_(&shop.owner)
            .json(&json!({ "to": "cancelled" }))
            .send()
            .await
            .expect(200);
        let body = shop.order_body(
            json!({ "id": first.body["customer_id"] }),
            json!([{ "variant_id": shirt, "quantity": 1 }]),
        );
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
            assert_eq!(reply.body["type"], "inventory/insufficient-stock");
            assert_eq!(reply.body["shortages"][0]["sku"], "ULTIMAS");
        }
        let level = shop.level(&app, &shirt).await;
        assert_eq!(
            (level["on_hand"].as_i64(), level["reserved"].as_i64()),
            (Some(10), Some(10))
        );
        crate::inventory::assert_level_equals_ledger(&app, &shop.owner, &shirt, &shop.location)
            .await;
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
            towels.push(
                shop.stocked_variant(&app, &format!("TOALHA-{i}"), "30.00", 5)
                    .await,
            );
        }
        let statuses = shop
            .place_at_once(
                &app,
                "first",
                20,
                |i| json!([{ "variant_id": towels[i], "quantity": 1 }]),
            )
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
        let shirt = shop.stocked_variant(&app, "CAMISA-X", "10.00", 100).await;
        let cap = shop.stocked_variant(&app, "BONE-X", "5.00", 100).await;
        let statuses = shop
            .place_at_once(&app, "either", 40, |i| {
                let (first, second) = if i % 2 == 0 { (&shirt, &cap) } else { (&cap, &shirt) };
                json!([{ "variant_id": first, "quantity": 1 }, { "variant_id": second, "quantity": 1 }])
            })
            .await;
        assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
        for variant in [&shirt, &cap] {
            let level = shop.level(&app, variant).await;
            assert_eq!(level["reserved"].as_i64(), Some(40));
            crate::inventory::assert_level_equals_ledger(
                &app,
                &shop.owner,
                variant,
                &shop.location,
            )
            .await;
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
        let second = app.create_location(&shop.owner, "CD2").await;
        let mug = shop.stocked_variant(&app, "CANECA-K", "10.00", 100).await;
        let cap = shop.stocked_variant(&app, "BONE-K", "5.00", 100).await;
        let coffee = shop.stocked_variant(&app, "CAFE-K", "20.00", 100).await;
        let kit = shop.stocked_variant(&app, "KIT-K", "28.00", 0).await;
        for variant in [&mug, &cap, &coffee] {
            app.post("/api/v1/inventory/adjustments")
                .as_(&shop.owner)
                .json(&json!({ "variant_id": variant, "location_id": second,
                               "quantity": 100, "reason": "initial" }))
                .send()
                .await
                .expect(200);
        }
        app.call(
            reqwest::Method::PUT,
            &format!("/api/v1/catalog/variants/{kit}/components"),
        )
        .as_(&shop.owner)
        .json(&json!({ "components": [
            { "component_variant_id": mug, "quantity": 1 },
            { "component_variant_id": coffee, "quantity": 1 },
        ] }))
        .send()
        .await
        .expect(200);
        let statuses = shop
            .place_at_once(&app, "mixed", 40, |i| {
                let first = if i % 2 == 0 { &kit } else { &mug };
                json!([{ "variant_id": first, "quantity": 1 }, { "variant_id": cap, "quantity": 1 }])
            })
            .await;
        assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
        let reserved = |level: Value| level["reserved"].as_i64().unwrap_or(0);
        let mut total = 0;
        for variant in [&mug, &cap, &coffee] {
            for location in [&shop.location, &second] {
                let level = app
                    .get(&format!(
                        "/api/v1/inventory/levels?variant_id={variant}&location_id={location}"
                    ))
                    .as_(&shop.owner)
                    .send()
                    .await
                    .expect(200)
                    .body["items"][0]
                    .clone();
                total += reserved(level);
                crate::inventory::assert_level_equals_ledger(&app, &shop.owner, variant, location)
                    .await;
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
        let shirt = shop.stocked_variant(&app, "CAMISA-P", "10.00", 100).await;
        let cap = shop.stocked_variant(&app, "BONE-P", "5.00", 100).await;
        let mut orders = Vec::new();
        for i in 0..30 {
            let (first, second) = if i % 2 == 0 {
                (&shirt, &cap)
            } else {
                (&cap, &shirt)
            };
            let body = shop.order_body(
                new_customer(&format!("Cliente {i}"), "pt-BR"),
                json!([{ "variant_id": first, "quantity": 1 }, { "variant_id": second, "quantity": 1 }]),
            );
            let placed = shop
                .place(&app, &format!("paid-{i}"), &body)
                .await
                .expect(201);
            orders.push(id(&placed.body));
        }
        let payments = orders.iter().enumerate().map(|(i, order)| {
            let (app, shop) = (&app, &shop);
            async move { shop.pay(app, order, "15.00", &format!("PIX-{i}")).await }
        });
        let replies = futures_util::future::join_all(payments).await;
        let statuses: Vec<u16> = replies.iter().map(|r| r.status).collect();
        assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
        for variant in [&shirt, &cap] {
            let level = shop.level(&app, variant).await;
            assert_eq!(
                (level["on_hand"].as_i64(), level["reserved"].as_i64()),
                (Some(70), Some(0))
            );
            crate::inventory::assert_level_equals_ledger(
                &app,
                &shop.owner,
                variant,
                &shop.location,
            )
            .await;
        }
    }
);

db_test!(the_summary_counts_today_the_month_states_and_days, |app| {
    let shop = open_shop(&app, "Sonia").await;
    let mug = shop.stocked_variant(&app, "CANECA", "100.00", 10).await;
    let body = shop.order_body(
        new_customer("Lia", "pt-BR"),
        json!([{ "variant_id": mug, "quantity": 2 }]),
    );
    let paid = id(&shop.place(&app, "a", &body).await.expect(201).body);
    shop.pay(&app, &paid, "200.00", "pix-a").await.expect(201);
    let body = shop.order_body(
        new_customer("Noa", "pt-BR"),
        json!([{ "variant_id": mug, "quantity": 1 }]),
    );
    shop.place(&app, "b", &body).await.expect(201);
    // Another store's sales are not counted.
    let other = open_shop(&app, "Outra").await;
    let cup = other.stocked_variant(&app, "XICARA", "9.00", 5).await;
    let body = other.order_body(
        new_customer("Ivo", "pt-BR"),
        json!([{ "variant_id": cup, "quantity": 1 }]),
    );
    other.place(&app, "c", &body).await.expect(201);

    let summary = app
        .get("/api/v1/orders/summary")
        .as_(&shop.owner)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(
        summary["today"],
        json!({ "orders": 2, "revenue": "200.00" })
    );
    assert_eq!(
        summary["month"],
        json!({ "orders": 2, "revenue": "200.00" })
    );
    assert_eq!(summary["currency"], "BRL");
    let count = |status: &str| {
        summary["by_status"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["status"] == status)
            .map(|s| s["count"].as_i64().unwrap())
    };
    assert_eq!(
        (count("pending_payment"), count("paid"), count("on_hold")),
        (Some(1), Some(1), Some(0))
    );
    let days = summary["days"].as_array().unwrap();
    assert_eq!(days.len(), 14);
    assert_eq!(
        days[13],
        json!({
            "date": days[13]["date"], "orders": 2, "revenue": "200.00"
        })
    );
    assert!(days[..13].iter().all(|d| d["orders"] == 0), "{days:#?}");
});
