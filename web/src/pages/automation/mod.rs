//! Automation: the store's webhook endpoints (add one and see its secret once, switch it on
//! or off, rotate its secret, send a test) and each one's delivery log with replays.

mod webhook;
mod webhooks;

pub use webhook::Webhook;
pub use webhooks::Webhooks;

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::Route;
use leptos_router::path;
use openapi::auth::Permission;
use openapi::automation::{DeliveryStatus, DisabledReason, WebhookEndpointOut};

use crate::api::automation::delivery_status_str;
use crate::i18n::t;
use crate::pages::{Module, NavLink, group};

lazy_pages!(automation:
    WebhooksPage => Webhooks,
    WebhookPage => Webhook,
);

pub const MODULE: Module = Module {
    nav: Some(NavLink {
        href: "/automation/webhooks",
        text: "nav-automation",
        permission: Some(Permission::AutomationManage),
    }),
    routes: || {
        group(
            view! {
                <Route path=path!("/automation/webhooks") view={Lazy::<WebhooksPage>::new()} />
                <Route path=path!("/automation/webhooks/:id") view={Lazy::<WebhookPage>::new()} />
            }
            .into_inner(),
        )
    },
};

/// An endpoint's state as a badge: on, off by staff, or off because it kept failing.
#[component]
fn EndpointBadge(endpoint: WebhookEndpointOut) -> impl IntoView {
    let (class, key) = match (endpoint.enabled, endpoint.disabled_reason) {
        (true, _) => ("badge badge-webhook-on", "webhook-on"),
        (false, Some(DisabledReason::Failing)) => {
            ("badge badge-webhook-failing", "webhook-failing")
        }
        (false, _) => ("badge badge-webhook-off", "webhook-off"),
    };
    view! { <span class=class>{move || t(key)}</span> }
}

fn delivery_key(status: DeliveryStatus) -> &'static str {
    match status {
        DeliveryStatus::Pending => "delivery-status-pending",
        DeliveryStatus::Succeeded => "delivery-status-succeeded",
        DeliveryStatus::Failed => "delivery-status-failed",
    }
}

/// A delivery's state as a badge.
#[component]
fn DeliveryBadge(status: DeliveryStatus) -> impl IntoView {
    let class = format!("badge badge-delivery-{}", delivery_status_str(status));
    view! { <span class=class>{move || t(delivery_key(status))}</span> }
}

/// A secret shown this once, with what to do with it.
#[component]
fn SecretOnce(secret: String) -> impl IntoView {
    view! {
        <div class="settings-secret" role="alert">
            <p><strong>{move || t("webhook-secret-once")}</strong></p>
            <code data-testid="webhook-secret">{secret}</code>
        </div>
    }
}
