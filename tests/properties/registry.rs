//! The registry of resources and the permissions that show them; nouns in the right number.

use crate::common::{config, text};
use netbird_console::base::format::plural;
use netbird_console::registry::{plural_noun, visible_resources, RESOURCES};
use netbird_console::resources::Permissions;
use proptest::prelude::*;
use proptest::sample::select;

pub(crate) fn use_permissions(p: &Permissions) {
    let shown = visible_resources(p);
    for s in &shown {
        assert!(RESOURCES.contains(s));
        assert!(p.can_read(s.module));
    }
    for s in RESOURCES {
        let _ = p.module(s.module);
    }
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn plurals(noun in text(), n in any::<u64>()) {
        let p = plural_noun(&noun, n);
        prop_assert!(n != 1 || p == noun);
        let _ = plural(n, &noun);
    }

    #[test]
    fn roles_and_permissions(role in prop_oneof![
        select(vec!["owner", "admin", "Admin", "auditor", "network_admin", "user", "billing_admin"]).prop_map(String::from),
        text(),
    ], service in any::<bool>()) {
        let p = Permissions::for_role(&role, service);
        use_permissions(&p);
        if service {
            prop_assert_eq!(visible_resources(&p).len(), RESOURCES.len());
        }
    }
}
