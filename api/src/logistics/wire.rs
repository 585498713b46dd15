//! The types logistics's routes take and answer, for the document tests (`crate::module::wire`).

use openapi::{common, logistics};

use crate::module::wire::WireTypes;

pub fn types(types: &mut WireTypes) {
    types
        .body::<logistics::CarrierIn>()
        .body::<logistics::CarrierPatch>()
        .body::<logistics::ServiceIn>()
        .body::<logistics::ServicePatch>()
        .body::<logistics::TransitTable>()
        .body::<logistics::HandlingIn>()
        .body::<logistics::PackIn>()
        .body::<logistics::ShipIn>()
        .body::<logistics::CancelFulfilmentIn>()
        .body::<logistics::TrackingEventsIn>()
        .body::<logistics::ReturnIn>()
        .body::<logistics::ApproveIn>()
        .body::<logistics::DeclineIn>()
        .body::<logistics::ReceiveIn>()
        .body::<logistics::ResolveIn>()
        .body::<logistics::ReturnSettings>()
        .answer::<logistics::CarrierOut>()
        .answer::<logistics::ServiceOut>()
        .answer::<logistics::TransitTable>()
        .answer::<logistics::TransitQuoteOut>()
        .answer::<logistics::TransitImportOut>()
        .answer::<logistics::HandlingOut>()
        .answer::<logistics::PromiseOut>()
        .answer::<logistics::FulfilmentSummary>()
        .answer::<logistics::FulfilmentOut>()
        .answer::<logistics::PickListOut>()
        .answer::<logistics::LateCounts>()
        .answer::<logistics::ShipmentOut>()
        .answer::<logistics::TrackingEventsOut>()
        .answer::<logistics::TrackingImportOut>()
        .answer::<logistics::ScorecardOut>()
        .answer::<logistics::ReturnOut>()
        .answer::<logistics::ReturnSettings>()
        .answer::<logistics::ReturnRateOut>()
        .query::<logistics::CarrierQuery>()
        .query::<logistics::TransitQuery>()
        .query::<logistics::PromiseQuery>()
        .query::<logistics::FulfilmentQuery>()
        .query::<logistics::PickListQuery>()
        .query::<logistics::ScorecardQuery>()
        .query::<logistics::ReturnQuery>()
        .query::<logistics::ReturnRateQuery>()
        .query::<common::ImportQuery>()
        .refuses::<logistics::TransitTable>(
            "rows[].state",
            "one region a row: a row without its state names none",
        )
        .refuses::<logistics::TransitTable>(
            "rows[].postal_from",
            "one region a row: a postal range beside a state, or half a range",
        )
        .refuses::<logistics::TransitTable>(
            "rows[].postal_to",
            "one region a row: a postal range beside a state, or half a range",
        );
}
