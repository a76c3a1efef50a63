//! Saved connections: several NetBird accounts (a label, the API URL, the token) kept to switch
//! between without signing in again. Pure: the browser layer (`ui::accounts`) keeps the list in
//! sessionStorage, or in localStorage for those signed in with "remember me".

use crate::base::json::FromJson;
use serde::Serialize;

/// One saved connection. `id` names the account (the API URL and the user), so a new token for
/// the same user replaces the old one and finds its place, drafts and language again.
#[derive(Clone, PartialEq, Eq, Default, Serialize, FromJson)]
pub struct Connection {
    pub id: String,
    pub label: String,
    pub api_url: String,
    pub token: String,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("id", &self.id)
            .field("label", &self.label)
            .field("api_url", &self.api_url)
            .finish_non_exhaustive()
    }
}

/// The ID of the account `user_id` at `api_url`: FNV-1a, in hex (stable, short, no secret).
pub fn connection_id(api_url: &str, user_id: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in api_url
        .trim_end_matches('/')
        .bytes()
        .chain([0])
        .chain(user_id.bytes())
    {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The label a connection gets when none is typed: who, at which host.
pub fn default_label(api_url: &str, who: &str) -> String {
    let host = api_url
        .split("://")
        .nth(1)
        .unwrap_or(api_url)
        .split('/')
        .next()
        .unwrap_or("");
    if who.is_empty() {
        host.to_string()
    } else {
        format!("{who} · {host}")
    }
}

/// `list` with `c` in place of the connection with its ID (or added at the end).
pub fn upsert(list: &mut Vec<Connection>, c: Connection) {
    match list.iter_mut().find(|x| x.id == c.id) {
        Some(x) => *x = c,
        None => list.push(c),
    }
}

/// Which of the top bar's colours marks the connection, so two accounts never look alike side
/// by side (the label says which one too).
pub fn tone(id: &str, list: &[Connection]) -> usize {
    list.iter().position(|c| c.id == id).unwrap_or(0) % TONES
}

/// How many top-bar colours there are (`account-tone-0` … in the stylesheet).
pub const TONES: usize = 6;

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: &str, token: &str) -> Connection {
        Connection {
            id: id.into(),
            label: id.into(),
            api_url: "https://nb.example".into(),
            token: token.into(),
        }
    }

    #[test]
    fn an_account_is_its_url_and_user() {
        let a = connection_id("https://nb.example", "u1");
        assert_eq!(
            a,
            connection_id("https://nb.example/", "u1"),
            "a trailing slash is the same URL"
        );
        assert_ne!(a, connection_id("https://nb.example", "u2"));
        assert_ne!(a, connection_id("https://other.example", "u1"));
        // The separator keeps the parts apart.
        assert_ne!(
            connection_id("https://a", "bc"),
            connection_id("https://ab", "c")
        );
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn a_new_token_for_the_same_account_replaces_the_old() {
        let mut list = vec![c("a", "t1"), c("b", "t2")];
        upsert(&mut list, c("a", "t3"));
        assert_eq!(list, vec![c("a", "t3"), c("b", "t2")]);
        upsert(&mut list, c("z", "t4"));
        assert_eq!(list.len(), 3);
        assert_eq!(tone("b", &list), 1);
        assert_eq!(tone("missing", &list), 0);
    }

    #[test]
    fn labels_name_who_and_where_and_debug_never_shows_the_token() {
        assert_eq!(
            default_label("https://nb.example:33073/x", "alice@x.io"),
            "alice@x.io · nb.example:33073"
        );
        assert_eq!(default_label("http://127.0.0.1:8080", ""), "127.0.0.1:8080");
        let shown = format!("{:?}", c("a", "nbp_secret"));
        assert!(!shown.contains("nbp_secret"), "{shown}");
    }
}
