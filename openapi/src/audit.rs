//! The audit log: who changed what and when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000013",
    "actor_type": "user",
    "actor_id": "0196f5a0-0000-7000-8000-00000000000b",
    "action": "member.role_change",
    "entity_type": "member",
    "entity_id": "0196f5a0-0000-7000-8000-000000000010",
    "changes": {
        "before": {"role": "staff", "email": "joao@lojaexemplo.com.br"},
        "after": {"role": "manager", "email": "joao@lojaexemplo.com.br"}
    },
    "request_id": "5f0c6b1e-8a4d-4c2e-9b7a-3d1e2f4a5b6c",
    "created_at": "2026-11-20T14:03:11Z"
}))]
pub struct AuditEventOut {
    pub id: Uuid,
    /// `user`, `api_key` or `system`.
    pub actor_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<Uuid>,
    /// e.g. `tenant.update`, `member.role_change`.
    pub action: String,
    /// e.g. `tenant`, `member`, `api_key`.
    pub entity_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<Uuid>,
    /// `{"before": …, "after": …}`.
    pub changes: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Filters of `GET /audit-events`, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditEventQuery {
    /// Only events on this kind of entity, e.g. `member`.
    #[validate(length(min = 1, max = 64))]
    #[param(min_length = 1, max_length = 64)]
    pub entity_type: Option<String>,
    /// Only events on this entity.
    pub entity_id: Option<Uuid>,
    /// Only events by this user or API key.
    pub actor_id: Option<Uuid>,
    /// Only this action, e.g. `member.remove`.
    #[validate(length(min = 1, max = 64))]
    #[param(min_length = 1, max_length = 64)]
    pub action: Option<String>,
    /// Only events at or after this time (RFC 3339).
    pub since: Option<DateTime<Utc>>,
    /// Only events before this time (RFC 3339).
    pub until: Option<DateTime<Utc>>,
    /// Page size, 1 to 200; 50 when absent.
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
