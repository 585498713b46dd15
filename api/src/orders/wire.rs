//! The types orders's routes take and answer, for the document tests (`crate::module::wire`).

use openapi::orders;

use crate::module::wire::WireTypes;

pub fn types(types: &mut WireTypes) {
    types
        .body::<orders::CustomerIn>()
        .body::<orders::CustomerPatch>()
        .body::<orders::OrderIn>()
        .body::<orders::OrderSettings>()
        .body::<orders::PaymentIn>()
        .body::<orders::RefundIn>()
        .body::<orders::TransitionIn>()
        .answer::<orders::CustomerOut>()
        .answer::<orders::OrderOut>()
        .answer::<orders::PaymentOut>()
        .answer::<orders::TimelineEntryOut>()
        .answer::<orders::OrderSettings>()
        .answer::<orders::OrderSummaryOut>()
        .query::<orders::CustomerQuery>()
        .query::<orders::OrderQuery>()
        .refuses::<orders::CustomerIn>("tax_id", "a CPF's or CNPJ's check digits")
        .refuses::<orders::CustomerIn>("addresses[].postal_code", "its form in its country");
}
