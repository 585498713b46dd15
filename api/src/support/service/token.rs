//! A ticket's reply address: the store's support address with `+t<number>-<mac>` after its
//! local part (`atendimento+t12-3fa9…@loja.example`), where `mac` is the first 10 bytes of
//! HMAC-SHA256 over the store and the ticket with the server's secret, in lower-case hex (mail
//! servers may fold the case of an address). Nothing of it is stored: it is checked by
//! signing again.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use entity::TenantId;

const MAC_BYTES: usize = 10;

fn mac_hex(secret: &[u8], tenant_id: TenantId, ticket_id: Uuid) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(b"retaguarda.ticket-reply.v1|");
    mac.update(tenant_id.into_uuid().as_bytes());
    mac.update(ticket_id.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .take(MAC_BYTES)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The ticket's token: `t<number>-<mac>`.
pub fn token(secret: &[u8], tenant_id: TenantId, ticket_id: Uuid, number: i64) -> String {
    format!("t{number}-{}", mac_hex(secret, tenant_id, ticket_id))
}

/// Whether `token` is the ticket's, compared in constant time.
pub fn verify(secret: &[u8], tenant_id: TenantId, ticket_id: Uuid, token: &str) -> bool {
    use subtle::ConstantTimeEq;
    let Some((_, mac)) = token.split_once('-') else {
        return false;
    };
    let expected = mac_hex(secret, tenant_id, ticket_id);
    !expected.is_empty()
        && expected
            .as_bytes()
            .ct_eq(mac.to_ascii_lowercase().as_bytes())
            .into()
}

/// `local+<token>@domain` of `address`.
pub fn plus_address(address: &str, token: &str) -> Option<String> {
    let (local, domain) = address.rsplit_once('@')?;
    let local = local.split_once('+').map_or(local, |(base, _)| base);
    Some(format!("{local}+{token}@{domain}"))
}

/// The ticket number and token of the first recipient with one (`…+t12-…@…`).
pub fn find(recipients: &[String]) -> Option<(i64, String)> {
    recipients.iter().find_map(|address| {
        let (local, _) = address.rsplit_once('@')?;
        let (_, token) = local.split_once('+')?;
        let (number, _) = token.strip_prefix('t')?.split_once('-')?;
        Some((number.parse().ok()?, token.to_owned()))
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_its_tickets_in_its_store_only() {
        let store = TenantId::from_uuid(Uuid::now_v7());
        let ticket = Uuid::now_v7();
        let token = token(b"secret", store, ticket, 12);
        assert!(token.starts_with("t12-"));
        assert!(verify(b"secret", store, ticket, &token));
        assert!(verify(b"secret", store, ticket, &token.to_uppercase()));
        assert!(!verify(b"other", store, ticket, &token));
        assert!(!verify(
            b"secret",
            TenantId::from_uuid(Uuid::now_v7()),
            ticket,
            &token
        ));
        assert!(!verify(b"secret", store, Uuid::now_v7(), &token));
        assert!(!verify(b"secret", store, ticket, "t12-00"));
        let address = plus_address("atendimento@loja.example", &token).unwrap();
        assert_eq!(find(&[address]), Some((12, token)));
        assert_eq!(find(&["atendimento@loja.example".to_owned()]), None);
    }
}
