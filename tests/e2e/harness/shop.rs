//! A store ready to sell: its owner, a warehouse and a web channel, and what tests do with it
//! (stock a variant, place an order, pay, read a level).
//!
//! The typed methods (`variant`, `order_in`, `place_ok`, `read`, `stock`) are what tests use.
//! The `Value` ones (`stocked_variant`, `order_body`, `level`) serve the tests that
//! build requests from the spec (isolation, tenant tables), which have no types to use.

use std::fmt::Display;

use openapi::Page;
use openapi::catalog::ChannelKind;
use openapi::inventory::StockLevelOut;
use openapi::orders::{OrderCustomerIn, OrderIn, OrderLineIn, OrderOut, PaymentIn, PaymentMethod};
use openapi::tenancy::Locale;
use serde::Serialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::TestApp;
use super::client::{Reply, Session};
use super::fixtures::{CPF, address_in, money, new_buyer, product_in, uuid, variant_in};

pub struct Shop {
    pub owner: Session,
    pub location: String,
    pub channel: String,
}

/// Signs up a store called after `name` with a warehouse `CD1` and a web channel.
pub async fn open_shop(app: &TestApp, name: &str) -> Shop {
    let owner = app.signup(name).await;
    let location = app.new_location(&owner, "CD1").await.id.to_string();
    let channel = app
        .new_channel(&owner, "Loja virtual", ChannelKind::Web)
        .await
        .id
        .to_string();
    Shop {
        owner,
        location,
        channel,
    }
}

impl Shop {
    pub fn location_id(&self) -> Uuid {
        uuid(&self.location)
    }

    pub fn channel_id(&self) -> Uuid {
        uuid(&self.channel)
    }

    /// A one-variant product with this price and units on hand at `CD1`; the variant's id.
    pub async fn variant(&self, app: &TestApp, sku: &str, price: &str, units: i64) -> Uuid {
        let product = product_in(&format!("Produto {sku}"), vec![variant_in(sku, price)]);
        let created = app.new_product(&self.owner, &product).await;
        let variant = created.variants[0].id;
        if units > 0 {
            app.add_stock(&self.owner, variant, self.location_id(), units)
                .await;
        }
        variant
    }

    /// An order of these lines on the web channel, shipped to the usual address.
    pub fn order_in(&self, customer: OrderCustomerIn, lines: Vec<OrderLineIn>) -> OrderIn {
        OrderIn {
            customer,
            channel_id: self.channel_id(),
            lines,
            shipping_address: address_in(),
            shipping_fee: None,
            discount: None,
            note: None,
            shipping_service_id: None,
            on_terms: None,
        }
    }

    /// Places an order with this `Idempotency-Key`.
    pub async fn place(&self, app: &TestApp, key: &str, body: &(impl Serialize + ?Sized)) -> Reply {
        app.post("/api/v1/orders")
            .as_(&self.owner)
            .header("Idempotency-Key", key)
            .json(body)
            .send()
            .await
    }

    /// Places an order that must be accepted.
    pub async fn place_ok(&self, app: &TestApp, key: &str, order: &OrderIn) -> OrderOut {
        self.place(app, key, order).await.expect(201).parse()
    }

    /// Places `count` orders at once, each for a new customer with `lines(i)`: their statuses.
    pub async fn place_at_once(
        &self,
        app: &TestApp,
        key: &str,
        count: usize,
        lines: impl Fn(usize) -> Vec<OrderLineIn>,
    ) -> Vec<u16> {
        let attempts = (0..count).map(|i| {
            let body = self.order_in(new_buyer(&format!("Cliente {i}"), Locale::PtBr), lines(i));
            async move { self.place(app, &format!("{key}-{i}"), &body).await.status }
        });
        futures_util::future::join_all(attempts).await
    }

    /// The numbers of the store's orders (up to 200), smallest first.
    pub async fn order_numbers(&self, app: &TestApp) -> Vec<i64> {
        let page: Page<OrderOut> = app
            .get("/api/v1/orders?limit=200")
            .as_(&self.owner)
            .returns(200)
            .await;
        let mut numbers: Vec<i64> = page.items.iter().map(|o| o.number).collect();
        numbers.sort();
        numbers
    }

    /// The variant's level at `CD1`.
    pub async fn stock(&self, app: &TestApp, variant: impl Display) -> StockLevelOut {
        app.stock_level(&self.owner, variant, &self.location)
            .await
            .unwrap_or_else(|| panic!("no level at {}", self.location))
    }

    /// Records a pix payment with this gateway reference.
    pub async fn pay(
        &self,
        app: &TestApp,
        order: impl Display,
        amount: &str,
        reference: &str,
    ) -> Reply {
        let payment = PaymentIn {
            method: PaymentMethod::Pix,
            amount: money(amount),
            reference: Some(reference.into()),
            paid_at: None,
        };
        app.post(&format!("/api/v1/orders/{order}/payments"))
            .as_(&self.owner)
            .json(&payment)
            .send()
            .await
    }

    pub async fn read(&self, app: &TestApp, order: impl Display) -> OrderOut {
        app.get(&format!("/api/v1/orders/{order}"))
            .as_(&self.owner)
            .returns(200)
            .await
    }

    /// [`Shop::variant`] with the id as text.
    pub async fn stocked_variant(
        &self,
        app: &TestApp,
        sku: &str,
        price: &str,
        units: i64,
    ) -> String {
        self.variant(app, sku, price, units).await.to_string()
    }

    /// [`Shop::order_in`] as JSON.
    pub fn order_body(&self, customer: Value, lines: Value) -> Value {
        json!({
            "customer": customer,
            "channel_id": self.channel,
            "lines": lines,
            "shipping_address": address(),
        })
    }

    /// [`Shop::stock`] as JSON.
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
}

/// [`address_in`] as JSON.
pub fn address() -> Value {
    json!(address_in())
}

/// [`new_buyer`] as JSON.
pub fn new_customer(name: &str, locale: &str) -> Value {
    json!({ "new": {
        "name": name,
        "email": format!("{}@example.com.br", name.to_lowercase().replace(' ', ".")),
        "tax_id": CPF,
        "locale": locale,
        "addresses": [address()],
    }})
}
