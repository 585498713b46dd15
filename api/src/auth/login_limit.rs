//! Limits password guessing: 10 failures a minute per account and address, 100 an hour per
//! account. Failures are rows in `login_failures`, so every server of a deployment counts them.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use entity::login_failure::{self, Column};

use super::error::AuthError;

const PER_MINUTE: u64 = 10;
const PER_HOUR: u64 = 100;

/// Refuses the attempt when either window is full, saying when to try again.
pub async fn check(db: &DatabaseConnection, email: &str, ip: &str) -> Result<(), AuthError> {
    let now = Utc::now();
    let windows = [
        (Duration::minutes(1), PER_MINUTE, Some(ip)),
        (Duration::hours(1), PER_HOUR, None),
    ];
    for (window, limit, ip) in windows {
        let mut select = login_failure::Entity::find()
            .filter(Column::Email.eq(email))
            .filter(Column::CreatedAt.gt(now - window));
        if let Some(ip) = ip {
            select = select.filter(Column::Ip.eq(ip));
        }
        // The limit-th newest failure leaving the window is what frees the next attempt.
        let newest = select
            .order_by_desc(Column::CreatedAt)
            .limit(limit)
            .all(db)
            .await?;
        if newest.len() as u64 >= limit
            && let Some(oldest) = newest.last()
        {
            let retry_after = (oldest.created_at + window - now).num_seconds().max(1);
            return Err(AuthError::TooManyAttempts {
                retry_after: retry_after as u64,
            });
        }
    }
    Ok(())
}

pub async fn record_failure(db: &DatabaseConnection, email: &str, ip: &str) -> Result<(), DbErr> {
    let now = Utc::now();
    login_failure::Entity::delete_many()
        .filter(Column::Email.eq(email))
        .filter(Column::CreatedAt.lt(now - Duration::hours(1)))
        .exec(db)
        .await?;
    login_failure::Entity::insert(login_failure::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.to_owned()),
        ip: Set(ip.to_owned()),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}
