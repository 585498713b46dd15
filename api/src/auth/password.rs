//! Password hashing with argon2id (m=19456 KiB, t=2, p=1), on the blocking pool and at most two
//! at a time, so a burst of logins cannot starve the server; behind them a bounded queue, so a
//! flood of logins is answered 503 at once instead of making every store's staff wait; and the
//! one password policy (length, and zxcvbn's guess of how easily it is guessed) of every place a
//! password is set.

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use super::error::AuthError;

/// Two hashes run at a time; 32 run or wait at most, and one more is refused (503 with
/// `Retry-After`) rather than kept waiting.
static QUEUE: HashingQueue = HashingQueue::new(2, 32);

/// Password work: at most `running` at a time on the blocking pool, at most `places` running
/// or waiting.
pub struct HashingQueue {
    running: Semaphore,
    places: Semaphore,
}

impl HashingQueue {
    pub const fn new(running: usize, places: usize) -> HashingQueue {
        HashingQueue {
            running: Semaphore::const_new(running),
            places: Semaphore::const_new(places),
        }
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, AuthError> + Send + 'static,
    ) -> Result<T, AuthError> {
        let _place = self.places.try_acquire().map_err(|_| AuthError::Busy)?;
        let _slot = self
            .running
            .acquire()
            .await
            .map_err(|_| AuthError::Hashing)?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|_| AuthError::Hashing)?
    }
}

pub const MIN_LENGTH: usize = 10;
/// zxcvbn's score (0–4) a new password must reach: 3 is "safely unguessable: moderate
/// protection from offline slow-hash scenario" (argon2id is such a hash).
const MIN_SCORE: zxcvbn::Score = zxcvbn::Score::Three;

/// Why a new password is refused, if it is: too short, or too easy to guess (a common
/// password, a word with digits, the person's own name or email, a keyboard pattern).
pub fn check_policy(password: &str, user_inputs: &[&str]) -> Result<(), String> {
    if password.chars().count() < MIN_LENGTH {
        return Err(format!("must have at least {MIN_LENGTH} characters"));
    }
    let estimate = zxcvbn::zxcvbn(password, user_inputs);
    if estimate.score() >= MIN_SCORE {
        return Ok(());
    }
    let hint = estimate
        .feedback()
        .and_then(|f| f.warning().map(|w| w.to_string()))
        .unwrap_or_else(|| "add more words or characters".to_owned());
    Err(format!("is too easy to guess: {hint}"))
}

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
    QUEUE.run(work).await
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_refuses_short_common_and_personal_passwords() {
        for weak in [
            "short",
            "password123",
            "1234567890",
            "qwertyuiop",
            "ana.souza@example.com",
        ] {
            assert!(
                check_policy(weak, &["ana.souza@example.com", "Ana Souza"]).is_err(),
                "{weak}"
            );
        }
        for fine in [
            "correct horse battery",
            "uma senha bem longa",
            "a long passphrase",
        ] {
            assert_eq!(check_policy(fine, &["ana@example.com"]), Ok(()), "{fine}");
        }
    }

    #[tokio::test]
    async fn a_full_queue_answers_busy_at_once_instead_of_waiting() {
        let queue: &'static HashingQueue = Box::leak(Box::new(HashingQueue::new(1, 3)));
        let tasks: Vec<_> = (0..10)
            .map(|_| {
                tokio::spawn(queue.run(|| {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    Ok(())
                }))
            })
            .collect();
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(task.await.unwrap_or(Err(AuthError::Hashing)));
        }
        let done = outcomes.iter().filter(|o| o.is_ok()).count();
        let busy = outcomes
            .iter()
            .filter(|o| matches!(o, Err(AuthError::Busy)))
            .count();
        assert_eq!((done, busy), (3, 7));
    }
}
