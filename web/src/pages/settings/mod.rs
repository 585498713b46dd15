//! Settings: the store, its sales channels, order settings, members and roles, API keys.

use leptos::prelude::*;

use crate::i18n::t;

#[component]
pub fn Settings() -> impl IntoView {
    view! { <section><h1>{move || t("settings-title")}</h1></section> }
}
