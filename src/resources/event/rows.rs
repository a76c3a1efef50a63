//! The audit events table: a row per event, its details flattened, a kind filter. Pure.

use crate::base::i18n::t;
use crate::base::listing::{Cell, Column, Filter, Row};
use crate::resources::cells::{options, time_cell};
use crate::resources::*;

pub const EVENT_COLUMNS: &[Column] = &[
    Column::new("time", "When"),
    Column::new("activity", "Activity"),
    Column::new("initiator", "By"),
    Column::new("details", "Details"),
];

pub fn event_row(e: &Event, now: i64) -> Row {
    // In name order, whatever order the server sent them in.
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
    let cells = vec![
        time_cell(&e.timestamp, now),
        Cell::text(&e.activity)
            .strong()
            .with_sub(e.activity_code.clone()),
        Cell::text(who).with_sub(if e.initiator_name.is_empty() {
            String::new()
        } else {
            e.initiator_email.clone()
        }),
        Cell::text(details.join(" · ")).muted(),
    ];
    let family = e.activity_code.split('.').next().unwrap_or("").to_string();
    Row::new(&e.id, cells, &[&e.target_id]).facet("kind", family)
}

pub fn event_filters() -> Vec<Filter> {
    // The filter's label stays a plain key: the table translates it when rendering.
    vec![Filter {
        key: "kind",
        label: "Resource",
        options: options(&[
            ("peer", t("Peers")),
            ("group", t("Groups")),
            ("route", t("Routes")),
            ("policy", t("Policies")),
            ("user", t("Users")),
            ("setupkey", t("Setup keys")),
            ("nameserver", t("DNS")),
            ("account", t("Account")),
        ]),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_400_000;

    #[test]
    fn event_meta_of_any_json_type() {
        let e: Event = crate::base::json::decode_str(r#"{"id":"1","timestamp":"2026-11-20T10:00:00Z","activity":"Route created","activity_code":"route.add","meta":{"name":"office","n":3,"x":null,"o":{"a": [1]}}}"#).unwrap();
        let row = event_row(&e, NOW);
        assert_eq!(
            row.cells[3].text,
            "n: 3 · name: office · o: {\"a\": [1]} · x: –"
        );
        assert_eq!(row.facets, vec![("kind", "route".to_string())]);
    }
}
