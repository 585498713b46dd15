//! Store A's resources, made through the API for the isolation test: one fresh resource per
//! operation (a call that succeeds may delete or move it), chosen by the operation's path.

use serde_json::{Value, json};
use uuid::Uuid;

use super::spec::Operation;
use crate::harness::TestApp;
use crate::orders::{Shop, new_customer};

/// What a resource is, by the documented path up to and including its first parameter.
const FIXTURES: &[(&str, Fixture)] = &[
    ("/api/v1/api-keys/{id}", Fixture::ApiKey),
    ("/api/v1/catalog/channels/{id}", Fixture::Channel),
    ("/api/v1/catalog/products/{id}", Fixture::Product),
    ("/api/v1/catalog/suppliers/{id}", Fixture::Supplier),
    (
        "/api/v1/catalog/variants/by-barcode/{code}",
        Fixture::Barcode,
    ),
    ("/api/v1/catalog/variants/{id}", Fixture::Variant),
    ("/api/v1/customers/{id}", Fixture::Customer),
    ("/api/v1/emails/{id}", Fixture::Email),
    ("/api/v1/inventory/levels/{id}", Fixture::Level),
    ("/api/v1/inventory/locations/{id}", Fixture::Location),
    (
        "/api/v1/inventory/purchase-orders/{id}",
        Fixture::PurchaseOrder,
    ),
    ("/api/v1/inventory/reservations/{id}", Fixture::Reservation),
    ("/api/v1/invitations/{id}", Fixture::Invitation),
    ("/api/v1/mail/templates/{kind}", Fixture::Template),
    ("/api/v1/members/{id}", Fixture::Member),
    ("/api/v1/orders/{id}", Fixture::Order),
];

#[derive(Debug, Clone, Copy)]
pub enum Fixture {
    ApiKey,
    Channel,
    Product,
    Supplier,
    Barcode,
    Variant,
    Customer,
    Email,
    Level,
    Location,
    PurchaseOrder,
    Reservation,
    Invitation,
    Template,
    Member,
    Order,
}

/// A resource of A made for one operation: its path's values, and the body to send when the
/// document's example names ids that must be A's (else the example is sent).
pub struct Target {
    pub params: Vec<(&'static str, String)>,
    pub body: Option<Value>,
}

impl Target {
    fn id(id: String) -> Target {
        Target::params(vec![("id", id)])
    }

    fn params(params: Vec<(&'static str, String)>) -> Target {
        Target { params, body: None }
    }
}

impl Fixture {
    /// The fixture of a documented path; `None` when no prefix of the table matches.
    pub fn of(path: &str) -> Option<Fixture> {
        FIXTURES
            .iter()
            .find(|(prefix, _)| path == *prefix || path.starts_with(&format!("{prefix}/")))
            .map(|(_, fixture)| *fixture)
    }

    /// Makes one in A (`shop`'s store), for `operation`.
    pub async fn create(self, app: &TestApp, shop: &Shop, operation: &Operation) -> Target {
        let name = unique();
        let post = |path: &'static str, body: Value| created(app, shop, path, body);
        match self {
            Fixture::ApiKey => {
                let key = post(
                    "/api/v1/api-keys",
                    json!({ "name": name, "scopes": ["tenant:read"] }),
                );
                Target::id(id_of(&key.await["api_key"]))
            }
            Fixture::Channel => {
                let channel = json!({ "name": name, "kind": "marketplace" });
                Target::id(id_of(&post("/api/v1/catalog/channels", channel).await))
            }
            Fixture::Product => product(app, shop, operation, &name).await,
            Fixture::Supplier => {
                let supplier = app.create_supplier(&shop.owner, &name, 7).await;
                let variant = crate::catalog::create_variant(app, &shop.owner, &name, &name).await;
                Target::params(vec![("id", supplier), ("variant_id", variant)])
            }
            Fixture::Barcode => {
                let code = ean13(&name);
                let mut body = crate::catalog::product_body(&name, &name);
                body["variants"][0]["barcode"] = json!(code);
                post("/api/v1/catalog/products", body).await;
                Target::params(vec![("code", code)])
            }
            Fixture::Variant => variant(app, shop, operation, &name).await,
            Fixture::Customer => {
                let customer = new_customer(&format!("Cliente {name}"), "pt-BR");
                Target::id(id_of(
                    &post("/api/v1/customers", customer["new"].clone()).await,
                ))
            }
            Fixture::Email => Target::id(sent_email(app, shop, &name).await),
            Fixture::Level => {
                let variant = shop.stocked_variant(app, &name, "10.00", 3).await;
                Target::id(id_of(&shop.level(app, &variant).await))
            }
            Fixture::Location => Target::id(app.create_location(&shop.owner, &name).await),
            Fixture::PurchaseOrder => purchase_order(app, shop, operation, &name).await,
            Fixture::Reservation => {
                let variant = shop.stocked_variant(app, &name, "10.00", 3).await;
                let hold =
                    json!({ "variant_id": variant, "location_id": shop.location, "quantity": 1 });
                Target::id(id_of(&post("/api/v1/inventory/reservations", hold).await))
            }
            Fixture::Invitation => {
                let invitation =
                    json!({ "email": format!("{name}@example.com"), "role": "viewer" });
                Target::id(id_of(&post("/api/v1/invitations", invitation).await))
            }
            Fixture::Template => template(app, shop).await,
            Fixture::Member => Target::id(member(app, shop, &name).await),
            Fixture::Order => {
                let variant = shop.stocked_variant(app, &name, "45.50", 5).await;
                let body = shop.order_body(
                    new_customer(&format!("Cliente {name}"), "pt-BR"),
                    json!([{ "variant_id": variant, "quantity": 1 }]),
                );
                Target::id(id_of(&shop.place(app, &name, &body).await.expect(201).body))
            }
        }
    }
}

/// A product; its update names one of A's channels.
async fn product(app: &TestApp, shop: &Shop, operation: &Operation, name: &str) -> Target {
    let body = crate::catalog::product_body(name, name);
    let mut target = Target::id(id_of(
        &created(app, shop, "/api/v1/catalog/products", body).await,
    ));
    if operation.id == "catalog.product.update" {
        target.body = Some(json!({ "name": name, "channel_ids": [shop.channel] }));
    }
    target
}

/// A new staff member of A; the id of their membership.
async fn member(app: &TestApp, shop: &Shop, name: &str) -> String {
    let owner = &shop.owner;
    let member = app
        .add_member(owner, &format!("Membro {name}"), "staff")
        .await;
    let members = app
        .get("/api/v1/members?limit=200")
        .as_(owner)
        .send()
        .await
        .expect(200);
    let items = members.body["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let row = items
        .iter()
        .find(|m| m["user_id"] == member.user_id.to_string());
    id_of(row.expect("the new member in A's list"))
}

/// A variant; for setting components, the body names two other variants of A.
async fn variant(app: &TestApp, shop: &Shop, operation: &Operation, name: &str) -> Target {
    let mut target = Target::id(crate::catalog::create_variant(app, &shop.owner, name, name).await);
    if operation.id == "catalog.variant.set_components" {
        let mut components = Vec::new();
        for part in ["A", "B"] {
            let sku = format!("{name}-{part}");
            let component = crate::catalog::create_variant(app, &shop.owner, &sku, &sku).await;
            components.push(json!({ "component_variant_id": component, "quantity": 1 }));
        }
        target.body = Some(json!({ "components": components }));
    }
    target
}

/// A draft purchase order of one line (sent, for a receipt, which names that line).
async fn purchase_order(app: &TestApp, shop: &Shop, operation: &Operation, name: &str) -> Target {
    let supplier = app.create_supplier(&shop.owner, name, 7).await;
    let variant = crate::catalog::create_variant(app, &shop.owner, name, name).await;
    let body = json!({ "supplier_id": supplier, "location_id": shop.location,
        "lines": [{ "variant_id": variant, "quantity": 20 }] });
    let order = created(app, shop, "/api/v1/inventory/purchase-orders", body).await;
    let id = id_of(&order);
    if operation.id == "inventory.purchase_order.receive" {
        let send = app.post(&format!("/api/v1/inventory/purchase-orders/{id}/send"));
        send.as_(&shop.owner).send().await.expect(200);
    }
    let line = id_of(&order["lines"][0]);
    Target {
        params: vec![("id", id)],
        body: Some(json!({ "lines": [{ "line_id": line, "quantity": 1 }] })),
    }
}

/// A's own template of the order confirmation in pt-BR, so A has a row of its own there.
async fn template(app: &TestApp, shop: &Shop) -> Target {
    app.call(
        reqwest::Method::PUT,
        "/api/v1/mail/templates/order_confirmation/pt-BR",
    )
    .as_(&shop.owner)
    .json(&json!({
        "subject": "Pedido {{ order.reference }} da loja A",
        "text": "Total: {{ order.total }}",
        "html": "<p>Total: {{ order.total }}</p>",
    }))
    .send()
    .await
    .expect(200);
    Target {
        params: vec![
            ("kind", "order_confirmation".into()),
            ("locale", "pt-BR".into()),
        ],
        body: None,
    }
}

/// The confirmation of a paid order, once the outbox worker has sent it (so its row no longer
/// changes under the test).
async fn sent_email(app: &TestApp, shop: &Shop, name: &str) -> String {
    let order = crate::mail::paid_order(app, shop, &format!("Cliente {name}"), "pt-BR").await;
    for _ in 0..200 {
        let query = format!("?kind=order_confirmation&reference_id={}", id_of(&order));
        let emails = crate::mail::emails(app, &shop.owner, &query).await;
        let sent = emails
            .iter()
            .find(|e| e["status"] == "sent" && e["reference_id"] == order["id"]);
        if let Some(email) = sent {
            return id_of(email);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the confirmation of order {} was not sent", order["id"]);
}

/// POSTs `body` to `path` as A's owner, expecting 201; the created resource.
async fn created(app: &TestApp, shop: &Shop, path: &str, body: Value) -> Value {
    app.post(path)
        .as_(&shop.owner)
        .json(&body)
        .send()
        .await
        .expect(201)
        .body
}

fn id_of(resource: &Value) -> String {
    resource["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {resource:#}"))
        .to_owned()
}

/// A name unique in the run, usable as a SKU and a location code.
fn unique() -> String {
    format!("ISO-{}", &Uuid::new_v4().simple().to_string()[..10]).to_uppercase()
}

/// An EAN-13 made from the digits of `name`'s hash, with its check digit.
fn ean13(name: &str) -> String {
    let seed = name
        .bytes()
        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    let body = format!("789{:09}", seed % 1_000_000_000);
    let sum: u32 = body
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { d })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}
