//! The logistics lists that need someone today: late to ship, late in transit and due to ship
//! today, each a count linking to its list (for members who may read logistics).

use leptos::prelude::*;
use leptos_router::components::A;
use openapi::auth::Permission;

use crate::api;
use crate::format;
use crate::i18n::{I18n, t};
use crate::session::Session;

#[component]
pub fn LateCounts() -> impl IntoView {
    let session = Session::get();
    let counts = LocalResource::new(move || async move {
        if !session.may_untracked(Permission::LogisticsRead) {
            return None;
        }
        api::logistics::late_counts(session).await.ok()
    });
    let locale = move || I18n::get().locale();
    view! {
        <Suspense fallback=|| ()>
            {move || counts.get().flatten().map(|c| {
                let lists = [
                    ("late_to_ship", "fulfilments-late_to_ship", c.late_to_ship),
                    ("late_in_transit", "fulfilments-late_in_transit", c.late_in_transit),
                    ("at_risk", "fulfilments-at_risk", c.at_risk),
                ];
                view! {
                    <h2>{move || t("dashboard-late")}</h2>
                    <div class="cards late-counts" data-testid="late-counts">
                        {lists.map(|(list, key, count)| {
                            let count = i64::try_from(count).unwrap_or(i64::MAX);
                            let class = if count > 0 && list != "at_risk" { "card late" } else { "card" };
                            view! {
                                <A href=format!("/logistics/fulfilments?late={list}")
                                    attr:class=class>
                                    <span>{move || t(key)}</span>
                                    <strong>{move || format::count(count, locale())}</strong>
                                </A>
                            }
                        })}
                    </div>
                }
            })}
        </Suspense>
    }
}
