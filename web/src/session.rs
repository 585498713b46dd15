//! Who is signed in. The access token is kept in memory only (never in localStorage); the
//! refresh token is an `HttpOnly` cookie the page cannot read, which picks the session up
//! again after a reload.

use leptos::prelude::*;
use openapi::auth::{MeOut, Permission};
use openapi::tenancy::{Currency, Locale};

#[derive(Clone, Debug)]
pub struct SessionData {
    pub access_token: Option<String>,
    pub me: Option<MeOut>,
    /// True while the app asks whether the refresh cookie still holds a session.
    pub checking: bool,
}

impl Default for SessionData {
    fn default() -> SessionData {
        SessionData {
            access_token: None,
            me: None,
            checking: true,
        }
    }
}

/// The session, shared through context.
#[derive(Clone, Copy)]
pub struct Session(pub RwSignal<SessionData>);

impl Session {
    pub fn provide() -> Session {
        let session = Session(RwSignal::new(SessionData::default()));
        provide_context(session);
        session
    }

    pub fn get() -> Session {
        use_context::<Session>().unwrap_or_else(Session::provide)
    }

    pub fn token_untracked(&self) -> Option<String> {
        self.0.with_untracked(|s| s.access_token.clone())
    }

    pub fn signed_in_untracked(&self) -> bool {
        self.0.with_untracked(|s| s.access_token.is_some())
    }

    pub fn checking(&self) -> bool {
        self.0.with(|s| s.checking)
    }

    /// Signed in and known: pages render only once the member's permissions are loaded, so
    /// nothing is shown (or hidden) on a guess.
    pub fn signed_in(&self) -> bool {
        self.0.with(|s| s.access_token.is_some() && s.me.is_some())
    }

    /// Whether the member may do `permission`, as `/me` listed them.
    pub fn may(&self, permission: Permission) -> bool {
        self.0.with(|s| {
            s.me.as_ref()
                .is_some_and(|me| me.permissions.contains(&permission))
        })
    }

    pub fn may_untracked(&self, permission: Permission) -> bool {
        self.0.with_untracked(|s| {
            s.me.as_ref()
                .is_some_and(|me| me.permissions.contains(&permission))
        })
    }

    /// The signed-in member's user id (none for an API key).
    pub fn user_id(&self) -> Option<uuid::Uuid> {
        self.0
            .with_untracked(|s| s.me.as_ref().and_then(|me| me.user.as_ref().map(|u| u.id)))
    }

    pub fn store_name(&self) -> String {
        self.0.with(|s| {
            s.me.as_ref()
                .map(|me| me.tenant.name.clone())
                .unwrap_or_default()
        })
    }

    pub fn store_locale(&self) -> Option<Locale> {
        self.0.with(|s| s.me.as_ref().map(|me| me.tenant.locale))
    }

    /// The store's currency, read once (amounts without one of their own, a return's credit, are in it).
    pub fn store_currency(&self) -> Currency {
        self.0.with_untracked(|s| {
            s.me.as_ref()
                .map_or(Currency::default(), |me| me.tenant.currency)
        })
    }

    /// The store's IANA time zone, read once: its days (ship-by, promises) and times are shown there.
    pub fn store_timezone(&self) -> String {
        self.0.with_untracked(|s| {
            s.me.as_ref()
                .map(|me| me.tenant.timezone.clone())
                .unwrap_or_default()
        })
    }

    pub fn sign_out(&self) {
        self.0.set(SessionData {
            checking: false,
            ..SessionData::default()
        });
    }
}
