//! The registry of resources: the pages paths show, the resources permissions show, nouns in
//! the right number.

use crate::common::{config, text};
use netbird_console::base::format::plural;
use netbird_console::base::listing::encode_query_value;
use netbird_console::registry::{
    match_path, plural_noun, visible_resources, Page, Pages, Resource, RESOURCES,
};
use netbird_console::resources::Permissions;
use proptest::prelude::*;
use proptest::sample::select;

/// The resources shown for `p`: those whose module it may read, in navigation order, but peers
/// and groups for a restricted user.
pub(crate) fn use_permissions(p: &Permissions) {
    let shown = visible_resources(p);
    for s in &shown {
        assert!(RESOURCES.contains(s));
        assert!(p.can_read(s.module));
    }
    let expected: Vec<_> = RESOURCES
        .iter()
        .filter(|s| p.module(s.module).read)
        .filter(|s| !(p.is_restricted && matches!(s.resource, Resource::Peers | Resource::Groups)))
        .collect();
    assert_eq!(shown, expected);
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn plurals(noun in text(), n in any::<u64>()) {
        let p = plural_noun(&noun, n);
        prop_assert!(n != 1 || p == noun);
        if n != 1 {
            // `policy` → `policies`, `day` → `days`, anything else takes an s.
            let ies = noun
                .strip_suffix('y')
                .is_some_and(|stem| !stem.ends_with(['a', 'e', 'i', 'o', 'u']));
            let want = if ies { format!("{}ies", &noun[..noun.len() - 1]) } else { format!("{noun}s") };
            prop_assert_eq!(&p, &want);
        }
        prop_assert_eq!(plural(n, &noun), if n == 1 { noun.clone() } else { format!("{noun}s") });
        for e in RESOURCES {
            let p = plural_noun(e.noun, n);
            prop_assert!(n == 1 || p.ends_with('s'), "{}", p);
        }
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

proptest! {
    // Each case matches some thirty paths: fewer cases.
    #![proptest_config(config(256))]

    #[test]
    fn paths_show_their_pages(path in prop_oneof![
        text(),
        "(/(peers|groups|routes|dns|setup-keys|users|events|settings|login|new|[a-z%0-9]{0,6})){0,4}/{0,2}",
    ], id in prop_oneof!["[ -~]{0,16}", "[é中😀/%+?#. a]{0,8}", any::<String>()]) {
        // A form only for a resource that has one.
        match match_path(&path) {
            Page::Form(r, None) => prop_assert_eq!(r.entry().pages, Pages::Form, "{:?}", path),
            Page::Form(r, Some(_)) => prop_assert_ne!(r.entry().pages, Pages::List, "{:?}", path),
            _ => {}
        }
        // Each resource's list, and its form for any ID (percent-encoded in the path).
        for e in RESOURCES {
            let list = Page::List(e.resource);
            prop_assert_eq!(match_path(&format!("/{}", e.segment)), list.clone());
            prop_assert_eq!(match_path(&format!("/{}/", e.segment)), list.clone());
            let form = match_path(&format!("/{}/{}", e.segment, encode_query_value(&id)));
            let want = match id.as_str() {
                "" => list,
                _ if e.pages == Pages::List => Page::NotFound,
                "new" if e.pages == Pages::Detail => Page::NotFound,
                "new" => Page::Form(e.resource, None),
                _ => Page::Form(e.resource, Some(id.clone())),
            };
            prop_assert_eq!(form, want);
        }
    }
}
