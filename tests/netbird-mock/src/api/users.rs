//! `/api/users`, `/api/users/current`, `/api/users/{id}/tokens`, as `management/server/user.go`
//! in netbirdio/netbird answers them (with the role grants of `management/server/permissions`).

use super::{empty, json, ApiError, Ctx, Out};
use crate::pat;
use crate::state::{grants, parse_role, Op, Pat, State, User, MODULES};
use crate::util::{now, Ts, DAY};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[derive(Serialize)]
pub struct UserView<'a> {
    pub id: &'a str,
    pub email: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    pub status: &'static str,
    #[serde(serialize_with = "crate::util::ser_ts")]
    pub last_login: Ts,
    pub auto_groups: &'a Vec<String>,
    pub is_current: bool,
    pub is_service_user: bool,
    pub is_blocked: bool,
    pub pending_approval: bool,
    pub issued: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Value>,
}

pub fn view<'a>(u: &'a User, caller: &str) -> UserView<'a> {
    UserView {
        id: &u.id,
        email: &u.email,
        name: &u.name,
        role: &u.role,
        status: if u.is_blocked {
            "blocked"
        } else if u.invited {
            "invited"
        } else {
            "active"
        },
        last_login: u.last_login,
        auto_groups: &u.auto_groups,
        is_current: u.id == caller,
        is_service_user: u.is_service_user,
        is_blocked: u.is_blocked,
        pending_approval: u.pending_approval,
        issued: &u.issued,
        permissions: None,
    }
}

/// The `permissions` object of `/api/users/current`.
pub fn permissions(st: &State, u: &User) -> Value {
    let mut modules = Map::new();
    for m in MODULES {
        if let Some(g) = grants(&u.role, m) {
            modules.insert(
                m.to_string(),
                serde_json::json!({"create": g[0], "read": g[1], "update": g[2], "delete": g[3]}),
            );
        }
    }
    let restricted = st.account.settings.regular_users_view_blocked
        && matches!(u.role.as_str(), "user" | "billing_admin");
    serde_json::json!({"is_restricted": restricted, "modules": modules})
}

pub fn list(ctx: &mut Ctx) -> Out {
    let filter = match ctx.query("service_user") {
        None => None,
        Some(v) => Some(
            parse_bool(v)
                .ok_or_else(|| ApiError::invalid("invalid service_user query parameter"))?,
        ),
    };
    let caller = ctx.caller.clone();
    let all = ctx.can("users", Op::Read);
    let v: Vec<UserView> = ctx
        .st
        .users
        .iter()
        .filter(|u| all || u.id == caller)
        .filter(|u| filter.is_none_or(|f| u.is_service_user == f))
        .map(|u| view(u, &caller))
        .collect();
    json(&v)
}

/// Go's `strconv.ParseBool`.
fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

pub fn current(ctx: &mut Ctx) -> Out {
    let u = ctx.user();
    if u.is_service_user {
        return Err(ApiError::denied());
    }
    let mut v = view(u, &ctx.caller);
    v.permissions = Some(permissions(ctx.st, u));
    json(&v)
}

#[derive(Deserialize, Default)]
pub struct UserCreateRequest {
    pub email: Option<String>,
    pub name: Option<String>,
    pub role: Option<String>,
    pub auto_groups: Option<Vec<String>>,
    pub is_service_user: Option<bool>,
}

#[derive(Deserialize, Default)]
pub struct UserRequest {
    pub role: Option<String>,
    pub auto_groups: Option<Vec<String>>,
    pub is_blocked: Option<bool>,
}

/// The update's auto-group checks (`validateUserUpdate`).
fn check_auto_groups(st: &State, user_id: &str, ids: &[String]) -> Result<(), String> {
    for id in ids {
        let Some(g) = st.groups.get(id) else {
            return Err(format!(
                "provided group ID {id} in the user {user_id} update doesn't exist"
            ));
        };
        if g.name == "All" {
            return Err("can't add All group to the user".into());
        }
    }
    Ok(())
}

/// `inviteNewUser` and `InviteUser` without an IdP manager.
const NO_IDP: &str = "IdP manager must be enabled to send user invites";

pub fn create(ctx: &mut Ctx) -> Out {
    let req: UserCreateRequest = ctx.decode()?;
    let role_s = req.role.unwrap_or_default();
    let role = parse_role(&role_s)
        .ok_or_else(|| ApiError::invalid(format!("unknown user role {role_s}")))?;
    let svc = req.is_service_user.unwrap_or_default();
    let name = req.name.unwrap_or_default();
    let email = req.email.unwrap_or_default();
    // Neither path checks the auto groups (`createServiceUser`, `inviteNewUser`).
    let auto_groups = req.auto_groups.unwrap_or_default();
    if svc {
        // createServiceUser: permission first, then the role.
        ctx.allow("users", Op::Create)?;
        if role == "owner" {
            return Err(ApiError::invalid(
                "can't create a service user with owner role",
            ));
        }
    } else {
        // inviteNewUser: the IdP manager first, then validateUserInvite, then permission.
        if !ctx.st.idp {
            return Err(ApiError::new(412, NO_IDP));
        }
        if name.is_empty() {
            return Err(ApiError::invalid("name can't be empty"));
        }
        if email.is_empty() {
            return Err(ApiError::invalid("email can't be empty"));
        }
        if role == "owner" {
            return Err(ApiError::invalid("can't invite a user with owner role"));
        }
        ctx.allow("users", Op::Create)?;
        if ctx
            .st
            .users
            .iter()
            .any(|u| u.email.eq_ignore_ascii_case(&email))
        {
            return Err(ApiError::new(
                409,
                "can't invite a user with an existing NetBird account",
            ));
        }
    }
    let id = if svc {
        ctx.st.rng.uuid_upper().to_lowercase()
    } else {
        let digits: String = (0..21)
            .map(|_| (b'0' + ctx.st.rng.below(10) as u8) as char)
            .collect();
        format!("google-oauth2|{digits}")
    };
    ctx.st.users.insert(User {
        id: id.clone(),
        email: if svc { String::new() } else { email.clone() },
        name: name.clone(),
        role,
        auto_groups,
        is_blocked: false,
        pending_approval: false,
        is_service_user: svc,
        issued: "api".into(),
        last_login: crate::util::ZERO_TIME,
        invited: !svc,
    });
    if svc {
        ctx.record("service.user.create", &id, vec![("name", name)]);
    } else {
        ctx.record("user.invite", &id, vec![]);
    }
    let caller = ctx.caller.clone();
    json(&view(ctx.st.users.get(&id).unwrap(), &caller))
}

fn user_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("user: {id} not found"))
}

/// `validateUserUpdate`: the 403s, in the server's order.
fn check_update(me: &User, old: &User, role: &str, blocked: bool) -> Result<(), String> {
    let admin_power = matches!(me.role.as_str(), "owner" | "admin");
    if !admin_power {
        return Err("only admins and owners can update users".into());
    }
    if me.id == old.id && old.is_blocked != blocked {
        return Err("admins can't block or unblock themselves".into());
    }
    if me.id == old.id && role != me.role {
        return Err("admins can't change their role".into());
    }
    if me.role != "owner" && old.role == "owner" && role != old.role {
        return Err("only owners can remove owner role from their user".into());
    }
    if old.role == "owner" && blocked && !old.is_blocked {
        return Err("unable to block owner user".into());
    }
    if me.role != "owner" && role == "owner" && role != old.role {
        return Err("only owners can add owner role to other users".into());
    }
    if old.is_service_user && role == "owner" {
        return Err("can't update a service user with owner role".into());
    }
    Ok(())
}

pub fn update(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    // The handler reads the target before the body.
    let old = ctx
        .st
        .users
        .get(&id)
        .cloned()
        .ok_or_else(|| user_not_found(&id))?;
    let req: UserRequest = ctx.decode()?;
    let Some(auto_groups) = req.auto_groups else {
        return Err(ApiError::raw(400, "auto_groups field can't be absent"));
    };
    let role = parse_role(req.role.as_deref().unwrap_or(""))
        .ok_or_else(|| ApiError::invalid("invalid user role"))?;
    let blocked = req.is_blocked.unwrap_or_default();
    // SaveOrAddUsers checks `users:create` (a TODO in the server says so).
    ctx.allow("users", Op::Create)?;
    let me = ctx.user().clone();
    // processUserUpdate's errors come back wrapped by the transaction, and lowercased.
    let wrap = |status: u16, e: String| {
        ApiError::new(
            status,
            format!("failed to process update for user {id}: {e}"),
        )
    };
    check_update(&me, &old, &role, blocked).map_err(|e| wrap(403, e))?;
    check_auto_groups(ctx.st, &id, &auto_groups).map_err(|e| wrap(422, e))?;
    // handleOwnerRoleTransfer: the owner who hands the role on becomes an admin.
    let transferred = me.role == "owner" && me.id != id && role == "owner";
    if transferred {
        if let Some(u) = ctx.st.users.get_mut(&me.id) {
            u.role = "admin".into();
        }
    }
    let added: Vec<String> = auto_groups
        .iter()
        .filter(|g| !old.auto_groups.contains(g))
        .cloned()
        .collect();
    let removed: Vec<String> = old
        .auto_groups
        .iter()
        .filter(|g| !auto_groups.contains(g))
        .cloned()
        .collect();
    {
        let u = ctx.st.users.get_mut(&id).unwrap();
        u.role = role.clone();
        u.auto_groups = auto_groups;
        u.is_blocked = blocked;
    }
    // prepareUserUpdateEvents
    if old.is_blocked != blocked {
        ctx.record(
            if blocked {
                "user.block"
            } else {
                "user.unblock"
            },
            &id,
            vec![],
        );
    }
    if transferred {
        ctx.record("transferred.owner.role", &id, vec![]);
    } else if old.role != role {
        ctx.record("user.role.update", &id, vec![("role", role)]);
    }
    for (code, list) in [("user.group.add", added), ("user.group.delete", removed)] {
        for g in list {
            let name = ctx
                .st
                .groups
                .get(&g)
                .map(|x| x.name.clone())
                .unwrap_or_default();
            ctx.record(code, &id, vec![("group", name), ("group_id", g)]);
        }
    }
    let caller = ctx.caller.clone();
    json(&view(ctx.st.users.get(&id).unwrap(), &caller))
}

/// `DeleteUser`: self, permission, existence, owner, integration-issued.
fn delete_user(ctx: &mut Ctx, id: &str) -> Result<(), ApiError> {
    if id == ctx.caller {
        return Err(ApiError::invalid("self deletion is not allowed"));
    }
    ctx.allow("users", Op::Delete)?;
    let target = ctx.st.users.get(id).ok_or_else(|| user_not_found(id))?;
    if target.role == "owner" {
        return Err(ApiError::new(
            403,
            "can't delete a user with the owner role",
        ));
    }
    if target.issued == "integration" && !ctx.user().is_service_user {
        return Err(ApiError::new(
            403,
            "only integration service user can delete this user",
        ));
    }
    let svc = target.is_service_user;
    let name = target.name.clone();
    let email = target.email.clone();
    ctx.st.users.remove(id);
    let pats: Vec<String> = ctx
        .st
        .pats
        .iter()
        .filter(|p| p.user_id == id)
        .map(|p| p.id.clone())
        .collect();
    for p in pats {
        ctx.st.pats.remove(&p);
    }
    if svc {
        ctx.record("service.user.delete", id, vec![("name", name)]);
    } else {
        ctx.record("user.delete", id, vec![("name", name), ("email", email)]);
    }
    Ok(())
}

pub fn delete(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    delete_user(ctx, &id)?;
    empty()
}

/// `POST /api/users/{id}/invite`: resend the IdP invite (`InviteUser`).
pub fn invite(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    if !ctx.st.idp {
        return Err(ApiError::new(412, NO_IDP));
    }
    ctx.allow("users", Op::Create)?;
    let Some(u) = ctx.st.users.get(&id).filter(|u| !u.is_service_user) else {
        return Err(ApiError::not_found(format!(
            "user account {id} doesn't exist"
        )));
    };
    if !u.invited {
        return Err(ApiError::new(
            412,
            "can't invite a user with an activated NetBird account",
        ));
    }
    ctx.record("user.invite", &id, vec![]);
    empty()
}

fn pending_target(ctx: &Ctx, id: &str) -> Result<(), ApiError> {
    let u = ctx.st.users.get(id).ok_or_else(|| user_not_found(id))?;
    if !u.pending_approval {
        return Err(ApiError::invalid(format!(
            "user {id} is not pending approval"
        )));
    }
    Ok(())
}

/// `POST /api/users/{id}/approve` (`ApproveUser`).
pub fn approve(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    ctx.allow("users", Op::Update)?;
    pending_target(ctx, &id)?;
    {
        let u = ctx.st.users.get_mut(&id).unwrap();
        u.is_blocked = false;
        u.pending_approval = false;
    }
    ctx.record("user.approve", &id, vec![]);
    let caller = ctx.caller.clone();
    json(&view(ctx.st.users.get(&id).unwrap(), &caller))
}

/// `DELETE /api/users/{id}/reject` (`RejectUser`): deletes the user with `DeleteUser`'s rules.
pub fn reject(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    ctx.allow("users", Op::Delete)?;
    pending_target(ctx, &id)?;
    delete_user(ctx, &id)?;
    ctx.record("user.reject", &id, vec![]);
    empty()
}

// ---- personal access tokens

#[derive(Serialize)]
pub struct PatView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    #[serde(serialize_with = "crate::util::ser_ts")]
    pub expiration_date: Ts,
    pub created_by: &'a str,
    #[serde(serialize_with = "crate::util::ser_ts")]
    pub created_at: Ts,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::util::ser_opt_ts"
    )]
    pub last_used: Option<Ts>,
}

pub fn pat_view(p: &Pat) -> PatView<'_> {
    PatView {
        id: &p.id,
        name: &p.name,
        expiration_date: p.expiration,
        created_by: &p.created_by,
        created_at: p.created_at,
        last_used: p.last_used,
    }
}

/// The PAT endpoints' checks, in the server's order: the `pats` permission, the target user,
/// then "yourself, or an owner/admin acting for a service user".
fn pat_access(ctx: &Ctx, target: &str, op: Op) -> Result<(), ApiError> {
    ctx.allow("pats", op)?;
    let Some(t) = ctx.st.users.get(target) else {
        return Err(user_not_found(target));
    };
    let me = ctx.user();
    let admin_power = matches!(me.role.as_str(), "owner" | "admin");
    if target != ctx.caller && !(admin_power && t.is_service_user) {
        return Err(ApiError::new(
            403,
            "admin role required to perform this action",
        ));
    }
    Ok(())
}

pub fn list_pats(ctx: &mut Ctx) -> Out {
    let uid = ctx.param(0);
    pat_access(ctx, &uid, Op::Read)?;
    let v: Vec<PatView> = ctx
        .st
        .pats
        .iter()
        .filter(|p| p.user_id == uid)
        .map(pat_view)
        .collect();
    json(&v)
}

fn pat_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("PAT: {id} not found"))
}

pub fn get_pat(ctx: &mut Ctx) -> Out {
    let uid = ctx.param(0);
    let tid = ctx.param(1);
    pat_access(ctx, &uid, Op::Read)?;
    let p = ctx
        .st
        .pats
        .get(&tid)
        .filter(|p| p.user_id == uid)
        .ok_or_else(|| pat_not_found(&tid))?;
    json(&pat_view(p))
}

#[derive(Deserialize, Default)]
pub struct PatRequest {
    pub name: Option<String>,
    pub expires_in: Option<i64>,
}

#[derive(Serialize)]
struct PatGenerated<'a> {
    plain_token: String,
    personal_access_token: PatView<'a>,
}

pub fn create_pat(ctx: &mut Ctx) -> Out {
    let uid = ctx.param(0);
    let req: PatRequest = ctx.decode()?;
    let name = req.name.unwrap_or_default();
    if name.is_empty() {
        return Err(ApiError::invalid("token name can't be empty"));
    }
    let days = req.expires_in.unwrap_or_default();
    if !(1..=365).contains(&days) {
        return Err(ApiError::invalid("expiration has to be between 1 and 365"));
    }
    pat_access(ctx, &uid, Op::Create)?;
    let token = pat::generate(&mut ctx.st.rng);
    let id = ctx.st.new_id();
    let now = now();
    ctx.st.pats.insert(Pat {
        id: id.clone(),
        user_id: uid.clone(),
        name: name.clone(),
        hashed: pat::hash(&token),
        expiration: now + days * DAY,
        created_by: ctx.caller.clone(),
        created_at: now,
        last_used: None,
    });
    let (svc, svc_name) = ctx
        .st
        .users
        .get(&uid)
        .map(|u| {
            (
                u.is_service_user,
                if u.is_service_user {
                    u.name.clone()
                } else {
                    String::new()
                },
            )
        })
        .unwrap_or_default();
    ctx.record(
        "personal.access.token.create",
        &uid,
        vec![
            ("name", name),
            ("is_service_user", svc.to_string()),
            ("user_name", svc_name),
        ],
    );
    json(&PatGenerated {
        plain_token: token,
        personal_access_token: pat_view(ctx.st.pats.get(&id).unwrap()),
    })
}

pub fn delete_pat(ctx: &mut Ctx) -> Out {
    let uid = ctx.param(0);
    let tid = ctx.param(1);
    pat_access(ctx, &uid, Op::Delete)?;
    if ctx.st.pats.get(&tid).is_none_or(|p| p.user_id != uid) {
        return Err(pat_not_found(&tid));
    }
    let p = ctx.st.pats.remove(&tid).unwrap();
    ctx.record("personal.access.token.delete", &uid, vec![("name", p.name)]);
    empty()
}
