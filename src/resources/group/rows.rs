//! The groups table: a row per group with its members and what it holds. Pure.

use crate::base::format::thousands;
use crate::base::i18n::tf;
use crate::base::listing::{Cell, Column, Row};
use crate::resources::*;

pub const GROUP_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::numeric("peers", "Peers"),
    Column::numeric("resources", "Resources"),
    Column::new("issued", "Issued by"),
];

pub fn group_row(g: &Group) -> Row {
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
    ];
    Row::new(&g.id, cells, &[]).facet(
        "issued",
        if g.issued.is_empty() {
            "api"
        } else {
            g.issued.as_str()
        },
    )
}
