use crate::base::json::FromJson;
use serde::Serialize;

/// `{min_version}`: the NetBird client check, and macOS, iOS and Android in the OS check.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct MinVersion {
    pub min_version: String,
}

/// `{min_kernel_version}`: Linux and Windows in the OS check.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct MinKernelVersion {
    pub min_kernel_version: String,
}

/// Per operating system, the least version a peer needs. An OS left out is blocked; `"0"`
/// lets every version through.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct OsVersionCheck {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub android: Option<MinVersion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub darwin: Option<MinVersion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ios: Option<MinVersion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linux: Option<MinKernelVersion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub windows: Option<MinKernelVersion>,
}

/// A country (ISO 3166-1 alpha-2, as the geo database writes it: upper case), and a city in
/// it or "" for the whole country.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct Location {
    pub country_code: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub city_name: String,
}

/// `allow`: only peers in these places pass; `deny`: peers there fail.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct GeoLocationCheck {
    pub locations: Vec<Location>,
    pub action: String,
}

/// `allow`: only peers with an address in one of the ranges pass; `deny`: those fail.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct PeerNetworkRangeCheck {
    /// CIDRs.
    pub ranges: Vec<String>,
    pub action: String,
}

/// A process that must be running, by its path on each OS ("" where not checked).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct Process {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub linux_path: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub mac_path: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub windows_path: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct ProcessCheck {
    pub processes: Vec<Process>,
}

/// The kinds of check a posture check holds; an absent kind is not checked (and is left out
/// when written).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct Checks {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nb_version_check: Option<MinVersion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os_version_check: Option<OsVersionCheck>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geo_location_check: Option<GeoLocationCheck>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer_network_range_check: Option<PeerNetworkRangeCheck>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub process_check: Option<ProcessCheck>,
}

impl Checks {
    /// How many kinds are on.
    pub fn count(&self) -> usize {
        [
            self.nb_version_check.is_some(),
            self.os_version_check.is_some(),
            self.geo_location_check.is_some(),
            self.peer_network_range_check.is_some(),
            self.process_check.is_some(),
        ]
        .into_iter()
        .filter(|on| *on)
        .count()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct PostureCheck {
    pub id: String,
    pub name: String,
    pub description: String,
    pub checks: Checks,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::json::decode_str;

    #[test]
    fn every_kind_is_read() {
        // As the server writes one (`ToAPIResponse`): a process's paths are all present.
        let c: PostureCheck = decode_str(
            r#"{"id":"pc1","name":"hardened","description":"d","checks":{
            "nb_version_check":{"min_version":"0.28.0"},
            "os_version_check":{"darwin":{"min_version":"14.0"},"linux":{"min_kernel_version":"5.10"}},
            "geo_location_check":{"locations":[{"country_code":"DE"},{"country_code":"FR","city_name":"Paris"}],"action":"allow"},
            "peer_network_range_check":{"ranges":["10.0.0.0/8","2001:db8::/32"],"action":"deny"},
            "process_check":{"processes":[{"linux_path":"/usr/bin/av","mac_path":"","windows_path":""}]}}}"#,
        )
        .unwrap();
        let k = &c.checks;
        assert_eq!(k.count(), 5);
        assert_eq!(k.nb_version_check.as_ref().unwrap().min_version, "0.28.0");
        let os = k.os_version_check.as_ref().unwrap();
        assert_eq!(os.darwin.as_ref().unwrap().min_version, "14.0");
        assert_eq!(os.linux.as_ref().unwrap().min_kernel_version, "5.10");
        assert!(os.windows.is_none() && os.ios.is_none() && os.android.is_none());
        let geo = k.geo_location_check.as_ref().unwrap();
        assert_eq!(geo.locations[1].city_name, "Paris");
        assert_eq!(geo.locations[0].city_name, "");
        assert_eq!(k.peer_network_range_check.as_ref().unwrap().ranges.len(), 2);
        assert_eq!(
            k.process_check.as_ref().unwrap().processes[0].linux_path,
            "/usr/bin/av"
        );
        // Written back, absent kinds, OSes, cities and paths are left out.
        let w = serde_json::to_value(&c.checks).unwrap();
        assert_eq!(
            w["os_version_check"],
            serde_json::json!({"darwin":{"min_version":"14.0"},"linux":{"min_kernel_version":"5.10"}})
        );
        assert_eq!(
            w["geo_location_check"]["locations"][0],
            serde_json::json!({"country_code":"DE"})
        );
        assert_eq!(
            w["process_check"]["processes"][0],
            serde_json::json!({"linux_path":"/usr/bin/av"})
        );
    }

    #[test]
    fn absent_and_null_kinds_are_none() {
        let c: PostureCheck =
            decode_str(r#"{"id":"pc","name":"n","checks":{"nb_version_check":null}}"#).unwrap();
        assert_eq!(c.checks, Checks::default());
        assert_eq!(c.checks.count(), 0);
        assert_eq!(
            serde_json::to_value(&c.checks).unwrap(),
            serde_json::json!({})
        );
        let c: PostureCheck = decode_str(
            r#"{"id":"pc","name":"n","checks":{"geo_location_check":{"locations":null,"action":"deny"}}}"#,
        )
        .unwrap();
        assert!(c.checks.geo_location_check.unwrap().locations.is_empty());
    }
}
