//! The peers table: columns, filters (status, OS family) and a row per peer. Pure.

use crate::base::format::relative_time;
use crate::base::i18n::{t, tf};
use crate::base::listing::{Cell, Column, Field, Filter, Row, SearchSpec, SortKey, Tone};
use crate::base::search::{Kind, Qualifier, Version};
use crate::resources::cells::options;
use crate::resources::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Weak};

pub const PEER_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::new("ip", "Address"),
    Column::new("groups", "Groups"),
    Column::new("os", "OS"),
    Column::new("version", "Version"),
    Column::new("status", "Status"),
    Column::new("owner", "Owner"),
    Column::new("login", "Login"),
];

/// What the peers search understands besides words: see `peer_row` for the fields.
pub const PEER_SEARCH: SearchSpec = SearchSpec {
    qualifiers: &[
        Qualifier::new("os", Kind::Text),
        Qualifier::new("group", Kind::Names),
        Qualifier::new("status", Kind::Word(&["online", "offline"])),
        Qualifier::new("version", Kind::Version),
        Qualifier::new("owner", Kind::Text),
        Qualifier::new("approval", Kind::Word(&["pending", "approved"])),
        Qualifier::new("expired", Kind::Word(&["yes", "no"])),
        Qualifier::new("seen", Kind::Age),
        Qualifier::new("ssh", Kind::Word(&["on", "off"])),
        Qualifier::new("country", Kind::Text),
    ],
    addresses: true,
};

/// Peers' owners by user ID: the name shown and the lower-cased text `owner:` searches.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Owners(HashMap<String, (String, String)>);

impl Owners {
    pub fn of(users: &[User]) -> Owners {
        Owners(
            users
                .iter()
                .map(|u| {
                    let search = format!("{} {} {}", u.name, u.email, u.id).to_lowercase();
                    (u.id.clone(), (u.display_name().to_string(), search))
                })
                .collect(),
        )
    }
}

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
    ["linux", "darwin", "windows", "ios", "android"]
        .into_iter()
        .find(|f| {
            os.get(..f.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(f))
        })
        .unwrap_or("other")
}

/// How many search fields a peer's row has (room is made for them at once).
const PEER_FIELDS: usize = 11;

/// A peer's row. Its search fields: `os`, `group` (names), `status`, `version`, `owner`,
/// `approval`, `expired`, `seen` (time offline), `ssh`, `country`, and its addresses.
///
/// Built for every peer as the list streams in (10,000 of them), so it copies no more than the
/// row keeps: fixed words are borrowed, and the row's facets and fields are allocated once.
pub fn peer_row(p: &PeerListed, owners: &Owners, now: i64) -> Row {
    let mut groups = String::with_capacity(p.groups.iter().map(|g| g.name.len() + 2).sum());
    for name in p.groups.iter().map(|g| g.name.as_str()) {
        if name != "All" {
            if !groups.is_empty() {
                groups.push_str(", ");
            }
            groups.push_str(name);
        }
    }
    let seen_at = crate::base::format::parse_rfc3339(&p.last_seen);
    let status = if p.connected {
        Cell::sorted(t("Online"), SortKey::Num(i64::MAX)).badge(Tone::Good)
    } else {
        let seen = relative_time(&p.last_seen, now);
        let sort = seen_at.map(SortKey::Num).unwrap_or(SortKey::Empty);
        Cell::sorted(t("Offline"), sort)
            .badge(Tone::Neutral)
            .with_sub(tf("seen {when}", &[("when", &seen)]))
            .titled(p.last_seen.clone())
    };
    let (owner, owner_search) = match owners.0.get(&p.user_id) {
        Some((shown, search)) => (shown.clone(), search.clone()),
        None => (String::new(), p.user_id.to_lowercase()),
    };
    let login = if p.approval_required {
        Cell::text(t("Needs approval")).badge(Tone::Warn)
    } else if p.login_expired {
        Cell::text(t("Login expired")).badge(Tone::Bad)
    } else if p.login_expiration_enabled {
        Cell::text(t("Expires")).muted()
    } else {
        Cell::text(t("Never expires")).muted()
    };
    let cells = vec![
        Cell::text(&p.name).strong().with_sub(p.dns_label.clone()),
        Cell::ip(&p.ip).with_sub(p.ipv6.clone()),
        Cell::text(groups),
        // The country code only: rows stay two lines high (the city is on the peer's page).
        Cell::text(&p.os).with_sub(p.country_code.clone()),
        Cell::text(&p.version).mono(),
        status,
        Cell::text(owner),
        login,
    ];
    let addrs = [&p.ip, &p.ipv6]
        .into_iter()
        .filter_map(|a| a.parse().ok())
        .collect();
    let word =
        |b: bool, yes: &'static str, no: &'static str| Field::Text(if b { yes } else { no }.into());
    let age = if p.connected {
        Some(0)
    } else {
        seen_at.map(|t| (now - t).max(0))
    };
    let mut row = Row::new(
        &p.id,
        cells,
        &[&p.hostname, &p.country_code, &p.city_name, &p.connection_ip],
    )
    .with_capacity(
        2 + usize::from(p.approval_required) + usize::from(p.login_expired),
        PEER_FIELDS,
    )
    .facet("status", if p.connected { "online" } else { "offline" })
    .facet("os", os_family(&p.os))
    .field("os", Field::Text(p.os.to_lowercase().into()))
    .field(
        "group",
        Field::Names(p.groups.iter().map(|g| g.name.to_lowercase()).collect()),
    )
    .field("status", word(p.connected, "online", "offline"))
    .field("version", Field::Version(Version::parse(&p.version)))
    .field("owner", Field::Text(owner_search.into()))
    .field("approval", word(p.approval_required, "pending", "approved"))
    .field("expired", word(p.login_expired, "yes", "no"))
    .field("seen", Field::Age(age))
    .field("ssh", word(p.ssh_enabled, "on", "off"))
    .field("country", Field::Text(p.country_code.to_lowercase().into()))
    .field("ip", Field::Addrs(addrs));
    if p.approval_required {
        row = row.facet("status", "approval");
    }
    if p.login_expired {
        row = row.facet("status", "expired");
    }
    row
}

/// The newest client version among the rows (for "outdated clients": older than it).
pub fn newest_version(rows: &[Row]) -> Option<String> {
    let mut newest: Option<(&Version, &str)> = None;
    for r in rows {
        let Some(Field::Version(Some(v))) = r
            .fields
            .iter()
            .find(|(k, _)| *k == "version")
            .map(|(_, f)| f)
        else {
            continue;
        };
        if newest.is_none_or(|(n, _)| v > n) {
            let shown = r.cells.get(4).map_or("", |c| c.text.as_str());
            newest = Some((v, shown));
        }
    }
    newest.map(|(_, shown)| shown.to_string())
}

/// `newest_version` of `list`, read once per list: a page shown again from the rows it kept
/// does not read 10,000 peers' versions again.
pub fn newest_version_of(list: &Arc<Vec<Row>>) -> Option<String> {
    thread_local! {
        /// The list last read, and its newest version. (The `Weak` keeps the list's address
        /// from being taken by another list while it is held.)
        static LAST: RefCell<(Weak<Vec<Row>>, Option<String>)> =
            const { RefCell::new((Weak::new(), None)) };
    }
    LAST.with_borrow_mut(|(last, newest)| {
        if Weak::as_ptr(last) != Arc::as_ptr(list) {
            *newest = newest_version(list);
            *last = Arc::downgrade(list);
        }
        newest.clone()
    })
}

/// The fleet hygiene views, one search each: (label, search).
pub fn hygiene_views(newest: Option<&str>) -> Vec<(String, String)> {
    let mut views = Vec::new();
    if let Some(v) = newest {
        views.push((t("Outdated clients"), format!("version:<{v}")));
    }
    views.push((t("Login expired"), "expired:yes".to_string()));
    views.push((t("Pending approval"), "approval:pending".to_string()));
    views.push((t("Offline over 30 days"), "seen:>30d".to_string()));
    views
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
        let rows: Vec<Row> = peers
            .iter()
            .map(|p| peer_row(&PeerListed::of(p), &Owners::default(), NOW))
            .collect();
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
        // The room made for the fields is what the row fills.
        assert!(rows.iter().all(|r| r.fields.len() == PEER_FIELDS));
    }

    #[test]
    fn qualified_search_over_peers() {
        let mut old = peer("3", "nas-old", "100.92.4.4", false);
        old.version = "0.28.4".into();
        old.last_seen = "2026-08-01T00:00:00Z".into();
        old.user_id = "u-alice".into();
        old.groups = vec![crate::resources::GroupMinimum {
            id: "g1".into(),
            name: "Storage".into(),
            peers_count: 1,
        }];
        let mut new = peer("4", "gw-new", "100.64.0.4", true);
        new.version = "0.41.0".into();
        new.approval_required = true;
        let owners = Owners::of(&[crate::resources::User {
            id: "u-alice".into(),
            email: "alice@example.com".into(),
            ..Default::default()
        }]);
        let row = |p: &Peer| peer_row(&PeerListed::of(p), &owners, NOW);
        let rows = [row(&old), row(&new)];
        let find = |q: &str| {
            let query = ListQuery::from_pairs([("q", q)], &[]);
            let search = PEER_SEARCH.parse(q);
            assert!(search.problems.is_empty(), "{q}: {:?}", search.problems);
            crate::base::listing::list_searched(&rows, PEER_COLUMNS, &query, &search).page_rows
        };
        assert_eq!(find("version:<0.40.0"), vec![0]);
        assert_eq!(find("owner:alice group:storage seen:>30d"), vec![0]);
        assert_eq!(find("approval:pending status:online"), vec![1]);
        assert_eq!(find("100.64.0.0/16"), vec![1]);
        assert_eq!(find("100.92.4.4"), vec![0]);
        assert_eq!(find("nas os:linux"), vec![0]);
        assert_eq!(rows[0].cells[6].text, "alice@example.com");
        assert_eq!(newest_version(&rows).as_deref(), Some("0.41.0"));
        // Read once per list: the same list again, then another list (the first one gone,
        // so that the second may be allocated where it was), each gives its own.
        let list = Arc::new(rows.to_vec());
        assert_eq!(newest_version_of(&list).as_deref(), Some("0.41.0"));
        assert_eq!(newest_version_of(&list).as_deref(), Some("0.41.0"));
        drop(list);
        let older = Arc::new(vec![rows[0].clone(), rows[0].clone()]);
        assert_eq!(newest_version_of(&older).as_deref(), Some("0.28.4"));
        assert_eq!(newest_version_of(&Arc::new(Vec::new())), None);
        let views = hygiene_views(Some("0.41.0"));
        assert_eq!(views[0].1, "version:<0.41.0");
        assert!(views
            .iter()
            .all(|(_, q)| PEER_SEARCH.parse(q).problems.is_empty()));
    }
}
