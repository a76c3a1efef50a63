//! Signing in and the session: pasted tokens (PAT checksum, bearer), the API URL, where to
//! return after sign-in, the base path, the runtime configuration, JWT expiry, expiry notes,
//! idle time-outs and the current token.

use crate::common::{config, id, json, text, timestamp};
use netbird_console::base::config_file::RuntimeConfig;
use netbird_console::base::format::parse_rfc3339;
use netbird_console::base::session::{
    current_token, expiry_note, idle_expired, jwt_expiry, normalize_api_url, safe_return_path,
    EXPIRY_WARNING_DAYS,
};
use netbird_console::base::token::{check_pat, crc32, pat_checksum, Credential, TokenProblem};
use netbird_console::base::url::base_path;
use netbird_console::resources::PersonalAccessToken;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::{json, Value};

/// Base64url, as a JWT carries its parts (with or without `=` padding).
fn base64url(bytes: &[u8], pad: bool) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
        if pad {
            out.push_str(&"=".repeat(3 - chunk.len()));
        }
    }
    out
}

/// What `check_pat`'s answer says about the token: Ok only for 40 characters, letters and digits
/// after the prefix, the last six the checksum of the 30 before them; each refusal for its own
/// reason (and never a problem `check_pat` does not look for). A token it takes with the `nbp_`
/// prefix is one `Credential::parse` takes as a PAT.
fn check_pat_promises(token: &str) -> Result<(), TestCaseError> {
    let b = token.as_bytes();
    let letters_and_digits = b.len() >= 4 && b[4..].iter().all(u8::is_ascii_alphanumeric);
    match check_pat(token) {
        Ok(()) => {
            prop_assert!(b.len() == 40 && letters_and_digits, "{:?}", token);
            prop_assert_eq!(&token[34..], pat_checksum(&b[4..34]));
            if token.starts_with("nbp_") {
                prop_assert_eq!(
                    Credential::parse(token),
                    Ok(Credential::Pat(token.to_string()))
                );
            }
        }
        Err(TokenProblem::PatLength) => prop_assert!(token.is_ascii() && b.len() != 40),
        Err(TokenProblem::PatCharacters) => {
            prop_assert!(!token.is_ascii() || !letters_and_digits, "{:?}", token)
        }
        Err(TokenProblem::PatChecksum) => prop_assert!(b.len() == 40 && letters_and_digits),
        Err(other) => prop_assert!(false, "check_pat answered {:?}", other),
    }
    Ok(())
}

/// What a normalised API URL always is: http(s), a host, no trailing slash, no query or
/// fragment, no white space.
pub(crate) fn check_api_url(url: &str) {
    let lower = url.to_ascii_lowercase();
    assert!(
        lower.starts_with("http://") || lower.starts_with("https://"),
        "{url}"
    );
    let host_and_path = &url[url.find("://").unwrap_or(0) + 3..];
    assert!(
        !host_and_path.trim_matches('/').is_empty(),
        "no host left in {url:?}"
    );
    assert!(!url.ends_with('/'), "{url:?}");
    assert!(!url.contains('?') && !url.contains('#'), "{url:?}");
    assert!(
        !url.chars().any(|c| c.is_whitespace() || c.is_control()),
        "{url:?}"
    );
}

fn arb_pat_token() -> impl Strategy<Value = PersonalAccessToken> {
    (id(), text(), timestamp(), timestamp()).prop_map(|(id, name, expiration_date, last_used)| {
        PersonalAccessToken {
            id,
            name,
            expiration_date,
            last_used,
            ..PersonalAccessToken::default()
        }
    })
}

proptest! {
    #![proptest_config(config(1024))]

    // ---- token

    #[test]
    fn credential_parse_never_panics(input in text()) {
        match Credential::parse(&input) {
            Ok(c) => {
                let secret = c.secret();
                prop_assert!(!secret.is_empty());
                prop_assert!(!secret.chars().any(|ch| ch.is_whitespace() || ch.is_control()));
                let header = c.header_value();
                prop_assert!(header.starts_with("Token ") || header.starts_with("Bearer "));
                prop_assert!(header.ends_with(secret));
                if let Credential::Pat(t) = &c {
                    prop_assert_eq!(check_pat(t), Ok(()));
                    prop_assert_eq!(t.len(), 40);
                }
                prop_assert_eq!(format!("{c:?}"), format!("Credential({}, <redacted>)", c.kind_label()));
            }
            Err(p) => prop_assert!(!p.message().is_empty()),
        }
        check_pat_promises(&input)?;
    }

    #[test]
    fn near_valid_pats(
        secret in "[A-Za-z0-9]{30}",
        pos in any::<Index>(),
        edit in 0u8..6,
        ch in prop_oneof![any::<char>(), "[A-Za-z0-9]".prop_map(|s| s.chars().next().unwrap_or('a'))],
        scheme in select(vec!["", "Token ", "bearer\t", "  Bearer  ", "TOKEN\n"]),
    ) {
        let pat = format!("nbp_{secret}{}", pat_checksum(secret.as_bytes()));
        prop_assert_eq!(Credential::parse(&format!("{scheme}{pat} ")), Ok(Credential::Pat(pat.clone())));
        let mut chars: Vec<char> = pat.chars().collect();
        let i = pos.index(chars.len());
        match edit {
            0 => chars[i] = ch,
            1 => { chars.remove(i); }
            2 => chars.insert(i, ch),
            3 => chars.truncate(i),
            4 => chars.push(ch),
            _ => {
                let j = (i + 1) % chars.len();
                chars.swap(i, j)
            }
        }
        let edited: String = chars.iter().collect();
        let result = Credential::parse(&edited);
        check_pat_promises(&edited)?;
        // CRC-32 catches every single-character substitution in the secret or checksum.
        if edited == pat {
            prop_assert!(result.is_ok());
        }
        if edit == 0 && i >= 4 && ch.is_ascii_alphanumeric() && edited != pat {
            prop_assert_eq!(result, Err(TokenProblem::PatChecksum));
        }
    }

    #[test]
    fn checksum_is_six_base62_characters(bytes in vec(any::<u8>(), 0..200)) {
        let c = pat_checksum(&bytes);
        prop_assert_eq!(c.len(), 6);
        prop_assert!(c.bytes().all(|b| b.is_ascii_alphanumeric()));
        // They are the CRC-32 in base 62 (digits, then upper, then lower case), padded with '0'.
        const BASE62: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let value = c
            .chars()
            .fold(0u64, |n, d| n * 62 + BASE62.find(d).unwrap_or(62) as u64);
        prop_assert_eq!(value, u64::from(crc32(&bytes)));
    }

    // ---- session and navigation

    #[test]
    fn api_urls(input in prop_oneof![
        text(),
        "(https?|HTTPS?|ftp|javascript):(//)?[a-z0-9./:?#@%_ -]{0,20}(/api)?/{0,2}",
        select(vec!["http://api", "https://api/", "https:///api", "http://x/api/api", "https://API", "http://a//api//"])
            .prop_map(String::from),
    ], default in text()) {
        if let Ok(url) = normalize_api_url(&input, &default) {
            check_api_url(&url);
        }
    }

    #[test]
    fn return_paths_never_leave_the_console(next in prop_oneof![
        text(),
        "[/\\\\]{0,3}[a-z:./?=&%\\\\\\t]{0,20}",
        select(vec!["//evil", "/\\evil", "/\t/evil", "javascript:alert(1)", "/login", "/routes?page=2"])
            .prop_map(String::from),
    ]) {
        let p = safe_return_path(&next);
        prop_assert!(p.starts_with('/'), "{p:?}");
        prop_assert!(!p.starts_with("//") && !p.starts_with("/\\"), "{p:?}");
        prop_assert!(!p.chars().any(char::is_control), "{p:?}");
        prop_assert!(!p.starts_with("/login"));
        prop_assert!(p == "/" || p == next);
    }

    #[test]
    fn base_paths(href in option::of(prop_oneof![
        text(),
        "(https?://[a-z.]{0,8})?[/.]{0,3}[a-z/]{0,10}[?#]?[a-z/]{0,4}",
    ])) {
        let b = base_path(href.as_deref());
        prop_assert!(b.is_empty() || (b.starts_with('/') && !b.starts_with("//")), "{b:?}");
        prop_assert!(!b.ends_with('/'));
        prop_assert!(!b.contains('?') && !b.contains('#'));
    }

    // ---- runtime configuration and sign-in expiry

    #[test]
    fn runtime_config_from_any_text(text in prop_oneof![
        text(),
        (option::of(json()), option::of(json()), option::of(json())).prop_map(|(a, t, i)| {
            let mut m = serde_json::Map::new();
            for (k, v) in [("api_url", a), ("title", t), ("idle_timeout_minutes", i)] {
                if let Some(v) = v {
                    m.insert(k.into(), v);
                }
            }
            Value::Object(m).to_string()
        }),
        json().prop_map(|v| v.to_string()),
    ]) {
        let c = RuntimeConfig::parse(&text);
        if let Some(u) = c.api_url() {
            prop_assert!(!u.is_empty() && u.trim() == u);
        }
        if let Some(t) = c.title() {
            prop_assert!(!t.is_empty() && t.trim() == t);
        }
        // What it reads is what the text holds (where serde_json reads the text too).
        if let Ok(sent) = serde_json::from_str::<Value>(&text) {
            let member = |k: &str| sent.get(k).and_then(Value::as_str).map(str::trim);
            if let Some(u) = c.api_url() {
                prop_assert_eq!(member("api_url"), Some(u));
            }
            if let Some(t) = c.title() {
                prop_assert_eq!(member("title"), Some(t));
            }
            let minutes = c.idle_timeout_minutes();
            if minutes > 0 {
                let sent_minutes = sent.get("idle_timeout_minutes").and_then(Value::as_u64);
                prop_assert_eq!(sent_minutes, Some(u64::from(minutes)));
            }
        }
    }

    #[test]
    fn jwt_expiry_of_anything(token in text()) {
        // An expiry only ever comes from a second, base64url part.
        if jwt_expiry(&token).is_some() {
            let payload = token.split('.').nth(1).unwrap_or("");
            let base64 = |b: u8| b.is_ascii_alphanumeric() || b"-_+/".contains(&b);
            prop_assert!(payload.bytes().take_while(|&b| b != b'=').all(base64), "{:?}", token);
        }
    }

    #[test]
    fn jwt_expiry_reads_exp(exp in prop_oneof![any::<i64>(), Just(i64::MIN), Just(i64::MAX)],
                            other in json(), header in "[A-Za-z0-9_-]{0,20}", sig in "[A-Za-z0-9_-]{0,20}",
                            pad in any::<bool>(), junk_exp in json()) {
        let claims = json!({"sub": "u", "exp": exp, "other": other});
        let jwt = format!("{header}.{}.{sig}", base64url(claims.to_string().as_bytes(), pad));
        prop_assert_eq!(jwt_expiry(&jwt), Some(exp));
        // Whatever `exp` holds, it is read as an i64 when it is one, and as no expiry otherwise.
        let claims = json!({"exp": junk_exp});
        let jwt = format!("{header}.{}.{sig}", base64url(claims.to_string().as_bytes(), pad));
        prop_assert_eq!(jwt_expiry(&jwt), junk_exp.as_i64());
    }

    #[test]
    fn expiry_notes_at_any_time(expires_at in prop_oneof![any::<i64>(), Just(i64::MIN), Just(i64::MAX)],
                                now in prop_oneof![any::<i64>(), Just(i64::MIN), Just(i64::MAX)]) {
        let note = expiry_note(expires_at, now);
        prop_assert!(note.text.starts_with("Token expire"));
        prop_assert_eq!(note.warn, expires_at.saturating_sub(now) <= EXPIRY_WARNING_DAYS * 86_400);
    }

    #[test]
    fn idle_timeouts(last in prop_oneof![any::<f64>(), Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY)],
                     now in prop_oneof![any::<f64>(), Just(f64::NAN), Just(f64::INFINITY)],
                     minutes in prop_oneof![any::<u32>(), Just(0u32)]) {
        let expired = idle_expired(last, now, minutes);
        if minutes == 0 {
            prop_assert!(!expired);
        }
    }

    #[test]
    fn current_token_is_the_last_used(tokens in vec(arb_pat_token(), 0..6)) {
        let used = |t: &PersonalAccessToken| parse_rfc3339(&t.last_used);
        match current_token(&tokens) {
            Some(t) => {
                let mine = used(t);
                prop_assert!(mine.is_some());
                prop_assert!(tokens.iter().filter_map(used).all(|u| Some(u) <= mine));
            }
            None => prop_assert!(tokens.iter().all(|t| used(t).is_none())),
        }
    }
}
