//! The bell of the top bar: the member's unread notifications, counted again on each page,
//! every minute, and whenever a page reads some ([`Bell::ring`]).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::i18n::{I18n, message};
use crate::session::Session;

const EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Asks the bell to count again.
#[derive(Clone, Copy)]
pub struct Bell(RwSignal<u32>);

impl Bell {
    pub fn provide() {
        provide_context(Bell(RwSignal::new(0)));
    }

    /// Counts again (after notifications were read).
    pub fn ring() {
        if let Some(bell) = use_context::<Bell>() {
            bell.0.update(|n| *n = n.wrapping_add(1));
        }
    }
}

#[component]
pub fn BellLink() -> impl IntoView {
    let session = Session::get();
    let location = use_location();
    let bell = use_context::<Bell>().unwrap_or(Bell(RwSignal::new(0)));
    let tick = RwSignal::new(0u32);
    if let Ok(handle) =
        set_interval_with_handle(move || tick.update(|n| *n = n.wrapping_add(1)), EVERY)
    {
        on_cleanup(move || handle.clear());
    }
    let unread = LocalResource::new(move || {
        bell.0.track();
        tick.track();
        location.pathname.track();
        async move {
            crate::api::notifications::unread(session)
                .await
                .map(|u| u.unread)
                .unwrap_or_default()
        }
    });
    let count = move || unread.get().unwrap_or_default();
    let label = move || {
        message(
            I18n::get().locale(),
            "bell-label",
            &[("count", count().to_string())],
        )
    };
    view! {
        <A href="/notifications" attr:class="bell" attr:aria-label=label attr:data-testid="bell">
            <svg class="bell-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
            </svg>
            <Show when=move || { count() > 0 }>
                <span class="bell-count" aria-hidden="true">{count}</span>
            </Show>
        </A>
    }
}
