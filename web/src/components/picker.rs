//! Choosing a variant by typing or scanning its SKU or barcode.

use leptos::prelude::*;
use openapi::catalog::VariantOut;

use crate::api::{self, ApiError};
use crate::i18n::t;
use crate::session::Session;

/// Finds the variant a code names: a barcode (8 to 14 digits) exactly, else the SKU, else the
/// only variant the text search finds.
pub async fn find_variant(session: Session, code: &str) -> Result<Option<VariantOut>, ApiError> {
    let code = code.trim();
    if code.is_empty() {
        return Ok(None);
    }
    if (8..=14).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) {
        match api::catalog::variant_by_barcode(session, code).await {
            Ok(variant) => return Ok(Some(variant)),
            Err(error) if error.status == 404 => {}
            Err(error) => return Err(error),
        }
    }
    let page = api::catalog::variants(session, code, 20).await?;
    let exact = page
        .items
        .iter()
        .find(|v| v.sku.eq_ignore_ascii_case(code))
        .cloned();
    Ok(exact.or_else(|| (page.items.len() == 1).then(|| page.items[0].clone())))
}

/// A SKU/barcode input that settles on one variant (Enter or leaving the field looks it up;
/// a scanner's Enter does not submit the form). Shows the product found, or that none was.
#[component]
pub fn VariantPicker(
    label: &'static str,
    name: String,
    chosen: RwSignal<Option<VariantOut>>,
    failed: RwSignal<Option<ApiError>>,
    field: String,
) -> impl IntoView {
    let session = Session::get();
    let text = RwSignal::new(chosen.get_untracked().map(|v| v.sku).unwrap_or_default());
    let missing = RwSignal::new(false);
    let look_up = move || {
        let code = text.get_untracked();
        leptos::task::spawn_local(async move {
            let found = find_variant(session, &code).await.ok().flatten();
            missing.set(found.is_none() && !code.trim().is_empty());
            chosen.set(found);
        });
    };
    let id = format!("field-{name}");
    let label_for = id.clone();
    let error_id = format!("field-{name}-error");
    let error = Memo::new(move |_| {
        failed
            .get()
            .and_then(|e| e.for_field(&field))
            .or_else(|| missing.get().then(|| t("variant-not-found")))
    });
    view! {
        <label for=label_for class="picker">
            {move || t(label)}
            <input id=id name=name.clone() bind:value=text autocomplete="off"
                inputmode="text" placeholder=move || t("variant-code")
                on:change=move |_| look_up()
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Enter" {
                        ev.prevent_default();
                        look_up();
                    }
                }
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone() />
            <small class="chosen">{move || chosen.get().map(|v| format!("{} · {}", v.product_name, v.sku))}</small>
        </label>
        <p class="field-error error" id=error_id>{error}</p>
    }
}
