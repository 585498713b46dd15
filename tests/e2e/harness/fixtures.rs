//! Typed fixtures: the `openapi` request types a test starts from, and the calls that create a
//! location, a product, a channel, stock or a customer and return what the API answered.
//! A renamed field fails to compile here, not at run time in every test.

use std::fmt::Display;

use openapi::Page;
use openapi::auth::{LoginIn, SignupIn};
use openapi::catalog::{
    ChannelIn, ChannelKind, ChannelOut, KitComponentIn, KitComponentsIn, ProductIn, ProductOut,
    SupplierIn, SupplierOut, VariantIn, VariantOut,
};
use openapi::inventory::{
    AdjustmentIn, AdjustmentReason, LocationIn, LocationKind, LocationOut, StockChangeOut,
    StockLevelOut,
};
use openapi::orders::{Address, CustomerIn, CustomerOut, OrderCustomerIn, OrderLineIn};
use openapi::tenancy::Locale;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::TestApp;
use super::client::{Reply, Session};

/// A valid CPF.
pub const CPF: &str = "529.982.247-25";

/// An amount written in a test, e.g. `money("59.90")`; keeps its scale.
#[track_caller]
pub fn money(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|e| panic!("`{text}` is not an amount: {e}"))
}

/// A signup with only what is required.
pub fn signup_in(store_name: &str, owner_name: &str, email: &str, password: &str) -> SignupIn {
    SignupIn {
        store_name: store_name.into(),
        owner_name: owner_name.into(),
        email: email.into(),
        password: password.into(),
        currency: None,
        locale: None,
        timezone: None,
    }
}

/// A login to the user's oldest store.
pub fn login_in(email: &str, password: &str) -> LoginIn {
    LoginIn {
        email: email.into(),
        password: password.into(),
        tenant_id: None,
    }
}

/// A variant of this SKU and price, costing 1.00.
pub fn variant_in(sku: &str, price: &str) -> VariantIn {
    VariantIn {
        sku: sku.into(),
        barcode: None,
        options: Default::default(),
        price: money(price),
        cost: Some(money("1.00")),
        weight_grams: None,
        length_mm: None,
        width_mm: None,
        height_mm: None,
    }
}

pub fn product_in(name: &str, variants: Vec<VariantIn>) -> ProductIn {
    ProductIn {
        name: name.into(),
        description: None,
        ncm: None,
        variants,
        channel_ids: Vec::new(),
    }
}

pub fn supplier_in(name: &str, lead_time_days: i32) -> SupplierIn {
    SupplierIn {
        name: name.into(),
        tax_id: None,
        contact_name: None,
        email: None,
        phone: None,
        lead_time_days,
    }
}

/// A complete address on Avenida Paulista.
pub fn address_in() -> Address {
    Address {
        recipient: None,
        street: "Avenida Paulista".into(),
        number: "1578".into(),
        complement: None,
        district: Some("Bela Vista".into()),
        city: "São Paulo".into(),
        state: "SP".into(),
        postal_code: "01310-200".into(),
        country: "BR".into(),
    }
}

/// A customer with an email made from the name, a valid CPF and one address.
pub fn customer_in(name: &str, locale: Locale) -> CustomerIn {
    CustomerIn {
        email: Some(format!(
            "{}@example.com.br",
            name.to_lowercase().replace(' ', ".")
        )),
        tax_id: Some(CPF.into()),
        locale: Some(locale),
        addresses: vec![address_in()],
        ..bare_customer(name)
    }
}

/// A customer with nothing but a name.
pub fn bare_customer(name: &str) -> CustomerIn {
    CustomerIn {
        name: name.into(),
        email: None,
        phone: None,
        tax_id: None,
        country: None,
        locale: None,
        marketing_consent: false,
        tags: Vec::new(),
        notes: None,
        addresses: Vec::new(),
    }
}

/// An order's customer, created with the order.
pub fn new_buyer(name: &str, locale: Locale) -> OrderCustomerIn {
    OrderCustomerIn {
        id: None,
        new: Some(customer_in(name, locale)),
    }
}

/// An order's customer who already exists.
pub fn buyer(id: Uuid) -> OrderCustomerIn {
    OrderCustomerIn {
        id: Some(id),
        new: None,
    }
}

/// An order line at the catalog price.
pub fn adjustment(
    variant_id: Uuid,
    location_id: Uuid,
    quantity: i64,
    reason: AdjustmentReason,
) -> AdjustmentIn {
    AdjustmentIn {
        variant_id,
        location_id,
        quantity,
        reason,
        note: None,
    }
}

pub fn line(variant_id: Uuid, quantity: i64) -> OrderLineIn {
    OrderLineIn {
        variant_id,
        quantity,
        unit_price: None,
        discount: None,
    }
}

/// An id a fixture returned as text.
#[track_caller]
pub fn uuid(text: &str) -> Uuid {
    text.parse()
        .unwrap_or_else(|e| panic!("`{text}` is not an id: {e}"))
}

impl TestApp {
    /// A one-variant product priced 10.00 at a cost of 4.00; its variant.
    pub async fn new_variant(&self, who: &Session, name: &str, sku: &str) -> VariantOut {
        let variant = VariantIn {
            price: money("10.00"),
            cost: Some(money("4.00")),
            ..variant_in(sku, "10.00")
        };
        let product = self
            .new_product(who, &product_in(name, vec![variant]))
            .await;
        let id = product.id;
        product
            .variants
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("product {id} has no variant"))
    }

    /// Makes `kit` a kit of these (component, quantity) pairs; none makes it a variant again.
    pub async fn set_kit(&self, who: &Session, kit: Uuid, parts: &[(Uuid, i64)]) -> Reply {
        let components = parts
            .iter()
            .map(|&(component_variant_id, quantity)| KitComponentIn {
                component_variant_id,
                quantity,
            })
            .collect();
        self.call(
            reqwest::Method::PUT,
            &format!("/api/v1/catalog/variants/{kit}/components"),
        )
        .as_(who)
        .json(&KitComponentsIn { components })
        .send()
        .await
    }

    /// A warehouse with this code.
    pub async fn new_location(&self, who: &Session, code: &str) -> LocationOut {
        let location = LocationIn {
            name: format!("Depósito {code}"),
            code: code.into(),
            kind: LocationKind::Warehouse,
        };
        self.post("/api/v1/inventory/locations")
            .as_(who)
            .json(&location)
            .returns(201)
            .await
    }

    pub async fn new_product(&self, who: &Session, product: &ProductIn) -> ProductOut {
        self.post("/api/v1/catalog/products")
            .as_(who)
            .json(product)
            .returns(201)
            .await
    }

    pub async fn new_channel(&self, who: &Session, name: &str, kind: ChannelKind) -> ChannelOut {
        let channel = ChannelIn {
            name: name.into(),
            kind,
        };
        self.post("/api/v1/catalog/channels")
            .as_(who)
            .json(&channel)
            .returns(201)
            .await
    }

    pub async fn new_supplier(&self, who: &Session, supplier: &SupplierIn) -> SupplierOut {
        self.post("/api/v1/catalog/suppliers")
            .as_(who)
            .json(supplier)
            .returns(201)
            .await
    }

    pub async fn new_customer(&self, who: &Session, customer: &CustomerIn) -> CustomerOut {
        self.post("/api/v1/customers")
            .as_(who)
            .json(customer)
            .returns(201)
            .await
    }

    /// Adds (or, negative, takes) units of a variant at a location as initial stock.
    pub async fn add_stock(
        &self,
        who: &Session,
        variant_id: Uuid,
        location_id: Uuid,
        quantity: i64,
    ) -> StockChangeOut {
        let adjustment = adjustment(variant_id, location_id, quantity, AdjustmentReason::Initial);
        self.post("/api/v1/inventory/adjustments")
            .as_(who)
            .json(&adjustment)
            .returns(200)
            .await
    }

    /// The level of a variant at a location (zero everywhere when it has none yet).
    pub async fn stock_level(
        &self,
        who: &Session,
        variant: impl Display,
        location: impl Display,
    ) -> Option<StockLevelOut> {
        let path = format!("/api/v1/inventory/levels?variant_id={variant}&location_id={location}");
        let page: Page<StockLevelOut> = self.get(&path).as_(who).returns(200).await;
        page.items.into_iter().next()
    }
}

impl TestApp {
    /// The audit log of one record, newest first.
    pub async fn audit_of(
        &self,
        who: &Session,
        entity_type: &str,
        entity_id: impl Display,
    ) -> Vec<openapi::audit::AuditEventOut> {
        let path = format!("/api/v1/audit-events?entity_type={entity_type}&entity_id={entity_id}");
        let page: Page<openapi::audit::AuditEventOut> = self.get(&path).as_(who).returns(200).await;
        page.items
    }
}

impl TestApp {
    /// The first item of the list at `path` (the API's path), once there is one: what the
    /// outbox makes after a request (a paid order's fulfilment, its invoice) shows up so.
    pub async fn first_when_made<T: serde::de::DeserializeOwned>(
        &self,
        who: &Session,
        path: &str,
    ) -> T {
        for _ in 0..200 {
            let page: Page<T> = self.get(path).as_(who).returns(200).await;
            if let Some(first) = page.items.into_iter().next() {
                return first;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("nothing was made at {path}");
    }

    /// Waits (up to 60 s) until the outbox holds nothing pending: what the events of earlier
    /// writes cause (a paid order's margin, its fulfilment) is then all written.
    pub async fn outbox_drained(&self) {
        for _ in 0..600 {
            let ready = self.get("/health/ready").send().await.expect(200);
            if ready.body["outbox"]["pending"] == 0 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the outbox never drained");
    }

    /// The emails of `kind` about `reference` (an order, a customer), once there are at least
    /// `count`: the outbox writes them after the request that caused them.
    pub async fn emails_of(
        &self,
        who: &Session,
        reference: Uuid,
        kind: &str,
        count: usize,
    ) -> Vec<openapi::mail::EmailOut> {
        let path = format!("/api/v1/emails?reference_id={reference}&kind={kind}");
        for _ in 0..200 {
            let page: Page<openapi::mail::EmailOut> = self.get(&path).as_(who).returns(200).await;
            if page.items.len() >= count {
                return page.items;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("{reference} never got {count} {kind} emails");
    }

    /// The id of the first item of the list at `path`, as it is now.
    pub async fn first_id(&self, who: &Session, path: &str) -> String {
        let page: Page<serde_json::Value> = self.get(path).as_(who).returns(200).await;
        let first = page
            .items
            .first()
            .unwrap_or_else(|| panic!("{path} lists nothing"));
        first["id"]
            .as_str()
            .unwrap_or_else(|| panic!("no id in {first}"))
            .to_owned()
    }
}

/// The text of a download (a CSV export) at `path`, which must answer 200.
pub async fn download(app: &TestApp, who: &Session, path: &str) -> String {
    let reply = app
        .http
        .get(format!("{}{path}", app.address))
        .bearer_auth(&who.token)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200, "{path}");
    reply.text().await.unwrap()
}
