//! The lists that say where groups are used, fetched together for the groups list and a
//! group's page. A list this role may not read counts as empty (its uses are then unknown,
//! not an error).

use crate::base::error::ApiError;
use crate::resources::group::usage::Sources;
use crate::resources::{Account, DnsSettings, NameserverGroup, Policy, Route, SetupKey, User};
use crate::ui::api::{both, Api};
use crate::ui::auth::Auth;
use std::future::Future;

/// Everything that can hold a group.
#[derive(Clone, Debug, Default)]
pub struct Holders {
    pub routes: Vec<Route>,
    pub policies: Vec<Policy>,
    pub nameservers: Vec<NameserverGroup>,
    pub setup_keys: Vec<SetupKey>,
    pub users: Vec<User>,
    pub dns: Option<DnsSettings>,
    pub account: Option<Account>,
}

impl Holders {
    pub fn sources(&self) -> Sources<'_> {
        Sources {
            routes: &self.routes,
            policies: &self.policies,
            nameservers: &self.nameservers,
            setup_keys: &self.setup_keys,
            users: &self.users,
            dns_settings: self.dns.as_ref(),
            account_settings: self.account.as_ref().map(|a| &a.settings),
        }
    }
}

/// `path` decoded, or the default when this role may not read `module` or the read fails.
fn optional<T: crate::base::json::FromJson + Default + 'static>(
    api: Api,
    auth: Auth,
    module: &str,
    path: &'static str,
) -> impl Future<Output = T> {
    let fetch = auth
        .permissions()
        .can_read(module)
        .then(|| api.get::<T>(path));
    async move {
        match fetch {
            Some(f) => f.await.unwrap_or_default(),
            None => T::default(),
        }
    }
}

/// Fetches every holder list at once.
pub fn holders(api: Api, auth: Auth) -> impl Future<Output = Result<Holders, ApiError>> {
    let lists = both(
        both(
            optional::<Vec<Route>>(api, auth, "routes", "/api/routes"),
            optional::<Vec<Policy>>(api, auth, "policies", "/api/policies"),
        ),
        both(
            both(
                optional::<Vec<NameserverGroup>>(api, auth, "nameservers", "/api/dns/nameservers"),
                optional::<Vec<SetupKey>>(api, auth, "setup_keys", "/api/setup-keys"),
            ),
            both(
                optional::<Vec<User>>(api, auth, "users", "/api/users"),
                both(
                    optional::<Option<DnsSettings>>(api, auth, "dns", "/api/dns/settings"),
                    optional::<Vec<Account>>(api, auth, "settings", "/api/accounts"),
                ),
            ),
        ),
    );
    async move {
        let ((routes, policies), ((nameservers, setup_keys), (users, (dns, accounts)))) =
            lists.await;
        Ok(Holders {
            routes,
            policies,
            nameservers,
            setup_keys,
            users,
            dns,
            account: accounts.into_iter().next(),
        })
    }
}
