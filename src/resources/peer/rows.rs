//! The peers table: columns, filters (status, OS family) and a row per peer. Pure.

use crate::base::format::relative_time;
use crate::base::i18n::{t, tf};
use crate::base::listing::{Cell, Column, Filter, Row, SortKey, Tone};
use crate::resources::cells::options;
use crate::resources::*;

pub const PEER_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::new("ip", "Address"),
    Column::new("groups", "Groups"),
    Column::new("os", "OS"),
    Column::new("version", "Version"),
    Column::new("status", "Status"),
];

/// The filters' labels stay plain keys: the table translates them when rendering.
pub fn peer_filters() -> Vec<Filter> {
    vec![
        Filter {
            key: "status",
            label: "Status",
            options: options(&[
                ("online", t("Online")),
                ("offline", t("Offline")),
                ("approval", t("Needs approval")),
                ("expired", t("Login expired")),
            ]),
        },
        Filter {
            key: "os",
            label: "OS",
            options: options(&[
                // Product names stay as they are in every language.
                ("linux", "Linux".to_string()),
                ("darwin", "macOS".to_string()),
                ("windows", "Windows".to_string()),
                ("ios", "iOS".to_string()),
                ("android", "Android".to_string()),
                ("other", t("Other")),
            ]),
        },
    ]
}

fn os_family(os: &str) -> &'static str {
    let os = os.to_ascii_lowercase();
    ["linux", "darwin", "windows", "ios", "android"]
        .into_iter()
        .find(|f| os.starts_with(f))
        .unwrap_or("other")
}

pub fn peer_row(p: &Peer, now: i64) -> Row {
    let groups: Vec<&str> = p
        .groups
        .iter()
        .map(|g| g.name.as_str())
        .filter(|n| *n != "All")
        .collect();
    let status = if p.connected {
        Cell::text(t("Online"))
            .badge(Tone::Good)
            .sorted_by(SortKey::Num(i128::from(i64::MAX)))
    } else {
        let seen = relative_time(&p.last_seen, now);
        let sort = crate::base::format::parse_rfc3339(&p.last_seen)
            .map(|t| SortKey::Num(i128::from(t)))
            .unwrap_or(SortKey::Empty);
        Cell::text(t("Offline"))
            .badge(Tone::Neutral)
            .with_sub(tf("seen {when}", &[("when", &seen)]))
            .sorted_by(sort)
            .titled(p.last_seen.clone())
    };
    let cells = vec![
        Cell::text(&p.name).strong().with_sub(p.dns_label.clone()),
        Cell::ip(&p.ip).with_sub(p.ipv6.clone()),
        Cell::text(groups.join(", ")),
        Cell::text(&p.os),
        Cell::text(&p.version).mono(),
        status,
    ];
    let mut row = Row::new(
        &p.id,
        cells,
        &[&p.hostname, &p.country_code, &p.city_name, &p.connection_ip],
    )
    .facet("status", if p.connected { "online" } else { "offline" })
    .facet("os", os_family(&p.os));
    if p.approval_required {
        row = row.facet("status", "approval");
    }
    if p.login_expired {
        row = row.facet("status", "expired");
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::listing::{list, ListQuery};
    use crate::resources::fixtures::peer;

    const NOW: i64 = 1_795_400_000;

    #[test]
    fn peer_rows_filter_by_status_and_os() {
        let peers = [
            peer("1", "gw-fra-1", "100.64.0.2", true),
            peer("2", "laptop-alice", "100.64.0.10", false),
        ];
        let rows: Vec<Row> = peers.iter().map(|p| peer_row(p, NOW)).collect();
        let q = ListQuery::from_pairs([("status", "offline")], &["status", "os"]);
        let l = list(&rows, PEER_COLUMNS, &q);
        assert_eq!(l.page_rows, vec![1]);
        assert!(rows[1].cells[5]
            .sub
            .as_deref()
            .unwrap_or("")
            .starts_with("seen "));
        let q = ListQuery::from_pairs([("os", "linux"), ("sort", "-ip")], &["status", "os"]);
        assert_eq!(list(&rows, PEER_COLUMNS, &q).page_rows, vec![1, 0]);
    }
}
