//! The event catalogue as the document's `webhooks` (OpenAPI 3.1): one entry per event, named
//! after it, describing the POST an endpoint subscribed to it receives: Standard Webhooks'
//! headers, the body (`WebhookMessage`) with the event's payload schema as `data`, and an
//! example. utoipa has no field for the section, so it is written as a top-level key.

use chrono::{TimeZone, Utc};
use openapi::events::{EventKind, WebhookMessage, example};
use serde_json::{Map, Value, json};
use utoipa::Modify;
use utoipa::openapi::OpenApi;

pub struct Webhooks;

impl Modify for Webhooks {
    fn modify(&self, document: &mut OpenApi) {
        let event = document
            .components
            .as_ref()
            .and_then(|c| c.schemas.get("Event"))
            .and_then(|schema| serde_json::to_value(schema).ok())
            .unwrap_or_default();
        let variants = event["oneOf"].as_array().cloned().unwrap_or_default();
        let mut webhooks = Map::new();
        for &kind in EventKind::ALL {
            let variant = variants
                .iter()
                .find(|v| v["properties"]["type"]["enum"][0].as_str() == Some(kind.name()));
            let Some(variant) = variant else { continue };
            webhooks.insert(kind.name().to_owned(), webhook(kind, variant));
        }
        document
            .extensions
            .get_or_insert_with(Default::default)
            .insert("webhooks".to_owned(), Value::Object(webhooks));
    }
}

/// The POST of one event; `variant` is its branch of the `Event` schema.
fn webhook(kind: EventKind, variant: &Value) -> Value {
    let what = variant["description"].as_str().unwrap_or(kind.name());
    let timestamp = Utc.with_ymd_and_hms(2026, 9, 2, 15, 40, 0).single();
    let example = timestamp
        .and_then(|at| WebhookMessage::of(&example(kind), at).ok())
        .and_then(|message| serde_json::to_value(message).ok())
        .unwrap_or_default();
    let header = |name: &str, description: &str, example: Value| {
        json!({ "name": name, "in": "header", "required": true, "description": description,
                "schema": { "type": "string" }, "example": example })
    };
    json!({ "post": {
        "operationId": format!("webhook.{}", kind.name()),
        "summary": kind.name(),
        "description": format!(
            "{what}\n\nVersion {} of its payload. Sent to each endpoint subscribed to it as \
             Standard Webhooks describe: verify `webhook-signature` over \
             `webhook-id.webhook-timestamp.body` with the endpoint's secret; the same \
             `webhook-id` comes again when a delivery is retried.",
            kind.version()
        ),
        "parameters": [
            header("webhook-id", "The delivery's id, the same on every retry", json!("msg_0196f5a000007000800000000000e1")),
            header("webhook-timestamp", "When it was sent, in seconds since 1970", json!("1788363600")),
            header("webhook-signature", "`v1,` and the base64 HMAC-SHA256; several, space-separated, while a secret is rotated", json!("v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=")),
        ],
        "requestBody": {
            "required": true,
            "content": { "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["type", "version", "timestamp", "data"],
                    "properties": {
                        "type": { "type": "string", "enum": [kind.name()] },
                        "version": { "type": "integer", "enum": [kind.version()] },
                        "timestamp": { "type": "string", "format": "date-time" },
                        "data": variant["properties"]["payload"].clone(),
                    },
                },
                "example": example,
            } },
        },
        "responses": {
            "2XX": { "description": "Received. Any other answer, or none within 10 s, is delivered again later." },
        },
    } })
}

#[cfg(test)]
mod tests {
    use openapi::events::EventKind;
    use serde_json::Value;

    use super::super::schema_check::takes;

    #[test]
    fn every_event_is_a_webhook_whose_example_fits_its_schema() {
        let document = serde_json::to_value(crate::openapi_doc::document()).unwrap_or_default();
        let schemas = &document["components"]["schemas"];
        for kind in EventKind::ALL {
            let post = &document["webhooks"][kind.name()]["post"];
            let body = &post["requestBody"]["content"]["application/json"];
            assert!(
                body["schema"]["properties"]["data"].is_object(),
                "{}",
                kind.name()
            );
            assert_eq!(body["example"]["type"], kind.name());
            assert!(
                takes(&body["schema"], &body["example"], schemas),
                "{}'s example does not fit its schema: {}",
                kind.name(),
                body["example"]
            );
            let mut wrong = body["example"].clone();
            wrong["data"] = Value::String("not a payload".into());
            assert!(!takes(&body["schema"], &wrong, schemas), "{}", kind.name());
        }
    }
}
