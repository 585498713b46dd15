//! A store for the margin and notification parts: channels, suppliers, a warehouse, products
//! of one variant each with stock, and a customer, made through the services as the API does.

use std::collections::BTreeMap;

use api::access::Principal;
use api::access::jwt::JwtKeys;
use openapi::catalog::{ChannelIn, ChannelKind, ProductIn, SupplierIn, VariantIn};
use openapi::inventory::{AdjustmentIn, AdjustmentReason, LocationIn, LocationKind};
use openapi::orders::{Address, CustomerIn};
use openapi::tenancy::{Locale, Role};
use rust_decimal::Decimal;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

pub struct Shop {
    pub owner: Principal,
    pub token: String,
    pub channels: Vec<Uuid>,
    pub suppliers: Vec<Uuid>,
    pub location_id: Uuid,
    /// (product, variant, sku)
    pub variants: Vec<(Uuid, Uuid, String)>,
    pub customer_id: Uuid,
}

pub fn address() -> Address {
    Address {
        recipient: None,
        street: "Rua Augusta".into(),
        number: "100".into(),
        complement: None,
        district: None,
        city: "São Paulo".into(),
        state: "SP".into(),
        postal_code: "01304-000".into(),
        country: "BR".into(),
    }
}

/// A store called `name` with `channels` channels, `suppliers` suppliers and `products`
/// products, each with `stock` units in the warehouse.
pub async fn open(
    db: &DatabaseConnection,
    jwt: &JwtKeys,
    name: &str,
    (channels, suppliers, products): (usize, usize, usize),
    stock: i64,
) -> Shop {
    let signed = crate::support::sign_up(db, jwt, name).await;
    let owner = Principal::for_member(signed.tenant.id, signed.user.id, Role::Owner);
    let txn = api::db::begin_tenant(db, owner.tenant_id, api::db::Access::Write)
        .await
        .unwrap();
    let mut shop = Shop {
        owner: owner.clone(),
        token: signed.session.access_token,
        channels: Vec::new(),
        suppliers: Vec::new(),
        location_id: Uuid::nil(),
        variants: Vec::new(),
        customer_id: Uuid::nil(),
    };
    for n in 0..channels {
        let kind = [
            ChannelKind::Web,
            ChannelKind::Marketplace,
            ChannelKind::Physical,
        ][n % 3];
        let input = ChannelIn {
            name: format!("Canal {n}"),
            kind,
        };
        let channel = api::catalog::service::channel::create_channel(&txn, &owner, &input)
            .await
            .unwrap();
        shop.channels.push(channel.id);
    }
    for n in 0..suppliers {
        let input = SupplierIn {
            name: format!("Fornecedor {n}"),
            tax_id: None,
            contact_name: None,
            email: None,
            phone: None,
            lead_time_days: 7,
        };
        let supplier = api::catalog::service::supplier::create_supplier(&txn, &owner, &input)
            .await
            .unwrap();
        shop.suppliers.push(supplier.id);
    }
    let location = LocationIn {
        name: "CD".into(),
        code: "CD".into(),
        kind: LocationKind::Warehouse,
    };
    let location = api::inventory::service::location::create_location(&txn, &owner, &location)
        .await
        .unwrap();
    shop.location_id = location.id;
    for n in 0..products {
        let variant = VariantIn {
            sku: format!("B-{n:04}"),
            barcode: None,
            options: BTreeMap::new(),
            price: Decimal::new(5_000 + 100 * n as i64, 2),
            cost: Some(Decimal::new(2_000 + 40 * n as i64, 2)),
            weight_grams: Some(300),
            length_mm: None,
            width_mm: None,
            height_mm: None,
        };
        let input = ProductIn {
            name: format!("Produto {n}"),
            description: None,
            ncm: None,
            variants: vec![variant],
            channel_ids: shop.channels.clone(),
        };
        let view = api::catalog::service::product::create_product(&txn, &owner, &input)
            .await
            .unwrap();
        let variant = &view.variants[0];
        if stock > 0 {
            let adjustment = AdjustmentIn {
                variant_id: variant.id,
                location_id: location.id,
                quantity: stock,
                reason: AdjustmentReason::Initial,
                note: None,
            };
            api::inventory::service::operation::adjust_stock(&txn, &owner, &adjustment)
                .await
                .unwrap();
        }
        shop.variants
            .push((view.product.id, variant.id, variant.sku.clone()));
    }
    let customer = CustomerIn {
        name: "Cliente Bench".into(),
        email: Some("cliente@example.com.br".into()),
        phone: None,
        // A valid CPF: without one a Brazilian customer's orders wait on hold.
        tax_id: Some("529.982.247-25".into()),
        country: None,
        locale: Some(Locale::PtBr),
        marketing_consent: false,
        tags: Vec::new(),
        notes: None,
        addresses: vec![address()],
    };
    let customer =
        api::orders::service::customer::create_customer(&txn, &owner, &customer, Locale::PtBr)
            .await
            .unwrap();
    shop.customer_id = customer.id;
    txn.commit().await.unwrap();
    shop
}
