//! The nameserver groups table: a row per group, distribution groups by name. Pure.

use crate::base::i18n::t;
use crate::base::listing::{Cell, Column, Filter, Row, Tone};
use crate::resources::cells::{groups_cell, options, yes_no};
use crate::resources::names::Names;
use crate::resources::*;

pub const NAMESERVER_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::new("servers", "Nameservers"),
    Column::new("domains", "Match domains"),
    Column::new("groups", "Distribution groups"),
    Column::new("enabled", "Enabled"),
];

/// The state filter (its label stays a key: the table translates it).
pub fn nameserver_filters() -> Vec<Filter> {
    vec![Filter {
        key: "enabled",
        label: "Enabled",
        options: options(&[("yes", t("Enabled")), ("no", t("Disabled"))]),
    }]
}

pub fn nameserver_row(n: &NameserverGroup, names: &Names) -> Row {
    let servers: Vec<String> = n
        .nameservers
        .iter()
        .map(|s| format!("{}:{}", s.ip, s.port))
        .collect();
    let domains = if n.primary {
        Cell::text(t("All domains (primary)")).badge(Tone::Info)
    } else {
        Cell::text(n.domains.join(", "))
            .mono()
            .with_sub(if n.search_domains_enabled {
                t("also search domains")
            } else {
                String::new()
            })
    };
    let cells = vec![
        Cell::text(&n.name).strong().with_sub(n.description.clone()),
        Cell::text(servers.join(", ")).mono(),
        domains,
        groups_cell(names, &n.groups),
        yes_no(n.enabled, &t("Enabled"), &t("Disabled"), Tone::Good),
    ];
    Row::new(&n.id, cells, &[]).facet("enabled", if n.enabled { "yes" } else { "no" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primary_or_match_domains_with_search_domains() {
        let names = Names::default();
        let mut n = NameserverGroup {
            id: "ns1".into(),
            name: "corp".into(),
            primary: true,
            ..NameserverGroup::default()
        };
        assert_eq!(
            nameserver_row(&n, &names).cells[2].text,
            "All domains (primary)"
        );
        n.primary = false;
        n.domains = vec!["corp.example".into(), "ad.example".into()];
        n.search_domains_enabled = true;
        let cell = &nameserver_row(&n, &names).cells[2];
        assert_eq!(cell.text, "corp.example, ad.example");
        assert_eq!(cell.sub.as_deref(), Some("also search domains"));
        n.search_domains_enabled = false;
        assert_eq!(nameserver_row(&n, &names).cells[2].sub, None);
    }

    #[test]
    fn the_state_filter_lists_enabled_and_disabled_groups_apart() {
        use crate::base::listing::{list, ListQuery};
        let names = Names::default();
        let group = |id: &str, enabled| NameserverGroup {
            id: id.into(),
            name: id.into(),
            enabled,
            ..NameserverGroup::default()
        };
        let rows: Vec<Row> = [group("on", true), group("off", false)]
            .iter()
            .map(|n| nameserver_row(n, &names))
            .collect();
        let ids = |state: &str| {
            let mut q = ListQuery::default();
            q.filters.push(("enabled".into(), state.into()));
            list(&rows, NAMESERVER_COLUMNS, &q)
                .page_rows
                .iter()
                .map(|i| rows[*i].id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("yes"), vec!["on"]);
        assert_eq!(ids("no"), vec!["off"]);
        assert_eq!(nameserver_filters()[0].key, "enabled");
    }
}
