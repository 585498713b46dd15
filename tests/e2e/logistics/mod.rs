//! Logistics through the API: carriers, services and transit tables.

mod carriers;
mod concurrent;
pub mod fulfilments;
mod promise;
mod return_emails;
mod return_exchange;
mod return_money;
mod return_page;
pub mod returns;
mod scorecard;
mod tracking_file;

use openapi::logistics::{CarrierIn, CarrierKind, CarrierOut, ServiceIn, ServiceOut};
use reqwest::Method;

use crate::harness::TestApp;
use crate::harness::client::Session;

/// Correios with a tracking address.
pub fn correios() -> CarrierIn {
    CarrierIn {
        name: "Correios".into(),
        kind: CarrierKind::Postal,
        tracking_url: Some(
            "https://rastreamento.correios.com.br/app/index.php?objeto={code}".into(),
        ),
    }
}

pub async fn new_carrier(app: &TestApp, who: &Session, carrier: &CarrierIn) -> CarrierOut {
    app.post("/api/v1/logistics/carriers")
        .as_(who)
        .json(carrier)
        .returns(201)
        .await
}

pub async fn new_service(
    app: &TestApp,
    who: &Session,
    carrier: &CarrierOut,
    code: &str,
) -> ServiceOut {
    let path = format!("/api/v1/logistics/carriers/{}/services", carrier.id);
    app.post(&path)
        .as_(who)
        .json(&ServiceIn {
            name: code.into(),
            code: code.into(),
        })
        .returns(201)
        .await
}

/// Puts `rows` (JSON) as the service's transit table.
pub async fn put_table(
    app: &TestApp,
    who: &Session,
    service: &ServiceOut,
    rows: serde_json::Value,
) {
    let path = format!("/api/v1/logistics/services/{}/transit-times", service.id);
    app.call(Method::PUT, &path)
        .as_(who)
        .json(&serde_json::json!({ "rows": rows }))
        .send()
        .await
        .expect(200);
}
