//! Deterministic seed data that looks like a real, lived-in account.

use crate::net::Prefix;
use crate::pat;
use crate::state::*;
use crate::util::{Rng, Ts, DAY, HOUR, MINUTE, SECOND, ZERO_TIME};
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Clone, Debug)]
pub struct SeedOptions {
    pub seed: u64,
    pub peers: usize,
    pub routes: Option<usize>,
    /// At least this many groups (`--groups`): `squad-NNNN` groups fill up to it.
    pub groups: Option<usize>,
    /// At least this many policies (`--policies`): `access-NNNN` policies fill up to it.
    pub policies: Option<usize>,
    pub admin_token: Option<String>,
    pub jwts: Vec<(String, String)>,
    /// A geolocation database is loaded.
    pub geo: bool,
    /// An IdP manager is configured.
    pub idp: bool,
}

/// A printed token line: `token <role> <email-or-name> <token>`.
#[derive(Clone, Debug)]
pub struct SeededToken {
    pub role: String,
    pub user_id: String,
    pub label: String,
    pub token: String,
    /// Expired tokens are printed as `expired-token <email-or-name> <token>`.
    pub expired: bool,
}

struct Person {
    first: &'static str,
    last: &'static str,
    role: &'static str,
}

const PEOPLE: &[Person] = &[
    Person {
        first: "Alice",
        last: "Schmidt",
        role: "owner",
    },
    Person {
        first: "Bob",
        last: "Martin",
        role: "admin",
    },
    Person {
        first: "Carol",
        last: "Nguyen",
        role: "network_admin",
    },
    Person {
        first: "Dave",
        last: "Okafor",
        role: "auditor",
    },
    Person {
        first: "Erin",
        last: "Rossi",
        role: "user",
    },
    Person {
        first: "Frank",
        last: "Weber",
        role: "billing_admin",
    },
];

const CITIES: &[(&str, &str, i64)] = &[
    ("DE", "Frankfurt am Main", 2_925_533),
    ("DE", "Berlin", 2_950_159),
    ("NL", "Amsterdam", 2_759_794),
    ("US", "New York City", 5_128_581),
    ("US", "San Francisco", 5_391_959),
    ("GB", "London", 2_643_743),
    ("FR", "Paris", 2_988_507),
    ("PL", "Warsaw", 756_135),
    ("JP", "Tokyo", 1_850_147),
    ("BR", "São Paulo", 3_448_439),
];

const FIRST_NAMES: &[&str] = &[
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
    "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "yuki", "zoe",
    "amir", "bea", "chen", "dmitri", "elena", "farid", "gita", "hugo", "ines", "jonas", "kemal",
];

const AGENT_VERSIONS: &[&str] = &["0.59.1", "0.59.1", "0.59.0", "0.58.2", "0.57.0", "0.54.2"];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Gateway,
    Exit,
    Db,
    Web,
    K8s,
    Ci,
    Laptop,
    Phone,
    Tablet,
    Iot,
}

struct Os {
    os: &'static str,
    kernel: &'static str,
}

fn os_for(kind: Kind, rng: &mut Rng) -> Os {
    const LINUX: &[Os] = &[
        Os {
            os: "Linux 6.8.0",
            kernel: "6.8.0-45-generic",
        },
        Os {
            os: "Linux 6.1.0",
            kernel: "6.1.0-26-amd64",
        },
        Os {
            os: "Linux 5.15.0",
            kernel: "5.15.0-122-generic",
        },
    ];
    const DESKTOP: &[Os] = &[
        Os {
            os: "Darwin 14.5",
            kernel: "23.5.0",
        },
        Os {
            os: "Darwin 15.1",
            kernel: "24.1.0",
        },
        Os {
            os: "Windows 10.0.22631",
            kernel: "10.0.22631",
        },
        Os {
            os: "Windows 10.0.19045",
            kernel: "10.0.19045",
        },
        Os {
            os: "Linux 6.8.0",
            kernel: "6.8.0-45-generic",
        },
    ];
    let pick = |v: &'static [Os], rng: &mut Rng| {
        let o = rng.pick(v);
        Os {
            os: o.os,
            kernel: o.kernel,
        }
    };
    match kind {
        Kind::Laptop => pick(DESKTOP, rng),
        Kind::Phone => {
            if rng.below(2) == 0 {
                Os {
                    os: "iOS 17.5",
                    kernel: "23.5.0",
                }
            } else {
                Os {
                    os: "Android 14",
                    kernel: "5.15.123-android14",
                }
            }
        }
        Kind::Tablet => Os {
            os: "iOS 17.5",
            kernel: "23.5.0",
        },
        _ => pick(LINUX, rng),
    }
}

fn groups_for(kind: Kind, name: &str) -> Vec<&'static str> {
    let mut g = match kind {
        Kind::Gateway => vec!["servers"],
        Kind::Exit => vec!["servers", "exit-nodes"],
        Kind::Db => vec!["servers", "databases"],
        Kind::Web => vec!["servers"],
        Kind::K8s => vec!["servers", "k8s"],
        Kind::Ci => vec!["servers", "devops"],
        Kind::Laptop => vec!["laptops", "engineering"],
        Kind::Phone | Kind::Tablet => vec!["mobile"],
        Kind::Iot => vec!["iot"],
    };
    if name.starts_with("gw-fra") || name.starts_with("gw-ams") {
        g.push("routers-eu");
    }
    if name.starts_with("gw-nyc") || name.starts_with("gw-sfo") {
        g.push("routers-us");
    }
    if ["laptop-alice", "laptop-bob", "laptop-carol"].contains(&name) {
        g.push("devops");
    }
    if ["laptop-frank", "laptop-heidi"].contains(&name) {
        g.push("finance");
    }
    g
}

const GROUP_NAMES: &[&str] = &[
    "All",
    "devops",
    "engineering",
    "routers-eu",
    "routers-us",
    "exit-nodes",
    "servers",
    "databases",
    "k8s",
    "laptops",
    "mobile",
    "finance",
    "iot",
    "contractors",
];

fn label_of(name: &str) -> String {
    let mut s: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    s.trim_matches('-').to_string()
}

pub fn dns_label_for(name: &str, taken: &HashSet<String>) -> String {
    let base = label_of(name);
    let base = if base.is_empty() { "peer".into() } else { base };
    if !taken.contains(&base) {
        return base;
    }
    (1..)
        .map(|i| format!("{base}-{i}"))
        .find(|l| !taken.contains(l))
        .unwrap()
}

fn core_peers() -> Vec<(Kind, &'static str)> {
    vec![
        (Kind::Gateway, "gw-fra-1"),
        (Kind::Laptop, "laptop-alice"),
        (Kind::Gateway, "gw-fra-2"),
        (Kind::Exit, "exit-fra-1"),
        (Kind::Gateway, "gw-nyc-1"),
        (Kind::Laptop, "laptop-bob"),
        (Kind::Gateway, "gw-ams-1"),
        (Kind::Db, "db-prod-01"),
        (Kind::Laptop, "laptop-carol"),
        (Kind::Gateway, "gw-sfo-1"),
        (Kind::Exit, "exit-nyc-1"),
        (Kind::Db, "db-prod-02"),
        (Kind::Db, "db-prod-03"),
        (Kind::Phone, "phone-alice"),
        (Kind::Web, "web-prod-01"),
        (Kind::Web, "web-prod-02"),
        (Kind::K8s, "k8s-node-01"),
        (Kind::K8s, "k8s-node-02"),
        (Kind::K8s, "k8s-node-03"),
        (Kind::Laptop, "laptop-dave"),
        (Kind::Laptop, "laptop-erin"),
        (Kind::Ci, "ci-runner-01"),
        (Kind::Phone, "phone-bob"),
        (Kind::Tablet, "tablet-carol"),
        (Kind::Laptop, "laptop-frank"),
        (Kind::Laptop, "laptop-heidi"),
        (Kind::Iot, "iot-sensor-01"),
        (Kind::Db, "db-staging-01"),
    ]
}

/// Builds the whole account. Returns the state and the tokens to print.
pub fn build(opts: &SeedOptions) -> (State, Vec<SeededToken>) {
    let mut rng = Rng::new(opts.seed);
    let now = crate::util::now();
    // Round "now" to the second for the data so every seed timestamp looks organic.
    let ago = |rng: &mut Rng, lo: Ts, hi: Ts| now - rng.range(lo, hi) - rng.range(0, 999_999);

    // ---- users
    let mut users: Table<User> = Table::default();
    let mut tokens = Vec::new();
    let mut pats: Table<Pat> = Table::default();
    let mut owner_id = String::new();
    for p in PEOPLE {
        let id = format!(
            "google-oauth2|{}",
            (0..21)
                .map(|_| (b'0' + rng.below(10) as u8) as char)
                .collect::<String>()
        );
        if p.role == "owner" {
            owner_id = id.clone();
        }
        users.insert(User {
            id: id.clone(),
            email: format!("{}@example.com", p.first.to_lowercase()),
            name: format!("{} {}", p.first, p.last),
            role: p.role.into(),
            auto_groups: vec![],
            is_blocked: false,
            pending_approval: false,
            is_service_user: false,
            issued: "api".into(),
            last_login: ago(&mut rng, 10 * MINUTE, 5 * DAY),
            invited: false,
        });
    }
    let svc_id = {
        let u = rng.uuid_upper().to_lowercase();
        users.insert(User {
            id: u.clone(),
            email: String::new(),
            name: "terraform".into(),
            role: "admin".into(),
            auto_groups: vec![],
            is_blocked: false,
            pending_approval: false,
            is_service_user: true,
            issued: "api".into(),
            last_login: ZERO_TIME,
            invited: false,
        });
        u
    };
    let blocked_id = format!(
        "google-oauth2|{}",
        (0..21)
            .map(|_| (b'0' + rng.below(10) as u8) as char)
            .collect::<String>()
    );
    users.insert(User {
        id: blocked_id.clone(),
        email: "mallory@example.com".into(),
        name: "Mallory Jones".into(),
        role: "user".into(),
        auto_groups: vec![],
        is_blocked: true,
        pending_approval: false,
        is_service_user: false,
        issued: "api".into(),
        last_login: ago(&mut rng, 40 * DAY, 90 * DAY),
        invited: false,
    });
    let invited_id = format!(
        "google-oauth2|{}",
        (0..21)
            .map(|_| (b'0' + rng.below(10) as u8) as char)
            .collect::<String>()
    );
    users.insert(User {
        id: invited_id,
        email: "grace@example.com".into(),
        name: "Grace Hopper".into(),
        role: "user".into(),
        auto_groups: vec![],
        is_blocked: false,
        pending_approval: false,
        is_service_user: false,
        issued: "api".into(),
        last_login: ZERO_TIME,
        invited: true,
    });

    // One PAT per active user; the owner's may come from --admin-token.
    let token_users: Vec<(String, String, String, bool)> = users
        .iter()
        .filter(|u| !u.is_blocked && !u.invited)
        .map(|u| {
            let label = if u.email.is_empty() {
                u.name.clone()
            } else {
                u.email.clone()
            };
            (u.id.clone(), u.role.clone(), label, u.is_service_user)
        })
        .collect();
    for (uid, role, label, svc) in token_users {
        let token = match (&opts.admin_token, uid == owner_id) {
            (Some(t), true) => t.clone(),
            _ => pat::generate(&mut rng),
        };
        let id = rng.xid();
        pats.insert(Pat {
            id,
            user_id: uid.clone(),
            name: if svc {
                "terraform-ci".into()
            } else {
                "console".into()
            },
            hashed: pat::hash(&token),
            expiration: now + 90 * DAY,
            created_by: if svc { owner_id.clone() } else { uid.clone() },
            created_at: ago(&mut rng, DAY, 20 * DAY),
            last_used: Some(ago(&mut rng, MINUTE, 2 * DAY)),
        });
        tokens.push(SeededToken {
            role,
            user_id: uid,
            label,
            token,
            expired: false,
        });
    }
    // An expired token of the auditor, to exercise the 401 path.
    if let Some(aud) = users.iter().find(|u| u.role == "auditor") {
        let token = pat::generate(&mut rng);
        let id = rng.xid();
        pats.insert(Pat {
            id,
            user_id: aud.id.clone(),
            name: "old laptop".into(),
            hashed: pat::hash(&token),
            expiration: now - 3 * DAY,
            created_by: aud.id.clone(),
            created_at: now - 33 * DAY,
            last_used: None,
        });
        tokens.push(SeededToken {
            role: aud.role.clone(),
            user_id: aud.id.clone(),
            label: aud.email.clone(),
            token,
            expired: true,
        });
    }

    // ---- peers
    let user_by_first: HashMap<String, String> = users
        .iter()
        .filter(|u| !u.is_service_user)
        .map(|u| {
            (
                u.name.split(' ').next().unwrap_or("").to_lowercase(),
                u.id.clone(),
            )
        })
        .collect();
    let mut peers: Table<Peer> = Table::default();
    let mut membership: HashMap<&'static str, Vec<String>> = HashMap::new();
    let mut used_ips: HashSet<u32> = HashSet::new();
    let mut labels: HashSet<String> = HashSet::new();
    let mut counters: HashMap<&'static str, usize> = HashMap::new();
    let core = core_peers();
    for i in 0..opts.peers {
        let (kind, name): (Kind, String) = if i < core.len() {
            (core[i].0, core[i].1.to_string())
        } else {
            let kinds: &[(Kind, &'static str)] = &[
                (Kind::Laptop, "laptop"),
                (Kind::Laptop, "laptop"),
                (Kind::Laptop, "laptop"),
                (Kind::Phone, "phone"),
                (Kind::Web, "web-prod"),
                (Kind::Db, "db-staging"),
                (Kind::K8s, "k8s-node"),
                (Kind::Iot, "iot-sensor"),
                (Kind::Ci, "ci-runner"),
            ];
            let (k, base) = *rng.pick(kinds);
            let n = counters.entry(base).or_insert(match base {
                "web-prod" => 2,
                "db-staging" => 1,
                "k8s-node" => 3,
                "iot-sensor" => 1,
                "ci-runner" => 1,
                _ => 0,
            });
            *n += 1;
            let name = match k {
                Kind::Laptop | Kind::Phone => {
                    let first = rng.pick(FIRST_NAMES);
                    format!("{base}-{first}-{}", *n)
                }
                _ => format!("{base}-{:02}", *n),
            };
            (k, name)
        };
        let ip = loop {
            let v = (100u32 << 24 | 64 << 16) + 1 + rng.below((1 << 22) - 2) as u32;
            if used_ips.insert(v) {
                break v;
            }
        };
        let ip = std::net::Ipv4Addr::from(ip).to_string();
        let os = os_for(kind, &mut rng);
        let desktop = matches!(kind, Kind::Laptop | Kind::Phone | Kind::Tablet);
        let owner_first = name.split('-').nth(1).unwrap_or("");
        let user_id = if desktop {
            user_by_first
                .get(owner_first)
                .cloned()
                .unwrap_or_else(|| owner_id.clone())
        } else {
            String::new()
        };
        let city = match name.as_str() {
            n if n.contains("fra") => CITIES[0],
            n if n.contains("ams") => CITIES[2],
            n if n.contains("nyc") => CITIES[3],
            n if n.contains("sfo") => CITIES[4],
            _ => *rng.pick(CITIES),
        };
        let server = !desktop;
        let connected = if server {
            rng.chance(0.9)
        } else {
            rng.chance(0.55)
        };
        let created_at = ago(&mut rng, 20 * DAY, 400 * DAY);
        let last_seen = if connected {
            ago(&mut rng, SECOND, 90 * SECOND)
        } else {
            ago(&mut rng, 2 * HOUR, 30 * DAY)
        };
        let login_expiration_enabled = desktop && !matches!(kind, Kind::Phone);
        let login_expired = login_expiration_enabled && !connected && rng.chance(0.25);
        let ephemeral = matches!(kind, Kind::K8s | Kind::Ci) && rng.chance(0.7);
        let approval_required = i >= core.len() && rng.chance(0.03);
        let hostname = match kind {
            Kind::Laptop if os.os.starts_with("Darwin") => {
                let mut f = owner_first.to_string();
                if let Some(c) = f.get_mut(0..1) {
                    c.make_ascii_uppercase();
                }
                format!("{f}s-MacBook-Pro")
            }
            Kind::Laptop if os.os.starts_with("Windows") => {
                format!("DESKTOP-{}", rng.alnum(7).to_uppercase())
            }
            Kind::Phone if os.os.starts_with("iOS") => "iPhone".into(),
            Kind::Phone => "Pixel-8".into(),
            Kind::Tablet => "iPad".into(),
            _ => name.clone(),
        };
        let label = dns_label_for(&name, &labels);
        labels.insert(label.clone());
        let id = rng.xid();
        for g in groups_for(kind, &name) {
            membership.entry(g).or_default().push(id.clone());
        }
        let version = rng.pick(AGENT_VERSIONS).to_string();
        peers.insert(Peer {
            id,
            name: name.clone(),
            ip,
            ipv6: None,
            connection_ip: format!(
                "{}.{}.{}.{}",
                rng.range(23, 212),
                rng.range(0, 255),
                rng.range(0, 255),
                rng.range(1, 254)
            ),
            hostname,
            connected,
            last_seen,
            last_login: if desktop {
                last_seen - rng.range(0, 20 * HOUR)
            } else {
                created_at
            },
            login_expired,
            created_at,
            os: os.os.into(),
            kernel_version: os.kernel.into(),
            ui_version: if desktop {
                format!("netbird-desktop-ui/{version}")
            } else {
                String::new()
            },
            version,
            serial_number: if desktop {
                rng.alnum(12).to_uppercase()
            } else {
                String::new()
            },
            geoname_id: city.2,
            country_code: city.0.into(),
            city_name: city.1.into(),
            user_id,
            ssh_enabled: server && rng.chance(0.6),
            login_expiration_enabled,
            inactivity_expiration_enabled: desktop && rng.chance(0.3),
            ephemeral,
            dns_label: label,
            extra_dns_labels: if name.starts_with("web-prod-0") {
                vec![format!("www-{}", &name[9..])]
            } else {
                vec![]
            },
            approval_required,
            local_flags: LocalFlags {
                rosenpass_enabled: server && rng.chance(0.2),
                server_ssh_allowed: server,
                lazy_connection_enabled: desktop && rng.chance(0.2),
                block_inbound: kind == Kind::Iot,
                ..Default::default()
            },
            json_cache: Default::default(),
        });
    }

    // ---- groups
    let mut groups: Table<Group> = Table::default();
    let mut gid: HashMap<&str, String> = HashMap::new();
    for name in GROUP_NAMES {
        let id = rng.xid();
        gid.insert(name, id.clone());
        let members = if *name == "All" {
            peers.iter().map(|p| p.id.clone()).collect()
        } else {
            membership.remove(name).unwrap_or_default()
        };
        groups.insert(Group {
            id,
            name: name.to_string(),
            issued: "api".into(),
            peers: members,
            resources: vec![],
        });
    }
    let g = |n: &str| gid[n].clone();
    let peer_id = |name: &str| peers.iter().find(|p| p.name == name).map(|p| p.id.clone());

    // Users' auto groups.
    for u in users.iter_mut() {
        u.auto_groups = match u.role.as_str() {
            "owner" | "admin" => vec![g("devops"), g("engineering")],
            "network_admin" | "user" => vec![g("engineering")],
            _ => vec![],
        };
        if u.is_service_user {
            u.auto_groups = vec![];
        }
    }

    // ---- routes
    struct Tpl {
        net_id: &'static str,
        desc: &'static str,
        network: Option<&'static str>,
        domains: &'static [&'static str],
        peer: Option<&'static str>,
        peer_groups: &'static [&'static str],
        groups: &'static [&'static str],
        acg: &'static [&'static str],
        enabled: bool,
        masquerade: bool,
        metric: i64,
        keep_route: bool,
    }
    const fn t(net_id: &'static str, desc: &'static str) -> Tpl {
        Tpl {
            net_id,
            desc,
            network: None,
            domains: &[],
            peer: None,
            peer_groups: &[],
            groups: &["engineering"],
            acg: &[],
            enabled: true,
            masquerade: true,
            metric: 9999,
            keep_route: false,
        }
    }
    let templates = [
        Tpl {
            network: Some("192.168.10.0/24"),
            peer: Some("gw-fra-1"),
            metric: 100,
            ..t("office-berlin", "Berlin office LAN (primary)")
        },
        Tpl {
            network: Some("192.168.10.0/24"),
            peer: Some("gw-fra-2"),
            metric: 200,
            ..t("office-berlin", "Berlin office LAN (backup)")
        },
        Tpl {
            network: Some("10.10.0.0/16"),
            peer_groups: &["routers-eu"],
            groups: &["devops", "engineering"],
            acg: &["devops"],
            metric: 100,
            ..t("aws-eu-central-1", "AWS VPC eu-central-1")
        },
        Tpl {
            network: Some("10.20.0.0/16"),
            peer_groups: &["routers-us"],
            metric: 100,
            ..t("aws-us-east-1", "AWS VPC us-east-1")
        },
        Tpl {
            network: Some("0.0.0.0/0"),
            peer: Some("exit-fra-1"),
            groups: &["laptops"],
            ..t("exit-fra", "Exit node Frankfurt")
        },
        Tpl {
            network: Some("::/0"),
            peer: Some("exit-fra-1"),
            groups: &["laptops"],
            ..t("exit-fra-v6", "Exit node Frankfurt (IPv6)")
        },
        Tpl {
            domains: &["github.com", "*.githubusercontent.com"],
            peer_groups: &["routers-eu"],
            keep_route: true,
            metric: 500,
            ..t("saas-github", "GitHub via EU egress")
        },
        Tpl {
            network: Some("2001:db8:100::/48"),
            peer: Some("gw-ams-1"),
            masquerade: false,
            metric: 300,
            ..t("lab-v6", "Amsterdam lab IPv6")
        },
        Tpl {
            domains: &["intranet.example.com", "wiki.example.com"],
            peer: Some("gw-fra-1"),
            groups: &["All"],
            keep_route: true,
            metric: 100,
            ..t("intranet", "Intranet and wiki")
        },
        Tpl {
            domains: &["bücher.example"],
            peer: Some("gw-ams-1"),
            metric: 1000,
            ..t("buecher", "Library catalogue (IDN)")
        },
        Tpl {
            network: Some("172.16.0.0/12"),
            peer: Some("gw-nyc-1"),
            masquerade: false,
            acg: &["databases"],
            metric: 50,
            ..t("datacenter-nyc", "NYC datacenter")
        },
        Tpl {
            network: Some("0.0.0.0/0"),
            peer: Some("exit-nyc-1"),
            groups: &["laptops"],
            enabled: false,
            ..t("exit-nyc", "Exit node New York (maintenance)")
        },
        Tpl {
            network: Some("10.99.0.0/24"),
            peer: Some("gw-sfo-1"),
            enabled: false,
            metric: 800,
            ..t("legacy-vpn", "Old SF office, being decommissioned")
        },
        Tpl {
            network: Some("10.96.0.0/12"),
            peer_groups: &["k8s"],
            groups: &["devops"],
            masquerade: false,
            metric: 10,
            ..t("k8s-services", "Kubernetes service CIDR")
        },
    ];
    let mut routes: Table<Route> = Table::default();
    let wanted = opts.routes.unwrap_or(templates.len());
    for tpl in templates.iter() {
        if routes.len() >= wanted {
            break;
        }
        let peer = match tpl.peer {
            Some(n) => match peer_id(n) {
                Some(id) => id,
                None => continue,
            },
            None => String::new(),
        };
        let id = rng.xid();
        routes.insert(Route {
            id,
            network_id: tpl.net_id.into(),
            description: tpl.desc.into(),
            enabled: tpl.enabled,
            network: tpl
                .network
                .map(|n| Prefix::parse(n).expect("seed prefix").masked()),
            domains: tpl
                .domains
                .iter()
                .map(|d| crate::domain::validate_domain(d).expect("seed domain"))
                .collect(),
            keep_route: tpl.keep_route,
            peer,
            peer_groups: tpl.peer_groups.iter().map(|n| g(n)).collect(),
            metric: tpl.metric,
            masquerade: tpl.masquerade,
            groups: tpl.groups.iter().map(|n| g(n)).collect(),
            access_control_groups: tpl.acg.iter().map(|n| g(n)).collect(),
            skip_auto_apply: false,
        });
    }
    // Bulk routes: unique /24s, routed by servers round robin.
    let servers: Vec<String> = groups
        .get(&g("servers"))
        .map(|gr| gr.peers.clone())
        .unwrap_or_default();
    let mut i = 0usize;
    while routes.len() < wanted {
        let peer = if servers.is_empty() {
            String::new()
        } else {
            servers[i % servers.len()].clone()
        };
        let id = rng.xid();
        let net = format!("10.{}.{}.0/24", 128 + (i / 256) % 128, i % 256);
        routes.insert(Route {
            id,
            network_id: format!("site-{:04}", i + 1),
            description: format!("Branch site {}", i + 1),
            enabled: rng.chance(0.9),
            network: Some(Prefix::parse(&net).unwrap()),
            domains: vec![],
            keep_route: false,
            peer,
            peer_groups: vec![],
            metric: rng.range(1, 9999),
            masquerade: rng.chance(0.8),
            groups: vec![g("All")],
            access_control_groups: vec![],
            skip_auto_apply: false,
        });
        i += 1;
    }

    // ---- policies
    let mut policies: Table<Policy> = Table::default();
    #[allow(clippy::type_complexity)]
    let pols: &[(
        &str,
        &str,
        bool,
        &str,
        &str,
        &[&str],
        &[(i64, i64)],
        &[&str],
        &[&str],
        bool,
    )] = &[
        (
            "Default",
            "This is a default rule that allows connections between all the resources",
            true,
            "accept",
            "all",
            &[],
            &[],
            &["All"],
            &["All"],
            true,
        ),
        (
            "Engineering to servers",
            "SSH and HTTPS from engineering laptops",
            true,
            "accept",
            "tcp",
            &["22", "443"],
            &[],
            &["engineering"],
            &["servers"],
            false,
        ),
        (
            "DevOps to databases",
            "Postgres and MySQL",
            true,
            "accept",
            "tcp",
            &[],
            &[(5432, 5432), (3306, 3306)],
            &["devops"],
            &["databases"],
            false,
        ),
        (
            "DNS",
            "",
            true,
            "accept",
            "udp",
            &["53"],
            &[],
            &["All"],
            &["servers"],
            false,
        ),
        (
            "Monitoring ping",
            "ICMP from servers everywhere",
            true,
            "accept",
            "icmp",
            &[],
            &[],
            &["servers"],
            &["All"],
            true,
        ),
        (
            "Block contractors from databases",
            "",
            true,
            "drop",
            "all",
            &[],
            &[],
            &["contractors"],
            &["databases"],
            false,
        ),
        (
            "Mobile to web",
            "Web apps from phones (pilot)",
            false,
            "accept",
            "tcp",
            &[],
            &[(8000, 8999)],
            &["mobile"],
            &["servers"],
            false,
        ),
    ];
    for (name, desc, enabled, action, proto, ports, ranges, src, dst, bidi) in pols {
        let id = rng.xid();
        policies.insert(Policy {
            id: id.clone(),
            name: name.to_string(),
            description: desc.to_string(),
            enabled: *enabled,
            source_posture_checks: vec![],
            rules: vec![Rule {
                id,
                name: name.to_string(),
                description: desc.to_string(),
                enabled: *enabled,
                action: action.to_string(),
                bidirectional: *bidi,
                protocol: proto.to_string(),
                ports: ports.iter().map(|s| s.to_string()).collect(),
                port_ranges: ranges
                    .iter()
                    .map(|&(start, end)| PortRange { start, end })
                    .collect(),
                sources: src.iter().map(|n| g(n)).collect(),
                destinations: dst.iter().map(|n| g(n)).collect(),
                source_resource: None,
                destination_resource: None,
                authorized_groups: BTreeMap::new(),
            }],
        });
    }

    // ---- nameservers
    let mut ns_groups: Table<NsGroup> = Table::default();
    let ns = |ip: &str| Nameserver {
        ip: ip.into(),
        ns_type: "udp".into(),
        port: 53,
    };
    let list = [
        NsGroup {
            id: rng.xid(),
            name: "Google DNS".into(),
            description: "Google public resolvers".into(),
            nameservers: vec![ns("8.8.8.8"), ns("8.8.4.4")],
            enabled: true,
            groups: vec![g("All")],
            primary: true,
            domains: vec![],
            search_domains_enabled: false,
        },
        NsGroup {
            id: rng.xid(),
            name: "Corp DNS".into(),
            description: "Internal zones via the AWS resolver".into(),
            nameservers: vec![ns("10.10.0.2")],
            enabled: true,
            groups: vec![g("engineering"), g("devops")],
            primary: false,
            domains: vec!["corp.example.com".into(), "internal.example".into()],
            search_domains_enabled: true,
        },
        NsGroup {
            id: rng.xid(),
            name: "Cloudflare".into(),
            description: "".into(),
            nameservers: vec![ns("1.1.1.1"), ns("1.0.0.1"), ns("2606:4700:4700::1111")],
            enabled: false,
            groups: vec![g("mobile")],
            primary: false,
            domains: vec!["example.net".into()],
            search_domains_enabled: false,
        },
    ];
    for n in list {
        ns_groups.insert(n);
    }

    // ---- setup keys
    let mut setup_keys: Table<SetupKey> = Table::default();
    #[allow(clippy::type_complexity)]
    let keys: &[(&str, &str, Option<Ts>, bool, i64, i64, bool, &[&str], bool)] = &[
        (
            "Default key",
            "reusable",
            Some(30 * DAY),
            false,
            12,
            0,
            false,
            &[],
            false,
        ),
        (
            "k8s-nodes",
            "reusable",
            Some(180 * DAY),
            false,
            37,
            0,
            true,
            &["k8s", "servers"],
            false,
        ),
        (
            "laptop-onboarding",
            "one-off",
            Some(7 * DAY),
            false,
            0,
            1,
            false,
            &["laptops"],
            false,
        ),
        (
            "old-ci",
            "reusable",
            Some(-10 * DAY),
            false,
            3,
            0,
            false,
            &["devops"],
            false,
        ),
        (
            "leaked-key",
            "reusable",
            Some(60 * DAY),
            true,
            5,
            0,
            false,
            &[],
            false,
        ),
        (
            "ci-runners",
            "reusable",
            Some(90 * DAY),
            false,
            5,
            5,
            true,
            &["devops"],
            false,
        ),
        (
            "edge-gateways",
            "reusable",
            None,
            false,
            4,
            0,
            false,
            &["servers", "routers-eu"],
            true,
        ),
    ];
    for (name, kind, exp, revoked, used, limit, eph, ag, extra) in keys {
        let id = rng.xid();
        let key = rng.uuid_upper();
        let updated = ago(&mut rng, DAY, 60 * DAY);
        setup_keys.insert(SetupKey {
            id,
            name: name.to_string(),
            key,
            kind: kind.to_string(),
            expires: exp.map(|e| now + e).unwrap_or(ZERO_TIME),
            revoked: *revoked,
            used_times: *used,
            last_used: if *used > 0 {
                ago(&mut rng, HOUR, 10 * DAY)
            } else {
                ZERO_TIME
            },
            auto_groups: ag.iter().map(|n| g(n)).collect(),
            updated_at: updated,
            usage_limit: *limit,
            ephemeral: *eph,
            allow_extra_dns_labels: *extra,
        });
    }

    let account = Account {
        id: rng.xid(),
        domain: "example.com".into(),
        domain_category: "private".into(),
        created_at: now - 412 * DAY - 3 * HOUR,
        created_by: owner_id.clone(),
        settings: Settings {
            peer_login_expiration_enabled: true,
            peer_login_expiration: 86_400 * 7,
            peer_inactivity_expiration_enabled: false,
            peer_inactivity_expiration: 600,
            regular_users_view_blocked: true,
            groups_propagation_enabled: true,
            jwt_groups_enabled: false,
            jwt_groups_claim_name: String::new(),
            jwt_allow_groups: vec![],
            routing_peer_dns_resolution_enabled: true,
            dns_domain: String::new(),
            network_range: "100.64.0.0/10".into(),
            network_range_v6: String::new(),
            peer_expose_enabled: false,
            peer_expose_groups: vec![],
            extra: Some(Extra {
                peer_approval_enabled: false,
                user_approval_required: false,
                network_traffic_logs_enabled: false,
                network_traffic_logs_groups: vec![],
                network_traffic_packet_counter_enabled: false,
            }),
            lazy_connection_enabled: false,
            auto_update_version: "disabled".into(),
            auto_update_always: false,
            metrics_push_enabled: false,
            agent_network_only: false,
            dashboard_features: None,
            local_mfa_enabled: false,
            ipv6_enabled_groups: vec![],
        },
        onboarding: Onboarding::default(),
    };

    let mut st = State {
        rng,
        account,
        users,
        pats,
        peers,
        groups,
        routes,
        policies,
        ns_groups,
        setup_keys,
        dns_disabled_groups: vec![g("iot")],
        events: vec![],
        next_event_id: 0,
        jwts: HashMap::new(),
        version: "0.59.1".into(),
        geo: opts.geo,
        idp: opts.idp,
        posture_checks: Table::default(),
    };
    extras(&mut st, opts, now);
    for (tok, user) in &opts.jwts {
        // Accept a user id or an e-mail.
        let uid = st
            .users
            .iter()
            .find(|u| &u.id == user || (!u.email.is_empty() && &u.email == user))
            .map(|u| u.id.clone())
            .unwrap_or_else(|| user.clone());
        st.jwts.insert(tok.clone(), uid);
    }
    enrich(&mut st, opts, now);
    fill(&mut st, opts);
    seed_events(&mut st, now, &svc_id, &blocked_id);
    (st, tokens)
}

/// `--groups N` and `--policies N`, for lists at the sizes of a large account: `squad-NNNN`
/// groups of 2 to 40 peers, then `access-NNNN` policies (one TCP port between two groups), each
/// added until there are N in all.
fn fill(st: &mut State, opts: &SeedOptions) {
    let mut rng = Rng::new(opts.seed ^ 0x5bd1_e995_1234_5678);
    let pool: Vec<String> = st.peers.iter().map(|p| p.id.clone()).collect();
    let mut n = 0;
    while st.groups.len() < opts.groups.unwrap_or(0) && !pool.is_empty() {
        n += 1;
        let size = rng.range(2, 40) as usize;
        let mut peers: Vec<String> = (0..size).map(|_| rng.pick(&pool).clone()).collect();
        let mut seen = HashSet::new();
        peers.retain(|m| seen.insert(m.clone()));
        st.groups.insert(Group {
            id: rng.xid(),
            name: format!("squad-{n:04}"),
            issued: "api".into(),
            peers,
            resources: vec![],
        });
    }
    let groups: Vec<String> = st
        .groups
        .iter()
        .filter(|g| g.name != "All")
        .map(|g| g.id.clone())
        .collect();
    let mut n = 0;
    while st.policies.len() < opts.policies.unwrap_or(0) && !groups.is_empty() {
        n += 1;
        let id = rng.xid();
        let name = format!("access-{n:04}");
        st.policies.insert(Policy {
            id: id.clone(),
            name: name.clone(),
            description: String::new(),
            enabled: true,
            source_posture_checks: vec![],
            rules: vec![Rule {
                id,
                name,
                description: String::new(),
                enabled: true,
                action: "accept".into(),
                bidirectional: false,
                protocol: "tcp".into(),
                ports: vec![rng.range(1, 65535).to_string()],
                port_ranges: vec![],
                sources: vec![rng.pick(&groups).clone()],
                destinations: vec![rng.pick(&groups).clone()],
                source_resource: None,
                destination_resource: None,
                authorized_groups: BTreeMap::new(),
            }],
        });
    }
}

/// Older agent versions, newest first; `LEGACY_BELOW` splits off the oldest.
const OLD_VERSIONS: &[&str] = &[
    "0.52.2", "0.50.3", "0.48.1", "0.45.3", "0.43.0", "0.41.3", "0.38.2", "0.35.1", "0.32.0",
    "0.29.4", "0.27.6", "0.25.9", "0.23.2",
];
/// Agents older than this minor version go to the `legacy-agents` group.
const LEGACY_BELOW: u32 = 30;

fn minor(version: &str) -> u32 {
    version
        .split('.')
        .nth(1)
        .and_then(|m| m.parse().ok())
        .unwrap_or(u32::MAX)
}

/// Facts added on top of the base data, from a generator of their own so the base data (ids,
/// addresses, names, counts) stays exactly as it was. Only peers after the named core ones
/// change. Every seed gets: a spread of agent versions (a quarter of the peers on
/// 0.23–0.52, the rest 0.54–0.59), peers offline for months, expired logins, pending approvals,
/// `jwt`/`integration` groups, `legacy-agents`, and setup keys in every state and type. With
/// 1000 peers or more: many small `team-NNN` groups and `branch-NNN` keys.
fn enrich(st: &mut State, opts: &SeedOptions, now: Ts) {
    let mut rng = Rng::new(opts.seed ^ 0x9e37_79b9_7f4a_7c15);
    let core = core_peers().len();
    let mut first_expirable = true;
    for (j, p) in st.peers.iter_mut().skip(core).enumerate() {
        if j == 3 || rng.chance(0.25) {
            p.version = if j == 3 {
                "0.23.2".to_string()
            } else {
                rng.pick(OLD_VERSIONS).to_string()
            };
            if !p.ui_version.is_empty() {
                p.ui_version = format!("netbird-desktop-ui/{}", p.version);
            }
        }
        // Offline for months (2 to 13).
        if j == 1 || rng.chance(0.04) {
            p.connected = false;
            p.last_seen = now - rng.range(60 * DAY, 400 * DAY) - rng.range(0, 999_999);
            p.created_at = p
                .created_at
                .min(p.last_seen - rng.range(10 * DAY, 300 * DAY));
            p.last_login = p.last_login.min(p.last_seen);
            p.login_expired = p.login_expiration_enabled;
        }
        // Login expired (offline since it expired).
        let first = first_expirable && j != 1 && p.login_expiration_enabled;
        if first || (p.login_expiration_enabled && rng.chance(0.05)) {
            first_expirable = false;
            p.connected = false;
            p.login_expired = true;
            p.last_seen = p.last_seen.min(now - rng.range(8 * DAY, 20 * DAY));
            p.last_login = p.last_login.min(p.last_seen - 7 * DAY);
        }
        if j == 2 || rng.chance(0.02) {
            p.approval_required = true;
        }
    }

    // ---- groups
    let peer_named =
        |st: &State, n: &str| st.peers.iter().find(|p| p.name == n).map(|p| p.id.clone());
    let jwt_peers: Vec<String> = ["laptop-alice", "laptop-bob"]
        .iter()
        .filter_map(|n| peer_named(st, n))
        .collect();
    let integration_peers: Vec<String> = st
        .peers
        .iter()
        .skip(core)
        .filter(|p| p.name.starts_with("laptop-"))
        .take(3)
        .map(|p| p.id.clone())
        .collect();
    let legacy: Vec<String> = st
        .peers
        .iter()
        .filter(|p| minor(&p.version) < LEGACY_BELOW)
        .map(|p| p.id.clone())
        .collect();
    let mut new_groups: Vec<(String, &str, Vec<String>)> = vec![
        ("sso-admins".into(), "jwt", jwt_peers),
        ("okta-sales".into(), "integration", integration_peers),
        ("legacy-agents".into(), "api", legacy),
    ];
    if st.peers.len() >= 1000 {
        let pool: Vec<String> = st.peers.iter().skip(core).map(|p| p.id.clone()).collect();
        for t in 0..st.peers.len() / 100 {
            let size = rng.range(2, 40) as usize;
            let mut members: Vec<String> = (0..size).map(|_| rng.pick(&pool).clone()).collect();
            let mut seen = HashSet::new();
            members.retain(|m| seen.insert(m.clone()));
            new_groups.push((format!("team-{:03}", t + 1), "api", members));
        }
    }
    for (name, issued, peers) in new_groups {
        st.groups.insert(Group {
            id: rng.xid(),
            name,
            issued: issued.into(),
            peers,
            resources: vec![],
        });
    }
    let g = |st: &State, n: &str| st.groups.iter().find(|g| g.name == n).map(|g| g.id.clone());

    // ---- setup keys: (name, type, expires in, revoked, used, limit, ephemeral, auto groups)
    #[allow(clippy::type_complexity)]
    let mut keys: Vec<(String, &str, Option<Ts>, bool, i64, i64, bool, Vec<&str>)> = vec![
        (
            "contractor-laptop".into(),
            "one-off",
            Some(5 * DAY),
            false,
            1,
            1,
            false,
            vec!["laptops"],
        ),
        (
            "demo-once".into(),
            "one-off",
            Some(-3 * DAY),
            false,
            0,
            1,
            false,
            vec![],
        ),
        (
            "old-leaked-ci".into(),
            "reusable",
            Some(-20 * DAY),
            true,
            9,
            0,
            false,
            vec!["devops"],
        ),
        (
            "ephemeral-ci-once".into(),
            "one-off",
            Some(DAY),
            false,
            0,
            1,
            true,
            vec!["devops"],
        ),
        (
            "staging-nodes".into(),
            "reusable",
            Some(30 * DAY),
            false,
            12,
            50,
            false,
            vec!["servers"],
        ),
        (
            "revoked-once".into(),
            "one-off",
            Some(10 * DAY),
            true,
            0,
            1,
            false,
            vec![],
        ),
    ];
    if st.peers.len() >= 1000 {
        for b in 0..st.peers.len() / 500 {
            let one_off = rng.chance(0.3);
            let limit = if one_off {
                1
            } else {
                *rng.pick(&[0, 0, 10, 100])
            };
            let used = if limit > 0 {
                rng.range(0, limit)
            } else {
                rng.range(0, 300)
            };
            let exp = match rng.below(4) {
                0 => None,
                1 => Some(-rng.range(DAY, 200 * DAY)),
                _ => Some(rng.range(DAY, 365 * DAY)),
            };
            keys.push((
                format!("branch-{:03}", b + 1),
                if one_off { "one-off" } else { "reusable" },
                exp,
                rng.chance(0.15),
                used,
                limit,
                rng.chance(0.3),
                vec!["servers"],
            ));
        }
    }
    for (name, kind, exp, revoked, used, limit, eph, ag) in keys {
        let auto_groups = ag.iter().filter_map(|n| g(st, n)).collect();
        st.setup_keys.insert(SetupKey {
            id: rng.xid(),
            name,
            key: rng.uuid_upper(),
            kind: kind.into(),
            expires: exp.map(|e| now + e).unwrap_or(ZERO_TIME),
            revoked,
            used_times: used,
            last_used: if used > 0 {
                now - rng.range(HOUR, 30 * DAY)
            } else {
                ZERO_TIME
            },
            auto_groups,
            updated_at: now - rng.range(DAY, 60 * DAY),
            usage_limit: limit,
            ephemeral: eph,
            allow_extra_dns_labels: false,
        });
    }
}

/// Users of every role and status, more tokens, posture checks, the policies and nameserver
/// groups that use them. Like [`enrich`], from a generator of its own, so the base data stays
/// as it was.
fn extras(st: &mut State, opts: &SeedOptions, now: Ts) {
    let mut rng = Rng::new(opts.seed ^ 0x05ee_d0fe_77a5_u64);
    let g = |st: &State, n: &str| {
        st.groups
            .iter()
            .find(|g| g.name == n)
            .map(|g| g.id.clone())
            .unwrap_or_default()
    };
    let owner_id = st
        .users
        .iter()
        .find(|u| u.role == "owner")
        .map(|u| u.id.clone())
        .unwrap_or_default();
    let idp_id = |rng: &mut Rng| {
        format!(
            "google-oauth2|{}",
            (0..21)
                .map(|_| (b'0' + rng.below(10) as u8) as char)
                .collect::<String>()
        )
    };

    // ---- users: (name, email, role, blocked, pending approval, invited, issued, auto groups)
    #[allow(clippy::type_complexity)]
    let people: &[(&str, &str, &str, bool, bool, bool, &str, &[&str])] = &[
        (
            "Ivan Petrov",
            "ivan@example.com",
            "user",
            true,
            true,
            false,
            "api",
            &[],
        ),
        (
            "Judy Lee",
            "judy@example.com",
            "user",
            true,
            true,
            false,
            "api",
            &[],
        ),
        (
            "Peggy Olson",
            "peggy@example.com",
            "admin",
            false,
            false,
            true,
            "api",
            &["devops"],
        ),
        (
            "Olivia Park",
            "olivia@example.com",
            "auditor",
            false,
            false,
            false,
            "api",
            &[],
        ),
        (
            "Niaj Haddad",
            "niaj@example.com",
            "network_admin",
            false,
            false,
            false,
            "api",
            &["engineering"],
        ),
        (
            "Sam Rivera",
            "sam@example.com",
            "user",
            false,
            false,
            false,
            "integration",
            &["finance"],
        ),
        (
            "Trent Walsh",
            "trent@example.com",
            "user",
            true,
            false,
            false,
            "api",
            &["contractors"],
        ),
    ];
    for (name, email, role, blocked, pending, invited, issued, ag) in people {
        let id = idp_id(&mut rng);
        let last_login = if *invited {
            ZERO_TIME
        } else if *pending {
            now - rng.range(HOUR, 3 * DAY)
        } else {
            now - rng.range(HOUR, 20 * DAY)
        };
        st.users.insert(User {
            id,
            email: email.to_string(),
            name: name.to_string(),
            role: role.to_string(),
            auto_groups: ag.iter().map(|n| g(st, n)).collect(),
            is_blocked: *blocked,
            pending_approval: *pending,
            is_service_user: false,
            issued: issued.to_string(),
            last_login,
            invited: *invited,
        });
    }
    for (name, role) in [
        ("ci-deployer", "user"),
        ("grafana-sync", "auditor"),
        ("netops-bot", "network_admin"),
    ] {
        let id = rng.uuid_upper().to_lowercase();
        st.users.insert(User {
            id,
            email: String::new(),
            name: name.into(),
            role: role.into(),
            auto_groups: vec![],
            is_blocked: false,
            pending_approval: false,
            is_service_user: true,
            issued: "api".into(),
            last_login: ZERO_TIME,
            invited: false,
        });
    }

    // ---- more tokens: (user name, token name, expires in, last used ago; None = never used)
    let uid = |st: &State, n: &str| {
        st.users
            .iter()
            .find(|u| u.name == n)
            .map(|u| u.id.clone())
            .unwrap_or_default()
    };
    let pats: &[(&str, &str, Ts, Option<Ts>)] = &[
        ("Alice Schmidt", "laptop-cli", 5 * DAY, None),
        ("Alice Schmidt", "grafana-import", 200 * DAY, Some(3 * DAY)),
        ("Bob Martin", "backup-script", 365 * DAY, None),
        ("Carol Nguyen", "k9s-dashboard", 6 * DAY, Some(2 * HOUR)),
        ("Niaj Haddad", "route-sync", 2 * DAY, Some(30 * MINUTE)),
        ("terraform", "github-actions", 2 * DAY, Some(10 * MINUTE)),
        ("terraform", "terraform-staging", 120 * DAY, None),
        ("ci-deployer", "deploy-pipeline", 30 * DAY, Some(HOUR)),
        ("grafana-sync", "grafana", 90 * DAY, Some(5 * MINUTE)),
        ("netops-bot", "netops", 4 * DAY, None),
    ];
    for (user, name, expires, used) in pats {
        let user_id = uid(st, user);
        let svc = st.users.get(&user_id).is_some_and(|u| u.is_service_user);
        let token = pat::generate(&mut rng);
        let created = now - rng.range(DAY, 60 * DAY);
        st.pats.insert(Pat {
            id: rng.xid(),
            user_id: user_id.clone(),
            name: name.to_string(),
            hashed: pat::hash(&token),
            expiration: now + expires,
            created_by: if svc { owner_id.clone() } else { user_id },
            created_at: created,
            last_used: used.map(|u| now - u - rng.range(0, 999_999)),
        });
    }

    // ---- posture checks
    let mv = |v: &str| MinVersion {
        min_version: v.into(),
    };
    let mk = |v: &str| MinKernelVersion {
        min_kernel_version: v.into(),
    };
    let loc = |c: &str, city: &str| GeoLocation {
        country_code: c.into(),
        city_name: city.into(),
    };
    let checks: Vec<(&str, &str, Checks)> = vec![
        (
            "Up-to-date agent",
            "NetBird 0.50.0 or newer",
            Checks {
                nb_version_check: Some(mv("0.50.0")),
                ..Default::default()
            },
        ),
        (
            "Supported OS",
            "Patched operating systems only",
            Checks {
                os_version_check: Some(OsVersionCheck {
                    android: Some(mv("13")),
                    darwin: Some(mv("14.0")),
                    ios: Some(mv("17.0")),
                    linux: Some(mk("5.15.0")),
                    windows: Some(mk("10.0.19045")),
                }),
                ..Default::default()
            },
        ),
        (
            "EU only",
            "Connections from the EU offices' countries",
            Checks {
                geo_location_check: Some(GeoLocationCheck {
                    locations: vec![
                        loc("DE", "Berlin"),
                        loc("DE", "Frankfurt am Main"),
                        loc("NL", ""),
                        loc("FR", ""),
                        loc("PL", "Warsaw"),
                    ],
                    action: "allow".into(),
                }),
                ..Default::default()
            },
        ),
        (
            "Office networks",
            "Only from the office LANs",
            Checks {
                peer_network_range_check: Some(NetworkRangeCheck {
                    ranges: vec!["192.168.10.0/24".into(), "10.10.0.0/16".into()],
                    action: "allow".into(),
                }),
                ..Default::default()
            },
        ),
        (
            "EDR running",
            "CrowdStrike Falcon sensor must be running",
            Checks {
                process_check: Some(ProcessCheck {
                    processes: vec![Process {
                        linux_path: "/opt/CrowdStrike/falcond".into(),
                        mac_path: "/Applications/Falcon.app/Contents/Resources/falcond".into(),
                        windows_path: "C:\\Program Files\\CrowdStrike\\CSFalconService.exe".into(),
                    }],
                }),
                ..Default::default()
            },
        ),
        (
            "Block sanctioned regions",
            "",
            Checks {
                geo_location_check: Some(GeoLocationCheck {
                    locations: vec![loc("KP", ""), loc("RU", "")],
                    action: "deny".into(),
                }),
                nb_version_check: Some(mv("0.45.0")),
                ..Default::default()
            },
        ),
    ];
    for (name, description, checks) in checks {
        let id = rng.xid();
        st.posture_checks.insert(PostureCheck {
            id,
            name: name.into(),
            description: description.into(),
            checks,
        });
    }
    let pc = |st: &State, n: &str| {
        st.posture_checks
            .iter()
            .find(|p| p.name == n)
            .map(|p| p.id.clone())
            .unwrap_or_default()
    };

    // ---- policies that use ranges, SSH and posture checks
    let rule = |id: &str, name: &str, action: &str, proto: &str| Rule {
        id: id.into(),
        name: name.into(),
        description: String::new(),
        enabled: true,
        action: action.into(),
        bidirectional: false,
        protocol: proto.into(),
        ports: vec![],
        port_ranges: vec![],
        sources: vec![],
        destinations: vec![],
        source_resource: None,
        destination_resource: None,
        authorized_groups: BTreeMap::new(),
    };
    let mut add = |st: &mut State,
                   name: &str,
                   desc: &str,
                   enabled: bool,
                   posture: Vec<String>,
                   f: &dyn Fn(Rule) -> Rule| {
        let id = rng.xid();
        let r = f(rule(&id, name, "accept", "tcp"));
        st.policies.insert(Policy {
            id,
            name: name.into(),
            description: desc.into(),
            enabled,
            source_posture_checks: posture,
            rules: vec![Rule {
                enabled,
                description: desc.into(),
                ..r
            }],
        });
    };
    let all = g(st, "All");
    let (eng, srv, dev, fin, k8s, con, db) = (
        g(st, "engineering"),
        g(st, "servers"),
        g(st, "devops"),
        g(st, "finance"),
        g(st, "k8s"),
        g(st, "contractors"),
        g(st, "databases"),
    );
    add(
        st,
        "Dev servers 8000-8100",
        "Development HTTP ports",
        true,
        vec![],
        &|r| Rule {
            port_ranges: vec![PortRange {
                start: 8000,
                end: 8100,
            }],
            sources: vec![eng.clone()],
            destinations: vec![srv.clone()],
            ..r
        },
    );
    add(
        st,
        "Kubernetes API",
        "kubectl and kubelet from DevOps",
        true,
        vec![],
        &|r| Rule {
            ports: vec!["6443".into(), "10250".into()],
            sources: vec![dev.clone()],
            destinations: vec![k8s.clone()],
            ..r
        },
    );
    add(
        st,
        "SSH for admins",
        "NetBird SSH with local users per group",
        true,
        vec![],
        &|r| {
            let mut ag = BTreeMap::new();
            ag.insert(dev.clone(), vec!["root".to_string(), "ubuntu".to_string()]);
            ag.insert(eng.clone(), vec!["ubuntu".to_string()]);
            Rule {
                protocol: "netbird-ssh".into(),
                sources: vec![dev.clone(), eng.clone()],
                destinations: vec![srv.clone()],
                authorized_groups: ag,
                ..r
            }
        },
    );
    add(
        st,
        "Finance apps (compliant devices)",
        "HTTPS to finance servers from up-to-date, patched devices",
        true,
        vec![pc(st, "Up-to-date agent"), pc(st, "Supported OS")],
        &|r| Rule {
            ports: vec!["443".into()],
            sources: vec![fin.clone()],
            destinations: vec![srv.clone()],
            ..r
        },
    );
    add(
        st,
        "Contractors from the EU",
        "Contractor access to staging, EU locations only",
        false,
        vec![pc(st, "EU only")],
        &|r| Rule {
            ports: vec!["22".into(), "443".into()],
            sources: vec![con.clone()],
            destinations: vec![srv.clone()],
            ..r
        },
    );
    add(st, "Drop legacy SMB", "", true, vec![], &|r| Rule {
        action: "drop".into(),
        ports: vec!["445".into()],
        sources: vec![all.clone()],
        destinations: vec![db.clone()],
        ..r
    });

    // ---- nameserver groups
    let ns = |ip: &str, port: i64| Nameserver {
        ip: ip.into(),
        ns_type: "udp".into(),
        port,
    };
    let list = [
        NsGroup {
            id: rng.xid(),
            name: "Kubernetes cluster DNS".into(),
            description: "CoreDNS for in-cluster names".into(),
            nameservers: vec![ns("10.96.0.10", 53)],
            enabled: true,
            groups: vec![dev.clone(), k8s.clone()],
            primary: false,
            domains: vec!["cluster.local".into(), "svc.cluster.local".into()],
            search_domains_enabled: false,
        },
        NsGroup {
            id: rng.xid(),
            name: "Active Directory".into(),
            description: "Domain controllers".into(),
            nameservers: vec![ns("192.168.10.10", 53), ns("192.168.10.11", 53)],
            enabled: true,
            groups: vec![g(st, "laptops")],
            primary: false,
            domains: vec!["ad.example.com".into()],
            search_domains_enabled: true,
        },
        NsGroup {
            id: rng.xid(),
            name: "Quad9 (old)".into(),
            description: "Replaced by Google DNS".into(),
            nameservers: vec![ns("9.9.9.9", 53), ns("149.112.112.112", 53)],
            enabled: false,
            groups: vec![g(st, "All")],
            primary: true,
            domains: vec![],
            search_domains_enabled: false,
        },
    ];
    for n in list {
        st.ns_groups.insert(n);
    }
}

/// How many audit events every seed has.
pub const SEED_EVENTS: usize = 10_000;
/// The days they spread over, up to now.
pub const SEED_EVENT_DAYS: i64 = 90;

/// 10,000 audit events over the last 90 days: a lived-in account's mix, with meta naming real
/// objects (and some since deleted), route changes on most days, and activity codes the spec's
/// enum lacks.
fn seed_events(st: &mut State, now: Ts, svc_id: &str, blocked_id: &str) {
    let mut rng = Rng::new(st.rng.clone().next_u64() ^ 0xe7e7_5eed);
    let initiators: Vec<String> = st
        .users
        .iter()
        .filter(|u| {
            !u.invited
                && !u.pending_approval
                && (matches!(u.role.as_str(), "owner" | "admin" | "network_admin")
                    || u.id == svc_id)
        })
        .map(|u| u.id.clone())
        .collect();
    let people: Vec<(String, String)> = st
        .users
        .iter()
        .filter(|u| !u.is_service_user)
        .map(|u| (u.id.clone(), u.name.clone()))
        .collect();
    let dns = st.dns_domain().to_string();
    let mut peers: Vec<(String, String, String, String)> = st
        .peers
        .iter()
        .take(200)
        .map(|p| {
            (
                p.id.clone(),
                p.name.clone(),
                p.ip.clone(),
                p.user_id.clone(),
            )
        })
        .collect();
    let mut routes: Vec<(String, String, String, String)> = st
        .routes
        .iter()
        .take(60)
        .map(|r| {
            (
                r.id.clone(),
                r.network_id.clone(),
                r.network.map(|p| p.to_string()).unwrap_or_default(),
                r.domains_unicode().join(","),
            )
        })
        .collect();
    let mut groups: Vec<(String, String)> = st
        .groups
        .iter()
        .filter(|g| g.name != "All")
        .map(|g| (g.id.clone(), g.name.clone()))
        .collect();
    let mut policies: Vec<(String, String)> = st
        .policies
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    let keys: Vec<(String, String)> = st
        .setup_keys
        .iter()
        .map(|k| (k.id.clone(), k.name.clone()))
        .collect();
    let ns: Vec<(String, String)> = st
        .ns_groups
        .iter()
        .map(|n| (n.id.clone(), n.name.clone()))
        .collect();
    let checks: Vec<(String, String)> = st
        .posture_checks
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    // Objects deleted since: their ids appear only in the events.
    for i in 0..12 {
        peers.push((
            rng.xid(),
            format!("laptop-retired-{:02}", i + 1),
            format!("100.64.{}.{}", 200 + i, rng.range(1, 254)),
            String::new(),
        ));
    }
    for (name, net) in [
        ("office-munich", "192.168.30.0/24"),
        ("old-vpc", "10.50.0.0/16"),
        ("lab-tmp", "172.31.99.0/24"),
    ] {
        routes.push((rng.xid(), name.into(), net.into(), String::new()));
    }
    groups.push((rng.xid(), "interns-2025".into()));
    groups.push((rng.xid(), "old-vpn-users".into()));
    policies.push((rng.xid(), "Temporary vendor access".into()));

    let span = SEED_EVENT_DAYS * DAY;
    let mut stamps: Vec<Ts> = (0..SEED_EVENTS)
        .map(|_| {
            // Busier during working hours (UTC 07..19) and on weekdays.
            let mut t = now - rng.range(MINUTE, span);
            let hour = (t.div_euclid(HOUR)).rem_euclid(24);
            if !(7..19).contains(&hour) && rng.chance(0.6) {
                t -= rng.range(0, 10) * HOUR;
            }
            t.clamp(now - span, now - MINUTE) - rng.range(0, 999_999)
        })
        .collect();
    stamps.sort_unstable();
    let blocked_name = st
        .users
        .get(blocked_id)
        .map(|u| u.name.clone())
        .unwrap_or_default();
    for ts in stamps {
        let who = rng.pick(&initiators).clone();
        let roll = rng.below(100);
        match roll {
            // Peers: logins, additions, sessions, renames.
            0..=21 => {
                let (id, name, ip, owner) = rng.pick(&peers).clone();
                let code = *rng.pick(&[
                    "user.peer.login",
                    "user.peer.login",
                    "user.peer.login",
                    "peer.user.add",
                    "peer.setupkey.add",
                    "user.peer.session.extend",
                    "peer.login.expire",
                    "peer.rename",
                    "peer.ssh.enable",
                    "peer.approve",
                    "user.peer.delete",
                ]);
                let initiator = match code {
                    "user.peer.login" | "user.peer.session.extend" if !owner.is_empty() => owner,
                    _ => who,
                };
                let meta = vec![
                    ("name", name.clone()),
                    ("fqdn", format!("{name}.{dns}")),
                    ("ip", ip),
                ];
                st.record_at(ts, &initiator, code, &id, meta);
            }
            // Routes: created, edited, removed.
            22..=35 => {
                let (id, name, net, domains) = rng.pick(&routes).clone();
                let code =
                    *rng.pick(&["route.add", "route.update", "route.update", "route.delete"]);
                let (peer_id, _, _, _) = rng.pick(&peers).clone();
                st.record_at(
                    ts,
                    &who,
                    code,
                    &id,
                    vec![
                        ("name", name),
                        ("network_range", net),
                        ("domains", domains),
                        ("peer_id", peer_id),
                        ("peer_groups", String::new()),
                    ],
                );
            }
            36..=43 => {
                let (id, name) = rng.pick(&groups).clone();
                let code =
                    *rng.pick(&["group.add", "group.update", "group.update", "group.delete"]);
                st.record_at(ts, &who, code, &id, vec![("name", name)]);
            }
            44..=47 => {
                let (gid, gname) = rng.pick(&groups).clone();
                let (pid, pname, ip, _) = rng.pick(&peers).clone();
                let code = *rng.pick(&["peer.group.add", "peer.group.delete"]);
                st.record_at(
                    ts,
                    &who,
                    code,
                    &pid,
                    vec![
                        ("group", gname),
                        ("group_id", gid),
                        ("peer_name", pname.clone()),
                        ("peer_fqdn", format!("{pname}.{dns}")),
                        ("peer_ip", ip),
                    ],
                );
            }
            48..=54 => {
                let (id, name) = rng.pick(&policies).clone();
                let code = *rng.pick(&[
                    "policy.add",
                    "policy.update",
                    "policy.update",
                    "policy.delete",
                ]);
                st.record_at(ts, &who, code, &id, vec![("name", name)]);
            }
            55..=58 => {
                let (id, name) = rng.pick(&keys).clone();
                let code = *rng.pick(&[
                    "setupkey.add",
                    "setupkey.update",
                    "setupkey.revoke",
                    "setupkey.group.add",
                ]);
                st.record_at(ts, &who, code, &id, vec![("name", name)]);
            }
            59..=68 => {
                st.record_at(ts, &who, "dashboard.login", &who, vec![]);
            }
            69..=74 => {
                let (uid, uname) = rng.pick(&people).clone();
                let (gid, gname) = rng.pick(&groups).clone();
                match rng.below(5) {
                    0 => st.record_at(
                        ts,
                        &who,
                        "user.role.update",
                        &uid,
                        vec![(
                            "role",
                            rng.pick(&["user", "admin", "network_admin", "auditor"])
                                .to_string(),
                        )],
                    ),
                    1 => st.record_at(
                        ts,
                        &who,
                        "user.group.add",
                        &uid,
                        vec![
                            ("group", gname),
                            ("group_id", gid),
                            ("is_service_user", "false".into()),
                            ("user_name", uname),
                        ],
                    ),
                    2 => st.record_at(ts, &who, "user.invite", &uid, vec![]),
                    3 => {
                        let code = *rng.pick(&["user.block", "user.unblock"]);
                        st.record_at(
                            ts,
                            &who,
                            code,
                            blocked_id,
                            vec![("user_name", blocked_name.clone())],
                        )
                    }
                    _ => st.record_at(ts, &uid, "user.join", &uid, vec![]),
                }
            }
            75..=78 => {
                let (id, name) = rng.pick(&ns).clone();
                let code = *rng.pick(&[
                    "nameserver.group.update",
                    "nameserver.group.add",
                    "nameserver.group.delete",
                ]);
                st.record_at(ts, &who, code, &id, vec![("name", name)]);
            }
            79..=81 => {
                let (id, name) = rng.pick(&checks).clone();
                let code = *rng.pick(&[
                    "posture.check.create",
                    "posture.check.update",
                    "posture.check.update",
                    "posture.check.delete",
                ]);
                st.record_at(ts, &who, code, &id, vec![("name", name)]);
            }
            82..=84 => {
                let (gid, gname) = rng.pick(&groups).clone();
                let code = *rng.pick(&[
                    "dns.setting.disabled.management.group.add",
                    "dns.setting.disabled.management.group.delete",
                ]);
                st.record_at(
                    ts,
                    &who,
                    code,
                    &gid,
                    vec![("group", gname), ("group_id", gid.clone())],
                );
            }
            85..=88 => {
                let code = *rng.pick(&[
                    "personal.access.token.create",
                    "personal.access.token.delete",
                ]);
                let name = rng
                    .pick(&["console", "terraform-ci", "laptop-cli", "backup-script"])
                    .to_string();
                st.record_at(
                    ts,
                    &who,
                    code,
                    &who,
                    vec![
                        ("name", name),
                        ("is_service_user", "false".into()),
                        ("user_name", String::new()),
                    ],
                );
            }
            // Account settings, including codes newer than the spec's enum.
            _ => {
                let account = st.account.id.clone();
                let code = *rng.pick(&[
                    "account.setting.peer.login.expiration.update",
                    "account.setting.peer.login.expiration.enable",
                    "account.setting.peer.expose.enable",
                    "account.setting.peer.expose.disable",
                    "account.setting.ipv6.enable",
                    "account.setting.metrics.push.enable",
                    "account.setting.local.mfa.enable",
                    "account.setting.lazy.connection.enable",
                    "account.settings.auto.version.update",
                    "account.setting.auto.update.always.enable",
                    "agent_network.budget_rule.create",
                    "agent_network.provider.create",
                    "agent_network.policy.update",
                    "service.peer.expose",
                    "domain.add",
                    "domain.validate",
                ]);
                let meta = match code {
                    "account.settings.auto.version.update" => {
                        vec![("version", "0.59.1".to_string())]
                    }
                    "agent_network.budget_rule.create" => vec![("name", "monthly-cap".into())],
                    "agent_network.provider.create" => vec![("name", "openai".into())],
                    "agent_network.policy.update" => vec![("name", "engineering-llm".into())],
                    "service.peer.expose" => vec![
                        ("name", "grafana".into()),
                        ("domain", "grafana.example.com".into()),
                    ],
                    "domain.add" | "domain.validate" => vec![("domain", "apps.example.com".into())],
                    _ => vec![],
                };
                st.record_at(ts, &who, code, &account, meta);
            }
        }
    }
}
