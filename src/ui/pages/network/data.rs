//! The lists the network pages compute from, read once per page. A list the user's role may
//! not read is left empty and named in `unread`, so the page can say what its answers lack.

use crate::base::error::ApiError;
use crate::resources::network::{Lists, Net};
use crate::resources::{
    Account, AccountSettings, DnsSettings, Group, NameserverGroup, PeerBrief, Permissions,
    PersonalAccessToken, Policy, Route, SetupKey, User,
};
use crate::ui::api::{both, Api};
use crate::ui::auth::Auth;
use leptos::prelude::*;
use std::future::Future;

pub struct NetData {
    pub lists: Lists,
    /// The sections whose lists could not be read (by their navigation label).
    pub unread: Vec<&'static str>,
}

impl NetData {
    pub fn net(&self) -> Net<'_> {
        self.lists.net()
    }
}

/// A list the role may read, or nothing (and its section named as unread).
async fn optional<T: Default>(
    read: Option<impl Future<Output = Result<T, ApiError>>>,
    label: &'static str,
    unread: &mut Vec<&'static str>,
) -> Result<T, ApiError> {
    match read {
        Some(f) => f.await,
        None => {
            unread.push(label);
            Ok(T::default())
        }
    }
}

/// Peers, groups and policies are required; routes and DNS are read where the role may
/// (`perms`: `Auth::known_permissions`, as a page opened before the user is known would
/// otherwise take the role as reading none).
pub async fn load(api: Api, perms: &Permissions) -> Result<NetData, ApiError> {
    let routes = perms
        .can_read("routes")
        .then(|| api.get_list::<Route>("/api/routes"));
    let may_dns = perms.can_read("nameservers");
    let nameservers = may_dns.then(|| api.get_list::<NameserverGroup>("/api/dns/nameservers"));
    let dns = may_dns.then(|| api.get::<DnsSettings>("/api/dns/settings"));
    let lists = both(
        api.get_list::<Policy>("/api/policies"),
        both(
            api.get_list::<PeerBrief>("/api/peers"),
            api.get_list::<Group>("/api/groups"),
        ),
    );
    let (policies, (peers, groups)) = lists.await;
    let mut unread = Vec::new();
    let routes = optional(routes, "Routes", &mut unread).await?;
    let nameservers = optional(nameservers, "DNS", &mut unread).await?;
    let dns = match dns {
        Some(f) => f.await?,
        None => DnsSettings::default(),
    };
    Ok(NetData {
        lists: Lists {
            peers: peers?,
            groups: groups?,
            policies: policies?,
            routes,
            nameservers,
            dns,
        },
        unread,
    })
}

/// What the health check reads besides: setup keys, users, and the tokens the user may read
/// (their own and the service users').
#[derive(Default)]
pub struct HealthData {
    pub setup_keys: Vec<SetupKey>,
    pub users: Vec<User>,
    pub tokens: Vec<(User, Vec<PersonalAccessToken>)>,
    /// The account settings (they name groups too), where the role may read them.
    pub account: Option<AccountSettings>,
}

/// `perms`: as `load`'s.
pub async fn load_health(
    api: Api,
    auth: Auth,
    perms: &Permissions,
) -> Result<HealthData, ApiError> {
    let keys = perms
        .can_read("setup_keys")
        .then(|| api.get_list::<SetupKey>("/api/setup-keys"));
    let users = perms
        .can_read("users")
        .then(|| api.get_list::<User>("/api/users"));
    let accounts = perms
        .can_read("settings")
        .then(|| api.get_list::<Account>("/api/accounts"));
    let mut unread = Vec::new();
    let setup_keys = optional(keys, "Setup keys", &mut unread).await?;
    let account = optional(accounts, "Settings", &mut unread)
        .await?
        .into_iter()
        .next()
        .map(|a| a.settings);
    let users: Vec<User> = optional(users, "Users", &mut unread).await?;
    let me = auth.me.get_untracked().map(|m| m.user.id);
    let mut tokens = Vec::new();
    for u in users
        .iter()
        .filter(|u| u.is_service_user || Some(&u.id) == me.as_ref())
    {
        let path = format!(
            "/api/users/{}/tokens",
            crate::base::listing::encode_query_value(&u.id)
        );
        // A user's tokens the role may not read are left out, not an error.
        if let Ok(list) = api.get_list::<PersonalAccessToken>(&path).await {
            tokens.push((u.clone(), list));
        }
    }
    Ok(HealthData {
        setup_keys,
        users,
        tokens,
        account,
    })
}
