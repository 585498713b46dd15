//! Carriers: the list, each with its services, and a form to add one.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::logistics::CarrierOut;

use super::kind_key;
use crate::api::{self, ApiError};
use crate::components::{Choice, Field, FormProblem, Pager, Tabs, listing, new_key};
use crate::i18n::t;
use crate::input::typed_text;
use crate::session::Session;

#[component]
pub fn Carriers() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let created = RwSignal::new(0u32);
    let carriers = LocalResource::new(move || {
        created.track();
        let cursor = pager.cursor();
        async move { api::logistics::carriers(session, cursor).await }
    });
    view! {
        <section>
            <Tabs links=super::LOGISTICS_TABS />
            <h1>{move || t("carriers-title")}</h1>
            {move || session.may(Permission::LogisticsManage).then(|| view! { <NewCarrier created /> })}
            {listing(carriers, pager, "carriers",
                &["carrier-name", "carrier-kind", "carrier-services"],
                |c: CarrierOut| {
                    let services = c.services.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(" · ");
                    let href = format!("/carriers/{}", c.id);
                    view! {
                        <tr>
                            <td><a href=href>{c.name}</a></td>
                            <td>{move || t(kind_key(c.kind))}</td>
                            <td>{services}</td>
                        </tr>
                    }
                })}
        </section>
    }
}

/// The kinds a carrier may be, as the API names them, with their text's key.
const KINDS: [(&str, &str); 4] = [
    ("postal", "carrier-kind-postal"),
    ("courier", "carrier-kind-courier"),
    ("own_fleet", "carrier-kind-own_fleet"),
    ("store_pickup", "carrier-kind-store_pickup"),
];

/// A new carrier; each field shows the API's message when it is wrong.
#[component]
fn NewCarrier(created: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new("postal".to_owned());
    let tracking_url = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<ApiError>);
    let key = RwSignal::new(new_key());
    let submit = Action::new_local(move |_: &()| {
        let body = serde_json::json!({
            "name": name.get_untracked().trim(),
            "kind": kind.get_untracked(),
            "tracking_url": typed_text(&tracking_url.get_untracked()),
        });
        let idempotency_key = key.get_untracked();
        async move {
            match api::logistics::create_carrier(session, &body, idempotency_key).await {
                Ok(_) => {
                    failed.set(None);
                    key.set(new_key());
                    name.set(String::new());
                    tracking_url.set(String::new());
                    created.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <details class="new">
            <summary>{move || t("carrier-new")}</summary>
            <form class="inline" on:submit=move |ev| {
                ev.prevent_default();
                submit.dispatch(());
            }>
                <Field label="carrier-name" name="name" value=name failed field="name" required=true />
                <Choice label="carrier-kind" name="kind" value=kind failed field="kind">
                    {KINDS.map(|(value, key)| view! { <option value=value>{move || t(key)}</option> })}
                </Choice>
                <Field label="carrier-tracking-url" name="tracking_url" value=tracking_url failed
                    field="tracking_url" kind="url" />
                <button type="submit" data-testid="carrier-create"
                    disabled=move || submit.pending().get()>
                    {move || t("carrier-create")}
                </button>
            </form>
            <FormProblem failed />
        </details>
    }
}
