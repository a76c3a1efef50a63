//! The JSON models: every model decoded from arbitrary JSON, from arbitrary bodies and from
//! realistic server objects with a few mutations, and everything that consumes a model (rows,
//! names, permissions, the session, the runtime configuration) run on what decodes.

use crate::common::{config, decode, extreme, json, key, text};
use crate::listing::exercise_rows;
use crate::registry::use_permissions;
use crate::routes::use_route;
use crate::session::check_api_url;
use netbird_console::base::config_file::RuntimeConfig;
use netbird_console::base::format::parse_rfc3339;
use netbird_console::base::json::{self, FromJson, Ignored};
use netbird_console::base::session::{current_token, normalize_api_url, StoredSession};
use netbird_console::base::token::Credential;
use netbird_console::resources::names::Names;
use netbird_console::resources::{
    current_from_list, Account, AccountSettings, CurrentUser, DnsSettings, Event, Group,
    GroupListed, GroupMinimum, ModuleAccess, Nameserver, NameserverGroup, Peer, PeerAddress,
    PeerListed, PeerMinimum, Permissions, PersonalAccessToken, Policy, PolicyRule, Route,
    RouteKind, SetupKey, User,
};
use netbird_console::resources::{
    dns::rows::*, event::rows::*, group::rows::*, peer::rows::*, policy::rows::*,
    setup_key::rows::*, user::rows::*,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde::Serialize;
use serde_json::{json, Value};
use std::fmt::Debug;

// ------------------------------------------------------------------ realistic, mutated objects

/// One change to a realistic object, at the node a path of indices leads to.
#[derive(Clone, Debug)]
enum Mutation {
    /// Null, a wrong type, an extreme value or arbitrary JSON.
    Replace(Value),
    Remove,
    AddUnknown(Vec<(String, Value)>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let replacement = prop_oneof![
        Just(Value::Null),
        select(vec![
            json!(true),
            json!("x"),
            json!(""),
            json!(7),
            json!(-7),
            json!(1.5),
            json!([]),
            json!({}),
            json!([null]),
            json!([1, "a", {}, []]),
            json!({"id": 1, "name": null}),
        ]),
        extreme(),
        json(),
    ];
    prop_oneof![
        5 => replacement.prop_map(Mutation::Replace),
        2 => Just(Mutation::Remove),
        2 => vec((key(), json()), 1..4).prop_map(Mutation::AddUnknown),
    ]
}

fn apply(v: &mut Value, path: &[Index], m: &Mutation) {
    let Some((i, rest)) = path.split_first() else {
        if let Mutation::Replace(x) = m {
            *v = x.clone();
        }
        return;
    };
    match v {
        Value::Object(map) if !map.is_empty() => {
            let k = map
                .keys()
                .nth(i.index(map.len()))
                .cloned()
                .unwrap_or_default();
            if !rest.is_empty() {
                if let Some(child) = map.get_mut(&k) {
                    apply(child, rest, m);
                }
                return;
            }
            match m {
                Mutation::Replace(x) => {
                    map.insert(k, x.clone());
                }
                Mutation::Remove => {
                    map.remove(&k);
                }
                Mutation::AddUnknown(extra) => {
                    for (k, x) in extra {
                        map.entry(k.clone()).or_insert_with(|| x.clone());
                    }
                }
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let j = i.index(a.len());
            if !rest.is_empty() {
                apply(&mut a[j], rest, m);
                return;
            }
            match m {
                Mutation::Replace(x) => a[j] = x.clone(),
                Mutation::Remove => {
                    a.remove(j);
                }
                Mutation::AddUnknown(extra) => a.extend(extra.iter().map(|(_, x)| x.clone())),
            }
        }
        _ => {
            if let Mutation::Replace(x) = m {
                *v = x.clone();
            }
        }
    }
}

/// A realistic object of every model, as the server (or the browser's storage) sends it.
fn realistic() -> Vec<Value> {
    vec![
        json!({"id":"chacbco6lnnbn6cg5s90","name":"stage-host-1","ip":"100.64.0.1","ipv6":"fd00::1",
          "connection_ip":"<nil>","connected":false,"last_seen":"2026-11-20T10:00:00Z","os":"Darwin 13.2.1",
          "kernel_version":"23.2.0","geoname_id":2643743,"version":"0.27.3",
          "groups":[{"id":"g","name":"All","peers_count":3,"resources_count":0},{"id":"g2","name":"devs","peers_count":1}],
          "ssh_enabled":false,"user_id":"u","hostname":"stage","dns_label":"stage-host-1.netbird.cloud",
          "login_expired":true,"approval_required":true,"country_code":"DE","city_name":"Berlin","ephemeral":false}),
        json!({"id":"g1","name":"devops","issued":"jwt","peers":[{"id":"p1","name":"gw-1"},{"id":"p2","name":"gw-2"}],
          "peers_count":12,"resources_count":2,"resources":null}),
        json!({"id":"r1","network_id":"office","description":"HQ","enabled":true,"network_type":"IPv4",
          "network":"10.0.0.0/24","domains":null,"peer":"p1","metric":9999,"masquerade":true,"groups":["g1"],
          "access_control_groups":["g2"],"keep_route":false,"skip_auto_apply":false}),
        json!({"id":"r2","network_id":"docs","description":"","enabled":true,"network_type":"Domain",
          "network":"192.0.2.0/32","domains":["example.com","*.xn--bcher-kva.de"],"peer":"","peer_groups":["g2"],
          "metric":100,"masquerade":true,"groups":["g1"],"keep_route":true,"skip_auto_apply":false}),
        json!({"id":"p","name":"web","description":"d","enabled":true,"source_posture_checks":[],"rules":[{"id":"p",
          "name":"web","enabled":true,"action":"accept","bidirectional":true,"protocol":"tcp","ports":["443","80"],
          "sources":null,"destinations":[{"id":"g","name":"servers","peers_count":2}]}]}),
        json!({"id":"ns","name":"Google","description":"","nameservers":[{"ip":"8.8.8.8","ns_type":"udp","port":53}],
          "enabled":true,"groups":["g1"],"primary":false,"domains":["example.com"],"search_domains_enabled":true}),
        json!({"disabled_management_groups":["g1"]}),
        json!({"id":"k","name":"ci","key":"A6160****","type":"reusable","state":"valid","valid":true,"revoked":false,
          "expires":"2027-01-01T00:00:00Z","used_times":3,"usage_limit":0,"last_used":"0001-01-01T00:00:00Z",
          "auto_groups":["g1"],"ephemeral":true}),
        json!({"id":"u1","email":"a@b.c","name":"Alice","role":"admin","status":"active","auto_groups":null,
          "is_current":true,"is_service_user":false,"is_blocked":false,"pending_approval":false,"issued":"api",
          "last_login":"2026-11-20T10:00:00Z",
          "permissions":{"is_restricted":false,"modules":{"routes":{"create":true,"read":true,"update":true,"delete":true},
          "peers":{"create":false,"read":true,"update":false,"delete":false}}}}),
        json!({"id":"10","timestamp":"2026-11-01T10:00:00Z","activity":"Route created",
          "activity_code":"route.add","initiator_id":"u","initiator_name":"Alice",
          "initiator_email":"a@b.c","target_id":"r","meta":{"name":"office","count":3,"x":null,"nested":{"a":[1,2]}}}),
        json!({"id":"acc","domain":"example.com","created_at":"2026-01-01T00:00:00Z","settings":{
          "peer_login_expiration_enabled":true,"peer_login_expiration":86400,"regular_users_view_blocked":true,
          "dns_domain":"netbird.cloud","network_range":"100.64.0.0/10","extra":{"x":1}}}),
        json!({"api_url":"https://api.netbird.io","token":"nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6"}),
        json!({"id":"t1","name":"ci","expiration_date":"2027-01-01T00:00:00Z","created_at":"2026-01-01T00:00:00Z",
          "last_used":"2026-11-20T10:00:00Z"}),
        json!({"api_url":" https://api.netbird.io ","title":"Acme VPN","idle_timeout_minutes":15}),
    ]
}

/// The names of peers and groups: each known ID by a name it is listed with (never the raw ID).
pub(crate) fn names_of(peers: &[Peer], groups: &[Group]) -> Names {
    let names = Names::new(peers, groups);
    for p in peers {
        let shown = names.peer(&p.id);
        assert!(
            peers.iter().any(|q| q.id == p.id && q.name == shown),
            "{shown:?}"
        );
    }
    for g in groups {
        let shown = names.group(&g.id);
        assert!(
            groups.iter().any(|h| h.id == g.id && h.name == shown),
            "{shown:?}"
        );
    }
    names
}

/// `decode` of a model serde writes back: what decodes, written and read again, is the same
/// model (a member the reader misses or misreads would come back different).
fn round_trip<T: FromJson + Serialize + PartialEq + Debug>(v: &Value) -> Option<T> {
    let model = decode::<T>(v)?;
    let written = serde_json::to_value(&model).expect("a model always serialises");
    assert_eq!(decode::<T>(&written).as_ref(), Some(&model), "{written}");
    Some(model)
}

fn use_user(u: &User, names: &Names, now: i64) {
    // Shown by the first of its name, e-mail and ID that is set.
    let shown = u.display_name();
    let first_set = [&u.name, &u.email, &u.id]
        .into_iter()
        .find(|s| !s.is_empty());
    assert_eq!(shown, first_set.map_or("", String::as_str));
    let row = user_row(u, names, now);
    assert_eq!(row.cells[0].text, shown);
    exercise_rows(&[row], USER_COLUMNS);
    let perms = Permissions::for_role(&u.role, u.is_service_user);
    use_permissions(&perms);
    match current_from_list(vec![u.clone()]) {
        Some(me) => {
            // The current user itself, with its role's permissions.
            assert!(me.user.is_current);
            assert_eq!(&me.user, u);
            assert_eq!(me.permissions, perms);
        }
        None => assert!(!u.is_current),
    }
}

/// Every model decoded from `v`, and everything that consumes a model run on the result.
fn consume_everything(v: &Value, now: i64) {
    let names = Names::default();
    let peer = round_trip::<Peer>(v);
    if let Some(p) = &peer {
        let row = peer_row(&PeerListed::of(p), &Owners::default(), now);
        exercise_rows(&[row], PEER_COLUMNS);
        names_of(std::slice::from_ref(p), &[]);
        // The short form reads the same members as the whole one.
        assert_eq!(decode::<PeerListed>(v), Some(PeerListed::of(p)));
        assert_eq!(decode::<PeerAddress>(v), Some(PeerAddress::of(p)));
    }
    let group = round_trip::<Group>(v);
    if let Some(g) = &group {
        // The All group is the one named exactly so.
        assert_eq!(g.is_all(), g.name == "All");
        exercise_rows(
            &[group_row(&GroupListed::of(g), &Default::default())],
            GROUP_COLUMNS,
        );
        names_of(&[], std::slice::from_ref(g));
    }
    // The short forms read the same members as the whole ones.
    let group_minimum = round_trip::<GroupMinimum>(v);
    if let Some(g) = &group {
        assert_eq!(decode::<GroupListed>(v), Some(GroupListed::of(g)));
        let (id, name, peers_count) = (g.id.clone(), g.name.clone(), g.peers_count);
        assert_eq!(
            group_minimum,
            Some(GroupMinimum {
                id,
                name,
                peers_count
            })
        );
    }
    let peer_minimum = round_trip::<PeerMinimum>(v);
    let named = |id: &str, name: &str| PeerMinimum {
        id: id.into(),
        name: name.into(),
    };
    if let Some(p) = &peer {
        assert_eq!(peer_minimum, Some(named(&p.id, &p.name)));
    }
    if let Some(g) = &group {
        assert_eq!(peer_minimum, Some(named(&g.id, &g.name)));
    }
    if let Some(r) = round_trip::<Route>(v) {
        use_route(&r, &names, 2);
    }
    if let Some(p) = round_trip::<Policy>(v) {
        exercise_rows(&[policy_row(&p)], POLICY_COLUMNS);
    }
    round_trip::<PolicyRule>(v);
    if let Some(n) = round_trip::<NameserverGroup>(v) {
        exercise_rows(&[nameserver_row(&n, &names)], NAMESERVER_COLUMNS);
    }
    round_trip::<Nameserver>(v);
    round_trip::<DnsSettings>(v);
    if let Some(k) = round_trip::<SetupKey>(v) {
        exercise_rows(&[setup_key_row(&k, &names, now)], SETUP_KEY_COLUMNS);
    }
    let user = round_trip::<User>(v);
    if let Some(u) = &user {
        use_user(u, &names, now);
    }
    if let Some(me) = decode::<CurrentUser>(v) {
        use_permissions(&me.permissions);
        // The user's members are read as a user's.
        assert_eq!(Some(&me.user), user.as_ref());
    }
    if let Some(p) = decode::<Permissions>(v) {
        use_permissions(&p);
    }
    round_trip::<ModuleAccess>(v);
    if let Some(e) = decode::<Event>(v) {
        // Any time zone offset: UTC and one far east.
        exercise_rows(
            &[event_row(&e, 0, now), event_row(&e, 14 * 3600, now)],
            EVENT_COLUMNS,
        );
    }
    if let Some(a) = round_trip::<Account>(v) {
        // PUT sends the settings back.
        serde_json::to_string(&a).expect("an account always serialises");
        let settings = v.get("settings").unwrap_or(&Value::Null);
        assert_eq!(decode::<AccountSettings>(settings), Some(a.settings));
    }
    round_trip::<AccountSettings>(v);
    if let Some(t) = round_trip::<PersonalAccessToken>(v) {
        // Of two copies, one is current exactly when it was ever used.
        let used = parse_rfc3339(&t.last_used).is_some();
        let tokens = [t.clone(), t];
        assert_eq!(current_token(&tokens), used.then_some(&tokens[0]));
    }
    // The runtime configuration is what its model reads, blank texts as none; anything else
    // is no configuration.
    let config = RuntimeConfig::parse(&v.to_string());
    match decode::<RuntimeConfig>(v) {
        Some(c) => {
            assert_eq!(config, c);
            let text = |k: &str| {
                v.get(k)
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
            };
            assert_eq!(config.api_url(), text("api_url"));
            assert_eq!(config.title(), text("title"));
            let minutes = v.get("idle_timeout_minutes").and_then(Value::as_u64);
            assert_eq!(
                u64::from(config.idle_timeout_minutes()),
                minutes.unwrap_or(0)
            );
        }
        None => assert_eq!(config, RuntimeConfig::default()),
    }
    if let Some(s) = round_trip::<StoredSession>(v) {
        // Its debug output never shows the token.
        let redacted = format!(
            "StoredSession {{ api_url: {:?}, token: \"<redacted>\" }}",
            s.api_url
        );
        assert_eq!(format!("{s:?}"), redacted);
        // A stored token that parses is sent as stored (but for a scheme and blanks).
        if let Ok(c) = Credential::parse(&s.token) {
            assert!(s.token.contains(c.secret()));
        }
        if let Ok(url) = normalize_api_url(&s.api_url, "http://127.0.0.1:8080") {
            check_api_url(&url);
        }
    }
    // Lists, as the list endpoints answer.
    let list = Value::Array(vec![v.clone(), v.clone()]);
    if let Some(peers) = decode::<Vec<Peer>>(&list) {
        let groups = decode::<Vec<Group>>(&list).unwrap_or_default();
        let names = names_of(&peers, &groups);
        if let Some(routes) = decode::<Vec<Route>>(&list) {
            for r in &routes {
                use_route(r, &names, routes.len());
            }
        }
    }
    if let Some(users) = decode::<Vec<User>>(&list) {
        // The current user is the first one marked so.
        let first_current = users.iter().find(|u| u.is_current).cloned();
        assert_eq!(current_from_list(users).map(|me| me.user), first_current);
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn models_from_arbitrary_json(v in json(), now in any::<i64>()) {
        consume_everything(&v, now);
    }

    #[test]
    fn models_from_arbitrary_bodies(body in prop_oneof![
        text(),
        "[\\[\\]{}\",:0-9a-z.\\-eE+ ]{0,40}",
        json().prop_map(|v| {
            let s = v.to_string();
            let cut = s.char_indices().map(|(i, _)| i).nth(s.chars().count() / 2).unwrap_or(0);
            s[..cut].to_string()
        }),
    ]) {
        // What `ui::api::decode` does with a body: Err, never a panic; and it takes what serde
        // takes (but for numbers beyond f64's range, which serde refuses and the reader leaves
        // to the integer types that read them).
        let serde = serde_json::from_str::<Value>(&body);
        let out_of_range = serde.as_ref().is_err_and(|e| e.to_string().contains("out of range"));
        if !out_of_range {
            prop_assert_eq!(json::decode_str::<Ignored>(&body).is_ok(), serde.is_ok(), "{:?}", body);
        }
        // A model reads only JSON: what decodes into one is a JSON text, and a list has as many
        // models as the text's array has elements.
        let is_json = json::decode_str::<Ignored>(&body).is_ok();
        let elements = json::decode_str::<Vec<Ignored>>(&body).map(|all| all.len()).ok();
        let count = |n: Option<usize>| n.is_none() || n == elements;
        prop_assert!(count(json::decode_str::<Vec<Peer>>(&body).ok().map(|l| l.len())), "{:?}", body);
        prop_assert!(count(json::decode_str::<Vec<Route>>(&body).ok().map(|l| l.len())), "{:?}", body);
        prop_assert!(count(json::decode_str::<Vec<Event>>(&body).ok().map(|l| l.len())), "{:?}", body);
        prop_assert!(json::decode_str::<CurrentUser>(&body).is_err() || is_json, "{:?}", body);
        prop_assert!(json::decode_str::<Account>(&body).is_err() || is_json, "{:?}", body);
        prop_assert!(json::decode_str::<StoredSession>(&body).is_err() || is_json, "{:?}", body);
        if let Ok(v) = serde_json::from_str::<Value>(&body) {
            consume_everything(&v, 1_795_400_000);
        }
    }

    #[test]
    fn models_from_mutated_server_objects(
        which in any::<Index>(),
        mutations in vec((vec(any::<Index>(), 1..4), mutation()), 1..4),
        now in prop_oneof![any::<i64>(), Just(1_795_400_000i64)],
    ) {
        let all = realistic();
        let original = all[which.index(all.len())].clone();
        // The unmutated object decodes as its model does.
        consume_everything(&original, now);
        let mut v = original;
        for (path, m) in &mutations {
            apply(&mut v, path, m);
        }
        consume_everything(&v, now);
    }
}

#[test]
fn realistic_objects_decode_into_their_models() {
    let all = realistic();
    let peer: Peer = decode(&all[0]).unwrap();
    assert_eq!(peer.groups.len(), 2);
    let group: Group = decode(&all[1]).unwrap();
    assert_eq!(group.peers.len(), 2);
    let route: Route = decode(&all[3]).unwrap();
    assert_eq!(route.kind(), RouteKind::Domain);
    let policy: Policy = decode(&all[4]).unwrap();
    assert_eq!(policy.rules[0].ports.len(), 2);
    let ns: NameserverGroup = decode(&all[5]).unwrap();
    assert_eq!(ns.nameservers[0].port, 53);
    let key: SetupKey = decode(&all[7]).unwrap();
    assert_eq!(key.key_type, "reusable");
    let me: CurrentUser = decode(&all[8]).unwrap();
    assert!(me.permissions.module("routes").create);
    let event: Event = decode(&all[9]).unwrap();
    assert_eq!(event.meta.len(), 4);
    let account: Account = decode(&all[10]).unwrap();
    assert!(account.settings.regular_users_view_blocked);
    let session: StoredSession = decode(&all[11]).unwrap();
    assert!(Credential::parse(&session.token).is_ok());
    let pat: PersonalAccessToken = decode(&all[12]).unwrap();
    assert_eq!(current_token(&[pat]).map(|t| t.id.as_str()), Some("t1"));
    let config = RuntimeConfig::parse(&all[13].to_string());
    assert_eq!(config.idle_timeout_minutes(), 15);
}
