//! URLs, pure: the base path the console is served under, percent-decoding, and the query
//! string decoded into pairs. Which page a path shows is `crate::registry`; the browser half
//! (history, link clicks) is `ui::router`.

/// The router base from a `<base href>` value: `/console/` → `/console`, `/` or none → ``.
/// Accepts an absolute URL too (`https://host/console/`).
pub fn base_path(base_href: Option<&str>) -> String {
    let Some(href) = base_href else {
        return String::new();
    };
    let path = match href.find("://") {
        Some(i) => href[i + 3..]
            .find('/')
            .map(|j| &href[i + 3 + j..])
            .unwrap_or(""),
        None => href,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') || path.starts_with("//") {
        return String::new();
    }
    path.trim_end_matches('/').to_string()
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
    fn base_paths() {
        assert_eq!(base_path(None), "");
        assert_eq!(base_path(Some("/")), "");
        assert_eq!(base_path(Some("/console/")), "/console");
        assert_eq!(base_path(Some("/a/b")), "/a/b");
        assert_eq!(base_path(Some("https://x.io/console/")), "/console");
        assert_eq!(base_path(Some("https://x.io")), "");
        assert_eq!(base_path(Some("./")), "");
        assert_eq!(base_path(Some("//evil/")), "");
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
