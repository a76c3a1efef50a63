//! The one list of the console's resources. The navigation, the URL space (which page a path
//! shows), the on-demand page modules and the home page's counts are all derived from it:
//! adding a resource is one entry in `RESOURCES` (and its views in the part that holds them).

use crate::resources::Permissions;

/// A resource the console shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resource {
    Peers,
    Groups,
    Routes,
    Policies,
    PostureChecks,
    Dns,
    SetupKeys,
    Users,
    Events,
    Settings,
    /// Who can reach what: access per peer or group, the matrix, the map. Computed from lists.
    Network,
    /// The health check's findings. Computed from lists.
    Health,
}

/// The wasm module a page's code lives in. The first load carries the shell, sign-in and the
/// overview; the others are fetched when first opened (`ui::split`), the peers list's and the
/// fleet's once the first page opened has shown its list, since they are the ones most opened
/// next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    FirstLoad,
    /// The route list and form, with the route validation and overlap checks.
    Routes,
    /// DNS, users and their tokens, and the account settings.
    Lists,
    /// The audit log, with its filters and chart.
    Audit,
    /// Access control: policies and posture checks, lists and forms, with their checks.
    Access,
    /// Managing the fleet: a peer's page, groups and setup keys, lists and pages.
    Fleet,
    /// The network as a whole: access, matrix, map, health check, and the home page's charts.
    Network,
    /// The peers list, the page most opened, in a module of its own: the fleet's pack is over
    /// twice the size of its, and a page cannot start before its module is compiled.
    Peers,
}

impl Part {
    /// The name of its wasm module (`ui::split`'s `part!`), fetched when one of its pages opens.
    pub fn module(self) -> Option<&'static str> {
        match self {
            Part::FirstLoad => None,
            Part::Routes => Some("routes"),
            Part::Lists => Some("lists"),
            Part::Audit => Some("audit"),
            Part::Access => Some("access"),
            Part::Fleet => Some("fleet"),
            Part::Network => Some("network"),
            Part::Peers => Some("peers"),
        }
    }
}

/// The pages a resource has besides its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pages {
    /// Only the list.
    List,
    /// A detail page per object at `/<segment>/<id>` (objects are not created here).
    Detail,
    /// A form at `/<segment>/new` and a form or detail page at `/<segment>/<id>`.
    Form,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub resource: Resource,
    /// Its name in the navigation and on its card.
    pub label: &'static str,
    /// Its URL segment: `/routes`, `/routes/new`, `/routes/<id>`.
    pub segment: &'static str,
    /// The API list behind it (for counts on the home page).
    pub api: &'static str,
    /// The module of `/api/users/current` permissions that gates reading it.
    pub module: &'static str,
    /// Singular noun for counts and messages.
    pub noun: &'static str,
    /// The module its pages' code is in.
    pub part: Part,
    /// Its pages besides the list.
    pub pages: Pages,
    /// The other lists its list page reads as it opens, whatever the role (a list only some
    /// roles may read is in `ROLE_READS`). With `api` and the shell's `/api/users/current`,
    /// what the loader requests before the wasm is in (`prefetch_table`).
    pub also: &'static [&'static str],
}

// One positional constructor keeps `RESOURCES` a readable table, one line per resource.
#[allow(clippy::too_many_arguments)]
const fn entry(
    resource: Resource,
    label: &'static str,
    segment: &'static str,
    api: &'static str,
    module: &'static str,
    noun: &'static str,
    part: Part,
    pages: Pages,
    also: &'static [&'static str],
) -> Entry {
    Entry {
        resource,
        label,
        segment,
        api,
        module,
        noun,
        part,
        pages,
        also,
    }
}

use Resource::*;

const GROUPS: &str = "/api/groups";
const PEERS: &str = "/api/peers";
const POLICIES: &str = "/api/policies";
const ROUTES: &str = "/api/routes";
const NAMESERVERS: &str = "/api/dns/nameservers";
const DNS_SETTINGS: &str = "/api/dns/settings";

/// Every resource, in navigation order.
#[rustfmt::skip]
pub const RESOURCES: &[Entry] = &[
    entry(Peers, "Peers", "peers", "/api/peers", "peers", "peer", Part::Fleet, Pages::Detail, &[]),
    entry(Groups, "Groups", "groups", "/api/groups", "groups", "group", Part::Fleet, Pages::Form, &[]),
    entry(Routes, "Routes", "routes", "/api/routes", "routes", "route", Part::Routes, Pages::Form, &[GROUPS, PEERS]),
    entry(Policies, "Policies", "policies", "/api/policies", "policies", "policy", Part::Access, Pages::Form, &[GROUPS, "/api/posture-checks"]),
    entry(PostureChecks, "Posture checks", "posture-checks", "/api/posture-checks", "policies", "posture check", Part::Access, Pages::Form, &["/api/policies"]),
    entry(Dns, "DNS", "dns", "/api/dns/nameservers", "nameservers", "nameserver group", Part::Lists, Pages::Form, &[GROUPS]),
    entry(SetupKeys, "Setup keys", "setup-keys", "/api/setup-keys", "setup_keys", "setup key", Part::Fleet, Pages::Form, &[GROUPS]),
    entry(Users, "Users", "users", "/api/users", "users", "user", Part::Lists, Pages::Form, &[GROUPS]),
    entry(Events, "Events", "events", "/api/events/audit", "events", "event", Part::Audit, Pages::List, &[]),
    entry(Settings, "Settings", "settings", "/api/accounts", "settings", "account", Part::Lists, Pages::List, &[GROUPS, PEERS]),
    entry(Network, "Network", "network", POLICIES, "policies", "policy", Part::Network, Pages::List, &[PEERS, GROUPS, ROUTES, NAMESERVERS, DNS_SETTINGS]),
    entry(Health, "Health check", "health", PEERS, "peers", "finding", Part::Network, Pages::List, &[GROUPS, POLICIES, ROUTES, NAMESERVERS, DNS_SETTINGS]),
];

impl Resource {
    /// Its registry entry.
    pub fn entry(self) -> &'static Entry {
        // Every variant has an entry (a host test checks it); the first is a harmless fallback.
        RESOURCES
            .iter()
            .find(|e| e.resource == self)
            .unwrap_or(&RESOURCES[0])
    }

    /// Its list page's path: `/routes`.
    pub fn path(self) -> String {
        format!("/{}", self.entry().segment)
    }
}

/// Every page of the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Login,
    Home,
    /// A resource's list (or, for settings, its one page).
    List(Resource),
    /// `/<segment>/new` (`None`) or `/<segment>/<id>`.
    Form(Resource, Option<String>),
    NotFound,
}

impl Page {
    /// Pages inside the signed-in shell (everything but sign-in and not-found).
    pub fn in_shell(&self) -> bool {
        !matches!(self, Page::Login | Page::NotFound)
    }

    /// The module the page's code is in: its resource's, but for the peers list.
    pub fn part(&self) -> Part {
        match self {
            Page::List(Resource::Peers) => Part::Peers,
            Page::List(r) | Page::Form(r, _) => r.entry().part,
            Page::Login | Page::Home | Page::NotFound => Part::FirstLoad,
        }
    }
}

/// The page for a path below the console's base (`/routes/abc`), query and fragment excluded.
/// A trailing slash is ignored.
pub fn match_path(path: &str) -> Page {
    let trimmed = path.trim_end_matches('/');
    let mut parts = trimmed.split('/').skip(1);
    let (first, second, third) = (parts.next(), parts.next(), parts.next());
    match (first, second, third) {
        (None, _, _) | (Some(""), None, _) => return Page::Home,
        (Some("login"), None, _) => return Page::Login,
        _ => {}
    }
    let Some(entry) = RESOURCES.iter().find(|e| Some(e.segment) == first) else {
        return Page::NotFound;
    };
    match (second, third, entry.pages) {
        (None, _, _) => Page::List(entry.resource),
        (Some("new"), None, Pages::Form) => Page::Form(entry.resource, None),
        (Some("new"), None, _) => Page::NotFound,
        (Some(id), None, Pages::Form | Pages::Detail) if !id.is_empty() => {
            Page::Form(entry.resource, Some(crate::base::url::percent_decode(id)))
        }
        _ => Page::NotFound,
    }
}

/// What the signed-in layout reads on every page it opens after a reload: who is signed in.
pub const SHELL_READS: &[&str] = &["/api/users/current"];

/// For each list page (by URL segment) and each page of `DETAIL_READS` (by its segment and
/// `/`), the API requests it sends as it opens whatever the role, in order: the shell's, its own
/// list, then the `also` lists. `public/loader.js` starts them before the wasm is in; its copy
/// of this table is checked against this one (`loader_table`).
pub fn prefetch_table() -> Vec<(&'static str, Vec<&'static str>)> {
    let lists = RESOURCES.iter().map(|e| {
        let mut reads = SHELL_READS.to_vec();
        reads.push(e.api);
        reads.extend(e.also.iter().filter(|p| **p != e.api));
        (e.segment, reads)
    });
    let details = DETAIL_READS.iter().map(|(key, also)| {
        let mut reads = SHELL_READS.to_vec();
        reads.extend_from_slice(also);
        (*key, reads)
    });
    lists.chain(details).collect()
}

/// The pages below a list page (`/groups/<id>`, `/groups/new`) whose reads the loader starts
/// too, keyed by the list's segment and `/`, with the lists they read whatever the role (their
/// role-gated lists are in `ROLE_READS`). The group page reads every list that may use a group.
pub const DETAIL_READS: &[(&str, &[&str])] = &[("groups/", &[GROUPS, PEERS])];

/// The lists a page reads only when the role may (the page's key in `prefetch_table`, the
/// permission module that gates the list, the list). The loader asks for them too when the
/// session's user could read them when last seen (`ui::auth`, `READS_KEY`); a role that may not
/// is never asked for them.
pub const ROLE_READS: &[(&str, &str, &str)] = &[
    ("peers", "users", "/api/users"),
    ("groups/", "routes", ROUTES),
    ("groups/", "policies", POLICIES),
    ("groups/", "nameservers", NAMESERVERS),
    ("groups/", "setup_keys", "/api/setup-keys"),
    ("groups/", "users", "/api/users"),
    ("groups/", "dns", DNS_SETTINGS),
    ("groups/", "settings", "/api/accounts"),
];

/// The permission modules of `ROLE_READS`, each once.
pub fn role_read_modules() -> impl Iterator<Item = &'static str> {
    ROLE_READS
        .iter()
        .enumerate()
        .filter(|(i, (_, m, _))| !ROLE_READS[..*i].iter().any(|(_, n, _)| n == m))
        .map(|(_, (_, m, _))| *m)
}

/// `prefetch_table`, each list page's module and `ROLE_READS`, as the three lines of
/// `public/loader.js` that hold them.
pub fn loader_table() -> [String; 3] {
    let pages = prefetch_table()
        .iter()
        .map(|(segment, reads)| {
            let reads = reads
                .iter()
                .map(|r| format!("\"{r}\""))
                .collect::<Vec<_>>()
                .join(", ");
            format!("\"{segment}\": [{reads}]")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let detail_module = |key: &str| {
        let segment = key.trim_end_matches('/');
        RESOURCES
            .iter()
            .find(|e| e.segment == segment)
            .and_then(|e| e.part.module())
    };
    let parts = RESOURCES
        .iter()
        .filter_map(|e| Some((e.segment, Page::List(e.resource).part().module()?)))
        .chain(
            DETAIL_READS
                .iter()
                .filter_map(|(key, _)| Some((*key, detail_module(key)?))),
        )
        .map(|(key, module)| format!("\"{key}\": \"{module}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut maybe: Vec<(&str, Vec<String>)> = Vec::new();
    for (segment, module, read) in ROLE_READS {
        let read = format!("[\"{module}\", \"{read}\"]");
        match maybe.iter_mut().find(|(s, _)| s == segment) {
            Some((_, reads)) => reads.push(read),
            None => maybe.push((segment, vec![read])),
        }
    }
    let maybe = maybe
        .iter()
        .map(|(segment, reads)| format!("\"{segment}\": [{}]", reads.join(", ")))
        .collect::<Vec<_>>()
        .join(", ");
    [
        format!("var PAGES = {{{pages}}};"),
        format!("var PARTS = {{{parts}}};"),
        format!("var MAYBE = {{{maybe}}};"),
    ]
}

/// The resources this user may read. A restricted regular user sees no peers or groups.
pub fn visible_resources(perms: &Permissions) -> Vec<&'static Entry> {
    RESOURCES
        .iter()
        .filter(|e| perms.can_read(e.module))
        .filter(|e| {
            !(perms.is_restricted && matches!(e.resource, Peers | Groups | Network | Health))
        })
        .collect()
}

/// `policy` → `policies`, `peer` → `peers`.
pub fn plural_noun(noun: &str, n: u64) -> String {
    if n == 1 {
        noun.to_string()
    } else if let Some(stem) = noun
        .strip_suffix('y')
        .filter(|stem| !stem.ends_with(['a', 'e', 'i', 'o', 'u']))
    {
        format!("{stem}ies")
    } else {
        format!("{noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_resource_has_one_entry_with_its_own_segment() {
        let all = [
            Peers,
            Groups,
            Routes,
            Policies,
            PostureChecks,
            Dns,
            SetupKeys,
            Users,
            Events,
            Settings,
            Network,
            Health,
        ];
        assert_eq!(all.len(), RESOURCES.len());
        for r in all {
            assert_eq!(RESOURCES.iter().filter(|e| e.resource == r).count(), 1);
            assert_eq!(r.entry().resource, r);
            assert_eq!(match_path(&r.path()), Page::List(r));
        }
        for (i, a) in RESOURCES.iter().enumerate() {
            assert!(RESOURCES[i + 1..].iter().all(|b| b.segment != a.segment));
            assert_ne!(a.segment, "login");
        }
    }

    #[test]
    fn resources_follow_the_role() {
        let labels = |p: &Permissions| {
            visible_resources(p)
                .iter()
                .map(|s| s.label)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            labels(&Permissions::for_role("owner", false)).len(),
            RESOURCES.len()
        );
        assert!(labels(&Permissions::for_role("user", false)).is_empty());
        let na = labels(&Permissions::for_role("network_admin", false));
        assert!(na.contains(&"Routes") && na.contains(&"Peers") && na.contains(&"Events"));
        let mut restricted = Permissions::for_role("auditor", false);
        restricted.is_restricted = true;
        assert!(!labels(&restricted).contains(&"Peers"));
        assert!(labels(&restricted).contains(&"Routes"));
    }

    #[test]
    fn paths_to_pages() {
        assert_eq!(match_path(""), Page::Home);
        assert_eq!(match_path("/"), Page::Home);
        assert_eq!(match_path("/login"), Page::Login);
        assert_eq!(match_path("/peers/"), Page::List(Peers));
        assert_eq!(match_path("/routes/new"), Page::Form(Routes, None));
        assert_eq!(
            match_path("/routes/c2qj%20x"),
            Page::Form(Routes, Some("c2qj x".into()))
        );
        assert_eq!(match_path("/setup-keys"), Page::List(SetupKeys));
        assert_eq!(match_path("/peers/new"), Page::NotFound);
        assert_eq!(
            match_path("/peers/p1"),
            Page::Form(Peers, Some("p1".into()))
        );
        assert_eq!(match_path("/groups/new"), Page::Form(Groups, None));
        assert_eq!(
            match_path("/policies/p1"),
            Page::Form(Policies, Some("p1".into()))
        );
        assert_eq!(
            match_path("/posture-checks/new"),
            Page::Form(PostureChecks, None)
        );
        assert_eq!(
            match_path("/dns/settings"),
            Page::Form(Dns, Some("settings".into()))
        );
        assert_eq!(
            match_path("/users/u1"),
            Page::Form(Users, Some("u1".into()))
        );
        assert_eq!(match_path("/events/e1"), Page::NotFound);
        assert_eq!(match_path("/settings/x"), Page::NotFound);
        assert_eq!(Page::Form(Policies, None).part(), Part::Access);
        assert_eq!(Page::Form(Peers, Some("p1".into())).part(), Part::Fleet);
        assert_eq!(match_path("/routes/a/b"), Page::NotFound);
        assert_eq!(match_path("/nope"), Page::NotFound);
        assert_eq!(match_path("//peers"), Page::NotFound);
        assert!(Page::List(Peers).in_shell() && !Page::Login.in_shell());
        assert!(!Page::NotFound.in_shell());
        assert_eq!(Page::Form(Routes, None).part(), Part::Routes);
        assert_eq!(Page::List(Peers).part(), Part::Peers);
        assert_eq!(Page::List(Groups).part(), Part::Fleet);
        assert_eq!(Page::List(Settings).part(), Part::Lists);
    }

    #[test]
    fn the_loader_requests_what_each_list_page_reads() {
        let table = prefetch_table();
        assert_eq!(table.len(), RESOURCES.len() + DETAIL_READS.len());
        let group = &table.iter().find(|(s, _)| *s == "groups/").unwrap().1;
        assert_eq!(group, &["/api/users/current", "/api/groups", "/api/peers"]);
        let (segment, peers) = &table[0];
        assert_eq!(*segment, "peers");
        assert_eq!(peers, &["/api/users/current", "/api/peers"]);
        let routes = &table.iter().find(|(s, _)| *s == "routes").unwrap().1;
        assert_eq!(
            routes,
            &[
                "/api/users/current",
                "/api/routes",
                "/api/groups",
                "/api/peers"
            ]
        );
        for (_, reads) in &table {
            // Never the same request twice, and only lists (GETs of collections).
            let mut seen = reads.clone();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), reads.len(), "{reads:?}");
            assert!(reads
                .iter()
                .all(|r| r.starts_with("/api/") && !r.contains('?')));
        }
        // A role's lists are lists of pages in the table that the page does not read anyway,
        // and the pages ask for each with the module that gates it, as written here.
        for (key, module, read) in ROLE_READS {
            let (_, reads) = table.iter().find(|(s, _)| s == key).unwrap();
            assert!(!reads.contains(read) && read.starts_with("/api/"), "{read}");
            let code = match *key {
                "peers" => include_str!("ui/pages/peers/list.rs"),
                "groups/" => include_str!("ui/pages/groups/usage.rs"),
                other => panic!("which code reads {other}'s role-gated lists?"),
            };
            let gated = code.contains(&format!("\"{module}\", \"{read}\""))
                || (code.contains(&format!("can_read(\"{module}\")"))
                    && code.contains(&format!("(\"{read}\")")));
            assert!(gated, "{key}: {read} gated by {module}");
        }
        assert_eq!(
            role_read_modules().collect::<Vec<_>>(),
            [
                "users",
                "routes",
                "policies",
                "nameservers",
                "setup_keys",
                "dns",
                "settings"
            ]
        );
        // A detail page is below a list page of the same module.
        for (key, _) in DETAIL_READS {
            let segment = key.strip_suffix('/').unwrap();
            assert!(RESOURCES.iter().any(|e| e.segment == segment), "{key}");
        }
        // The loader carries this very table, and each page's module, a line each.
        let loader = include_str!("../public/loader.js");
        for expected in loader_table() {
            assert!(
                loader.lines().any(|l| l.trim() == expected),
                "public/loader.js must hold the registry's table; put this line in it:\n{expected}"
            );
        }
        // Where the release build writes each module's files (.ci/trunk-post-build.py).
        assert!(loader.lines().any(|l| l.trim() == "var PACKS = {};"));
        // The module names are those `ui::split` declares.
        let split = include_str!("ui/split.rs");
        for e in RESOURCES {
            for part in [e.part, Page::List(e.resource).part()] {
                let module = part.module().unwrap();
                assert!(split.contains(&format!("part!({module}, ")), "{module}");
            }
        }
    }

    #[test]
    fn plurals() {
        assert_eq!(plural_noun("policy", 2), "policies");
        assert_eq!(plural_noun("policy", 1), "policy");
        assert_eq!(plural_noun("setup key", 0), "setup keys");
    }
}
