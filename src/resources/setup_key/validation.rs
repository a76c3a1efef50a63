//! The setup key forms' rules: what `POST /api/setup-keys` and `PUT /api/setup-keys/{id}`
//! check (netbirdio/netbird: the setup keys handler, `CreateSetupKey`, `SaveSetupKey` and
//! `validateSetupKeyAutoGroups` in `management/server/setupkey.go`, `GenerateSetupKey` in
//! `management/server/types/setupkey.go`), with the same meaning.
//!
//! A key is created once; afterwards only its auto groups change and it can be revoked, which
//! is irreversible. `expires_in` is in SECONDS (0: never expires). A one-off key is used once
//! whatever its usage limit; the server refuses a limit above 1 for it. Usage limit 0 means
//! unlimited.
//!
//! Deliberately stricter than the server:
//! - a name of only spaces is refused (the server checks only for `""`);
//! - the expiry is 1 to 365 days, or never (the server refuses only negative values; the
//!   API's own description gives 1 day to 1 year);
//! - the usage limit is digits only, at most 2,147,483,647 (the server takes any integer, and
//!   treats a negative one as unlimited);
//! - a group chosen twice is sent once.

use crate::base::field_errors::FieldErrors;
use crate::base::i18n::{t, tf};
use crate::base::json::FromJson;
use crate::base::stale::FieldSpec;
use crate::resources::{Group, SetupKey};
use serde::Serialize;
use std::collections::HashSet;

pub const ONE_OFF: &str = "one-off";
pub const REUSABLE: &str = "reusable";
pub const SECONDS_PER_DAY: i64 = 86_400;
pub const MIN_EXPIRY_DAYS: i64 = 1;
pub const MAX_EXPIRY_DAYS: i64 = 365;
/// The server's default key lifetime (`DefaultSetupKeyDuration`), the form's too.
pub const DEFAULT_EXPIRY_DAYS: i64 = 30;
pub const MAX_USAGE_LIMIT: i64 = i32::MAX as i64;

/// What the create form holds: text as typed, choices as IDs.
#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct SetupKeyDraft {
    pub name: String,
    /// `one-off` or `reusable`.
    pub key_type: String,
    /// As typed; empty or 0: unlimited.
    pub usage_limit: String,
    /// As typed, in days.
    pub expires_days: String,
    pub never_expires: bool,
    pub auto_groups: Vec<String>,
    pub ephemeral: bool,
    pub allow_extra_dns_labels: bool,
}

impl Default for SetupKeyDraft {
    fn default() -> Self {
        SetupKeyDraft {
            name: String::new(),
            key_type: REUSABLE.into(),
            usage_limit: "0".into(),
            expires_days: DEFAULT_EXPIRY_DAYS.to_string(),
            never_expires: false,
            auto_groups: Vec::new(),
            ephemeral: false,
            allow_extra_dns_labels: false,
        }
    }
}

/// The body of `POST /api/setup-keys`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CreateSetupKeyRequest {
    pub name: String,
    #[serde(rename = "type")]
    pub key_type: String,
    /// Seconds; 0: never expires.
    pub expires_in: i64,
    pub auto_groups: Vec<String>,
    /// 0: unlimited.
    pub usage_limit: i64,
    pub ephemeral: bool,
    pub allow_extra_dns_labels: bool,
}

/// The body of `PUT /api/setup-keys/{id}`: all that can change. `auto_groups` is always a list
/// (the server refuses `null`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct SetupKeyUpdate {
    pub auto_groups: Vec<String>,
    pub revoked: bool,
}

/// The update that stores `key` unchanged.
pub fn update_of(key: &SetupKey) -> SetupKeyUpdate {
    SetupKeyUpdate {
        auto_groups: key.auto_groups.clone(),
        revoked: key.revoked,
    }
}

/// The fields of a setup key update, in form order, with the label the form gives them.
pub const SETUP_KEY_FIELDS: &[FieldSpec] = &[
    FieldSpec::named("auto_groups", "Auto-assigned groups"),
    FieldSpec::new("revoked", "Revoked"),
];

/// The command that registers a machine with the key.
pub fn install_command(key: &str) -> String {
    format!("netbird up --setup-key {key}")
}

fn check_usage_limit(text: &str, key_type: &str) -> Result<i64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(t(
            "The usage limit is a whole number: digits only (0 means unlimited).",
        ));
    }
    let limit = text
        .parse::<i64>()
        .ok()
        .filter(|&n| n <= MAX_USAGE_LIMIT)
        .ok_or_else(|| {
            tf(
                "The usage limit can be at most {max}.",
                &[("max", &MAX_USAGE_LIMIT.to_string())],
            )
        })?;
    if key_type == ONE_OFF && limit > 1 {
        return Err(t(
            "A one-off key is used once: set the usage limit to 0 or 1, or make the key reusable.",
        ));
    }
    Ok(limit)
}

fn check_expiry(draft: &SetupKeyDraft) -> Result<i64, String> {
    if draft.never_expires {
        return Ok(0);
    }
    let text = draft.expires_days.trim();
    if text.is_empty() {
        return Err(t(
            "Enter after how many days the key expires (1 to 365), or choose never.",
        ));
    }
    match text.parse::<i64>() {
        Ok(days)
            if text.bytes().all(|b| b.is_ascii_digit())
                && (MIN_EXPIRY_DAYS..=MAX_EXPIRY_DAYS).contains(&days) =>
        {
            Ok(days * SECONDS_PER_DAY)
        }
        _ => Err(t(
            "The key expires after a whole number of days, from 1 to 365.",
        )),
    }
}

/// `validateSetupKeyAutoGroups`: every group exists and none is `All`. Ok: each ID once.
fn check_auto_groups(ids: &[String], groups: &[Group]) -> Result<Vec<String>, String> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if id.is_empty() {
            return Err(t(
                "One of the selected groups has an empty ID; choose again.",
            ));
        }
        let Some(group) = groups.iter().find(|g| &g.id == id) else {
            return Err(tf(
                "The group {id} no longer exists; choose again.",
                &[("id", id)],
            ));
        };
        if group.is_all() {
            return Err(t(
                "Every peer is in the All group already: remove it from the auto-assigned groups.",
            ));
        }
        if seen.insert(id.as_str()) {
            out.push(id.clone());
        }
    }
    Ok(out)
}

/// The create form's checks. `groups`: the account's groups. Ok: the body to send.
pub fn validate(
    draft: &SetupKeyDraft,
    groups: &[Group],
) -> Result<CreateSetupKeyRequest, FieldErrors> {
    let mut errs = FieldErrors::default();
    if draft.name.trim().is_empty() {
        errs.insert("name", t("Enter a name for the setup key."));
    }
    if draft.key_type != ONE_OFF && draft.key_type != REUSABLE {
        errs.insert("type", t("Choose the key type: one-off or reusable."));
    }
    let usage_limit = check_usage_limit(&draft.usage_limit, &draft.key_type).unwrap_or_else(|m| {
        errs.insert("usage_limit", m);
        0
    });
    let expires_in = check_expiry(draft).unwrap_or_else(|m| {
        errs.insert("expires_in", m);
        0
    });
    let auto_groups = check_auto_groups(&draft.auto_groups, groups).unwrap_or_else(|m| {
        errs.insert("auto_groups", m);
        Vec::new()
    });
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(CreateSetupKeyRequest {
        name: draft.name.clone(),
        key_type: draft.key_type.clone(),
        expires_in,
        auto_groups,
        usage_limit,
        ephemeral: draft.ephemeral,
        allow_extra_dns_labels: draft.allow_extra_dns_labels,
    })
}

/// The edit form's checks: `loaded` is the key as the form loaded it, `draft` the update.
/// Ok: the body to send.
pub fn validate_update(
    loaded: &SetupKey,
    draft: &SetupKeyUpdate,
    groups: &[Group],
) -> Result<SetupKeyUpdate, FieldErrors> {
    let mut errs = FieldErrors::default();
    if loaded.revoked && !draft.revoked {
        errs.insert(
            "revoked",
            t("A revoked key cannot be un-revoked: create a new key instead."),
        );
    }
    let auto_groups = check_auto_groups(&draft.auto_groups, groups).unwrap_or_else(|m| {
        errs.insert("auto_groups", m);
        Vec::new()
    });
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(SetupKeyUpdate {
        auto_groups,
        revoked: draft.revoked,
    })
}

/// The control a server error message (the body's `message`, lowercased by the server)
/// concerns, if any.
pub fn server_error_field(message: &str) -> Option<&'static str> {
    let m = message.to_lowercase();
    if m.contains("setup key name shouldn't be empty") {
        Some("name")
    } else if m.starts_with("unknown setup key type") {
        Some("type")
    } else if m.starts_with("usage_limit") {
        Some("usage_limit")
    } else if m.starts_with("expiresin") {
        Some("expires_in")
    } else if m.starts_with("invalid auto groups") || m.contains("autogroups field is invalid") {
        Some("auto_groups")
    } else if m.contains("un-revoke") {
        Some("revoked")
    } else {
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

    fn draft() -> SetupKeyDraft {
        SetupKeyDraft {
            name: "ci".into(),
            ..SetupKeyDraft::default()
        }
    }

    fn fields(r: Result<CreateSetupKeyRequest, FieldErrors>) -> Vec<&'static str> {
        r.err().map(|e| e.fields().collect()).unwrap_or_default()
    }

    #[test]
    fn the_default_key_is_the_servers() {
        // `GenerateDefaultSetupKey`: reusable, unlimited, 30 days.
        let r = validate(&draft(), &groups()).unwrap();
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::json!({"name":"ci","type":"reusable","expires_in":2_592_000,"auto_groups":[],
                "usage_limit":0,"ephemeral":false,"allow_extra_dns_labels":false})
        );
    }

    #[test]
    fn expiry_in_seconds() {
        let g = groups();
        let days = |d: &str| SetupKeyDraft {
            expires_days: d.into(),
            ..draft()
        };
        assert_eq!(validate(&days("1"), &g).unwrap().expires_in, 86_400);
        assert_eq!(validate(&days(" 365 "), &g).unwrap().expires_in, 31_536_000);
        for bad in ["", "0", "366", "-1", "1.5", "+3", "x"] {
            assert_eq!(fields(validate(&days(bad), &g)), ["expires_in"], "{bad:?}");
        }
        let never = SetupKeyDraft {
            never_expires: true,
            ..days("nonsense")
        };
        assert_eq!(validate(&never, &g).unwrap().expires_in, 0);
    }

    #[test]
    fn usage_limits() {
        let g = groups();
        let limit = |t: &str, n: &str| SetupKeyDraft {
            key_type: t.into(),
            usage_limit: n.into(),
            ..draft()
        };
        assert_eq!(
            validate(&limit(REUSABLE, "25"), &g).unwrap().usage_limit,
            25
        );
        assert_eq!(validate(&limit(REUSABLE, ""), &g).unwrap().usage_limit, 0);
        assert_eq!(validate(&limit(ONE_OFF, "1"), &g).unwrap().usage_limit, 1);
        assert_eq!(validate(&limit(ONE_OFF, "0"), &g).unwrap().usage_limit, 0);
        // The server's `usage_limit 2 is not valid for a one-off setup key, …`.
        assert_eq!(fields(validate(&limit(ONE_OFF, "2"), &g)), ["usage_limit"]);
        for bad in ["-1", "1.0", "ten", "2147483648"] {
            assert_eq!(
                fields(validate(&limit(REUSABLE, bad), &g)),
                ["usage_limit"],
                "{bad:?}"
            );
        }
        assert!(validate(&limit(REUSABLE, "2147483647"), &g).is_ok());
    }

    #[test]
    fn names_types_and_groups() {
        let g = groups();
        let named = |n: &str| SetupKeyDraft {
            name: n.into(),
            ..draft()
        };
        assert_eq!(fields(validate(&named(""), &g)), ["name"]);
        assert_eq!(fields(validate(&named("  "), &g)), ["name"]);
        let typed = SetupKeyDraft {
            key_type: "Reusable".into(),
            ..draft()
        };
        assert_eq!(fields(validate(&typed, &g)), ["type"]);
        let with = |ids: &[&str]| SetupKeyDraft {
            auto_groups: ids.iter().map(|s| s.to_string()).collect(),
            ..draft()
        };
        assert_eq!(
            validate(&with(&["g1", "g2", "g1"]), &g)
                .unwrap()
                .auto_groups,
            ["g1", "g2"]
        );
        for bad in [&["gall"][..], &["g1", "nope"], &[""]] {
            assert_eq!(fields(validate(&with(bad), &g)), ["auto_groups"], "{bad:?}");
        }
        let all = validate(&with(&["gall"]), &g).unwrap_err();
        assert!(all.get("auto_groups").unwrap().contains("All"));
        let everything = SetupKeyDraft {
            name: String::new(),
            key_type: "x".into(),
            usage_limit: "y".into(),
            expires_days: "0".into(),
            auto_groups: vec!["nope".into()],
            ..draft()
        };
        assert_eq!(
            fields(validate(&everything, &g)),
            ["auto_groups", "expires_in", "name", "type", "usage_limit"]
        );
    }

    #[test]
    fn revoking_is_for_good() {
        let g = groups();
        let key = SetupKey {
            id: "k".into(),
            auto_groups: vec!["g1".into()],
            ..SetupKey::default()
        };
        let mut u = update_of(&key);
        assert_eq!(
            serde_json::to_value(&u).unwrap(),
            serde_json::json!({"auto_groups":["g1"],"revoked":false})
        );
        u.revoked = true;
        u.auto_groups.push("g2".into());
        assert_eq!(validate_update(&key, &u, &g), Ok(u.clone()));
        let revoked = SetupKey {
            revoked: true,
            ..key.clone()
        };
        let back = SetupKeyUpdate {
            revoked: false,
            ..update_of(&revoked)
        };
        let e = validate_update(&revoked, &back, &g).unwrap_err();
        assert_eq!(
            e.get("revoked"),
            Some("A revoked key cannot be un-revoked: create a new key instead.")
        );
        // A revoked key's groups can still change.
        let regroup = SetupKeyUpdate {
            auto_groups: vec!["g2".into()],
            revoked: true,
        };
        assert!(validate_update(&revoked, &regroup, &g).is_ok());
        let bad = SetupKeyUpdate {
            auto_groups: vec!["gall".into()],
            revoked: false,
        };
        assert_eq!(
            validate_update(&key, &bad, &g)
                .unwrap_err()
                .fields()
                .collect::<Vec<_>>(),
            ["auto_groups"]
        );
        // An empty list is sent as a list, never null.
        let none = validate_update(&key, &SetupKeyUpdate::default(), &g).unwrap();
        assert_eq!(
            serde_json::to_value(none).unwrap()["auto_groups"],
            serde_json::json!([])
        );
    }

    #[test]
    fn install_command_names_the_key() {
        assert_eq!(
            install_command("A6160F5E-8D79-4C3D-9F2E-0B4D5B8C1A77"),
            "netbird up --setup-key A6160F5E-8D79-4C3D-9F2E-0B4D5B8C1A77"
        );
    }

    #[test]
    fn server_messages_map_to_fields() {
        let table = [
            ("setup key name shouldn't be empty", Some("name")),
            ("unknown setup key type reusablee", Some("type")),
            (
                "usage_limit 5 is not valid for a one-off setup key, which can be used once; use type reusable for a key that can be used more than once",
                Some("usage_limit"),
            ),
            ("expiresin can not be in the past", Some("expires_in")),
            ("invalid auto groups: group not found: g9", Some("auto_groups")),
            (
                "invalid auto groups: can't add 'all' group to the setup key",
                Some("auto_groups"),
            ),
            ("setup key autogroups field is invalid", Some("auto_groups")),
            ("can't un-revoke a revoked setup key", Some("revoked")),
            ("setup key: k9 not found", None),
            ("couldn't parse json request", None),
        ];
        for (msg, want) in table {
            assert_eq!(server_error_field(msg), want, "{msg}");
        }
    }
}
