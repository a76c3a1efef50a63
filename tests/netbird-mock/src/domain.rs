//! Domain validation as NetBird's `domain.ValidateDomains` (`shared/management/domain`), with a
//! hand-rolled RFC 3492 punycode that behaves like Go's `idna.ToASCII` (the raw `Punycode`
//! profile: no mapping, no case folding, `xn--` labels are decoded to check them).

use regex::Regex;
use std::sync::OnceLock;

pub const MAX_DOMAINS: usize = 32;

const BASE: u32 = 36;
const TMIN: u32 = 1;
const TMAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

fn adapt(mut delta: u32, numpoints: u32, first: bool) -> u32 {
    delta /= if first { DAMP } else { 2 };
    delta += delta / numpoints;
    let mut k = 0;
    while delta > ((BASE - TMIN) * TMAX) / 2 {
        delta /= BASE - TMIN;
        k += BASE;
    }
    k + (BASE - TMIN + 1) * delta / (delta + SKEW)
}

fn digit(d: u32) -> char {
    (if d < 26 {
        b'a' + d as u8
    } else {
        b'0' + (d - 26) as u8
    }) as char
}

/// Encodes one label's code points to punycode (without the `xn--` prefix).
pub fn punycode_encode(input: &str) -> Option<String> {
    let cps: Vec<u32> = input.chars().map(|c| c as u32).collect();
    let mut out: String = input.chars().filter(|c| c.is_ascii()).collect();
    let b = out.len() as u32;
    let mut h = b;
    if b > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    while (h as usize) < cps.len() {
        let m = *cps.iter().filter(|&&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(h + 1)?)?;
        n = m;
        for &c in &cps {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        TMIN
                    } else if k >= bias + TMAX {
                        TMAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, h + 1, h == b);
                delta = 0;
                h += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    Some(out)
}

/// Decodes a punycode label (without the `xn--` prefix).
pub fn punycode_decode(input: &str) -> Option<String> {
    let (basic, rest) = match input.rfind('-') {
        Some(0) => return None,
        Some(i) => (&input[..i], &input[i + 1..]),
        None => ("", input),
    };
    if !basic.is_ascii() {
        return None;
    }
    let mut out: Vec<u32> = basic.chars().map(|c| c as u32).collect();
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let mut it = rest.bytes().peekable();
    while it.peek().is_some() {
        let oldi = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let c = it.next()?;
            let d = match c {
                b'a'..=b'z' => c - b'a',
                b'A'..=b'Z' => c - b'A',
                b'0'..=b'9' => c - b'0' + 26,
                _ => return None,
            } as u32;
            i = i.checked_add(d.checked_mul(w)?)?;
            let t = if k <= bias {
                TMIN
            } else if k >= bias + TMAX {
                TMAX
            } else {
                k - bias
            };
            if d < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let len = out.len() as u32 + 1;
        bias = adapt(i - oldi, len, oldi == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        char::from_u32(n)?;
        out.insert(i as usize, n);
        i += 1;
    }
    out.into_iter().map(char::from_u32).collect()
}

/// Go `idna.ToASCII` (Punycode profile). The error is the `idna: invalid label "..."` text.
pub fn to_ascii(s: &str) -> Result<String, String> {
    let mut labels = Vec::new();
    for label in s.split('.') {
        if let Some(rest) = label.strip_prefix("xn--") {
            let Some(u) = punycode_decode(rest) else {
                return Err(format!("idna: invalid label {:?}", rest));
            };
            if u.is_ascii() {
                labels.push(u);
            } else {
                labels.push(format!("xn--{}", punycode_encode(&u).unwrap_or_default()));
            }
        } else if label.is_ascii() {
            labels.push(label.to_string());
        } else {
            match punycode_encode(label) {
                Some(p) => labels.push(format!("xn--{p}")),
                None => return Err(format!("idna: invalid label {:?}", label)),
            }
        }
    }
    Ok(labels.join("."))
}

/// Punycode domain back to Unicode, lowercased (what the route response shows).
pub fn to_unicode(s: &str) -> String {
    s.split('.')
        .map(|label| {
            label
                .strip_prefix("xn--")
                .and_then(punycode_decode)
                .unwrap_or_else(|| label.to_string())
        })
        .collect::<Vec<_>>()
        .join(".")
        .to_lowercase()
}

pub fn domain_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:\*\.)?(?:(?:xn--)?[a-zA-Z0-9_](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?\.)*(?:xn--)?[a-zA-Z0-9](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?$",
        )
        .expect("domain regex")
    })
}

/// Validates and converts one domain: the cause text on failure (without `invalid domains: `).
pub fn validate_domain(d: &str) -> Result<String, String> {
    let ascii = to_ascii(d).map_err(|e| format!("convert domain to punycode: {d}: {e}"))?;
    let lower = ascii.to_lowercase();
    if !domain_regex().is_match(&lower) {
        return Err(format!("invalid domain format: {d}"));
    }
    Ok(lower)
}

/// `domain.ValidateDomains`: returns the punycode, lowercased list or the full message.
pub fn validate_domains(list: &[String]) -> Result<Vec<String>, String> {
    if list.is_empty() {
        return Err("invalid domains: domains list is empty".into());
    }
    if list.len() > MAX_DOMAINS {
        return Err(format!(
            "invalid domains: domains list exceeds maximum allowed domains: {MAX_DOMAINS}"
        ));
    }
    list.iter()
        .map(|d| validate_domain(d).map_err(|e| format!("invalid domains: {e}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3492_samples() {
        assert_eq!(punycode_encode("bücher").unwrap(), "bcher-kva");
        assert_eq!(punycode_decode("bcher-kva").unwrap(), "bücher");
        // RFC 3492 7.1 (B) Chinese (simplified)
        assert_eq!(
            punycode_encode("他们为什么不说中文").unwrap(),
            "ihqwcrb4cv8a8dqg056pqjye"
        );
        assert_eq!(
            punycode_decode("ihqwcrb4cv8a8dqg056pqjye").unwrap(),
            "他们为什么不说中文"
        );
        assert_eq!(punycode_encode("münchen").unwrap(), "mnchen-3ya");
    }

    #[test]
    fn to_ascii_and_back() {
        assert_eq!(to_ascii("bücher.example").unwrap(), "xn--bcher-kva.example");
        // Go's Punycode profile keeps the case of basic code points.
        assert_eq!(to_ascii("Bücher.de").unwrap(), "xn--Bcher-kva.de");
        assert_eq!(to_unicode("xn--bcher-kva.example"), "bücher.example");
        assert_eq!(to_unicode("EXAMPLE.com"), "example.com");
        assert!(to_ascii("xn--!!.com").is_err());
    }

    #[test]
    fn api_notes_examples() {
        for ok in [
            "example.com",
            "*.example.com",
            "_sip._tcp.example.com",
            "xn--bcher-kva.de",
            "EXAMPLE.COM",
            "*.com",
            "localhost",
            "1.2.3.4",
            "bücher.example",
            // The regex allows `_` inside the final label (only not first or last).
            "example.c_m",
        ] {
            assert!(validate_domain(ok).is_ok(), "{ok} should pass");
        }
        assert_eq!(validate_domain("EXAMPLE.COM").unwrap(), "example.com");
        assert_eq!(
            validate_domain("bücher.example").unwrap(),
            "xn--bcher-kva.example"
        );
        let long = format!("{}.com", "a".repeat(64));
        let ok63 = format!("{}.com", "a".repeat(63));
        assert!(validate_domain(&ok63).is_ok());
        for bad in [
            "example.com.",
            "-a.com",
            "a-.com",
            "*",
            "a..b",
            "sub.*.example.com",
            "ab_.com",
            "example._com",
            "example.com_",
            long.as_str(),
            "",
            "*.*.example.com",
        ] {
            assert_eq!(
                validate_domain(bad),
                Err(format!("invalid domain format: {bad}")),
                "{bad} should be rejected"
            );
        }
    }

    #[test]
    fn list_rules() {
        assert_eq!(
            validate_domains(&[]).unwrap_err(),
            "invalid domains: domains list is empty"
        );
        let many: Vec<String> = (0..33).map(|i| format!("d{i}.example.com")).collect();
        assert_eq!(
            validate_domains(&many).unwrap_err(),
            "invalid domains: domains list exceeds maximum allowed domains: 32"
        );
        assert!(validate_domains(&many[..32]).is_ok());
        assert_eq!(
            validate_domains(&["ok.com".into(), "a..b".into()]).unwrap_err(),
            "invalid domains: invalid domain format: a..b"
        );
        assert!(validate_domains(&["xn--!!.com".into()])
            .unwrap_err()
            .starts_with("invalid domains: convert domain to punycode: xn--!!.com: "));
    }
}
