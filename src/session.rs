//! What a signed-in session is made of, and the pure rules around it: the API URL a user typed,
//! where to go back to after signing in. The browser storage itself lives in `ui::session`.

use serde::{Deserialize, Serialize};

/// The stored form of a session. The token only ever lives here and in the `Authorization`
/// header: never in a URL, a log line or a message.
#[derive(Clone, PartialEq, Eq, Deserialize, Serialize)]
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
pub fn normalize_api_url(input: &str, default: &str) -> Result<String, &'static str> {
    let mut url = input.trim();
    if url.is_empty() {
        url = default.trim();
    }
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(
            "Enter the management URL starting with https:// (or http:// for a local server).",
        );
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("The URL contains spaces.");
    }
    let scheme_end = url.find("://").map(|i| i + 3).unwrap_or(0);
    if url[scheme_end..].trim_matches('/').is_empty() {
        return Err("The URL has no host name.");
    }
    if url.contains('?') || url.contains('#') {
        return Err("Enter the server's address without ? or # parts.");
    }
    let mut out = url.trim_end_matches('/').to_string();
    if out.to_ascii_lowercase().ends_with("/api") {
        out.truncate(out.len() - 4);
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
}
