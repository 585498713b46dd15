//! The types automation's routes take and answer, for the document tests
//! (`crate::module::wire`).

use openapi::{Page, automation};

use crate::module::wire::WireTypes;

pub fn types(types: &mut WireTypes) {
    types
        .body::<automation::WebhookEndpointIn>()
        .body::<automation::WebhookEndpointPatch>()
        .answer::<automation::WebhookEndpointOut>()
        .answer::<automation::WebhookEndpointCreatedOut>()
        .answer::<automation::WebhookSecretOut>()
        .answer::<Page<automation::WebhookEndpointOut>>()
        .query::<automation::WebhookEndpointQuery>()
        .body::<automation::WebhookReplayIn>()
        .answer::<automation::WebhookDeliveryOut>()
        .answer::<automation::WebhookDeliveryDetailOut>()
        .answer::<automation::WebhookReplayOut>()
        .answer::<automation::WebhookPingOut>()
        .answer::<Page<automation::WebhookDeliveryOut>>()
        .query::<automation::WebhookDeliveryQuery>();
}
