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
        .query::<automation::WebhookDeliveryQuery>()
        .body::<automation::RuleIn>()
        .body::<automation::RulePatch>()
        .body::<automation::DryRunIn>()
        .answer::<automation::RuleOut>()
        .answer::<Page<automation::RuleOut>>()
        .answer::<Page<automation::RuleRunOut>>()
        .answer::<automation::DryRunOut>()
        .answer::<Vec<automation::TriggerOut>>()
        .answer::<Vec<automation::RuleTemplateOut>>()
        .answer::<Vec<automation::RecentEventOut>>()
        .answer::<automation::TriggerOut>()
        .answer::<automation::RuleTemplateOut>()
        .answer::<automation::RecentEventOut>()
        .answer::<automation::RuleRunOut>()
        .query::<automation::RuleQuery>()
        .query::<automation::RuleRunQuery>()
        .query::<automation::RecentEventQuery>()
        .answer::<automation::NotificationOut>()
        .answer::<Page<automation::NotificationOut>>()
        .answer::<automation::UnreadOut>()
        .answer::<automation::NotificationSettings>()
        .body::<automation::NotificationSettings>()
        .query::<automation::NotificationQuery>();
}
