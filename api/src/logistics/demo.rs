//! The demo store's carriers: Correios (PAC and SEDEX) and a courier, with transit tables.

use openapi::logistics::{CarrierIn, CarrierKind, ServiceIn, TransitRow, TransitTable, Uf};

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::logistics::error::LogisticsError;
use crate::logistics::service::{carrier, transit};

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

pub async fn seed(txn: &TenantTransaction, owner: &Principal) -> Result<(), LogisticsError> {
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
        }
    }
    Ok(())
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
