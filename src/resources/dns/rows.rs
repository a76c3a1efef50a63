//! The nameserver groups table: a row per group, distribution groups by name. Pure.

use crate::base::i18n::t;
use crate::base::listing::{Cell, Column, Row, Tone};
use crate::resources::cells::{groups_cell, yes_no};
use crate::resources::names::Names;
use crate::resources::*;

pub const NAMESERVER_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::new("servers", "Nameservers"),
    Column::new("domains", "Match domains"),
    Column::new("groups", "Distribution groups"),
    Column::new("enabled", "Enabled"),
];

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
    Row::new(&n.id, cells, &[])
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
}
