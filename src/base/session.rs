//! What a signed-in session is made of, and the pure rules around it: the API URL a user typed,
//! where to go back to after signing in. The browser storage itself lives in `ui::session`.

use crate::base::format::parse_rfc3339;
use crate::base::i18n::{t, tf};
use crate::resources::PersonalAccessToken;
use serde::Serialize;

/// The stored form of a session. The token only ever lives here and in the `Authorization`
/// header: never in a URL, a log line or a message.
#[derive(Clone, Default, PartialEq, Eq, Serialize, crate::base::json::FromJson)]
pub struct StoredSession {
    pub api_url: String,
    pub token: String,
}

impl std::fmt::Debug for StoredSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredSession")
            .field("api_url", &self.api_url)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// Normalises what the user typed as the API URL to a base without trailing slash or `/api`:
/// `https://api.netbird.io/api/` → `https://api.netbird.io`. Empty input means `default`.
/// The error is a message in the chosen language.
pub fn normalize_api_url(input: &str, default: &str) -> Result<String, String> {
    let mut url = input.trim();
    if url.is_empty() {
        url = default.trim();
    }
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(t(
            "Enter the management URL starting with https:// (or http:// for a local server).",
        ));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(t("The URL contains spaces."));
    }
    let scheme_end = url.find("://").map(|i| i + 3).unwrap_or(0);
    if url[scheme_end..].trim_matches('/').is_empty() {
        return Err(t("The URL has no host name."));
    }
    if url.contains('?') || url.contains('#') {
        return Err(t("Enter the server's address without ? or # parts."));
    }
    let mut out = url.trim_end_matches('/').to_string();
    // Drop a trailing `/api` path segment, never the host itself (`http://api` is a host).
    let stem_len = out.len().saturating_sub(4);
    if out.to_ascii_lowercase().ends_with("/api")
        && out
            .get(scheme_end..stem_len)
            .is_some_and(|host| !host.trim_matches('/').is_empty())
    {
        out.truncate(stem_len);
    }
    Ok(out.trim_end_matches('/').to_string())
}

/// Where to return after signing in: only a path inside the console. Anything else (another
/// origin, `//host`, `javascript:`) falls back to the home page.
pub fn safe_return_path(next: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.starts_with("/login")
        && !next.chars().any(|c| c.is_control());
    if ok {
        next.to_string()
    } else {
        "/".to_string()
    }
}

/// The token this session signs in with, among its user's tokens: the server marks a token used
/// on every request, so it is the one used last (the console has just used it).
pub fn current_token(tokens: &[PersonalAccessToken]) -> Option<&PersonalAccessToken> {
    tokens
        .iter()
        .filter_map(|t| Some((parse_rfc3339(&t.last_used)?, t)))
        .max_by_key(|(used, _)| *used)
        .map(|(_, t)| t)
}

/// The `exp` claim (seconds since the epoch) of a JWT, read without verifying it: only to tell
/// the user when the session will end. `None` for anything that is not a JWT with `exp`.
pub fn jwt_expiry(jwt: &str) -> Option<i64> {
    let payload = jwt.split('.').nth(1)?;
    #[derive(Default, crate::base::json::FromJson)]
    struct Claims {
        exp: Option<i64>,
    }
    crate::base::json::decode::<Claims>(&base64url_decode(payload)?)
        .ok()?
        .exp
}

fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes().take_while(|&c| c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// How soon the sign-in expires, for the top bar (in the chosen language).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpiryNote {
    pub text: String,
    /// Within [`EXPIRY_WARNING_DAYS`]: time to create a new token.
    pub warn: bool,
}

/// Warn this many days before the token expires.
pub const EXPIRY_WARNING_DAYS: i64 = 7;

pub fn expiry_note(expires_at: i64, now: i64) -> ExpiryNote {
    let left = expires_at.saturating_sub(now);
    // One whole sentence per unit and number form.
    let text = match left {
        l if l <= 0 => t("Token expired"),
        l if l < 120 => t("Token expires in 1 minute"),
        l if l < 3600 => tf(
            "Token expires in {n} minutes",
            &[("n", &(l / 60).to_string())],
        ),
        l if l < 2 * 3600 => t("Token expires in 1 hour"),
        l if l < 2 * 86_400 => tf(
            "Token expires in {n} hours",
            &[("n", &(l / 3600).to_string())],
        ),
        l => tf(
            "Token expires in {n} days",
            &[("n", &(l / 86_400).to_string())],
        ),
    };
    ExpiryNote {
        text,
        warn: left <= EXPIRY_WARNING_DAYS * 86_400,
    }
}

/// Whether a session idle since `last_activity_ms` has outlived `timeout_minutes` (0 = never).
pub fn idle_expired(last_activity_ms: f64, now_ms: f64, timeout_minutes: u32) -> bool {
    timeout_minutes > 0 && now_ms - last_activity_ms > f64::from(timeout_minutes) * 60_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_url_normalisation() {
        let d = "http://127.0.0.1:8080";
        assert_eq!(normalize_api_url("", d).unwrap(), "http://127.0.0.1:8080");
        assert_eq!(
            normalize_api_url("https://api.netbird.io", d).unwrap(),
            "https://api.netbird.io"
        );
        assert_eq!(
            normalize_api_url(" https://api.netbird.io/api/ ", d).unwrap(),
            "https://api.netbird.io"
        );
        assert_eq!(
            normalize_api_url("https://nb.example.com:33073/", d).unwrap(),
            "https://nb.example.com:33073"
        );
        assert_eq!(
            normalize_api_url("HTTPS://nb.example.com/API", d).unwrap(),
            "HTTPS://nb.example.com"
        );
        assert_eq!(
            normalize_api_url("https://example.com/netbird", d).unwrap(),
            "https://example.com/netbird"
        );
        assert!(normalize_api_url("api.netbird.io", d).is_err());
        assert!(normalize_api_url("https://", d).is_err());
        assert!(normalize_api_url("https://a b", d).is_err());
        assert!(normalize_api_url("javascript:alert(1)", d).is_err());
        assert!(normalize_api_url("https://x.io/?token=1", d).is_err());
    }

    #[test]
    fn a_host_named_api_is_kept() {
        // Found by tests/properties.rs: `http://api` (a host named api, e.g. a compose service)
        // lost its host to the `/api` suffix rule and became `http:`.
        let d = "http://127.0.0.1:8080";
        assert_eq!(normalize_api_url("http://api", d).unwrap(), "http://api");
        assert_eq!(normalize_api_url("https://API/", d).unwrap(), "https://API");
        assert_eq!(
            normalize_api_url("http://api/api/", d).unwrap(),
            "http://api"
        );
    }

    #[test]
    fn return_paths_stay_inside() {
        assert_eq!(
            safe_return_path("/routes?page=2&q=office"),
            "/routes?page=2&q=office"
        );
        assert_eq!(safe_return_path("/"), "/");
        for bad in [
            "",
            "https://evil.example",
            "//evil.example",
            "/\\evil",
            "javascript:alert(1)",
            "/login?next=/x",
        ] {
            assert_eq!(safe_return_path(bad), "/", "{bad}");
        }
    }

    #[test]
    fn debug_never_shows_the_token() {
        let s = StoredSession {
            api_url: "https://x".into(),
            token: "nbp_secret".into(),
        };
        assert!(!format!("{s:?}").contains("nbp_secret"));
    }

    fn pat(id: &str, last_used: &str) -> PersonalAccessToken {
        PersonalAccessToken {
            id: id.into(),
            last_used: last_used.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_current_token_is_the_one_used_last() {
        let tokens = [
            pat("old", "2026-11-01T10:00:00Z"),
            pat("never", ""),
            pat("now", "2026-11-23T10:00:05.123Z"),
            pat("earlier", "2026-11-23T09:59:00Z"),
        ];
        assert_eq!(current_token(&tokens).map(|t| t.id.as_str()), Some("now"));
        assert_eq!(current_token(&[pat("never", "")]), None);
        assert_eq!(current_token(&[]), None);
    }

    #[test]
    fn jwt_expiry_reads_exp_without_padding() {
        // {"alg":"none"} . {"sub":"u","exp":1795000000} . (no signature)
        let jwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1IiwiZXhwIjoxNzk1MDAwMDAwfQ.";
        assert_eq!(jwt_expiry(jwt), Some(1_795_000_000));
        assert_eq!(jwt_expiry("nbp_abc"), None);
        assert_eq!(jwt_expiry("a.!!!.c"), None);
        assert_eq!(jwt_expiry("a.eyJzdWIiOiJ1In0.c"), None, "no exp claim");
        assert_eq!(base64url_decode("aGk").as_deref(), Some(&b"hi"[..]));
        assert_eq!(base64url_decode("aGk=").as_deref(), Some(&b"hi"[..]));
    }

    #[test]
    fn expiry_notes_warn_a_week_ahead() {
        let now = 1_000_000_000;
        let day = 86_400;
        assert_eq!(
            expiry_note(now + 90 * day, now).text,
            "Token expires in 90 days"
        );
        assert!(!expiry_note(now + 90 * day, now).warn);
        let soon = expiry_note(now + 3 * day + 60, now);
        assert_eq!(
            (soon.text.as_str(), soon.warn),
            ("Token expires in 3 days", true)
        );
        assert_eq!(
            expiry_note(now + 7200, now).text,
            "Token expires in 2 hours"
        );
        assert_eq!(expiry_note(now + 30, now).text, "Token expires in 1 minute");
        assert_eq!(expiry_note(now - 5, now).text, "Token expired");
        assert!(expiry_note(i64::MIN, i64::MAX).warn);
    }

    #[test]
    fn idle_timeout() {
        assert!(!idle_expired(0.0, 1e12, 0), "0 means never");
        assert!(!idle_expired(1000.0, 1000.0 + 59_000.0, 1));
        assert!(idle_expired(1000.0, 1000.0 + 61_000.0, 1));
    }
}
