//! The demo store that `--demo` creates on an empty database, so a newcomer can log in at once
//! and find a catalog, stock in two locations, suppliers, an open purchase order, customers
//! and orders in every state.

use std::collections::BTreeMap;

use openapi::auth::SignupIn;
use openapi::calendar::HolidayIn;
use openapi::catalog::{
    ChannelIn, ChannelKind, ProductIn, SupplierIn, SupplierVariantIn, VariantIn,
};
use openapi::inventory::{
    AdjustmentIn, AdjustmentReason, LocationIn, LocationKind, PurchaseOrderIn, PurchaseOrderLineIn,
    ReorderPatch,
};
use openapi::tenancy::{Currency, Locale, Role};
use rust_decimal::Decimal;
use sea_orm::{DatabaseConnection, DbErr};

use crate::access::Principal;
use crate::access::jwt::JwtKeys;
use crate::auth::service::session;
use crate::catalog::error::CatalogError;
use crate::catalog::service::{channel, product, supplier};
use crate::db::{self, Access, TenantTransaction};
use crate::inventory::error::InventoryError;
use crate::inventory::service::{location, operation, purchase_order, replenishment};
use crate::pagination::PageRequest;
use crate::sealed::Sealer;
use crate::tenancy::error::TenancyError;
use crate::tenancy::service::{calendar, tenant};

pub const DEMO_EMAIL: &str = "demo@retaguarda.local";
pub const DEMO_PASSWORD: &str = "retaguarda-demo";

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Tenancy(#[from] TenancyError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Inventory(#[from] InventoryError),
    #[error(transparent)]
    Orders(#[from] crate::orders::error::OrderError),
    #[error(transparent)]
    Logistics(#[from] crate::logistics::error::LogisticsError),
    #[error(transparent)]
    Returns(#[from] crate::logistics::returns::error::ReturnError),
    #[error(transparent)]
    Finance(#[from] crate::finance::error::FinanceError),
    #[error(transparent)]
    Database(#[from] DbErr),
    #[error(transparent)]
    Automation(#[from] crate::automation::error::AutomationError),
    #[error(transparent)]
    Support(#[from] crate::support::error::SupportError),
    #[error("a demo date that does not exist")]
    Date,
}

/// (product, price, cost, variants as option values, supplier index)
const CATALOG: &[(&str, &str, &str, &[&str], usize)] = &[
    (
        "Camiseta Básica Algodão",
        "59.90",
        "21.30",
        &["P", "M", "G"],
        0,
    ),
    ("Camiseta Gola V", "64.90", "23.10", &["P", "M", "G"], 0),
    (
        "Calça Jeans Reta",
        "189.90",
        "74.00",
        &["38", "40", "42"],
        0,
    ),
    ("Bermuda Sarja", "119.90", "45.50", &["38", "40", "42"], 0),
    ("Vestido Midi Floral", "229.90", "88.00", &["P", "M"], 0),
    ("Saia Plissada", "149.90", "52.00", &["P", "M"], 0),
    ("Moletom Canguru", "199.90", "79.90", &["M", "G"], 0),
    ("Jaqueta Corta-vento", "259.90", "101.00", &["M", "G"], 0),
    ("Meia Cano Alto (par)", "19.90", "5.40", &["Única"], 0),
    ("Boné Aba Curva", "79.90", "24.00", &["Única"], 0),
    (
        "Café Especial Torrado 250g",
        "39.90",
        "17.50",
        &["Grão", "Moído"],
        1,
    ),
    (
        "Café Especial Torrado 500g",
        "74.90",
        "33.00",
        &["Grão", "Moído"],
        1,
    ),
    (
        "Cápsulas de Café (10 un.)",
        "24.90",
        "9.80",
        &["Intenso", "Suave"],
        1,
    ),
    (
        "Chá Mate Orgânico 100g",
        "18.90",
        "6.20",
        &["Natural", "Limão"],
        1,
    ),
    ("Açúcar Demerara 1kg", "12.90", "5.10", &["Única"], 1),
    (
        "Granola Artesanal 400g",
        "29.90",
        "11.40",
        &["Tradicional", "Sem açúcar"],
        1,
    ),
    (
        "Caneca Cerâmica 350ml",
        "49.90",
        "16.00",
        &["Branca", "Azul", "Verde"],
        2,
    ),
    (
        "Xícara de Café com Pires",
        "34.90",
        "11.00",
        &["Branca", "Preta"],
        2,
    ),
    (
        "Prato Raso Cerâmica",
        "44.90",
        "15.50",
        &["Branco", "Areia"],
        2,
    ),
    (
        "Tigela Bowl 500ml",
        "39.90",
        "12.80",
        &["Branca", "Terracota"],
        2,
    ),
    ("Jarra de Vidro 1L", "69.90", "24.00", &["Única"], 2),
    ("Copo Americano (6 un.)", "42.90", "14.60", &["Única"], 2),
    (
        "Bule Esmaltado",
        "119.90",
        "43.00",
        &["Vermelho", "Azul"],
        2,
    ),
    ("Coador de Pano", "14.90", "3.90", &["Único"], 2),
    (
        "Prensa Francesa 600ml",
        "149.90",
        "55.00",
        &["Inox", "Preta"],
        2,
    ),
    ("Moedor de Café Manual", "219.90", "86.00", &["Único"], 2),
    (
        "Pano de Prato Bordado",
        "22.90",
        "7.10",
        &["Flores", "Frutas"],
        0,
    ),
    ("Avental de Linho", "89.90", "31.00", &["Cru", "Verde"], 0),
    (
        "Toalha de Mesa 4 lugares",
        "129.90",
        "48.00",
        &["Xadrez", "Lisa"],
        0,
    ),
    (
        "Jogo Americano (4 un.)",
        "79.90",
        "27.50",
        &["Palha", "Linho"],
        0,
    ),
];

/// A valid EAN-13 in Brazil's 789 prefix, from a running number.
fn ean13(n: u64) -> String {
    let body = format!("789{:09}", 100_000_000 + n);
    let sum: u32 = body
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { d })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

fn sku_of(product: &str, option: &str, index: usize) -> String {
    let initials: String = crate::text_search::fold(product)
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_alphanumeric)
        .take(4)
        .collect::<String>()
        .to_uppercase();
    let option: String = crate::text_search::fold(option)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(5)
        .collect::<String>()
        .to_uppercase();
    format!("{initials}{index:02}-{option}")
}

fn money(text: &str) -> Decimal {
    text.parse().unwrap_or_default()
}

/// Creates the demo store, its owner and its data unless they exist.
/// `server_secret` (the server's JWT secret) seals the demo webhook endpoint's secret and signs
/// its support answers' reply addresses as the server does.
pub async fn seed(
    db: &DatabaseConnection,
    jwt: &JwtKeys,
    server_secret: &[u8],
) -> Result<(), DemoError> {
    crate::modules::install_permissions();
    let sealer = Sealer::new(server_secret);
    if session::find_user_by_email(db, DEMO_EMAIL).await?.is_some() {
        return Ok(());
    }
    let input = SignupIn {
        store_name: "Loja Demo".into(),
        owner_name: "Dona Demo".into(),
        email: DEMO_EMAIL.into(),
        password: DEMO_PASSWORD.into(),
        currency: Some(Currency::BRL),
        locale: Some(Locale::PtBr),
        timezone: Some("America/Sao_Paulo".into()),
    };
    let signed_up = tenant::signup(db, jwt, &input, None).await?;
    let owner = Principal::for_member(signed_up.tenant.id, signed_up.user.id, Role::Owner);
    let txn = db::begin_tenant(db, owner.tenant_id, Access::Write).await?;
    seed_holidays(&txn, &owner).await?;

    let mut channel_ids = Vec::new();
    for (name, kind) in [
        ("Loja virtual", ChannelKind::Web),
        ("Mercado Livre", ChannelKind::Marketplace),
        ("Loja física Rio", ChannelKind::Physical),
    ] {
        let input = ChannelIn {
            name: name.into(),
            kind,
        };
        channel_ids.push(channel::create_channel(&txn, &owner, &input).await?.id);
    }
    let mut suppliers = Vec::new();
    for (name, tax_id, days) in [
        ("Confecções Nordeste Ltda", "12.345.678/0001-95", 12),
        ("Torrefação Serra Azul", "98.765.432/0001-10", 5),
        ("Cerâmica Vale do Jequitinhonha", "45.678.901/0001-23", 20),
    ] {
        let input = SupplierIn {
            name: name.into(),
            tax_id: Some(tax_id.into()),
            contact_name: None,
            email: None,
            phone: None,
            lead_time_days: days,
        };
        suppliers.push(supplier::create_supplier(&txn, &owner, &input).await?);
    }
    let cd = location::create_location(
        &txn,
        &owner,
        &LocationIn {
            name: "Centro de distribuição São Paulo".into(),
            code: "CD-SP".into(),
            kind: LocationKind::Warehouse,
        },
    )
    .await?;
    let shop = location::create_location(
        &txn,
        &owner,
        &LocationIn {
            name: "Loja física Rio".into(),
            code: "LOJA-RJ".into(),
            kind: LocationKind::Store,
        },
    )
    .await?;

    let mut barcode = 0;
    let mut order_lines = Vec::new();
    let mut sellable = Vec::new();
    for (index, (name, price, cost, options, supplier_index)) in CATALOG.iter().enumerate() {
        let variants = options
            .iter()
            .map(|option| {
                barcode += 1;
                VariantIn {
                    sku: sku_of(name, option, index + 1),
                    barcode: Some(ean13(barcode)),
                    options: BTreeMap::from([("opção".to_owned(), (*option).to_owned())]),
                    price: money(price),
                    cost: Some(money(cost)),
                    weight_grams: Some(150 + 50 * i32::try_from(index % 7).unwrap_or(0)),
                    length_mm: None,
                    width_mm: None,
                    height_mm: None,
                }
            })
            .collect();
        let input = ProductIn {
            name: (*name).into(),
            description: None,
            ncm: None,
            variants,
            // Marketplaces list only the first twenty products.
            channel_ids: if index < 20 {
                channel_ids.clone()
            } else {
                vec![channel_ids[0], channel_ids[2]]
            },
        };
        let view = product::create_product(&txn, &owner, &input).await?;
        for (position, variant) in view.variants.iter().enumerate() {
            sellable.push(variant.id);
            let supplier = &suppliers[*supplier_index];
            let link = SupplierVariantIn {
                supplier_sku: Some(format!("F{}-{}", supplier_index + 1, variant.sku)),
                cost: money(cost),
            };
            supplier::link_variant(&txn, &owner, supplier.id, variant.id, &link).await?;
            // Stock varies by product so lists, low stock and valuation have something to show.
            let at_cd = i64::try_from((index * 7 + position * 5) % 40 + 2).unwrap_or(10);
            let at_shop = i64::try_from((index + position) % 6).unwrap_or(1);
            for (location_id, quantity) in [(cd.id, at_cd), (shop.id, at_shop)] {
                if quantity == 0 {
                    continue;
                }
                let levels = operation::adjust_stock(
                    &txn,
                    &owner,
                    &AdjustmentIn {
                        variant_id: variant.id,
                        location_id,
                        quantity,
                        reason: AdjustmentReason::Initial,
                        note: None,
                    },
                )
                .await?;
                if location_id == cd.id
                    && let Some(level) = levels.first()
                {
                    let patch = ReorderPatch {
                        reorder_point: Some(8),
                        reorder_quantity: Some(24),
                    };
                    replenishment::set_reorder(&txn, &owner, level.level.id, &patch).await?;
                }
            }
            if *supplier_index == 1 && position == 0 && order_lines.len() < 4 {
                order_lines.push(PurchaseOrderLineIn {
                    variant_id: variant.id,
                    quantity: 24,
                    unit_cost: None,
                });
            }
        }
    }
    let order = purchase_order::create_purchase_order(
        &txn,
        &owner,
        &PurchaseOrderIn {
            supplier_id: suppliers[1].id,
            location_id: cd.id,
            note: Some("Reposição de cafés".into()),
            lines: order_lines,
        },
    )
    .await?;
    purchase_order::send_purchase_order(&txn, &owner, order.order.id, None).await?;
    let services = crate::logistics::demo::seed(&txn, &owner).await?;
    seed_orders(&txn, &owner, &channel_ids, &sellable, &services).await?;
    crate::finance::demo::seed(&txn, &owner, &channel_ids).await?;
    // The wholesale customers buy the catalog's last variant by the box: stock for them.
    let wholesale = sellable[sellable.len() - 1];
    let restock = AdjustmentIn {
        variant_id: wholesale,
        location_id: cd.id,
        quantity: 40,
        reason: AdjustmentReason::Initial,
        note: Some("Estoque para o atacado".into()),
    };
    operation::adjust_stock(&txn, &owner, &restock).await?;
    crate::finance::demo::seed_credit(&txn, &owner, channel_ids[0], wholesale).await?;
    crate::finance::demo::seed_payables(&txn, &owner, cd.id, &sellable).await?;
    crate::logistics::returns::demo::seed(&txn, &owner).await?;
    let paid = paid_orders(&txn).await?;
    crate::automation::demo::seed(&txn, &owner, &sealer, &paid).await?;
    crate::automation::demo::seed_rules(&txn, &owner).await?;
    crate::support::demo::seed(&txn, &owner, server_secret, &paid).await?;
    txn.commit().await?;
    Ok(())
}

const CUSTOMERS: &[(&str, Locale, &str, &str, &str)] = &[
    (
        "Ana Beatriz Souza",
        Locale::PtBr,
        "São Paulo",
        "SP",
        "01310-200",
    ),
    (
        "Bruno Carvalho",
        Locale::PtBr,
        "Rio de Janeiro",
        "RJ",
        "22041-001",
    ),
    (
        "Camila Ribeiro",
        Locale::PtBr,
        "Belo Horizonte",
        "MG",
        "30130-010",
    ),
    ("Diego Fernández", Locale::Es, "Curitiba", "PR", "80010-000"),
    ("Eduarda Lima", Locale::PtBr, "Salvador", "BA", "40020-000"),
    ("Felipe Araújo", Locale::PtBr, "Recife", "PE", "50030-230"),
    (
        "Gabriela Mendes",
        Locale::PtBr,
        "Porto Alegre",
        "RS",
        "90010-150",
    ),
    (
        "Henry Walker",
        Locale::En,
        "Florianópolis",
        "SC",
        "88010-400",
    ),
    (
        "Isabela Costa",
        Locale::PtBr,
        "Fortaleza",
        "CE",
        "60060-440",
    ),
    (
        "João Pedro Alves",
        Locale::PtBr,
        "Brasília",
        "DF",
        "70040-010",
    ),
    ("Larissa Gomes", Locale::PtBr, "Campinas", "SP", "13015-904"),
    ("Martina López", Locale::Es, "Niterói", "RJ", "24020-005"),
];

/// Two holidays of São Paulo's besides the national ones: the city's and the state's.
/// The newest orders that were paid (their `order.paid` went out), for the webhook log.
async fn paid_orders(txn: &TenantTransaction) -> Result<Vec<uuid::Uuid>, DemoError> {
    let query = openapi::orders::OrderQuery::default();
    let page = PageRequest::first(50, sea_orm::Order::Desc);
    let orders = crate::orders::service::order::list_orders(txn, &query, page).await?;
    use openapi::orders::OrderStatus::{Approved, Cancelled, OnHold, PendingPayment};
    let unpaid = [PendingPayment, OnHold, Approved, Cancelled];
    Ok(orders
        .items
        .iter()
        .filter(|view| !unpaid.contains(&view.status()))
        .map(|view| view.order.id)
        .collect())
}

async fn seed_holidays(txn: &TenantTransaction, owner: &Principal) -> Result<(), DemoError> {
    for (month, day, name, scope) in [
        (1, 25, "Aniversário de São Paulo", "São Paulo"),
        (7, 9, "Revolução Constitucionalista", "SP"),
    ] {
        let input = HolidayIn {
            date: chrono::NaiveDate::from_ymd_opt(2026, month, day).ok_or(DemoError::Date)?,
            name: name.into(),
            scope: Some(scope.into()),
            yearly: true,
        };
        calendar::add_holiday(txn, owner, &input).await?;
    }
    Ok(())
}

/// A valid CPF from a running number.
fn cpf(n: u32) -> String {
    let mut digits: Vec<u32> = format!("{:09}", 123_456_000 + n * 7919)
        .chars()
        .filter_map(|c| c.to_digit(10))
        .take(9)
        .collect();
    for len in [9, 10] {
        let sum: u32 = (0..len)
            .map(|i| digits[i] * (len as u32 + 1 - i as u32))
            .sum();
        let rest = sum % 11;
        digits.push(if rest < 2 { 0 } else { 11 - rest });
    }
    let d: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
    format!("{}.{}.{}-{}", &d[0..3], &d[3..6], &d[6..9], &d[9..11])
}

/// About fifty orders over the last month, in every state, so the lists, the dashboard and the
/// email log have something real to show.
async fn seed_orders(
    txn: &TenantTransaction,
    owner: &Principal,
    channel_ids: &[uuid::Uuid],
    variants: &[uuid::Uuid],
    services: &[uuid::Uuid],
) -> Result<(), DemoError> {
    use crate::orders::service::{customer, order, payment};
    use openapi::orders::{
        Address, CustomerIn, OrderCustomerIn, OrderIn, OrderLineIn, OrderStatus, PaymentIn,
        PaymentMethod,
    };

    let mut customer_ids = Vec::new();
    for (n, (name, locale, city, state, postal_code)) in CUSTOMERS.iter().enumerate() {
        let address = Address {
            recipient: None,
            street: "Rua das Flores".into(),
            number: format!("{}", 100 + n * 13),
            complement: None,
            district: Some("Centro".into()),
            city: (*city).into(),
            state: (*state).into(),
            postal_code: (*postal_code).into(),
            country: "BR".into(),
        };
        let email = format!(
            "{}@example.com.br",
            crate::text_search::fold(name).replace(' ', ".")
        );
        let input = CustomerIn {
            name: (*name).into(),
            email: Some(email),
            phone: Some(format!("+55 11 9{:04}-{:04}", 1000 + n * 37, 2000 + n * 91)),
            tax_id: Some(cpf(n as u32)),
            country: None,
            locale: Some(*locale),
            marketing_consent: n % 3 == 0,
            tags: if n % 4 == 0 {
                vec!["vip".into()]
            } else {
                Vec::new()
            },
            notes: None,
            addresses: vec![address],
        };
        let created = customer::create_customer(txn, owner, &input, Locale::PtBr).await?;
        customer_ids.push((created.id, input.addresses[0].clone()));
    }
    let methods = [
        PaymentMethod::Pix,
        PaymentMethod::Card,
        PaymentMethod::Boleto,
    ];
    let mut next_variant = 0;
    let now = chrono::Utc::now();
    for i in 0..50usize {
        let (customer_id, address) = &customer_ids[i % customer_ids.len()];
        let lines = (0..1 + i % 3)
            .map(|_| {
                next_variant = (next_variant + 7) % variants.len();
                OrderLineIn {
                    variant_id: variants[next_variant],
                    quantity: 1,
                    unit_price: None,
                    discount: None,
                }
            })
            .collect();
        let input = OrderIn {
            customer: OrderCustomerIn {
                id: Some(*customer_id),
                new: None,
            },
            channel_id: channel_ids[i % channel_ids.len()],
            lines,
            shipping_address: address.clone(),
            shipping_fee: Some(money(if i % 4 == 0 { "0" } else { "19.90" })),
            discount: None,
            note: None,
            shipping_service_id: services.get(i % services.len().max(1)).copied(),
            on_terms: Some(false),
        };
        // The demo's quantities fit its stock; a shortage here is a bug in the seed.
        let numbering = order::Numbering::InTransaction;
        let placed = order::place_order(txn, numbering, owner, &input).await?;
        let id = placed.order.id;
        let target = match i % 10 {
            _ if i % 20 == 19 => OrderStatus::Refunded,
            0 | 1 => OrderStatus::PendingPayment,
            2 => OrderStatus::OnHold,
            3 | 4 => OrderStatus::Paid,
            5 => OrderStatus::Fulfilling,
            6 => OrderStatus::Shipped,
            7 => OrderStatus::Delivered,
            8 => OrderStatus::Completed,
            _ => OrderStatus::Cancelled,
        };
        // Oldest first over the last 30 days; the last few are today's.
        let placed_at = now - chrono::Duration::hours(((49 - i) * 14) as i64);
        let pay_in_full = PaymentIn {
            method: methods[i % methods.len()],
            amount: placed.order.total.0,
            reference: Some(format!("demo-{}", placed.order.number)),
            paid_at: Some(placed_at + chrono::Duration::minutes(20)),
        };
        match target {
            OrderStatus::PendingPayment => {}
            OrderStatus::OnHold => {
                let reason = Some("Conferir o endereço com o cliente.");
                order::transition(txn, owner, id, target, reason, None).await?;
            }
            OrderStatus::Cancelled => {
                let reason = Some("O cliente desistiu.");
                order::transition(txn, owner, id, target, reason, None).await?;
            }
            OrderStatus::Refunded => {
                payment::record_payment(txn, owner, id, &pay_in_full).await?;
                let reason = Some("Produto com defeito: o cliente preferiu o reembolso.");
                payment::refund(txn, owner, id, placed.order.total.0, reason).await?;
            }
            _ => {
                payment::record_payment(txn, owner, id, &pay_in_full).await?;
                // Its fulfilments picked, packed, shipped and tracked as far as the target.
                crate::logistics::demo::fulfil(txn, owner, id, target, placed_at).await?;
                if target == OrderStatus::Completed {
                    order::transition(txn, owner, id, target, None, None).await?;
                }
            }
        }
        order::backdate(txn, id, placed_at).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_password_meets_the_password_policy() {
        let personal = [DEMO_EMAIL, "Ana Demo", "Loja Demo"];
        assert_eq!(
            crate::auth::password::check_policy(DEMO_PASSWORD, &personal),
            Ok(())
        );
    }
}
