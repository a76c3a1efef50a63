//! What the command palette finds and what the keyboard shortcuts mean. Pure: the palette's
//! view and the key listener are in `ui::palette`.

/// What a palette entry is, in the order results are grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Action,
    Peer,
    Group,
    Route,
    Policy,
    Nameservers,
    SetupKey,
    User,
}

/// One thing the palette can find: an object (`target` its page) or an action.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub kind: Kind,
    pub label: String,
    /// Shown after the label, searched too (a peer's IP and DNS name, a user's email).
    pub detail: String,
    pub target: String,
    /// Label and detail in lower case, searched.
    hay: String,
    /// The label in lower case.
    label_lower: String,
}

impl Entry {
    pub fn new(kind: Kind, label: String, detail: String, target: String) -> Entry {
        let label_lower = label.to_lowercase();
        let hay = format!("{label_lower} {}", detail.to_lowercase());
        Entry {
            kind,
            label,
            detail,
            target,
            hay,
            label_lower,
        }
    }
}

/// Up to `per_kind` entries of each kind matching `query`, grouped by kind and best first in
/// each: every word of the query occurs in the label or detail; a label starting with the
/// query comes first, then one with a word starting with it, then the rest, each in list
/// order. An empty query finds the actions only.
pub fn find<'a>(entries: &'a [Entry], query: &str, per_kind: usize) -> Vec<&'a Entry> {
    let query = query.trim().to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut found: Vec<(Kind, u8, usize, &Entry)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if words.is_empty() {
            if e.kind == Kind::Action {
                found.push((e.kind, 0, i, e));
            }
            continue;
        }
        if !words.iter().all(|w| e.hay.contains(w)) {
            continue;
        }
        let rank = if e.label_lower.starts_with(&query) {
            0
        } else if e
            .hay
            .split([' ', '.', '-', '_'])
            .any(|w| w.starts_with(words[0]))
        {
            1
        } else {
            2
        };
        found.push((e.kind, rank, i, e));
    }
    found.sort_unstable_by_key(|(kind, rank, i, _)| (*kind, *rank, *i));
    let mut out = Vec::new();
    let mut last: Option<(Kind, usize)> = None;
    for (kind, _, _, e) in found {
        let n = match last {
            Some((k, n)) if k == kind => n + 1,
            _ => 1,
        };
        last = Some((kind, n));
        if n <= per_kind {
            out.push(e);
        }
    }
    out
}

/// What a key press means outside a text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// Open the palette (Ctrl+K or ⌘K, also inside a field).
    Palette,
    /// Show the list of shortcuts (`?`).
    Help,
    /// Focus the current list's search (`/`).
    Search,
    /// `g` was pressed: the next key names a section.
    GoPending,
    /// Go to the section at this path (`g p` peers …).
    Go(&'static str),
    /// A new object on a list page (`n`).
    New,
    /// Edit on a detail page (`e`).
    Edit,
    None,
}

/// The sections `g` reaches, as (key, path, what the help says).
pub const GO_KEYS: &[(&str, &str, &str)] = &[
    ("h", "/", "Overview"),
    ("p", "/peers", "Peers"),
    ("g", "/groups", "Groups"),
    ("r", "/routes", "Routes"),
    ("a", "/policies", "Policies"),
    ("c", "/posture-checks", "Posture checks"),
    ("d", "/dns", "DNS"),
    ("k", "/setup-keys", "Setup keys"),
    ("u", "/users", "Users"),
    ("e", "/events", "Events"),
    ("s", "/settings", "Settings"),
];

/// What `key` (a `KeyboardEvent.key`) means with Ctrl or ⌘ held (`command`), inside a text
/// field or not (`typing`), right after a `g` (`after_g`).
pub fn shortcut(key: &str, command: bool, typing: bool, after_g: bool) -> Shortcut {
    if command {
        return if key.eq_ignore_ascii_case("k") {
            Shortcut::Palette
        } else {
            Shortcut::None
        };
    }
    if typing {
        return Shortcut::None;
    }
    if after_g {
        return GO_KEYS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map_or(Shortcut::None, |(_, path, _)| Shortcut::Go(path));
    }
    match key {
        "?" => Shortcut::Help,
        "/" => Shortcut::Search,
        "g" => Shortcut::GoPending,
        "n" => Shortcut::New,
        "e" => Shortcut::Edit,
        _ => Shortcut::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Vec<Entry> {
        let e = |kind, label: &str, detail: &str| {
            Entry::new(kind, label.into(), detail.into(), format!("/{label}"))
        };
        vec![
            e(Kind::Action, "New route", ""),
            e(
                Kind::Peer,
                "laptop-alice",
                "100.64.0.12 laptop-alice.netbird.cloud",
            ),
            e(Kind::Peer, "gw-fra-1", "100.64.0.1 gw-fra-1.netbird.cloud"),
            e(Kind::Peer, "my-gw", "100.64.1.7 my-gw.netbird.cloud"),
            e(Kind::Group, "gateways", ""),
            e(Kind::User, "Alice Schmidt", "alice@example.com"),
        ]
    }

    fn labels(found: Vec<&Entry>) -> Vec<&str> {
        found.iter().map(|e| e.label.as_str()).collect()
    }

    #[test]
    fn finds_by_name_ip_and_dns_name_grouped_and_ranked() {
        let all = entries();
        assert_eq!(labels(find(&all, "100.64.0.12", 5)), ["laptop-alice"]);
        assert_eq!(
            labels(find(&all, "ALICE", 5)),
            ["laptop-alice", "Alice Schmidt"]
        );
        // A name starting with it first, then a word starting with it, then anywhere; kinds
        // keep their order.
        assert_eq!(labels(find(&all, "gw", 5)), ["gw-fra-1", "my-gw"]);
        assert_eq!(labels(find(&all, "fra", 5)), ["gw-fra-1"]);
        assert_eq!(labels(find(&all, "ga", 5)), ["gateways"]);
        assert_eq!(labels(find(&all, "alice netbird", 5)), ["laptop-alice"]);
        assert_eq!(labels(find(&all, "example.com", 5)), ["Alice Schmidt"]);
        assert!(find(&all, "nothing-like-this", 5).is_empty());
        assert_eq!(labels(find(&all, "  ", 5)), ["New route"]);
        assert_eq!(labels(find(&all, "route", 5)), ["New route"]);
    }

    #[test]
    fn each_kind_is_capped() {
        let many: Vec<Entry> = (0..100)
            .map(|i| {
                Entry::new(
                    Kind::Peer,
                    format!("peer-{i}"),
                    String::new(),
                    String::new(),
                )
            })
            .chain([Entry::new(
                Kind::Group,
                "peers".into(),
                String::new(),
                String::new(),
            )])
            .collect();
        let found = find(&many, "peer", 8);
        assert_eq!(found.len(), 9);
        assert_eq!(found[0].label, "peer-0");
        assert_eq!(found[8].label, "peers");
    }

    #[test]
    fn shortcuts_never_fire_while_typing_but_the_palette_does() {
        assert_eq!(shortcut("k", true, true, false), Shortcut::Palette);
        assert_eq!(shortcut("K", true, false, false), Shortcut::Palette);
        assert_eq!(shortcut("c", true, false, false), Shortcut::None);
        for key in ["?", "/", "g", "n", "e"] {
            assert_eq!(shortcut(key, false, true, false), Shortcut::None, "{key}");
        }
        assert_eq!(shortcut("?", false, false, false), Shortcut::Help);
        assert_eq!(shortcut("/", false, false, false), Shortcut::Search);
        assert_eq!(shortcut("n", false, false, false), Shortcut::New);
        assert_eq!(shortcut("e", false, false, false), Shortcut::Edit);
        assert_eq!(shortcut("g", false, false, false), Shortcut::GoPending);
        assert_eq!(shortcut("p", false, false, true), Shortcut::Go("/peers"));
        assert_eq!(shortcut("r", false, false, true), Shortcut::Go("/routes"));
        assert_eq!(shortcut("g", false, false, true), Shortcut::Go("/groups"));
        assert_eq!(shortcut("x", false, false, true), Shortcut::None);
        assert_eq!(shortcut("x", false, false, false), Shortcut::None);
    }

    #[test]
    fn every_go_key_is_a_section_and_unique() {
        for (i, (key, path, _)) in GO_KEYS.iter().enumerate() {
            assert!(
                GO_KEYS[i + 1..].iter().all(|(k, _, _)| k != key),
                "{key} twice"
            );
            assert!(
                *path == "/"
                    || crate::registry::RESOURCES
                        .iter()
                        .any(|e| format!("/{}", e.segment) == *path),
                "{path}"
            );
        }
    }
}
