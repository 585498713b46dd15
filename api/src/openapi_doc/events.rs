//! The event catalogue's versions in the document: each variant of `Event` says, in
//! `x-event-version`, which version of its payload's shape it describes.

use openapi::events::EventKind;
use utoipa::Modify;
use utoipa::openapi::schema::Schema;
use utoipa::openapi::{OpenApi, RefOr};

pub struct EventVersions;

impl Modify for EventVersions {
    fn modify(&self, document: &mut OpenApi) {
        let schemas = document.components.as_mut().map(|c| &mut c.schemas);
        let Some(RefOr::T(Schema::OneOf(event))) = schemas.and_then(|s| s.get_mut("Event")) else {
            return;
        };
        for variant in &mut event.items {
            let RefOr::T(Schema::Object(variant)) = variant else {
                continue;
            };
            let Some(kind) = kind_of(variant) else {
                continue;
            };
            variant
                .extensions
                .get_or_insert_with(Default::default)
                .insert("x-event-version".to_owned(), kind.version().into());
        }
    }
}

/// The kind a variant's `type` names (its one allowed value).
fn kind_of(variant: &utoipa::openapi::schema::Object) -> Option<EventKind> {
    let RefOr::T(Schema::Object(tag)) = variant.properties.get("type")? else {
        return None;
    };
    let name = tag.enum_values.as_ref()?.first()?.as_str()?;
    EventKind::from_name(name)
}

#[cfg(test)]
mod tests {
    use openapi::events::EventKind;

    #[test]
    fn every_event_kind_is_in_the_document_with_its_version() {
        let document = serde_json::to_value(crate::openapi_doc::document()).unwrap_or_default();
        let variants = document["components"]["schemas"]["Event"]["oneOf"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for kind in EventKind::ALL {
            let described = variants.iter().find(|variant| {
                variant["properties"]["type"]["enum"][0].as_str() == Some(kind.name())
            });
            let version = described.map(|variant| variant["x-event-version"].clone());
            assert_eq!(
                version,
                Some(kind.version().into()),
                "{} in the document",
                kind.name()
            );
        }
    }
}
