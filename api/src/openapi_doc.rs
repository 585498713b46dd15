//! The OpenAPI document: the platform's routes, each module's (`Module::doc`), their types and
//! the security scheme, and the links between operations that each module declares. Committed as
//! `openapi/openapi.json`; `cargo xtask openapi` rewrites it and a test checks it is current.

#[cfg(test)]
mod bounds;
mod events;
mod links;
#[cfg(test)]
mod probes;
#[cfg(test)]
mod query_bounds;
mod responses;
#[cfg(test)]
mod schema_check;

use events::EventVersions;
use responses::ResponseDocs;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::{health, modules};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Retaguarda API",
        description = "The back office of an online store. Authenticate with `Authorization: Bearer <access token>` (from `/auth/login`) or `Bearer rtg_…` (an API key). Errors are RFC 7807 problem documents, their `title`, `detail` and field messages in the language `Accept-Language` names (pt-BR, es or en; English without it); text the server keeps, such as an order's timeline and findings, is written in that language too, else the store's. Lists take `limit` and `cursor` and answer `{items, next_cursor}`. POSTs that create something accept `Idempotency-Key`.",
    ),
    paths(health::live, health::ready, crate::metrics::metrics),
    components(schemas(
        openapi::Problem,
        openapi::FieldError,
        openapi::catalog::ProductSort,
        openapi::events::Event
    )),
    tags(
        (name = "health", description = "Liveness and readiness"),
    )
)]
pub struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A JWT access token, or an API key (`rtg_…`)".to_owned(),
                    ))
                    .build(),
            ),
        );
    }
}

/// The whole document: the platform's part, every module's, then what is filled in for all.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut document = ApiDoc::openapi();
    for module in modules::ALL {
        document.merge((module.doc)());
    }
    BearerScheme.modify(&mut document);
    ResponseDocs.modify(&mut document);
    EventVersions.modify(&mut document);
    links::add(&mut document);
    document
}

/// The document as committed: pretty JSON with a final newline.
pub fn spec_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use crate::extract::parse_valid_json;
    use openapi::{audit, auth, calendar, catalog, inventory, logistics, mail, orders, tenancy};
    use serde_json::Value;

    /// `$check::<T>($example)` for the type `T` whose schema is named `$schema`.
    macro_rules! by_schema {
        ($schema:expr, $check:ident, $example:expr; $($name:ident => $type:ty),* $(,)?) => {
            match $schema {
                $(stringify!($name) => $check::<$type>($example),)*
                other => Err(format!("add `{other}` to the types this test knows")),
            }
        };
    }

    /// Whether the server takes `example` as a body of type `T`, as `ValidJson` reads one.
    fn accepts<T: serde::de::DeserializeOwned + validator::Validate>(
        example: &Value,
    ) -> Result<(), String> {
        parse_valid_json::<T>(example.to_string().as_bytes())
            .map(drop)
            .map_err(|error| error.to_string())
    }

    /// Whether `example` reads as a `T` and writes back the same: no field missing, unknown
    /// or spelt otherwise than the server does.
    fn reads_and_writes_back<T: serde::de::DeserializeOwned + serde::Serialize>(
        example: &Value,
    ) -> Result<(), String> {
        let read: T = serde_json::from_value(example.clone()).map_err(|e| e.to_string())?;
        let written = serde_json::to_value(read).map_err(|e| e.to_string())?;
        if &written == example {
            Ok(())
        } else {
            Err(format!("writes back as {written}"))
        }
    }

    /// Whether the server takes `example` as a body of the schema named `schema`.
    pub(super) fn accepted(schema: &str, example: &Value) -> Result<(), String> {
        by_schema!(schema, accepts, example;
            AdjustmentIn => inventory::AdjustmentIn, ApiKeyIn => auth::ApiKeyIn,
            BufferIn => inventory::BufferIn, CalendarPatch => calendar::CalendarPatch,
            ChannelIn => catalog::ChannelIn, HolidayIn => calendar::HolidayIn,
            ChannelPatch => catalog::ChannelPatch, CountIn => inventory::CountIn,
            CustomerIn => orders::CustomerIn, CustomerPatch => orders::CustomerPatch,
            InvitationAcceptIn => tenancy::InvitationAcceptIn,
            InvitationIn => tenancy::InvitationIn, KitComponentsIn => catalog::KitComponentsIn,
            LocationIn => inventory::LocationIn, LocationPatch => inventory::LocationPatch,
            LoginIn => auth::LoginIn, MemberPatch => tenancy::MemberPatch,
            OrderIn => orders::OrderIn, OrderSettings => orders::OrderSettings,
            PaymentIn => orders::PaymentIn, PreviewIn => mail::PreviewIn,
            ProductIn => catalog::ProductIn, ProductPatch => catalog::ProductPatch,
            PurchaseOrderIn => inventory::PurchaseOrderIn, ReceiptIn => inventory::ReceiptIn,
            RefreshIn => auth::RefreshIn, RefundIn => orders::RefundIn,
            ReorderPatch => inventory::ReorderPatch,
            ReplenishmentOrderIn => inventory::ReplenishmentOrderIn,
            ReservationIn => inventory::ReservationIn, SignupIn => auth::SignupIn,
            SupplierIn => catalog::SupplierIn, SupplierPatch => catalog::SupplierPatch,
            SupplierVariantIn => catalog::SupplierVariantIn, TemplateIn => mail::TemplateIn,
            TenantPatch => tenancy::TenantPatch, TransferIn => inventory::TransferIn,
            TransitionIn => orders::TransitionIn, UnsellableIn => inventory::UnsellableIn,
            VariantIn => catalog::VariantIn, VariantPatch => catalog::VariantPatch,
            CarrierIn => logistics::CarrierIn, CarrierPatch => logistics::CarrierPatch,
            ServiceIn => logistics::ServiceIn, ServicePatch => logistics::ServicePatch,
            TransitTable => logistics::TransitTable, HandlingIn => logistics::HandlingIn,
            ReturnIn => logistics::ReturnIn, ApproveIn => logistics::ApproveIn,
            DeclineIn => logistics::DeclineIn, ReceiveIn => logistics::ReceiveIn,
            ResolveIn => logistics::ResolveIn, ReturnSettings => logistics::ReturnSettings,
        )
    }

    /// Every operation of the published document, as JSON.
    pub(super) fn operations() -> Vec<(String, Value)> {
        let document = serde_json::to_value(super::document()).unwrap_or_default();
        let mut found = Vec::new();
        for (path, item) in document["paths"].as_object().into_iter().flatten() {
            for (method, operation) in item.as_object().into_iter().flatten() {
                found.push((format!("{method} {path}"), operation.clone()));
            }
        }
        assert!(found.len() > 90, "the document lost its routes");
        found
    }

    #[test]
    fn every_request_body_has_an_example_the_server_accepts() {
        let document = serde_json::to_value(super::document()).unwrap_or_default();
        let mut wrong = Vec::new();
        for (route, operation) in operations() {
            let content = operation["requestBody"]["content"].as_object().cloned();
            for (media_type, body) in content.into_iter().flatten() {
                let reference = body["schema"]["$ref"].as_str().unwrap_or_default();
                let schema = reference.rsplit('/').next().unwrap_or_default();
                // The route's own example, else its type's (one used by several routes).
                let example = match &body["example"] {
                    Value::Null => &document["components"]["schemas"][schema]["example"],
                    example => example,
                };
                if example.is_null() {
                    wrong.push(format!("{route}: no example"));
                } else if media_type == "application/json"
                    && let Err(error) = accepted(schema, example)
                {
                    wrong.push(format!("{route}: {error}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    /// Whether `example`, the example of the schema named `schema`, reads as that type and
    /// writes back the same.
    fn round_trips(schema: &str, example: &Value) -> Result<(), String> {
        by_schema!(schema, reads_and_writes_back, example;
            AuditEventOut => audit::AuditEventOut, SignupOut => auth::SignupOut,
            TokensOut => auth::TokensOut, MeOut => auth::MeOut, ApiKeyOut => auth::ApiKeyOut,
            ApiKeyCreatedOut => auth::ApiKeyCreatedOut,
            BrowserTokensOut => auth::BrowserTokensOut, VariantOut => catalog::VariantOut,
            ProductOut => catalog::ProductOut, ChannelOut => catalog::ChannelOut,
            SupplierOut => catalog::SupplierOut,
            SupplierVariantOut => catalog::SupplierVariantOut,
            CatalogImportOut => catalog::CatalogImportOut, LocationOut => inventory::LocationOut,
            StockLevelOut => inventory::StockLevelOut,
            StockChangeOut => inventory::StockChangeOut,
            ReservationOut => inventory::ReservationOut, MovementOut => inventory::MovementOut,
            PurchaseOrderOut => inventory::PurchaseOrderOut,
            ValuationOut => inventory::ValuationOut, CountOut => inventory::CountOut,
            BufferOut => inventory::BufferOut, AvailabilityOut => inventory::AvailabilityOut,
            ReplenishmentOut => inventory::ReplenishmentOut,
            StockImportOut => inventory::StockImportOut, EmailOut => mail::EmailOut,
            TemplateOut => mail::TemplateOut, PreviewOut => mail::PreviewOut,
            CustomerOut => orders::CustomerOut, OrderOut => orders::OrderOut,
            PaymentOut => orders::PaymentOut, TimelineEntryOut => orders::TimelineEntryOut,
            OrderSettings => orders::OrderSettings, OrderSummaryOut => orders::OrderSummaryOut,
            TenantOut => tenancy::TenantOut, MemberOut => tenancy::MemberOut,
            InvitationOut => tenancy::InvitationOut, CalendarOut => calendar::CalendarOut,
            HolidayListOut => calendar::HolidayListOut, HolidayOut => calendar::HolidayOut,
            WorkingDaysOut => calendar::WorkingDaysOut, CarrierOut => logistics::CarrierOut,
            ServiceOut => logistics::ServiceOut, TransitTable => logistics::TransitTable,
            TransitQuoteOut => logistics::TransitQuoteOut,
            TransitImportOut => logistics::TransitImportOut,
            HandlingOut => logistics::HandlingOut, PromiseOut => logistics::PromiseOut,
            ReturnOut => logistics::ReturnOut, ReturnSettings => logistics::ReturnSettings,
            ReturnRateOut => logistics::ReturnRateOut,
        )
    }

    #[test]
    fn every_json_response_has_an_example_of_its_type() {
        let document = serde_json::to_value(super::document()).unwrap_or_default();
        let schemas = &document["components"]["schemas"];
        let named = |reference: &Value| {
            let name = reference.as_str()?.rsplit('/').next()?.to_owned();
            Some((name.clone(), schemas[&name].clone()))
        };
        let mut wrong = Vec::new();
        for (route, operation) in operations() {
            let responses = operation["responses"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            for (status, response) in responses.iter().filter(|(s, _)| s.starts_with('2')) {
                let contents = response["content"].as_object().cloned().unwrap_or_default();
                for (media_type, content) in &contents {
                    if media_type != "application/json" && content["example"].is_null() {
                        wrong.push(format!("{route} {status}: no example of {media_type}"));
                    }
                }
                let json = &response["content"]["application/json"];
                if json.is_null() || !json["example"].is_null() {
                    continue;
                }
                // A list or a page shows the example of its items (inlined in a page).
                let schema = &json["schema"];
                let shown = match named(&schema["$ref"]) {
                    Some((name, page)) => match name.strip_prefix("Page_") {
                        Some(item) => Some((
                            item.to_owned(),
                            page["properties"]["items"]["items"].clone(),
                        )),
                        None => Some((name, page)),
                    },
                    None => named(&schema["items"]["$ref"]),
                };
                match shown {
                    Some((name, schema)) if !schema["example"].is_null() => {
                        if let Err(error) = round_trips(&name, &schema["example"]) {
                            wrong.push(format!("{name}: {error}"));
                        }
                    }
                    _ => wrong.push(format!("{route} {status}: no example")),
                }
            }
        }
        wrong.sort();
        wrong.dedup();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn every_response_is_described_and_every_problem_has_an_example_of_its_status() {
        let mut wrong = Vec::new();
        for (route, operation) in operations() {
            let secured = operation["security"]
                .as_array()
                .is_some_and(|s| !s.is_empty());
            let responses = operation["responses"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            if secured && !responses.contains_key("401") {
                wrong.push(format!("{route}: a secured route without 401"));
            }
            for (status, response) in responses {
                if response["description"].as_str().is_none_or(str::is_empty) {
                    wrong.push(format!("{route} {status}: no description"));
                }
                let problem = &response["content"]["application/problem+json"];
                if !problem.is_null()
                    && problem["example"]["status"].as_u64().map(|s| s.to_string())
                        != Some(status.clone())
                {
                    wrong.push(format!("{route} {status}: no example of this status"));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
