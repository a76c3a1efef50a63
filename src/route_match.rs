//! The console's URL space, pure: which page a path shows, and the query string decoded into
//! pairs. The browser half (history, link clicks) is `ui::router`.

/// Every page of the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Login,
    Home,
    Peers,
    Groups,
    Routes,
    /// `/routes/new` (`None`) or `/routes/<id>`.
    RouteForm(Option<String>),
    Policies,
    Dns,
    SetupKeys,
    Users,
    Events,
    Settings,
    NotFound,
}

impl Page {
    /// Pages inside the signed-in shell (everything but sign-in and not-found).
    pub fn in_shell(&self) -> bool {
        !matches!(self, Page::Login | Page::NotFound)
    }
}

/// The page for a path below the console's base (`/routes/abc`), query and fragment excluded.
/// A trailing slash is ignored.
pub fn match_path(path: &str) -> Page {
    let trimmed = path.trim_end_matches('/');
    let mut parts = trimmed.split('/').skip(1);
    match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) | (Some(""), None, _) => Page::Home,
        (Some("login"), None, _) => Page::Login,
        (Some("peers"), None, _) => Page::Peers,
        (Some("groups"), None, _) => Page::Groups,
        (Some("routes"), None, _) => Page::Routes,
        (Some("routes"), Some("new"), None) => Page::RouteForm(None),
        (Some("routes"), Some(id), None) if !id.is_empty() => {
            Page::RouteForm(Some(percent_decode(id)))
        }
        (Some("policies"), None, _) => Page::Policies,
        (Some("dns"), None, _) => Page::Dns,
        (Some("setup-keys"), None, _) => Page::SetupKeys,
        (Some("users"), None, _) => Page::Users,
        (Some("events"), None, _) => Page::Events,
        (Some("settings"), None, _) => Page::Settings,
        _ => Page::NotFound,
    }
}

/// Decodes `%XX` escapes and `+` (a space in query strings); malformed escapes stay as typed and
/// invalid UTF-8 becomes U+FFFD, so any input decodes.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                bytes.get(i + 1).and_then(|c| (*c as char).to_digit(16)),
                bytes.get(i + 2).and_then(|c| (*c as char).to_digit(16)),
            ) {
                (Some(hi), Some(lo)) => {
                    out.push((hi * 16 + lo) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `q=a%20b&page=2` (with or without the leading `?`) → `[("q", "a b"), ("page", "2")]`.
pub fn query_pairs(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(p), String::new()),
        })
        .collect()
}

/// The value of `key` in decoded pairs (the first one).
pub fn query_value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_to_pages() {
        assert_eq!(match_path(""), Page::Home);
        assert_eq!(match_path("/"), Page::Home);
        assert_eq!(match_path("/login"), Page::Login);
        assert_eq!(match_path("/peers/"), Page::Peers);
        assert_eq!(match_path("/routes/new"), Page::RouteForm(None));
        assert_eq!(
            match_path("/routes/c2qj%20x"),
            Page::RouteForm(Some("c2qj x".into()))
        );
        assert_eq!(match_path("/setup-keys"), Page::SetupKeys);
        assert_eq!(match_path("/routes/a/b"), Page::NotFound);
        assert_eq!(match_path("/nope"), Page::NotFound);
        assert_eq!(match_path("//peers"), Page::NotFound);
        assert!(Page::Peers.in_shell() && !Page::Login.in_shell() && !Page::NotFound.in_shell());
    }

    #[test]
    fn queries_decode() {
        assert_eq!(
            query_pairs("?q=a%20b+c&page=2&flag&=x"),
            vec![
                ("q".into(), "a b c".into()),
                ("page".into(), "2".into()),
                ("flag".into(), String::new()),
                (String::new(), "x".into()),
            ]
        );
        assert_eq!(percent_decode("%E2%9C%93 %zz %4"), "✓ %zz %4");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
        assert_eq!(
            query_value(&query_pairs("next=%2Froutes%3Fq%3Dx"), "next"),
            Some("/routes?q=x")
        );
    }
}
