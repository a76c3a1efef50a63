//! The posture check form's rules: what `POST /api/posture-checks` and
//! `PUT /api/posture-checks/{id}` check (netbirdio/netbird: the posture checks handler,
//! `validatePostureChecks` in `management/server/posture_checks.go`, each kind's `Validate` in
//! `management/server/posture/*.go`), with the same meaning, and the lines the list shows.
//!
//! Versions are read as the server reads them (hashicorp/go-version's `NewVersion`, see
//! `is_version`). An operating system left out of the OS check is blocked; "any version" is
//! sent as `"0"`, which every version meets.
//!
//! Deliberately stricter than the server:
//! - a name of only spaces is refused, and names are sent trimmed;
//! - a new name must differ from every other check's, on rename too (the server checks names
//!   only on create);
//! - country codes are sent in upper case: the server accepts `de` but compares codes with
//!   the geo database's upper-case ones, so `de` would never match;
//! - a process row with no path at all is dropped rather than sent (the server refuses it).

use super::model::*;
use crate::base::field_errors::FieldErrors;
use crate::base::i18n::{t, tf};
use crate::base::json::FromJson;
use crate::base::stale::FieldSpec;
use crate::resources::Policy;
use serde::Serialize;
use std::net::IpAddr;

pub const ALLOW: &str = "allow";
pub const DENY: &str = "deny";
/// What "any version" is sent as.
pub const ANY_VERSION: &str = "0";

/// One operating system in the OS check.
#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct OsLimitDraft {
    /// false: peers on this OS fail the check.
    pub allowed: bool,
    /// As typed; empty: any version.
    pub min_version: String,
}

impl Default for OsLimitDraft {
    fn default() -> Self {
        OsLimitDraft {
            allowed: true,
            min_version: String::new(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct ProcessDraft {
    pub linux_path: String,
    pub mac_path: String,
    pub windows_path: String,
}

/// What the posture check form holds: each kind switched on or off, text as typed.
#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct PostureCheckDraft {
    pub name: String,
    pub description: String,
    pub nb_version_on: bool,
    pub nb_min_version: String,
    pub os_on: bool,
    pub android: OsLimitDraft,
    pub darwin: OsLimitDraft,
    pub ios: OsLimitDraft,
    pub linux: OsLimitDraft,
    pub windows: OsLimitDraft,
    pub geo_on: bool,
    /// `allow` or `deny`.
    pub geo_action: String,
    /// One place per line: `DE` for a country, `DE/Berlin` for a city in it.
    pub locations: String,
    pub ranges_on: bool,
    /// `allow` or `deny`.
    pub ranges_action: String,
    /// CIDRs, one per line (commas and spaces also separate).
    pub ranges: String,
    pub processes_on: bool,
    pub processes: Vec<ProcessDraft>,
}

impl Default for PostureCheckDraft {
    fn default() -> Self {
        PostureCheckDraft {
            name: String::new(),
            description: String::new(),
            nb_version_on: false,
            nb_min_version: String::new(),
            os_on: false,
            android: OsLimitDraft::default(),
            darwin: OsLimitDraft::default(),
            ios: OsLimitDraft::default(),
            linux: OsLimitDraft::default(),
            windows: OsLimitDraft::default(),
            geo_on: false,
            geo_action: ALLOW.into(),
            locations: String::new(),
            ranges_on: false,
            ranges_action: ALLOW.into(),
            ranges: String::new(),
            processes_on: false,
            processes: vec![ProcessDraft::default()],
        }
    }
}

/// The body of `POST /api/posture-checks` and `PUT /api/posture-checks/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PostureCheckRequest {
    pub name: String,
    pub description: String,
    pub checks: Checks,
}

/// The fields of a posture check write, in form order, with the label the form gives them.
pub const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("name", "Name"),
    FieldSpec::new("description", "Description"),
    FieldSpec::new("checks", "Checks"),
];

/// The request that stores `check` unchanged.
pub fn request_of(check: &PostureCheck) -> PostureCheckRequest {
    PostureCheckRequest {
        name: check.name.clone(),
        description: check.description.clone(),
        checks: check.checks.clone(),
    }
}

/// The policies that require `check_id` of their sources (deleting the check is refused while
/// any does: 412 `posture checks have been linked to policy: <name>`).
pub fn used_by<'a>(check_id: &str, policies: &'a [Policy]) -> Vec<&'a Policy> {
    policies
        .iter()
        .filter(|p| p.source_posture_checks.iter().any(|id| id == check_id))
        .collect()
}

fn os_draft(min: Option<&str>) -> OsLimitDraft {
    match min {
        None => OsLimitDraft {
            allowed: false,
            min_version: String::new(),
        },
        Some(v) => OsLimitDraft {
            allowed: true,
            min_version: if v == ANY_VERSION { "" } else { v }.to_string(),
        },
    }
}

/// The form's draft of a loaded check.
pub fn draft_of(check: &PostureCheck) -> PostureCheckDraft {
    let c = &check.checks;
    let mut d = PostureCheckDraft {
        name: check.name.clone(),
        description: check.description.clone(),
        ..PostureCheckDraft::default()
    };
    if let Some(nb) = &c.nb_version_check {
        d.nb_version_on = true;
        d.nb_min_version = nb.min_version.clone();
    }
    if let Some(os) = &c.os_version_check {
        let v = |m: &Option<MinVersion>| os_draft(m.as_ref().map(|m| m.min_version.as_str()));
        let k = |m: &Option<MinKernelVersion>| {
            os_draft(m.as_ref().map(|m| m.min_kernel_version.as_str()))
        };
        d.os_on = true;
        d.android = v(&os.android);
        d.darwin = v(&os.darwin);
        d.ios = v(&os.ios);
        d.linux = k(&os.linux);
        d.windows = k(&os.windows);
    }
    if let Some(geo) = &c.geo_location_check {
        d.geo_on = true;
        d.geo_action = geo.action.clone();
        d.locations = geo
            .locations
            .iter()
            .map(place)
            .collect::<Vec<_>>()
            .join("\n");
    }
    if let Some(net) = &c.peer_network_range_check {
        d.ranges_on = true;
        d.ranges_action = net.action.clone();
        d.ranges = net.ranges.join("\n");
    }
    if let Some(pc) = &c.process_check {
        d.processes_on = true;
        d.processes = pc
            .processes
            .iter()
            .map(|p| ProcessDraft {
                linux_path: p.linux_path.clone(),
                mac_path: p.mac_path.clone(),
                windows_path: p.windows_path.clone(),
            })
            .collect();
    }
    d
}

/// `DE` or `DE/Berlin`.
fn place(l: &Location) -> String {
    if l.city_name.is_empty() {
        l.country_code.clone()
    } else {
        format!("{}/{}", l.country_code, l.city_name)
    }
}

/// A version as hashicorp/go-version `NewVersion` (v1.7) reads it, which the server uses: an
/// optional `v`; numbers separated by dots (each fitting an int64); then optionally a
/// pre-release (`-rc.1`, `-1`, or letters right after the numbers: `1.0beta`) and build
/// metadata (`+build.5`). Pre-release and metadata are dot-separated non-empty parts of
/// letters, digits, `-` and `~`. No spaces.
pub fn is_version(text: &str) -> bool {
    let s = text.strip_prefix('v').unwrap_or(text);
    let core_end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (core, rest) = s.split_at(core_end);
    let core_ok = core
        .split('.')
        .all(|n| !n.is_empty() && n.parse::<i64>().is_ok());
    if !core_ok {
        return false;
    }
    let parts_ok = |p: &str| {
        p.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '~')
        })
    };
    let (pre, meta) = match rest.split_once('+') {
        Some((pre, meta)) => (pre, Some(meta)),
        None => (rest, None),
    };
    if meta.is_some_and(|m| !parts_ok(m)) {
        return false;
    }
    // The pre-release: a dash and parts (`-rc.1`, `-5`, even `-` alone), or parts starting
    // with a letter, `-` or `~` right after the numbers (`7rc2`); a digit or a dot there would
    // have belonged to the numbers.
    pre.is_empty() || parts_ok(pre)
}

fn version_error(v: &str, example: &str) -> String {
    tf(
        "“{version}” is not a version: write it like {example}.",
        &[("version", v), ("example", example)],
    )
}

/// `netip.ParsePrefix`: an IPv4 or IPv6 address (no zone), `/`, the prefix length (decimal,
/// no sign or leading zero, at most 32 or 128). Ok: the prefix as the server writes it back
/// (host bits kept: the server does not mask them).
fn parse_range(s: &str) -> Result<String, String> {
    let bad = || {
        tf(
            "“{range}” is not a network: write it in CIDR notation, like 192.168.0.0/16.",
            &[("range", s)],
        )
    };
    let (addr, bits) = s.rsplit_once('/').ok_or_else(bad)?;
    let ip: IpAddr = addr.parse().map_err(|_| bad())?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let plain = !bits.is_empty()
        && bits.bytes().all(|b| b.is_ascii_digit())
        && (bits.len() == 1 || !bits.starts_with('0'));
    match bits.parse::<u8>() {
        Ok(n) if plain && n <= max => Ok(format!("{ip}/{n}")),
        _ => Err(bad()),
    }
}

fn check_action(action: &str) -> Result<String, String> {
    if action == ALLOW || action == DENY {
        Ok(action.to_string())
    } else {
        Err(t("Choose allow or deny."))
    }
}

fn check_locations(text: &str) -> Result<Vec<Location>, String> {
    let mut out: Vec<Location> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (code, city) = line.split_once('/').unwrap_or((line, ""));
        let code = code.trim();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(tf(
                "“{place}”: a country is its two-letter code, like DE or US (DE/Berlin for a city).",
                &[("place", line)],
            ));
        }
        let loc = Location {
            country_code: code.to_ascii_uppercase(),
            city_name: city.trim().to_string(),
        };
        if !out.contains(&loc) {
            out.push(loc);
        }
    }
    if out.is_empty() {
        return Err(t(
            "Enter at least one country, one per line: DE, or DE/Berlin for a city.",
        ));
    }
    Ok(out)
}

fn check_ranges(text: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for item in text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        let range = parse_range(item)?;
        if !out.contains(&range) {
            out.push(range);
        }
    }
    if out.is_empty() {
        return Err(t(
            "Enter at least one network, one per line, like 192.168.0.0/16.",
        ));
    }
    Ok(out)
}

fn check_processes(rows: &[ProcessDraft]) -> Result<Vec<Process>, String> {
    let out: Vec<Process> = rows
        .iter()
        .map(|p| Process {
            linux_path: p.linux_path.trim().to_string(),
            mac_path: p.mac_path.trim().to_string(),
            windows_path: p.windows_path.trim().to_string(),
        })
        .filter(|p| {
            !(p.linux_path.is_empty() && p.mac_path.is_empty() && p.windows_path.is_empty())
        })
        .collect();
    if out.is_empty() {
        return Err(t(
            "Enter the path of at least one process, for Linux, macOS or Windows.",
        ));
    }
    Ok(out)
}

/// The form's checks. `others`: the account's posture checks (the one being edited among them
/// or not); `self_id`: the check being edited (None when creating). Ok: the body to send.
pub fn validate(
    draft: &PostureCheckDraft,
    others: &[PostureCheck],
    self_id: Option<&str>,
) -> Result<PostureCheckRequest, FieldErrors> {
    let mut errs = FieldErrors::default();
    let name = draft.name.trim();
    let loaded_name = self_id
        .and_then(|id| others.iter().find(|c| c.id == id))
        .map(|c| c.name.as_str());
    if name.is_empty() {
        errs.insert("name", t("Enter a name for the posture check."));
    } else if loaded_name != Some(name)
        && others
            .iter()
            .any(|c| Some(c.id.as_str()) != self_id && c.name.trim() == name)
    {
        errs.insert(
            "name",
            tf(
                "A posture check named “{name}” already exists; choose another name.",
                &[("name", name)],
            ),
        );
    }
    let mut checks = Checks::default();
    if draft.nb_version_on {
        let v = draft.nb_min_version.trim();
        if v.is_empty() {
            errs.insert(
                "min_version",
                t("Enter the oldest NetBird version allowed, like 0.28.0."),
            );
        } else if !is_version(v) {
            errs.insert("min_version", version_error(v, "0.28.0"));
        }
        checks.nb_version_check = Some(MinVersion {
            min_version: v.to_string(),
        });
    }
    if draft.os_on {
        let mut limit = |field: &'static str, os: &OsLimitDraft, example: &str| {
            if !os.allowed {
                return None;
            }
            let v = os.min_version.trim();
            if v.is_empty() {
                return Some(ANY_VERSION.to_string());
            }
            if !is_version(v) {
                errs.insert(field, version_error(v, example));
            }
            Some(v.to_string())
        };
        let os = OsVersionCheck {
            android: limit("os_version_check.android", &draft.android, "14")
                .map(|min_version| MinVersion { min_version }),
            darwin: limit("os_version_check.darwin", &draft.darwin, "14.5")
                .map(|min_version| MinVersion { min_version }),
            ios: limit("os_version_check.ios", &draft.ios, "17.5")
                .map(|min_version| MinVersion { min_version }),
            linux: limit("os_version_check.linux", &draft.linux, "5.15")
                .map(|min_kernel_version| MinKernelVersion { min_kernel_version }),
            windows: limit("os_version_check.windows", &draft.windows, "10.0.19045")
                .map(|min_kernel_version| MinKernelVersion { min_kernel_version }),
        };
        if os == OsVersionCheck::default() {
            errs.insert(
                "os_version_check",
                t("Allow at least one operating system, or turn the OS check off."),
            );
        }
        checks.os_version_check = Some(os);
    }
    if draft.geo_on {
        let action = check_action(&draft.geo_action).unwrap_or_else(|m| {
            errs.insert("geo_location_check.action", m);
            String::new()
        });
        let locations = check_locations(&draft.locations).unwrap_or_else(|m| {
            errs.insert("country_code", m);
            Vec::new()
        });
        checks.geo_location_check = Some(GeoLocationCheck { locations, action });
    }
    if draft.ranges_on {
        let action = check_action(&draft.ranges_action).unwrap_or_else(|m| {
            errs.insert("peer_network_range_check.action", m);
            String::new()
        });
        let ranges = check_ranges(&draft.ranges).unwrap_or_else(|m| {
            errs.insert("ranges", m);
            Vec::new()
        });
        checks.peer_network_range_check = Some(PeerNetworkRangeCheck { ranges, action });
    }
    if draft.processes_on {
        let processes = check_processes(&draft.processes).unwrap_or_else(|m| {
            errs.insert("processes", m);
            Vec::new()
        });
        checks.process_check = Some(ProcessCheck { processes });
    }
    if checks.count() == 0 {
        errs.insert("checks", t("Turn on at least one check."));
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(PostureCheckRequest {
        name: name.to_string(),
        description: draft.description.clone(),
        checks,
    })
}

/// The control a server error message (the body's `message`, lowercased by the server)
/// concerns, if any.
pub fn server_error_field(message: &str) -> Option<&'static str> {
    let m = message.to_lowercase();
    let field = if m.starts_with("posture checks name") || m.starts_with("posture checks with name")
    {
        "name"
    } else if m.starts_with("posture checks shouldn't be empty") {
        "checks"
    } else if m.starts_with("nbversioncheck") {
        "min_version"
    } else if m.starts_with("osversioncheck") {
        ["android", "darwin", "ios", "linux", "windows"]
            .into_iter()
            .zip([
                "os_version_check.android",
                "os_version_check.darwin",
                "os_version_check.ios",
                "os_version_check.linux",
                "os_version_check.windows",
            ])
            .find(|(os, _)| m.contains(&format!(" {os} ")))
            .map_or("os_version_check", |(_, f)| f)
    } else if m.starts_with("geolocationcheck action") {
        "geo_location_check.action"
    } else if m.starts_with("geolocationcheck") || m.starts_with("geo location database") {
        "country_code"
    } else if m.starts_with("action for peer network range")
        || m.starts_with("peernetworkrangecheck action")
    {
        "peer_network_range_check.action"
    } else if m.starts_with("peernetworkrangecheck") || m.starts_with("invalid network prefix") {
        "ranges"
    } else if m.starts_with("processcheck") {
        "processes"
    } else {
        return None;
    };
    Some(field)
}

/// The check's conditions, a line per kind, for the list: "NetBird ≥ 0.28.0",
/// "Locations allowed: DE, FR/Paris", ….
pub fn summary(check: &PostureCheck) -> Vec<String> {
    let c = &check.checks;
    let mut lines = Vec::new();
    if let Some(nb) = &c.nb_version_check {
        lines.push(tf("NetBird ≥ {version}", &[("version", &nb.min_version)]));
    }
    if let Some(os) = &c.os_version_check {
        // Product names stay as they are in every language.
        let all = [
            (
                "Linux",
                os.linux.as_ref().map(|m| m.min_kernel_version.as_str()),
            ),
            (
                "Windows",
                os.windows.as_ref().map(|m| m.min_kernel_version.as_str()),
            ),
            ("macOS", os.darwin.as_ref().map(|m| m.min_version.as_str())),
            ("iOS", os.ios.as_ref().map(|m| m.min_version.as_str())),
            (
                "Android",
                os.android.as_ref().map(|m| m.min_version.as_str()),
            ),
        ];
        let allowed: Vec<String> = all
            .iter()
            .filter_map(|(os, min)| {
                min.map(|v| match v {
                    "" | ANY_VERSION => os.to_string(),
                    v => format!("{os} ≥ {v}"),
                })
            })
            .collect();
        let blocked: Vec<&str> = all
            .iter()
            .filter(|(_, min)| min.is_none())
            .map(|(os, _)| *os)
            .collect();
        let mut line = tf(
            "Operating systems: {list}",
            &[("list", &allowed.join(", "))],
        );
        if !blocked.is_empty() {
            line.push_str("; ");
            line.push_str(&tf("blocked: {list}", &[("list", &blocked.join(", "))]));
        }
        lines.push(line);
    }
    if let Some(geo) = &c.geo_location_check {
        let places = geo
            .locations
            .iter()
            .map(place)
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(if geo.action == DENY {
            tf("Locations denied: {list}", &[("list", &places)])
        } else {
            tf("Locations allowed: {list}", &[("list", &places)])
        });
    }
    if let Some(net) = &c.peer_network_range_check {
        let ranges = net.ranges.join(", ");
        lines.push(if net.action == DENY {
            tf("Networks denied: {list}", &[("list", &ranges)])
        } else {
            tf("Networks allowed: {list}", &[("list", &ranges)])
        });
    }
    if let Some(pc) = &c.process_check {
        let paths: Vec<&str> = pc
            .processes
            .iter()
            .filter_map(|p| {
                [&p.linux_path, &p.mac_path, &p.windows_path]
                    .into_iter()
                    .find(|s| !s.is_empty())
                    .map(String::as_str)
            })
            .collect();
        lines.push(tf(
            "Processes running: {list}",
            &[("list", &paths.join(", "))],
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::PolicyRule;
    use serde_json::json;

    fn named(name: &str) -> PostureCheckDraft {
        PostureCheckDraft {
            name: name.into(),
            nb_version_on: true,
            nb_min_version: "0.28.0".into(),
            ..PostureCheckDraft::default()
        }
    }

    fn existing() -> Vec<PostureCheck> {
        vec![
            PostureCheck {
                id: "pc1".into(),
                name: "recent".into(),
                ..PostureCheck::default()
            },
            PostureCheck {
                id: "pc2".into(),
                name: "office".into(),
                ..PostureCheck::default()
            },
        ]
    }

    fn errs(d: &PostureCheckDraft) -> FieldErrors {
        validate(d, &existing(), None).unwrap_err()
    }

    fn fields(d: &PostureCheckDraft) -> Vec<&'static str> {
        validate(d, &existing(), None)
            .err()
            .map(|e| e.fields().collect())
            .unwrap_or_default()
    }

    #[test]
    fn versions_as_go_version_reads_them() {
        // go-version's own cases (`TestNewVersion`, v1.7.0), and some more.
        for ok in [
            "1.2.3",
            "1.0",
            "1",
            "v1.2.3",
            "0.28.0",
            "0",
            "1.2-5",
            "1.2-beta.5",
            "1.2.0-x.Y.0+metadata",
            "1.2.0-x.Y.0+metadata-width-hyphen",
            "1.2.3-rc1-with-hyphen",
            "1.2.3.4",
            "1.2.0-X-1.2.0+metadata~dist",
            "1.2.0.4-x.Y.0+metadata",
            "1.7rc2",
            "v1.7rc2",
            "1.0-",
            "1.0~alpha",
            "10.0.19045",
        ] {
            assert!(is_version(ok), "{ok}");
        }
        for bad in [
            "",
            "v",
            "1.",
            ".1",
            "1..2",
            "1.2.3+",
            "1.2.beta",
            "1.21.beta",
            "foo",
            "\n1.2",
            "foo1.2.3",
            "1.2+a..b",
            "1.2-a..b",
            " 1.2",
            "1.2 ",
            "1.2.3 beta",
            "vv1.2",
            "1.2_3",
            "99999999999999999999",
            "1.0.0-beta!",
        ] {
            assert!(!is_version(bad), "{bad}");
        }
    }

    #[test]
    fn names_are_required_and_unique() {
        assert_eq!(
            errs(&named("  ")).get("name"),
            Some("Enter a name for the posture check.")
        );
        assert_eq!(
            errs(&named("recent")).get("name"),
            Some("A posture check named “recent” already exists; choose another name.")
        );
        let checks = existing();
        // Editing: its own name is fine, another's is not.
        assert!(validate(&named("recent"), &checks, Some("pc1")).is_ok());
        assert!(validate(&named("office"), &checks, Some("pc1")).is_err());
        assert_eq!(
            validate(&named(" new "), &checks, None).unwrap().name,
            "new"
        );
    }

    #[test]
    fn at_least_one_check() {
        let d = PostureCheckDraft {
            name: "n".into(),
            ..PostureCheckDraft::default()
        };
        assert_eq!(errs(&d).get("checks"), Some("Turn on at least one check."));
    }

    #[test]
    fn netbird_version() {
        let d = PostureCheckDraft {
            nb_min_version: " 0.28.0 ".into(),
            ..named("n")
        };
        assert_eq!(
            serde_json::to_value(validate(&d, &[], None).unwrap()).unwrap(),
            json!({"name":"n","description":"","checks":{"nb_version_check":{"min_version":"0.28.0"}}})
        );
        let empty = PostureCheckDraft {
            nb_min_version: "".into(),
            ..named("n")
        };
        assert_eq!(
            errs(&empty).get("min_version"),
            Some("Enter the oldest NetBird version allowed, like 0.28.0.")
        );
        let bad = PostureCheckDraft {
            nb_min_version: "latest".into(),
            ..named("n")
        };
        assert_eq!(
            errs(&bad).get("min_version"),
            Some("“latest” is not a version: write it like 0.28.0.")
        );
    }

    fn os_draft() -> PostureCheckDraft {
        PostureCheckDraft {
            name: "os".into(),
            os_on: true,
            ..PostureCheckDraft::default()
        }
    }

    #[test]
    fn operating_systems() {
        let block = OsLimitDraft {
            allowed: false,
            min_version: "ignored".into(),
        };
        let min = |v: &str| OsLimitDraft {
            allowed: true,
            min_version: v.into(),
        };
        let d = PostureCheckDraft {
            linux: min("5.10"),
            windows: min(""),
            darwin: min("14.5"),
            ios: block.clone(),
            android: block.clone(),
            ..os_draft()
        };
        let r = validate(&d, &[], None).unwrap();
        assert_eq!(
            serde_json::to_value(&r.checks).unwrap(),
            json!({"os_version_check":{"darwin":{"min_version":"14.5"},
                "linux":{"min_kernel_version":"5.10"},"windows":{"min_kernel_version":"0"}}})
        );
        let all_blocked = PostureCheckDraft {
            linux: block.clone(),
            windows: block.clone(),
            darwin: block.clone(),
            ios: block.clone(),
            android: block.clone(),
            ..os_draft()
        };
        assert_eq!(
            errs(&all_blocked).get("os_version_check"),
            Some("Allow at least one operating system, or turn the OS check off.")
        );
        let bad = PostureCheckDraft {
            linux: min("5.10-generic x"),
            ios: min("seventeen"),
            ..os_draft()
        };
        assert_eq!(
            fields(&bad),
            ["os_version_check.ios", "os_version_check.linux"]
        );
        assert_eq!(
            errs(&bad).get("os_version_check.ios"),
            Some("“seventeen” is not a version: write it like 17.5.")
        );
    }

    fn geo(action: &str, text: &str) -> PostureCheckDraft {
        PostureCheckDraft {
            name: "geo".into(),
            geo_on: true,
            geo_action: action.into(),
            locations: text.into(),
            ..PostureCheckDraft::default()
        }
    }

    #[test]
    fn locations() {
        let r = validate(&geo(DENY, "de\n\n FR / Paris \nDE"), &[], None).unwrap();
        assert_eq!(
            serde_json::to_value(&r.checks).unwrap(),
            json!({"geo_location_check":{"locations":[{"country_code":"DE"},
                {"country_code":"FR","city_name":"Paris"}],"action":"deny"}})
        );
        assert_eq!(
            errs(&geo(ALLOW, " \n")).get("country_code"),
            Some("Enter at least one country, one per line: DE, or DE/Berlin for a city.")
        );
        for bad in ["DEU", "D", "D1", "Germany", "DE Berlin", "ÄÖ"] {
            assert_eq!(
                errs(&geo(ALLOW, bad)).get("country_code"),
                Some(
                    tf(
                        "“{place}”: a country is its two-letter code, like DE or US (DE/Berlin for a city).",
                        &[("place", bad)]
                    )
                    .as_str()
                ),
                "{bad}"
            );
        }
        assert_eq!(
            errs(&geo("block", "DE")).get("geo_location_check.action"),
            Some("Choose allow or deny.")
        );
    }

    fn ranges(text: &str) -> PostureCheckDraft {
        PostureCheckDraft {
            name: "net".into(),
            ranges_on: true,
            ranges: text.into(),
            ..PostureCheckDraft::default()
        }
    }

    #[test]
    fn network_ranges() {
        let r = validate(
            &ranges("10.0.0.0/8, 192.168.1.5/24\n2001:DB8::/32 0.0.0.0/0 10.0.0.0/8"),
            &[],
            None,
        )
        .unwrap();
        let net = r.checks.peer_network_range_check.unwrap();
        assert_eq!(
            net.ranges,
            ["10.0.0.0/8", "192.168.1.5/24", "2001:db8::/32", "0.0.0.0/0"]
        );
        assert_eq!(net.action, ALLOW);
        for bad in [
            "10.0.0.0",
            "10.0.0.0/33",
            "10.0.0.0/08",
            "10.0.0.0/+8",
            "10.0.0/8",
            "fe80::1%eth0/64",
            "2001:db8::/129",
            "example.com/24",
        ] {
            assert_eq!(
                errs(&ranges(bad)).get("ranges"),
                Some(
                    tf(
                        "“{range}” is not a network: write it in CIDR notation, like 192.168.0.0/16.",
                        &[("range", bad)]
                    )
                    .as_str()
                ),
                "{bad}"
            );
        }
        assert_eq!(
            errs(&ranges("")).get("ranges"),
            Some("Enter at least one network, one per line, like 192.168.0.0/16.")
        );
        let d = PostureCheckDraft {
            ranges_action: "".into(),
            ..ranges("10.0.0.0/8")
        };
        assert_eq!(fields(&d), ["peer_network_range_check.action"]);
    }

    #[test]
    fn processes() {
        let p = |l: &str, m: &str, w: &str| ProcessDraft {
            linux_path: l.into(),
            mac_path: m.into(),
            windows_path: w.into(),
        };
        let d = PostureCheckDraft {
            name: "av".into(),
            processes_on: true,
            processes: vec![
                p(" /usr/bin/av ", "", ""),
                p("", "", ""),
                p("", "/Applications/AV.app", "C:\\AV\\av.exe"),
            ],
            ..PostureCheckDraft::default()
        };
        let r = validate(&d, &[], None).unwrap();
        assert_eq!(
            serde_json::to_value(&r.checks).unwrap(),
            json!({"process_check":{"processes":[{"linux_path":"/usr/bin/av"},
                {"mac_path":"/Applications/AV.app","windows_path":"C:\\AV\\av.exe"}]}})
        );
        let none = PostureCheckDraft {
            processes: vec![p(" ", "", "")],
            ..d
        };
        assert_eq!(
            errs(&none).get("processes"),
            Some("Enter the path of at least one process, for Linux, macOS or Windows.")
        );
    }

    fn full() -> PostureCheck {
        crate::base::json::decode_str(
            r#"{"id":"pc1","name":"hardened","description":"d","checks":{
            "nb_version_check":{"min_version":"0.28.0"},
            "os_version_check":{"darwin":{"min_version":"14.0"},"linux":{"min_kernel_version":"0"}},
            "geo_location_check":{"locations":[{"country_code":"DE"},{"country_code":"FR","city_name":"Paris"}],"action":"allow"},
            "peer_network_range_check":{"ranges":["10.0.0.0/8"],"action":"deny"},
            "process_check":{"processes":[{"linux_path":"/usr/bin/av","mac_path":"","windows_path":""}]}}}"#,
        )
        .unwrap()
    }

    #[test]
    fn a_loaded_check_round_trips() {
        let c = full();
        let d = draft_of(&c);
        assert!(d.nb_version_on && d.os_on && d.geo_on && d.ranges_on && d.processes_on);
        assert_eq!(d.linux.min_version, "");
        assert!(d.linux.allowed && !d.windows.allowed);
        assert_eq!(d.locations, "DE\nFR/Paris");
        assert_eq!(
            validate(&d, std::slice::from_ref(&c), Some("pc1")),
            Ok(request_of(&c))
        );
        let text = serde_json::to_string(&d).unwrap();
        assert_eq!(
            crate::base::json::decode_str::<PostureCheckDraft>(&text),
            Ok(d)
        );
    }

    #[test]
    fn summary_lines() {
        assert_eq!(
            summary(&full()),
            [
                "NetBird ≥ 0.28.0",
                "Operating systems: Linux, macOS ≥ 14.0; blocked: Windows, iOS, Android",
                "Locations allowed: DE, FR/Paris",
                "Networks denied: 10.0.0.0/8",
                "Processes running: /usr/bin/av",
            ]
        );
        assert!(summary(&PostureCheck::default()).is_empty());
    }

    #[test]
    fn policies_using_a_check() {
        let p = |id: &str, checks: &[&str]| Policy {
            id: id.into(),
            source_posture_checks: checks.iter().map(|s| s.to_string()).collect(),
            rules: vec![PolicyRule::default()],
            ..Policy::default()
        };
        let policies = [p("a", &["pc1"]), p("b", &[]), p("c", &["pc2", "pc1"])];
        let ids: Vec<&str> = used_by("pc1", &policies)
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(ids, ["a", "c"]);
        assert!(used_by("pc9", &policies).is_empty());
    }

    #[test]
    fn server_messages_map_to_fields() {
        let table = [
            ("posture checks name shouldn't be empty", Some("name")),
            ("posture checks with name recent already exists", Some("name")),
            ("posture checks shouldn't be empty", Some("checks")),
            ("nbversioncheck minimum version shouldn't be empty", Some("min_version")),
            ("nbversioncheck version: x is not valid", Some("min_version")),
            (
                "osversioncheck at least one os version check is required",
                Some("os_version_check"),
            ),
            ("osversioncheck android version: x is not valid", Some("os_version_check.android")),
            ("osversioncheck ios version: x is not valid", Some("os_version_check.ios")),
            ("osversioncheck  darwin version: x is not valid", Some("os_version_check.darwin")),
            (
                "osversioncheck  linux kernel version: x is not valid",
                Some("os_version_check.linux"),
            ),
            (
                "osversioncheck  windows kernel version: x is not valid",
                Some("os_version_check.windows"),
            ),
            ("geolocationcheck action shouldn't be empty", Some("geo_location_check.action")),
            ("geolocationcheck action is not valid", Some("geo_location_check.action")),
            ("geolocationcheck locations shouldn't be empty", Some("country_code")),
            ("geolocationcheck country code shouldn't be empty", Some("country_code")),
            (
                "geolocationcheck country code must be 2 letters (iso 3166-1 alpha-2 format)",
                Some("country_code"),
            ),
            (
                "geo location database is not initialized. check the self-hosted geo database documentation at https://docs.netbird.io/selfhosted/geo-support",
                Some("country_code"),
            ),
            (
                "action for peer network range check shouldn't be empty",
                Some("peer_network_range_check.action"),
            ),
            ("peernetworkrangecheck action is not valid", Some("peer_network_range_check.action")),
            ("peernetworkrangecheck network ranges shouldn't be empty", Some("ranges")),
            ("invalid network prefix", Some("ranges")),
            ("processcheck processes shouldn't be empty", Some("processes")),
            ("processcheck path shouldn't be empty", Some("processes")),
            ("posture checks have been linked to policy: web", None),
            ("couldn't parse json request", None),
        ];
        for (msg, want) in table {
            assert_eq!(server_error_field(msg), want, "{msg}");
        }
    }
}
