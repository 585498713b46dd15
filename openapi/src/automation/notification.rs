//! In-app notifications for the store's members: what rules tell them, read in the app's bell
//! and, for the topics a member chooses, by email too.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

/// What a notification is about, which a member may also want by email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum NotificationTopic {
    Orders,
    Stock,
    /// Shipments and returns.
    Logistics,
    /// Invoices, receivables, dunning, customers blocked.
    Finance,
    Webhooks,
    Other,
}

impl NotificationTopic {
    pub const ALL: [NotificationTopic; 6] = [
        NotificationTopic::Orders,
        NotificationTopic::Stock,
        NotificationTopic::Logistics,
        NotificationTopic::Finance,
        NotificationTopic::Webhooks,
        NotificationTopic::Other,
    ];

    /// The topic of an event named `event` (`order.paid` is about orders).
    pub fn of_event(event: &str) -> NotificationTopic {
        match event.split('.').next().unwrap_or_default() {
            "order" => NotificationTopic::Orders,
            "stock" => NotificationTopic::Stock,
            "shipment" | "return" => NotificationTopic::Logistics,
            "invoice" | "credit_note" | "receivable" | "dunning" | "customer" => {
                NotificationTopic::Finance
            }
            "webhook" => NotificationTopic::Webhooks,
            _ => NotificationTopic::Other,
        }
    }
}

/// A notification of the member who reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000e9",
    "topic": "orders",
    "text": "Pedidos grandes do marketplace — order.paid #1042: conferir antes de separar",
    "link": "/orders/0196f5a0-0000-7000-8000-0000000000a1",
    "read": false,
    "created_at": "2026-12-07T12:00:01Z"
}))]
pub struct NotificationOut {
    pub id: Uuid,
    pub topic: NotificationTopic,
    /// In the reader's language.
    pub text: String,
    /// The page of the web app it is about, if any.
    pub link: Option<String>,
    pub read: bool,
    pub created_at: DateTime<Utc>,
}

/// The member's notifications, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct NotificationQuery {
    /// Only those not yet read.
    pub unread: Option<bool>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// How many of the member's notifications are unread (the bell's number).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({ "unread": 3 }))]
pub struct UnreadOut {
    pub unread: u64,
}

/// The topics a member also gets by email.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({ "email_topics": ["orders", "stock"] }))]
pub struct NotificationSettings {
    #[validate(length(max = 6))]
    #[schema(max_items = 6)]
    pub email_topics: Vec<NotificationTopic>,
}
