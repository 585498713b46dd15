//! The store's locations as a choice: loaded once per page, offered by code and name, in one
//! `<select>` the logistics pages share (filters, the pick list, a return's receiving).

use leptos::prelude::*;
use openapi::inventory::LocationOut;
use uuid::Uuid;

use super::Choice;
use crate::api::{self, ApiError};
use crate::session::Session;

/// The store's locations (the first 200), as a page loads them.
pub type Locations = LocalResource<Result<Vec<LocationOut>, ApiError>>;

/// Loads the store's locations for one page (its filters, forms and names share them).
pub fn load_locations() -> Locations {
    let session = Session::get();
    LocalResource::new(move || api::inventory::locations(session))
}

/// The locations once loaded; none while they load or when that failed.
pub fn location_list(locations: Locations) -> Vec<LocationOut> {
    locations.get().and_then(|r| r.ok()).unwrap_or_default()
}

/// "CODE · Name", how a location is named in a choice or a heading.
pub fn location_name(location: &LocationOut) -> String {
    format!("{} · {}", location.code, location.name)
}

/// A location's code, once the locations are known.
pub fn location_code(locations: Locations, id: Uuid) -> String {
    location_list(locations)
        .into_iter()
        .find(|l| l.id == id)
        .map(|l| l.code)
        .unwrap_or_default()
}

/// A labelled choice of location bound to `value` (its id as text; empty for `all`'s option),
/// with the API's message for `field` under it when the form's `failed` names it.
#[component]
pub fn LocationSelect(
    #[prop(into)] name: String,
    value: RwSignal<String>,
    locations: Locations,
    /// The label's message key.
    #[prop(default = "stock-location")]
    label: &'static str,
    /// The key of a first, empty option ("all locations", "choose…").
    #[prop(optional)]
    all: Option<&'static str>,
    /// The problem of the form's last attempt, when the choice is part of one.
    #[prop(optional)]
    failed: Option<RwSignal<Option<ApiError>>>,
    /// The request field the API names when the choice is wrong.
    #[prop(optional, into)]
    field: String,
) -> impl IntoView {
    let failed = failed.unwrap_or_else(|| RwSignal::new(None));
    view! {
        <Choice label name value failed field>
            {all.map(|key| view! { <option value="">{move || crate::i18n::t(key)}</option> })}
            {move || location_list(locations).into_iter().map(|l| {
                let id = l.id.to_string();
                view! { <option value=id>{location_name(&l)}</option> }
            }).collect_view()}
        </Choice>
    }
}
