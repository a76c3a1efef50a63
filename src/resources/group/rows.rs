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
        Cell::count(n, thousands(n))
    }
}

/// A group's row, with where it is used (`counts`, from `usage::usage_counts`).
pub fn group_row(listed: &GroupListed, counts: &Counts) -> Row {
    let g = &listed.group;
    let more = g
        .peers_count
        .saturating_sub(listed.first_members.len() as u64);
    let mut sample = listed.first_members.join(", ");
    if more > 0 {
        // The names last: `tf` fills in order, so a peer name can never fill `{n}`.
        sample = tf(
            "{names} and {n} more",
            &[("n", &thousands(more)), ("names", &sample)],
        );
    }
    let issued = if listed.issued.is_empty() {
        "api"
    } else {
        listed.issued.as_str()
    };
    let cells = vec![
        Cell::text(&g.name).strong().with_sub(sample),
        Cell::count(g.peers_count, thousands(g.peers_count)),
        Cell::count(listed.resources_count, thousands(listed.resources_count)),
        Cell::text(issued).muted(),
        count(counts.routes),
        count(counts.policies),
        count(counts.nameservers),
        count(counts.setup_keys),
        count(counts.users),
        count(counts.settings),
    ];
    let used = if counts.total() > 0 { "used" } else { "unused" };
    Row::new(&g.id, cells, &[])
        .facet("usage", used)
        .facet("issued", issued.to_string())
}
