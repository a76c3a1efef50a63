//! The policies table: a row per policy, its rules summarised. Pure.

use crate::base::i18n::t;
use crate::base::listing::{Cell, Column, Row, Tone};
use crate::resources::cells::yes_no;
use crate::resources::*;

pub const POLICY_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::new("action", "Action"),
    Column::new("protocol", "Protocol"),
    Column::new("sources", "Sources"),
    Column::new("destinations", "Destinations"),
    Column::new("enabled", "Enabled"),
];

pub fn policy_row(p: &Policy) -> Row {
    let rule = p.rules.first().cloned().unwrap_or_default();
    let names = |gs: &[crate::resources::GroupMinimum]| {
        gs.iter()
            .map(|g| g.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut proto = rule.protocol.to_uppercase();
    if !rule.ports.is_empty() {
        proto.push_str(&format!(" {}", rule.ports.join(", ")));
    }
    let arrow = if rule.bidirectional { "⇄" } else { "→" };
    let cells = vec![
        Cell::text(&p.name).strong().with_sub(p.description.clone()),
        Cell::text(&rule.action).badge(if rule.action == "drop" {
            Tone::Bad
        } else {
            Tone::Good
        }),
        Cell::text(proto).mono(),
        Cell::text(names(&rule.sources)),
        Cell::text(format!("{arrow} {}", names(&rule.destinations))),
        yes_no(p.enabled, &t("Enabled"), &t("Disabled"), Tone::Good),
    ];
    Row::new(&p.id, cells, &[]).facet("enabled", if p.enabled { "yes" } else { "no" })
}
