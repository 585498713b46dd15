//! Replenishment: what is at or below its reorder point, by supplier, with suggested
//! quantities; a supplier's group becomes a draft purchase order per location.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use openapi::auth::Permission;
use openapi::inventory::{ReplenishmentGroupOut, ReplenishmentOrderIn};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{Empty, ErrorNote, FormProblem, Loading, Tabs, new_key};
use crate::i18n::{I18n, message, t};
use crate::session::Session;

const STOCK_TABS: &[(&str, &str)] = &[
    ("/stock", "stock-title"),
    ("/stock/movements", "movements-title"),
    ("/stock/locations", "locations-title"),
    ("/stock/replenishment", "replenishment-title"),
];

const HEADERS: [&str; 7] = [
    "po-sku",
    "replenishment-location",
    "replenishment-available",
    "replenishment-incoming",
    "replenishment-reorder-point",
    "replenishment-sold",
    "replenishment-suggested",
];

#[component]
pub fn Replenishment() -> impl IntoView {
    let session = Session::get();
    let needs = LocalResource::new(move || api::purchasing::replenishment(session));
    view! {
        <section>
            <Tabs links=STOCK_TABS />
            <h1>{move || t("replenishment-title")}</h1>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || needs.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(out) if out.groups.is_empty() => view! { <Empty /> }.into_any(),
                    Ok(out) => out.groups.into_iter()
                        .map(|group| view! { <Group group /> })
                        .collect_view()
                        .into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// One supplier's needs, with a button per location that turns them into a draft order.
#[component]
fn Group(group: ReplenishmentGroupOut) -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let locale = move || I18n::get().locale();
    let failed = RwSignal::new(None::<ApiError>);
    let supplier_id = group.supplier_id;
    let heading = match group.supplier_name.clone() {
        Some(name) => {
            let days = group.lead_time_days.to_string();
            (move || {
                message(
                    locale(),
                    "replenishment-supplier",
                    &[("supplier", name.clone()), ("days", days.clone())],
                )
            })
            .into_any()
        }
        None => (move || t("replenishment-no-supplier")).into_any(),
    };
    // The group's locations, each once, in the order listed.
    let mut places: Vec<(Uuid, String)> = Vec::new();
    for line in &group.lines {
        if !places.iter().any(|(id, _)| *id == line.location_id) {
            places.push((line.location_id, line.location_code.clone()));
        }
    }
    // Kept until an order is made: a retry or a second click makes one purchase order.
    let key = RwSignal::new(new_key());
    let order = Action::new_local(move |location_id: &Uuid| {
        let idempotency_key = key.get_untracked();
        // Offered only for a group with a supplier.
        let input = supplier_id.map(|supplier_id| ReplenishmentOrderIn {
            supplier_id,
            location_id: *location_id,
        });
        let navigate = navigate.clone();
        async move {
            let Some(input) = input else { return };
            let answer =
                api::purchasing::order_replenishment(session, &input, idempotency_key).await;
            match answer {
                Ok(order) => {
                    failed.set(None);
                    key.set(new_key());
                    navigate(
                        &format!("/purchase-orders/{}", order.id),
                        Default::default(),
                    );
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let may_order = supplier_id.is_some() && session.may(Permission::Purchasing);
    view! {
        <section class="replenishment-group">
            <h2>{heading}</h2>
            <div class="table-wrap">
                <table class="replenishment">
                    <thead><tr>
                        {HEADERS.iter().map(|key| view! { <th scope="col">{move || t(key)}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {group.lines.into_iter().map(|l| view! {
                            <tr>
                                <td>{l.sku}</td>
                                <td>{l.location_code}</td>
                                <td>{l.available}</td>
                                <td>{l.incoming}</td>
                                <td>{l.reorder_point}</td>
                                <td>{l.sold_last_30_days}</td>
                                <td><strong>{l.suggested_quantity}</strong></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {may_order.then(|| view! {
                <div class="actions">
                    {places.into_iter().map(|(location_id, code)| view! {
                        <button data-testid="replenishment-order" data-location=code.clone()
                            disabled=move || order.pending().get()
                            on:click=move |_| {
                                if !order.pending().get_untracked() {
                                    order.dispatch(location_id);
                                }
                            }>
                            {let code = code.clone(); move || message(locale(), "replenishment-order", &[("location", code.clone())])}
                        </button>
                    }).collect_view()}
                </div>
                <FormProblem failed />
            })}
        </section>
    }
}
