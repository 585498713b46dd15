//! The routes that need no caller (sign-up, login, refresh, logout, accepting an invitation)
//! are limited per client address, in this process, by `governor`: a burst of a minute's
//! allowance, then an even rate. What must hold across servers (password guesses) is counted
//! in the database as well (`auth::login_limit`).
//!
//! The client's address is the socket's peer, unless that peer is one of
//! `RETAGUARDA_TRUSTED_PROXIES`: then it is the last address of `X-Forwarded-For` that is not a
//! trusted proxy (the nearest hop the proxies did not add themselves).

use std::future::{Ready, ready};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::{ApiError, DomainError, ErrorKind};
use crate::i18n::{Key, Message};

/// The per-address limiter of the public routes, and the proxies whose `X-Forwarded-For` it
/// believes; the app holds it as its own `web::Data`.
#[derive(Clone)]
pub struct PublicLimiter {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    trusted_proxies: Arc<[IpAddr]>,
}

/// A client over its address's allowance.
#[derive(Debug, thiserror::Error)]
#[error("too many requests from your address; try again in {retry_after} seconds")]
pub struct RateLimited {
    pub retry_after: u64,
}

impl DomainError for RateLimited {
    fn kind(&self) -> ErrorKind {
        ErrorKind::TooManyRequests
    }

    fn code(&self) -> &'static str {
        "request/rate-limited"
    }

    fn retry_after(&self) -> Option<u64> {
        Some(self.retry_after)
    }

    fn message(&self) -> Option<Message> {
        let seconds = i64::try_from(self.retry_after).unwrap_or(i64::MAX);
        Some(Message::new(Key::ProblemRateLimited).with("seconds", seconds))
    }
}

impl PublicLimiter {
    pub fn per_minute(requests: u32, trusted_proxies: &[IpAddr]) -> PublicLimiter {
        let requests = NonZeroU32::new(requests).unwrap_or(NonZeroU32::MIN);
        PublicLimiter {
            limiter: Arc::new(RateLimiter::keyed(Quota::per_minute(requests))),
            trusted_proxies: trusted_proxies.into(),
        }
    }

    /// Takes one request from `ip`'s allowance, or says how many seconds until there is one.
    fn take(&self, ip: IpAddr) -> Result<(), u64> {
        self.limiter.check_key(&ip).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            wait.as_secs() + 1
        })
    }

    /// Forgets addresses whose allowance is full again (called by a sweep).
    pub fn forget_idle(&self) {
        self.limiter.retain_recent();
    }
}

/// The client's address (see the module's comment).
pub fn client_ip(req: &HttpRequest, trusted_proxies: &[IpAddr]) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip();
    if !trusted_proxies.contains(&peer) {
        return Some(peer);
    }
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|part| part.trim().parse::<IpAddr>().ok())
        .collect::<Vec<_>>();
    Some(
        forwarded
            .into_iter()
            .rev()
            .find(|ip| !trusted_proxies.contains(ip))
            .unwrap_or(peer),
    )
}

/// A request to a public route that was within its address's allowance; extracting it takes
/// one request from that allowance, or answers 429 with `Retry-After`.
pub struct PublicCaller {
    pub ip: IpAddr,
}

impl FromRequest for PublicCaller {
    type Error = ApiError;
    type Future = Ready<Result<PublicCaller, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(admit(req))
    }
}

fn admit(req: &HttpRequest) -> Result<PublicCaller, ApiError> {
    let Some(limiter) = req.app_data::<web::Data<PublicLimiter>>() else {
        return Err(ApiError::new(
            ErrorKind::Internal,
            "internal",
            "the public routes have no limiter",
        ));
    };
    let ip = client_ip(req, &limiter.trusted_proxies).unwrap_or(IpAddr::from([0, 0, 0, 0]));
    limiter
        .take(ip)
        .map_err(|retry_after| ApiError::from(RateLimited { retry_after }))?;
    Ok(PublicCaller { ip })
}
