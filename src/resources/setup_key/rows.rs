//! The setup keys table: columns, the state filter and a row per key. Pure.

use crate::base::format::{is_never, thousands};
use crate::base::i18n::t;
use crate::base::listing::{Cell, Column, Filter, Row, Tone};
use crate::resources::cells::{groups_cell, options, time_cell};
use crate::resources::names::Names;
use crate::resources::*;

pub const SETUP_KEY_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::new("type", "Type"),
    Column::new("state", "State"),
    Column::numeric("used", "Used"),
    Column::new("last_used", "Last used"),
    Column::new("expires", "Expires"),
    Column::new("groups", "Auto-assigned groups"),
    Column::new("options", "Options"),
];

/// The filter's label stays a plain key: the table translates it when rendering.
pub fn setup_key_filters() -> Vec<Filter> {
    vec![
        Filter {
            key: "state",
            label: "State",
            options: options(&[
                ("valid", t("Valid")),
                ("overused", t("Overused")),
                ("expired", t("Expired")),
                ("revoked", t("Revoked")),
            ]),
        },
        Filter {
            key: "type",
            label: "Type",
            options: options(&[("reusable", t("Reusable")), ("one-off", t("One-off"))]),
        },
    ]
}

/// A key's state as shown: the server's value, in the chosen language where the console
/// knows it.
fn state_label(state: &str) -> String {
    match state {
        "valid" => t("valid"),
        "overused" => t("overused"),
        "expired" => t("expired"),
        "revoked" => t("revoked"),
        other => other.to_string(),
    }
}

/// A key's type as shown: the server's value, in the chosen language where the console knows
/// it.
fn type_label(key_type: &str) -> String {
    match key_type {
        "reusable" => t("reusable"),
        "one-off" => t("one-off"),
        other => other.to_string(),
    }
}

pub fn setup_key_row(k: &SetupKey, names: &Names, now: i64) -> Row {
    let tone = if k.state == "valid" {
        Tone::Good
    } else {
        Tone::Bad
    };
    let limit = if k.usage_limit == 0 {
        "∞".to_string()
    } else {
        thousands(k.usage_limit)
    };
    let expires = if is_never(&k.expires) {
        Cell::text(t("never")).muted()
    } else {
        time_cell(&k.expires, now)
    };
    let mut flags = Vec::new();
    if k.ephemeral {
        flags.push(t("ephemeral"));
    }
    if k.allow_extra_dns_labels {
        flags.push(t("extra DNS labels"));
    }
    let cells = vec![
        Cell::text(&k.name).strong().with_sub(k.key.clone()),
        Cell::text(type_label(&k.key_type)),
        Cell::text(state_label(&k.state)).badge(tone),
        Cell::count(
            k.used_times,
            format!("{} / {limit}", thousands(k.used_times)),
        ),
        time_cell(&k.last_used, now),
        expires,
        groups_cell(names, &k.auto_groups),
        Cell::text(flags.join(", ")).muted(),
    ];
    Row::new(&k.id, cells, &[])
        .facet("state", k.state.clone())
        .facet("type", k.key_type.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_400_000;

    #[test]
    fn setup_key_rows() {
        let names = Names::default();
        let k = SetupKey {
            id: "k".into(),
            name: "ci".into(),
            state: "valid".into(),
            expires: crate::base::format::ZERO_TIME.into(),
            last_used: crate::base::format::ZERO_TIME.into(),
            ..SetupKey::default()
        };
        let row = setup_key_row(&k, &names, NOW);
        assert_eq!(row.cells[5].text, "never");
        assert_eq!(row.cells[3].text, "0 / ∞");
    }
}
