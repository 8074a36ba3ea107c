//! Who may talk to the preview. A web page from another site can make the browser send requests
//! to 127.0.0.1 (DNS rebinding: `evil.example` resolving to 127.0.0.1 makes the preview
//! same-origin with the attacker), so every request must name the preview by a loopback name or
//! by the interface it listens on, and a request from a page must come from such an origin.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::head::{Head, Refusal};

/// The names the preview answers to, besides loopback ones.
#[derive(Debug, Clone, Default)]
pub struct Allowed {
    /// `--interface` when it is a name or a specific address (lower case, no brackets).
    interface: Option<String>,
}

impl Allowed {
    /// For a server started with `--interface interface`.
    pub fn new(interface: &str) -> Allowed {
        let name = interface
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        let unspecified = name.parse::<IpAddr>().is_ok_and(|ip| ip.is_unspecified());
        Allowed {
            interface: (!unspecified && !name.is_empty()).then_some(name),
        }
    }

    /// Checks `Host`, `Origin` and `Sec-Fetch-Site`; `local` is the address the client
    /// connected to (so a device on the network may use the machine's address when the
    /// preview listens on 0.0.0.0).
    pub fn check(&self, head: &Head, local: Option<IpAddr>) -> Result<(), Refusal> {
        let hosts: Vec<&str> = head.all("host").collect();
        match hosts[..] {
            [] if head.minor == 0 => {}
            [] => return Err(NO_HOST),
            [host] => {
                if !self.authority_ok(host, local) {
                    return Err(WRONG_HOST);
                }
            }
            _ => return Err(TWO_HOSTS),
        }
        for origin in head.all("origin") {
            let ok = origin
                .strip_prefix("http://")
                .is_some_and(|authority| self.authority_ok(authority, local));
            if !ok {
                return Err(WRONG_ORIGIN);
            }
        }
        // Browsers say where a request comes from even when they send no Origin (an <img> or
        // <script> pointing here from another site): only a navigation may come from elsewhere.
        let cross_site = head
            .all("sec-fetch-site")
            .any(|v| v.eq_ignore_ascii_case("cross-site"));
        let navigation = head
            .all("sec-fetch-mode")
            .any(|v| v.eq_ignore_ascii_case("navigate"));
        if cross_site && !navigation {
            return Err(WRONG_ORIGIN);
        }
        Ok(())
    }

    /// `host[:port]` names this preview.
    fn authority_ok(&self, authority: &str, local: Option<IpAddr>) -> bool {
        let Some(host) = host_of(authority) else {
            return false;
        };
        let host = host.to_ascii_lowercase();
        if host == "localhost" || self.interface.as_deref() == Some(host.as_str()) {
            return true;
        }
        // Only strict literals: `127.1` or `0x7f.1` are not how a browser writes a Host.
        match host.parse::<IpAddr>() {
            Ok(ip) => is_loopback(ip) || Some(ip) == local,
            Err(_) => false,
        }
    }
}

/// The host of `host`, `host:port`, `[v6]` or `[v6]:port`; `None` if malformed. Any port is
/// accepted: a forwarded port (a container's `-p 8080:1111`) changes it, and the name is what
/// tells a rebinding attack apart.
fn host_of(authority: &str) -> Option<&str> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        inside.parse::<Ipv6Addr>().ok()?;
        let port = match after {
            "" => None,
            a => Some(a.strip_prefix(':')?),
        };
        (inside, port)
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let port_ok = port.is_none_or(|p| {
        !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok()
    });
    if !port_ok {
        return None;
    }
    (!host.is_empty()).then_some(host)
}

fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => {
            v6.is_loopback()
                || v6
                    .to_ipv4_mapped()
                    .is_some_and(|v4: Ipv4Addr| v4.is_loopback())
        }
    }
}

const NO_HOST: Refusal = Refusal {
    status: 400,
    text: "an HTTP/1.1 request needs a Host header",
};
const TWO_HOSTS: Refusal = Refusal {
    status: 400,
    text: "the request has more than one Host header",
};
const WRONG_HOST: Refusal = Refusal {
    status: 421,
    text: "annales serve answers only to localhost, 127.0.0.1, [::1] or its --interface \
address; open the address it printed",
};
const WRONG_ORIGIN: Refusal = Refusal {
    status: 403,
    text: "annales serve refuses requests made by pages of other sites",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn head(headers: &[(&str, &str)]) -> Head {
        Head {
            method: "GET".into(),
            target: "/".into(),
            minor: 1,
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn status(allowed: &Allowed, headers: &[(&str, &str)]) -> u16 {
        match allowed.check(&head(headers), Some("127.0.0.1".parse().unwrap())) {
            Ok(()) => 200,
            Err(r) => r.status,
        }
    }

    #[test]
    fn loopback_hosts_are_accepted_with_or_without_port() {
        let a = Allowed::new("127.0.0.1");
        for host in [
            "localhost",
            "LocalHost:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.4.5.6:80",
            "[::1]",
            "[::1]:1111",
            "[::ffff:127.0.0.1]:1111",
        ] {
            assert_eq!(status(&a, &[("host", host)]), 200, "{host}");
        }
    }

    #[test]
    fn other_hosts_are_refused() {
        let a = Allowed::new("127.0.0.1");
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "localhost:",
            "localhost:99999",
            "localhost:1111:1",
            "127.1",
            "10.0.0.1:1111",
            "[::2]:1111",
            "[::1]x",
            "",
        ] {
            assert_ne!(status(&a, &[("host", host)]), 200, "{host}");
        }
        assert_eq!(status(&a, &[]), 400);
        assert_eq!(
            status(&a, &[("host", "localhost"), ("host", "localhost")]),
            400
        );
    }

    #[test]
    fn the_interface_and_the_address_connected_to_are_accepted() {
        let named = Allowed::new("MyBox.lan");
        assert_eq!(status(&named, &[("host", "mybox.lan:1111")]), 200);
        let all = Allowed::new("0.0.0.0");
        assert_eq!(status(&all, &[("host", "0.0.0.0")]), 421);
        let lan = head(&[("host", "192.168.1.5:1111")]);
        assert!(
            all.check(&lan, Some("192.168.1.5".parse().unwrap()))
                .is_ok()
        );
        assert!(all.check(&lan, Some("127.0.0.1".parse().unwrap())).is_err());
    }

    #[test]
    fn origins_of_other_sites_are_refused() {
        let a = Allowed::new("127.0.0.1");
        let ok = [("host", "127.0.0.1:1111")];
        assert_eq!(
            status(&a, &[ok[0], ("origin", "http://127.0.0.1:1111")]),
            200
        );
        assert_eq!(status(&a, &[ok[0], ("origin", "http://localhost")]), 200);
        for origin in [
            "http://evil.example",
            "https://127.0.0.1:1111",
            "null",
            "http://127.0.0.1:1111/path",
            "",
        ] {
            assert_eq!(status(&a, &[ok[0], ("origin", origin)]), 403, "{origin}");
        }
        assert_eq!(status(&a, &[ok[0], ("sec-fetch-site", "cross-site")]), 403);
        assert_eq!(
            status(
                &a,
                &[
                    ok[0],
                    ("sec-fetch-site", "cross-site"),
                    ("sec-fetch-mode", "navigate")
                ]
            ),
            200
        );
        assert_eq!(status(&a, &[ok[0], ("sec-fetch-site", "same-origin")]), 200);
    }
}
