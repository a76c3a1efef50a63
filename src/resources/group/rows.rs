//! The groups table: a row per group with its members and what it holds. Pure.

use crate::base::format::thousands;
use crate::base::i18n::{t, tf};
use crate::base::listing::{Cell, Column, Filter, Row};
use crate::resources::cells::options;
use crate::resources::group::usage::Counts;
use crate::resources::*;

pub const GROUP_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::numeric("peers", "Peers"),
    Column::numeric("resources", "Resources"),
    Column::new("issued", "Issued by"),
    Column::numeric("routes", "Routes"),
    Column::numeric("policies", "Policies"),
    Column::numeric("nameservers", "Nameservers"),
    Column::numeric("setup_keys", "Setup keys"),
    Column::numeric("users", "Users"),
    Column::numeric("settings", "Settings"),
];

/// Filters: where it is used, who issued it. Labels stay keys: the table translates them.
pub fn group_filters() -> Vec<Filter> {
    vec![
        Filter {
            key: "usage",
            label: "Usage",
            options: options(&[("used", t("Used")), ("unused", t("Unused"))]),
        },
        Filter {
            key: "issued",
            label: "Issued by",
            options: options(&[
                ("api", "API".to_string()),
                ("integration", t("Integration")),
                ("jwt", "JWT".to_string()),
            ]),
        },
    ]
}

fn count(n: u64) -> Cell {
    if n == 0 {
        Cell::num(0, "—").muted()
    } else {
        Cell::num(i128::from(n), thousands(n))
    }
}

/// A group's row, with where it is used (`counts`, from `usage::usage_counts`).
pub fn group_row(g: &Group, counts: &Counts) -> Row {
    let peers: Vec<&str> = g.peers.iter().take(5).map(|p| p.name.as_str()).collect();
    let more = g.peers_count.saturating_sub(peers.len() as u64);
    let mut sample = peers.join(", ");
    if more > 0 {
        // The names last: `tf` fills in order, so a peer name can never fill `{n}`.
        sample = tf(
            "{names} and {n} more",
            &[("n", &thousands(more)), ("names", &sample)],
        );
    }
    let cells = vec![
        Cell::text(&g.name).strong().with_sub(sample),
        Cell::num(i128::from(g.peers_count), thousands(g.peers_count)),
        Cell::num(i128::from(g.resources_count), thousands(g.resources_count)),
        Cell::text(if g.issued.is_empty() {
            "api"
        } else {
            &g.issued
        })
        .muted(),
        count(counts.routes),
        count(counts.policies),
        count(counts.nameservers),
        count(counts.setup_keys),
        count(counts.users),
        count(counts.settings),
    ];
    let used = if counts.total() > 0 { "used" } else { "unused" };
    Row::new(&g.id, cells, &[]).facet("usage", used).facet(
        "issued",
        if g.issued.is_empty() {
            "api"
        } else {
            g.issued.as_str()
        },
    )
}
