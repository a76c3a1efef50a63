//! Formatting: RFC 3339 timestamps, relative times, thousands, messages with placeholders.

use crate::common::{config, text, timestamp, valid_timestamp};
use netbird_console::base::format::{is_never, parse_rfc3339, relative_time, thousands};
use netbird_console::base::i18n::tf;
use proptest::prelude::*;

proptest! {
    #![proptest_config(config(1024))]

    // ---- formatting

    #[test]
    fn rfc3339_never_panics(ts in timestamp(), now in any::<i64>()) {
        let parsed = parse_rfc3339(&ts);
        if parsed.is_some() {
            prop_assert!(ts.is_ascii() && ts.len() >= 20, "{:?}", ts);
        }
        let r = relative_time(&ts, now);
        let words: Vec<&str> = r.split(' ').collect();
        let shape_ok = matches!(r.as_str(), "never" | "unknown" | "just now")
            || (words.len() == 3 && words[2] == "ago" && words[0].parse::<u64>().is_ok())
            || (words.len() == 3 && words[0] == "in" && words[1].parse::<u64>().is_ok());
        prop_assert!(shape_ok, "{r:?}");
        prop_assert_eq!(r == "never", is_never(&ts));
        prop_assert_eq!(r == "unknown", !is_never(&ts) && parsed.is_none());
    }

    #[test]
    fn rfc3339_parses_what_it_should((ts, [y, mo, d, h, mi, s]) in valid_timestamp(),
                                     oh in 0i64..100, om in 0i64..100, west in any::<bool>()) {
        let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let mut days: i64 = if y >= 1970 {
            (1970..y).map(|y| if leap(y) { 366 } else { 365 }).sum()
        } else {
            -(y..1970).map(|y| if leap(y) { 366 } else { 365 }).sum::<i64>()
        };
        const CUM: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        days += CUM[(mo - 1) as usize] + i64::from(mo > 2 && leap(y)) + d - 1;
        let want = days * 86_400 + h * 3600 + mi * 60 + s;
        prop_assert_eq!(parse_rfc3339(&ts), Some(want));
        let sign = if west { '-' } else { '+' };
        let offset = (oh * 3600 + om * 60) * if west { -1 } else { 1 };
        let zoned = format!("{}{sign}{oh:02}:{om:02}", ts.trim_end_matches('Z'));
        prop_assert_eq!(parse_rfc3339(&zoned), Some(want - offset));
    }

    #[test]
    fn relative_time_at_any_clock(ts in prop_oneof![
        valid_timestamp().prop_map(|(s, _)| s),
        Just("9999-12-31T23:59:60+99:99".to_string()),
        Just("0000-01-01T00:00:00-99:99".to_string()),
    ], now in prop_oneof![any::<i64>(), Just(i64::MIN), Just(i64::MAX), Just(0)]) {
        // Each of these is a timestamp: "just now", ago or ahead, by how far it is from `now`.
        let r = relative_time(&ts, now);
        let t = parse_rfc3339(&ts);
        prop_assert!(t.is_some(), "{:?}", ts);
        let delta = now.saturating_sub(t.unwrap_or_default());
        let shape_ok = if is_never(&ts) {
            r == "never"
        } else if delta.unsigned_abs() < 45 {
            r == "just now"
        } else if delta > 0 {
            r.ends_with(" ago")
        } else {
            r.starts_with("in ")
        };
        prop_assert!(shape_ok, "{:?} for {} at {}", r, ts, now);
    }

    #[test]
    fn thousands_groups_digits(n in prop_oneof![any::<u64>(), Just(u64::MAX), Just(0), 0u64..10_000]) {
        let t = thousands(n);
        prop_assert_eq!(t.replace(',', ""), n.to_string());
        let groups: Vec<&str> = t.split(',').collect();
        prop_assert!((1..=3).contains(&groups[0].len()));
        prop_assert!(groups[1..].iter().all(|g| g.len() == 3));
    }

    // ---- messages

    #[test]
    fn messages_fill_each_placeholder_once(before in "[^{}]{0,10}", between in "[^{}]{0,10}",
                                           a in text(), b in text()) {
        // One pass, in order: a value is never filled in again, whatever braces it holds.
        let out = tf(&format!("{before}{{a}}{between}{{b}}"), &[("a", &a), ("b", &b)]);
        prop_assert_eq!(out, format!("{before}{a}{between}{b}"));
    }
}
