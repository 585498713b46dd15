//! A rule's run log: each run, newest first, with its actions.

use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use entity::{automation_action_run as action_run, automation_rule_run as run};
use openapi::automation::RuleRunQuery;

use crate::automation::error::AutomationError;
use crate::automation::rules::store::find;
use crate::db::TenantTransaction;
use crate::pagination::{PageRequest, Paged};

pub struct RunView {
    pub run: run::Model,
    pub actions: Vec<action_run::Model>,
}

pub async fn runs(
    txn: &TenantTransaction,
    rule_id: Uuid,
    query: &RuleRunQuery,
    page: PageRequest,
) -> Result<Paged<RunView>, AutomationError> {
    find(txn, rule_id).await?;
    let mut select = txn
        .find::<run::Entity>()
        .filter(run::Column::RuleId.eq(rule_id));
    if let Some(outcome) = query.outcome {
        select = select.filter(run::Column::Outcome.eq(outcome));
    }
    let rows = page.apply(select, run::Column::Id).all(txn).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut actions = if ids.is_empty() {
        Vec::new()
    } else {
        txn.find::<action_run::Entity>()
            .filter(action_run::Column::RunId.is_in(ids))
            .order_by_asc(action_run::Column::Position)
            .all(txn)
            .await?
    };
    let views = rows
        .into_iter()
        .map(|run| {
            let (mine, rest): (Vec<_>, Vec<_>) =
                actions.drain(..).partition(|a| a.run_id == run.id);
            actions = rest;
            RunView { run, actions: mine }
        })
        .collect();
    Ok(page.finish(views, |v| v.run.id))
}
