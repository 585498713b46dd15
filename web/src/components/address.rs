//! A postal address as a group of fields (orders' shipping address, customers' addresses).

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::Field;
use crate::input::typed_text;

/// The address fields, as typed.
#[derive(Clone, Copy)]
pub struct AddressFields {
    pub recipient: RwSignal<String>,
    pub street: RwSignal<String>,
    pub number: RwSignal<String>,
    pub complement: RwSignal<String>,
    pub district: RwSignal<String>,
    pub city: RwSignal<String>,
    pub state: RwSignal<String>,
    pub postal_code: RwSignal<String>,
    pub country: RwSignal<String>,
}

impl Default for AddressFields {
    fn default() -> AddressFields {
        AddressFields::new()
    }
}

impl AddressFields {
    pub fn new() -> AddressFields {
        let text = || RwSignal::new(String::new());
        AddressFields {
            recipient: text(),
            street: text(),
            number: text(),
            complement: text(),
            district: text(),
            city: text(),
            state: text(),
            postal_code: text(),
            country: RwSignal::new("BR".into()),
        }
    }

    pub fn fill(&self, address: &openapi::orders::Address) {
        self.recipient
            .set(address.recipient.clone().unwrap_or_default());
        self.street.set(address.street.clone());
        self.number.set(address.number.clone());
        self.complement
            .set(address.complement.clone().unwrap_or_default());
        self.district
            .set(address.district.clone().unwrap_or_default());
        self.city.set(address.city.clone());
        self.state.set(address.state.clone());
        self.postal_code.set(address.postal_code.clone());
        self.country.set(address.country.clone());
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "recipient": typed_text(&self.recipient.get_untracked()),
            "street": self.street.get_untracked(),
            "number": self.number.get_untracked(),
            "complement": typed_text(&self.complement.get_untracked()),
            "district": typed_text(&self.district.get_untracked()),
            "city": self.city.get_untracked(),
            "state": self.state.get_untracked(),
            "postal_code": self.postal_code.get_untracked(),
            "country": self.country.get_untracked(),
        })
    }
}

/// The address fields; `prefix` is the request field the API names errors under
/// (`shipping_address`, `addresses[0]`).
#[component]
pub fn AddressForm(
    address: AddressFields,
    failed: RwSignal<Option<ApiError>>,
    prefix: &'static str,
) -> impl IntoView {
    let fields: [(&'static str, &'static str, &'static str, RwSignal<String>); 9] = [
        (
            "address-recipient",
            "address-recipient",
            "recipient",
            address.recipient,
        ),
        (
            "address-postal-code",
            "address-postal-code",
            "postal_code",
            address.postal_code,
        ),
        ("address-street", "address-street", "street", address.street),
        ("address-number", "address-number", "number", address.number),
        (
            "address-complement",
            "address-complement",
            "complement",
            address.complement,
        ),
        (
            "address-district",
            "address-district",
            "district",
            address.district,
        ),
        ("address-city", "address-city", "city", address.city),
        ("address-state", "address-state", "state", address.state),
        (
            "address-country",
            "address-country",
            "country",
            address.country,
        ),
    ];
    fields
        .into_iter()
        .map(|(label, name, field, value)| {
            view! {
                <Field label name value failed field=format!("{prefix}.{field}") />
            }
        })
        .collect_view()
}
