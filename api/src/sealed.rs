//! Secrets the server must read back (a webhook endpoint's signing key), sealed with a key of
//! the server's, so the database alone never reveals them. XChaCha20-Poly1305 with a random
//! nonce; the row that holds a sealed value is its associated data, so a value copied to
//! another row does not open. The key is derived from the server's secret
//! (`RETAGUARDA_JWT_SECRET`) under its own label: changing that secret makes the sealed
//! secrets unreadable, and their endpoints need a rotation.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

const LABEL: &[u8] = b"retaguarda sealed secrets v1";
const PREFIX: &str = "v1.";
const NONCE_LEN: usize = 24;

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("the sealed value is not one this server made")]
    Malformed,
    #[error("the sealed value does not open with this server's key for this row")]
    WrongKey,
    #[error("the random source failed")]
    Random,
}

pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl Sealer {
    /// The sealer of the server whose secret is `server_secret`.
    pub fn new(server_secret: &[u8]) -> Sealer {
        // HMAC takes a key of any length, so this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(server_secret)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length"));
        mac.update(LABEL);
        let key = mac.finalize().into_bytes();
        Sealer {
            cipher: XChaCha20Poly1305::new(&key),
        }
    }

    /// `secret` sealed for the row `row` (its table and ids, as bytes).
    pub fn seal(&self, secret: &str, row: &[u8]) -> Result<String, SealError> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|_| SealError::Random)?;
        let payload = Payload {
            msg: secret.as_bytes(),
            aad: row,
        };
        let sealed = self
            .cipher
            .encrypt(&XNonce::from(nonce), payload)
            .map_err(|_| SealError::WrongKey)?;
        let mut bytes = nonce.to_vec();
        bytes.extend(sealed);
        Ok(format!("{PREFIX}{}", STANDARD.encode(bytes)))
    }

    /// The secret sealed for `row`.
    pub fn open(&self, sealed: &str, row: &[u8]) -> Result<String, SealError> {
        let bytes = sealed
            .strip_prefix(PREFIX)
            .and_then(|b64| STANDARD.decode(b64).ok())
            .filter(|bytes| bytes.len() > NONCE_LEN)
            .ok_or(SealError::Malformed)?;
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| SealError::Malformed)?;
        let payload = Payload {
            msg: sealed,
            aad: row,
        };
        let plain = self
            .cipher
            .decrypt(&XNonce::from(nonce), payload)
            .map_err(|_| SealError::WrongKey)?;
        String::from_utf8(plain).map_err(|_| SealError::Malformed)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_with_its_key_and_row() {
        let sealer = Sealer::new(b"server secret");
        let sealed = sealer.seal("whsec_abc", b"row-1").unwrap();
        assert!(!sealed.contains("whsec_abc"));
        assert_eq!(sealer.open(&sealed, b"row-1").unwrap(), "whsec_abc");
        assert!(matches!(
            sealer.open(&sealed, b"row-2"),
            Err(SealError::WrongKey)
        ));
        let other = Sealer::new(b"another server");
        assert!(matches!(
            other.open(&sealed, b"row-1"),
            Err(SealError::WrongKey)
        ));
        assert!(matches!(
            sealer.open("v1.AAAA", b"row-1"),
            Err(SealError::Malformed)
        ));
        // Two seals of one secret differ (a fresh nonce each).
        assert_ne!(sealed, sealer.seal("whsec_abc", b"row-1").unwrap());
    }
}
