//! The nameserver group form's rules and the DNS settings' check: what
//! `POST/PUT /api/dns/nameservers` and `PUT /api/dns/settings` check (netbirdio/netbird: the
//! nameservers handler's `toServerNSList`, `ParseNameServerURL` in `dns/nameserver.go`,
//! `validateNameServerGroup`, `validateDomainInput`, `validateNSGroupName`, `validateNSList`,
//! `validateGroups` and `validateDomain` in `management/server/nameserver.go`), with the same
//! meaning.
//!
//! PUT replaces the whole group: every write sends every key (`request_of` is the group as
//! it is). Any problem with a nameserver's address, type or port is one server message,
//! `invalid ns servers format`; here each row says what is wrong with it.
//!
//! Deliberately stricter than the server:
//! - a port is 1 to 65535 (the server stores 0 and numbers above 65535, which no resolver can
//!   be reached on);
//! - a name of only spaces, or with spaces around it, is refused (the server keeps it as is,
//!   and `office ` and `office` would be two look-alike groups).
//!
//! Match domains are sent as typed (the server validates their punycode form but stores what
//! was sent); a trailing dot is allowed, a leading `*.` is not. An `xn--` label must be valid
//! punycode, as the server's `idna.ToASCII` decodes it (the route domain rules).

use crate::base::field_errors::FieldErrors;
use crate::base::i18n::{t, tf};
use crate::base::json::FromJson;
use crate::base::stale::FieldSpec;
use crate::resources::route::domain;
use crate::resources::{DnsSettings, Group, Nameserver, NameserverGroup};
use serde::Serialize;
use std::collections::HashSet;
use std::net::IpAddr;

/// `dns.MaxGroupNameChar`: the name limit, in Unicode characters.
pub const MAX_NAME_CHARS: usize = 40;
/// The most nameservers a group holds (`validateNSList`).
pub const MAX_NAMESERVERS: usize = 3;
/// The only nameserver type the server knows.
pub const NS_TYPE_UDP: &str = "udp";
pub const DEFAULT_PORT: u16 = 53;

/// The field key of row `i`'s address, `nameservers.<i>.ip` (`None` past the third row: a
/// group holds at most three, and the list's own error says so).
pub fn ip_field(i: usize) -> Option<&'static str> {
    ["nameservers.0.ip", "nameservers.1.ip", "nameservers.2.ip"]
        .get(i)
        .copied()
}

/// The field key of row `i`'s port, `nameservers.<i>.port` (`None` past the third row).
pub fn port_field(i: usize) -> Option<&'static str> {
    [
        "nameservers.0.port",
        "nameservers.1.port",
        "nameservers.2.port",
    ]
    .get(i)
    .copied()
}

/// One nameserver row as typed.
#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct NameserverDraft {
    /// An IPv4 or IPv6 address; IPv6 may be written in brackets.
    pub ip: String,
    pub port: String,
}

impl Default for NameserverDraft {
    fn default() -> Self {
        NameserverDraft {
            ip: String::new(),
            port: DEFAULT_PORT.to_string(),
        }
    }
}

/// What the nameserver group form holds: text as typed, groups as IDs.
#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct NameserverGroupDraft {
    pub name: String,
    pub description: String,
    pub nameservers: Vec<NameserverDraft>,
    /// Resolves every domain (no match domains).
    pub primary: bool,
    /// Match domains as typed: one per line, or separated by commas or spaces.
    pub domains: String,
    pub search_domains_enabled: bool,
    /// Distribution group IDs.
    pub groups: Vec<String>,
    pub enabled: bool,
}

impl Default for NameserverGroupDraft {
    fn default() -> Self {
        NameserverGroupDraft {
            name: String::new(),
            description: String::new(),
            nameservers: vec![NameserverDraft::default()],
            primary: false,
            domains: String::new(),
            search_domains_enabled: false,
            groups: Vec::new(),
            enabled: true,
        }
    }
}

impl NameserverGroupDraft {
    /// The match domains as typed, split on newlines, commas and spaces (empty pieces dropped).
    pub fn domain_list(&self) -> Vec<&str> {
        self.domains
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// The body of `POST/PUT /api/dns/nameservers[/{id}]`: every key, always.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NameserverGroupRequest {
    pub name: String,
    pub description: String,
    pub nameservers: Vec<Nameserver>,
    pub enabled: bool,
    pub groups: Vec<String>,
    pub primary: bool,
    pub domains: Vec<String>,
    pub search_domains_enabled: bool,
}

/// The draft of an existing group (for edit). Match domains one per line, as stored.
pub fn draft_of(g: &NameserverGroup) -> NameserverGroupDraft {
    NameserverGroupDraft {
        name: g.name.clone(),
        description: g.description.clone(),
        nameservers: g
            .nameservers
            .iter()
            .map(|n| NameserverDraft {
                ip: n.ip.clone(),
                port: n.port.to_string(),
            })
            .collect(),
        primary: g.primary,
        domains: g.domains.join("\n"),
        search_domains_enabled: g.search_domains_enabled,
        groups: g.groups.clone(),
        enabled: g.enabled,
    }
}

/// The request that stores `g` unchanged.
pub fn request_of(g: &NameserverGroup) -> NameserverGroupRequest {
    NameserverGroupRequest {
        name: g.name.clone(),
        description: g.description.clone(),
        nameservers: g.nameservers.clone(),
        enabled: g.enabled,
        groups: g.groups.clone(),
        primary: g.primary,
        domains: g.domains.clone(),
        search_domains_enabled: g.search_domains_enabled,
    }
}

/// The fields of a nameserver group write, in form order, with the label the form gives them.
pub const NAMESERVER_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("name", "Name"),
    FieldSpec::new("description", "Description"),
    FieldSpec::new("nameservers", "Nameservers"),
    FieldSpec::new("primary", "Resolve all domains"),
    FieldSpec::new("domains", "Match domains"),
    FieldSpec::new("search_domains_enabled", "Search domains"),
    FieldSpec::named("groups", "Distribution groups"),
    FieldSpec::new("enabled", "Enabled"),
];

/// A well-known public resolver, to fill the nameserver rows with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    pub name: &'static str,
    pub ips: &'static [&'static str],
    pub port: u16,
}

impl Preset {
    /// The preset's rows for the form.
    pub fn nameservers(&self) -> Vec<NameserverDraft> {
        self.ips
            .iter()
            .map(|ip| NameserverDraft {
                ip: (*ip).to_string(),
                port: self.port.to_string(),
            })
            .collect()
    }
}

pub const PRESETS: &[Preset] = &[
    Preset {
        name: "Cloudflare",
        ips: &["1.1.1.1", "1.0.0.1"],
        port: DEFAULT_PORT,
    },
    Preset {
        name: "Google",
        ips: &["8.8.8.8", "8.8.4.4"],
        port: DEFAULT_PORT,
    },
    Preset {
        name: "Quad9",
        ips: &["9.9.9.9", "149.112.112.112"],
        port: DEFAULT_PORT,
    },
];

/// The punycode form of a domain that has one different from what was typed (`bücher.de` →
/// `xn--bcher-kva.de`), to show beside it; `None` for a plain ASCII domain or one that cannot
/// be converted. A trailing dot is kept.
pub fn punycode_of(d: &str) -> Option<String> {
    let d = d.trim();
    let ascii = domain::to_ascii(d).ok()?;
    (ascii != d.to_lowercase()).then_some(ascii)
}

/// The address as the server parses it (`netip.ParseAddr` after stripping one pair of
/// brackets): a literal IPv4 or IPv6 address, no zone, no host name. Ok: the address as sent.
fn check_ip(text: &str) -> Result<String, String> {
    let s = text.trim();
    if s.is_empty() {
        return Err(t("Enter the nameserver's IP address, like 1.1.1.1."));
    }
    let bare = if s.contains(['[', ']']) {
        s.strip_prefix('[')
            .and_then(|x| x.strip_suffix(']'))
            .filter(|x| !x.contains(['[', ']']))
            .ok_or_else(|| {
                tf(
                    "“{address}” has unmatched brackets: write an IPv6 address as [2606:4700:4700::1111] or without brackets.",
                    &[("address", s)],
                )
            })?
    } else {
        s
    };
    if bare.contains('%') {
        return Err(t(
            "Leave out the zone (%…): a nameserver address cannot name an interface.",
        ));
    }
    match bare.parse::<IpAddr>() {
        Ok(_) => Ok(bare.to_string()),
        Err(_) if bare.chars().any(|c| c.is_ascii_alphabetic()) && !bare.contains(':') => {
            Err(tf(
                "“{address}” is a name, not an address: a nameserver is given by its IP address, like 1.1.1.1.",
                &[("address", bare)],
            ))
        }
        Err(_) => Err(tf(
            "“{address}” is not an IPv4 or IPv6 address.",
            &[("address", bare)],
        )),
    }
}

/// The port: digits only, 1 to 65535. The server does not range-check it (it stores 0 or
/// 70000); the console does.
fn check_port(text: &str) -> Result<i64, String> {
    let s = text.trim();
    if s.is_empty() {
        return Err(t("Enter the port (53 for plain DNS)."));
    }
    match s.parse::<u16>() {
        Ok(p) if p >= 1 && s.bytes().all(|b| b.is_ascii_digit()) => Ok(i64::from(p)),
        _ => Err(t("The port is a whole number from 1 to 65535.")),
    }
}

fn check_name(name: &str, others: &[NameserverGroup], self_id: Option<&str>) -> Result<(), String> {
    let n = name.chars().count();
    if name.trim().is_empty() {
        return Err(t(
            "Enter a name for the nameserver group (1 to 40 characters).",
        ));
    }
    if name.trim() != name {
        return Err(t("Remove the spaces at the start or end of the name."));
    }
    if n > MAX_NAME_CHARS {
        return Err(tf(
            "The name can have at most 40 characters; this one has {n}.",
            &[("n", &n.to_string())],
        ));
    }
    if others
        .iter()
        .any(|g| g.name == name && Some(g.id.as_str()) != self_id)
    {
        return Err(tf(
            "A nameserver group named “{name}” already exists; choose another name.",
            &[("name", name)],
        ));
    }
    Ok(())
}

/// `validateDomain`: no leading `*.`, a trailing dot allowed, otherwise the route domain rules.
fn check_match_domain(d: &str) -> Result<(), String> {
    if d.starts_with("*.") || d == "*" {
        return Err(tf(
            "{domain}: wildcards are not allowed in match domains; “example.com” already matches its subdomains.",
            &[("domain", d)],
        ));
    }
    domain::check(d.strip_suffix('.').unwrap_or(d)).map(|_| ())
}

/// `validateGroups` for the distribution groups: at least one, every ID exists.
fn check_groups(ids: &[String], groups: &[Group]) -> Result<Vec<String>, String> {
    if ids.is_empty() {
        return Err(t(
            "Choose at least one distribution group: the peers that use these nameservers.",
        ));
    }
    existing_once(ids, groups)
}

/// Every ID names an existing group; each once, in order.
fn existing_once(ids: &[String], groups: &[Group]) -> Result<Vec<String>, String> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if id.is_empty() {
            return Err(t(
                "One of the selected groups has an empty ID; choose again.",
            ));
        }
        if !groups.iter().any(|g| &g.id == id) {
            return Err(tf(
                "The group {id} no longer exists; choose again.",
                &[("id", id)],
            ));
        }
        if seen.insert(id.as_str()) {
            out.push(id.clone());
        }
    }
    Ok(out)
}

/// The form's checks. `groups`: the account's groups; `others`: the account's nameserver
/// groups (the edited one may be among them); `self_id`: the edited group's ID (None when
/// creating). Ok: the body to send. Err: every problem, each at its field; a nameserver row's
/// at `nameservers.<i>.ip` / `nameservers.<i>.port`, the list's at `nameservers`.
pub fn validate(
    draft: &NameserverGroupDraft,
    groups: &[Group],
    others: &[NameserverGroup],
    self_id: Option<&str>,
) -> Result<NameserverGroupRequest, FieldErrors> {
    let mut errs = FieldErrors::default();
    if let Err(m) = check_name(&draft.name, others, self_id) {
        errs.insert("name", m);
    }

    let count = draft.nameservers.len();
    if count == 0 {
        errs.insert("nameservers", t("Add at least one nameserver."));
    } else if count > MAX_NAMESERVERS {
        errs.insert(
            "nameservers",
            tf(
                "A group holds at most 3 nameservers; this one has {n}.",
                &[("n", &count.to_string())],
            ),
        );
    }
    let mut nameservers = Vec::with_capacity(count);
    for (i, row) in draft.nameservers.iter().enumerate() {
        let ip = check_ip(&row.ip);
        let port = check_port(&row.port);
        if let (Some(field), Err(m)) = (ip_field(i), &ip) {
            errs.insert(field, m.clone());
        }
        if let (Some(field), Err(m)) = (port_field(i), &port) {
            errs.insert(field, m.clone());
        }
        if let (Ok(ip), Ok(port)) = (ip, port) {
            nameservers.push(Nameserver {
                ip,
                ns_type: NS_TYPE_UDP.into(),
                port,
            });
        }
    }

    let domains: Vec<String> = draft.domain_list().into_iter().map(String::from).collect();
    if draft.primary {
        if !domains.is_empty() {
            errs.insert(
                "domains",
                t("A primary group resolves every domain: remove the match domains, or turn off “resolve all domains”."),
            );
        }
        if draft.search_domains_enabled {
            errs.insert(
                "search_domains_enabled",
                t("Search domains come from match domains: a primary group has none, so turn search domains off."),
            );
        }
    } else if domains.is_empty() {
        errs.insert(
            "domains",
            t("Enter at least one match domain, or make this group resolve all domains."),
        );
    } else {
        let bad: Vec<String> = domains
            .iter()
            .filter_map(|d| check_match_domain(d).err())
            .collect();
        if let Some(message) = domain::problems(&bad) {
            errs.insert("domains", message);
        }
    }

    let group_ids = check_groups(&draft.groups, groups).unwrap_or_else(|m| {
        errs.insert("groups", m);
        Vec::new()
    });

    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(NameserverGroupRequest {
        name: draft.name.clone(),
        description: draft.description.clone(),
        nameservers,
        enabled: draft.enabled,
        groups: group_ids,
        primary: draft.primary,
        domains,
        search_domains_enabled: draft.search_domains_enabled,
    })
}

/// The DNS settings' check: the groups whose peers NetBird does not manage DNS for. Every ID
/// exists (none is fine). Ok: the body of `PUT /api/dns/settings`, each group once.
pub fn validate_dns_settings(
    disabled_groups: &[String],
    groups: &[Group],
) -> Result<DnsSettings, String> {
    existing_once(disabled_groups, groups).map(|ids| DnsSettings {
        disabled_management_groups: ids,
    })
}

/// The control a server error message (the body's `message`, lowercased by the server)
/// concerns, if any.
pub fn server_error_field(message: &str) -> Option<&'static str> {
    let m = message.to_lowercase();
    if m.starts_with("nameserver group name should be")
        || (m.starts_with("nameserver group with name") && m.ends_with("already exist"))
    {
        Some("name")
    } else if m.starts_with("the list of nameservers") || m.contains("invalid ns servers format") {
        Some("nameservers")
    } else if m.contains("search domains is enabled") {
        Some("search_domains_enabled")
    } else if m.contains("primary status is") || m.contains("got an invalid domain") {
        Some("domains")
    } else if m.contains("list of group ids should not be empty") || m.starts_with("group id") {
        Some("groups")
    } else {
        // "invalid nameserver group id", "nameserver group: <id> not found",
        // "couldn't parse json request", "permission denied": not one control's.
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups() -> Vec<Group> {
        let g = |id: &str, name: &str| Group {
            id: id.into(),
            name: name.into(),
            ..Group::default()
        };
        vec![g("gall", "All"), g("g1", "devs"), g("g2", "servers")]
    }

    fn existing() -> Vec<NameserverGroup> {
        vec![NameserverGroup {
            id: "ns1".into(),
            name: "Google DNS".into(),
            nameservers: vec![Nameserver {
                ip: "8.8.8.8".into(),
                ns_type: "udp".into(),
                port: 53,
            }],
            enabled: true,
            groups: vec!["gall".into()],
            primary: true,
            ..NameserverGroup::default()
        }]
    }

    fn draft() -> NameserverGroupDraft {
        NameserverGroupDraft {
            name: "office".into(),
            nameservers: PRESETS[0].nameservers(),
            domains: "corp.example.com".into(),
            groups: vec!["g1".into()],
            ..NameserverGroupDraft::default()
        }
    }

    fn fields(r: Result<NameserverGroupRequest, FieldErrors>) -> Vec<&'static str> {
        r.err().map(|e| e.fields().collect()).unwrap_or_default()
    }

    fn check(d: &NameserverGroupDraft) -> Result<NameserverGroupRequest, FieldErrors> {
        validate(d, &groups(), &existing(), None)
    }

    #[test]
    fn a_new_draft_has_one_row_on_port_53() {
        let d = NameserverGroupDraft::default();
        assert_eq!(
            d.nameservers,
            [NameserverDraft {
                ip: String::new(),
                port: "53".into()
            }]
        );
        assert!(d.enabled && !d.primary);
    }

    #[test]
    fn the_request_is_the_servers_body() {
        let r = check(&draft()).unwrap();
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::json!({"name":"office","description":"",
                "nameservers":[{"ip":"1.1.1.1","ns_type":"udp","port":53},{"ip":"1.0.0.1","ns_type":"udp","port":53}],
                "enabled":true,"groups":["g1"],"primary":false,"domains":["corp.example.com"],
                "search_domains_enabled":false})
        );
    }

    #[test]
    fn presets() {
        let ips: Vec<(&str, Vec<&str>)> =
            PRESETS.iter().map(|p| (p.name, p.ips.to_vec())).collect();
        assert_eq!(
            ips,
            [
                ("Cloudflare", vec!["1.1.1.1", "1.0.0.1"]),
                ("Google", vec!["8.8.8.8", "8.8.4.4"]),
                ("Quad9", vec!["9.9.9.9", "149.112.112.112"]),
            ]
        );
        for p in PRESETS {
            let d = NameserverGroupDraft {
                nameservers: p.nameservers(),
                ..draft()
            };
            assert!(check(&d).is_ok(), "{}", p.name);
            assert!(p.nameservers().iter().all(|n| n.port == "53"));
        }
    }

    #[test]
    fn names() {
        let named = |n: &str| NameserverGroupDraft {
            name: n.into(),
            ..draft()
        };
        assert!(
            check(&named(&"é".repeat(40))).is_ok(),
            "40 characters, 80 bytes"
        );
        let long = check(&named(&"a".repeat(41))).unwrap_err();
        assert_eq!(
            long.get("name"),
            Some("The name can have at most 40 characters; this one has 41.")
        );
        assert_eq!(
            check(&named("")).unwrap_err().get("name"),
            Some("Enter a name for the nameserver group (1 to 40 characters).")
        );
        assert_eq!(fields(check(&named("  "))), ["name"]);
        assert_eq!(
            check(&named(" office")).unwrap_err().get("name"),
            Some("Remove the spaces at the start or end of the name.")
        );
        // Unique, exactly as the server compares.
        assert_eq!(
            check(&named("Google DNS")).unwrap_err().get("name"),
            Some("A nameserver group named “Google DNS” already exists; choose another name.")
        );
        assert!(check(&named("google dns")).is_ok());
        // The edited group keeps its own name.
        assert!(validate(&named("Google DNS"), &groups(), &existing(), Some("ns1")).is_ok());
    }

    #[test]
    fn nameserver_rows() {
        let rows = |list: &[(&str, &str)]| NameserverGroupDraft {
            nameservers: list
                .iter()
                .map(|(ip, port)| NameserverDraft {
                    ip: (*ip).into(),
                    port: (*port).into(),
                })
                .collect(),
            ..draft()
        };
        let ok = check(&rows(&[
            ("2606:4700:4700::1111", "53"),
            ("[2001:db8::53]", "5353"),
            (" 9.9.9.9 ", "65535"),
        ]))
        .unwrap();
        let sent: Vec<&str> = ok.nameservers.iter().map(|n| n.ip.as_str()).collect();
        assert_eq!(sent, ["2606:4700:4700::1111", "2001:db8::53", "9.9.9.9"]);
        assert_eq!(ok.nameservers[2].port, 65535);
        assert!(check(&rows(&[("::ffff:1.2.3.4", "1")])).is_ok());

        assert_eq!(
            check(&rows(&[])).unwrap_err().get("nameservers"),
            Some("Add at least one nameserver.")
        );
        let four = rows(&[("1.1.1.1", "53"); 4]);
        assert_eq!(
            check(&four).unwrap_err().get("nameservers"),
            Some("A group holds at most 3 nameservers; this one has 4.")
        );

        let e = check(&rows(&[("dns.google", "53"), ("1.1.1.1", "0"), ("", "")])).unwrap_err();
        assert_eq!(
            e.fields().collect::<Vec<_>>(),
            [
                "nameservers.0.ip",
                "nameservers.1.port",
                "nameservers.2.ip",
                "nameservers.2.port"
            ]
        );
        assert_eq!(
            e.get("nameservers.0.ip"),
            Some("“dns.google” is a name, not an address: a nameserver is given by its IP address, like 1.1.1.1.")
        );
        assert_eq!(
            e.get("nameservers.1.port"),
            Some("The port is a whole number from 1 to 65535.")
        );
        assert_eq!(
            e.get("nameservers.2.ip"),
            Some("Enter the nameserver's IP address, like 1.1.1.1.")
        );
        assert_eq!(
            e.get("nameservers.2.port"),
            Some("Enter the port (53 for plain DNS).")
        );
        for bad in ["65536", "-1", "+53", "5 3", "53.0", "0x35"] {
            assert_eq!(
                fields(check(&rows(&[("1.1.1.1", bad)]))),
                ["nameservers.0.port"],
                "{bad:?}"
            );
        }
        for (bad, msg) in [
            ("1.1.1", "“1.1.1” is not an IPv4 or IPv6 address."),
            ("01.1.1.1", "“01.1.1.1” is not an IPv4 or IPv6 address."),
            ("1.1.1.1:53", "“1.1.1.1:53” is not an IPv4 or IPv6 address."),
            ("256.1.1.1", "“256.1.1.1” is not an IPv4 or IPv6 address."),
            (
                "[::1",
                "“[::1” has unmatched brackets: write an IPv6 address as [2606:4700:4700::1111] or without brackets.",
            ),
            (
                "fe80::1%eth0",
                "Leave out the zone (%…): a nameserver address cannot name an interface.",
            ),
        ] {
            assert_eq!(
                check(&rows(&[(bad, "53")]))
                    .unwrap_err()
                    .get("nameservers.0.ip"),
                Some(msg),
                "{bad:?}"
            );
        }
        assert_eq!(ip_field(3), None);
        assert_eq!(port_field(0), Some("nameservers.0.port"));
    }

    #[test]
    fn primary_or_match_domains() {
        let d = |primary: bool, domains: &str, search: bool| NameserverGroupDraft {
            primary,
            domains: domains.into(),
            search_domains_enabled: search,
            ..draft()
        };
        assert!(check(&d(true, "", false)).is_ok());
        assert!(check(&d(false, "a.com", true)).is_ok());
        assert_eq!(
            check(&d(false, "", false)).unwrap_err().get("domains"),
            Some("Enter at least one match domain, or make this group resolve all domains.")
        );
        assert_eq!(
            check(&d(true, "a.com", false)).unwrap_err().get("domains"),
            Some("A primary group resolves every domain: remove the match domains, or turn off “resolve all domains”.")
        );
        assert_eq!(
            check(&d(true, "", true))
                .unwrap_err()
                .get("search_domains_enabled"),
            Some("Search domains come from match domains: a primary group has none, so turn search domains off.")
        );
        // Typed lists: lines, commas, spaces; sent as typed.
        let r = check(&d(
            false,
            "corp.example.com\nBücher.de, lab.local.\n\n",
            true,
        ))
        .unwrap();
        assert_eq!(r.domains, ["corp.example.com", "Bücher.de", "lab.local."]);
    }

    #[test]
    fn match_domain_rules() {
        let with = |domains: &str| NameserverGroupDraft {
            domains: domains.into(),
            ..draft()
        };
        for ok in [
            "example.com",
            "example.com.",
            "_sip._tcp.example.com",
            "xn--bcher-kva.de",
            "bücher.de",
            "local",
            "EXAMPLE.COM",
        ] {
            assert!(check(&with(ok)).is_ok(), "{ok}");
        }
        assert_eq!(
            check(&with("*.example.com")).unwrap_err().get("domains"),
            Some("*.example.com: wildcards are not allowed in match domains; “example.com” already matches its subdomains.")
        );
        for bad in [
            "*",
            "a..b",
            "example.com..",
            "-a.com",
            "ab_.com",
            "sub.*.example.com",
        ] {
            assert_eq!(fields(check(&with(bad))), ["domains"], "{bad}");
        }
        assert_eq!(
            check(&with("-a.com, b_.com, ok.com")).unwrap_err().get("domains"),
            Some("-a.com is not a valid domain: a label can't start or end with a hyphen. (1 more domain is invalid too.)")
        );
    }

    #[test]
    fn distribution_groups() {
        let with = |ids: &[&str]| NameserverGroupDraft {
            groups: ids.iter().map(|s| s.to_string()).collect(),
            ..draft()
        };
        assert_eq!(
            check(&with(&["g1", "gall", "g1"])).unwrap().groups,
            ["g1", "gall"]
        );
        assert_eq!(
            check(&with(&[])).unwrap_err().get("groups"),
            Some("Choose at least one distribution group: the peers that use these nameservers.")
        );
        assert_eq!(
            check(&with(&["g9"])).unwrap_err().get("groups"),
            Some("The group g9 no longer exists; choose again.")
        );
        assert_eq!(
            check(&with(&[""])).unwrap_err().get("groups"),
            Some("One of the selected groups has an empty ID; choose again.")
        );
    }

    #[test]
    fn an_unchanged_group_round_trips() {
        let mut g = existing().remove(0);
        g.nameservers.push(Nameserver {
            ip: "2001:4860:4860::8888".into(),
            ns_type: "udp".into(),
            port: 53,
        });
        let d = draft_of(&g);
        assert_eq!(d.nameservers[1].port, "53");
        let r = validate(&d, &groups(), &existing(), Some("ns1")).unwrap();
        assert_eq!(r, request_of(&g));
        let mut md = g.clone();
        md.primary = false;
        md.domains = vec!["a.com".into(), "b.com.".into()];
        md.search_domains_enabled = true;
        assert_eq!(draft_of(&md).domains, "a.com\nb.com.");
        let r = validate(&draft_of(&md), &groups(), &existing(), Some("ns1")).unwrap();
        assert_eq!(r, request_of(&md));
        // Every key, `domains` as a list even when empty (never absent, never null).
        let v = serde_json::to_value(request_of(&g)).unwrap();
        assert_eq!(v["domains"], serde_json::json!([]));
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        for spec in NAMESERVER_FIELDS {
            assert!(keys.contains(&spec.field), "{}", spec.field);
        }
        assert_eq!(keys.len(), NAMESERVER_FIELDS.len());
    }

    #[test]
    fn punycode_beside_unicode() {
        assert_eq!(
            punycode_of("bücher.de").as_deref(),
            Some("xn--bcher-kva.de")
        );
        assert_eq!(
            punycode_of("Bücher.de.").as_deref(),
            Some("xn--bcher-kva.de.")
        );
        assert_eq!(punycode_of("example.com"), None);
        assert_eq!(punycode_of("Example.com"), None);
        assert_eq!(punycode_of("xn--bcher-kva.de"), None);
    }

    #[test]
    fn dns_settings() {
        let g = groups();
        let ids = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(validate_dns_settings(&[], &g), Ok(DnsSettings::default()));
        assert_eq!(
            validate_dns_settings(&ids(&["g2", "g1", "g2"]), &g)
                .unwrap()
                .disabled_management_groups,
            ["g2", "g1"]
        );
        assert_eq!(
            validate_dns_settings(&ids(&["g1", "gone"]), &g),
            Err("The group gone no longer exists; choose again.".to_string())
        );
        assert!(validate_dns_settings(&ids(&[""]), &g).is_err());
        let body = serde_json::to_value(validate_dns_settings(&[], &g).unwrap()).unwrap();
        assert_eq!(body, serde_json::json!({"disabled_management_groups": []}));
    }

    #[test]
    fn server_messages_map_to_fields() {
        let table = [
            ("nameserver group name should be between 1 and 40", Some("name")),
            ("nameserver group with name office already exist", Some("name")),
            ("the list of nameservers should be 1 or 3, got 0", Some("nameservers")),
            ("invalid ns servers format", Some("nameservers")),
            (
                "nameserver group primary status is false and domains are empty, it should be primary or have at least one domain",
                Some("domains"),
            ),
            (
                "nameserver group primary status is true and domains are not empty, you should set either primary or domain",
                Some("domains"),
            ),
            (
                "nameserver group primary status is true and search domains is enabled, you should not set search domains for primary nameservers",
                Some("search_domains_enabled"),
            ),
            (
                "nameserver group got an invalid domain: *.a.com \"wildcards not allowed\"",
                Some("domains"),
            ),
            ("the list of group ids should not be empty", Some("groups")),
            ("group id should not be empty string", Some("groups")),
            ("group id g9 not found", Some("groups")),
            ("invalid nameserver group id", None),
            ("nameserver group: ns9 not found", None),
            ("couldn't parse json request", None),
        ];
        for (msg, want) in table {
            assert_eq!(server_error_field(msg), want, "{msg}");
        }
    }
}
