//! `/automation/rules…`: the store's rules, their run log and dry runs; the triggers a rule
//! starts from (what its form offers), the ready rules, and the recent events to try one on.

use openapi::Page;
use openapi::automation::{
    DryRunIn, DryRunOut, RecentEventOut, RuleIn, RuleOut, RulePatch, RuleRunOut, RuleTemplateOut,
    RunOutcome, TriggerOut,
};
use uuid::Uuid;

use super::{ApiError, Query, create, delete_version, get, patch_version, post};
use crate::session::Session;

const BASE: &str = "/automation/rules";

pub async fn rules(session: Session, cursor: Option<String>) -> Result<Page<RuleOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("cursor", cursor)
        .path(BASE);
    get(session, &path).await
}

pub async fn rule(session: Session, id: Uuid) -> Result<RuleOut, ApiError> {
    get(session, &format!("{BASE}/{id}")).await
}

/// Adds a rule, sent once with its `Idempotency-Key`.
pub async fn create_rule(session: Session, input: &RuleIn, key: Uuid) -> Result<RuleOut, ApiError> {
    create(session, BASE, input, key).await
}

pub async fn update_rule(
    session: Session,
    id: Uuid,
    patch: &RulePatch,
    version: i32,
) -> Result<RuleOut, ApiError> {
    patch_version(session, &format!("{BASE}/{id}"), patch, version).await
}

pub async fn delete_rule(session: Session, id: Uuid, version: i32) -> Result<(), ApiError> {
    delete_version(session, &format!("{BASE}/{id}"), version).await
}

/// A page of the rule's runs, newest first, of one outcome or all.
pub async fn runs(
    session: Session,
    id: Uuid,
    outcome: Option<RunOutcome>,
    cursor: Option<String>,
) -> Result<Page<RuleRunOut>, ApiError> {
    let path = Query::new()
        .set("limit", 20)
        .opt("outcome", outcome.map(|o| openapi::wire::name(&o)))
        .opt("cursor", cursor)
        .path(&format!("{BASE}/{id}/runs"));
    get(session, &path).await
}

/// What the rule would do on the event (the newest of its trigger when none is named).
pub async fn dry_run(
    session: Session,
    id: Uuid,
    event_id: Option<Uuid>,
) -> Result<DryRunOut, ApiError> {
    post(
        session,
        &format!("{BASE}/{id}/dry-run"),
        &DryRunIn { event_id },
    )
    .await
}

pub async fn triggers(session: Session) -> Result<Vec<TriggerOut>, ApiError> {
    get(session, "/automation/triggers").await
}

pub async fn templates(session: Session) -> Result<Vec<RuleTemplateOut>, ApiError> {
    get(session, "/automation/rule-templates").await
}

/// Makes the store's rule from a ready one (or answers the one it has).
pub async fn install(session: Session, key: &str) -> Result<RuleOut, ApiError> {
    post(
        session,
        &format!("/automation/rule-templates/{key}/install"),
        &(),
    )
    .await
}

/// The store's last events named `kind`, newest first.
pub async fn recent_events(session: Session, kind: &str) -> Result<Vec<RecentEventOut>, ApiError> {
    get(
        session,
        &Query::new().set("type", kind).path("/automation/events"),
    )
    .await
}
