//! Receiving an approved return: each line inspected, its units put back on sale at a
//! location or set aside there as unsellable (a `ReceiveIn`, sent at the return's version).

use leptos::prelude::*;
use openapi::logistics::{ReasonKind, ReturnOut};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{Field, FormProblem, LocationSelect, Locations, load_locations, new_key};
use crate::i18n::{I18n, message, t};
use crate::input::{typed_text, typed_whole};
use crate::session::Session;

/// One line's inspection, as typed.
#[derive(Clone, Copy)]
struct Inspection {
    line_id: Uuid,
    restock: RwSignal<String>,
    unsellable: RwSignal<String>,
    location: RwSignal<String>,
}

impl Inspection {
    fn body(&self) -> serde_json::Value {
        serde_json::json!({
            "line_id": self.line_id,
            "location_id": typed_text(&self.location.get_untracked()),
            "restock": typed_whole(&self.restock.get_untracked()),
            "unsellable": typed_whole(&self.unsellable.get_untracked()),
        })
    }
}

#[component]
pub fn Receive(found: ReturnOut, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let locations = load_locations();
    let failed = RwSignal::new(None::<ApiError>);
    let (id, version) = (found.id, found.version);
    // Kept until it succeeds (the page is then drawn again, with a new form).
    let key = new_key();
    // A regret comes back as new; a defect starts set aside. Staff change either.
    let lines: Vec<_> = found
        .lines
        .into_iter()
        .map(|line| {
            let sellable = line.reason_kind == ReasonKind::Regret;
            let (restock, unsellable) = if sellable {
                (line.quantity, 0)
            } else {
                (0, line.quantity)
            };
            let inspection = Inspection {
                line_id: line.id,
                restock: RwSignal::new(restock.to_string()),
                unsellable: RwSignal::new(unsellable.to_string()),
                location: RwSignal::new(String::new()),
            };
            (line.sku, line.quantity, inspection)
        })
        .collect();
    let inspections: Vec<Inspection> = lines.iter().map(|(_, _, i)| *i).collect();
    let every = StoredValue::new(inspections);
    // Every line starts at the first location once the locations arrive.
    Effect::new(move |_| {
        if let Some(Ok(list)) = locations.get()
            && let Some(first) = list.first()
        {
            for inspection in every.get_value() {
                if inspection.location.get_untracked().is_empty() {
                    inspection.location.set(first.id.to_string());
                }
            }
        }
    });
    let receive = Action::new_local(move |_: &()| {
        let body = serde_json::json!({
            "lines": every.get_value().iter().map(Inspection::body).collect::<Vec<_>>(),
        });
        async move {
            match api::returns::receive(session, id, &body, version, key).await {
                Ok(_) => {
                    failed.set(None);
                    changed.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="inline receive" data-testid="receive-form" on:submit=move |ev| {
            ev.prevent_default();
            receive.dispatch(());
        }>
            <h2>{move || t("return-receive-title")}</h2>
            <p class="meta">{move || t("return-receive-help")}</p>
            {lines.into_iter().enumerate().map(|(i, (sku, quantity, inspection))| view! {
                <LineFields i sku quantity inspection locations failed />
            }).collect_view()}
            <button type="submit" data-testid="return-receive" disabled=move || receive.pending().get()>
                {move || t("return-receive")}
            </button>
            <FormProblem failed />
        </form>
    }
}

/// One line's fields: how many go back on sale, how many are set aside, and where.
#[component]
fn LineFields(
    i: usize,
    sku: String,
    quantity: i64,
    inspection: Inspection,
    locations: Locations,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let legend = move || {
        message(
            I18n::get().locale(),
            "return-receive-line",
            &[("sku", sku.clone()), ("quantity", quantity.to_string())],
        )
    };
    let n = i + 1;
    view! {
        <fieldset>
            <legend>{legend}</legend>
            <Field label="return-restock" name=format!("restock-{n}") value=inspection.restock
                failed field=format!("lines[{i}].restock") kind="number" required=true />
            <Field label="return-set-aside" name=format!("unsellable-{n}") value=inspection.unsellable
                failed field=format!("lines[{i}].unsellable") kind="number" required=true />
            <LocationSelect name=format!("location-{n}") value=inspection.location locations
                label="return-location" failed field=format!("lines[{i}].location_id") />
        </fieldset>
    }
}
