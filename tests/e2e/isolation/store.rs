//! A store with two of each kind of resource another store's calls may name, made through the
//! API: what the body and query walks put in place of the document's example ids.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::harness::TestApp;
use crate::orders::{Shop, new_customer, open_shop};

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Variant,
    Product,
    Location,
    Supplier,
    PurchaseOrderLine,
    Channel,
    Customer,
    Order,
    OrderLine,
    User,
    CarrierService,
}

/// A store ready to sell, and its resources by kind.
pub struct Store {
    pub shop: Shop,
    ids: BTreeMap<Kind, Vec<String>>,
}

impl Store {
    pub async fn open(app: &TestApp, name: &str) -> Store {
        let shop = open_shop(app, name).await;
        let owner = &shop.owner;
        let mut ids: BTreeMap<Kind, Vec<String>> = BTreeMap::new();
        let mut add = |kind, id: String| ids.entry(kind).or_default().push(id);
        let variants = [
            shop.stocked_variant(app, &format!("{name}-1"), "10.00", 5)
                .await,
            shop.stocked_variant(app, &format!("{name}-2"), "10.00", 5)
                .await,
        ];
        let supplier = app
            .create_supplier(owner, &format!("Fornecedor {name}"), 7)
            .await;
        let purchase = json!({ "supplier_id": supplier, "location_id": shop.location,
            "lines": [{ "variant_id": variants[0], "quantity": 4 }] });
        let purchase = post(app, &shop, "/api/v1/inventory/purchase-orders", &purchase).await;
        something_to_reorder(app, &shop, &supplier, &variants[0]).await;
        let customer = new_customer(&format!("Cliente {name}"), "pt-BR");
        let customer = post(app, &shop, "/api/v1/customers", &customer["new"]).await;
        let lines = json!([{ "variant_id": variants[1], "quantity": 1 }]);
        let order = shop.order_body(json!({ "id": id_of(&customer) }), lines);
        let order = shop
            .place(app, &format!("{name}-order"), &order)
            .await
            .expect(201);
        let variant = app.get(&format!("/api/v1/catalog/variants/{}", variants[0]));
        let variant = variant.as_(owner).send().await.expect(200).body;
        for variant in variants {
            add(Kind::Variant, variant);
        }
        add(
            Kind::Product,
            variant["product_id"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        );
        add(Kind::Location, shop.location.clone());
        add(Kind::Location, app.create_location(owner, "CD2").await);
        add(Kind::Supplier, supplier);
        add(Kind::PurchaseOrderLine, id_of(&purchase["lines"][0]));
        add(Kind::Channel, shop.channel.clone());
        add(Kind::Customer, id_of(&customer));
        add(Kind::Order, id_of(&order.body));
        add(Kind::OrderLine, id_of(&order.body["lines"][0]));
        add(Kind::User, owner.user_id.to_string());
        add(
            Kind::CarrierService,
            carrier_service(app, &shop, name).await,
        );
        Store { shop, ids }
    }

    /// The `nth` (from 0) of its resources of this kind.
    pub fn id(&self, kind: Kind, nth: usize) -> Result<String, String> {
        let ids = self.ids.get(&kind).map(Vec::as_slice).unwrap_or_default();
        ids.get(nth)
            .cloned()
            .ok_or(format!("no {kind:?} number {}", nth + 1))
    }
}

/// The variant, far below its reorder point whatever the calls before add, from this supplier.
async fn something_to_reorder(app: &TestApp, shop: &Shop, supplier: &str, variant: &str) {
    let link = format!("/api/v1/catalog/suppliers/{supplier}/variants/{variant}");
    let link = app.call(reqwest::Method::PUT, &link).as_(&shop.owner);
    let link = link.json(&json!({ "cost": "3.00", "supplier_sku": "F-1" }));
    link.send().await.expect(200);
    let level = id_of(&shop.level(app, variant).await);
    let level = app
        .patch(&format!("/api/v1/inventory/levels/{level}"))
        .as_(&shop.owner);
    let level = level.json(&json!({ "reorder_point": 1000, "reorder_quantity": 20 }));
    level.send().await.expect(200);
}

/// A carrier with one service, whose transit table covers São Paulo.
async fn carrier_service(app: &TestApp, shop: &Shop, name: &str) -> String {
    let carrier = json!({ "name": format!("Transportadora {name}"), "kind": "courier" });
    let carrier = post(app, shop, "/api/v1/logistics/carriers", &carrier).await;
    let path = format!("/api/v1/logistics/carriers/{}/services", id_of(&carrier));
    let service = post(
        app,
        shop,
        &path,
        &json!({ "name": "Expresso", "code": "EXP" }),
    )
    .await;
    let table = format!(
        "/api/v1/logistics/services/{}/transit-times",
        id_of(&service)
    );
    let table = app.call(reqwest::Method::PUT, &table).as_(&shop.owner);
    let table = table.json(&json!({ "rows": [{ "state": "SP", "days": 2 }] }));
    table.send().await.expect(200);
    id_of(&service)
}

async fn post(app: &TestApp, shop: &Shop, path: &str, body: &Value) -> Value {
    app.post(path)
        .as_(&shop.owner)
        .json(body)
        .send()
        .await
        .expect(201)
        .body
}

pub fn id_of(resource: &Value) -> String {
    resource["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {resource:#}"))
        .to_owned()
}
