//! The client's address: the TCP peer's, or, when the peer is a proxy the operator named
//! (`--trusted-proxy`), the one its `X-Forwarded-For` names. Sign-in limits key on it
//! and sessions show it, so behind a TLS proxy the clients do not all share the proxy's
//! address (where any 20 wrong passwords would lock the whole firm out).
//!
//! The header is read from the right: each proxy appends the address it received from,
//! so the rightmost entry that is not itself a trusted proxy is the client. Entries to
//! its left were written by the client and are never believed. A malformed entry stops
//! the walk at the proxy that passed it on. Without `--trusted-proxy` the header is
//! ignored altogether.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;
use ipnet::IpNet;

/// How many hops of `X-Forwarded-For` are read at most: far more than any chain of
/// proxies, few enough that a header stuffed with entries costs nothing.
const MAX_HOPS: usize = 16;

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses addresses (`10.0.0.1`, a host) and CIDR blocks (`10.0.0.0/8`).
    pub fn parse(list: &[String]) -> anyhow::Result<TrustedProxies> {
        list.iter()
            .map(|text| text.trim())
            .filter(|text| !text.is_empty())
            .map(|text| {
                text.parse::<IpNet>()
                    .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
                    .map(|net| net.trunc())
                    .map_err(|_| {
                        anyhow::anyhow!(
                            "a trusted proxy must be an address or a CIDR block such as 10.0.0.0/8, not {text:?}"
                        )
                    })
            })
            .collect::<anyhow::Result<_>>()
            .map(TrustedProxies)
    }

    /// Whether any proxy is trusted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The address a request came from (see the module's summary).
    pub fn client_address(&self, peer: SocketAddr, headers: &HeaderMap) -> SocketAddr {
        if self.0.is_empty() || !self.trusts(peer.ip()) {
            return peer;
        }
        let hops: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .collect();
        let mut client = peer.ip();
        for hop in hops.iter().rev().take(MAX_HOPS) {
            match parse_hop(hop) {
                Some(ip) => {
                    client = ip;
                    if !self.trusts(ip) {
                        break;
                    }
                }
                None => break,
            }
        }
        SocketAddr::new(canonical(client), peer.port())
    }
}

/// One entry of `X-Forwarded-For`: an address, maybe bracketed or with a port.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    if let Ok(ip) = hop.parse() {
        return Some(ip);
    }
    hop.parse::<SocketAddr>().ok().map(|addr| addr.ip())
}

fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for value in values {
            map.append("x-forwarded-for", value.parse().expect("a header value"));
        }
        map
    }

    fn client(proxies: &[&str], peer: &str, values: &[&str]) -> String {
        let proxies: Vec<String> = proxies.iter().map(|p| p.to_string()).collect();
        TrustedProxies::parse(&proxies)
            .expect("proxies")
            .client_address(peer.parse().expect("peer"), &headers(values))
            .ip()
            .to_string()
    }

    #[test]
    fn only_a_trusted_peer_is_believed_and_only_from_the_right() {
        let peer = "127.0.0.1:5000";
        assert_eq!(client(&[], peer, &["203.0.113.7"]), "127.0.0.1");
        assert_eq!(client(&["10.0.0.0/8"], peer, &["203.0.113.7"]), "127.0.0.1");
        assert_eq!(
            client(&["127.0.0.1"], peer, &["203.0.113.7"]),
            "203.0.113.7"
        );
        // The client wrote the leftmost entries; the proxy appended the real one.
        assert_eq!(
            client(&["127.0.0.1"], peer, &["1.2.3.4, 203.0.113.7"]),
            "203.0.113.7"
        );
        // Two proxies: the inner one is trusted too.
        assert_eq!(
            client(
                &["127.0.0.1", "10.0.0.0/8"],
                peer,
                &["1.2.3.4", "203.0.113.7, 10.1.1.1"]
            ),
            "203.0.113.7"
        );
        assert_eq!(client(&["127.0.0.1"], peer, &["garbage"]), "127.0.0.1");
        assert_eq!(
            client(&["127.0.0.1"], peer, &["203.0.113.9, garbage"]),
            "127.0.0.1"
        );
        assert_eq!(
            client(&["127.0.0.1"], peer, &["[2001:db8::1]:443"]),
            "2001:db8::1"
        );
        assert_eq!(
            client(&["127.0.0.1"], peer, &["::ffff:203.0.113.7"]),
            "203.0.113.7"
        );
        assert_eq!(client(&["127.0.0.1"], peer, &[]), "127.0.0.1");
    }

    #[test]
    fn nonsense_proxies_are_refused() {
        for bad in ["10.0.0.0/33", "a.b.c.d", "10.0.0.0/"] {
            assert!(TrustedProxies::parse(&[bad.to_string()]).is_err(), "{bad}");
        }
    }
}

/// The network an address is in, for telling a new device from a known one: its IPv4
/// /24 (`203.0.113.0/24`) or IPv6 /64; an IPv4-mapped IPv6 address counts as IPv4.
pub(crate) fn network(ip: std::net::IpAddr) -> String {
    let ip = match ip {
        std::net::IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(std::net::IpAddr::V4)
            .unwrap_or(std::net::IpAddr::V6(v6)),
        v4 => v4,
    };
    match ip {
        std::net::IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        std::net::IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

#[cfg(test)]
mod network_tests {
    #[test]
    fn networks_are_slash_24_and_slash_64() {
        let net = |text: &str| super::network(text.parse().expect("an address"));
        assert_eq!(net("203.0.113.7"), "203.0.113.0/24");
        assert_eq!(net("::ffff:203.0.113.9"), "203.0.113.0/24");
        assert_eq!(net("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
    }
}
