//! `Idempotency-Key` on POSTs that create something (Stripe's semantics, IETF draft): the key
//! is claimed in the transaction of the effect, and the first response is stored with it.
//! The same key on the same request (method, path and query, route and body) replays that
//! response; the same key on another request (another body, or another path: another order's
//! payments) is 422. An answer that holds a secret is never stored: its replay is 409
//! naming what was created (`Claim::respond_with_secret`). A second request racing the first
//! waits for it (the claim is a row the first has not yet committed) and then replays its
//! answer. Keys older than 24 hours are forgotten: such a key is claimed afresh, and a sweep
//! deletes them every hour (`forget_expired`, started by `background`).

use crate::db::TenantTransaction;
use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use chrono::{Duration, Utc};
use entity::TenantId;
use openapi::FieldError;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use entity::idempotency_key::{self, Column};

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::{ApiError, ErrorKind};

pub const HEADER: &str = "Idempotency-Key";
const KEEP_HOURS: i64 = 24;
pub const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// The `Idempotency-Key` header, when sent, and the request it came with (method, path and
/// query), so a key claimed for one resource is not replayed for another.
pub struct IdempotencyKey {
    key: Option<String>,
    target: String,
}

impl IdempotencyKey {
    pub fn is_missing(&self) -> bool {
        self.key.is_none()
    }
}

impl FromRequest for IdempotencyKey {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let key = match req.headers().get(HEADER) {
            None => Ok(None),
            Some(value) => match value.to_str().map(str::trim) {
                Ok(text) if !text.is_empty() && text.len() <= 255 => Ok(Some(text.to_owned())),
                _ => Err(ApiError::validation(vec![FieldError {
                    field: HEADER.into(),
                    message: "must be 1 to 255 visible ASCII characters".into(),
                }])),
            },
        };
        let target = match req.query_string() {
            "" => format!("{} {}", req.method(), req.path()),
            query => format!("{} {}?{query}", req.method(), req.path()),
        };
        std::future::ready(key.map(|key| IdempotencyKey { key, target }))
    }
}

/// The outcome of claiming a key: go ahead (and store the answer), or replay the stored one.
pub enum Claim {
    Fresh(Option<ClaimedKey>),
    Replay(HttpResponse),
}

pub struct ClaimedKey {
    model: idempotency_key::ActiveModel,
}

/// Claims `key` for this request inside `txn`.
pub async fn claim<T: Serialize>(
    txn: &TenantTransaction,
    principal: &Principal,
    key: &IdempotencyKey,
    route: &str,
    request: &T,
) -> Result<Claim, ApiError> {
    let IdempotencyKey {
        key: Some(key),
        target,
    } = key
    else {
        return Ok(Claim::Fresh(None));
    };
    let fingerprint = Fingerprint::of(&key_target(route, target), request);
    let scope = || {
        idempotency_key::Entity::find_in(txn.tenant())
            .filter(Column::PrincipalId.eq(principal.actor_id()))
            .filter(Column::IdempotencyKey.eq(key))
    };
    let now = Utc::now();
    let model = idempotency_key::ActiveModel {
        tenant_id: Set(txn.tenant()),
        principal_id: Set(principal.actor_id()),
        idempotency_key: Set(key.to_owned()),
        fingerprint: Set(fingerprint.stored()),
        response_status: Set(0),
        response_body: Set(String::new()),
        created_at: Set(now),
    };
    let inserted = idempotency_key::Entity::insert(model.clone())
        .on_conflict(
            OnConflict::columns([
                Column::TenantId,
                Column::PrincipalId,
                Column::IdempotencyKey,
            ])
            // A key older than the time keys are kept is claimed afresh.
            .update_columns([
                Column::Fingerprint,
                Column::ResponseStatus,
                Column::ResponseBody,
                Column::CreatedAt,
            ])
            .action_and_where(
                Expr::col((idempotency_key::Entity, Column::CreatedAt))
                    .lt(now - Duration::hours(KEEP_HOURS)),
            )
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    if inserted == 1 {
        return Ok(Claim::Fresh(Some(ClaimedKey { model })));
    }
    let stored = scope().one(txn).await?.ok_or_else(in_progress)?;
    fingerprint.ensure_same_request(&stored.fingerprint)?;
    let status = u16::try_from(stored.response_status)
        .ok()
        .and_then(|code| StatusCode::from_u16(code).ok())
        .ok_or_else(|| {
            let status = stored.response_status;
            ApiError::from(DbErr::Type(format!("stored response status {status}")))
        })?;
    // Only successes are stored, and problems that stand in for one (a withheld secret).
    let content_type = if status.is_success() {
        "application/json"
    } else {
        "application/problem+json"
    };
    Ok(Claim::Replay(
        HttpResponse::build(status)
            .content_type(content_type)
            .insert_header(("Idempotent-Replayed", "true"))
            .body(stored.response_body),
    ))
}

/// What a key is claimed for besides the body: the handler's route name and the request's
/// method, path and query (the path parameters: which order a payment is for).
fn key_target(route: &str, target: &str) -> String {
    format!("{route}\n{target}")
}

/// SHA-256 of the request's target and of its body, stored as `<target>.<body>` in hex, so a
/// reused key can say which of the two differs.
struct Fingerprint {
    target: String,
    body: String,
}

impl Fingerprint {
    fn of<T: Serialize>(target: &str, request: &T) -> Fingerprint {
        let body = serde_json::to_vec(request).unwrap_or_default();
        Fingerprint {
            target: hex::encode(Sha256::digest(target.as_bytes())),
            body: hex::encode(Sha256::digest(body)),
        }
    }

    fn stored(&self) -> String {
        format!("{}.{}", self.target, self.body)
    }

    fn ensure_same_request(&self, stored: &str) -> Result<(), ApiError> {
        let (target, body) = stored.split_once('.').unwrap_or((stored, ""));
        let detail = if target != self.target {
            crate::i18n::Key::ProblemKeyOtherRequest
        } else if body != self.body {
            crate::i18n::Key::ProblemKeyOtherBody
        } else {
            return Ok(());
        };
        Err(ApiError::keyed(
            ErrorKind::Validation,
            "idempotency/key-reused",
            detail,
        ))
    }
}

impl Claim {
    /// Builds the response and, when a key was claimed, stores it for replays.
    pub async fn respond<T: Serialize>(
        self,
        txn: &impl ConnectionTrait,
        status: StatusCode,
        body: &T,
    ) -> Result<HttpResponse, ApiError> {
        let json = to_json(body)?;
        self.store(txn, status, &json).await?;
        Ok(HttpResponse::build(status)
            .content_type("application/json")
            .body(json))
    }

    /// Builds a response that holds a secret shown only once (an API key's): this caller gets
    /// it, but what is stored for replays is the 409 `idempotency/secret-not-replayed` naming
    /// `created`, the id of what this request made, so the secret is never kept.
    pub async fn respond_with_secret<T: Serialize>(
        self,
        txn: &impl ConnectionTrait,
        status: StatusCode,
        body: &T,
        created: Uuid,
    ) -> Result<HttpResponse, ApiError> {
        let json = to_json(body)?;
        let withheld = secret_not_replayed(created);
        self.store(
            txn,
            withheld.kind().status(),
            &to_json(&withheld.problem())?,
        )
        .await?;
        Ok(HttpResponse::build(status)
            .content_type("application/json")
            .body(json))
    }

    async fn store(
        self,
        txn: &impl ConnectionTrait,
        status: StatusCode,
        json: &str,
    ) -> Result<(), ApiError> {
        if let Claim::Fresh(Some(claimed)) = self {
            let mut model = claimed.model;
            model.response_status = Set(i32::from(status.as_u16()));
            model.response_body = Set(json.to_owned());
            idempotency_key::Entity::update(model).exec(txn).await?;
        }
        Ok(())
    }
}

/// The answer to a request whose key another request, not yet answered, holds (also the
/// example the published document shows of a route that has no conflict of its own).
pub fn in_progress() -> ApiError {
    ApiError::keyed(
        ErrorKind::Conflict,
        "idempotency/in-progress",
        crate::i18n::Key::ProblemKeyInProgress,
    )
}

/// The answer to a replay of a request whose answer held a secret: what it created, not the
/// secret (also the example the published document shows).
pub fn secret_not_replayed(created: Uuid) -> ApiError {
    ApiError::keyed(
        ErrorKind::Conflict,
        "idempotency/secret-not-replayed",
        crate::i18n::Key::ProblemSecretNotReplayed,
    )
    .with_resource_id(created)
}

fn to_json<T: Serialize>(body: &T) -> Result<String, ApiError> {
    serde_json::to_string(body)
        .map_err(|e| ApiError::new(ErrorKind::Internal, "internal", format!("serialize: {e}")))
}

/// Deletes the keys of `tenants` older than the time keys are kept, as of `now`: how many.
pub async fn forget_expired(
    db: &DatabaseConnection,
    tenants: &[TenantId],
    now: chrono::DateTime<Utc>,
) -> Result<u64, DbErr> {
    let mut forgotten = 0;
    for &tenant_id in tenants {
        let txn = db::begin_tenant(db, tenant_id, Access::Write).await?;
        forgotten += idempotency_key::Entity::delete_many()
            .filter(Column::TenantId.eq(tenant_id))
            .filter(Column::CreatedAt.lt(now - Duration::hours(KEEP_HOURS)))
            .exec(&txn)
            .await?
            .rows_affected;
        txn.commit().await?;
    }
    Ok(forgotten)
}
