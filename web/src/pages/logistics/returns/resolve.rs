//! Resolving a received return (a `ResolveIn`, sent at the return's version): its credit
//! refunded, after asking, or an exchange, a replacement order of the variants chosen that the
//! credit pays for.

use leptos::prelude::*;
use openapi::catalog::VariantOut;
use openapi::logistics::ReturnOut;

use crate::api::{self, ApiError};
use crate::components::{Field, FormProblem, VariantPicker, new_key};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::input::typed_whole;
use crate::session::Session;

/// A replacement line, as typed.
#[derive(Clone, Copy)]
struct Replacement {
    variant: RwSignal<Option<VariantOut>>,
    quantity: RwSignal<String>,
}

impl Replacement {
    fn new() -> Replacement {
        Replacement {
            variant: RwSignal::new(None),
            quantity: RwSignal::new("1".into()),
        }
    }
}

/// The request's body, or the problem of the first replacement line with no variant chosen.
fn body(exchange: bool, lines: &[Replacement]) -> Result<serde_json::Value, ApiError> {
    if !exchange {
        return Ok(serde_json::json!({ "resolution": "refund" }));
    }
    let mut replacement = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(variant) = line.variant.get_untracked() else {
            let field = format!("replacement[{i}].variant_id");
            return Err(ApiError::local(&field, &t("return-choose-variant")));
        };
        replacement.push(serde_json::json!({
            "variant_id": variant.id,
            "quantity": typed_whole(&line.quantity.get_untracked()),
        }));
    }
    Ok(serde_json::json!({ "resolution": "exchange", "replacement": replacement }))
}

#[component]
pub fn Resolve(found: ReturnOut, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let locale = move || I18n::get().locale();
    let (value, currency) = (found.credit, session.store_currency());
    let credit = move || format::money(value, currency, locale());
    let (id, version) = (found.id, found.version);
    let key = new_key();
    let failed = RwSignal::new(None::<ApiError>);
    let exchange = RwSignal::new(false);
    let lines = RwSignal::new(vec![Replacement::new()]);
    let resolve = Action::new_local(move |body: &serde_json::Value| {
        let body = body.clone();
        async move {
            match api::returns::resolve(session, id, &body, version, key).await {
                Ok(_) => {
                    failed.set(None);
                    changed.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = match body(exchange.get_untracked(), &lines.get_untracked()) {
            Ok(body) => body,
            Err(problem) => return failed.set(Some(problem)),
        };
        // Money leaves the store: asked first.
        let question = message(locale(), "return-refund-confirm", &[("amount", credit())]);
        if exchange.get_untracked() || window().confirm_with_message(&question).unwrap_or(false) {
            resolve.dispatch(body);
        }
    };
    view! {
        <form class="resolve" data-testid="resolve-form" on:submit=submit>
            <h2>{move || t("return-resolve-title")}</h2>
            <fieldset>
                <legend>{move || t("return-resolution")}</legend>
                <label class="check">
                    <input type="radio" name="resolution" value="refund" data-testid="resolve-refund"
                        prop:checked=move || !exchange.get() on:change=move |_| exchange.set(false) />
                    {move || message(locale(), "return-refund-of", &[("amount", credit())])}
                </label>
                <label class="check">
                    <input type="radio" name="resolution" value="exchange" data-testid="resolve-exchange"
                        prop:checked=move || exchange.get() on:change=move |_| exchange.set(true) />
                    {move || t("return-resolution-exchange")}
                </label>
            </fieldset>
            <Show when=move || exchange.get()>
                <ReplacementLines lines failed />
            </Show>
            <button type="submit" data-testid="return-resolve" disabled=move || resolve.pending().get()>
                {move || if exchange.get() { t("return-exchange") } else { t("return-refund") }}
            </button>
            <FormProblem failed />
        </form>
    }
}

/// The replacement order's lines: a variant by SKU or barcode and a quantity each.
#[component]
fn ReplacementLines(
    lines: RwSignal<Vec<Replacement>>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{move || t("return-replacement-lines")}</legend>
            {move || lines.get().into_iter().enumerate().map(|(i, line)| view! {
                <div class="inline">
                    <VariantPicker label="product-sku" name=format!("replacement-variant-{i}")
                        chosen=line.variant failed field=format!("replacement[{i}].variant_id") />
                    <Field label="stock-quantity" name=format!("replacement-quantity-{i}") kind="number"
                        value=line.quantity failed field=format!("replacement[{i}].quantity") />
                </div>
            }).collect_view()}
            <button type="button" class="secondary" on:click=move |_| lines.update(|l| l.push(Replacement::new()))>
                {move || t("return-add-replacement")}
            </button>
        </fieldset>
    }
}
