use crate::base::json::{FromJson, Members, Reader};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub status: String,
    pub auto_groups: Vec<String>,
    pub is_current: bool,
    pub is_service_user: bool,
    pub is_blocked: bool,
    pub pending_approval: bool,
    pub issued: String,
    pub last_login: String,
}

impl User {
    /// The best human label: name, else email, else id.
    pub fn display_name(&self) -> &str {
        [&self.name, &self.email, &self.id]
            .into_iter()
            .find(|s| !s.is_empty())
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// A personal access token as listed for its user (there is no token value and no hash).
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct PersonalAccessToken {
    pub id: String,
    pub name: String,
    pub expiration_date: String,
    pub created_at: String,
    /// Omitted if never used.
    pub last_used: String,
}

/// `create/read/update/delete` grants of one module.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct ModuleAccess {
    pub create: bool,
    pub read: bool,
    pub update: bool,
    pub delete: bool,
}

impl ModuleAccess {
    pub const ALL: ModuleAccess = ModuleAccess {
        create: true,
        read: true,
        update: true,
        delete: true,
    };
    pub const READ: ModuleAccess = ModuleAccess {
        create: false,
        read: true,
        update: false,
        delete: false,
    };
    pub const NONE: ModuleAccess = ModuleAccess {
        create: false,
        read: false,
        update: false,
        delete: false,
    };
}

#[derive(Clone, Debug, Default, PartialEq, FromJson)]
pub struct Permissions {
    pub is_restricted: bool,
    pub modules: Members<ModuleAccess>,
}

/// Modules the console shows; keys as in the server's permissions object.
const CONSOLE_MODULES: &[&str] = &[
    "peers",
    "groups",
    "routes",
    "policies",
    "dns",
    "nameservers",
    "setup_keys",
    "users",
    "pats",
    "events",
    "settings",
    "accounts",
    "networks",
];

impl Permissions {
    /// A missing module means no access (billing_admin gets `{}`).
    pub fn module(&self, name: &str) -> ModuleAccess {
        self.modules
            .get(name)
            .copied()
            .unwrap_or(ModuleAccess::NONE)
    }

    pub fn can_read(&self, name: &str) -> bool {
        self.module(name).read
    }

    /// The grants of a role, from the server's role table, for callers that cannot ask
    /// `/api/users/current` (service users get 403 there). Service users may read everything;
    /// their writes follow their role.
    pub fn for_role(role: &str, is_service_user: bool) -> Permissions {
        let role = role.to_ascii_lowercase();
        let grant = |module: &str| -> ModuleAccess {
            let mut a = match role.as_str() {
                "owner" => ModuleAccess::ALL,
                "admin" if module == "accounts" => ModuleAccess::READ,
                "admin" => ModuleAccess::ALL,
                "auditor" => ModuleAccess::READ,
                "network_admin" => match module {
                    "networks" | "groups" | "dns" | "nameservers" | "policies" | "routes"
                    | "pats" => ModuleAccess::ALL,
                    "settings" | "accounts" | "events" | "users" | "setup_keys" | "peers" => {
                        ModuleAccess::READ
                    }
                    _ => ModuleAccess::NONE,
                },
                _ => ModuleAccess::NONE,
            };
            if is_service_user {
                a.read = true;
            }
            a
        };
        Permissions {
            is_restricted: false,
            modules: Members(
                CONSOLE_MODULES
                    .iter()
                    .map(|m| (m.to_string(), grant(m)))
                    .collect(),
            ),
        }
    }
}

/// `GET /api/users/current`: the user plus the permissions object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CurrentUser {
    pub user: User,
    pub permissions: Permissions,
}

impl FromJson for CurrentUser {
    fn from_json(r: &mut Reader<'_>) -> crate::base::json::Result<Self> {
        let mut me = CurrentUser::default();
        r.fields(&mut |r, name| match name {
            "permissions" => {
                me.permissions = Permissions::from_json(r)?;
                Ok(())
            }
            _ => me.user.read_member(r, name),
        })?;
        Ok(me)
    }
}

impl CurrentUser {
    /// The permissions to act on: the server's, or, when it sent none (`null`, missing or an
    /// empty object), the role table's. For billing_admin, whose `{}` is real, both are "none".
    pub fn effective_permissions(&self) -> Permissions {
        if self.permissions.modules.is_empty() {
            Permissions::for_role(&self.user.role, self.user.is_service_user)
        } else {
            self.permissions.clone()
        }
    }
}

/// For a caller that may not read `/api/users/current` (a service user): the `is_current`
/// entry of `GET /api/users`, with permissions derived from its role.
pub fn current_from_list(users: Vec<User>) -> Option<CurrentUser> {
    let user = users.into_iter().find(|u| u.is_current)?;
    let permissions = Permissions::for_role(&user.role, user.is_service_user);
    Some(CurrentUser { user, permissions })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_fall_back_to_the_role_when_the_server_sends_none() {
        let me: CurrentUser = crate::base::json::decode_str(
            r#"{"id":"u","role":"network_admin","permissions":null}"#,
        )
        .unwrap();
        let p = me.effective_permissions();
        assert!(p.module("routes").update && !p.module("users").update);
        let billing: CurrentUser =
            crate::base::json::decode_str(r#"{"id":"b","role":"billing_admin","permissions":{}}"#)
                .unwrap();
        assert!(!billing.effective_permissions().can_read("peers"));
        let sent: CurrentUser = crate::base::json::decode_str(
            r#"{"id":"u","role":"owner","permissions":{"modules":{"peers":{"read":true}}}}"#,
        )
        .unwrap();
        assert!(
            !sent.effective_permissions().can_read("routes"),
            "the server's word wins"
        );
    }

    #[test]
    fn service_user_fallback() {
        let users: Vec<User> = crate::base::json::decode_str(
            r#"[{"id":"a","role":"owner","is_current":false},{"id":"svc","name":"ci-bot","role":"admin","is_service_user":true,"is_current":true}]"#,
        )
        .unwrap();
        let me = current_from_list(users).unwrap();
        assert_eq!(me.user.id, "svc");
        assert!(me.permissions.module("routes").create);
        assert!(me.permissions.can_read("events"));
        assert!(current_from_list(vec![]).is_none());
    }

    #[test]
    fn current_user_with_permissions_and_nulls() {
        let json = r#"{"id":"u1","email":"a@b.c","name":"Alice","role":"admin","status":"active",
            "auto_groups":null,"is_current":true,"is_service_user":false,"is_blocked":false,
            "pending_approval":false,"issued":"api","last_login":"0001-01-01T00:00:00Z",
            "permissions":{"is_restricted":false,"modules":{"routes":{"create":true,"read":true,"update":true,"delete":true},
            "accounts":{"create":false,"read":true,"update":false,"delete":false}}}}"#;
        let me: CurrentUser = crate::base::json::decode_str(json).unwrap();
        assert_eq!(me.user.display_name(), "Alice");
        assert!(me.user.auto_groups.is_empty());
        assert!(me.permissions.module("routes").create);
        assert!(!me.permissions.module("accounts").update);
        assert_eq!(me.permissions.module("networks"), ModuleAccess::NONE);
    }

    #[test]
    fn billing_admin_empty_modules_means_no_access() {
        let me: CurrentUser = crate::base::json::decode_str(
            r#"{"id":"u","role":"billing_admin","permissions":{"modules":{}}}"#,
        )
        .unwrap();
        assert!(!me.permissions.can_read("peers"));
    }

    #[test]
    fn role_table() {
        let p = Permissions::for_role("network_admin", false);
        assert_eq!(p.module("routes"), ModuleAccess::ALL);
        assert_eq!(p.module("peers"), ModuleAccess::READ);
        assert_eq!(p.module("setup_keys"), ModuleAccess::READ);
        assert_eq!(
            Permissions::for_role("Admin", false).module("accounts"),
            ModuleAccess::READ
        );
        assert_eq!(
            Permissions::for_role("owner", false).module("accounts"),
            ModuleAccess::ALL
        );
        assert_eq!(
            Permissions::for_role("auditor", false).module("routes"),
            ModuleAccess::READ
        );
        assert_eq!(
            Permissions::for_role("user", false).module("routes"),
            ModuleAccess::NONE
        );
        // A service user reads everything; its writes follow its role.
        let svc = Permissions::for_role("user", true);
        assert_eq!(svc.module("routes"), ModuleAccess::READ);
        let svc_admin = Permissions::for_role("admin", true);
        assert_eq!(svc_admin.module("routes"), ModuleAccess::ALL);
    }

    #[test]
    fn display_name_falls_back() {
        let u = User {
            id: "svc-1".into(),
            ..User::default()
        };
        assert_eq!(u.display_name(), "svc-1");
    }
}
