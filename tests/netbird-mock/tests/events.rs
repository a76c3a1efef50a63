//! The audit log over real HTTP: 10,000 seeded events over 90 days, newest first, capped at
//! 10,000, with activity codes newer than the spec's enum and meta naming real objects.

mod common;

use common::*;
use netbird_mock::seed::{self, SeedOptions};
use netbird_mock::Config;
use serde_json::{json, Value};
use std::collections::BTreeSet;

const DAY_S: i64 = 86_400;

/// Seconds since the epoch of an RFC 3339 `...Z` timestamp.
fn secs(ts: &str) -> i64 {
    let d = |a: usize, b: usize| ts[a..b].parse::<i64>().unwrap();
    let (y, mo, da) = (d(0, 4), d(5, 7), d(8, 10));
    let (h, mi, s) = (d(11, 13), d(14, 16), d(17, 19));
    // Days from civil (H. Hinnant).
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + da - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * DAY_S + h * 3600 + mi * 60 + s
}

fn now_s() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[test]
fn ten_thousand_events_newest_first_over_90_days() {
    let m = Mock::start();
    let ev = m.contract("owner", "GET", "/api/events/audit", None).json();
    let ev = ev.as_array().unwrap();
    assert_eq!(ev.len(), 10_000);
    let ts: Vec<i64> = ev
        .iter()
        .map(|e| secs(e["timestamp"].as_str().unwrap()))
        .collect();
    assert!(ts.windows(2).all(|w| w[0] >= w[1]), "not newest first");
    let now = now_s();
    assert!(now - ts[0] < DAY_S, "the newest is from today");
    let oldest = *ts.last().unwrap();
    assert!(now - oldest <= 90 * DAY_S + 60 && now - oldest > 80 * DAY_S);
    // The legacy path answers the same list.
    assert_eq!(m.get_ok("/api/events").as_array().unwrap().len(), 10_000);

    // Route changes on most days, so a date-range filter finds some.
    let route_days: BTreeSet<i64> = ev
        .iter()
        .zip(&ts)
        .filter(|(e, _)| {
            matches!(
                e["activity_code"].as_str().unwrap(),
                "route.add" | "route.update" | "route.delete"
            )
        })
        .map(|(_, t)| (now - t) / DAY_S)
        .collect();
    assert!(
        route_days.len() >= 80,
        "{} days with route changes",
        route_days.len()
    );
    for code in ["route.add", "route.update", "route.delete"] {
        assert!(ev.iter().any(|e| e["activity_code"] == code), "{code}");
    }
    let last_week = ev
        .iter()
        .zip(&ts)
        .filter(|(e, t)| now - **t < 7 * DAY_S && e["activity_code"] == "route.update")
        .count();
    assert!(last_week > 0);

    // Codes beyond the spec's enum.
    for code in [
        "account.setting.peer.expose.enable",
        "user.peer.session.extend",
        "agent_network.budget_rule.create",
        "account.setting.ipv6.enable",
    ] {
        assert!(ev.iter().any(|e| e["activity_code"] == code), "{code}");
    }
    let ext = ev
        .iter()
        .find(|e| e["activity_code"] == "user.peer.session.extend")
        .unwrap();
    assert_eq!(ext["activity"], "User extended peer session");
}

#[test]
fn meta_names_real_and_deleted_objects() {
    let m = Mock::start();
    let ev = m.get_ok("/api/events/audit");
    let ev = ev.as_array().unwrap();
    let ids = |path: &str| -> BTreeSet<String> {
        m.get_ok(path)
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    let routes = ids("/api/routes");
    let peers = ids("/api/peers");
    let groups = ids("/api/groups");
    let policies = ids("/api/policies");
    let users = ids("/api/users");
    let targets = |codes: &[&str]| -> Vec<String> {
        ev.iter()
            .filter(|e| codes.contains(&e["activity_code"].as_str().unwrap()))
            .map(|e| e["target_id"].as_str().unwrap().to_string())
            .collect()
    };
    for (codes, live) in [
        (&["route.add", "route.update", "route.delete"][..], &routes),
        (&["user.peer.login", "peer.rename"][..], &peers),
        (&["group.add", "group.update", "group.delete"][..], &groups),
        (
            &["policy.add", "policy.update", "policy.delete"][..],
            &policies,
        ),
    ] {
        let t = targets(codes);
        assert!(
            t.iter().any(|id| live.contains(id)),
            "{codes:?}: no live target"
        );
        assert!(
            t.iter().any(|id| !live.contains(id)),
            "{codes:?}: no deleted target"
        );
    }
    let r = ev
        .iter()
        .find(|e| e["activity_code"] == "route.update")
        .unwrap();
    for k in ["name", "network_range", "peer_id"] {
        assert!(r["meta"].get(k).is_some(), "{r}");
    }
    // Initiators are real users, named as they are.
    let e = &ev[0];
    assert!(users.contains(e["initiator_id"].as_str().unwrap()));
    let u = m.get_ok("/api/users");
    let init = u
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == e["initiator_id"])
        .unwrap();
    assert_eq!(e["initiator_name"], init["name"]);
    assert_eq!(e["initiator_email"], init["email"]);
}

#[test]
fn capped_at_ten_thousand_with_the_new_event_first() {
    let m = Mock::start();
    let before = m.get_ok("/api/events/audit");
    let oldest_before = before[9_999]["id"].clone();
    let r = m.owner("POST", "/api/groups", Some(&json!({"name": "cap-test"})));
    assert_eq!(r.status, 200);
    let gid = r.json()["id"].clone();
    let after = m.get_ok("/api/events/audit");
    let after = after.as_array().unwrap();
    assert_eq!(after.len(), 10_000);
    assert_eq!(after[0]["activity_code"], "group.add");
    assert_eq!(after[0]["target_id"], gid);
    assert_eq!(after[0]["meta"], json!({"name": "cap-test"}));
    // The oldest one dropped off the end.
    assert!(after.iter().all(|e| e["id"] != oldest_before));
    assert_eq!(after[9_999]["id"], before[9_998]["id"]);
    // Ids are numeric strings, increasing.
    let id = |v: &Value| v["id"].as_str().unwrap().parse::<u64>().unwrap();
    assert!(id(&after[0]) > id(&after[1]));
    // events module: a user without it is refused.
    let r = m.call("user", "GET", "/api/events/audit", None);
    assert_eq!((r.status, r.message().as_str()), (403, "permission denied"));
}

#[test]
fn every_seed_size_has_ten_thousand_events() {
    for peers in [3, 50] {
        let m = Mock::with(Config {
            peers,
            ..Config::default()
        });
        assert_eq!(
            m.get_ok("/api/events/audit").as_array().unwrap().len(),
            10_000,
            "{peers} peers"
        );
    }
}

#[test]
fn groups_and_policies_fill_up_to_the_asked_sizes() {
    let opts = |groups, policies| SeedOptions {
        seed: 1,
        peers: 1000,
        routes: None,
        groups,
        policies,
        admin_token: None,
        jwts: vec![],
        geo: true,
        idp: false,
    };
    let (plain, _) = seed::build(&opts(None, None));
    let (big, _) = seed::build(&opts(Some(1000), Some(1000)));
    assert!(plain.groups.len() < 1000 && plain.policies.len() < 1000);
    assert_eq!(big.groups.len(), 1000);
    assert_eq!(big.policies.len(), 1000);
    // Every added group has members, every added policy points at two existing groups.
    let squads: Vec<_> = big
        .groups
        .iter()
        .filter(|g| g.name.starts_with("squad-"))
        .collect();
    assert_eq!(squads.len(), 1000 - plain.groups.len());
    assert!(squads.iter().all(|g| (1..=40).contains(&g.peers.len())));
    for p in big
        .policies
        .iter()
        .filter(|p| p.name.starts_with("access-"))
    {
        for id in p.rules[0].sources.iter().chain(&p.rules[0].destinations) {
            assert!(
                big.groups.iter().any(|g| &g.id == id),
                "{} points at {id}",
                p.name
            );
        }
    }
    // Asking for fewer than the seed has adds nothing.
    let (small, _) = seed::build(&opts(Some(3), Some(3)));
    assert_eq!(small.groups.len(), plain.groups.len());
    assert_eq!(small.policies.len(), plain.policies.len());
}

#[test]
fn seeding_stays_fast() {
    for peers in [50, 10_000] {
        let opts = SeedOptions {
            seed: 1,
            peers,
            routes: None,
            groups: None,
            policies: None,
            admin_token: None,
            jwts: vec![],
            geo: true,
            idp: false,
        };
        let t = std::time::Instant::now();
        let (st, _) = seed::build(&opts);
        let el = t.elapsed();
        assert_eq!(st.events.len(), seed::SEED_EVENTS);
        eprintln!("seed with {peers} peers: {el:?}");
        // Well under a second in a release build; generous here for a debug build on a
        // loaded machine.
        assert!(el.as_millis() < 3_000, "{peers} peers: {el:?}");
    }
}
