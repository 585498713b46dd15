//! The `Principal`: who is calling (a user with a JWT, or an API key), for which tenant, with
//! what permissions. No principal, no tenant data.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use openapi::tenancy::Role;
use tracing_actix_web::RequestId;
use uuid::Uuid;

use super::error::AuthError;
use super::permission::{Permission, permissions_of};
use super::service;
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    User(Uuid),
    ApiKey(Uuid),
    /// The server itself (background sweeps).
    System,
}

#[derive(Debug, Clone)]
pub struct Principal {
    pub tenant_id: Uuid,
    pub actor: Actor,
    pub role: Role,
    pub permissions: Vec<Permission>,
    /// The request's id, written into audit entries.
    pub request_id: Option<String>,
}

impl Principal {
    pub fn for_member(tenant_id: Uuid, user_id: Uuid, role: Role) -> Principal {
        Principal {
            tenant_id,
            actor: Actor::User(user_id),
            role,
            permissions: permissions_of(role),
            request_id: None,
        }
    }

    pub fn with_request_id(mut self, request_id: Option<String>) -> Principal {
        self.request_id = request_id;
        self
    }

    pub fn require(&self, permission: Permission) -> Result<(), AuthError> {
        if self.permissions.contains(&permission) {
            Ok(())
        } else {
            Err(AuthError::Forbidden {
                permission: permission.as_str(),
            })
        }
    }

    pub fn has(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }

    /// The server acting on its own in a tenant, e.g. releasing expired reservations.
    pub fn system(tenant_id: Uuid) -> Principal {
        Principal {
            tenant_id,
            actor: Actor::System,
            role: Role::Api,
            permissions: Vec::new(),
            request_id: None,
        }
    }

    /// The user's or API key's id; the nil id for the system.
    pub fn actor_id(&self) -> Uuid {
        match self.actor {
            Actor::User(id) | Actor::ApiKey(id) => id,
            Actor::System => Uuid::nil(),
        }
    }

    /// The actor's id as recorded in audit entries and the ledger (none for the system).
    pub fn recorded_actor_id(&self) -> Option<Uuid> {
        match self.actor {
            Actor::User(id) | Actor::ApiKey(id) => Some(id),
            Actor::System => None,
        }
    }

    pub fn actor_type(&self) -> &'static str {
        match self.actor {
            Actor::User(_) => "user",
            Actor::ApiKey(_) => "api_key",
            Actor::System => "system",
        }
    }

    pub fn user_id(&self) -> Option<Uuid> {
        match self.actor {
            Actor::User(id) => Some(id),
            Actor::ApiKey(_) | Actor::System => None,
        }
    }
}

/// The request id set by the tracing middleware, as text.
pub fn request_id_of(req: &HttpRequest) -> Option<String> {
    req.extensions().get::<RequestId>().map(|id| id.to_string())
}

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let request_id = request_id_of(req);
        let bearer = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| {
                let (scheme, token) = value.trim().split_once(' ')?;
                scheme
                    .eq_ignore_ascii_case("bearer")
                    .then(|| token.trim().to_owned())
            });
        Box::pin(async move {
            let state = state.ok_or(AuthError::MissingCredentials)?;
            let token = bearer.ok_or(AuthError::MissingCredentials)?;
            let principal = if token.starts_with(service::api_key::API_KEY_PREFIX) {
                service::api_key::authenticate(&state.db, &token).await?
            } else {
                let claims = state.jwt.verify(&token)?;
                service::session::authenticate_member(
                    &state.db,
                    &state.roles,
                    claims.tid,
                    claims.sub,
                )
                .await?
            };
            Ok(principal.with_request_id(request_id))
        })
    }
}

/// The caller when the request carries credentials (`Authorization`), else none: for the routes
/// that do one thing for a signed-in caller and another for anyone. Credentials that are sent
/// but invalid are still refused.
pub struct OptionalPrincipal(pub Option<Principal>);

impl FromRequest for OptionalPrincipal {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if req.headers().contains_key(header::AUTHORIZATION) {
            let principal = Principal::from_request(req, payload);
            Box::pin(async move { Ok(OptionalPrincipal(Some(principal.await?))) })
        } else {
            Box::pin(async { Ok(OptionalPrincipal(None)) })
        }
    }
}
