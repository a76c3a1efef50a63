//! Activity codes made readable: each code's resource group (from its prefix) and what happened
//! ("Routes: created"), and the activity filter's options built from the codes a log holds.
//! The server knows more codes than the spec (API-NOTES §10): an unknown code keeps its group
//! when its prefix is known, and is shown raw. Pure.

use crate::base::i18n::{t, tf};

/// A resource group: the filter value (a slug, never containing a dot, so it cannot be taken
/// for a code), its name, and the code prefixes it gathers (whole dot-separated segments).
pub struct Group {
    pub slug: &'static str,
    pub name: &'static str,
    prefixes: &'static [&'static str],
}

/// In the order the filter lists them. A code belongs to the group of its longest prefix.
pub const GROUPS: &[Group] = &[
    Group {
        slug: "peers",
        name: "Peers",
        prefixes: &["peer", "user.peer"],
    },
    Group {
        slug: "groups",
        name: "Groups",
        prefixes: &["group"],
    },
    Group {
        slug: "routes",
        name: "Routes",
        prefixes: &["route"],
    },
    Group {
        slug: "policies",
        name: "Policies",
        prefixes: &["policy", "rule"],
    },
    Group {
        slug: "posture",
        name: "Posture checks",
        prefixes: &["posture.check"],
    },
    Group {
        slug: "networks",
        name: "Networks",
        prefixes: &["network", "resource.group"],
    },
    Group {
        slug: "dns",
        name: "DNS",
        prefixes: &["nameserver.group", "dns"],
    },
    Group {
        slug: "setupkeys",
        name: "Setup keys",
        prefixes: &["setupkey"],
    },
    Group {
        slug: "users",
        name: "Users",
        prefixes: &[
            "user",
            "service.user",
            "transferred.owner.role",
            "dashboard",
        ],
    },
    Group {
        slug: "tokens",
        name: "Access tokens",
        prefixes: &["personal.access.token"],
    },
    Group {
        slug: "account",
        name: "Account",
        prefixes: &["account"],
    },
    Group {
        slug: "integrations",
        name: "Integrations",
        prefixes: &["integration", "identityprovider"],
    },
    Group {
        slug: "services",
        name: "Services",
        prefixes: &["service", "domain", "agent_network"],
    },
];

/// The group of codes no prefix above covers.
pub const OTHER: Group = Group {
    slug: "other",
    name: "Other",
    prefixes: &[],
};

/// What each known code says happened, within its group (the English text is the
/// translation key).
const ACTIONS: &[(&str, &str)] = &[
    ("peer.user.add", "added by a user"),
    ("peer.setupkey.add", "added with a setup key"),
    ("user.peer.delete", "deleted"),
    ("user.peer.login", "user logged in"),
    ("user.peer.session.extend", "session extended"),
    ("peer.rename", "renamed"),
    ("peer.ssh.enable", "SSH enabled"),
    ("peer.ssh.disable", "SSH disabled"),
    ("peer.login.expiration.enable", "login expiration enabled"),
    ("peer.login.expiration.disable", "login expiration disabled"),
    ("peer.login.expire", "login expired"),
    (
        "peer.inactivity.expiration.enable",
        "inactivity expiration enabled",
    ),
    (
        "peer.inactivity.expiration.disable",
        "inactivity expiration disabled",
    ),
    ("peer.approve", "approved"),
    ("peer.approval.revoke", "approval revoked"),
    ("peer.ip.update", "address changed"),
    ("peer.group.add", "added to a group"),
    ("peer.group.delete", "removed from a group"),
    ("peer.job.create", "job created"),
    ("group.add", "created"),
    ("group.update", "updated"),
    ("group.delete", "deleted"),
    ("route.add", "created"),
    ("route.update", "updated"),
    ("route.delete", "deleted"),
    ("policy.add", "created"),
    ("policy.update", "updated"),
    ("policy.delete", "deleted"),
    ("rule.add", "rule added"),
    ("rule.update", "rule updated"),
    ("rule.delete", "rule deleted"),
    ("posture.check.create", "created"),
    ("posture.check.update", "updated"),
    ("posture.check.delete", "deleted"),
    ("network.create", "created"),
    ("network.update", "updated"),
    ("network.delete", "deleted"),
    ("network.resource.create", "resource created"),
    ("network.resource.update", "resource updated"),
    ("network.resource.delete", "resource deleted"),
    ("network.router.create", "router created"),
    ("network.router.update", "router updated"),
    ("network.router.delete", "router deleted"),
    ("resource.group.add", "resource added to a group"),
    ("resource.group.delete", "resource removed from a group"),
    ("nameserver.group.add", "nameserver group created"),
    ("nameserver.group.update", "nameserver group updated"),
    ("nameserver.group.delete", "nameserver group deleted"),
    (
        "dns.setting.disabled.management.group.add",
        "management disabled for a group",
    ),
    (
        "dns.setting.disabled.management.group.delete",
        "management enabled for a group",
    ),
    ("dns.zone.create", "zone created"),
    ("dns.zone.update", "zone updated"),
    ("dns.zone.delete", "zone deleted"),
    ("dns.zone.record.create", "zone record created"),
    ("dns.zone.record.update", "zone record updated"),
    ("dns.zone.record.delete", "zone record deleted"),
    ("setupkey.add", "created"),
    ("setupkey.update", "updated"),
    ("setupkey.revoke", "revoked"),
    ("setupkey.overuse", "used beyond its limit"),
    ("setupkey.delete", "deleted"),
    ("setupkey.group.add", "group added"),
    ("setupkey.group.delete", "group removed"),
    ("user.create", "created"),
    ("user.invite", "invited"),
    ("user.join", "joined"),
    ("user.approve", "approved"),
    ("user.reject", "rejected"),
    ("user.block", "blocked"),
    ("user.unblock", "unblocked"),
    ("user.delete", "deleted"),
    ("user.role.update", "role changed"),
    ("user.group.add", "added to a group"),
    ("user.group.delete", "removed from a group"),
    ("user.password.change", "password changed"),
    ("user.invite.link.create", "invite link created"),
    ("user.invite.link.accept", "invite link accepted"),
    ("user.invite.link.regenerate", "invite link regenerated"),
    ("user.invite.link.delete", "invite link deleted"),
    ("service.user.create", "service user created"),
    ("service.user.delete", "service user deleted"),
    ("transferred.owner.role", "ownership transferred"),
    ("dashboard.login", "signed in to the dashboard"),
    ("personal.access.token.create", "created"),
    ("personal.access.token.delete", "deleted"),
    ("account.create", "created"),
    ("account.delete", "deleted"),
    (
        "account.setting.peer.login.expiration.update",
        "peer login expiration changed",
    ),
    (
        "account.setting.peer.login.expiration.enable",
        "peer login expiration enabled",
    ),
    (
        "account.setting.peer.login.expiration.disable",
        "peer login expiration disabled",
    ),
    (
        "account.peer.inactivity.expiration.enable",
        "peer inactivity expiration enabled",
    ),
    (
        "account.peer.inactivity.expiration.disable",
        "peer inactivity expiration disabled",
    ),
    (
        "account.peer.inactivity.expiration.update",
        "peer inactivity expiration changed",
    ),
    (
        "account.setting.peer.approval.enable",
        "peer approval enabled",
    ),
    (
        "account.setting.peer.approval.disable",
        "peer approval disabled",
    ),
    (
        "account.setting.group.propagation.enable",
        "group propagation enabled",
    ),
    (
        "account.setting.group.propagation.disable",
        "group propagation disabled",
    ),
    (
        "account.setting.routing.peer.dns.resolution.enable",
        "routing peer DNS resolution enabled",
    ),
    (
        "account.setting.routing.peer.dns.resolution.disable",
        "routing peer DNS resolution disabled",
    ),
    (
        "account.setting.lazy.connection.enable",
        "lazy connection enabled",
    ),
    (
        "account.setting.lazy.connection.disable",
        "lazy connection disabled",
    ),
    ("account.dns.domain.update", "DNS domain changed"),
    ("account.network.range.update", "network range changed"),
    (
        "account.settings.auto.version.update",
        "automatic update version changed",
    ),
    ("integration.create", "created"),
    ("integration.update", "updated"),
    ("integration.delete", "deleted"),
    ("identityprovider.create", "identity provider created"),
    ("identityprovider.update", "identity provider updated"),
    ("identityprovider.delete", "identity provider deleted"),
    ("service.create", "created"),
    ("service.update", "updated"),
    ("service.delete", "deleted"),
];

/// Every text this module translates as data (group names, actions): for the catalogue test,
/// which finds only literal `t("…")` calls.
pub fn texts() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = GROUPS.iter().chain([&OTHER]).map(|g| g.name).collect();
    for (_, action) in ACTIONS {
        if !out.contains(action) {
            out.push(action);
        }
    }
    out
}

/// `prefix` is `code` or its leading whole segments (`route` of `route.add`, not of `router.x`).
fn has_prefix(code: &str, prefix: &str) -> bool {
    code.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// The group of a code: the one with the longest matching prefix, else `OTHER`.
pub fn group_of(code: &str) -> &'static Group {
    let mut best: Option<(&'static Group, usize)> = None;
    for g in GROUPS {
        for p in g.prefixes {
            if has_prefix(code, p) && best.is_none_or(|(_, len)| p.len() > len) {
                best = Some((g, p.len()));
            }
        }
    }
    best.map_or(&OTHER, |(g, _)| g)
}

/// The group with this slug.
pub fn group_by_slug(slug: &str) -> Option<&'static Group> {
    GROUPS.iter().chain([&OTHER]).find(|g| g.slug == slug)
}

/// What a code says happened, translated; `None` for a code this console does not know.
pub fn action(code: &str) -> Option<String> {
    ACTIONS.iter().find(|(c, _)| *c == code).map(|(_, a)| t(a))
}

/// "Routes: created"; an unknown code shown raw ("Services: service.peer.expose").
pub fn readable(code: &str) -> String {
    let group = t(group_of(code).name);
    let what = action(code).unwrap_or_else(|| code.to_string());
    tf("{group}: {action}", &[("group", &group), ("action", &what)])
}

/// Whether an activity filter value (a group's slug or a code) takes this code.
pub fn selects(value: &str, code: &str) -> bool {
    if value.contains('.') {
        value == code
    } else {
        group_of(code).slug == value
    }
}

/// One group of the activity filter: its slug, its label with the activities it holds
/// ("Routes: created, updated, deleted"), and one (code, label) per activity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionGroup {
    pub slug: &'static str,
    pub name: String,
    pub label: String,
    pub codes: Vec<(String, String)>,
}

/// The activity filter's options for the codes a log holds (each once, in any order), plus
/// `selected` (from the URL) even when the log does not hold it: groups in `GROUPS` order,
/// then "Other"; known activities in the order of `ACTIONS`, then unknown codes by name.
pub fn filter_options<'a>(
    codes: impl IntoIterator<Item = &'a str>,
    selected: Option<&str>,
) -> Vec<OptionGroup> {
    let mut codes: Vec<&str> = codes.into_iter().collect();
    if let Some(s) = selected.filter(|s| s.contains('.')) {
        codes.push(s);
    }
    let rank = |c: &str| {
        ACTIONS
            .iter()
            .position(|(k, _)| *k == c)
            .unwrap_or(usize::MAX)
    };
    crate::base::sort::sort_by(&mut codes, &|a, b| (rank(a), *a).cmp(&(rank(b), *b)));
    codes.dedup();
    let mut out: Vec<OptionGroup> = Vec::new();
    for g in GROUPS.iter().chain([&OTHER]) {
        let mine: Vec<(String, String)> = codes
            .iter()
            .filter(|c| group_of(c).slug == g.slug)
            .map(|c| (c.to_string(), readable(c)))
            .collect();
        if mine.is_empty() && selected != Some(g.slug) {
            continue;
        }
        let name = t(g.name);
        let actions: Vec<String> = codes
            .iter()
            .filter(|c| group_of(c).slug == g.slug)
            .map(|c| action(c).unwrap_or_else(|| c.to_string()))
            .collect();
        // Three activities at most: the option stays short enough for the control.
        let mut listed = actions
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if actions.len() > 3 {
            listed.push_str(", …");
        }
        let label = if actions.is_empty() {
            name.clone()
        } else {
            tf(
                "{group}: {action}",
                &[("group", &name), ("action", &listed)],
            )
        };
        out.push(OptionGroup {
            slug: g.slug,
            name,
            label,
            codes: mine,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_come_from_the_longest_whole_prefix() {
        assert_eq!(group_of("route.add").slug, "routes");
        assert_eq!(group_of("user.peer.login").slug, "peers");
        assert_eq!(group_of("user.block").slug, "users");
        assert_eq!(group_of("service.user.create").slug, "users");
        assert_eq!(group_of("service.peer.expose").slug, "services");
        assert_eq!(group_of("nameserver.group.add").slug, "dns");
        assert_eq!(group_of("network.router.delete").slug, "networks");
        assert_eq!(group_of("account.setting.ipv6.enable").slug, "account");
        // Whole segments only: `router` is not `route`.
        assert_eq!(group_of("router.add").slug, "other");
        assert_eq!(group_of("").slug, "other");
        assert_eq!(group_of("made.up").slug, "other");
    }

    #[test]
    fn every_known_code_has_a_group_of_its_own_prefix() {
        for (code, _) in ACTIONS {
            assert_ne!(group_of(code).slug, "other", "{code}");
        }
        // Slugs never contain a dot (a filter value with one is a code).
        assert!(GROUPS.iter().all(|g| !g.slug.contains('.')));
    }

    #[test]
    fn every_translated_text_is_listed_for_the_catalogue() {
        let texts = texts();
        assert!(texts.contains(&"Posture checks") && texts.contains(&"Other"));
        assert!(texts.contains(&"signed in to the dashboard"));
        assert_eq!(texts.iter().filter(|t| **t == "created").count(), 1);
    }

    #[test]
    fn readable_names_and_raw_unknown_codes() {
        assert_eq!(readable("route.add"), "Routes: created");
        assert_eq!(readable("peer.ssh.enable"), "Peers: SSH enabled");
        assert_eq!(
            readable("account.setting.ipv6.enable"),
            "Account: account.setting.ipv6.enable"
        );
        assert_eq!(
            readable("agent_network.budget.add"),
            "Services: agent_network.budget.add"
        );
        assert_eq!(readable("zzz"), "Other: zzz");
        assert_eq!(action("zzz"), None);
    }

    #[test]
    fn the_filter_takes_a_group_or_one_code() {
        assert!(selects("routes", "route.update"));
        assert!(!selects("routes", "group.add"));
        assert!(selects("route.add", "route.add"));
        assert!(!selects("route.add", "route.update"));
        assert!(selects("other", "made.up"));
        assert!(selects("made.up", "made.up"));
        assert!(!selects("", "route.add"));
    }

    #[test]
    fn options_follow_the_log_in_a_stable_order() {
        let log = [
            "route.delete",
            "group.add",
            "route.add",
            "route.update",
            "route.add",
            "domain.validate",
            "made.up",
        ];
        let opts = filter_options(log, None);
        let slugs: Vec<&str> = opts.iter().map(|o| o.slug).collect();
        assert_eq!(slugs, ["groups", "routes", "services", "other"]);
        let routes = &opts[1];
        assert_eq!(routes.label, "Routes: created, updated, deleted");
        assert_eq!(
            routes.codes,
            vec![
                ("route.add".to_string(), "Routes: created".to_string()),
                ("route.update".to_string(), "Routes: updated".to_string()),
                ("route.delete".to_string(), "Routes: deleted".to_string()),
            ]
        );
        assert_eq!(
            opts[3].codes,
            vec![("made.up".into(), "Other: made.up".into())]
        );
        // A busy group lists its first three activities.
        let opts = filter_options(
            [
                "peer.rename",
                "peer.approve",
                "peer.ssh.enable",
                "user.peer.login",
            ],
            None,
        );
        assert_eq!(
            opts[0].label,
            "Peers: user logged in, renamed, SSH enabled, …"
        );
        // A selection from the URL the log does not hold is still offered.
        let opts = filter_options(["group.add"], Some("route.delete"));
        assert_eq!(opts[1].codes[0].0, "route.delete");
        let opts = filter_options(["group.add"], Some("policies"));
        assert_eq!(opts[1].slug, "policies");
        assert_eq!(opts[1].label, "Policies");
    }
}
