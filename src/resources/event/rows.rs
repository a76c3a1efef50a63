//! The audit events table: a row per event, and the page's own filters over those rows
//! (activity, initiator, target, date range), all in the URL query. Pure.

use super::activity;
use super::days::{day_of, format_day, DayRange};
use super::links::Directory;
use crate::base::listing::{Cell, Column, Row, SortKey};
use crate::base::url::query_value;
use crate::resources::cells::time_cell;
use crate::resources::*;

pub const EVENT_COLUMNS: &[Column] = &[
    Column::new("time", "When"),
    Column::new("activity", "Activity"),
    Column::new("initiator", "By"),
    Column::new("target", "Target"),
    Column::new("details", "Details"),
];

/// Column positions, for the page that draws some cells itself.
pub const COL_INITIATOR: usize = 2;
pub const COL_TARGET: usize = 3;
pub const COL_DETAILS: usize = 4;

/// The URL keys of the page's own filters.
pub const FILTER_KEYS: &[&str] = &["activity", "initiator", "target", "from", "to"];

/// `2026-11-20 14:05` of a moment at `offset` seconds east of UTC.
pub fn local_time(secs: i64, offset: i64) -> String {
    let local = secs.saturating_add(offset);
    let in_day = local.rem_euclid(86_400);
    format!(
        "{} {:02}:{:02}",
        format_day(day_of(secs, offset)),
        in_day / 3600,
        in_day % 3600 / 60
    )
}

/// An event's row: when (local date and time, the relative time under it; sorted by the
/// moment), its activity made readable (the code under it), who did it, its target, and its
/// meta as `key: value` text (what search and export take; the page draws names and links).
/// Facets: `activity` (the code) and `initiator` (an ID); the target's search text is the field
/// `target`.
pub fn event_row(e: &Event, offset: i64, now: i64) -> Row {
    let mut meta: Vec<&(String, MetaValue)> = e.meta.0.iter().collect();
    crate::base::sort::sort_by(&mut meta, &|a, b| a.0.cmp(&b.0));
    let details: Vec<String> = meta
        .into_iter()
        .map(|(k, v)| match v {
            MetaValue::Text(s) | MetaValue::Json(s) => format!("{k}: {s}"),
            MetaValue::Null => format!("{k}: –"),
        })
        .collect();
    let who = if e.initiator_name.is_empty() {
        e.initiator_email.clone()
    } else {
        e.initiator_name.clone()
    };
    let when = time_cell(&e.timestamp, now);
    let when = match &when.sort {
        SortKey::Num(secs) => {
            let relative = when.text.clone();
            Cell::sorted(local_time(*secs, offset), when.sort.clone())
                .with_sub(relative)
                .titled(e.timestamp.clone())
        }
        _ => when,
    };
    let target_name = match e.meta.get("name") {
        Some(MetaValue::Text(n)) => n.as_str(),
        _ => "",
    };
    let cells = vec![
        when,
        Cell::text(activity::readable(&e.activity_code))
            .strong()
            .with_sub(e.activity_code.clone())
            .titled(e.activity.clone()),
        Cell::text(who).with_sub(if e.initiator_name.is_empty() {
            String::new()
        } else {
            e.initiator_email.clone()
        }),
        Cell::text(&e.target_id)
            .mono()
            .with_sub(target_name.to_string()),
        Cell::text(details.join(" · ")).muted(),
    ];
    Row::new(&e.id, cells, &[&e.activity, &e.initiator_id])
        .facet("activity", e.activity_code.clone())
        .facet("initiator", e.initiator_id.clone())
        .field(
            "target",
            crate::base::listing::Field::Text(
                format!("{}\u{1f}{}", e.target_id, target_name)
                    .to_lowercase()
                    .into(),
            ),
        )
}

fn facet<'a>(row: &'a Row, key: &str) -> &'a str {
    row.facets
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("", |(_, v)| v.as_ref())
}

/// The moment of an event's row (seconds since the epoch), when its timestamp parsed.
pub fn row_secs(row: &Row) -> Option<i64> {
    match row.cells.first().map(|c| &c.sort) {
        Some(SortKey::Num(n)) => Some(*n),
        _ => None,
    }
}

/// The page's filters, as in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// A group's slug or one code (`activity::selects`).
    pub activity: String,
    /// An initiator's ID.
    pub initiator: String,
    /// Lower-cased text the target's ID or name contains.
    pub target: String,
    pub days: DayRange,
}

impl EventFilter {
    pub fn from_pairs(pairs: &[(String, String)]) -> EventFilter {
        let get = |k| query_value(pairs, k).unwrap_or("");
        EventFilter {
            activity: get("activity").to_string(),
            initiator: get("initiator").to_string(),
            target: get("target").trim().to_lowercase(),
            days: DayRange::parse(query_value(pairs, "from"), query_value(pairs, "to")),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.activity.is_empty()
            && self.initiator.is_empty()
            && self.target.is_empty()
            && self.days.is_open()
    }

    /// Whether an event's row passes, its days counted at `offset`; the target's name is
    /// looked up in `dir` (the objects loaded so far).
    pub fn keeps(&self, row: &Row, dir: &Directory, offset: i64) -> bool {
        (self.activity.is_empty() || activity::selects(&self.activity, facet(row, "activity")))
            && (self.initiator.is_empty() || facet(row, "initiator") == self.initiator)
            && self.days.holds(row_secs(row), offset)
            && (self.target.is_empty() || self.target_matches(row, dir))
    }

    fn target_matches(&self, row: &Row, dir: &Directory) -> bool {
        let text = row.fields.iter().find_map(|(k, f)| match f {
            crate::base::listing::Field::Text(t) if *k == "target" => Some(t.as_ref()),
            _ => None,
        });
        if text.is_some_and(|t| t.contains(&self.target)) {
            return true;
        }
        let id = row.cells.get(COL_TARGET).map_or("", |c| c.text.as_str());
        dir.lower_name(id)
            .is_some_and(|name| name.contains(&self.target))
    }
}

/// Which rows the filter keeps: one flag per row.
pub fn narrow(rows: &[Row], f: &EventFilter, dir: &Directory, offset: i64) -> Vec<bool> {
    rows.iter().map(|r| f.keeps(r, dir, offset)).collect()
}

/// The initiators of a log for the filter, as (ID, shown name), each once, by name.
pub fn initiators(rows: &[Row]) -> Vec<(String, String)> {
    let mut seen = std::collections::HashMap::new();
    for r in rows {
        let id = facet(r, "initiator");
        if !seen.contains_key(id) {
            let name = r.cells.get(COL_INITIATOR).map_or("", |c| c.text.as_str());
            let shown = if name.is_empty() { id } else { name };
            seen.insert(id.to_string(), shown.to_string());
        }
    }
    let mut out: Vec<(String, String)> = seen.into_iter().collect();
    crate::base::sort::sort_by(&mut out, &|a, b| {
        (a.1.to_lowercase(), &a.0).cmp(&(b.1.to_lowercase(), &b.0))
    });
    out
}

/// The distinct activity codes of a log.
pub fn codes(rows: &[Row]) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    rows.iter()
        .map(|r| facet(r, "activity"))
        .filter(|c| seen.insert(*c))
        .collect()
}

/// The query string after setting one of the page's filters (an empty value removes it):
/// every other key kept in its place, the table back on its first page.
pub fn with_param(pairs: &[(String, String)], key: &str, value: &str) -> String {
    use crate::base::listing::encode_query_value as enc;
    let mut parts: Vec<String> = Vec::new();
    let mut set = value.is_empty();
    for (k, v) in pairs {
        if k == "page" || (k == key && set) {
            continue;
        }
        if k == key {
            parts.push(format!("{}={}", enc(k), enc(value)));
            set = true;
        } else {
            parts.push(format!("{}={}", enc(k), enc(v)));
        }
    }
    if !set {
        parts.push(format!("{}={}", enc(key), enc(value)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::json::decode_str;
    use crate::base::url::query_pairs;
    use crate::resources::event::links::{Kind, Named};

    const NOW: i64 = 1_795_400_000;

    fn event(id: &str, ts: &str, code: &str, who: &str, target: &str, meta: &str) -> Event {
        decode_str(&format!(
            r#"{{"id":"{id}","timestamp":"{ts}","activity":"x","activity_code":"{code}",
            "initiator_id":"{who}","initiator_name":"{who}-name","initiator_email":"{who}@example.com",
            "target_id":"{target}","meta":{meta}}}"#
        ))
        .unwrap()
    }

    fn log() -> Vec<Row> {
        [
            event(
                "5",
                "2026-11-20T10:00:00Z",
                "route.update",
                "u1",
                "r1",
                r#"{"name":"office-lan"}"#,
            ),
            event(
                "4",
                "2026-11-15T23:30:00Z",
                "route.add",
                "u2",
                "r2",
                r#"{"name":"lab"}"#,
            ),
            event(
                "3",
                "2026-11-15T08:00:00Z",
                "group.add",
                "u1",
                "g1",
                r#"{"name":"Office"}"#,
            ),
            event(
                "2",
                "2026-11-10T12:00:00Z",
                "route.delete",
                "u1",
                "r9",
                "{}",
            ),
            event("1", "garbage", "made.up", "u3", "", "null"),
        ]
        .iter()
        .map(|e| event_row(e, 0, NOW))
        .collect()
    }

    fn ids(rows: &[Row], query: &str, dir: &Directory, offset: i64) -> Vec<String> {
        let f = EventFilter::from_pairs(&query_pairs(query));
        narrow(rows, &f, dir, offset)
            .into_iter()
            .zip(rows)
            .filter(|(keep, _)| *keep)
            .map(|(_, r)| r.id.clone())
            .collect()
    }

    #[test]
    fn rows_read_well_and_keep_what_the_filters_need() {
        let e = event(
            "1",
            "2026-11-20T10:00:00Z",
            "route.add",
            "u1",
            "r1",
            r#"{"name":"office","n":3,"x":null,"o":{"a": [1]}}"#,
        );
        let row = event_row(&e, 3600, NOW);
        assert_eq!(row.cells[0].text, "2026-11-20 11:00");
        assert_eq!(row.cells[0].title.as_deref(), Some("2026-11-20T10:00:00Z"));
        assert_eq!(row.cells[1].text, "Routes: created");
        assert_eq!(row.cells[1].sub.as_deref(), Some("route.add"));
        assert_eq!(row.cells[2].text, "u1-name");
        assert_eq!(row.cells[3].text, "r1");
        assert_eq!(row.cells[3].sub.as_deref(), Some("office"));
        assert_eq!(
            row.cells[4].text,
            "n: 3 · name: office · o: {\"a\": [1]} · x: –"
        );
        assert_eq!(
            row_secs(&row),
            crate::base::format::parse_rfc3339(&e.timestamp)
        );
        // A timestamp that does not parse is shown as the server sent it, and sorts last.
        let bad = event_row(&event("2", "soon", "zzz", "", "", "{}"), 0, NOW);
        assert_eq!(row_secs(&bad), None);
        assert_eq!(bad.cells[1].text, "Other: zzz");
    }

    #[test]
    fn filters_by_activity_group_or_code() {
        let rows = log();
        let d = Directory::default();
        assert_eq!(ids(&rows, "activity=routes", &d, 0), ["5", "4", "2"]);
        assert_eq!(ids(&rows, "activity=route.add", &d, 0), ["4"]);
        assert_eq!(ids(&rows, "activity=other", &d, 0), ["1"]);
        assert_eq!(ids(&rows, "activity=made.up", &d, 0), ["1"]);
        assert_eq!(ids(&rows, "", &d, 0).len(), 5);
    }

    #[test]
    fn filters_by_days_inclusive_at_the_offset() {
        let rows = log();
        let d = Directory::default();
        assert_eq!(
            ids(
                &rows,
                "activity=routes&from=2026-11-11&to=2026-11-20",
                &d,
                0
            ),
            ["5", "4"]
        );
        assert_eq!(
            ids(&rows, "from=2026-11-15&to=2026-11-15", &d, 0),
            ["4", "3"]
        );
        // 23:30 UTC on the 15th is the 16th one hour east.
        assert_eq!(ids(&rows, "from=2026-11-15&to=2026-11-15", &d, 3600), ["3"]);
        assert_eq!(ids(&rows, "to=2026-11-10", &d, 0), ["2"]);
        // A bad date is no bound; an event without a time only passes an open range.
        assert_eq!(ids(&rows, "from=yesterday", &d, 0).len(), 5);
        assert_eq!(ids(&rows, "from=2000-01-01", &d, 0).len(), 4);
    }

    #[test]
    fn filters_by_initiator_and_target_id_or_name() {
        let rows = log();
        let mut d = Directory::default();
        assert_eq!(ids(&rows, "initiator=u1", &d, 0), ["5", "3", "2"]);
        assert_eq!(
            ids(&rows, "initiator=u1&activity=routes", &d, 0),
            ["5", "2"]
        );
        assert_eq!(ids(&rows, "target=R2", &d, 0), ["4"]);
        // By the name the event recorded, or by the object's name today.
        assert_eq!(ids(&rows, "target=office", &d, 0), ["5", "3"]);
        assert_eq!(ids(&rows, "target=warehouse", &d, 0), Vec::<String>::new());
        d.add(
            Kind::Route,
            &[Named {
                id: "r9".into(),
                network_id: "Warehouse".into(),
                ..Named::default()
            }],
        );
        assert_eq!(ids(&rows, "target=+warehouse+", &d, 0), ["2"]);
    }

    #[test]
    fn initiators_and_codes_of_a_log() {
        let rows = log();
        assert_eq!(
            initiators(&rows),
            vec![
                ("u1".to_string(), "u1-name".to_string()),
                ("u2".to_string(), "u2-name".to_string()),
                ("u3".to_string(), "u3-name".to_string()),
            ]
        );
        assert_eq!(
            codes(&rows),
            [
                "route.update",
                "route.add",
                "group.add",
                "route.delete",
                "made.up"
            ]
        );
    }

    #[test]
    fn one_filter_changes_and_the_rest_of_the_query_stays() {
        let q = query_pairs("?q=gw&activity=routes&page=3&size=50");
        assert_eq!(
            with_param(&q, "activity", "route.add"),
            "?q=gw&activity=route.add&size=50"
        );
        assert_eq!(
            with_param(&q, "from", "2026-11-01"),
            "?q=gw&activity=routes&size=50&from=2026-11-01"
        );
        assert_eq!(with_param(&q, "activity", ""), "?q=gw&size=50");
        assert_eq!(with_param(&[], "target", "a b&c"), "?target=a%20b%26c");
        assert_eq!(with_param(&query_pairs("page=2"), "to", ""), "");
    }

    #[test]
    fn local_times() {
        assert_eq!(local_time(0, 0), "1970-01-01 00:00");
        assert_eq!(local_time(0, -60), "1969-12-31 23:59");
        assert_eq!(local_time(1_795_400_000, 19_800), "2026-11-23 07:43");
    }
}
