//! The console's sections: one place that names each page, its path and the permission module
//! that decides whether the signed-in user may see it.

use crate::models::Permissions;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    pub label: &'static str,
    pub path: &'static str,
    /// The module of `/api/users/current` permissions that gates reading it.
    pub module: &'static str,
    /// The API list behind it (for counts on the home page).
    pub api: &'static str,
    /// Singular noun for counts.
    pub noun: &'static str,
}

pub const SECTIONS: &[Section] = &[
    Section {
        label: "Peers",
        path: "/peers",
        module: "peers",
        api: "/api/peers",
        noun: "peer",
    },
    Section {
        label: "Groups",
        path: "/groups",
        module: "groups",
        api: "/api/groups",
        noun: "group",
    },
    Section {
        label: "Routes",
        path: "/routes",
        module: "routes",
        api: "/api/routes",
        noun: "route",
    },
    Section {
        label: "Policies",
        path: "/policies",
        module: "policies",
        api: "/api/policies",
        noun: "policy",
    },
    Section {
        label: "DNS",
        path: "/dns",
        module: "nameservers",
        api: "/api/dns/nameservers",
        noun: "nameserver group",
    },
    Section {
        label: "Setup keys",
        path: "/setup-keys",
        module: "setup_keys",
        api: "/api/setup-keys",
        noun: "setup key",
    },
    Section {
        label: "Users",
        path: "/users",
        module: "users",
        api: "/api/users",
        noun: "user",
    },
    Section {
        label: "Events",
        path: "/events",
        module: "events",
        api: "/api/events/audit",
        noun: "event",
    },
    Section {
        label: "Settings",
        path: "/settings",
        module: "settings",
        api: "/api/accounts",
        noun: "account",
    },
];

/// The sections this user may read. A restricted regular user sees no peers or groups.
pub fn visible_sections(perms: &Permissions) -> Vec<Section> {
    SECTIONS
        .iter()
        .filter(|s| perms.can_read(s.module))
        .filter(|s| !(perms.is_restricted && matches!(s.module, "peers" | "groups")))
        .copied()
        .collect()
}

/// The router base from a `<base href>` value: `/console/` → `/console`, `/` or none → ``.
/// Accepts an absolute URL too (`https://host/console/`).
pub fn base_path(base_href: Option<&str>) -> String {
    let Some(href) = base_href else {
        return String::new();
    };
    let path = match href.find("://") {
        Some(i) => href[i + 3..]
            .find('/')
            .map(|j| &href[i + 3 + j..])
            .unwrap_or(""),
        None => href,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') || path.starts_with("//") {
        return String::new();
    }
    path.trim_end_matches('/').to_string()
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
    fn sections_follow_the_role() {
        let labels = |p: &Permissions| {
            visible_sections(p)
                .iter()
                .map(|s| s.label)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            labels(&Permissions::for_role("owner", false)).len(),
            SECTIONS.len()
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
    fn base_paths() {
        assert_eq!(base_path(None), "");
        assert_eq!(base_path(Some("/")), "");
        assert_eq!(base_path(Some("/console/")), "/console");
        assert_eq!(base_path(Some("/a/b")), "/a/b");
        assert_eq!(base_path(Some("https://x.io/console/")), "/console");
        assert_eq!(base_path(Some("https://x.io")), "");
        assert_eq!(base_path(Some("./")), "");
        assert_eq!(base_path(Some("//evil/")), "");
    }

    #[test]
    fn plurals() {
        assert_eq!(plural_noun("policy", 2), "policies");
        assert_eq!(plural_noun("policy", 1), "policy");
        assert_eq!(plural_noun("setup key", 0), "setup keys");
    }
}
