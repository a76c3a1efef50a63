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

fn check_auto_groups(st: &State, ids: &[String]) -> Result<(), ApiError> {
    for id in ids {
        let Some(g) = st.groups.get(id) else {
            return Err(ApiError::invalid(format!(
                "provided group id {id} doesn't exist"
            )));
        };
        if g.name == "All" {
            return Err(ApiError::invalid("can't add All group to the user"));
        }
    }
    Ok(())
}

pub fn create(ctx: &mut Ctx) -> Out {
    let req: UserCreateRequest = ctx.decode()?;
    let role_s = req.role.unwrap_or_default();
    let role = parse_role(&role_s)
        .ok_or_else(|| ApiError::invalid(format!("unknown user role {role_s}")))?;
    ctx.allow("users", Op::Create)?;
    let svc = req.is_service_user.unwrap_or_default();
    let name = req.name.unwrap_or_default();
    let email = req.email.unwrap_or_default();
    let auto_groups = req.auto_groups.unwrap_or_default();
    if svc && role == "owner" {
        return Err(ApiError::invalid(
            "can't create a service user with owner role",
        ));
    }
    if !svc {
        if role == "owner" {
            return Err(ApiError::invalid("can't invite a user with owner role"));
        }
        if name.is_empty() {
            return Err(ApiError::invalid("name can't be empty"));
        }
        if email.is_empty() {
            return Err(ApiError::invalid("email can't be empty"));
        }
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
    check_auto_groups(ctx.st, &auto_groups)?;
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
        ctx.record("user.invite", &id, vec![("name", name), ("email", email)]);
    }
    let caller = ctx.caller.clone();
    json(&view(ctx.st.users.get(&id).unwrap(), &caller))
}

fn user_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("user: {id} not found"))
}

pub fn update(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    let req: UserRequest = ctx.decode()?;
    let Some(auto_groups) = req.auto_groups else {
        return Err(ApiError::new(400, "auto_groups field can't be absent"));
    };
    let role = parse_role(req.role.as_deref().unwrap_or(""))
        .ok_or_else(|| ApiError::invalid("invalid user role"))?;
    let blocked = req.is_blocked.unwrap_or_default();
    ctx.allow("users", Op::Update)?;
    let me = ctx.user().clone();
    let target = ctx
        .st
        .users
        .get(&id)
        .cloned()
        .ok_or_else(|| user_not_found(&id))?;
    // validateUserUpdate
    if !matches!(me.role.as_str(), "owner" | "admin") {
        return Err(ApiError::denied());
    }
    if me.id == target.id {
        if blocked != target.is_blocked {
            return Err(ApiError::new(
                403,
                "admins can't block or unblock themselves",
            ));
        }
        if role != target.role {
            return Err(ApiError::new(403, "admins can't change their role"));
        }
    }
    if (role == "owner" || target.role == "owner") && role != target.role && me.role != "owner" {
        return Err(ApiError::new(
            403,
            "only owners can add or remove the owner role",
        ));
    }
    if target.role == "owner" && blocked {
        return Err(ApiError::new(403, "unable to block owner user"));
    }
    if target.is_service_user && role == "owner" {
        return Err(ApiError::new(
            403,
            "can't update a service user with owner role",
        ));
    }
    check_auto_groups(ctx.st, &auto_groups)?;
    // Transferring ownership demotes the previous owner to admin.
    if role == "owner" && target.role != "owner" {
        for u in ctx.st.users.iter_mut() {
            if u.role == "owner" {
                u.role = "admin".into();
            }
        }
    }
    let old = target.clone();
    {
        let u = ctx.st.users.get_mut(&id).unwrap();
        u.role = role.clone();
        u.auto_groups = auto_groups;
        u.is_blocked = blocked;
    }
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
    if old.role != role {
        ctx.record("user.role.update", &id, vec![("role", role)]);
    }
    let caller = ctx.caller.clone();
    json(&view(ctx.st.users.get(&id).unwrap(), &caller))
}

pub fn delete(ctx: &mut Ctx) -> Out {
    let id = ctx.param(0);
    ctx.allow("users", Op::Delete)?;
    if id == ctx.caller {
        return Err(ApiError::invalid("self deletion is not allowed"));
    }
    let target = ctx.st.users.get(&id).ok_or_else(|| user_not_found(&id))?;
    if target.role == "owner" {
        return Err(ApiError::new(
            403,
            "can't delete a user with the owner role",
        ));
    }
    let svc = target.is_service_user;
    let name = target.name.clone();
    ctx.st.users.remove(&id);
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
    ctx.record(
        if svc {
            "service.user.delete"
        } else {
            "user.delete"
        },
        &id,
        vec![("name", name)],
    );
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

/// Self, or owner/admin acting for a service user; others also need the `pats` module.
fn pat_access(ctx: &Ctx, target: &str, op: Op) -> Result<(), ApiError> {
    let Some(t) = ctx.st.users.get(target) else {
        return Err(user_not_found(target));
    };
    if target == ctx.caller {
        return Ok(());
    }
    let me = ctx.user();
    let admin_power = matches!(me.role.as_str(), "owner" | "admin");
    if admin_power && t.is_service_user && ctx.can("pats", op) {
        return Ok(());
    }
    Err(ApiError::denied())
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
    ctx.record("personal.access.token.create", &uid, vec![("name", name)]);
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
