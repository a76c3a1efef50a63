//! The peer form's rules: what `PUT /api/peers/{id}` checks (netbirdio/netbird: the peers
//! handler's `updatePeer`, `UpdatePeer` in `management/server/peer.go`, `UpdatePeerIP` and
//! `validateIPForUpdate` in `management/server/account.go`), with the same meaning, plus the
//! DNS label the server derives from a name (`GetParsedDomainLabel` in `dns/dns.go`).
//!
//! The write: PUT replaces the four settings (`name`, `ssh_enabled`, `login_expiration_enabled`,
//! `inactivity_expiration_enabled`; a missing one becomes empty or false), so all four are
//! always sent. `ip` is sent only when it changes (the handler moves the peer before saving the
//! rest, and that move is kept even when the rest then fails). `approval_required` is sent only
//! to approve (cloud: the integrated validator reads it; absent leaves approval alone).
//!
//! Deliberately stricter than the server (each one is a mistake the server would store or
//! answer with a bare 500):
//! - the name must not be blank (the server stores `" "` and labels it `-`); a name the server
//!   cannot derive a label from (empty, `.`, a first part starting with `xn--` that is not
//!   punycode) makes the server fail with `internal server error`;
//! - the part before the first dot must hold a letter or digit (else the label is empty or only
//!   hyphens, and the server falls back to `<label>-<c>-<d>` from the IP: `-0-5`);
//! - the IP must be a plain IPv4 address (the server parses any address, an IPv4-mapped IPv6
//!   one included, and then only checks the range);
//! - the network and broadcast addresses of the range are refused (the server's own allocator,
//!   `AllocatePeerIP`, never hands them out; an update does not check);
//! - turning login or inactivity expiration on or off for a peer added with a setup key is
//!   refused before sending (the server answers 412, after having applied an IP change).

use crate::base::field_errors::FieldErrors;
use crate::base::i18n::{t, tf};
use crate::base::json::FromJson;
use crate::base::stale::{self, fields_of, Difference, FieldSpec, Fields};
use crate::resources::route::domain::{punycode_decode, punycode_encode};
use crate::resources::{Peer, PeerAddress};
use ipnet::Ipv4Net;
use serde::Serialize;
use serde_json::Value;
use std::net::{IpAddr, Ipv4Addr};

/// The longest label the server derives: `GetParsedDomainLabel` keeps the first 59 bytes.
pub const MAX_DNS_LABEL: usize = 59;

/// The ACE prefix of a punycode label.
const ACE: &str = "xn--";

/// What the form holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub struct PeerDraft {
    pub name: String,
    pub ssh_enabled: bool,
    pub login_expiration_enabled: bool,
    pub inactivity_expiration_enabled: bool,
    /// The NetBird IPv4 address, as typed (the current one until changed).
    pub ip: String,
    /// Approve a peer that waits for approval (cloud).
    pub approve: bool,
}

impl PeerDraft {
    /// The draft of an existing peer (for edit).
    pub fn from_peer(p: &Peer) -> PeerDraft {
        PeerDraft {
            name: p.name.clone(),
            ssh_enabled: p.ssh_enabled,
            login_expiration_enabled: p.login_expiration_enabled,
            inactivity_expiration_enabled: p.inactivity_expiration_enabled,
            ip: p.ip.clone(),
            approve: false,
        }
    }
}

/// The body of `PUT /api/peers/{id}`. `ip` and `approval_required` are ABSENT unless set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PeerRequest {
    pub name: String,
    pub ssh_enabled: bool,
    pub login_expiration_enabled: bool,
    pub inactivity_expiration_enabled: bool,
    /// Only when the address changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// `Some(false)` approves the peer; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval_required: Option<bool>,
}

/// Everything the checks need.
#[derive(Clone, Copy, Debug)]
pub struct PeerContext<'a> {
    /// The account's network (`settings.network_range`, like `100.64.0.0/10`); empty or
    /// unreadable: the range is left to the server.
    pub network_range: &'a str,
    /// The account's peers (the edited one may be among them).
    pub peers: &'a [PeerAddress],
    /// The peer being edited, as loaded.
    pub editing: &'a Peer,
}

/// The request that stores `peer` unchanged (change a field of it before sending).
pub fn request_of(peer: &Peer) -> PeerRequest {
    PeerRequest {
        name: peer.name.clone(),
        ssh_enabled: peer.ssh_enabled,
        login_expiration_enabled: peer.login_expiration_enabled,
        inactivity_expiration_enabled: peer.inactivity_expiration_enabled,
        ip: None,
        approval_required: None,
    }
}

/// The fields of a peer write, in form order, with the label the form gives them.
pub const PEER_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("name", "Name"),
    FieldSpec::new("ip", "NetBird IP address"),
    FieldSpec::new("ssh_enabled", "SSH server"),
    FieldSpec::new("login_expiration_enabled", "Login expiration"),
    FieldSpec::new("inactivity_expiration_enabled", "Inactivity expiration"),
];

/// A peer as the fields the stale-edit check compares: its request, with its address.
pub fn peer_fields(peer: &Peer) -> Fields {
    let mut f = fields_of(&request_of(peer));
    f.insert("ip".into(), Value::String(peer.ip.clone()));
    f
}

/// The user's write as the same fields: an absent `ip` is the loaded one, unchanged.
pub fn request_fields(mine: &PeerRequest, loaded: &Peer) -> Fields {
    let mut f = fields_of(mine);
    f.remove("approval_required");
    if !f.contains_key("ip") {
        f.insert("ip".into(), Value::String(loaded.ip.clone()));
    }
    f
}

/// Whether the server's copy differs, in anything a write sends, from the one the form loaded.
pub fn changed_on_server(loaded: &Peer, fresh: &Peer) -> bool {
    peer_fields(loaded) != peer_fields(fresh)
}

/// The fields where the server's current version and the user's differ, given the version the
/// form loaded.
pub fn differences(
    loaded: &Peer,
    fresh: &Peer,
    mine: &PeerRequest,
    name: &dyn Fn(&str) -> String,
) -> Vec<Difference> {
    stale::differences(
        &peer_fields(loaded),
        &peer_fields(fresh),
        &request_fields(mine, loaded),
        PEER_FIELDS,
        name,
    )
}

// ---------------------------------------------------------------------------------------------
// DNS labels

/// `dns.SplitDomainName(name)[0]` (miekg/dns): the text before the first dot that is not
/// escaped by an odd number of backslashes; for a name without one, the whole name less the
/// dot that makes it fully qualified. `None` for `""` and `"."` (no labels at all).
fn first_label(name: &str) -> Option<&str> {
    if name.is_empty() || name == "." {
        return None;
    }
    let b = name.as_bytes();
    // Like `NextLabel`, the last byte is never a separator.
    for i in 0..b.len() - 1 {
        if b[i] == b'.' && b[..i].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 0 {
            return Some(&name[..i]);
        }
    }
    let end = if is_fqdn(name) {
        name.len() - 1
    } else {
        name.len()
    };
    Some(&name[..end])
}

/// `dns.IsFqdn`: ends with a dot that is not escaped. Like the original, the backslashes are
/// counted from the start of the last character that is not one.
fn is_fqdn(s: &str) -> bool {
    let Some(rest) = s.strip_suffix('.') else {
        return false;
    };
    if !rest.ends_with('\\') {
        return true;
    }
    let last_other = rest
        .char_indices()
        .rev()
        .find(|&(_, c)| c != '\\')
        .map_or(-1, |(i, _)| i as isize);
    (rest.len() as isize - last_other) % 2 != 0
}

/// `idna.Punycode.ToASCII` (golang.org/x/net, built with Go 1.25's Unicode 15 tables): no
/// mapping, no checks; each dot-separated part starting with `xn--` is decoded (an error if it
/// is not punycode), then each part that is not ASCII is encoded. Case is kept.
fn punycode_to_ascii(label: &str) -> Option<String> {
    let mut parts = Vec::new();
    for part in label.split('.') {
        let part = match part.strip_prefix(ACE) {
            Some(encoded) => punycode_decode(encoded)?,
            None => part.to_string(),
        };
        if part.is_ascii() {
            parts.push(part);
        } else {
            parts.push(format!("{ACE}{}", punycode_encode(&part)?));
        }
    }
    Some(parts.join("."))
}

/// `nbdns.GetParsedDomainLabel`: the label the server derives from a peer name, or `None` when
/// it derives none (and a rename to it fails with a 500). The first label of the name, to
/// ASCII, every run of characters other than `a-z`, `A-Z`, `0-9` and `-` replaced by one `-`,
/// lowercased, cut to 59 bytes.
pub fn try_dns_label(name: &str) -> Option<String> {
    let ascii = punycode_to_ascii(first_label(name)?)?;
    let mut label = String::with_capacity(ascii.len());
    let mut in_run = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            label.push(c.to_ascii_lowercase());
            in_run = false;
        } else if !in_run {
            label.push('-');
            in_run = true;
        }
    }
    // ASCII only: bytes are characters.
    label.truncate(MAX_DNS_LABEL);
    Some(label)
}

/// The label the server derives from `name` (`""` when it derives none).
pub fn dns_label_of(name: &str) -> String {
    try_dns_label(name).unwrap_or_default()
}

/// A peer's bare label (the API sends `<label>.<account domain>`).
fn bare_label(fqdn: &str) -> &str {
    fqdn.split('.').next().unwrap_or("")
}

/// The label the peer will have after this write, for the form to show: unchanged while the
/// name is; else the name's label, unless a peer already has it (the edited one included: the
/// server looks the label up among all peers), then `<label>-<c>-<d>` from the last two bytes
/// of the peer's address after the write (`getPeerIPDNSLabel`). `None` when the name gives no
/// label.
pub fn expected_dns_label(draft: &PeerDraft, ctx: &PeerContext) -> Option<String> {
    let current = ctx.editing;
    if draft.name == current.name {
        return Some(bare_label(&current.dns_label).to_string());
    }
    let label = try_dns_label(&draft.name)?;
    let taken = ctx
        .peers
        .iter()
        .map(|p| &p.dns_label)
        .chain(std::iter::once(&current.dns_label))
        .any(|l| bare_label(l) == label);
    if !taken {
        return Some(label);
    }
    let typed = draft.ip.trim();
    let ip = typed
        .parse::<Ipv4Addr>()
        .or_else(|_| current.ip.parse::<Ipv4Addr>())
        .ok()?;
    let [_, _, c, d] = ip.octets();
    Some(format!("{label}-{c}-{d}"))
}

// ---------------------------------------------------------------------------------------------
// Validation

fn check_name(name: &str) -> Option<String> {
    if name.trim().is_empty() {
        return Some(t("Enter a name for the peer."));
    }
    let label = try_dns_label(name);
    if let (None, Some(first)) = (&label, first_label(name)) {
        if first.contains(ACE) {
            return Some(tf(
                "“{part}” starts with xn-- but is not valid punycode: the part of the name before the first dot becomes the peer's DNS label. Change it.",
                &[("part", first)],
            ));
        }
    }
    if !label.is_some_and(|l| l.bytes().any(|b| b.is_ascii_alphanumeric())) {
        return Some(t(
            "Put at least one letter or digit before the first dot: the peer's DNS label is made from that part of the name.",
        ));
    }
    None
}

/// The address to send: `Ok(None)` when unchanged, `Ok(Some(ip))` when it changes.
fn check_ip(draft: &PeerDraft, ctx: &PeerContext) -> Result<Option<String>, String> {
    let typed = draft.ip.trim();
    if typed == ctx.editing.ip {
        return Ok(None);
    }
    if typed.is_empty() {
        return Err(t("Enter an IPv4 address for the peer, like 100.64.0.15."));
    }
    let ip: Ipv4Addr = match typed.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => ip,
        Ok(IpAddr::V6(_)) => {
            return Err(t(
                "Enter an IPv4 address: a peer's NetBird address is IPv4, like 100.64.0.15.",
            ))
        }
        Err(_) => {
            return Err(tf(
                "“{ip}” is not an IPv4 address; enter one like 100.64.0.15.",
                &[("ip", typed)],
            ))
        }
    };
    let shown = ip.to_string();
    if let Ok(range) = ctx.network_range.trim().parse::<Ipv4Net>() {
        let range = range.trunc();
        let args = [("ip", shown.as_str()), ("range", &range.to_string())];
        if !range.contains(&ip) {
            return Err(tf(
                "{ip} is outside the account's network {range}; choose an address inside it.",
                &args,
            ));
        }
        if range.prefix_len() <= 30 && ip == range.network() {
            return Err(tf(
                "{ip} is the network address of {range}; choose another address.",
                &args,
            ));
        }
        if range.prefix_len() <= 30 && ip == range.broadcast() {
            return Err(tf(
                "{ip} is the broadcast address of {range}; choose another address.",
                &args,
            ));
        }
    }
    let holder = ctx
        .peers
        .iter()
        .find(|p| p.id != ctx.editing.id && p.ip.parse::<Ipv4Addr>() == Ok(ip));
    if let Some(other) = holder {
        let who = if other.name.is_empty() {
            &other.id
        } else {
            &other.name
        };
        return Err(tf(
            "{ip} is already the address of {peer}; choose a free address.",
            &[("ip", &shown), ("peer", who)],
        ));
    }
    Ok(Some(shown))
}

/// `AddedWithSSOLogin`: the server lets only such peers change their expiration settings.
fn added_by_user(peer: &Peer) -> bool {
    !peer.user_id.is_empty()
}

/// The form's checks. Ok: the body to send.
pub fn validate(draft: &PeerDraft, ctx: &PeerContext) -> Result<PeerRequest, FieldErrors> {
    let mut errs = FieldErrors::default();
    if let Some(m) = check_name(&draft.name) {
        errs.insert("name", m);
    }
    let ip = check_ip(draft, ctx).unwrap_or_else(|m| {
        errs.insert("ip", m);
        None
    });
    let setup_key_peer = !added_by_user(ctx.editing);
    if setup_key_peer && draft.login_expiration_enabled != ctx.editing.login_expiration_enabled {
        errs.insert(
            "login_expiration_enabled",
            t("Login expiration applies only to peers added by a user's login; this peer was added with a setup key."),
        );
    }
    if setup_key_peer
        && draft.inactivity_expiration_enabled != ctx.editing.inactivity_expiration_enabled
    {
        errs.insert(
            "inactivity_expiration_enabled",
            t("Inactivity expiration applies only to peers added by a user's login; this peer was added with a setup key."),
        );
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(PeerRequest {
        name: draft.name.clone(),
        ssh_enabled: draft.ssh_enabled,
        login_expiration_enabled: draft.login_expiration_enabled,
        inactivity_expiration_enabled: draft.inactivity_expiration_enabled,
        ip,
        approval_required: draft.approve.then_some(false),
    })
}

/// Per-field validation for "validate on blur": the same rules, that field's message.
pub fn validate_field(field: &str, draft: &PeerDraft, ctx: &PeerContext) -> Option<String> {
    validate(draft, ctx).err()?.get(field).map(str::to_string)
}

/// The control a server error message (the body's `message`, lowercased by the server)
/// concerns, if any. `internal server error` (what an underivable name gets) concerns none.
pub fn server_error_field(message: &str) -> Option<&'static str> {
    let m = message.to_lowercase();
    if m.starts_with("invalid ip address")
        || m.contains("is not within the account network range")
        || m.contains("is already assigned to peer")
    {
        Some("ip")
    } else if m.contains("the login expiration can't be updated") {
        Some("login_expiration_enabled")
    } else if m.contains("the inactivity expiration can't be updated") {
        Some("inactivity_expiration_enabled")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peer(id: &str, name: &str, ip: &str, label: &str) -> Peer {
        Peer {
            id: id.into(),
            name: name.into(),
            ip: ip.into(),
            dns_label: format!("{label}.netbird.cloud"),
            user_id: "u1".into(),
            ..Peer::default()
        }
    }

    fn world() -> Vec<Peer> {
        vec![
            peer("p1", "netbird1.netbird.cloud", "100.64.0.1", "netbird1"),
            peer("p2", "ip-10-29-5-130", "100.64.5.130", "ip-10-29-5-130"),
            peer("p3", "web-server", "100.64.0.3", "web-server"),
        ]
    }

    fn others_of(peers: &[Peer]) -> Vec<PeerAddress> {
        peers.iter().map(PeerAddress::of).collect()
    }

    fn ctx<'a>(peers: &'a [PeerAddress], editing: &'a Peer) -> PeerContext<'a> {
        PeerContext {
            network_range: "100.64.0.0/10",
            peers,
            editing,
        }
    }

    fn fields(r: &Result<PeerRequest, FieldErrors>) -> Vec<&'static str> {
        r.as_ref()
            .err()
            .map(|e| e.fields().collect())
            .unwrap_or_default()
    }

    #[test]
    fn labels_from_the_servers_own_examples() {
        // management/server/peer_test.go: a hostname that is an FQDN gives its first label.
        assert_eq!(dns_label_of("netbird1.netbird.cloud"), "netbird1");
        assert_eq!(dns_label_of("netbird1.demo.netbird.cloud"), "netbird1");
        assert_eq!(dns_label_of("web-server"), "web-server");
        assert_eq!(dns_label_of("api-server.example.com"), "api-server");
        assert_eq!(dns_label_of("ip-10-29-5-130"), "ip-10-29-5-130");
        assert_eq!(dns_label_of("stage-host-1"), "stage-host-1");
    }

    #[test]
    fn labels_replace_runs_lowercase_and_cut() {
        assert_eq!(dns_label_of("My Laptop"), "my-laptop");
        assert_eq!(dns_label_of("John's  MacBook   Pro"), "john-s-macbook-pro");
        assert_eq!(dns_label_of("a_b"), "a-b");
        assert_eq!(dns_label_of("(test)"), "-test-");
        assert_eq!(dns_label_of("a-.-b"), "a-");
        assert_eq!(dns_label_of("UPPER.lower"), "upper");
        assert_eq!(dns_label_of("host."), "host");
        assert_eq!(dns_label_of(" "), "-");
        // Cut to 59 bytes.
        assert_eq!(dns_label_of(&"a".repeat(58)).len(), 58);
        assert_eq!(dns_label_of(&"a".repeat(59)).len(), 59);
        assert_eq!(dns_label_of(&"a".repeat(80)), "a".repeat(59));
    }

    #[test]
    fn labels_of_unicode_names_are_punycode() {
        // RFC 3492's codec with Go's case rules: the ASCII letters keep their case until the
        // final lowercase, so `Bücher` and `bücher` agree but `BÜCHER` (Ü ≠ ü) does not.
        assert_eq!(dns_label_of("bücher"), "xn--bcher-kva");
        assert_eq!(dns_label_of("Bücher.example"), "xn--bcher-kva");
        assert_eq!(dns_label_of("BÜCHER"), "xn--bcher-2pa");
        assert_eq!(dns_label_of("Straße"), "xn--strae-oqa");
        assert_eq!(dns_label_of("日本語"), "xn--wgv71a119e");
        assert_eq!(dns_label_of("café bar"), "xn--caf-bar-dya");
        // An `xn--` label is decoded and encoded again; an uppercase prefix is not one.
        assert_eq!(dns_label_of("xn--bcher-kva"), "xn--bcher-kva");
        assert_eq!(dns_label_of("XN--bcher-kva"), "xn--bcher-kva");
        // Unicode 15 rules (Go 1.25): an `xn--` label that decodes to ASCII is that ASCII.
        assert_eq!(dns_label_of("xn--abc-"), "abc");
        assert_eq!(try_dns_label("xn--").as_deref(), Some(""));
        // `a` is valid punycode (U+0080), encoded back the same.
        assert_eq!(dns_label_of("xn--a.b"), "xn--a");
    }

    #[test]
    fn labels_follow_dns_escapes_and_empty_labels() {
        // An escaped dot does not end the first label; the dot and backslash become `-`.
        assert_eq!(dns_label_of(r"a\.b.c"), "a-b");
        assert_eq!(dns_label_of(r"a\\.b"), "a-");
        assert_eq!(dns_label_of(r"a\."), "a-");
        // A leading dot: the first label is empty.
        assert_eq!(try_dns_label(".foo").as_deref(), Some(""));
        assert_eq!(try_dns_label("..").as_deref(), Some(""));
        // No label at all, or a first part that is not punycode: the server fails.
        for none in ["", ".", "xn--!!", "xn---", "xn--!!.example"] {
            assert_eq!(try_dns_label(none), None, "{none:?}");
            assert_eq!(dns_label_of(none), "");
        }
        assert_eq!(try_dns_label("ok.xn--!!").as_deref(), Some("ok"));
    }

    #[test]
    fn is_fqdn_like_miekg() {
        assert!(is_fqdn("a."));
        assert!(!is_fqdn("a"));
        assert!(!is_fqdn(r"a\."));
        assert!(is_fqdn(r"a\\."));
        assert!(is_fqdn("."));
        assert!(!is_fqdn(""));
    }

    #[test]
    fn expected_label_falls_back_to_the_ip_on_a_collision() {
        let peers = world();
        let p2 = &peers[1];
        let others = others_of(&peers);
        let c = ctx(&others, p2);
        let rename = |name: &str| PeerDraft {
            name: name.into(),
            ..PeerDraft::from_peer(p2)
        };
        // peer_test.go TestUpdatePeer_DnsLabelCollisionWithFQDN: `netbird1` is taken.
        assert_eq!(
            expected_dns_label(&rename("netbird1.demo.netbird.cloud"), &c).as_deref(),
            Some("netbird1-5-130")
        );
        // TestUpdatePeer_DnsLabelUniqueName.
        assert_eq!(
            expected_dns_label(&rename("api-server.example.com"), &c).as_deref(),
            Some("api-server")
        );
        // Unchanged name: the current label.
        assert_eq!(
            expected_dns_label(&rename("ip-10-29-5-130"), &c).as_deref(),
            Some("ip-10-29-5-130")
        );
        // A new name with the peer's own label collides with itself.
        assert_eq!(
            expected_dns_label(&rename("IP-10-29-5-130"), &c).as_deref(),
            Some("ip-10-29-5-130-5-130")
        );
        // The address after the write is the one used.
        let moved = PeerDraft {
            ip: "100.64.9.9".into(),
            ..rename("web-server")
        };
        assert_eq!(
            expected_dns_label(&moved, &c).as_deref(),
            Some("web-server-9-9")
        );
        assert_eq!(expected_dns_label(&rename(""), &c), None);
    }

    #[test]
    fn an_unchanged_peer_sends_its_four_settings_only() {
        let peers = world();
        let others = others_of(&peers);
        let c = ctx(&others, &peers[0]);
        let req = validate(&PeerDraft::from_peer(&peers[0]), &c).unwrap();
        assert_eq!(req, request_of(&peers[0]));
        let body = serde_json::to_value(&req).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"name":"netbird1.netbird.cloud","ssh_enabled":false,
                "login_expiration_enabled":false,"inactivity_expiration_enabled":false})
        );
    }

    #[test]
    fn approving_sends_approval_required_false() {
        let peers = world();
        let others = others_of(&peers);
        let c = ctx(&others, &peers[0]);
        let d = PeerDraft {
            approve: true,
            ..PeerDraft::from_peer(&peers[0])
        };
        let body = serde_json::to_value(validate(&d, &c).unwrap()).unwrap();
        assert_eq!(body["approval_required"], serde_json::json!(false));
    }

    #[test]
    fn names() {
        let peers = world();
        let others = others_of(&peers);
        let c = ctx(&others, &peers[0]);
        let named = |name: &str| PeerDraft {
            name: name.into(),
            ..PeerDraft::from_peer(&peers[0])
        };
        assert!(validate(&named("laptop"), &c).is_ok());
        // A duplicate name is allowed: the label falls back to the address.
        assert!(validate(&named("web-server"), &c).is_ok());
        // The name is sent as typed.
        assert_eq!(validate(&named(" a b "), &c).unwrap().name, " a b ");
        for bad in ["", "   ", ".", ".foo", "---", "xn--!!.example", "()"] {
            assert_eq!(fields(&validate(&named(bad), &c)), ["name"], "{bad:?}");
        }
        assert_eq!(
            validate_field("name", &named(""), &c).unwrap(),
            "Enter a name for the peer."
        );
        assert!(validate_field("name", &named("xn--!!.example"), &c)
            .unwrap()
            .contains("“xn--!!”"));
    }

    #[test]
    fn addresses() {
        let peers = world();
        let others = others_of(&peers);
        let c = ctx(&others, &peers[0]);
        let at = |ip: &str| PeerDraft {
            ip: ip.into(),
            ..PeerDraft::from_peer(&peers[0])
        };
        // Unchanged (surrounding spaces ignored): absent.
        assert_eq!(validate(&at(" 100.64.0.1 "), &c).unwrap().ip, None);
        assert_eq!(
            validate(&at("100.64.0.15"), &c).unwrap().ip.as_deref(),
            Some("100.64.0.15")
        );
        assert_eq!(
            validate(&at("100.127.255.254"), &c).unwrap().ip.as_deref(),
            Some("100.127.255.254")
        );
        for bad in [
            "",
            "100.64.0",
            "100.64.0.256",
            "100.064.0.1",
            "fd00::1",
            "::ffff:100.64.0.9",
            "100.128.0.1",
            "10.0.0.1",
            "100.64.0.0",
            "100.127.255.255",
            "100.64.0.3",
        ] {
            assert_eq!(fields(&validate(&at(bad), &c)), ["ip"], "{bad:?}");
        }
        let msg = |ip: &str| validate_field("ip", &at(ip), &c).unwrap();
        assert_eq!(
            msg("100.64.0.3"),
            "100.64.0.3 is already the address of web-server; choose a free address."
        );
        assert_eq!(
            msg("100.128.0.1"),
            "100.128.0.1 is outside the account's network 100.64.0.0/10; choose an address inside it."
        );
        assert_eq!(
            msg("100.64.0.0"),
            "100.64.0.0 is the network address of 100.64.0.0/10; choose another address."
        );
        assert_eq!(
            msg("fd00::1"),
            "Enter an IPv4 address: a peer's NetBird address is IPv4, like 100.64.0.15."
        );
        // Unknown range: only the form and the duplicates are checked.
        let loose = PeerContext {
            network_range: "",
            ..c
        };
        assert!(validate(&at("10.0.0.1"), &loose).is_ok());
        assert!(validate(&at("100.64.0.3"), &loose).is_err());
        // Another account range.
        let small = PeerContext {
            network_range: "10.10.0.0/24",
            ..c
        };
        assert!(validate(&at("10.10.0.200"), &small).is_ok());
        assert!(validate(&at("10.10.0.255"), &small).is_err());
        assert!(validate(&at("100.64.0.15"), &small).is_err());
    }

    #[test]
    fn expiration_only_for_peers_added_by_a_user() {
        let mut peers = world();
        peers[0].user_id = String::new();
        let others = others_of(&peers);
        let c = ctx(&others, &peers[0]);
        let d = PeerDraft {
            login_expiration_enabled: true,
            inactivity_expiration_enabled: true,
            ..PeerDraft::from_peer(&peers[0])
        };
        assert_eq!(
            fields(&validate(&d, &c)),
            ["inactivity_expiration_enabled", "login_expiration_enabled"]
        );
        // Unchanged is fine, and a user's peer may change both.
        assert!(validate(&PeerDraft::from_peer(&peers[0]), &c).is_ok());
        let others = others_of(&peers);
        let c = ctx(&others, &peers[1]);
        let d = PeerDraft {
            login_expiration_enabled: true,
            inactivity_expiration_enabled: true,
            ..PeerDraft::from_peer(&peers[1])
        };
        let req = validate(&d, &c).unwrap();
        assert!(req.login_expiration_enabled && req.inactivity_expiration_enabled);
    }

    #[test]
    fn stale_check_sees_an_address_moved_by_someone_else() {
        let peers = world();
        let loaded = peers[0].clone();
        let mut fresh = loaded.clone();
        fresh.ip = "100.64.0.77".into();
        fresh.connected = true; // not written: not a change
        assert!(changed_on_server(&loaded, &fresh));
        let mut mine = request_of(&loaded);
        mine.name = "renamed".into();
        let d = differences(&loaded, &fresh, &mine, &|s: &str| s.to_string());
        let got: Vec<_> = d.iter().map(|x| x.field).collect();
        assert_eq!(got, ["name", "ip"]);
        assert!(d[0].changed_by_me && !d[0].changed_on_server);
        assert!(d[1].changed_on_server && !d[1].changed_by_me);
        let mut same = loaded.clone();
        same.connected = true;
        assert!(!changed_on_server(&loaded, &same));
    }

    #[test]
    fn server_messages_map_to_fields() {
        let table = [
            (
                "invalid ip address 100.64.0: paraddr: unable to parse ip",
                Some("ip"),
            ),
            (
                "update peer ip transaction: ip 100.128.0.1 is not within the account network range 100.64.0.0/10",
                Some("ip"),
            ),
            (
                "update peer ip transaction: ip 100.64.0.3 is already assigned to peer p3",
                Some("ip"),
            ),
            (
                "this peer hasn't been added with the sso login, therefore the login expiration can't be updated",
                Some("login_expiration_enabled"),
            ),
            (
                "this peer hasn't been added with the sso login, therefore the inactivity expiration can't be updated",
                Some("inactivity_expiration_enabled"),
            ),
            ("internal server error", None),
            ("couldn't parse json request", None),
            ("permission denied", None),
        ];
        for (msg, want) in table {
            assert_eq!(server_error_field(msg), want, "{msg}");
        }
    }
}
