//! A fulfilment's next step as a button or a form: pick it, pack it into packages, hand each
//! package to a carrier, or cancel it. Each success loads the fulfilment again.

use leptos::prelude::*;
use openapi::logistics::CarrierOut;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{Choice, Field, FormProblem};
use crate::i18n::{I18n, message, t};
use crate::input::{typed_amount, typed_text, typed_whole};
use crate::session::Session;

/// Runs a step's request; on success the page loads the fulfilment again.
fn after(
    failed: RwSignal<Option<ApiError>>,
    refresh: RwSignal<u32>,
    answer: Result<openapi::logistics::FulfilmentOut, ApiError>,
) {
    match answer {
        Ok(_) => {
            failed.set(None);
            refresh.update(|n| *n += 1);
        }
        Err(error) => failed.set(Some(error)),
    }
}

/// Starts picking a pending fulfilment.
#[component]
pub fn Pick(id: Uuid, refresh: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let failed = RwSignal::new(None::<ApiError>);
    let pick = Action::new_local(move |_: &()| async move {
        after(failed, refresh, api::logistics::pick(session, id).await);
    });
    view! {
        <div class="actions">
            <button data-testid="pick" disabled=move || pick.pending().get()
                on:click=move |_| { pick.dispatch(()); }>
                {move || t("fulfilment-pick")}
            </button>
            <FormProblem failed />
        </div>
    }
}

/// One package's fields, as typed.
#[derive(Clone, Copy)]
struct Package {
    weight: RwSignal<String>,
    length: RwSignal<String>,
    width: RwSignal<String>,
    height: RwSignal<String>,
}

impl Package {
    fn new() -> Package {
        Package {
            weight: RwSignal::new(String::new()),
            length: RwSignal::new(String::new()),
            width: RwSignal::new(String::new()),
            height: RwSignal::new(String::new()),
        }
    }

    fn body(&self) -> serde_json::Value {
        serde_json::json!({
            "weight_grams": typed_whole(&self.weight.get_untracked()),
            "length_mm": typed_whole(&self.length.get_untracked()),
            "width_mm": typed_whole(&self.width.get_untracked()),
            "height_mm": typed_whole(&self.height.get_untracked()),
        })
    }
}

/// Packs a fulfilment being picked into one or more packages.
#[component]
pub fn Pack(id: Uuid, refresh: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let failed = RwSignal::new(None::<ApiError>);
    let packages = RwSignal::new(vec![Package::new()]);
    let pack = Action::new_local(move |_: &()| {
        let body = serde_json::json!({
            "packages": packages.get_untracked().iter().map(Package::body).collect::<Vec<_>>(),
        });
        async move {
            after(
                failed,
                refresh,
                api::logistics::pack(session, id, &body).await,
            );
        }
    });
    view! {
        <form class="inline pack" on:submit=move |ev| {
            ev.prevent_default();
            pack.dispatch(());
        }>
            <h2>{move || t("fulfilment-pack-title")}</h2>
            {move || packages.get().into_iter().enumerate().map(|(i, p)| view! {
                <PackageFields number=i + 1 package=p failed />
            }).collect_view()}
            <button type="button" class="secondary" on:click=move |_| packages.update(|p| p.push(Package::new()))>
                {move || t("fulfilment-add-package")}
            </button>
            {move || (packages.with(Vec::len) > 1).then(|| view! {
                <button type="button" class="secondary" on:click=move |_| packages.update(|p| { p.pop(); })>
                    {move || t("fulfilment-remove-package")}
                </button>
            })}
            <button type="submit" data-testid="pack" disabled=move || pack.pending().get()>
                {move || t("fulfilment-pack")}
            </button>
            <FormProblem failed />
        </form>
    }
}

#[component]
fn PackageFields(
    number: usize,
    package: Package,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i = number - 1;
    let legend = move || {
        message(
            I18n::get().locale(),
            "fulfilment-package",
            &[("number", number.to_string())],
        )
    };
    view! {
        <fieldset>
            <legend>{legend}</legend>
            <Field label="package-weight" name=format!("weight-{number}") value=package.weight failed
                field=format!("packages[{i}].weight_grams") kind="number" required=true />
            <Field label="package-length" name=format!("length-{number}") value=package.length failed
                field=format!("packages[{i}].length_mm") kind="number" required=true />
            <Field label="package-width" name=format!("width-{number}") value=package.width failed
                field=format!("packages[{i}].width_mm") kind="number" required=true />
            <Field label="package-height" name=format!("height-{number}") value=package.height failed
                field=format!("packages[{i}].height_mm") kind="number" required=true />
        </fieldset>
    }
}

/// Hands one package to a carrier: the service (the customer's choice first), its tracking
/// code and what it cost.
#[component]
pub fn Ship(
    shipment: Uuid,
    number: usize,
    service: Option<Uuid>,
    carriers: Vec<CarrierOut>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let session = Session::get();
    let failed = RwSignal::new(None::<ApiError>);
    let chosen = RwSignal::new(service.map(|s| s.to_string()).unwrap_or_default());
    let code = RwSignal::new(String::new());
    let cost = RwSignal::new(String::new());
    let ship = Action::new_local(move |_: &()| {
        let body = serde_json::json!({
            "service_id": typed_text(&chosen.get_untracked()),
            "tracking_code": code.get_untracked().trim(),
            "cost": typed_amount(&cost.get_untracked()),
        });
        async move {
            after(
                failed,
                refresh,
                api::logistics::ship(session, shipment, &body).await,
            );
        }
    });
    let options = carriers
        .into_iter()
        .flat_map(|c| {
            let carrier = c.name;
            c.services
                .into_iter()
                .map(move |s| (s.id.to_string(), format!("{carrier} · {}", s.name)))
        })
        .map(|(value, name)| view! { <option value=value>{name}</option> })
        .collect_view();
    view! {
        <form class="inline ship" on:submit=move |ev| {
            ev.prevent_default();
            ship.dispatch(());
        }>
            <Choice label="shipment-service" name=format!("service-{number}") value=chosen failed field="service_id">
                <option value="">{move || t("shipment-service-chosen")}</option>
                {options}
            </Choice>
            <Field label="shipment-tracking-code" name=format!("tracking-{number}") value=code failed
                field="tracking_code" required=true />
            <Field label="shipment-cost" name=format!("cost-{number}") value=cost failed field="cost" />
            <button type="submit" data-testid="ship" disabled=move || ship.pending().get()>
                {move || t("shipment-ship")}
            </button>
            <FormProblem failed />
        </form>
    }
}

/// Cancels a fulfilment that has not shipped, after asking, with an optional reason.
#[component]
pub fn Cancel(id: Uuid, refresh: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let failed = RwSignal::new(None::<ApiError>);
    let reason = RwSignal::new(String::new());
    let cancel = Action::new_local(move |_: &()| {
        let body = serde_json::json!({ "reason": typed_text(&reason.get_untracked()) });
        async move {
            after(
                failed,
                refresh,
                api::logistics::cancel(session, id, &body).await,
            );
        }
    });
    view! {
        <details class="new cancel">
            <summary>{move || t("fulfilment-cancel")}</summary>
            <form class="inline" on:submit=move |ev| {
                ev.prevent_default();
                let question = message(I18n::get().locale(), "fulfilment-cancel-confirm", &[]);
                if window().confirm_with_message(&question).unwrap_or(false) {
                    cancel.dispatch(());
                }
            }>
                <Field label="fulfilment-cancel-reason" name="cancel-reason" value=reason failed field="reason" />
                <button type="submit" class="danger" disabled=move || cancel.pending().get()>
                    {move || t("fulfilment-cancel")}
                </button>
                <FormProblem failed />
            </form>
        </details>
    }
}
