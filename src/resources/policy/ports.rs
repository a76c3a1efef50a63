//! A rule's ports as the form shows them: one text field, `22, 80, 443, 8000-8100` (commas or
//! new lines separate, spaces around items and around `-` optional). Pure.
//!
//! The API takes either `ports` (strings) or `port_ranges` (`{start, end}`), never both
//! (422 `specify either individual ports or port ranges, not both`). So the text becomes one of
//! the two: only single ports → `ports`; any range among them → everything as `port_ranges`, a
//! single port as `start == end`. The server's rule can then never trip.
//!
//! Deliberately stricter than the server: the server checks a range only for `start >= 1` and
//! `end <= 65535`; it takes `start > end`, and a start above 65535 wraps around in its uint16.
//! Here every range is `1 <= start <= end <= 65535`. Items are plain digits (no sign). A port
//! or range given twice is sent once, in the order first typed.

use super::model::PortRange;
use crate::base::i18n::tf;

pub const MIN_PORT: i64 = 1;
pub const MAX_PORT: i64 = 65_535;

/// What the ports text stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ports {
    /// Empty text: every port (for tcp and udp), or none needed (all, icmp).
    None,
    /// Sent as `ports: ["22", "80"]`.
    Single(Vec<u16>),
    /// Sent as `port_ranges`, single ports as `start == end`.
    Ranges(Vec<PortRange>),
}

impl Ports {
    pub fn is_none(&self) -> bool {
        matches!(self, Ports::None)
    }

    /// The request's `ports` member (None: leave the key out).
    pub fn ports(&self) -> Option<Vec<String>> {
        match self {
            Ports::Single(ports) => Some(ports.iter().map(u16::to_string).collect()),
            _ => None,
        }
    }

    /// The request's `port_ranges` member (None: leave the key out).
    pub fn port_ranges(&self) -> Option<Vec<PortRange>> {
        match self {
            Ports::Ranges(ranges) => Some(ranges.clone()),
            _ => None,
        }
    }
}

/// One port as typed: digits only, 1..65535. Err: a message naming `item`.
fn port(text: &str, item: &str) -> Result<i64, String> {
    let bad = || {
        tf(
            "“{item}” is not a port: a port is a whole number from 1 to 65535.",
            &[("item", item)],
        )
    };
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    // Leading zeros are allowed (the server reads "080" as 80); the length cap keeps the
    // parse from overflowing.
    let digits = text.trim_start_matches('0');
    if digits.len() > 5 {
        return Err(bad());
    }
    match digits.parse::<i64>().unwrap_or(0) {
        n if (MIN_PORT..=MAX_PORT).contains(&n) => Ok(n),
        _ => Err(bad()),
    }
}

/// Reads the ports text. Err: a message naming the first bad item.
pub fn parse_ports(text: &str) -> Result<Ports, String> {
    let mut items: Vec<PortRange> = Vec::new();
    let mut any_range = false;
    for raw in text.split([',', '\n', '\r']) {
        let item = raw.trim();
        if item.is_empty() {
            continue;
        }
        let range = if let Some((a, b)) = item.split_once('-') {
            let (start, end) = (port(a.trim(), item)?, port(b.trim(), item)?);
            if start > end {
                return Err(tf(
                    "The range “{item}” runs backwards: write the lower port first.",
                    &[("item", item)],
                ));
            }
            any_range = true;
            PortRange { start, end }
        } else if item.contains(char::is_whitespace) {
            return Err(tf(
                "“{item}”: separate ports with commas, like 22, 80, 8000-8100.",
                &[("item", item)],
            ));
        } else {
            let p = port(item, item)?;
            PortRange { start: p, end: p }
        };
        if !items.contains(&range) {
            items.push(range);
        }
    }
    Ok(if items.is_empty() {
        Ports::None
    } else if any_range {
        Ports::Ranges(items)
    } else {
        // Every item is a single port, checked to fit.
        Ports::Single(items.iter().map(|r| r.start as u16).collect())
    })
}

/// A loaded rule's ports as the form shows them: `22, 80, 8000-8100` (a range with
/// `start == end` as its one port). Parsing it back gives the same ports, except that a rule
/// whose ranges are all single ports comes back as `ports` (the same ports, the other key).
pub fn format_ports(ports: &[String], ranges: &[PortRange]) -> String {
    let ranges = ranges.iter().map(|r| {
        if r.start == r.end {
            r.start.to_string()
        } else {
            format!("{}-{}", r.start, r.end)
        }
    });
    ports
        .iter()
        .map(|p| p.trim().to_string())
        .chain(ranges)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(start: i64, end: i64) -> PortRange {
        PortRange { start, end }
    }

    #[test]
    fn single_ports_are_sent_as_ports() {
        assert_eq!(parse_ports(""), Ok(Ports::None));
        assert_eq!(parse_ports(" ,\n "), Ok(Ports::None));
        let p = parse_ports("22, 80,443\n8080 ,22").unwrap();
        assert_eq!(p, Ports::Single(vec![22, 80, 443, 8080]));
        assert_eq!(
            p.ports(),
            Some(vec!["22".into(), "80".into(), "443".into(), "8080".into()])
        );
        assert_eq!(p.port_ranges(), None);
        assert_eq!(parse_ports("1,65535"), Ok(Ports::Single(vec![1, 65535])));
        assert_eq!(parse_ports("080"), Ok(Ports::Single(vec![80])));
    }

    #[test]
    fn any_range_makes_everything_ranges() {
        let p = parse_ports("22, 80, 443, 8000-8100").unwrap();
        assert_eq!(
            p,
            Ports::Ranges(vec![r(22, 22), r(80, 80), r(443, 443), r(8000, 8100)])
        );
        assert_eq!(p.ports(), None);
        assert_eq!(p.port_ranges().unwrap().len(), 4);
        assert_eq!(
            parse_ports("8000 - 8100\r\n1-65535, 8000-8100, 5-5").unwrap(),
            Ports::Ranges(vec![r(8000, 8100), r(1, 65535), r(5, 5)])
        );
    }

    #[test]
    fn bad_items_are_named() {
        for (text, msg) in [
            (
                "22, 0",
                "“0” is not a port: a port is a whole number from 1 to 65535.",
            ),
            (
                "65536",
                "“65536” is not a port: a port is a whole number from 1 to 65535.",
            ),
            (
                "http",
                "“http” is not a port: a port is a whole number from 1 to 65535.",
            ),
            (
                "+22",
                "“+22” is not a port: a port is a whole number from 1 to 65535.",
            ),
            (
                "99999999999999999999",
                "“99999999999999999999” is not a port: a port is a whole number from 1 to 65535.",
            ),
            (
                "0-80",
                "“0-80” is not a port: a port is a whole number from 1 to 65535.",
            ),
            (
                "80-65536",
                "“80-65536” is not a port: a port is a whole number from 1 to 65535.",
            ),
            (
                "80-",
                "“80-” is not a port: a port is a whole number from 1 to 65535.",
            ),
            (
                "1-2-3",
                "“1-2-3” is not a port: a port is a whole number from 1 to 65535.",
            ),
            (
                "8100-8000",
                "The range “8100-8000” runs backwards: write the lower port first.",
            ),
            (
                "22 80",
                "“22 80”: separate ports with commas, like 22, 80, 8000-8100.",
            ),
        ] {
            assert_eq!(parse_ports(text), Err(msg.to_string()), "{text:?}");
        }
    }

    #[test]
    fn loaded_ports_show_as_typed_and_read_back() {
        assert_eq!(format_ports(&[], &[]), "");
        let ports = ["22".to_string(), "443".to_string()];
        assert_eq!(format_ports(&ports, &[]), "22, 443");
        let ranges = [r(22, 22), r(8000, 8100)];
        assert_eq!(format_ports(&[], &ranges), "22, 8000-8100");
        // Round trips: the same key and the same values.
        let back = parse_ports(&format_ports(&ports, &[])).unwrap();
        assert_eq!(back.ports(), Some(ports.to_vec()));
        let back = parse_ports(&format_ports(&[], &ranges)).unwrap();
        assert_eq!(back.port_ranges(), Some(ranges.to_vec()));
        // Ranges that are all single ports come back as the same ports under `ports`.
        let back = parse_ports(&format_ports(&[], &[r(53, 53)])).unwrap();
        assert_eq!(back, Ports::Single(vec![53]));
    }
}
