//! The stock team's forms: receive or adjust, transfer between locations, count.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::catalog::VariantOut;
use openapi::inventory::{
    AdjustmentIn, AdjustmentReason, CountIn, CountLineIn, CountOut, LocationOut, TransferIn,
};
use uuid::Uuid;

use super::location_options;
use crate::api::{self, ApiError};
use crate::components::{Choice, Field, FormProblem, Saved, VariantPicker, new_key};
use crate::i18n::t;
use crate::session::Session;

type Locations = LocalResource<Result<Vec<LocationOut>, ApiError>>;

const REASONS: [(AdjustmentReason, &str); 7] = [
    (AdjustmentReason::Initial, "reason-initial"),
    (AdjustmentReason::Found, "reason-found"),
    (AdjustmentReason::Correction, "reason-correction"),
    (AdjustmentReason::Loss, "reason-loss"),
    (AdjustmentReason::Theft, "reason-theft"),
    (AdjustmentReason::Damage, "reason-damage"),
    (AdjustmentReason::Other, "reason-other"),
];

/// A missing choice as the API would name it, so it shows under its field.
fn missing(field: &str) -> ApiError {
    ApiError::local(field, &t("required"))
}

fn parse_id(text: &str) -> Option<Uuid> {
    text.parse().ok()
}

/// A whole number as typed ("" is not one).
fn parse_quantity(text: &str) -> Option<i64> {
    text.trim().parse().ok()
}

#[component]
pub fn StockForms(locations: Locations, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    view! {
        <div class="stock-forms">
            <details class="new">
                <summary>{move || t("stock-adjust")}</summary>
                <AdjustForm locations changed />
            </details>
            <details class="new">
                <summary>{move || t("stock-transfer")}</summary>
                <TransferForm locations changed />
            </details>
            {move || session.may(Permission::StockCount).then(|| view! {
                <details class="new">
                    <summary>{move || t("stock-count")}</summary>
                    <CountForm locations changed />
                </details>
            })}
        </div>
    }
}

#[component]
fn AdjustForm(locations: Locations, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let variant = RwSignal::new(None::<VariantOut>);
    let location = RwSignal::new(String::new());
    let quantity = RwSignal::new(String::new());
    let reason = RwSignal::new("initial".to_string());
    let note = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    // Kept until the change goes through: a retry or a second click changes the stock once.
    let key = RwSignal::new(new_key());
    let submit = Action::new_local(move |_: &()| {
        let idempotency_key = key.get_untracked();
        let body = (|| {
            let variant_id = variant
                .get_untracked()
                .ok_or_else(|| missing("variant_id"))?
                .id;
            let location_id =
                parse_id(&location.get_untracked()).ok_or_else(|| missing("location_id"))?;
            let quantity =
                parse_quantity(&quantity.get_untracked()).ok_or_else(|| missing("quantity"))?;
            let reason = REASONS
                .iter()
                .find(|(r, _)| r.as_str() == reason.get_untracked())
                .map_or(AdjustmentReason::Other, |(r, _)| *r);
            let note = Some(note.get_untracked()).filter(|n| !n.trim().is_empty());
            Ok(AdjustmentIn {
                variant_id,
                location_id,
                quantity,
                reason,
                note,
            })
        })();
        async move {
            let answer = match body {
                Ok(body) => api::inventory::adjust(session, &body, idempotency_key).await,
                Err(error) => Err(error),
            };
            settle(answer.map(|_| ()), failed, done, changed, || {
                key.set(new_key());
                quantity.set(String::new());
                note.set(String::new());
            });
        }
    });
    view! {
        <form class="inline" data-testid="adjust-form" on:submit=move |ev| {
            ev.prevent_default();
            if !submit.pending().get_untracked() {
                submit.dispatch(());
            }
        }>
            <VariantPicker label="product-sku" name="adjust-variant".to_string() chosen=variant failed
                field="variant_id".to_string() />
            <Choice label="stock-location" name="adjust-location" value=location failed field="location_id">
                {location_options(locations, Some("choose"))}
            </Choice>
            <Field label="stock-quantity-signed" name="adjust-quantity" kind="number" value=quantity failed
                field="quantity" />
            <Choice label="stock-reason" name="adjust-reason" value=reason failed field="reason">
                {REASONS.iter().map(|(r, key)| view! { <option value=r.as_str()>{move || t(key)}</option> }).collect_view()}
            </Choice>
            <Field label="stock-note" name="adjust-note" value=note failed field="note" />
            <button type="submit" disabled=move || submit.pending().get()>{move || t("save")}</button>
            <Saved done />
            <FormProblem failed />
        </form>
    }
}

#[component]
fn TransferForm(locations: Locations, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let variant = RwSignal::new(None::<VariantOut>);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let quantity = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    // Kept until the change goes through: a retry or a second click changes the stock once.
    let key = RwSignal::new(new_key());
    let submit = Action::new_local(move |_: &()| {
        let idempotency_key = key.get_untracked();
        let body = (|| {
            Ok(TransferIn {
                variant_id: variant
                    .get_untracked()
                    .ok_or_else(|| missing("variant_id"))?
                    .id,
                from_location_id: parse_id(&from.get_untracked())
                    .ok_or_else(|| missing("from_location_id"))?,
                to_location_id: parse_id(&to.get_untracked())
                    .ok_or_else(|| missing("to_location_id"))?,
                quantity: parse_quantity(&quantity.get_untracked())
                    .ok_or_else(|| missing("quantity"))?,
                note: None,
            })
        })();
        async move {
            let answer = match body {
                Ok(body) => api::inventory::transfer(session, &body, idempotency_key).await,
                Err(error) => Err(error),
            };
            settle(answer.map(|_| ()), failed, done, changed, || {
                key.set(new_key());
                quantity.set(String::new())
            });
        }
    });
    view! {
        <form class="inline" data-testid="transfer-form" on:submit=move |ev| {
            ev.prevent_default();
            if !submit.pending().get_untracked() {
                submit.dispatch(());
            }
        }>
            <VariantPicker label="product-sku" name="transfer-variant".to_string() chosen=variant failed
                field="variant_id".to_string() />
            <Choice label="stock-from" name="transfer-from" value=from failed field="from_location_id">
                {location_options(locations, Some("choose"))}
            </Choice>
            <Choice label="stock-to" name="transfer-to" value=to failed field="to_location_id">
                {location_options(locations, Some("choose"))}
            </Choice>
            <Field label="stock-quantity" name="transfer-quantity" kind="number" value=quantity failed
                field="quantity" />
            <button type="submit" disabled=move || submit.pending().get()>{move || t("stock-transfer")}</button>
            <Saved done />
            <FormProblem failed />
        </form>
    }
}

/// One counted line: the variant scanned and the units found.
#[derive(Clone, Copy)]
struct CountRow {
    variant: RwSignal<Option<VariantOut>>,
    counted: RwSignal<String>,
}

impl CountRow {
    fn new() -> CountRow {
        CountRow {
            variant: RwSignal::new(None),
            counted: RwSignal::new(String::new()),
        }
    }
}

#[component]
fn CountForm(locations: Locations, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let location = RwSignal::new(String::new());
    let rows = RwSignal::new(vec![CountRow::new()]);
    let failed = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let result = RwSignal::new(None::<CountOut>);
    let key = RwSignal::new(new_key());
    let submit = Action::new_local(move |_: &()| {
        let idempotency_key = key.get_untracked();
        let body = (|| {
            let location_id =
                parse_id(&location.get_untracked()).ok_or_else(|| missing("location_id"))?;
            let lines = rows
                .get_untracked()
                .iter()
                .enumerate()
                .filter_map(|(i, row)| {
                    let variant = row.variant.get_untracked()?;
                    Some(match parse_quantity(&row.counted.get_untracked()) {
                        Some(counted) => Ok(CountLineIn {
                            variant_id: variant.id,
                            counted,
                        }),
                        None => Err(missing(&format!("lines[{i}].counted"))),
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(CountIn {
                location_id,
                lines,
                note: None,
            })
        })();
        async move {
            let answer = match body {
                Ok(body) => api::inventory::count(session, &body, idempotency_key).await,
                Err(error) => Err(error),
            };
            let outcome = answer.map(|count| result.set(Some(count)));
            settle(outcome, failed, done, changed, || {
                key.set(new_key());
                rows.set(vec![CountRow::new()])
            });
        }
    });
    view! {
        <form data-testid="count-form" on:submit=move |ev| {
            ev.prevent_default();
            if !submit.pending().get_untracked() {
                submit.dispatch(());
            }
        }>
            <Choice label="stock-location" name="count-location" value=location failed field="location_id">
                {location_options(locations, Some("choose"))}
            </Choice>
            {move || rows.get().into_iter().enumerate().map(|(i, row)| view! {
                <div class="inline count-row">
                    <VariantPicker label="product-sku" name=format!("count-variant-{i}") chosen=row.variant
                        failed field=format!("lines[{i}].variant_id") />
                    <Field label="stock-counted" name=format!("count-quantity-{i}") kind="number"
                        value=row.counted failed field=format!("lines[{i}].counted") />
                </div>
            }).collect_view()}
            <button type="button" class="secondary" on:click=move |_| rows.update(|r| r.push(CountRow::new()))>
                {move || t("stock-count-add")}
            </button>
            " "
            <button type="submit" disabled=move || submit.pending().get()>{move || t("stock-count-save")}</button>
            <Saved done />
            <FormProblem failed />
            {move || result.get().map(|count| view! {
                <table class="count-result">
                    <thead><tr>
                        <th scope="col">{move || t("product-sku")}</th>
                        <th scope="col">{move || t("stock-expected")}</th>
                        <th scope="col">{move || t("stock-counted")}</th>
                        <th scope="col">{move || t("stock-difference")}</th>
                    </tr></thead>
                    <tbody>{count.lines.into_iter().map(|l| view! {
                        <tr><td>{l.sku}</td><td>{l.expected}</td><td>{l.counted}</td><td>{l.difference}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            })}
        </form>
    }
}

/// After a form's request: the problem, or "saved", a refresh of the levels and a reset.
fn settle(
    answer: Result<(), ApiError>,
    failed: RwSignal<Option<ApiError>>,
    done: RwSignal<bool>,
    changed: RwSignal<u32>,
    reset: impl FnOnce(),
) {
    match answer {
        Ok(()) => {
            failed.set(None);
            done.set(true);
            changed.update(|n| *n += 1);
            reset();
        }
        Err(error) => {
            done.set(false);
            failed.set(Some(error));
        }
    }
}
