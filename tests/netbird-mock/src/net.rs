//! Prefix parsing as Go's `netip.ParsePrefix` followed by `Masked()` (a route's `network`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Prefix {
    pub addr: IpAddr,
    pub bits: u8,
}

impl Prefix {
    /// Parses `addr/bits`; a bare address, a zone, a signed or zero-padded length fail.
    pub fn parse(s: &str) -> Option<Prefix> {
        let i = s.rfind('/')?;
        let (a, bits) = (&s[..i], &s[i + 1..]);
        if bits.is_empty() || !bits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if bits.len() > 1 && bits.starts_with('0') {
            return None;
        }
        let bits: u32 = bits.parse().ok()?;
        let addr: IpAddr = if a.contains(':') {
            IpAddr::V6(a.parse::<Ipv6Addr>().ok()?)
        } else {
            IpAddr::V4(a.parse::<Ipv4Addr>().ok()?)
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        if bits > max {
            return None;
        }
        Some(Prefix {
            addr,
            bits: bits as u8,
        })
    }

    /// Host bits cleared.
    pub fn masked(self) -> Prefix {
        let addr = match self.addr {
            IpAddr::V4(a) => {
                let m = if self.bits == 0 {
                    0
                } else {
                    u32::MAX << (32 - self.bits as u32)
                };
                IpAddr::V4(Ipv4Addr::from(u32::from(a) & m))
            }
            IpAddr::V6(a) => {
                let m = if self.bits == 0 {
                    0
                } else {
                    u128::MAX << (128 - self.bits as u32)
                };
                IpAddr::V6(Ipv6Addr::from(u128::from(a) & m))
            }
        };
        Prefix {
            addr,
            bits: self.bits,
        }
    }

    pub fn is_v6(&self) -> bool {
        self.addr.is_ipv6()
    }
}

impl std::fmt::Display for Prefix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.addr, self.bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Option<String> {
        Prefix::parse(s).map(|p| p.masked().to_string())
    }

    #[test]
    fn masks_host_bits() {
        assert_eq!(m("10.0.0.1/24").unwrap(), "10.0.0.0/24");
        assert_eq!(m("192.168.1.77/32").unwrap(), "192.168.1.77/32");
        assert_eq!(m("0.0.0.0/0").unwrap(), "0.0.0.0/0");
        assert_eq!(m("8.8.8.8/0").unwrap(), "0.0.0.0/0");
        assert_eq!(m("2001:db8::1/64").unwrap(), "2001:db8::/64");
        assert_eq!(m("::/0").unwrap(), "::/0");
        assert_eq!(m("2001:DB8:0:0:1::1/48").unwrap(), "2001:db8::/48");
    }

    #[test]
    fn v4_mapped_is_v6() {
        let p = Prefix::parse("::ffff:10.0.0.1/120").unwrap().masked();
        assert!(p.is_v6());
        assert_eq!(p.to_string(), "::ffff:10.0.0.0/120");
    }

    #[test]
    fn rejects_what_go_rejects() {
        for bad in [
            "10.0.0.0",
            "10.0.0.0/",
            "10.0.0.0/33",
            "10.0.0.0/024",
            "10.0.0.0/+8",
            "10.0.0.0/-1",
            "fe80::1%eth0/64",
            "::/129",
            "010.0.0.0/8",
            "10.0.0/8",
            "example.com/24",
            "",
            "10.0.0.0/8/8",
        ] {
            assert!(Prefix::parse(bad).is_none(), "{bad} should be rejected");
        }
        assert!(Prefix::parse("10.0.0.0/0").is_some());
    }
}
