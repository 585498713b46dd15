//! Suppliers: the list with search, and a form to add one.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::catalog::SupplierOut;

use super::TABS;
use crate::api::{self, ApiError};
use crate::components::{Field, FormProblem, Pager, Tabs, listing, new_key};
use crate::i18n::t;
use crate::input::{typed_text, typed_whole};
use crate::session::Session;

#[component]
pub fn Suppliers() -> impl IntoView {
    let session = Session::get();
    let query = RwSignal::new(String::new());
    let pager = Pager::new();
    let created = RwSignal::new(0u32);
    let suppliers = LocalResource::new(move || {
        created.track();
        let (q, cursor) = (query.get(), pager.cursor());
        async move { api::catalog::find_suppliers(session, q, 50, cursor).await }
    });
    view! {
        <section>
            <Tabs links=TABS />
            <h1>{move || t("suppliers-title")}</h1>
            {move || session.may(Permission::CatalogWrite).then(|| view! { <NewSupplier created /> })}
            <label class="search">
                <span class="visually-hidden">{move || t("supplier-search")}</span>
                <input type="search" name="q" placeholder=move || t("supplier-search")
                    on:change=move |ev| {
                        query.set(event_target_value(&ev));
                        pager.restart();
                    } />
            </label>
            {listing(suppliers, pager, "suppliers",
                &["supplier-name", "supplier-tax-id", "supplier-contact-name", "supplier-lead-time"],
                |s: SupplierOut| {
                    let contact = [s.contact_name, s.email, s.phone]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ");
                    view! {
                        <tr>
                            <td>{s.name}</td>
                            <td>{s.tax_id}</td>
                            <td>{contact}</td>
                            <td>{s.lead_time_days}</td>
                        </tr>
                    }
                })}
        </section>
    }
}

/// A new supplier; each field shows the API's message when it is wrong.
#[component]
fn NewSupplier(created: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let name = RwSignal::new(String::new());
    let tax_id = RwSignal::new(String::new());
    let contact_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let lead_time = RwSignal::new("0".to_owned());
    let failed = RwSignal::new(None::<ApiError>);
    let key = RwSignal::new(new_key());
    let submit = Action::new_local(move |_: &()| {
        let body = serde_json::json!({
            "name": name.get_untracked().trim(),
            "tax_id": typed_text(&tax_id.get_untracked()),
            "contact_name": typed_text(&contact_name.get_untracked()),
            "email": typed_text(&email.get_untracked()),
            "phone": typed_text(&phone.get_untracked()),
            "lead_time_days": typed_whole(&lead_time.get_untracked()),
        });
        let idempotency_key = key.get_untracked();
        async move {
            let answer = api::catalog::create_supplier(session, &body, idempotency_key).await;
            match answer {
                Ok(_) => {
                    failed.set(None);
                    key.set(new_key());
                    for field in [name, tax_id, contact_name, email, phone] {
                        field.set(String::new());
                    }
                    lead_time.set("0".to_owned());
                    created.update(|n| *n += 1);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <details class="new">
            <summary>{move || t("supplier-new")}</summary>
            <form class="inline" on:submit=move |ev| {
                ev.prevent_default();
                submit.dispatch(());
            }>
                <Field label="supplier-name" name="name" value=name failed field="name" required=true />
                <Field label="supplier-tax-id" name="tax_id" value=tax_id failed field="tax_id" />
                <Field label="supplier-contact-name" name="contact_name" value=contact_name failed
                    field="contact_name" />
                <Field label="supplier-email" name="email" value=email failed field="email"
                    kind="email" />
                <Field label="supplier-phone" name="phone" value=phone failed field="phone" kind="tel" />
                <Field label="supplier-lead-time" name="lead_time_days" value=lead_time failed
                    field="lead_time_days" kind="number" />
                <button type="submit" data-testid="supplier-create"
                    disabled=move || submit.pending().get()>
                    {move || t("supplier-create")}
                </button>
            </form>
            <FormProblem failed />
        </details>
    }
}
