//! Where a webhook may go (DESIGN.md §6, server-side request forgery): an `https` address
//! without credentials whose host is on the public internet. Every address the host resolves
//! to is checked, at registration and again before each delivery, and the delivery connects
//! to an address that was checked (the caller pins it), never to a second lookup's answer.
//! The address forms `url` normalises (`0x7f.1`, `2130706433`, `[::ffff:127.0.0.1]`) are
//! judged as the addresses they are.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use url::{Host, Url};

/// How long a name may take to resolve.
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(5);
/// The longest address kept (after `url` normalised it).
const MAX_URL: usize = 2_000;

/// Why an address is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("`{0}` is not an absolute address")]
    NotUrl(String),
    #[error("only https:// addresses are delivered to")]
    NotHttps,
    #[error("the address carries a user name or password")]
    Credentials,
    #[error("the host `{0}` does not resolve")]
    Unresolved(String),
    #[error("the host resolves to {0}, which is not on the public internet")]
    NotPublic(IpAddr),
}

/// An address checked for delivery: the URL and the public addresses its host resolved to.
#[derive(Debug, Clone)]
pub struct Destination {
    pub url: Url,
    pub host: String,
    pub addresses: Vec<SocketAddr>,
}

/// `text` parsed and checked for its form (not yet its addresses).
pub fn parse(text: &str) -> Result<Url, Refusal> {
    let url = Url::parse(text.trim()).map_err(|_| Refusal::NotUrl(text.to_owned()))?;
    if url.scheme() != "https" {
        return Err(Refusal::NotHttps);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Refusal::Credentials);
    }
    if url.host().is_none() || url.as_str().len() > MAX_URL {
        return Err(Refusal::NotUrl(text.to_owned()));
    }
    Ok(url)
}

/// Resolves and checks `url`'s host. `to_loopback` (a test setting) lets loopback addresses
/// through, and nothing else that is not public.
pub async fn resolve(url: &Url, to_loopback: bool) -> Result<Destination, Refusal> {
    let port = url.port_or_known_default().unwrap_or(443);
    let (host, addresses) = match url.host() {
        Some(Host::Ipv4(ip)) => (ip.to_string(), vec![SocketAddr::new(IpAddr::V4(ip), port)]),
        Some(Host::Ipv6(ip)) => (ip.to_string(), vec![SocketAddr::new(IpAddr::V6(ip), port)]),
        Some(Host::Domain(name)) => {
            let lookup = tokio::net::lookup_host((name, port));
            let found: Vec<SocketAddr> = tokio::time::timeout(LOOKUP_TIMEOUT, lookup)
                .await
                .ok()
                .and_then(Result::ok)
                .ok_or_else(|| Refusal::Unresolved(name.to_owned()))?
                .collect();
            (name.to_owned(), found)
        }
        None => return Err(Refusal::NotUrl(url.to_string())),
    };
    if addresses.is_empty() {
        return Err(Refusal::Unresolved(host));
    }
    if let Some(bad) = addresses
        .iter()
        .map(SocketAddr::ip)
        .find(|ip| !allowed(*ip, to_loopback))
    {
        return Err(Refusal::NotPublic(bad));
    }
    Ok(Destination {
        url: url.clone(),
        host,
        addresses,
    })
}

fn allowed(ip: IpAddr, to_loopback: bool) -> bool {
    public(ip) || (to_loopback && ip.is_loopback())
}

/// Whether `ip` is on the public internet: not loopback, private, link-local (the cloud
/// metadata address among them), shared (CGNAT), multicast, reserved or for documentation;
/// an IPv4 address carried in IPv6 is judged as itself.
pub fn public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => public_v4(v4),
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some(v4) => public_v4(v4),
            None => public_v6(v6),
        },
    }
}

fn public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let refused = ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        || a == 0
        // Shared address space (CGNAT), 100.64.0.0/10.
        || (a == 100 && (64..128).contains(&b))
        // IETF protocol assignments, 192.0.0.0/24, and benchmarking, 198.18.0.0/15.
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
        // Reserved, 240.0.0.0/4.
        || a >= 240;
    !refused
}

/// The IPv4 address an IPv6 address carries: mapped (`::ffff:a.b.c.d`), compatible
/// (`::a.b.c.d`), NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`).
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let tail = || Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    if s[..6] == [0, 0, 0, 0, 0, 0] && !(ip.is_loopback() || ip.is_unspecified()) {
        return Some(tail());
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(tail());
    }
    if s[0] == 0x2002 {
        return Some(Ipv4Addr::new(
            (s[1] >> 8) as u8,
            s[1] as u8,
            (s[2] >> 8) as u8,
            s[2] as u8,
        ));
    }
    None
}

/// Only global unicast (`2000::/3`) is public, less the parts of it that are not: Teredo,
/// `2001::/32` (it hides an IPv4 address); documentation, `2001:db8::/32` and `3fff::/20`;
/// benchmarking, `2001:2::/48`; ORCHIDv2, `2001:20::/28`. Local-use NAT64,
/// `64:ff9b:1::/48`, lies outside it and so is refused with the rest.
fn public_v6(ip: Ipv6Addr) -> bool {
    let [first, second, third, ..] = ip.segments();
    let global_unicast = (first & 0xe000) == 0x2000;
    let refused = (first == 0x2001 && (second == 0 || second == 0x0db8))
        || (first == 0x2001 && second == 2 && third == 0)
        || (first == 0x2001 && (second & 0xfff0) == 0x0020)
        || (first & 0xfff0) == 0x3ff0;
    global_unicast && !refused
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    async fn checked(text: &str) -> Result<Destination, Refusal> {
        resolve(&parse(text)?, false).await
    }

    #[tokio::test]
    async fn addresses_off_the_public_internet_are_refused_in_every_spelling() {
        for text in [
            "https://127.0.0.1/",
            "https://127.1.2.3:8443/hook",
            "https://[::1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:7f00:1]/",
            "https://[::127.0.0.1]/",
            "https://[64:ff9b::a9fe:a9fe]/",
            "https://[2002:c0a8:0101::1]/",
            "https://169.254.169.254/latest/meta-data/",
            "https://0x7f.1/",
            "https://2130706433/",
            "https://0177.0.0.1/",
            "https://10.0.0.5/",
            "https://172.16.3.4/",
            "https://192.168.1.1/",
            "https://100.64.0.1/",
            "https://0.0.0.0/",
            "https://224.0.0.1/",
            "https://255.255.255.255/",
            "https://240.0.0.1/",
            "https://198.18.0.1/",
            "https://[fc00::1]/",
            "https://[fd12:3456::1]/",
            "https://[fe80::1]/",
            "https://[ff02::1]/",
            "https://[2001:db8::1]/",
            "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
            "https://[64:ff9b:1::a00:1]/",
            "https://[::ffff:0:a00:1]/",
            "https://[3fff::1]/",
            "https://[2001:2::1]/",
            "https://[100::1]/",
            "https://localhost/",
        ] {
            assert!(
                matches!(checked(text).await, Err(Refusal::NotPublic(_))),
                "{text} was not refused as not public: {:?}",
                checked(text).await
            );
        }
    }

    #[tokio::test]
    async fn only_https_without_credentials_is_taken() {
        assert_eq!(parse("http://example.com/").unwrap_err(), Refusal::NotHttps);
        assert_eq!(parse("ftp://example.com/").unwrap_err(), Refusal::NotHttps);
        assert_eq!(
            parse("https://user:pw@example.com/").unwrap_err(),
            Refusal::Credentials
        );
        assert!(matches!(parse("not a url"), Err(Refusal::NotUrl(_))));
        let public = checked("https://93.184.215.14/hooks").await.unwrap();
        assert_eq!(public.addresses[0].port(), 443);
        let v6 = checked("https://[2606:4700::1111]:8443/").await.unwrap();
        assert_eq!(v6.addresses[0].port(), 8443);
    }

    #[tokio::test]
    async fn the_test_setting_lets_loopback_through_and_nothing_else() {
        let loopback = parse("https://127.0.0.1:9443/").unwrap();
        assert!(resolve(&loopback, true).await.is_ok());
        let private = parse("https://10.1.2.3/").unwrap();
        assert!(resolve(&private, true).await.is_err());
        let metadata = parse("https://169.254.169.254/").unwrap();
        assert!(resolve(&metadata, true).await.is_err());
    }
}
