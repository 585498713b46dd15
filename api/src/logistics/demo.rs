//! The demo store's carriers: Correios (PAC and SEDEX) and a courier, with transit tables;
//! and its paid orders' fulfilments, in every state, with tracking histories (some late).

use chrono::{DateTime, Duration, Utc};
use openapi::logistics::{
    CarrierIn, CarrierKind, PackIn, PackageIn, ServiceIn, ShipIn, TrackingEventIn, TrackingStatus,
    TransitRow, TransitTable, Uf,
};
use openapi::orders::OrderStatus;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::logistics::error::LogisticsError;
use crate::logistics::service::fulfilment::{open, steps, view};
use crate::logistics::service::{carrier, shipment, tracking, transit};
use crate::orders::service::order::find_order;

/// (state, days) rows; `None` is the rest of Brazil.
type Rows = &'static [(Option<Uf>, i32)];

/// (name, code, its transit table)
type Service = (&'static str, &'static str, Rows);

const CARRIERS: &[(&str, CarrierKind, Option<&str>, &[Service])] = &[
    (
        "Correios",
        CarrierKind::Postal,
        Some("https://rastreamento.correios.com.br/app/index.php?objeto={code}"),
        &[
            (
                "PAC",
                "PAC",
                &[
                    (Some(Uf::Sp), 3),
                    (Some(Uf::Rj), 5),
                    (Some(Uf::Mg), 5),
                    (None, 9),
                ],
            ),
            (
                "SEDEX",
                "SEDEX",
                &[
                    (Some(Uf::Sp), 1),
                    (Some(Uf::Rj), 2),
                    (Some(Uf::Mg), 2),
                    (None, 4),
                ],
            ),
        ],
    ),
    (
        "Jadlog",
        CarrierKind::Courier,
        Some("https://www.jadlog.com.br/tracking?cte={code}"),
        &[(
            ".Package",
            "PACKAGE",
            &[(Some(Uf::Sp), 2), (Some(Uf::Rj), 3), (None, 6)],
        )],
    ),
];

/// The carriers with their services and tables; the services' ids.
pub async fn seed(txn: &TenantTransaction, owner: &Principal) -> Result<Vec<Uuid>, LogisticsError> {
    let mut ids = Vec::new();
    for (name, kind, tracking_url, services) in CARRIERS {
        let input = CarrierIn {
            name: (*name).into(),
            kind: *kind,
            tracking_url: tracking_url.map(str::to_owned),
        };
        let made = carrier::create_carrier(txn, owner, &input).await?;
        for (service_name, code, rows) in *services {
            let input = ServiceIn {
                name: (*service_name).into(),
                code: (*code).into(),
            };
            let service = carrier::add_service(txn, owner, made.carrier.id, &input).await?;
            transit::replace_table(txn, owner, service.id, &table(rows)).await?;
            ids.push(service.id);
        }
    }
    Ok(ids)
}

/// Takes a paid order's fulfilments as far as `target` (`paid`: pending; `fulfilling`: picked, some packed;
/// `shipped`: handed to the carrier, in transit; `delivered` and on: delivered), with carrier
/// events in the days after `paid_at`: older orders' promises have passed, so some are late.
pub async fn fulfil(
    txn: &TenantTransaction,
    owner: &Principal,
    order_id: Uuid,
    target: OrderStatus,
    paid_at: DateTime<Utc>,
) -> Result<(), LogisticsError> {
    let fulfilments = open::open_fulfilments(txn, owner, order_id).await?;
    // Every other order being fulfilled (by its number's tens) stays at picking.
    let number = find_order(txn, order_id).await?.number;
    let stays_picking = (number / 10) % 2 == 0;
    for (n, fulfilment) in fulfilments.iter().enumerate() {
        if target == OrderStatus::Paid {
            continue;
        }
        steps::pick(txn, owner, fulfilment.id).await?;
        if target == OrderStatus::Fulfilling && stays_picking {
            continue;
        }
        let package = PackageIn {
            weight_grams: 450 + 150 * n as i32,
            length_mm: 300,
            width_mm: 200,
            height_mm: 120,
        };
        let packages = PackIn {
            packages: vec![package],
        };
        steps::pack(txn, owner, fulfilment.id, &packages).await?;
        if target == OrderStatus::Fulfilling {
            continue;
        }
        let shipment_id = view::get_fulfilment(txn, fulfilment.id).await?.shipments[0].id;
        let code = format!("DM{}BR", &fulfilment.id.simple().to_string()[20..29]).to_uppercase();
        let ship = ShipIn {
            service_id: None,
            tracking_code: code.clone(),
            cost: Some(Decimal::new(2350 + 310 * n as i64, 2)),
        };
        shipment::ship(txn, owner, shipment_id, &ship).await?;
        let delivered = target != OrderStatus::Shipped;
        tracking::record_tracking(txn, owner, &tracking(&code, paid_at, delivered)).await?;
    }
    Ok(())
}

/// A parcel's history: posted the next day, in transit, and (if `delivered`) out for
/// delivery and delivered three days later.
fn tracking(code: &str, paid_at: DateTime<Utc>, delivered: bool) -> Vec<TrackingEventIn> {
    let mut steps = vec![
        (TrackingStatus::Posted, 20, "São Paulo - SP"),
        (TrackingStatus::InTransit, 40, "CTE Cajamar - SP"),
    ];
    if delivered {
        steps.push((TrackingStatus::OutForDelivery, 70, "CDD Destino"));
        steps.push((TrackingStatus::Delivered, 76, "CDD Destino"));
    }
    steps
        .into_iter()
        .enumerate()
        .map(|(i, (status, hours, place))| TrackingEventIn {
            tracking_code: code.to_owned(),
            carrier_event_id: format!("{code}-{i}"),
            status,
            occurred_at: paid_at + Duration::hours(hours),
            place: Some(place.to_owned()),
            description: None,
        })
        .collect()
}

fn table(rows: Rows) -> TransitTable {
    let rows = rows
        .iter()
        .map(|(state, days)| TransitRow {
            state: *state,
            postal_from: None,
            postal_to: None,
            country: state.is_none().then(|| "BR".to_owned()),
            days: *days,
        })
        .collect();
    TransitTable { rows }
}
