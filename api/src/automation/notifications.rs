//! Members' notifications: written by the rules' `notify_members` action (`rules/act.rs`),
//! read by their member only (the bell's count, the list, marking read), and the topics each
//! member also gets by email.

use chrono::Utc;
use openapi::automation::{NotificationQuery, NotificationTopic};
use openapi::tenancy::Role;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::{notification, notification_settings as settings};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::automation::error::AutomationError;
use crate::db::TenantTransaction;
use crate::i18n::Message;
use crate::pagination::{PageRequest, Paged};
use crate::tenancy::service::member::members_with_roles;

/// A member a notification goes to, and whether they get its topic by email too.
pub struct Recipient {
    pub user_id: Uuid,
    pub email: String,
    pub by_email: bool,
}

/// The members of `roles` (every member when none is named), with their email choice for
/// `topic`.
pub async fn recipients(
    txn: &TenantTransaction,
    roles: &[Role],
    topic: NotificationTopic,
) -> Result<Vec<Recipient>, AutomationError> {
    let members = members_with_roles(txn, roles).await?;
    let chosen = txn.find::<settings::Entity>().all(txn).await?;
    Ok(members
        .into_iter()
        .map(|(user_id, email)| {
            let by_email = chosen
                .iter()
                .find(|s| s.id == user_id)
                .is_some_and(|s| topics(s).contains(&topic));
            Recipient {
                user_id,
                email,
                by_email,
            }
        })
        .collect())
}

fn topics(row: &settings::Model) -> Vec<NotificationTopic> {
    serde_json::from_value(row.email_topics.clone()).unwrap_or_default()
}

/// What one notification says and where it leads.
pub struct Notice {
    pub topic: NotificationTopic,
    pub message: Message,
    pub link: Option<String>,
    pub rule_id: Option<Uuid>,
    pub event_id: Uuid,
}

/// Writes the notice for each member (`ids[i]` is `users[i]`'s).
pub async fn write(
    txn: &TenantTransaction,
    notice: &Notice,
    users: &[(Uuid, Uuid)],
) -> Result<(), AutomationError> {
    if users.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let rows = users.iter().map(|(id, user_id)| {
        notification::ActiveModel::from(notification::Model {
            tenant_id: txn.tenant(),
            id: *id,
            user_id: *user_id,
            topic: notice.topic,
            message: notice.message.to_stored(),
            link: notice.link.clone(),
            rule_id: notice.rule_id,
            event_id: notice.event_id,
            read_at: None,
            created_at: now,
        })
    });
    notification::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// The member's notifications, newest first.
pub async fn list(
    txn: &TenantTransaction,
    user_id: Uuid,
    query: &NotificationQuery,
    page: PageRequest,
) -> Result<Paged<notification::Model>, AutomationError> {
    let mut select = txn
        .find::<notification::Entity>()
        .filter(notification::Column::UserId.eq(user_id));
    if let Some(unread) = query.unread {
        select = select.filter(if unread {
            notification::Column::ReadAt.is_null()
        } else {
            notification::Column::ReadAt.is_not_null()
        });
    }
    let rows = page
        .apply(select, notification::Column::Id)
        .all(txn)
        .await?;
    Ok(page.finish(rows, |r| r.id))
}

pub async fn unread(txn: &TenantTransaction, user_id: Uuid) -> Result<u64, AutomationError> {
    Ok(txn
        .find::<notification::Entity>()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(txn)
        .await?)
}

/// Marks one of the member's notifications read (one read already stays as it was).
pub async fn mark_read(
    txn: &TenantTransaction,
    user_id: Uuid,
    id: Uuid,
) -> Result<notification::Model, AutomationError> {
    let row = txn
        .find::<notification::Entity>()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AutomationError::NotFound("notification"))?;
    if row.read_at.is_some() {
        return Ok(row);
    }
    let now = Utc::now();
    txn.update_many::<notification::Entity>()
        .col_expr(notification::Column::ReadAt, Expr::value(now))
        .filter(notification::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(notification::Model {
        read_at: Some(now),
        ..row
    })
}

/// Marks every unread notification of the member read; how many.
pub async fn read_all(txn: &TenantTransaction, user_id: Uuid) -> Result<u64, AutomationError> {
    let done = txn
        .update_many::<notification::Entity>()
        .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(txn)
        .await?;
    Ok(done.rows_affected)
}

/// The topics the member also gets by email.
pub async fn email_topics(
    txn: &TenantTransaction,
    user_id: Uuid,
) -> Result<Vec<NotificationTopic>, AutomationError> {
    let row = txn
        .find::<settings::Entity>()
        .filter(settings::Column::Id.eq(user_id))
        .one(txn)
        .await?;
    Ok(row.as_ref().map(topics).unwrap_or_default())
}

pub async fn set_email_topics(
    txn: &TenantTransaction,
    principal: &Principal,
    user_id: Uuid,
    chosen: &[NotificationTopic],
) -> Result<Vec<NotificationTopic>, AutomationError> {
    let before = email_topics(txn, user_id).await?;
    let mut after: Vec<NotificationTopic> = Vec::new();
    for topic in NotificationTopic::ALL {
        if chosen.contains(&topic) {
            after.push(topic);
        }
    }
    let row = settings::Model {
        tenant_id: txn.tenant(),
        id: user_id,
        email_topics: json!(after),
        updated_at: Utc::now(),
    };
    settings::Entity::insert(settings::ActiveModel::from(row))
        .on_conflict(
            OnConflict::columns([settings::Column::TenantId, settings::Column::Id])
                .update_columns([settings::Column::EmailTopics, settings::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    let change = Change {
        action: "notification_settings.update",
        entity_type: "member",
        entity_id: Some(user_id),
        before: Some(json!({ "email_topics": before })),
        after: Some(json!({ "email_topics": after })),
    };
    audit::record(txn, principal, change).await?;
    Ok(after)
}
