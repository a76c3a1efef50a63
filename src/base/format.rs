//! Small, pure formatting helpers: timestamps, relative times, counts. No chrono: RFC 3339 is
//! parsed by hand, which is all the API sends. Words and numbers follow the chosen language
//! (`base::i18n`).

use crate::base::i18n;

/// Seconds since the Unix epoch of an RFC 3339 timestamp (`2026-11-20T10:00:00.123+01:00`),
/// or `None` when it is not one. Never panics.
pub fn parse_rfc3339(ts: &str) -> Option<i64> {
    let b = ts.as_bytes();
    if b.len() < 20 || !ts.is_ascii() {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> { ts.get(r)?.parse::<i64>().ok() };
    if b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b't' || b[10] == b' ') {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let mut rest = &ts[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        rest = &frac[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && (rest.starts_with('+') || rest.starts_with('-')) => {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            let oh = rest.get(1..3)?.parse::<i64>().ok()?;
            let om = rest.get(4..6)?.parse::<i64>().ok()?;
            sign * (oh * 3600 + om * 60)
        }
        _ => return None,
    };
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// "just now", "5 minutes ago", "3 days ago", "in 2 hours", or "never" for the zero time.
pub fn relative_time(ts: &str, now_secs: i64) -> String {
    if crate::base::format::is_never(ts) {
        return i18n::t("never");
    }
    let Some(t) = parse_rfc3339(ts) else {
        return i18n::t("unknown");
    };
    // Saturating: a clock (or a timestamp) at the ends of i64 must not overflow.
    let delta = now_secs.saturating_sub(t);
    let (future, secs) = (delta < 0, delta.unsigned_abs());
    if secs < 45 {
        return i18n::t("just now");
    }
    let (n, unit) = match secs {
        0..=2_699 => ((secs + 30) / 60, "minute"),
        2_700..=79_199 => ((secs + 1800) / 3600, "hour"),
        79_200..=2_246_399 => ((secs + 43_200) / 86_400, "day"),
        2_246_400..=28_511_999 => ((secs + 1_296_000) / 2_592_000, "month"),
        _ => ((secs + 15_768_000) / 31_536_000, "year"),
    };
    let n = n.max(1);
    if let Some(relative) = i18n::relative_format() {
        let signed = i64::try_from(n).unwrap_or(i64::MAX);
        return relative(if future { signed } else { -signed }, unit);
    }
    let unit = plural(n, unit);
    if future {
        format!("in {n} {unit}")
    } else {
        format!("{n} {unit} ago")
    }
}

/// `1 peer`, `2 peers`: the noun in the right number (regular English plural).
pub fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        noun.to_string()
    } else {
        format!("{noun}s")
    }
}

/// "1 peer", "12,345 peers": a number of peers, in the chosen language.
pub fn peer_count(n: u64) -> String {
    if n == 1 {
        i18n::t("1 peer")
    } else {
        i18n::tf("{count} peers", &[("count", &thousands(n))])
    }
}

/// `12,345` (in the chosen language's way).
pub fn thousands(n: u64) -> String {
    if let Some(number) = i18n::number_format() {
        return number(n);
    }
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// NetBird's "never" timestamp.
pub const ZERO_TIME: &str = "0001-01-01T00:00:00Z";

/// True for an absent or zero timestamp.
pub fn is_never(ts: &str) -> bool {
    ts.is_empty() || ts.starts_with("0001-01-01")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rfc3339_variants() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2000-03-01T00:00:00Z"), Some(951_868_800));
        assert_eq!(
            parse_rfc3339("2026-11-23T21:12:00.123456789Z"),
            Some(1_795_468_320)
        );
        assert_eq!(
            parse_rfc3339("2026-11-23T22:12:00+01:00"),
            Some(1_795_468_320)
        );
        assert_eq!(parse_rfc3339("0001-01-01T00:00:00Z"), Some(-62_135_596_800));
        for bad in [
            "",
            "yesterday",
            "2026-13-01T00:00:00Z",
            "2026-11-23T21:12:00",
            "2026-11-23T21:12:00+0100",
            "२०२६-11-23T21:12:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn relative_times() {
        let now = parse_rfc3339("2026-11-23T12:00:00Z").unwrap();
        assert_eq!(relative_time("0001-01-01T00:00:00Z", now), "never");
        assert_eq!(relative_time("2026-11-23T11:59:50Z", now), "just now");
        assert_eq!(relative_time("2026-11-23T11:55:00Z", now), "5 minutes ago");
        assert_eq!(relative_time("2026-11-23T11:00:00Z", now), "1 hour ago");
        assert_eq!(relative_time("2026-11-20T12:00:00Z", now), "3 days ago");
        assert_eq!(relative_time("2026-11-25T12:00:00Z", now), "in 2 days");
        assert_eq!(relative_time("2025-11-23T12:00:00Z", now), "1 year ago");
        assert_eq!(relative_time("garbage", now), "unknown");
    }

    #[test]
    fn relative_time_at_the_ends_of_the_clock() {
        // Found by tests/properties.rs: `now - t` overflowed (a panic in debug builds).
        assert!(relative_time("0000-01-01T00:00:00Z", i64::MAX).ends_with(" years ago"));
        assert!(relative_time("9999-12-31T23:59:59Z", i64::MIN).starts_with("in "));
    }

    #[test]
    fn counts() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(10_000_000), "10,000,000");
        assert_eq!(plural(1, "peer"), "peer");
        assert_eq!(plural(0, "peer"), "peers");
        assert_eq!(peer_count(1), "1 peer");
        assert_eq!(peer_count(0), "0 peers");
        assert_eq!(peer_count(10_000), "10,000 peers");
    }
}
