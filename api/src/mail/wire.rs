//! The types mail's routes take and answer, for the document tests (`crate::module::wire`).

use openapi::mail;

use crate::module::wire::WireTypes;

pub fn types(types: &mut WireTypes) {
    types
        .body::<mail::PreviewIn>()
        .body::<mail::TemplateIn>()
        .answer::<mail::EmailOut>()
        .answer::<mail::TemplateOut>()
        .answer::<mail::PreviewOut>()
        .query::<mail::EmailQuery>();
}
