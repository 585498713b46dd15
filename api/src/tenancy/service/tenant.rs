//! Sign-up and the store's settings.

use crate::db::TenantTransaction;
use chrono::Utc;
use chrono_tz::Tz;
use entity::TenantId;
use openapi::auth::SignupIn;
use openapi::tenancy::{Currency, Locale, Role, TenantPatch};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter,
};
use serde_json::json;

use entity::{tenant, user};

use crate::access::Principal;
use crate::access::jwt::JwtKeys;
use crate::audit::service::{self as audit, Change};
use crate::auth::error::AuthError;
use crate::auth::password;
use crate::auth::service::session::{self, Session};
use crate::db::{self, Access};
use crate::tenancy::calendar::{DEFAULT_CUTOFF_MINUTES, WorkingWeekdays};
use crate::tenancy::error::TenancyError;
use crate::tenancy::service::member;

const DEFAULT_TIMEZONE: &str = "America/Sao_Paulo";

pub struct SignedUp {
    pub tenant: tenant::Model,
    pub user: user::Model,
    pub session: Session,
}

/// The store's time zone as stored. A value that is not one (written by hand, or before the
/// check on write) is a decoding error, logged and answered 500, never read as a default.
pub fn stored_timezone(store: &tenant::Model) -> Result<Tz, DbErr> {
    parse_stored_timezone(&store.timezone)
}

fn parse_stored_timezone(stored: &str) -> Result<Tz, DbErr> {
    stored.parse().map_err(|_| {
        DbErr::Type(format!(
            "tenants.timezone holds `{stored}`, not an IANA time zone"
        ))
    })
}

fn check_timezone(timezone: &str) -> Result<(), TenancyError> {
    timezone
        .parse::<chrono_tz::Tz>()
        .map(|_| ())
        .map_err(|_| TenancyError::InvalidTimezone {
            value: timezone.to_owned(),
        })
}

/// Creates a store, its owner and the owner's first session, all in one transaction.
pub async fn signup(
    db: &DatabaseConnection,
    jwt: &JwtKeys,
    input: &SignupIn,
    request_id: Option<String>,
) -> Result<SignedUp, TenancyError> {
    let timezone = input.timezone.as_deref().unwrap_or(DEFAULT_TIMEZONE);
    check_timezone(timezone)?;
    password::check_policy(
        &input.password,
        &[&input.email, &input.owner_name, &input.store_name],
    )
    .map_err(|reason| AuthError::WeakPassword { reason })?;
    let password_hash = password::hash(&input.password).await?;
    let tenant_id = TenantId::new_v7();
    let txn = db::begin_tenant(db, tenant_id, Access::Write).await?;
    if session::find_user_by_email(&txn, &input.email)
        .await?
        .is_some()
    {
        return Err(TenancyError::EmailTaken);
    }
    let now = Utc::now();
    let tenant = tenant::Model {
        id: tenant_id,
        name: input.store_name.trim().to_owned(),
        currency: input.currency.unwrap_or_default(),
        locale: input.locale.unwrap_or_default(),
        timezone: timezone.to_owned(),
        working_weekdays: WorkingWeekdays::MONDAY_TO_FRIDAY.bits(),
        dispatch_cutoff_minutes: DEFAULT_CUTOFF_MINUTES,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    tenant::Entity::insert(tenant::ActiveModel::from(tenant.clone()))
        .exec_without_returning(&txn)
        .await?;
    let user = session::create_user(&txn, &input.email, &input.owner_name, password_hash)
        .await
        .map_err(email_taken_on_unique)?;
    member::add_member(&txn, user.id, Role::Owner).await?;
    let principal =
        Principal::for_member(tenant_id, user.id, Role::Owner).with_request_id(request_id);
    audit::record(
        &txn,
        &principal,
        Change {
            action: "tenant.create",
            entity_type: "tenant",
            entity_id: Some(tenant_id.into_uuid()),
            before: None,
            after: Some(settings_summary(&tenant)),
        },
    )
    .await?;
    let session = session::start_session(&txn, jwt, user.id, tenant_id).await?;
    txn.commit().await.map_err(email_taken_on_unique)?;
    Ok(SignedUp {
        tenant,
        user,
        session,
    })
}

/// Two sign-ups racing with one email: the loser hits the unique index.
pub fn email_taken_on_unique(error: DbErr) -> TenancyError {
    crate::db::taken_or(error, || TenancyError::EmailTaken)
}

fn settings_summary(tenant: &tenant::Model) -> serde_json::Value {
    json!({
        "name": tenant.name,
        "currency": tenant.currency,
        "locale": tenant.locale,
        "timezone": tenant.timezone,
    })
}

pub async fn find_tenant(conn: &TenantTransaction) -> Result<tenant::Model, TenancyError> {
    let tenant_id = conn.tenant();
    tenant::Entity::find_by_id(tenant_id)
        .one(conn)
        .await?
        .ok_or(TenancyError::Database(DbErr::RecordNotFound(
            "the caller's tenant".into(),
        )))
}

pub async fn get_tenant(txn: &TenantTransaction) -> Result<tenant::Model, TenancyError> {
    find_tenant(txn).await
}

/// Applies a settings patch. With `expected_version`, a concurrent change is refused (412).
pub async fn update_tenant(
    txn: &TenantTransaction,
    principal: &Principal,
    patch: &TenantPatch,
    expected_version: Option<i32>,
) -> Result<tenant::Model, TenancyError> {
    if let Some(timezone) = &patch.timezone {
        check_timezone(timezone)?;
    }
    let before = find_tenant(txn).await?;
    if let Some(expected) = expected_version
        && expected != before.version
    {
        return Err(TenancyError::Stale {
            what: "the store",
            current: before.version,
        });
    }
    let mut after = before.clone();
    if let Some(name) = &patch.name {
        after.name = name.trim().to_owned();
    }
    if let Some(currency) = patch.currency {
        after.currency = currency;
    }
    if let Some(locale) = patch.locale {
        after.locale = locale;
    }
    if let Some(timezone) = &patch.timezone {
        after.timezone = timezone.clone();
    }
    after.version = before.version + 1;
    after.updated_at = Utc::now();
    let updated = tenant::Entity::update_many()
        .set(tenant::ActiveModel {
            name: Set(after.name.clone()),
            currency: Set(after.currency),
            locale: Set(after.locale),
            timezone: Set(after.timezone.clone()),
            version: Set(after.version),
            updated_at: Set(after.updated_at),
            ..Default::default()
        })
        .filter(tenant::Column::Id.eq(txn.tenant()))
        .filter(tenant::Column::Version.eq(before.version))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(TenancyError::Stale {
            what: "the store",
            current: before.version + 1,
        });
    }
    audit::record(
        txn,
        principal,
        Change {
            action: "tenant.update",
            entity_type: "tenant",
            entity_id: Some(txn.tenant().into_uuid()),
            before: Some(settings_summary(&before)),
            after: Some(settings_summary(&after)),
        },
    )
    .await?;
    Ok(after)
}

/// The store's currency: every amount the store keeps is in it.
pub async fn currency_of(conn: &TenantTransaction) -> Result<Currency, DbErr> {
    let tenant_id = conn.tenant();
    let tenant = tenant::Entity::find_by_id(tenant_id).one(conn).await?;
    tenant
        .map(|t| t.currency)
        .ok_or_else(|| DbErr::RecordNotFound(format!("tenant {tenant_id}")))
}

/// Every store's id, for work the server does in each store (background sweeps).
pub async fn all_tenant_ids(conn: &impl ConnectionTrait) -> Result<Vec<TenantId>, DbErr> {
    use sea_orm::QuerySelect;
    tenant::Entity::find()
        .select_only()
        .column(tenant::Column::Id)
        .into_tuple()
        .all(conn)
        .await
}

/// The language to write in for a reader of the store: the one they asked for, else the
/// store's.
pub async fn reader_locale(
    conn: &TenantTransaction,
    reader: crate::i18n::ReaderLocale,
) -> Result<Locale, TenancyError> {
    if let Some(locale) = reader.0 {
        return Ok(locale);
    }
    let store = find_tenant(conn).await?;
    Ok(store.locale)
}

#[cfg(test)]
mod tests {
    use sea_orm::DbErr;

    use super::parse_stored_timezone;
    use crate::error::ApiError;
    use crate::orders::error::OrderError;

    #[test]
    fn a_stored_timezone_that_is_none_is_an_error_answered_500_never_a_default() {
        assert!(matches!(
            parse_stored_timezone("America/Manaus"),
            Ok(chrono_tz::America::Manaus)
        ));
        for stored in ["", "Mars/Olympus_Mons", "america/sao paulo", "UTC+3"] {
            let error = match parse_stored_timezone(stored) {
                Err(error @ DbErr::Type(_)) => error,
                other => panic!("`{stored}` read as {other:?}"),
            };
            assert!(error.to_string().contains(stored), "{error}");
            let problem = ApiError::from(OrderError::from(error)).problem();
            assert_eq!(problem.status, 500, "{stored}");
            assert!(!format!("{problem:?}").contains("Mars"), "{problem:?}");
        }
    }
}
