//! The lists that say where groups are used, fetched together for the groups list and a
//! group's page. A list this role may not read counts as empty (its uses are then unknown,
//! not an error); any other failure of one is the error of all.

use crate::base::error::ApiError;
use crate::resources::group::usage::Sources;
use crate::resources::{Account, DnsSettings, NameserverGroup, Policy, Route, SetupKey, User};
use crate::ui::api::{both, read_if, Api};
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

/// Fetches every holder list at once, once who is signed in is known: each list this role may
/// read, the others left out (asked for before, they would be asked for again when the user
/// is known).
pub fn holders(api: Api, auth: Auth) -> impl Future<Output = Result<Holders, ApiError>> {
    let known = auth.known_permissions();
    // Made here, in the page's scope (which aborts them when it goes); sent when awaited.
    let routes = api.get::<Vec<Route>>("/api/routes");
    let policies = api.get::<Vec<Policy>>("/api/policies");
    let nameservers = api.get::<Vec<NameserverGroup>>("/api/dns/nameservers");
    let setup_keys = api.get::<Vec<SetupKey>>("/api/setup-keys");
    let users = api.get::<Vec<User>>("/api/users");
    let dns = api.get::<Option<DnsSettings>>("/api/dns/settings");
    let accounts = api.get::<Vec<Account>>("/api/accounts");
    async move {
        let may = known.await;
        let lists = both(
            both(
                read_if(may.can_read("routes"), routes),
                read_if(may.can_read("policies"), policies),
            ),
            both(
                both(
                    read_if(may.can_read("nameservers"), nameservers),
                    read_if(may.can_read("setup_keys"), setup_keys),
                ),
                both(
                    read_if(may.can_read("users"), users),
                    both(
                        read_if(may.can_read("dns"), dns),
                        read_if(may.can_read("settings"), accounts),
                    ),
                ),
            ),
        );
        let ((routes, policies), ((nameservers, setup_keys), (users, (dns, accounts)))) =
            lists.await;
        Ok(Holders {
            routes: routes?,
            policies: policies?,
            nameservers: nameservers?,
            setup_keys: setup_keys?,
            users: users?,
            dns: dns?,
            account: accounts?.into_iter().next(),
        })
    }
}
