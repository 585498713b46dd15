//! Webhook secrets and signatures as Standard Webhooks defines them: a secret is `whsec_` and
//! its key in base64; a delivery's `webhook-signature` is `v1,` and the base64 HMAC-SHA256 of
//! `{webhook-id}.{webhook-timestamp}.{body}`, one per secret in force, space-separated.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

const PREFIX: &str = "whsec_";
/// 32 random bytes: the standard asks for 24 to 64.
const KEY_BYTES: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the random source failed")]
    Random,
    #[error("not a `whsec_` secret")]
    Malformed,
}

/// A new secret, `whsec_…`.
pub fn new_secret() -> Result<String, SecretError> {
    let mut key = [0u8; KEY_BYTES];
    getrandom::fill(&mut key).map_err(|_| SecretError::Random)?;
    Ok(format!("{PREFIX}{}", STANDARD.encode(key)))
}

fn key_of(secret: &str) -> Result<Vec<u8>, SecretError> {
    secret
        .strip_prefix(PREFIX)
        .and_then(|b64| STANDARD.decode(b64).ok())
        .filter(|key| !key.is_empty())
        .ok_or(SecretError::Malformed)
}

/// One signature, `v1,…`, of the message `id` sent at `timestamp` (Unix seconds).
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Result<String, SecretError> {
    let key = key_of(secret)?;
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(&key).map_err(|_| SecretError::Malformed)?;
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    Ok(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// The `webhook-signature` header: a signature for each secret in force (the current one
/// first, then the previous one while a rotation's grace lasts).
pub fn header(
    secrets: &[String],
    id: &str,
    timestamp: i64,
    body: &[u8],
) -> Result<String, SecretError> {
    let signatures: Result<Vec<String>, SecretError> = secrets
        .iter()
        .map(|secret| sign(secret, id, timestamp, body))
        .collect();
    Ok(signatures?.join(" "))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The example of the Standard Webhooks specification and its libraries' tests.
    #[test]
    fn signs_the_specifications_example() {
        let signature = sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330,
            br#"{"test": 2432232314}"#,
        )
        .unwrap();
        assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn a_new_secret_is_32_random_bytes_and_each_differs() {
        let (a, b) = (new_secret().unwrap(), new_secret().unwrap());
        assert_ne!(a, b);
        assert_eq!(key_of(&a).unwrap().len(), 32);
        let both = header(&[a.clone(), b], "msg_1", 1, b"{}").unwrap();
        assert_eq!(both.split(' ').count(), 2);
        assert!(both.starts_with(&sign(&a, "msg_1", 1, b"{}").unwrap()));
        assert!(sign("no prefix", "msg_1", 1, b"{}").is_err());
    }
}
