//! Locations: the store's warehouses and shops, and a form for a new one.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::inventory::{LocationIn, LocationKind, LocationOut};

use super::STOCK_TABS;
use crate::api::{self, ApiError};
use crate::components::{Choice, Field, FormProblem, Pager, Tabs, listing, new_key};
use crate::i18n::t;
use crate::session::Session;

#[component]
pub fn Locations() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let created = RwSignal::new(0u32);
    let locations = LocalResource::new(move || {
        created.track();
        let cursor = pager.cursor();
        async move { api::inventory::location_page(session, cursor).await }
    });
    view! {
        <section>
            <Tabs links=STOCK_TABS />
            <h1>{move || t("locations-title")}</h1>
            {move || session.may(Permission::LocationsManage).then(|| view! { <NewLocation created /> })}
            {listing(locations, pager, "locations",
                &["locations-code", "locations-name", "locations-kind", "locations-status"],
                |l: LocationOut| {
                    let kind = match l.kind {
                        LocationKind::Warehouse => "locations-warehouse",
                        LocationKind::Store => "locations-store",
                    };
                    view! {
                        <tr>
                            <td>{l.code.clone()}</td>
                            <td>{l.name.clone()}</td>
                            <td>{move || t(kind)}</td>
                            <td>{move || t(crate::pages::catalog::status_key(l.status))}</td>
                        </tr>
                    }
                })}
        </section>
    }
}

#[component]
fn NewLocation(created: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let name = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let kind = RwSignal::new("warehouse".to_string());
    let failed = RwSignal::new(None::<ApiError>);
    let key = RwSignal::new(new_key());
    let submit = Action::new_local(move |_: &()| {
        let body = LocationIn {
            name: name.get_untracked(),
            code: code.get_untracked(),
            kind: LocationKind::parse(&kind.get_untracked()),
        };
        let idempotency_key = key.get_untracked();
        async move {
            match api::inventory::create_location(session, &body, idempotency_key).await {
                Ok(_) => {
                    failed.set(None);
                    name.set(String::new());
                    code.set(String::new());
                    key.set(new_key());
                    created.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <details class="new" open=true>
            <summary>{move || t("locations-new")}</summary>
            <form class="inline" data-testid="new-location" on:submit=move |ev| {
                ev.prevent_default();
                submit.dispatch(());
            }>
                <Field label="locations-name" name="location-name" value=name failed field="name" />
                <Field label="locations-code" name="location-code" value=code failed field="code" />
                <Choice label="locations-kind" name="location-kind" value=kind failed field="kind">
                    <option value="warehouse">{move || t("locations-warehouse")}</option>
                    <option value="store">{move || t("locations-store")}</option>
                </Choice>
                <button type="submit" disabled=move || submit.pending().get()>{move || t("locations-create")}</button>
                <FormProblem failed />
            </form>
        </details>
    }
}
