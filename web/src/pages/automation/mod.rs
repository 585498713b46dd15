//! Automation: the store's webhook endpoints (add one and see its secret once, switch it on
//! or off, rotate its secret, send a test) and each one's delivery log with replays; its
//! rules (event, conditions, actions; ready ones switched on in one click), each one tried on
//! a recent event and its run log.

mod rule;
mod rule_form;
mod rule_runs;
mod rules;
mod webhook;
mod webhooks;

pub use rule::{NewRule, Rule};
pub use rules::Rules;
pub use webhook::Webhook;
pub use webhooks::Webhooks;

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::Route;
use leptos_router::path;
use openapi::auth::Permission;
use openapi::automation::{
    ActionKind, DeliveryStatus, DisabledReason, Operator, WebhookEndpointOut,
};
use openapi::wire::{name as wire, parse as from_wire};

use crate::api::automation::delivery_status_str;
use crate::components::Tabs;
use crate::i18n::{t, t_or};
use crate::pages::{Module, NavLink, group};

lazy_pages!(automation:
    WebhooksPage => Webhooks,
    WebhookPage => Webhook,
    RulesPage => Rules,
    NewRulePage => NewRule,
    RulePage => Rule,
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
                <Route path=path!("/automation/rules") view={Lazy::<RulesPage>::new()} />
                <Route path=path!("/automation/rules/new") view={Lazy::<NewRulePage>::new()} />
                <Route path=path!("/automation/rules/:id") view={Lazy::<RulePage>::new()} />
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

/// The module's tabs: webhooks and rules.
#[component]
fn AutomationTabs() -> impl IntoView {
    view! {
        <Tabs links=&[("/automation/webhooks", "webhooks-title"), ("/automation/rules", "rules-title")] />
    }
}

/// An event's name in words (`order.paid`: "Order paid"), or the name where the app has none.
fn event_label(name: &str) -> String {
    t_or(&format!("event-{}", name.replace(['.', '_'], "-")), name)
}

/// A condition's field in words (`order.total`: "Order total"), or its path.
fn field_label(path: &str) -> String {
    t_or(
        &format!("rule-field-{}", path.replace(['.', '_'], "-")),
        path,
    )
}

fn operator_key(op: Operator) -> &'static str {
    match op {
        Operator::Equals => "rule-op-equals",
        Operator::NotEquals => "rule-op-not-equals",
        Operator::In => "rule-op-in",
        Operator::GreaterThan => "rule-op-greater-than",
        Operator::LessThan => "rule-op-less-than",
        Operator::Contains => "rule-op-contains",
        Operator::HasTag => "rule-op-has-tag",
        Operator::IsFirstOrder => "rule-op-is-first-order",
    }
}

fn action_key(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::EmailTeam => "rule-action-email-team",
        ActionKind::EmailCustomer => "rule-action-email-customer",
        ActionKind::TagOrder => "rule-action-tag-order",
        ActionKind::TagCustomer => "rule-action-tag-customer",
        ActionKind::HoldOrder => "rule-action-hold-order",
        ActionKind::CallWebhook => "rule-action-call-webhook",
        ActionKind::NotifyMembers => "rule-action-notify-members",
    }
}

/// A rule's state as a badge: on or off.
#[component]
fn RuleBadge(enabled: bool) -> impl IntoView {
    let (class, key) = if enabled {
        ("badge badge-webhook-on", "rule-on")
    } else {
        ("badge badge-webhook-off", "rule-off")
    };
    view! { <span class=class>{move || t(key)}</span> }
}
