//! `/api/posture-checks` and `/api/locations/...`, as `management/server/posture_checks.go`,
//! `management/server/posture/*.go` and `handlers/policies/{posture_checks,geolocations}_handler.go`
//! in netbirdio/netbird answer them.

use super::{empty, json, ApiError, Ctx, Out};
use crate::net::Prefix;
use crate::state::{Checks, Op, PostureCheck};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The handler's answer when a geo check arrives and the server has no geolocation database.
pub const GEO_MISSING: &str = "Geo location database is not initialized. Check the self-hosted Geo database documentation at https://docs.netbird.io/selfhosted/geo-support";
/// `getAllCountries` says it without the documentation link.
pub const GEO_MISSING_SHORT: &str = "Geo location database is not initialized";

/// hashicorp/go-version `NewVersion` (what `isVersionValid` calls): its `VersionRegexpRaw`,
/// anchored, and every numeric segment must fit an int64.
pub fn go_version_valid(v: &str) -> bool {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"^v?([0-9]+(\.[0-9]+)*?)(-([0-9]+[0-9A-Za-z\-~]*(\.[0-9A-Za-z\-~]+)*)|(-?([A-Za-z\-~]+[0-9A-Za-z\-~]*(\.[0-9A-Za-z\-~]+)*)))?(\+([0-9A-Za-z\-~]+(\.[0-9A-Za-z\-~]+)*))?$",
        )
        .expect("version regex")
    });
    segments_fit(re, v)
}

/// hashicorp/go-version `NewSemver` (the account's `auto_update_version`): at most three
/// numeric segments.
pub fn go_semver_valid(v: &str) -> bool {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"^v?([0-9]+(\.[0-9]+){0,2})(-([0-9A-Za-z\-~]+(\.[0-9A-Za-z\-~]+)*))?(\+([0-9A-Za-z\-~]+(\.[0-9A-Za-z\-~]+)*))?$",
        )
        .expect("semver regex")
    });
    segments_fit(re, v)
}

fn segments_fit(re: &regex::Regex, v: &str) -> bool {
    let Some(c) = re.captures(v) else {
        return false;
    };
    c.get(1)
        .map(|m| m.as_str().split('.').all(|s| s.parse::<i64>().is_ok()))
        .unwrap_or(false)
}

#[derive(Deserialize, Default)]
struct PostureCheckRequest {
    name: Option<String>,
    description: Option<String>,
    checks: Option<Checks>,
}

fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("posture checks: {id} not found"))
}

#[derive(Serialize)]
struct View<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
    checks: &'a Checks,
}

fn view(p: &PostureCheck) -> View<'_> {
    View {
        id: &p.id,
        name: &p.name,
        description: &p.description,
        checks: &p.checks,
    }
}

pub fn list(ctx: &mut Ctx) -> Out {
    ctx.allow("policies", Op::Read)?;
    let v: Vec<View> = ctx.st.posture_checks.iter().map(view).collect();
    json(&v)
}

pub fn get(ctx: &mut Ctx) -> Out {
    ctx.allow("policies", Op::Read)?;
    let id = ctx.param(0);
    let p = ctx
        .st
        .posture_checks
        .get(&id)
        .ok_or_else(|| not_found(&id))?;
    json(&view(p))
}

/// `Checks.Validate` with each kind's `Validate`, in the server's order. The kinds' names
/// (`NBVersionCheck`, …) start the messages; `WriteError` lowercases them.
pub fn validate(name: &str, c: &Checks) -> Result<(), String> {
    if name.is_empty() {
        return Err("posture checks name shouldn't be empty".into());
    }
    if c.nb_version_check.is_none()
        && c.os_version_check.is_none()
        && c.geo_location_check.is_none()
        && c.peer_network_range_check.is_none()
        && c.process_check.is_none()
    {
        return Err("posture checks shouldn't be empty".into());
    }
    if let Some(nb) = &c.nb_version_check {
        if nb.min_version.is_empty() {
            return Err("NBVersionCheck minimum version shouldn't be empty".into());
        }
        if !go_version_valid(&nb.min_version) {
            return Err(format!(
                "NBVersionCheck version: {} is not valid",
                nb.min_version
            ));
        }
    }
    if let Some(os) = &c.os_version_check {
        if os.android.is_none()
            && os.darwin.is_none()
            && os.ios.is_none()
            && os.linux.is_none()
            && os.windows.is_none()
        {
            return Err("OSVersionCheck at least one OS version check is required".into());
        }
        // The double spaces are in the server's messages.
        let checks = [
            (
                os.android.as_ref().map(|v| &v.min_version),
                "OSVersionCheck android version",
            ),
            (
                os.ios.as_ref().map(|v| &v.min_version),
                "OSVersionCheck ios version",
            ),
            (
                os.darwin.as_ref().map(|v| &v.min_version),
                "OSVersionCheck  darwin version",
            ),
            (
                os.linux.as_ref().map(|v| &v.min_kernel_version),
                "OSVersionCheck  linux kernel version",
            ),
            (
                os.windows.as_ref().map(|v| &v.min_kernel_version),
                "OSVersionCheck  windows kernel version",
            ),
        ];
        for (v, what) in checks {
            if let Some(v) = v {
                if !go_version_valid(v) {
                    return Err(format!("{what}: {v} is not valid"));
                }
            }
        }
    }
    if let Some(g) = &c.geo_location_check {
        if g.action.is_empty() {
            return Err("GeoLocationCheck action shouldn't be empty".into());
        }
        if g.action != "allow" && g.action != "deny" {
            return Err("GeoLocationCheck action is not valid".into());
        }
        if g.locations.is_empty() {
            return Err("GeoLocationCheck locations shouldn't be empty".into());
        }
        for l in &g.locations {
            if l.country_code.is_empty() {
                return Err("GeoLocationCheck country code shouldn't be empty".into());
            }
            if l.country_code.len() != 2 || !l.country_code.bytes().all(|b| b.is_ascii_alphabetic())
            {
                return Err(
                    "GeoLocationCheck country code must be 2 letters (ISO 3166-1 alpha-2 format)"
                        .into(),
                );
            }
        }
    }
    if let Some(r) = &c.peer_network_range_check {
        if r.action.is_empty() {
            return Err("action for peer network range check shouldn't be empty".into());
        }
        if r.action != "allow" && r.action != "deny" {
            return Err("PeerNetworkRangeCheck action is not valid".into());
        }
        if r.ranges.is_empty() {
            return Err("PeerNetworkRangeCheck network ranges shouldn't be empty".into());
        }
    }
    if let Some(p) = &c.process_check {
        if p.processes.is_empty() {
            return Err("ProcessCheck processes shouldn't be empty".into());
        }
        if p.processes
            .iter()
            .any(|p| p.linux_path.is_empty() && p.mac_path.is_empty() && p.windows_path.is_empty())
        {
            return Err("ProcessCheck path shouldn't be empty".into());
        }
    }
    Ok(())
}

fn save(ctx: &mut Ctx, id: Option<String>) -> Out {
    let req: PostureCheckRequest = ctx.decode()?;
    // The real handler dereferences `checks` without a nil check (a request without it makes
    // the server drop the connection); the mock reads a missing `checks` as no checks.
    let mut checks = req.checks.unwrap_or_default();
    if checks.geo_location_check.is_some() && !ctx.st.geo {
        return Err(ApiError::new(412, GEO_MISSING));
    }
    // `toPeerNetworkRangeCheck`: each range through netip.ParsePrefix, printed back as parsed
    // (host bits kept).
    if let Some(r) = &mut checks.peer_network_range_check {
        let mut out = Vec::new();
        for s in &r.ranges {
            let p = Prefix::parse(s).ok_or_else(|| ApiError::invalid("invalid network prefix"))?;
            out.push(p.to_string());
        }
        r.ranges = out;
    }
    let is_new = id.is_none();
    ctx.allow("policies", if is_new { Op::Create } else { Op::Update })?;
    let name = req.name.unwrap_or_default();
    validate(&name, &checks).map_err(ApiError::invalid)?;
    let id = match id {
        Some(id) => id,
        None => {
            if ctx.st.posture_checks.iter().any(|p| p.name == name) {
                return Err(ApiError::invalid(format!(
                    "posture checks with name {name} already exists"
                )));
            }
            ctx.st.new_id()
        }
    };
    ctx.st.posture_checks.insert(PostureCheck {
        id: id.clone(),
        name: name.clone(),
        description: req.description.unwrap_or_default(),
        checks,
    });
    ctx.record(
        if is_new {
            "posture.check.create"
        } else {
            "posture.check.update"
        },
        &id,
        vec![("name", name)],
    );
    json(&view(ctx.st.posture_checks.get(&id).expect("saved")))
}

pub fn create(ctx: &mut Ctx) -> Out {
    save(ctx, None)
}

pub fn update(ctx: &mut Ctx) -> Out {
    ctx.allow("policies", Op::Read)?;
    let id = ctx.param(0);
    if !ctx.st.posture_checks.contains(&id) {
        return Err(not_found(&id));
    }
    save(ctx, Some(id))
}

pub fn delete(ctx: &mut Ctx) -> Out {
    ctx.allow("policies", Op::Delete)?;
    let id = ctx.param(0);
    if !ctx.st.posture_checks.contains(&id) {
        return Err(not_found(&id));
    }
    if let Some(p) = ctx
        .st
        .policies
        .iter()
        .find(|p| p.source_posture_checks.contains(&id))
    {
        return Err(ApiError::new(
            412,
            format!("posture checks have been linked to policy: {}", p.name),
        ));
    }
    let p = ctx.st.posture_checks.remove(&id).expect("checked");
    ctx.record("posture.check.delete", &id, vec![("name", p.name)]);
    empty()
}

// ---- locations (the geolocation database)

/// (ISO code, English name) as GeoLite2 names them.
pub const COUNTRIES: &[(&str, &str)] = &[
    ("AR", "Argentina"),
    ("AT", "Austria"),
    ("AU", "Australia"),
    ("BE", "Belgium"),
    ("BR", "Brazil"),
    ("CA", "Canada"),
    ("CH", "Switzerland"),
    ("CN", "China"),
    ("CZ", "Czechia"),
    ("DE", "Germany"),
    ("DK", "Denmark"),
    ("EE", "Estonia"),
    ("ES", "Spain"),
    ("FI", "Finland"),
    ("FR", "France"),
    ("GB", "United Kingdom"),
    ("IE", "Ireland"),
    ("IN", "India"),
    ("IT", "Italy"),
    ("JP", "Japan"),
    ("KP", "North Korea"),
    ("KR", "South Korea"),
    ("MX", "Mexico"),
    ("NL", "Netherlands"),
    ("NO", "Norway"),
    ("NZ", "New Zealand"),
    ("PL", "Poland"),
    ("PT", "Portugal"),
    ("RU", "Russia"),
    ("SE", "Sweden"),
    ("SG", "Singapore"),
    ("UA", "Ukraine"),
    ("US", "United States"),
    ("ZA", "South Africa"),
];

/// (ISO code, city, GeoNames id).
pub const CITIES: &[(&str, &str, i64)] = &[
    ("DE", "Berlin", 2_950_159),
    ("DE", "Frankfurt am Main", 2_925_533),
    ("DE", "Hamburg", 2_911_298),
    ("DE", "Munich", 2_867_714),
    ("DE", "Cologne", 2_886_242),
    ("NL", "Amsterdam", 2_759_794),
    ("NL", "Rotterdam", 2_747_891),
    ("US", "New York City", 5_128_581),
    ("US", "San Francisco", 5_391_959),
    ("US", "Seattle", 5_809_844),
    ("US", "Chicago", 4_887_398),
    ("US", "Ashburn", 4_744_870),
    ("GB", "London", 2_643_743),
    ("GB", "Manchester", 2_643_123),
    ("FR", "Paris", 2_988_507),
    ("FR", "Lyon", 2_996_944),
    ("PL", "Warsaw", 756_135),
    ("PL", "Kraków", 3_094_802),
    ("JP", "Tokyo", 1_850_147),
    ("JP", "Osaka", 1_853_909),
    ("BR", "São Paulo", 3_448_439),
    ("CH", "Zürich", 2_657_896),
    ("SG", "Singapore", 1_880_252),
    ("AU", "Sydney", 2_147_714),
    ("CA", "Toronto", 6_167_865),
    ("IN", "Bengaluru", 1_277_333),
];

fn country_code_ok(c: &str) -> bool {
    c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic())
}

/// No permission check in the real handler: any signed-in user may list them.
pub fn countries(ctx: &mut Ctx) -> Out {
    if !ctx.st.geo {
        return Err(ApiError::new(412, GEO_MISSING_SHORT));
    }
    let v: Vec<_> = COUNTRIES
        .iter()
        .map(|(c, n)| serde_json::json!({"country_code": c, "country_name": n}))
        .collect();
    json(&v)
}

pub fn cities(ctx: &mut Ctx) -> Out {
    let code = ctx.param(0);
    if !country_code_ok(&code) {
        return Err(ApiError::invalid("invalid country code"));
    }
    if !ctx.st.geo {
        return Err(ApiError::new(412, GEO_MISSING));
    }
    // The store compares the code as given (the database holds upper case).
    let v: Vec<_> = CITIES
        .iter()
        .filter(|(c, _, _)| *c == code)
        .map(|(_, n, id)| serde_json::json!({"city_name": n, "geoname_id": id}))
        .collect();
    json(&v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_like_hashicorp() {
        for ok in [
            "0.25.0",
            "v1.2",
            "6.8.0-45-generic",
            "10.0.19045",
            "1",
            "1.2.3-rc1+b5",
        ] {
            assert!(go_version_valid(ok), "{ok}");
        }
        for bad in ["", "abc", "1..2", "1.2.", " 1.2", "99999999999999999999.1"] {
            assert!(!go_version_valid(bad), "{bad}");
        }
        assert!(go_semver_valid("0.59.1"));
        assert!(go_semver_valid("v1.2"));
        assert!(!go_semver_valid("1.2.3.4"));
        assert!(!go_semver_valid("latest-ish"));
    }
}
