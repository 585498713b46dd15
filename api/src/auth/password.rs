//! Password hashing with argon2id (m=19456 KiB, t=2, p=1), on the blocking pool and at most two
//! at a time, so a burst of logins cannot starve the server.

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use super::error::AuthError;

static HASHING_SLOTS: Semaphore = Semaphore::const_new(2);

/// Verified when the email is unknown, so that answer takes as long as a wrong password.
static DUMMY_HASH: LazyLock<Option<String>> =
    LazyLock::new(|| hash_blocking("not a real password").ok());

fn argon2() -> Result<Argon2<'static>, AuthError> {
    let params = Params::new(19_456, 2, 1, None).map_err(|_| AuthError::Hashing)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_blocking(password: &str) -> Result<String, AuthError> {
    let mut salt_bytes = [0u8; 16];
    getrandom::fill(&mut salt_bytes).map_err(|_| AuthError::Hashing)?;
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|_| AuthError::Hashing)?;
    argon2()?
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|_| AuthError::Hashing)
}

fn verify_blocking(password: &str, stored: &str) -> Result<bool, AuthError> {
    let parsed = PasswordHash::new(stored).map_err(|_| AuthError::Hashing)?;
    Ok(argon2()?
        .verify_password(password.as_bytes(), &parsed)
        .is_ok())
}

async fn on_blocking_pool<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AuthError> + Send + 'static,
) -> Result<T, AuthError> {
    let _slot = HASHING_SLOTS
        .acquire()
        .await
        .map_err(|_| AuthError::Hashing)?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| AuthError::Hashing)?
}

pub async fn hash(password: &str) -> Result<String, AuthError> {
    let password = password.to_owned();
    on_blocking_pool(move || hash_blocking(&password)).await
}

/// Checks a password against a stored hash, or against a dummy hash when there is none.
pub async fn verify(password: &str, stored: Option<&str>) -> Result<bool, AuthError> {
    let password = password.to_owned();
    let stored = stored.map(str::to_owned);
    on_blocking_pool(move || match stored {
        Some(stored) => verify_blocking(&password, &stored),
        None => {
            if let Some(dummy) = DUMMY_HASH.as_deref() {
                verify_blocking(&password, dummy)?;
            }
            Ok(false)
        }
    })
    .await
}
