//! Customers: the list with search and what each is worth, a new customer, and one customer
//! to edit (contact, tax id, language, consent, tags, notes, address) with their orders.

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::A;
use leptos_router::components::Route;
use leptos_router::path;
use openapi::auth::Permission;
use openapi::orders::CustomerOut;
use openapi::tenancy::Locale;

use crate::api::orders as api;
use crate::components::{
    AddressFields, AddressForm, Choice, Edit, Field, FormProblem, Pager, Saved, detail, listing,
    new_key,
};
use crate::format;
use crate::i18n::{I18n, t};
use crate::input::typed_text;
use crate::pages::{Module, NavLink, group};
use crate::session::Session;

lazy_pages!(customers: CustomersPage => Customers, CustomerDetailPage => CustomerDetail);

pub const MODULE: Module = Module {
    nav: Some(NavLink {
        href: "/customers",
        text: "nav-customers",
        permission: None,
    }),
    routes: || {
        group(
            view! {
                <Route path=path!("/customers") view={Lazy::<CustomersPage>::new()} />
                <Route path=path!("/customers/:id") view={Lazy::<CustomerDetailPage>::new()} />
            }
            .into_inner(),
        )
    },
};

#[component]
pub fn Customers() -> impl IntoView {
    let session = Session::get();
    let query = RwSignal::new(String::new());
    let pager = Pager::new();
    let customers = LocalResource::new(move || {
        let (q, cursor) = (query.get(), pager.cursor());
        async move { api::customers(session, q, 50, cursor).await }
    });
    let locale = move || I18n::get().locale();
    view! {
        <section>
            <h1>{move || t("customers-title")}</h1>
            {move || session.may(Permission::CustomersWrite).then(|| view! {
                <details class="new">
                    <summary>{move || t("customer-new")}</summary>
                    <CustomerForm customer=None />
                </details>
            })}
            <label class="search">
                <span class="visually-hidden">{move || t("customers-search")}</span>
                <input type="search" placeholder=move || t("customers-search")
                    on:change=move |ev| {
                        query.set(event_target_value(&ev));
                        pager.restart();
                    } />
            </label>
            {listing(customers, pager, "customers", &["customers-name", "customers-email", "customers-orders", "customers-value"],
                move |c: CustomerOut| view! {
                    <tr>
                        <td><A href=format!("/customers/{}", c.id)>{c.name.clone()}</A></td>
                        <td>{c.email.clone().unwrap_or_default()}</td>
                        <td><A href=format!("/orders?customer_id={}", c.id)>{c.orders_count}</A></td>
                        <td class="money">{move || lifetime_value(&c.lifetime_value, locale())}</td>
                    </tr>
                })}
        </section>
    }
}

#[component]
pub fn CustomerDetail() -> impl IntoView {
    detail(
        api::customer,
        RwSignal::new(0),
        |c: CustomerOut| view! { <CustomerView c /> },
    )
}

#[component]
fn CustomerView(c: CustomerOut) -> impl IntoView {
    let locale = move || I18n::get().locale();
    view! {
        <section class="customer">
            <h1>{c.name.clone()}</h1>
            <p>
                <A href=format!("/orders?customer_id={}", c.id)>
                    {move || crate::i18n::message(locale(), "dashboard-orders",
                        &[("count", c.orders_count.to_string())])}
                </A>
                " · " {move || t("customers-value")} " "
                <strong>{
                    let amounts = c.lifetime_value.clone();
                    move || lifetime_value(&amounts, locale())
                }</strong>
            </p>
            <CustomerForm customer=Some(c.clone()) />
        </section>
    }
}

/// A customer's lifetime value: each currency apart (never added up), "—" before any order.
fn lifetime_value(
    amounts: &[openapi::orders::MoneyOut],
    locale: openapi::tenancy::Locale,
) -> String {
    if amounts.is_empty() {
        return "—".to_owned();
    }
    amounts
        .iter()
        .map(|m| format::money(m.amount, m.currency, locale))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A new customer (`None`) or one to edit; the address is the first of the customer's.
#[component]
fn CustomerForm(customer: Option<CustomerOut>) -> impl IntoView {
    let session = Session::get();
    let navigate = leptos_router::hooks::use_navigate();
    let editable = session.may(Permission::CustomersWrite);
    let existing = customer.as_ref().map(|c| (c.id, c.version));
    let text = |value: Option<&String>| RwSignal::new(value.cloned().unwrap_or_default());
    let name = text(customer.as_ref().map(|c| &c.name));
    let email = text(customer.as_ref().and_then(|c| c.email.as_ref()));
    let phone = text(customer.as_ref().and_then(|c| c.phone.as_ref()));
    let tax_id = text(customer.as_ref().and_then(|c| c.tax_id.as_ref()));
    let notes = text(customer.as_ref().and_then(|c| c.notes.as_ref()));
    let tags = RwSignal::new(
        customer
            .as_ref()
            .map(|c| c.tags.join(", "))
            .unwrap_or_default(),
    );
    let language = RwSignal::new(
        customer
            .as_ref()
            .map_or(Locale::PtBr, |c| c.locale)
            .as_str()
            .to_owned(),
    );
    let consent = RwSignal::new(customer.as_ref().is_some_and(|c| c.marketing_consent));
    let address = AddressFields::new();
    if let Some(first) = customer.as_ref().and_then(|c| c.addresses.first()) {
        address.fill(first);
    }
    let edit = Edit::new(existing.map_or(0, |(_, version)| version));
    let failed = edit.failed;
    let key = RwSignal::new(new_key());
    let submit = Action::new_local(move |_: &()| {
        let has_address = !address.street.get_untracked().trim().is_empty();
        let body = serde_json::json!({
            "name": name.get_untracked(),
            "email": typed_text(&email.get_untracked()),
            "phone": typed_text(&phone.get_untracked()),
            "tax_id": typed_text(&tax_id.get_untracked()),
            "country": address.country.get_untracked(),
            "locale": language.get_untracked(),
            "marketing_consent": consent.get_untracked(),
            "tags": tags.get_untracked().split(',').map(str::trim).filter(|t| !t.is_empty()).collect::<Vec<_>>(),
            "notes": typed_text(&notes.get_untracked()),
            "addresses": if has_address { vec![address.json()] } else { Vec::new() },
        });
        let navigate = navigate.clone();
        let idempotency_key = key.get_untracked();
        async move {
            match existing {
                Some((id, _)) => {
                    let update = |version| api::update_customer(session, id, &body, version);
                    edit.save(update, |c: &CustomerOut| c.version).await;
                }
                None => match api::create_customer(session, &body, idempotency_key).await {
                    Ok(created) => {
                        failed.set(None);
                        navigate(&format!("/customers/{}", created.id), Default::default());
                    }
                    Err(error) => failed.set(Some(error)),
                },
            }
        }
    });
    view! {
        <form class="inline" data-testid="customer-form" on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch(());
        }>
            <fieldset disabled=!editable>
                <Field label="customers-name" name="customer-name" value=name failed field="name" />
                <Field label="customers-email" name="customer-email" kind="email" value=email failed field="email" />
                <Field label="customer-phone" name="customer-phone" kind="tel" value=phone failed field="phone" />
                <Field label="customer-tax-id" name="customer-tax-id" value=tax_id failed field="tax_id" />
                <Choice label="customer-language" name="customer-language" value=language failed field="locale">
                    <option value="pt-BR">"Português"</option>
                    <option value="es">"Español"</option>
                    <option value="en">"English"</option>
                </Choice>
                <Field label="customer-tags" name="customer-tags" value=tags failed field="tags" />
                <Field label="customer-notes" name="customer-notes" value=notes failed field="notes" />
                <label class="check">
                    <input type="checkbox" name="customer-consent" prop:checked=move || consent.get()
                        on:change=move |ev| consent.set(event_target_checked(&ev)) />
                    {move || t("customer-consent")}
                </label>
                <AddressForm address failed prefix="addresses[0]" />
                <button type="submit" disabled=move || submit.pending().get()>{move || t("save")}</button>
                <Saved done=edit.done />
            </fieldset>
            <FormProblem failed />
        </form>
    }
}
