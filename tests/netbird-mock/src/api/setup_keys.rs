//! `/api/setup-keys`, as `management/server/setupkey.go` in netbirdio/netbird answers it.

use super::{empty, json, ApiError, Ctx, Out};
use crate::state::{Op, SetupKey, State};
use crate::util::{now, Ts, SECOND, ZERO_TIME};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Default)]
pub struct CreateSetupKeyRequest {
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub expires_in: Option<i64>,
    pub auto_groups: Option<Vec<String>>,
    pub usage_limit: Option<i64>,
    pub ephemeral: Option<bool>,
    pub allow_extra_dns_labels: Option<bool>,
}

#[derive(Deserialize, Default)]
pub struct SetupKeyRequest {
    pub revoked: Option<bool>,
    pub auto_groups: Option<Vec<String>>,
}

#[derive(Serialize)]
pub struct SetupKeyView<'a> {
    pub id: &'a str,
    pub key: String,
    pub name: &'a str,
    #[serde(serialize_with = "crate::util::ser_ts")]
    pub expires: Ts,
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub valid: bool,
    pub revoked: bool,
    pub used_times: i64,
    #[serde(serialize_with = "crate::util::ser_ts")]
    pub last_used: Ts,
    pub state: &'static str,
    pub auto_groups: &'a Vec<String>,
    #[serde(serialize_with = "crate::util::ser_ts")]
    pub updated_at: Ts,
    pub usage_limit: i64,
    pub ephemeral: bool,
    pub allow_extra_dns_labels: bool,
}

pub fn view(k: &SetupKey, clear: bool) -> SetupKeyView<'_> {
    let now = now();
    let state = k.state(now);
    SetupKeyView {
        id: &k.id,
        key: if clear {
            k.key.clone()
        } else {
            format!("{}****", k.key.chars().take(5).collect::<String>())
        },
        name: &k.name,
        expires: k.expires,
        kind: &k.kind,
        valid: state == "valid",
        revoked: k.revoked,
        used_times: k.used_times,
        last_used: k.last_used,
        state,
        auto_groups: &k.auto_groups,
        updated_at: k.updated_at,
        usage_limit: k.usage_limit,
        ephemeral: k.ephemeral,
        allow_extra_dns_labels: k.allow_extra_dns_labels,
    }
}

fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("setup key: {id} not found"))
}

fn validate_auto_groups(st: &State, ids: &[String]) -> Result<(), ApiError> {
    for id in ids {
        let Some(g) = st.groups.get(id) else {
            return Err(ApiError::invalid(format!(
                "invalid auto groups: group not found: {id}"
            )));
        };
        if g.name == "All" {
            return Err(ApiError::invalid(
                "invalid auto groups: can't add 'all' group to the setup key",
            ));
        }
    }
    Ok(())
}

pub fn list(ctx: &mut Ctx) -> Out {
    ctx.allow("setup_keys", Op::Read)?;
    let v: Vec<SetupKeyView> = ctx.st.setup_keys.iter().map(|k| view(k, false)).collect();
    json(&v)
}

pub fn get(ctx: &mut Ctx) -> Out {
    ctx.allow("setup_keys", Op::Read)?;
    let id = ctx.param(0);
    let k = ctx.st.setup_keys.get(&id).ok_or_else(|| not_found(&id))?;
    json(&view(k, false))
}

pub fn create(ctx: &mut Ctx) -> Out {
    let req: CreateSetupKeyRequest = ctx.decode()?;
    let name = req.name.unwrap_or_default();
    if name.is_empty() {
        return Err(ApiError::invalid("setup key name shouldn't be empty"));
    }
    let kind = req.kind.unwrap_or_default();
    if kind != "reusable" && kind != "one-off" {
        return Err(ApiError::invalid(format!("unknown setup key type {kind}")));
    }
    // The handler's order: the one-off usage limit is checked before the expiry.
    let mut usage_limit = req.usage_limit.unwrap_or_default();
    if kind == "one-off" {
        if usage_limit > 1 {
            return Err(ApiError::invalid(format!(
                "usage_limit {usage_limit} is not valid for a one-off setup key, which can be used once; use type reusable for a key that can be used more than once"
            )));
        }
        usage_limit = 1;
    }
    let expires_in = req.expires_in.unwrap_or_default();
    if expires_in < 0 {
        return Err(ApiError::invalid("expiresIn can not be in the past"));
    }
    let auto_groups = req.auto_groups.unwrap_or_default();
    ctx.allow("setup_keys", Op::Create)?;
    validate_auto_groups(ctx.st, &auto_groups)?;
    let id = ctx.st.new_id();
    let key = ctx.st.rng.uuid_upper();
    let now = now();
    let k = SetupKey {
        id: id.clone(),
        name: name.clone(),
        key,
        kind,
        expires: if expires_in == 0 {
            ZERO_TIME
        } else {
            now.saturating_add(expires_in.saturating_mul(SECOND))
        },
        revoked: false,
        used_times: 0,
        last_used: ZERO_TIME,
        auto_groups,
        updated_at: now,
        usage_limit,
        ephemeral: req.ephemeral.unwrap_or_default(),
        allow_extra_dns_labels: req.allow_extra_dns_labels.unwrap_or_default(),
    };
    ctx.st.setup_keys.insert(k);
    ctx.record("setupkey.add", &id, vec![("name", name)]);
    json(&view(ctx.st.setup_keys.get(&id).unwrap(), true))
}

/// `updateSetupKey` then `SaveSetupKey`: only `auto_groups` and `revoked` (false → true) change.
pub fn update(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    let req: SetupKeyRequest = ctx.decode()?;
    let Some(auto_groups) = req.auto_groups else {
        return Err(ApiError::invalid("setup key AutoGroups field is invalid"));
    };
    ctx.allow("setup_keys", Op::Update)?;
    validate_auto_groups(ctx.st, &auto_groups)?;
    if !ctx.st.setup_keys.contains(&id) {
        return Err(not_found(&id));
    }
    let revoked = req.revoked.unwrap_or_default();
    let k = ctx.st.setup_keys.get(&id).unwrap();
    if k.revoked && !revoked {
        return Err(ApiError::invalid("can't un-revoke a revoked setup key"));
    }
    let newly_revoked = !k.revoked && revoked;
    let name = k.name.clone();
    let k = ctx.st.setup_keys.get_mut(&id).unwrap();
    k.auto_groups = auto_groups;
    k.revoked = revoked;
    k.updated_at = now();
    if newly_revoked {
        ctx.record("setupkey.revoke", &id, vec![("name", name.clone())]);
    }
    ctx.record("setupkey.update", &id, vec![("name", name)]);
    json(&view(ctx.st.setup_keys.get(&id).unwrap(), false))
}

pub fn delete(ctx: &mut Ctx) -> Out {
    ctx.allow("setup_keys", Op::Delete)?;
    let id = ctx.param(0);
    let k = ctx
        .st
        .setup_keys
        .remove(&id)
        .ok_or_else(|| not_found(&id))?;
    ctx.record("setupkey.delete", &id, vec![("name", k.name)]);
    empty()
}
