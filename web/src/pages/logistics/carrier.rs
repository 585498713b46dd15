//! One carrier: its services, each with its transit table, and a form to add a service.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use openapi::auth::Permission;
use openapi::logistics::{CarrierOut, ServiceOut, TransitRow};
use uuid::Uuid;

use super::kind_key;
use crate::api::{self, ApiError};
use crate::components::{Field, FormProblem};
use crate::i18n::t;
use crate::session::Session;

#[component]
pub fn CarrierDetail() -> impl IntoView {
    let session = Session::get();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<Uuid>().ok()));
    let changed = RwSignal::new(0u32);
    let carrier = LocalResource::new(move || {
        changed.track();
        let id = id();
        async move {
            match id {
                Some(id) => api::logistics::carrier(session, id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <section>
            <p><a href="/carriers">{move || t("carriers-title")}</a></p>
            {move || match carrier.get() {
                None => view! { <p class="loading">{move || t("loading")}</p> }.into_any(),
                Some(Ok(Some(carrier))) => view! { <Carrier carrier changed /> }.into_any(),
                Some(Ok(None)) => view! { <h1>{move || t("carrier-missing")}</h1> }.into_any(),
                Some(Err(error)) => view! {
                    <h1>{move || t("carrier-missing")}</h1>
                    <p class="error">{error.to_string()}</p>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Carrier(carrier: CarrierOut, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let carrier_id = carrier.id;
    view! {
        <h1>{carrier.name.clone()}</h1>
        <p class="meta">
            {move || t(kind_key(carrier.kind))}
            {carrier.tracking_url.clone().map(|url| view! { " · " <code>{url}</code> })}
        </p>
        {move || session.may(Permission::LogisticsManage)
            .then(|| view! { <NewService carrier_id changed /> })}
        <div class="cards">
            {carrier.services.into_iter().map(|service| view! { <Service service /> }).collect_view()}
        </div>
    }
}

/// A service and its transit table.
#[component]
fn Service(service: ServiceOut) -> impl IntoView {
    let session = Session::get();
    let id = service.id;
    let imported = RwSignal::new(0u32);
    let table = LocalResource::new(move || {
        imported.track();
        api::logistics::transit_table(session, id)
    });
    view! {
        <article class="card">
            <h2>{service.name} " " <code>{service.code}</code></h2>
            {move || session.may(Permission::LogisticsManage)
                .then(|| view! { <ImportTable service=id imported /> })}
            {move || match table.get() {
                Some(Ok(table)) if table.rows.is_empty() => {
                    view! { <p class="empty">{move || t("transit-none")}</p> }.into_any()
                }
                Some(Ok(table)) => view! {
                    <table class="transit">
                        <thead><tr>
                            <th scope="col">{move || t("transit-region")}</th>
                            <th scope="col">{move || t("transit-days")}</th>
                        </tr></thead>
                        <tbody>
                            {table.rows.into_iter().map(|row| view! {
                                <tr><td>{region(&row)}</td><td>{row.days}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
                Some(Err(error)) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                None => view! { <p class="loading">{move || t("loading")}</p> }.into_any(),
            }}
        </article>
    }
}

/// A row's region in a few characters: `SP`, `01000-000 – 05999-999`, `BR`.
fn region(row: &TransitRow) -> String {
    let cep = |digits: &str| {
        format!(
            "{}-{}",
            &digits[..5.min(digits.len())],
            &digits[5.min(digits.len())..]
        )
    };
    match (row.state, &row.postal_from, &row.postal_to, &row.country) {
        (Some(state), ..) => state.as_str().to_owned(),
        (None, Some(from), Some(to), _) => format!("{} – {}", cep(from), cep(to)),
        (None, _, _, Some(country)) => country.clone(),
        _ => String::new(),
    }
}

/// Replaces the table with CSV pasted from the carrier's spreadsheet.
#[component]
fn ImportTable(service: Uuid, imported: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let csv = RwSignal::new("state,postal_from,postal_to,country,days\n".to_owned());
    let failed = RwSignal::new(None::<ApiError>);
    let submit = Action::new_local(move |_: &()| {
        let file = csv.get_untracked();
        async move {
            match api::logistics::import_transit_table(session, service, file).await {
                Ok(_) => {
                    failed.set(None);
                    imported.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let field = format!("transit-csv-{service}");
    let label_for = field.clone();
    view! {
        <details class="new">
            <summary>{move || t("transit-import")}</summary>
            <form on:submit=move |ev| {
                ev.prevent_default();
                submit.dispatch(());
            }>
                <label for=label_for>
                    {move || t("transit-import-help")}
                    <textarea id=field rows="6" bind:value=csv></textarea>
                </label>
                <button type="submit" disabled=move || submit.pending().get()>
                    {move || t("transit-import-send")}
                </button>
            </form>
            <FormProblem failed />
        </details>
    }
}

#[component]
fn NewService(carrier_id: Uuid, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let name = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let submit = Action::new_local(move |_: &()| {
        let body = serde_json::json!({
            "name": name.get_untracked().trim(),
            "code": code.get_untracked().trim(),
        });
        async move {
            match api::logistics::add_service(session, carrier_id, &body).await {
                Ok(_) => {
                    failed.set(None);
                    name.set(String::new());
                    code.set(String::new());
                    changed.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <details class="new">
            <summary>{move || t("service-new")}</summary>
            <form class="inline" on:submit=move |ev| {
                ev.prevent_default();
                submit.dispatch(());
            }>
                <Field label="service-name" name="service-name" value=name failed field="name" required=true />
                <Field label="service-code" name="service-code" value=code failed field="code" required=true />
                <button type="submit" disabled=move || submit.pending().get()>
                    {move || t("service-create")}
                </button>
            </form>
            <FormProblem failed />
        </details>
    }
}
