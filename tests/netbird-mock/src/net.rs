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

/// Go's `netip.ParseAddr`: the address, or the error text it gives
/// (`ParseAddr("x"): unable to parse IP`, `ParseAddr("1.2.3"): IPv4 address too short`, …).
/// A zone (`fe80::1%eth0`) is accepted and dropped.
pub fn parse_addr(s: &str) -> Result<IpAddr, String> {
    let fail = |msg: &str, at: Option<&str>| match at {
        Some(at) if !at.is_empty() => Err(format!("ParseAddr({s:?}): {msg} (at {at:?})")),
        _ => Err(format!("ParseAddr({s:?}): {msg}")),
    };
    match s.bytes().find(|b| matches!(b, b'.' | b':' | b'%')) {
        Some(b'.') => parse_v4(s).map(IpAddr::V4).or_else(|(m, at)| fail(m, at)),
        Some(b':') => {
            let (addr, zone) = match s.find('%') {
                Some(i) => (&s[..i], Some(&s[i + 1..])),
                None => (s, None),
            };
            if zone == Some("") {
                return fail("zone must be a non-empty string", None);
            }
            match addr.parse::<Ipv6Addr>() {
                Ok(a) => Ok(IpAddr::V6(a)),
                Err(_) => fail(v6_error(addr), None),
            }
        }
        Some(_) => fail("missing IPv6 address", None),
        None => fail("unable to parse IP", None),
    }
}

/// Dotted-quad parsing with Go's error texts and the unparsed rest (`at`) where Go gives one.
fn parse_v4(s: &str) -> Result<Ipv4Addr, (&'static str, Option<&str>)> {
    let b = s.as_bytes();
    let (mut fields, mut pos, mut val, mut digits) = ([0u8; 4], 0usize, 0u32, 0);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                if digits == 1 && val == 0 {
                    return Err(("IPv4 field has octet with leading zero", None));
                }
                val = val * 10 + (c - b'0') as u32;
                digits += 1;
                if val > 255 {
                    return Err(("IPv4 field has value >255", None));
                }
            }
            b'.' => {
                if i == 0 || i == b.len() - 1 || b[i - 1] == b'.' {
                    return Err(("IPv4 field must have at least one digit", Some(&s[i..])));
                }
                if pos == 3 {
                    return Err(("IPv4 address too long", None));
                }
                fields[pos] = val as u8;
                pos += 1;
                val = 0;
                digits = 0;
            }
            _ => return Err(("unexpected character", Some(&s[i..]))),
        }
    }
    if pos < 3 {
        return Err(("IPv4 address too short", None));
    }
    fields[3] = val as u8;
    Ok(Ipv4Addr::from(fields))
}

/// The likeliest of Go's IPv6 parse errors for a string Rust rejected (without Go's `(at …)`).
fn v6_error(s: &str) -> &'static str {
    if s.matches("::").count() > 1 {
        "multiple :: in address"
    } else if s.ends_with(':') && !s.ends_with("::") {
        "colon must be followed by more characters"
    } else if s
        .split(':')
        .any(|f| !f.contains('.') && f.len() > 4 && f.bytes().all(|c| c.is_ascii_hexdigit()))
    {
        "IPv6 field has value >=2^16"
    } else if s
        .bytes()
        .any(|c| !(c.is_ascii_hexdigit() || c == b':' || c == b'.'))
    {
        "unexpected character, want colon"
    } else if !s.contains("::") && s.split(':').count() < 8 {
        "address string too short"
    } else {
        "trailing garbage after address"
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

    #[test]
    fn parse_addr_messages_are_go_s() {
        assert_eq!(
            parse_addr("100.64.0.9").unwrap(),
            "100.64.0.9".parse::<IpAddr>().unwrap()
        );
        assert!(parse_addr("2001:db8::1").unwrap().is_ipv6());
        for (input, msg) in [
            ("not-an-ip", r#"ParseAddr("not-an-ip"): unable to parse IP"#),
            ("1.2.3", r#"ParseAddr("1.2.3"): IPv4 address too short"#),
            (
                "1.2.3.4.5",
                r#"ParseAddr("1.2.3.4.5"): IPv4 address too long"#,
            ),
            (
                "1.2.3.256",
                r#"ParseAddr("1.2.3.256"): IPv4 field has value >255"#,
            ),
            (
                "1.2.03.4",
                r#"ParseAddr("1.2.03.4"): IPv4 field has octet with leading zero"#,
            ),
            (
                "1..2.3",
                r#"ParseAddr("1..2.3"): IPv4 field must have at least one digit (at ".2.3")"#,
            ),
            (
                "1.2.3.x",
                r#"ParseAddr("1.2.3.x"): unexpected character (at "x")"#,
            ),
            ("%eth0", r#"ParseAddr("%eth0"): missing IPv6 address"#),
        ] {
            assert_eq!(parse_addr(input).unwrap_err(), msg, "{input}");
        }
    }
}
