//! Days: the date range filter (`from` and `to`, as `<input type="date">` gives them, both
//! inclusive) over RFC 3339 timestamps, events counted per day, and the bars of the per-day
//! chart. A day is a calendar day at a fixed offset from UTC (the browser's, in the page), as
//! a number of days since 1970-01-01. Pure.

/// Seconds in a day.
const DAY: i64 = 86_400;

/// The most days the chart draws: a longer range shows its latest days.
pub const MAX_BARS: usize = 366;

/// The day number of `YYYY-MM-DD`, or `None` when it is not a real date.
pub fn parse_day(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm, as `base::format`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` of a day number (the inverse of `parse_day`).
pub fn format_day(day: i64) -> String {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day of a moment (seconds since the epoch) at `offset` seconds east of UTC.
pub fn day_of(secs: i64, offset: i64) -> i64 {
    secs.saturating_add(offset).div_euclid(DAY)
}

/// A date range, both ends inclusive and optional. From the URL: a value that is not a date
/// counts as absent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayRange {
    pub from: Option<i64>,
    pub to: Option<i64>,
}

impl DayRange {
    pub fn parse(from: Option<&str>, to: Option<&str>) -> DayRange {
        DayRange {
            from: from.and_then(parse_day),
            to: to.and_then(parse_day),
        }
    }
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
    pub fn contains(&self, day: i64) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }
    /// Whether the moment `secs` (`None`: a timestamp that did not parse) falls in the range
    /// at `offset`. An event without a time is only in the open range.
    pub fn holds(&self, secs: Option<i64>, offset: i64) -> bool {
        match secs {
            Some(s) => self.contains(day_of(s, offset)),
            None => self.is_open(),
        }
    }
}

/// Events per day: the first day and one count per day from it, over the range's days where
/// it has ends and over the days of `days` where it has not (nothing when there are no days
/// and no ends). At most `MAX_BARS` days: the latest ones.
pub fn per_day(days: &[i64], range: DayRange) -> (i64, Vec<u32>) {
    let lo = range.from.or_else(|| days.iter().copied().min());
    let hi = range.to.or_else(|| days.iter().copied().max());
    let (Some(lo), Some(hi)) = (lo, hi) else {
        return (0, Vec::new());
    };
    if hi < lo {
        return (lo, Vec::new());
    }
    let lo = lo.max(hi - (MAX_BARS as i64 - 1));
    let mut counts = vec![0u32; (hi - lo + 1) as usize];
    for d in days {
        if (lo..=hi).contains(d) {
            counts[(d - lo) as usize] += 1;
        }
    }
    (lo, counts)
}

/// One bar of the chart, in the chart's own units: its left edge, top, width and height.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bar {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

/// Bars for `counts` in a `width` × `height` box, the tallest full height, a day with events
/// at least 1 high, a gap between bars when they are wide enough for one.
pub fn bars(counts: &[u32], width: u32, height: u32) -> Vec<Bar> {
    let n = counts.len() as u32;
    let max = counts.iter().copied().max().unwrap_or(0);
    if n == 0 || width == 0 {
        return Vec::new();
    }
    let slot = (width / n).max(1);
    let gap = u32::from(slot >= 4);
    counts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let h = if max == 0 || *c == 0 {
                0
            } else {
                ((u64::from(*c) * u64::from(height)) / u64::from(max)).max(1) as u32
            };
            Bar {
                x: i as u32 * slot,
                y: height - h,
                w: slot - gap,
                h,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::format::parse_rfc3339;

    #[test]
    fn days_parse_and_format_both_ways() {
        assert_eq!(parse_day("1970-01-01"), Some(0));
        assert_eq!(parse_day("2026-12-01"), Some(20_788));
        assert_eq!(parse_day("2024-02-29"), Some(19_782));
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "",
            "2026-12-01x",
            "+026-12-01",
            "2026-12-32",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
        for day in [-1, 0, 59, 11_016, 19_782, 20_788, 2_932_896] {
            assert_eq!(parse_day(&format_day(day)), Some(day), "{day}");
        }
        assert_eq!(format_day(20_788), "2026-12-01");
    }

    #[test]
    fn a_range_holds_whole_days_at_the_offset() {
        let ts = |s: &str| parse_rfc3339(s);
        let r = DayRange::parse(Some("2026-11-10"), Some("2026-11-12"));
        assert!(r.holds(ts("2026-11-10T00:00:00Z"), 0));
        assert!(r.holds(ts("2026-11-12T23:59:59Z"), 0));
        assert!(!r.holds(ts("2026-11-13T00:00:00Z"), 0));
        assert!(!r.holds(ts("2026-11-09T23:59:59Z"), 0));
        // The same moment is already the 13th two hours east of UTC, still the 9th west.
        assert!(!r.holds(ts("2026-11-12T23:00:00Z"), 2 * 3600));
        assert!(r.holds(ts("2026-11-10T01:00:00Z"), -3600));
        assert!(!r.holds(ts("2026-11-10T00:30:00Z"), -3600));
        // With an offset in the timestamp itself.
        assert!(r.holds(ts("2026-11-13T01:00:00+02:00"), 0));
        // Open ends, a bad date (ignored), no time at all.
        let from = DayRange::parse(Some("2026-11-10"), Some("nonsense"));
        assert_eq!(from.to, None);
        assert!(from.holds(ts("2030-01-01T00:00:00Z"), 0));
        assert!(!from.holds(None, 0));
        assert!(DayRange::default().holds(None, 0));
        // A range whose ends are the wrong way round holds nothing.
        let backwards = DayRange::parse(Some("2026-11-12"), Some("2026-11-10"));
        assert!(!backwards.holds(ts("2026-11-11T12:00:00Z"), 0));
    }

    #[test]
    fn counts_per_day_over_the_range_or_the_data() {
        let (first, counts) = per_day(&[10, 12, 12, 15], DayRange::default());
        assert_eq!((first, counts), (10, vec![1, 0, 2, 0, 0, 1]));
        let range = DayRange {
            from: Some(8),
            to: Some(12),
        };
        assert_eq!(per_day(&[10, 12, 12, 15], range), (8, vec![0, 0, 1, 0, 2]));
        let from_only = DayRange {
            from: Some(12),
            to: None,
        };
        assert_eq!(per_day(&[10, 12, 15], from_only), (12, vec![1, 0, 0, 1]));
        assert_eq!(per_day(&[], DayRange::default()), (0, vec![]));
        // A range with no events still has its days, all empty.
        assert_eq!(per_day(&[], range).1, vec![0; 5]);
        // Years of events: only the latest MAX_BARS days.
        let (first, counts) = per_day(&[0, 1000], DayRange::default());
        assert_eq!(
            (first, counts.len()),
            (1000 - MAX_BARS as i64 + 1, MAX_BARS)
        );
        assert_eq!(counts.iter().sum::<u32>(), 1);
    }

    #[test]
    fn bars_scale_to_the_busiest_day() {
        let b = bars(&[4, 0, 1, 2], 400, 100);
        assert_eq!(
            b,
            vec![
                Bar {
                    x: 0,
                    y: 0,
                    w: 99,
                    h: 100
                },
                Bar {
                    x: 100,
                    y: 100,
                    w: 99,
                    h: 0
                },
                Bar {
                    x: 200,
                    y: 75,
                    w: 99,
                    h: 25
                },
                Bar {
                    x: 300,
                    y: 50,
                    w: 99,
                    h: 50
                },
            ]
        );
        // A quiet day next to a very busy one still shows.
        assert_eq!(bars(&[1000, 1], 10, 100)[1].h, 1);
        // More days than units: one unit each, no gap.
        assert!(bars(&[1; 500], 400, 10).iter().all(|b| b.w == 1));
        assert!(bars(&[], 400, 100).is_empty());
        assert!(bars(&[0, 0], 400, 100).iter().all(|b| b.h == 0));
    }
}
