//! The customer's return link: `<order id>.<expiry>.<signature>`, base64url, signed with
//! HMAC-SHA256 over the store, the order and the expiry with the server's secret. Nothing of
//! it is stored: the link is checked by signing again.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use entity::TenantId;

/// How long a link from the delivered email works: past the longest usual defect window.
pub const LINK_DAYS: i64 = 120;

/// What a valid link names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub tenant_id: TenantId,
    pub order_id: Uuid,
    pub expires: DateTime<Utc>,
}

/// The keyed MAC over what the link names. A key of any length is accepted by HMAC.
fn mac(secret: &[u8], tenant_id: TenantId, order_id: Uuid, expiry: i64) -> Option<Hmac<Sha256>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).ok()?;
    mac.update(b"retaguarda.return-link.v1|");
    mac.update(tenant_id.into_uuid().as_bytes());
    mac.update(order_id.as_bytes());
    mac.update(&expiry.to_be_bytes());
    Some(mac)
}

/// A link for the order that works until `expires`.
pub fn sign(secret: &[u8], tenant_id: TenantId, order_id: Uuid, expires: DateTime<Utc>) -> String {
    let expiry = expires.timestamp();
    let signature = mac(secret, tenant_id, order_id, expiry)
        .map(|mac| mac.finalize().into_bytes().to_vec())
        .unwrap_or_default();
    format!(
        "{}.{}.{}.{}",
        URL_SAFE_NO_PAD.encode(tenant_id.into_uuid().as_bytes()),
        URL_SAFE_NO_PAD.encode(order_id.as_bytes()),
        URL_SAFE_NO_PAD.encode(expiry.to_be_bytes()),
        URL_SAFE_NO_PAD.encode(signature),
    )
}

/// A link for the order from now on for `LINK_DAYS`.
pub fn sign_from_now(secret: &[u8], tenant_id: TenantId, order_id: Uuid) -> String {
    sign(
        secret,
        tenant_id,
        order_id,
        Utc::now() + Duration::days(LINK_DAYS),
    )
}

/// Why a link does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a link this server made (altered, or cut).
    Invalid,
    Expired,
}

/// What the link names, when this server signed it and it has not expired at `now`.
pub fn verify(secret: &[u8], token: &str, now: DateTime<Utc>) -> Result<Link, Refusal> {
    let parts: Vec<&str> = token.split('.').collect();
    let [tenant, order, expiry, signed] = parts.as_slice() else {
        return Err(Refusal::Invalid);
    };
    let decode = |part: &str| URL_SAFE_NO_PAD.decode(part).map_err(|_| Refusal::Invalid);
    let tenant_id =
        TenantId::from_uuid(Uuid::from_slice(&decode(tenant)?).map_err(|_| Refusal::Invalid)?);
    let order_id = Uuid::from_slice(&decode(order)?).map_err(|_| Refusal::Invalid)?;
    let expiry_bytes: [u8; 8] = decode(expiry)?.try_into().map_err(|_| Refusal::Invalid)?;
    let expiry = i64::from_be_bytes(expiry_bytes);
    // In constant time.
    mac(secret, tenant_id, order_id, expiry)
        .ok_or(Refusal::Invalid)?
        .verify_slice(&decode(signed)?)
        .map_err(|_| Refusal::Invalid)?;
    let expires = DateTime::from_timestamp(expiry, 0).ok_or(Refusal::Invalid)?;
    if now >= expires {
        return Err(Refusal::Expired);
    }
    Ok(Link {
        tenant_id,
        order_id,
        expires,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_link_opens_until_it_expires_and_never_altered() {
        let (tenant, order) = (TenantId::new_v7(), Uuid::now_v7());
        let now = Utc::now();
        let token = sign(b"secret", tenant, order, now + Duration::days(1));
        let link = verify(b"secret", &token, now).unwrap();
        assert_eq!((link.tenant_id, link.order_id), (tenant, order));
        assert_eq!(
            verify(b"secret", &token, now + Duration::days(2)),
            Err(Refusal::Expired)
        );
        assert_eq!(verify(b"other", &token, now), Err(Refusal::Invalid));
        let other = sign(b"secret", tenant, Uuid::now_v7(), now + Duration::days(1));
        let (head, _) = token.rsplit_once('.').unwrap();
        let (_, tail) = other.rsplit_once('.').unwrap();
        assert_eq!(
            verify(b"secret", &format!("{head}.{tail}"), now),
            Err(Refusal::Invalid)
        );
        assert_eq!(verify(b"secret", "x.y", now), Err(Refusal::Invalid));
    }
}
