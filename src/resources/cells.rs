//! Cell builders every resource's rows share. Pure.

use crate::base::format::{is_never, relative_time};
use crate::base::listing::{Cell, SortKey, Tone};
use crate::resources::names::Names;

/// Filter options as (URL value, label); the labels come already translated.
pub fn options(pairs: &[(&str, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(v, l)| (v.to_string(), l.clone()))
        .collect()
}

pub fn yes_no(b: bool, yes: &str, no: &str, tone_yes: Tone) -> Cell {
    if b {
        Cell::text(yes).badge(tone_yes)
    } else {
        Cell::text(no).badge(Tone::Neutral)
    }
}

/// The names of the groups `ids`, muted while the names are still arriving.
pub fn groups_cell(names: &Names, ids: &[String]) -> Cell {
    let cell = Cell::text(names.group_list(ids));
    if names.groups_pending {
        cell.muted()
    } else {
        cell
    }
}

pub fn time_cell(ts: &str, now: i64) -> Cell {
    let sort = crate::base::format::parse_rfc3339(ts)
        .filter(|_| !is_never(ts))
        .map(SortKey::Num)
        .unwrap_or(SortKey::Empty);
    Cell::sorted(relative_time(ts, now), sort)
        .titled(ts)
        .muted()
}
