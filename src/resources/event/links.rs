//! The objects an event names by ID (its target, its meta values), shown by their names and
//! linked to their pages while they still exist. Which lists to load for that, from what the
//! log holds. Pure.

use super::activity::group_of;
use crate::base::json::{FromJson, Members};
use crate::resources::MetaValue;
use std::collections::HashMap;

/// The kinds of object an event can name, each with a list to find them in and a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Peer,
    Group,
    Route,
    Policy,
    User,
    SetupKey,
    Nameservers,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Peer,
        Kind::Group,
        Kind::Route,
        Kind::Policy,
        Kind::User,
        Kind::SetupKey,
        Kind::Nameservers,
    ];

    /// The permission module that must be readable to list them.
    pub fn module(self) -> &'static str {
        match self {
            Kind::Peer => "peers",
            Kind::Group => "groups",
            Kind::Route => "routes",
            Kind::Policy => "policies",
            Kind::User => "users",
            Kind::SetupKey => "setup_keys",
            Kind::Nameservers => "nameservers",
        }
    }

    /// The list they are found in.
    pub fn list_path(self) -> &'static str {
        match self {
            Kind::Peer => "/api/peers",
            Kind::Group => "/api/groups",
            Kind::Route => "/api/routes",
            Kind::Policy => "/api/policies",
            Kind::User => "/api/users",
            Kind::SetupKey => "/api/setup-keys",
            Kind::Nameservers => "/api/dns/nameservers",
        }
    }

    /// The console page of one of them.
    pub fn page(self, id: &str) -> String {
        let base = match self {
            Kind::Peer => "/peers",
            Kind::Group => "/groups",
            Kind::Route => "/routes",
            Kind::Policy => "/policies",
            Kind::User => "/users",
            Kind::SetupKey => "/setup-keys",
            Kind::Nameservers => "/dns",
        };
        format!("{base}/{}", crate::base::listing::encode_query_value(id))
    }

    /// The kinds a word of a code or a meta key points at (`peer_groups`: peers and groups).
    fn named_by(word: &str) -> Vec<Kind> {
        let w = word.to_ascii_lowercase();
        [
            ("nameserver", Kind::Nameservers),
            ("setupkey", Kind::SetupKey),
            ("setup_key", Kind::SetupKey),
            ("peer", Kind::Peer),
            ("group", Kind::Group),
            ("route", Kind::Route),
            ("policy", Kind::Policy),
            ("rule", Kind::Policy),
            ("user", Kind::User),
        ]
        .into_iter()
        .filter(|(needle, _)| w.contains(needle))
        .map(|(_, k)| k)
        .collect()
    }
}

/// One object of a list, decoded as just what names it: users by name or email, routes by
/// their network identifier, the rest by name.
#[derive(Clone, Debug, Default, PartialEq, FromJson)]
pub struct Named {
    pub id: String,
    pub name: String,
    pub email: String,
    pub network_id: String,
}

impl Named {
    fn shown(&self) -> &str {
        [&self.name, &self.network_id, &self.email]
            .into_iter()
            .find(|s| !s.trim().is_empty())
            .map_or(self.id.as_str(), |s| s.as_str())
    }
}

/// Every object loaded so far, by ID (IDs are unique across kinds).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Directory {
    /// (kind, name, lower-cased name), by ID.
    by_id: HashMap<String, (Kind, String, String)>,
}

impl Directory {
    pub fn add(&mut self, kind: Kind, items: &[Named]) {
        for n in items.iter().filter(|n| !n.id.is_empty()) {
            let name = n.shown().to_string();
            let lower = name.to_lowercase();
            self.by_id.insert(n.id.clone(), (kind, name, lower));
        }
    }
    pub fn find(&self, id: &str) -> Option<(Kind, &str)> {
        self.by_id.get(id).map(|(k, n, _)| (*k, n.as_str()))
    }
    /// The lower-cased name of the object `id`, for filters.
    pub fn lower_name(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(|(_, _, l)| l.as_str())
    }
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// A piece of what an event shows: text, or an object that still exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Link {
        kind: Kind,
        id: String,
        name: String,
    },
}

impl Piece {
    /// An object when the directory has `id`, else the text.
    pub fn of(id: &str, dir: &Directory) -> Piece {
        match dir.find(id) {
            Some((kind, name)) => Piece::Link {
                kind,
                id: id.to_string(),
                name: name.to_string(),
            },
            None => Piece::Text(id.to_string()),
        }
    }
}

/// A meta entry, readable: its key and its value's pieces (a list of IDs is one piece each).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetaLine {
    pub key: String,
    pub pieces: Vec<Piece>,
}

/// The meta of an event as key/value lines in key order, every value that is the ID of a
/// known object (alone, or in a list of strings) shown as that object.
pub fn meta_lines(meta: &Members<MetaValue>, dir: &Directory) -> Vec<MetaLine> {
    let mut lines: Vec<MetaLine> = meta
        .0
        .iter()
        .map(|(key, value)| {
            let pieces = match value {
                MetaValue::Null => vec![Piece::Text("–".into())],
                MetaValue::Text(s) if s.trim().is_empty() => vec![Piece::Text("–".into())],
                MetaValue::Text(s) => vec![Piece::of(s, dir)],
                MetaValue::Json(raw) => match string_list(raw) {
                    Some(items) if !items.is_empty() => {
                        items.iter().map(|s| Piece::of(s, dir)).collect()
                    }
                    _ => vec![Piece::Text(raw.clone())],
                },
            };
            MetaLine {
                key: key.clone(),
                pieces,
            }
        })
        .collect();
    crate::base::sort::sort_by(&mut lines, &|a, b| a.key.cmp(&b.key));
    lines
}

/// A JSON array of strings, else `None`.
fn string_list(raw: &str) -> Option<Vec<String>> {
    crate::base::json::decode_str::<Vec<String>>(raw).ok()
}

/// The lists worth loading for a log: the kinds its codes and meta keys point at, then
/// those this role may read.
pub fn kinds_needed<'a>(
    events: impl IntoIterator<Item = (&'a str, &'a Members<MetaValue>)>,
    may_read: impl Fn(&str) -> bool,
) -> Vec<Kind> {
    let mut wanted: Vec<Kind> = Vec::new();
    let mut add = |kinds: &[Kind]| {
        for k in kinds {
            if !wanted.contains(k) {
                wanted.push(*k);
            }
        }
    };
    let mut seen_codes: Vec<&str> = Vec::new();
    for (code, meta) in events {
        if !seen_codes.contains(&code) {
            seen_codes.push(code);
            add(group_kind(code));
            for word in code.split('.') {
                add(&Kind::named_by(word));
            }
        }
        for (key, _) in &meta.0 {
            add(&Kind::named_by(key));
        }
    }
    Kind::ALL
        .into_iter()
        .filter(|k| wanted.contains(k) && may_read(k.module()))
        .collect()
}

/// The kind an event's target is, by its code's group (`None` for groups without pages).
fn group_kind(code: &str) -> &'static [Kind] {
    match group_of(code).slug {
        "peers" => &[Kind::Peer],
        "groups" => &[Kind::Group],
        "routes" => &[Kind::Route],
        "policies" => &[Kind::Policy],
        "users" | "tokens" => &[Kind::User],
        "setupkeys" => &[Kind::SetupKey],
        "dns" => &[Kind::Nameservers],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::json::decode_str;

    fn dir() -> Directory {
        let mut d = Directory::default();
        let named = |id: &str, name: &str| Named {
            id: id.into(),
            name: name.into(),
            ..Named::default()
        };
        d.add(Kind::Peer, &[named("p1", "gw-fra-1")]);
        d.add(Kind::Group, &[named("g1", "Office"), named("g2", "DevOps")]);
        d.add(
            Kind::Route,
            &[Named {
                id: "r1".into(),
                network_id: "office-lan".into(),
                ..Named::default()
            }],
        );
        d.add(
            Kind::User,
            &[Named {
                id: "u1".into(),
                email: "alice@example.com".into(),
                ..Named::default()
            }],
        );
        d
    }

    #[test]
    fn lists_decode_to_what_names_them() {
        let users: Vec<Named> = decode_str(
            r#"[{"id":"u1","name":"","email":"a@b.c","role":"admin","auto_groups":["g"]},
                {"id":"u2","name":"Bob","email":"b@b.c"},{"id":"","name":"ghost"}]"#,
        )
        .unwrap();
        let mut d = Directory::default();
        d.add(Kind::User, &users);
        assert_eq!(d.find("u1"), Some((Kind::User, "a@b.c")));
        assert_eq!(d.find("u2"), Some((Kind::User, "Bob")));
        assert_eq!(d.find(""), None);
    }

    #[test]
    fn meta_ids_become_objects_and_the_rest_stays_text() {
        let e: crate::resources::Event = decode_str(
            r#"{"id":"1","activity_code":"route.add","target_id":"r1","meta":{
                "peer_id":"p1","peer_groups":["g1","gone","g2"],"name":"office-lan",
                "network_range":"10.0.0.0/24","n":3,"x":null,"o":{"a":"g1"},"empty":[],"blank":""}}"#,
        )
        .unwrap();
        let d = dir();
        let mut lines = meta_lines(&e.meta, &d);
        let keys: Vec<String> = lines.iter().map(|l| l.key.clone()).collect();
        assert_eq!(
            keys,
            [
                "blank",
                "empty",
                "n",
                "name",
                "network_range",
                "o",
                "peer_groups",
                "peer_id",
                "x"
            ]
        );
        // An empty value reads as nothing, as null does.
        assert_eq!(lines.remove(0).pieces, vec![Piece::Text("–".into())]);
        let link = |kind, id: &str, name: &str| Piece::Link {
            kind,
            id: id.into(),
            name: name.into(),
        };
        let text = |s: &str| Piece::Text(s.into());
        assert_eq!(lines[0].pieces, vec![text("[]")]);
        assert_eq!(lines[1].pieces, vec![text("3")]);
        // A name is text even when an object has that name: only IDs are resolved.
        assert_eq!(lines[2].pieces, vec![text("office-lan")]);
        assert_eq!(lines[4].pieces, vec![text(r#"{"a":"g1"}"#)]);
        assert_eq!(
            lines[5].pieces,
            vec![
                link(Kind::Group, "g1", "Office"),
                text("gone"),
                link(Kind::Group, "g2", "DevOps")
            ]
        );
        assert_eq!(lines[6].pieces, vec![link(Kind::Peer, "p1", "gw-fra-1")]);
        assert_eq!(lines[7].pieces, vec![text("–")]);
        assert_eq!(Piece::of("r1", &d), link(Kind::Route, "r1", "office-lan"));
        assert_eq!(
            Piece::of("u1", &d),
            link(Kind::User, "u1", "alice@example.com")
        );
        // Without the lists (not loaded yet, or not readable) everything is text.
        let bare = meta_lines(&e.meta, &Directory::default());
        assert!(bare
            .iter()
            .flat_map(|l| &l.pieces)
            .all(|p| matches!(p, Piece::Text(_))));
    }

    #[test]
    fn pages_of_objects() {
        assert_eq!(Kind::Peer.page("p1"), "/peers/p1");
        assert_eq!(Kind::SetupKey.page("k 1"), "/setup-keys/k%201");
        assert_eq!(Kind::Nameservers.page("ns1"), "/dns/ns1");
        assert_eq!(Kind::Policy.page("x/../y"), "/policies/x%2F..%2Fy");
    }

    #[test]
    fn only_the_lists_a_log_points_at_and_the_role_may_read() {
        let none = Members::default();
        let route_meta: Members<MetaValue> =
            decode_str(r#"{"peer_id":"p1","peer_groups":["g1"]}"#).unwrap();
        let log = [
            ("route.add", &route_meta),
            ("route.update", &none),
            ("dashboard.login", &none),
        ];
        assert_eq!(
            kinds_needed(log, |_| true),
            vec![Kind::Peer, Kind::Group, Kind::Route, Kind::User]
        );
        assert_eq!(
            kinds_needed(log, |m| m != "peers" && m != "users"),
            vec![Kind::Group, Kind::Route]
        );
        assert_eq!(
            kinds_needed([("setupkey.group.add", &none)], |_| true),
            vec![Kind::Group, Kind::SetupKey]
        );
        assert_eq!(
            kinds_needed([("account.dns.domain.update", &none)], |_| true),
            vec![]
        );
        assert_eq!(
            kinds_needed([("nameserver.group.add", &none)], |_| true),
            vec![Kind::Group, Kind::Nameservers]
        );
    }
}
