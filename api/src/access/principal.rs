//! The `Principal`: who is calling (a user with a JWT, or an API key), for which tenant, with
//! what permissions. No principal, no tenant data. `auth` makes one from a request.

use actix_web::{HttpMessage, HttpRequest};
use entity::TenantId;
use entity::closed_sets::ActorType;
use openapi::tenancy::Role;
use tracing_actix_web::RequestId;
use uuid::Uuid;

use super::permission::{Permission, permissions_of};
use crate::error::{DomainError, ErrorKind};
use crate::i18n::{Key, Message};

/// A caller without the permission an action needs.
#[derive(Debug, thiserror::Error)]
#[error("this action needs the `{permission}` permission")]
pub struct Forbidden {
    pub permission: &'static str,
}

impl DomainError for Forbidden {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Forbidden
    }

    fn code(&self) -> &'static str {
        "auth/forbidden"
    }

    fn message(&self) -> Option<Message> {
        Some(Message::new(Key::ProblemForbidden).with("permission", self.permission))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    User(Uuid),
    ApiKey(Uuid),
    /// The server itself (background sweeps).
    System,
}

#[derive(Debug, Clone)]
pub struct Principal {
    pub tenant_id: TenantId,
    pub actor: Actor,
    pub role: Role,
    pub permissions: Vec<Permission>,
    /// The request's id, written into audit entries.
    pub request_id: Option<String>,
}

impl Principal {
    pub fn for_member(tenant_id: TenantId, user_id: Uuid, role: Role) -> Principal {
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

    pub fn require(&self, permission: Permission) -> Result<(), Forbidden> {
        if self.permissions.contains(&permission) {
            Ok(())
        } else {
            Err(Forbidden {
                permission: permission.as_str(),
            })
        }
    }

    pub fn has(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }

    /// The server acting on its own in a tenant, e.g. releasing expired reservations.
    pub fn system(tenant_id: TenantId) -> Principal {
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

    pub fn actor_type(&self) -> ActorType {
        match self.actor {
            Actor::User(_) => ActorType::User,
            Actor::ApiKey(_) => ActorType::ApiKey,
            Actor::System => ActorType::System,
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

/// The caller when the request carries credentials (`Authorization`), else none: for the routes
/// that do one thing for a signed-in caller and another for anyone. Credentials that are sent
/// but invalid are still refused.
pub struct OptionalPrincipal(pub Option<Principal>);
