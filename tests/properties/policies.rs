//! Policies and posture checks: the ports text (never panics; a loaded rule's ports read back
//! as the same ports), versions as go-version reads them (never panics).

use crate::common::{config, text};
use netbird_console::resources::policy::ports::{format_ports, parse_ports, Ports};
use netbird_console::resources::policy::PortRange;
use netbird_console::resources::posture_check::validation::is_version;
use proptest::collection::vec;
use proptest::prelude::*;

/// The ports a parse stands for, as a sorted set of single ports.
fn covered(p: &Ports) -> Vec<i64> {
    let mut v: Vec<i64> = match p {
        Ports::None => Vec::new(),
        Ports::Single(ps) => ps.iter().map(|&p| i64::from(p)).collect(),
        Ports::Ranges(rs) => rs.iter().flat_map(|r| r.start..=r.end).collect(),
    };
    v.sort();
    v.dedup();
    v
}

fn range() -> impl Strategy<Value = PortRange> {
    (1i64..=65535, 0i64..200).prop_map(|(s, len)| PortRange {
        start: s,
        end: (s + len).min(65535),
    })
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn ports_text_never_panics(t in text()) {
        let _ = parse_ports(&t);
        let _ = is_version(&t);
    }

    #[test]
    fn loaded_ports_read_back(
        ports in vec(1u16..=65535, 0..8),
        ranges in vec(range(), 0..6),
        use_ranges in any::<bool>(),
    ) {
        // The server sends one of the two.
        let (ports, ranges): (Vec<String>, Vec<PortRange>) = if use_ranges {
            (Vec::new(), ranges)
        } else {
            (ports.iter().map(u16::to_string).collect(), Vec::new())
        };
        let parsed = parse_ports(&format_ports(&ports, &ranges)).unwrap();
        let mut want: Vec<i64> = ports
            .iter()
            .map(|p| p.parse::<i64>().unwrap())
            .chain(ranges.iter().flat_map(|r| r.start..=r.end))
            .collect();
        want.sort();
        want.dedup();
        prop_assert_eq!(covered(&parsed), want);
        // The same key, unless every range is a single port (then `ports`, same ports).
        if ranges.iter().any(|r| r.start != r.end) {
            prop_assert!(matches!(parsed, Ports::Ranges(_)));
        } else if !ports.is_empty() || !ranges.is_empty() {
            prop_assert!(matches!(parsed, Ports::Single(_)));
        }
    }
}
