//! A careful client of a server that may vanish: each request sent again, with the same
//! `Idempotency-Key` (and payment reference), until the server answers it.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::client::PASSWORD;

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    token: String,
    channel: String,
    variant: String,
    location: String,
}

impl Client {
    /// Signs up a store with a location, a channel and one variant with stock for `orders`.
    pub async fn open_shop(base: &str, orders: usize) -> Client {
        let mut client = Client {
            http: reqwest::Client::new(),
            base: base.to_owned(),
            token: String::new(),
            channel: String::new(),
            variant: String::new(),
            location: String::new(),
        };
        let signup = client
            .send_until_done(
                "/api/v1/signup",
                "crash-signup",
                &json!({
                "store_name": "Loja Queda", "owner_name": "Queda",
                "email": "queda@crash.example", "password": PASSWORD }),
            )
            .await;
        client.token = signup["tokens"]["access_token"]
            .as_str()
            .unwrap()
            .to_owned();
        let location = json!({ "name": "Depósito", "code": "CD1", "kind": "warehouse" });
        client.location = client
            .id_of("/api/v1/inventory/locations", "crash-location", &location)
            .await;
        let channel = json!({ "name": "Loja virtual", "kind": "web" });
        client.channel = client
            .id_of("/api/v1/catalog/channels", "crash-channel", &channel)
            .await;
        let product = json!({ "name": "Produto Queda",
            "variants": [{ "sku": "QUEDA-1", "price": "19.90", "cost": "5.00" }] });
        let product = client
            .send_until_done("/api/v1/catalog/products", "crash-product", &product)
            .await;
        client.variant = product["variants"][0]["id"].as_str().unwrap().to_owned();
        let stock = json!({ "variant_id": client.variant, "location_id": client.location,
            "quantity": orders * 2, "reason": "initial" });
        client
            .send_until_done("/api/v1/inventory/adjustments", "crash-stock", &stock)
            .await;
        client
    }

    async fn id_of(&self, path: &str, key: &str, body: &Value) -> String {
        self.send_until_done(path, key, body).await["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub fn order_body(&self, email: &str, i: usize) -> Value {
        json!({
            "customer": { "new": { "name": format!("Cliente {i}"), "email": email,
                "tax_id": crate::orders::CPF, "locale": "pt-BR",
                "addresses": [crate::orders::address()] } },
            "channel_id": self.channel,
            "lines": [{ "variant_id": self.variant, "quantity": 1 + i % 2 }],
            "shipping_address": crate::orders::address(),
        })
    }

    /// POSTs `body` until the server answers 200 or 201 (the body); a vanished server, a 503
    /// or a request still running elsewhere (409) is tried again after a pause.
    pub async fn send_until_done(&self, path: &str, key: &str, body: &Value) -> Value {
        for _ in 0..600 {
            let reply = self
                .http
                .post(format!("{}{path}", self.base))
                .bearer_auth(&self.token)
                .header("Idempotency-Key", key)
                .json(body)
                .timeout(Duration::from_secs(30))
                .send()
                .await;
            if let Ok(reply) = reply {
                let status = reply.status().as_u16();
                let text = reply.text().await.unwrap_or_default();
                match status {
                    200 | 201 => return serde_json::from_str(&text).unwrap(),
                    409 | 502 | 503 => {}
                    _ => panic!("POST {path} answered {status}: {text}"),
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("POST {path} never went through");
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        let reply = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        let status = reply.status().as_u16();
        (status, reply.json().await.unwrap_or(Value::Null))
    }

    /// How many of the acknowledged orders are missing or not paid.
    pub async fn missing_or_unpaid(&self, paid: &[(String, String)]) -> usize {
        let mut lost = 0;
        for (id, _) in paid {
            let (status, order) = self.get(&format!("/api/v1/orders/{id}")).await;
            if status != 200 || order["status"] != "paid" {
                lost += 1;
            }
        }
        lost
    }

    /// Waits until the outbox has nothing left to do (a minute at most).
    pub async fn wait_for_outbox(&self) {
        for _ in 0..600 {
            let (status, ready) = self.get("/health/ready").await;
            if status == 200 && ready["outbox"]["pending"] == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the outbox never drained");
    }

    pub async fn assert_levels_equal_ledger(&self) {
        let (_, levels) = self
            .get(&format!(
                "/api/v1/inventory/levels?variant_id={}",
                self.variant
            ))
            .await;
        let level = &levels["items"][0];
        let mut sums = [0i64; 4];
        let base = format!(
            "/api/v1/inventory/movements?variant_id={}&limit=200",
            self.variant
        );
        let mut path = base.clone();
        loop {
            let (_, page) = self.get(&path).await;
            for movement in page["items"].as_array().unwrap() {
                for (sum, field) in sums.iter_mut().zip([
                    "on_hand_delta",
                    "reserved_delta",
                    "unsellable_delta",
                    "incoming_delta",
                ]) {
                    *sum += movement[field].as_i64().unwrap();
                }
            }
            match page["next_cursor"].as_str() {
                Some(cursor) => path = format!("{base}&cursor={cursor}"),
                None => break,
            }
        }
        let quantities =
            ["on_hand", "reserved", "unsellable", "incoming"].map(|f| level[f].as_i64().unwrap());
        assert_eq!(quantities, sums, "level {level:#} vs ledger {sums:?}");
    }
}
