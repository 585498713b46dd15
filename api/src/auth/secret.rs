//! Random secrets and their stored hashes: refresh tokens, API keys, invitation tokens.
//!
//! A tenant-bound secret (`rtg_<tenant>_<random>`) names its tenant, so the server can open that
//! tenant's transaction before it looks the hash up: the lookup stays behind row-level security.

use base64::Engine;
use entity::TenantId;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// 256 random bits, URL-safe base64.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS random source failing is not recoverable; fall back to v4 UUIDs (also OS random).
    if getrandom::fill(&mut bytes).is_err() {
        let a = Uuid::new_v4();
        let b = Uuid::new_v4();
        bytes[..16].copy_from_slice(a.as_bytes());
        bytes[16..].copy_from_slice(b.as_bytes());
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256, hex: what is stored instead of a secret. Secrets are random, so no salt is needed.
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

pub struct TenantSecret {
    pub token: String,
    pub hash: String,
}

pub fn new_tenant_secret(prefix: &str, tenant_id: TenantId) -> TenantSecret {
    let token = format!(
        "{prefix}_{}_{}",
        tenant_id.into_uuid().simple(),
        random_token()
    );
    TenantSecret {
        hash: hash(&token),
        token,
    }
}

/// The tenant and the hash of a well-formed tenant-bound secret.
pub fn parse_tenant_secret(prefix: &str, token: &str) -> Option<(TenantId, String)> {
    let rest = token.strip_prefix(prefix)?.strip_prefix('_')?;
    let (tenant, random) = rest.split_once('_')?;
    if random.len() < 32 {
        return None;
    }
    let tenant_id = TenantId::from(Uuid::try_parse(tenant).ok()?);
    Some((tenant_id, hash(token)))
}
