//! The user forms' rules: what `PUT /api/users/{id}`, `POST /api/users`,
//! `DELETE /api/users/{id}` and `POST/DELETE /api/users/{id}/tokens` check (netbirdio/netbird:
//! the users and tokens handlers, `validateUserUpdate`, `createServiceUser`,
//! `validateUserInvite`, `DeleteUser` and `CreatePAT` in `management/server/user.go`, the role
//! table in `management/server/permissions/roles`), with the same meaning, plus the helpers a
//! page uses to disable and explain a control before anything is typed.
//!
//! PUT replaces `role`, `auto_groups` and `is_blocked` together: a body without `is_blocked`
//! unblocks the user, one without `auto_groups` is refused. So `UserUpdate` always carries all
//! three (`update_of` is the user as it is).
//!
//! The server's "admin" in its messages means admin or owner (`HasAdminPower`): an owner
//! cannot change their own role or block themselves either. An owner who gives the owner role
//! to someone else hands it over: the server makes the giver an admin (`transfers_ownership`).
//!
//! Deliberately stricter than the server:
//! - a service user needs a name (the server creates one without; the NetBird dashboard
//!   requires one), and its auto groups must exist and not be `All` (the server checks them
//!   only on update);
//! - an invited user's email must look like one (one `@`, something on both sides, no spaces;
//!   the server only refuses an empty one and leaves the rest to the identity provider);
//! - a name or token name of only spaces is refused (the server checks only for `""`);
//! - a group chosen twice is sent once.

use crate::base::field_errors::FieldErrors;
use crate::base::format::parse_rfc3339;
use crate::base::i18n::{t, tf};
use crate::base::json::FromJson;
use crate::base::stale::FieldSpec;
use crate::resources::user::rows::status_key;
use crate::resources::{Group, Permissions, User};
use serde::Serialize;
use std::collections::HashSet;

pub const OWNER: &str = "owner";
pub const ADMIN: &str = "admin";
pub const USER: &str = "user";
pub const AUDITOR: &str = "auditor";
pub const NETWORK_ADMIN: &str = "network_admin";
pub const BILLING_ADMIN: &str = "billing_admin";

/// The roles the server knows (`StrRoleToUserRole`), most powerful first.
pub const ROLES: &[&str] = &[OWNER, ADMIN, NETWORK_ADMIN, AUDITOR, USER, BILLING_ADMIN];

/// `issued` of a user made by an integration.
pub const ISSUED_INTEGRATION: &str = "integration";

pub const TOKEN_MIN_DAYS: i64 = 1;
pub const TOKEN_MAX_DAYS: i64 = 365;
pub const TOKEN_DEFAULT_DAYS: i64 = 30;
/// A token this close to its expiry is flagged.
pub const TOKEN_WARN_DAYS: i64 = 7;

/// A role's name for people, in the chosen language (`network_admin` → "Network admin"); an
/// unknown role as the server wrote it.
pub fn role_title(role: &str) -> String {
    match canonical_role(role) {
        Some(OWNER) => t("Owner"),
        Some(ADMIN) => t("Admin"),
        Some(NETWORK_ADMIN) => t("Network admin"),
        Some(AUDITOR) => t("Auditor"),
        Some(USER) => t("User"),
        Some(BILLING_ADMIN) => t("Billing admin"),
        _ => role.to_string(),
    }
}

/// `StrRoleToUserRole`: the role a text names, case-insensitively; `None` if the server does
/// not know it.
pub fn canonical_role(role: &str) -> Option<&'static str> {
    let lower = role.to_ascii_lowercase();
    ROLES.iter().copied().find(|r| *r == lower)
}

/// `HasAdminPower`: admin or owner.
fn has_admin_power(u: &User) -> bool {
    matches!(canonical_role(&u.role), Some(OWNER | ADMIN))
}

fn is_owner(u: &User) -> bool {
    canonical_role(&u.role) == Some(OWNER)
}

/// The body of `PUT /api/users/{id}`: all three, always.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct UserUpdate {
    pub role: String,
    pub auto_groups: Vec<String>,
    pub is_blocked: bool,
}

/// The update that stores `user` unchanged.
pub fn update_of(user: &User) -> UserUpdate {
    UserUpdate {
        role: user.role.clone(),
        auto_groups: user.auto_groups.clone(),
        is_blocked: user.is_blocked,
    }
}

/// The fields of a user update, in form order, with the label the form gives them.
pub const USER_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("role", "Role"),
    FieldSpec::named("auto_groups", "Auto-assigned groups"),
    FieldSpec::new("is_blocked", "Blocked"),
];

/// Each role for `target`'s role control, with why `actor` (the signed-in user) cannot give
/// it (`None`: it can be chosen). The target's current role is always allowed (choosing it
/// changes nothing).
pub fn role_choices(actor: &User, target: &User) -> Vec<(&'static str, Option<String>)> {
    let current = canonical_role(&target.role);
    ROLES
        .iter()
        .map(|&role| {
            let why = if Some(role) == current {
                None
            } else {
                role_refusal(actor, target, role)
            };
            (role, why)
        })
        .collect()
}

/// `validateUserUpdate`'s role rules, in its order, for a change of `target`'s role to `role`.
fn role_refusal(actor: &User, target: &User, role: &str) -> Option<String> {
    if !has_admin_power(actor) {
        return Some(t("Only admins and owners can change users."));
    }
    if actor.id == target.id {
        return Some(t(
            "You can't change your own role: another admin or owner has to.",
        ));
    }
    if is_owner(target) && !is_owner(actor) {
        return Some(t("Only an owner can change an owner's role."));
    }
    if role == OWNER && !is_owner(actor) {
        return Some(t("Only an owner can make someone an owner."));
    }
    if role == OWNER && target.is_service_user {
        return Some(t("A service user can't be an owner."));
    }
    None
}

/// Whether `actor` may block or unblock `target`; Err: why not. Unblocking a blocked owner is
/// allowed (the server refuses only blocking one).
pub fn can_block(actor: &User, target: &User) -> Result<(), String> {
    if !has_admin_power(actor) {
        return Err(t("Only admins and owners can block or unblock users."));
    }
    if actor.id == target.id {
        return Err(t("You can't block or unblock yourself."));
    }
    if is_owner(target) && !target.is_blocked {
        return Err(t(
            "An owner can't be blocked: hand the owner role to someone else first.",
        ));
    }
    Ok(())
}

/// Whether `actor` may delete `target`; Err: why not (`DeleteUser`: not yourself, only with
/// the users delete permission (admins and owners), never an owner, an integration's user only
/// by the integration's service user).
pub fn can_delete(actor: &User, target: &User) -> Result<(), String> {
    if actor.id == target.id {
        return Err(t("You can't delete yourself."));
    }
    if !has_admin_power(actor) {
        return Err(t("Only admins and owners can delete users."));
    }
    if is_owner(target) {
        return Err(t(
            "An owner can't be deleted: hand the owner role to someone else first.",
        ));
    }
    if target.issued == ISSUED_INTEGRATION && !actor.is_service_user {
        return Err(t(
            "This user is managed by an integration: only the integration can delete it.",
        ));
    }
    Ok(())
}

/// Whether `actor` may create and delete `target`'s access tokens: the `pats` permission of
/// their role (owner, admin, network admin), and then only their own tokens, or, as an admin
/// or owner, a service user's (`CreatePAT`, `DeletePAT`).
pub fn can_manage_tokens(actor: &User, target: &User) -> bool {
    let role = canonical_role(&actor.role).unwrap_or("");
    let allowed = Permissions::for_role(role, actor.is_service_user)
        .module("pats")
        .create;
    allowed && (actor.id == target.id || (has_admin_power(actor) && target.is_service_user))
}

/// Whether saving `update` hands `actor`'s owner role to `target`: the server then makes
/// `actor` an admin (`handleOwnerRoleTransfer`). For a confirmation.
pub fn transfers_ownership(actor: &User, target: &User, update: &UserUpdate) -> bool {
    is_owner(actor)
        && actor.id != target.id
        && !is_owner(target)
        && canonical_role(&update.role) == Some(OWNER)
}

/// Every group exists and none is `All`; each once, in order.
fn check_auto_groups(ids: &[String], groups: &[Group]) -> Result<Vec<String>, String> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(group) = groups.iter().find(|g| &g.id == id) else {
            return Err(if id.is_empty() {
                t("One of the selected groups has an empty ID; choose again.")
            } else {
                tf(
                    "The group {id} no longer exists; choose again.",
                    &[("id", id)],
                )
            });
        };
        if group.is_all() {
            return Err(t(
                "Every user is in the All group already: remove it from the auto-assigned groups.",
            ));
        }
        if seen.insert(id.as_str()) {
            out.push(id.clone());
        }
    }
    Ok(out)
}

fn unknown_role(role: &str) -> String {
    tf("“{role}” is not a role NetBird knows.", &[("role", role)])
}

/// The edit form's checks, every rule of `validateUserUpdate`: `actor` is the signed-in user,
/// `target` the user as the form loaded it, `draft` the update. Ok: the body to send, the role
/// in the server's spelling. Errors at `role`, `auto_groups` and `is_blocked` (that only admins
/// and owners may update users is reported at `role`).
pub fn validate_update(
    actor: &User,
    target: &User,
    draft: &UserUpdate,
    groups: &[Group],
) -> Result<UserUpdate, FieldErrors> {
    let mut errs = FieldErrors::default();
    let role = canonical_role(&draft.role);
    if role.is_none() {
        errs.insert("role", unknown_role(&draft.role));
    }
    let self_edit = actor.id == target.id;
    if !has_admin_power(actor) {
        errs.insert("role", t("Only admins and owners can change users."));
    } else {
        if self_edit && draft.is_blocked != target.is_blocked {
            errs.insert("is_blocked", t("You can't block or unblock yourself."));
        }
        if let Some(role) = role.filter(|r| Some(*r) != canonical_role(&target.role)) {
            if let Some(why) = role_refusal(actor, target, role) {
                errs.insert("role", why);
            }
        }
        if is_owner(target) && draft.is_blocked && !target.is_blocked {
            errs.insert(
                "is_blocked",
                t("An owner can't be blocked: hand the owner role to someone else first."),
            );
        }
        // `can't update a service user with owner role`: even if it were one already.
        if target.is_service_user && role == Some(OWNER) {
            errs.insert("role", t("A service user can't be an owner."));
        }
    }
    let auto_groups = check_auto_groups(&draft.auto_groups, groups).unwrap_or_else(|m| {
        errs.insert("auto_groups", m);
        Vec::new()
    });
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(UserUpdate {
        role: role.unwrap_or_default().to_string(),
        auto_groups,
        is_blocked: draft.is_blocked,
    })
}

/// What the "add user" form holds: an invitation of a person, or a service user.
#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct NewUserDraft {
    pub name: String,
    /// People only.
    pub email: String,
    pub role: String,
    pub auto_groups: Vec<String>,
    pub is_service_user: bool,
}

impl Default for NewUserDraft {
    fn default() -> Self {
        NewUserDraft {
            name: String::new(),
            email: String::new(),
            role: USER.into(),
            auto_groups: Vec::new(),
            is_service_user: false,
        }
    }
}

/// The body of `POST /api/users`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct UserCreateRequest {
    pub role: String,
    pub auto_groups: Vec<String>,
    pub is_service_user: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A plausible email address: one `@` with something on both sides, no white space.
fn plausible_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// The "add user" form's checks. Ok: the body to send (a service user's without email).
pub fn validate_new_user(
    draft: &NewUserDraft,
    groups: &[Group],
) -> Result<UserCreateRequest, FieldErrors> {
    let mut errs = FieldErrors::default();
    if draft.name.trim().is_empty() {
        errs.insert(
            "name",
            if draft.is_service_user {
                t("Enter a name for the service user.")
            } else {
                t("Enter the person's name.")
            },
        );
    }
    let email = draft.email.trim();
    if !draft.is_service_user {
        if email.is_empty() {
            errs.insert(
                "email",
                t("Enter the email address to send the invitation to."),
            );
        } else if !plausible_email(email) {
            errs.insert(
                "email",
                tf(
                    "“{email}” is not an email address, like name@example.com.",
                    &[("email", email)],
                ),
            );
        }
    }
    let role = canonical_role(&draft.role);
    match role {
        None => errs.insert("role", unknown_role(&draft.role)),
        Some(OWNER) if draft.is_service_user => {
            errs.insert("role", t("A service user can't be an owner."))
        }
        Some(OWNER) => errs.insert(
            "role",
            t("A new user can't be an owner: invite them, then hand the owner role over."),
        ),
        Some(_) => {}
    }
    let auto_groups = check_auto_groups(&draft.auto_groups, groups).unwrap_or_else(|m| {
        errs.insert("auto_groups", m);
        Vec::new()
    });
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(UserCreateRequest {
        role: role.unwrap_or_default().to_string(),
        auto_groups,
        is_service_user: draft.is_service_user,
        email: (!draft.is_service_user).then(|| email.to_string()),
        name: Some(draft.name.clone()),
    })
}

/// What the "new token" form holds.
#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct TokenDraft {
    pub name: String,
    /// As typed, in days.
    pub expires_in: String,
}

impl Default for TokenDraft {
    fn default() -> Self {
        TokenDraft {
            name: String::new(),
            expires_in: TOKEN_DEFAULT_DAYS.to_string(),
        }
    }
}

/// The body of `POST /api/users/{id}/tokens`: `expires_in` in DAYS.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TokenRequest {
    pub name: String,
    pub expires_in: i64,
}

/// The "new token" form's checks (`CreatePAT`: a name, 1 to 365 days).
pub fn validate_token(draft: &TokenDraft) -> Result<TokenRequest, FieldErrors> {
    let mut errs = FieldErrors::default();
    if draft.name.trim().is_empty() {
        errs.insert("name", t("Enter a name for the token."));
    }
    let text = draft.expires_in.trim();
    let days = text.parse::<i64>().ok().filter(|d| {
        text.bytes().all(|b| b.is_ascii_digit()) && (TOKEN_MIN_DAYS..=TOKEN_MAX_DAYS).contains(d)
    });
    if days.is_none() {
        errs.insert(
            "expires_in",
            t("The token expires after a whole number of days, from 1 to 365."),
        );
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(TokenRequest {
        name: draft.name.clone(),
        expires_in: days.unwrap_or_default(),
    })
}

/// The expiry in milliseconds since the epoch, if it is a timestamp.
fn expiry_ms(expiration_date: &str) -> Option<f64> {
    parse_rfc3339(expiration_date).map(|s| s as f64 * 1000.0)
}

/// Whether a token has expired at `now_ms` (milliseconds since the epoch, as `Date.now()`).
/// False for a date that cannot be read.
pub fn expired(expiration_date: &str, now_ms: f64) -> bool {
    expiry_ms(expiration_date).is_some_and(|e| e <= now_ms)
}

/// Whether a token that has not expired will within 7 days.
pub fn expires_soon(expiration_date: &str, now_ms: f64) -> bool {
    let window = (TOKEN_WARN_DAYS * 86_400_000) as f64;
    expiry_ms(expiration_date).is_some_and(|e| e > now_ms && e - now_ms <= window)
}

/// A user's status as the console shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Active,
    Invited,
    Blocked,
    PendingApproval,
}

impl Status {
    pub fn label(self) -> String {
        match self {
            Status::Active => t("Active"),
            Status::Invited => t("Invited"),
            Status::Blocked => t("Blocked"),
            Status::PendingApproval => t("Pending approval"),
        }
    }
}

/// Pending approval first, then blocked (forced by `is_blocked`; an unknown status counts as
/// blocked, as the server's `toUserResponse` does), else active or invited.
pub fn status_of(u: &User) -> Status {
    match status_key(u) {
        "pending" => Status::PendingApproval,
        "active" => Status::Active,
        "invited" => Status::Invited,
        _ => Status::Blocked,
    }
}

/// The control a server error message (the body's `message`, lowercased by the server; a
/// PUT's is wrapped in `failed to process update for user <id>: …`) concerns, if any. One
/// mapping for the edit, the add-user and the token forms.
pub fn server_error_field(message: &str) -> Option<&'static str> {
    let m = message.to_lowercase();
    if m.contains("user role") || m.contains("owner role") || m.contains("change their role") {
        // "invalid user role", "unknown user role x", "admins can't change their role",
        // "only owners can remove owner role …", "… add owner role …", "can't update / create
        // a service user with owner role", "can't invite a user with owner role". Not
        // "can't delete a user with the owner role" (a delete, not a field).
        (!m.contains("delete")).then_some("role")
    } else if m.contains("block or unblock themselves") || m.contains("unable to block owner") {
        Some("is_blocked")
    } else if m.contains("auto_groups")
        || (m.contains("group id") && m.contains("doesn't exist"))
        || m.contains("can't add all group")
    {
        Some("auto_groups")
    } else if m.contains("token name can't be empty") || m == "name can't be empty" {
        Some("name")
    } else if m.starts_with("expiration has to be between") {
        Some("expires_in")
    } else if m == "email can't be empty" || m.contains("existing netbird account") {
        Some("email")
    } else {
        // "permission denied", "self deletion is not allowed", "only admins and owners can
        // update users", "admin role required to perform this action": not one control's.
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, role: &str) -> User {
        User {
            id: id.into(),
            name: id.into(),
            role: role.into(),
            status: "active".into(),
            issued: "api".into(),
            ..User::default()
        }
    }

    fn service(id: &str, role: &str) -> User {
        User {
            is_service_user: true,
            ..user(id, role)
        }
    }

    fn groups() -> Vec<Group> {
        let g = |id: &str, name: &str| Group {
            id: id.into(),
            name: name.into(),
            ..Group::default()
        };
        vec![g("gall", "All"), g("g1", "devs"), g("g2", "ops")]
    }

    fn change(target: &User, f: impl FnOnce(&mut UserUpdate)) -> UserUpdate {
        let mut u = update_of(target);
        f(&mut u);
        u
    }

    fn errors(r: Result<UserUpdate, FieldErrors>) -> Vec<(&'static str, String)> {
        let e = r.err().unwrap_or_default();
        e.fields()
            .map(|f| (f, e.get(f).unwrap().to_string()))
            .collect()
    }

    #[test]
    fn roles_and_titles() {
        assert_eq!(
            ROLES,
            [
                "owner",
                "admin",
                "network_admin",
                "auditor",
                "user",
                "billing_admin"
            ]
        );
        let titles: Vec<String> = ROLES.iter().map(|r| role_title(r)).collect();
        assert_eq!(
            titles,
            [
                "Owner",
                "Admin",
                "Network admin",
                "Auditor",
                "User",
                "Billing admin"
            ]
        );
        assert_eq!(role_title("Network_Admin"), "Network admin");
        assert_eq!(role_title("wizard"), "wizard");
        assert_eq!(canonical_role("ADMIN"), Some("admin"));
        assert_eq!(canonical_role("unknown"), None);
    }

    #[test]
    fn the_update_carries_all_three() {
        let u = User {
            auto_groups: vec!["g1".into()],
            is_blocked: true,
            ..user("u", "user")
        };
        assert_eq!(
            serde_json::to_value(update_of(&u)).unwrap(),
            serde_json::json!({"role":"user","auto_groups":["g1"],"is_blocked":true})
        );
        assert_eq!(
            serde_json::to_value(update_of(&user("v", "user"))).unwrap()["auto_groups"],
            serde_json::json!([])
        );
        let keys: Vec<&str> = USER_FIELDS.iter().map(|f| f.field).collect();
        assert_eq!(keys, ["role", "auto_groups", "is_blocked"]);
    }

    #[test]
    fn only_admins_and_owners_update_users() {
        let target = user("t", "user");
        for role in ["user", "auditor", "network_admin", "billing_admin"] {
            let actor = user("a", role);
            let e = errors(validate_update(
                &actor,
                &target,
                &update_of(&target),
                &groups(),
            ));
            assert_eq!(
                e,
                [(
                    "role",
                    "Only admins and owners can change users.".to_string()
                )],
                "{role}"
            );
            assert!(can_block(&actor, &target).is_err());
        }
        for role in ["admin", "owner", "Admin"] {
            let actor = user("a", role);
            let ok = validate_update(&actor, &target, &update_of(&target), &groups());
            assert_eq!(ok, Ok(update_of(&target)), "{role}");
        }
    }

    #[test]
    fn nobody_changes_their_own_role_or_blocks_themselves() {
        for role in ["admin", "owner"] {
            let me = user("me", role);
            let demote = change(&me, |u| u.role = "user".into());
            assert_eq!(
                errors(validate_update(&me, &me, &demote, &groups())),
                [(
                    "role",
                    "You can't change your own role: another admin or owner has to.".to_string()
                )]
            );
            let block = change(&me, |u| u.is_blocked = true);
            assert_eq!(
                errors(validate_update(&me, &me, &block, &groups())),
                [(
                    "is_blocked",
                    "You can't block or unblock yourself.".to_string()
                )]
            );
            assert_eq!(
                can_block(&me, &me),
                Err("You can't block or unblock yourself.".to_string())
            );
            // Their own groups they may change.
            let regroup = change(&me, |u| u.auto_groups = vec!["g1".into()]);
            assert!(validate_update(&me, &me, &regroup, &groups()).is_ok());
            let choices = role_choices(&me, &me);
            assert!(choices.iter().all(|(r, why)| (*r == role) == why.is_none()));
        }
    }

    #[test]
    fn the_owner_role() {
        let owner = user("o", "owner");
        let admin = user("a", "admin");
        let other_owner = user("o2", "owner");
        let plain = user("p", "user");
        // Only owners give it…
        let promote = change(&plain, |u| u.role = "owner".into());
        assert_eq!(
            errors(validate_update(&admin, &plain, &promote, &groups())),
            [(
                "role",
                "Only an owner can make someone an owner.".to_string()
            )]
        );
        assert_eq!(
            validate_update(&owner, &plain, &promote, &groups())
                .unwrap()
                .role,
            "owner"
        );
        assert!(transfers_ownership(&owner, &plain, &promote));
        assert!(!transfers_ownership(&owner, &plain, &update_of(&plain)));
        assert!(!transfers_ownership(&admin, &plain, &promote));
        // …and only owners take it away.
        let demote = change(&other_owner, |u| u.role = "admin".into());
        assert_eq!(
            errors(validate_update(&admin, &other_owner, &demote, &groups())),
            [(
                "role",
                "Only an owner can change an owner's role.".to_string()
            )]
        );
        assert!(validate_update(&owner, &other_owner, &demote, &groups()).is_ok());
        // An owner is never blocked, by anyone; a blocked one may be unblocked.
        let block = change(&other_owner, |u| u.is_blocked = true);
        let msg = "An owner can't be blocked: hand the owner role to someone else first.";
        assert_eq!(
            errors(validate_update(&owner, &other_owner, &block, &groups())),
            [("is_blocked", msg.to_string())]
        );
        assert_eq!(can_block(&owner, &other_owner), Err(msg.to_string()));
        let blocked_owner = User {
            is_blocked: true,
            ..other_owner.clone()
        };
        let unblock = change(&blocked_owner, |u| u.is_blocked = false);
        assert!(validate_update(&owner, &blocked_owner, &unblock, &groups()).is_ok());
        assert!(can_block(&owner, &blocked_owner).is_ok());
        // A service user can't become one.
        let svc = service("s", "admin");
        let svc_owner = change(&svc, |u| u.role = "owner".into());
        assert_eq!(
            errors(validate_update(&owner, &svc, &svc_owner, &groups())),
            [("role", "A service user can't be an owner.".to_string())]
        );
    }

    #[test]
    fn role_choices_explain_the_refusals() {
        let owner = user("o", "owner");
        let admin = user("a", "admin");
        let plain = user("p", "user");
        let svc = service("s", "user");
        let refused = |actor: &User, target: &User| -> Vec<&'static str> {
            role_choices(actor, target)
                .into_iter()
                .filter(|(_, why)| why.is_some())
                .map(|(r, _)| r)
                .collect()
        };
        assert!(refused(&owner, &plain).is_empty());
        assert_eq!(refused(&admin, &plain), ["owner"]);
        assert_eq!(refused(&owner, &svc), ["owner"]);
        assert_eq!(
            role_choices(&owner, &svc)[0].1.as_deref(),
            Some("A service user can't be an owner.")
        );
        // An admin can't touch an owner's role at all; the current one stays "chosen".
        assert_eq!(
            refused(&admin, &user("o2", "owner")),
            ["admin", "network_admin", "auditor", "user", "billing_admin"]
        );
        assert_eq!(
            refused(&user("x", "auditor"), &plain),
            [
                "owner",
                "admin",
                "network_admin",
                "auditor",
                "billing_admin"
            ]
        );
    }

    #[test]
    fn auto_groups_exist_and_are_not_all() {
        let admin = user("a", "admin");
        let target = user("t", "user");
        let with = |ids: &[&str]| {
            change(&target, |u| {
                u.auto_groups = ids.iter().map(|s| s.to_string()).collect()
            })
        };
        assert_eq!(
            validate_update(&admin, &target, &with(&["g2", "g1", "g2"]), &groups())
                .unwrap()
                .auto_groups,
            ["g2", "g1"]
        );
        assert_eq!(
            errors(validate_update(
                &admin,
                &target,
                &with(&["gall"]),
                &groups()
            )),
            [(
                "auto_groups",
                "Every user is in the All group already: remove it from the auto-assigned groups."
                    .to_string()
            )]
        );
        assert_eq!(
            errors(validate_update(&admin, &target, &with(&["g9"]), &groups())),
            [(
                "auto_groups",
                "The group g9 no longer exists; choose again.".to_string()
            )]
        );
        let bad_role = change(&target, |u| u.role = "wizard".into());
        assert_eq!(
            errors(validate_update(&admin, &target, &bad_role, &groups())),
            [("role", "“wizard” is not a role NetBird knows.".to_string())]
        );
        // The role is sent in the server's spelling.
        let shouty = change(&target, |u| u.role = "Network_Admin".into());
        assert_eq!(
            validate_update(&admin, &target, &shouty, &groups())
                .unwrap()
                .role,
            "network_admin"
        );
    }

    #[test]
    fn deleting() {
        let owner = user("o", "owner");
        let admin = user("a", "admin");
        let plain = user("p", "user");
        assert_eq!(
            can_delete(&admin, &admin),
            Err("You can't delete yourself.".to_string())
        );
        assert!(can_delete(&admin, &plain).is_ok());
        assert!(can_delete(&owner, &admin).is_ok());
        assert_eq!(
            can_delete(&owner, &user("o2", "owner")),
            Err(
                "An owner can't be deleted: hand the owner role to someone else first.".to_string()
            )
        );
        assert_eq!(
            can_delete(&user("n", "network_admin"), &plain),
            Err("Only admins and owners can delete users.".to_string())
        );
        let synced = User {
            issued: "integration".into(),
            ..user("i", "user")
        };
        assert_eq!(
            can_delete(&admin, &synced),
            Err(
                "This user is managed by an integration: only the integration can delete it."
                    .to_string()
            )
        );
        assert!(can_delete(&service("bot", "admin"), &synced).is_ok());
    }

    #[test]
    fn tokens_are_managed_by_their_user_or_an_admin_for_a_service_user() {
        let admin = user("a", "admin");
        let owner = user("o", "owner");
        let netadmin = user("n", "network_admin");
        let plain = user("p", "user");
        let svc = service("s", "user");
        assert!(can_manage_tokens(&admin, &admin));
        assert!(can_manage_tokens(&admin, &svc));
        assert!(can_manage_tokens(&owner, &svc));
        assert!(
            !can_manage_tokens(&admin, &plain),
            "another person's tokens"
        );
        assert!(can_manage_tokens(&netadmin, &netadmin));
        assert!(!can_manage_tokens(&netadmin, &svc));
        // Roles without the pats permission have none, not even their own.
        assert!(!can_manage_tokens(&plain, &plain));
        assert!(!can_manage_tokens(
            &user("x", "auditor"),
            &user("x", "auditor")
        ));
        // A service user with the admin role manages its own.
        let svc_admin = service("sa", "admin");
        assert!(can_manage_tokens(&svc_admin, &svc_admin));
        assert!(!can_manage_tokens(&svc, &svc));
    }

    #[test]
    fn new_users() {
        let g = groups();
        let svc = NewUserDraft {
            name: "ci-bot".into(),
            email: "ignored@example.com".into(),
            role: "admin".into(),
            auto_groups: vec!["g1".into()],
            is_service_user: true,
        };
        assert_eq!(
            serde_json::to_value(validate_new_user(&svc, &g).unwrap()).unwrap(),
            serde_json::json!({"role":"admin","auto_groups":["g1"],"is_service_user":true,"name":"ci-bot"})
        );
        let person = NewUserDraft {
            name: "Alice".into(),
            email: " alice@example.com ".into(),
            ..NewUserDraft::default()
        };
        assert_eq!(
            serde_json::to_value(validate_new_user(&person, &g).unwrap()).unwrap(),
            serde_json::json!({"role":"user","auto_groups":[],"is_service_user":false,
                "email":"alice@example.com","name":"Alice"})
        );
        let fields = |d: &NewUserDraft| -> Vec<(&'static str, String)> {
            let e = validate_new_user(d, &g).unwrap_err();
            e.fields()
                .map(|f| (f, e.get(f).unwrap().to_string()))
                .collect()
        };
        assert_eq!(
            fields(&NewUserDraft {
                name: " ".into(),
                role: "owner".into(),
                ..svc.clone()
            }),
            [
                ("name", "Enter a name for the service user.".to_string()),
                ("role", "A service user can't be an owner.".to_string())
            ]
        );
        assert_eq!(
            fields(&NewUserDraft::default()),
            [
                (
                    "email",
                    "Enter the email address to send the invitation to.".to_string()
                ),
                ("name", "Enter the person's name.".to_string())
            ]
        );
        assert_eq!(
            fields(&NewUserDraft {
                role: "Owner".into(),
                auto_groups: vec!["gall".into()],
                ..person.clone()
            }),
            [
                (
                    "auto_groups",
                    "Every user is in the All group already: remove it from the auto-assigned groups."
                        .to_string()
                ),
                (
                    "role",
                    "A new user can't be an owner: invite them, then hand the owner role over."
                        .to_string()
                )
            ]
        );
        for bad in [
            "alice",
            "@example.com",
            "alice@",
            "a@b@c",
            "al ice@example.com",
        ] {
            let d = NewUserDraft {
                email: bad.into(),
                ..person.clone()
            };
            assert_eq!(
                fields(&d),
                [(
                    "email",
                    format!("“{bad}” is not an email address, like name@example.com.")
                )],
                "{bad}"
            );
        }
        assert!(validate_new_user(
            &NewUserDraft {
                email: "a@localhost".into(),
                ..person.clone()
            },
            &g
        )
        .is_ok());
        assert_eq!(
            fields(&NewUserDraft {
                role: "root".into(),
                ..person
            }),
            [("role", "“root” is not a role NetBird knows.".to_string())]
        );
    }

    #[test]
    fn tokens() {
        assert_eq!(TokenDraft::default().expires_in, "30");
        let tok = |name: &str, days: &str| TokenDraft {
            name: name.into(),
            expires_in: days.into(),
        };
        assert_eq!(
            serde_json::to_value(validate_token(&tok("deploy", "30")).unwrap()).unwrap(),
            serde_json::json!({"name":"deploy","expires_in":30})
        );
        assert_eq!(validate_token(&tok("x", "1")).unwrap().expires_in, 1);
        assert_eq!(validate_token(&tok("x", " 365 ")).unwrap().expires_in, 365);
        for bad in ["0", "366", "", "-1", "+5", "1.5", "thirty"] {
            let e = validate_token(&tok("x", bad)).unwrap_err();
            assert_eq!(
                e.get("expires_in"),
                Some("The token expires after a whole number of days, from 1 to 365."),
                "{bad:?}"
            );
        }
        let e = validate_token(&tok("  ", "30")).unwrap_err();
        assert_eq!(e.get("name"), Some("Enter a name for the token."));
        assert_eq!(e.fields().collect::<Vec<_>>(), ["name"]);
    }

    #[test]
    fn token_expiry() {
        let now = 1_795_468_320_000.0; // 2026-11-23T21:12:00Z
        assert!(expired("2026-11-23T21:12:00Z", now));
        assert!(expired("2026-01-01T00:00:00Z", now));
        assert!(!expired("2026-11-23T21:12:01Z", now));
        assert!(
            !expires_soon("2026-11-23T21:12:00Z", now),
            "already expired"
        );
        assert!(expires_soon("2026-11-23T21:12:01Z", now));
        assert!(expires_soon("2026-11-30T21:12:00Z", now), "exactly 7 days");
        assert!(!expires_soon("2026-11-30T21:12:01Z", now));
        assert!(expires_soon("2026-11-30T22:12:00+01:00", now));
        for unreadable in ["", "soon", "0001-01"] {
            assert!(!expired(unreadable, now) && !expires_soon(unreadable, now));
        }
    }

    #[test]
    fn statuses() {
        let s = |status: &str, blocked: bool, pending: bool| {
            status_of(&User {
                status: status.into(),
                is_blocked: blocked,
                pending_approval: pending,
                ..User::default()
            })
        };
        assert_eq!(s("active", false, false), Status::Active);
        assert_eq!(s("invited", false, false), Status::Invited);
        assert_eq!(s("active", true, false), Status::Blocked);
        assert_eq!(s("disabled", false, false), Status::Blocked);
        assert_eq!(s("", false, false), Status::Blocked);
        assert_eq!(s("blocked", true, true), Status::PendingApproval);
        assert_eq!(Status::PendingApproval.label(), "Pending approval");
    }

    #[test]
    fn server_messages_map_to_fields() {
        let table = [
            ("invalid user role", Some("role")),
            ("unknown user role wizard", Some("role")),
            (
                "failed to process update for user u1: admins can't change their role",
                Some("role"),
            ),
            (
                "failed to process update for user u1: only owners can remove owner role from their user",
                Some("role"),
            ),
            (
                "failed to process update for user u1: only owners can add owner role to other users",
                Some("role"),
            ),
            (
                "failed to process update for user u1: can't update a service user with owner role",
                Some("role"),
            ),
            ("can't create a service user with owner role", Some("role")),
            ("can't invite a user with owner role", Some("role")),
            (
                "failed to process update for user u1: admins can't block or unblock themselves",
                Some("is_blocked"),
            ),
            (
                "failed to process update for user u1: unable to block owner user",
                Some("is_blocked"),
            ),
            (
                "failed to process update for user u1: provided group id g9 in the user u1 update doesn't exist",
                Some("auto_groups"),
            ),
            (
                "failed to process update for user u1: can't add all group to the user",
                Some("auto_groups"),
            ),
            ("auto_groups field can't be absent", Some("auto_groups")),
            ("name can't be empty", Some("name")),
            ("email can't be empty", Some("email")),
            (
                "can't invite a user with an existing netbird account",
                Some("email"),
            ),
            ("token name can't be empty", Some("name")),
            ("expiration has to be between 1 and 365", Some("expires_in")),
            ("can't delete a user with the owner role", None),
            ("self deletion is not allowed", None),
            (
                "failed to process update for user u1: only admins and owners can update users",
                None,
            ),
            ("admin role required to perform this action", None),
            ("permission denied", None),
        ];
        for (msg, want) in table {
            assert_eq!(server_error_field(msg), want, "{msg}");
        }
    }
}
