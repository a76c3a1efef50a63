//! Search with qualifiers, for any table whose rows offer typed fields: `os:linux group:devs
//! version:<0.40.0 seen:>30d 100.92.0.0/16 laptop`, every term AND-ed. A plain word is a
//! case-insensitive substring of the row's text; `key:value` tests the row's field `key` as its
//! kind says; an address or CIDR tests the row's addresses. A term the table cannot answer (an
//! unknown key, a bad value) is reported as a problem, never silently dropped. Pure.

use crate::base::i18n::tf;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::net::IpAddr;

/// A version as its numeric parts: `0.40.1` → [0, 40, 1]; `0.40.1-dev` → [0, 40, 1]. Ordered
/// part by part, a missing part counting as 0 (`0.40` = `0.40.0`). Its first `PARTS` parts are
/// kept, in place: every peer's row has one (10,000 of them), and client versions have three.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version([u32; Version::PARTS]);

impl Version {
    /// How many parts count (`1.2.3.4.5` = `1.2.3.4`).
    pub const PARTS: usize = 4;

    /// `None` for text that does not start with a number (`development`, empty). A part stops at
    /// its first character that is not a digit, and the version with it; a part past
    /// `u32::MAX` ends the version before it.
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.trim().trim_start_matches(['v', 'V']);
        let mut parts = [0; Version::PARTS];
        let mut found = 0;
        for (slot, part) in parts.iter_mut().zip(text.split('.')) {
            let digits = part.bytes().take_while(u8::is_ascii_digit).count();
            let Ok(n) = part[..digits].parse::<u32>() else {
                break;
            };
            *slot = n;
            found += 1;
            if digits != part.len() {
                break;
            }
        }
        // Zeros fill the parts not given, so comparing all of them compares the versions.
        (found > 0).then_some(Version(parts))
    }
}

/// A typed value a row offers to qualified terms.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// Lower-cased text: `key:x` matches when it contains `x` (a word field: equals it). A
    /// fixed word (`online`) is borrowed, not copied.
    Text(Cow<'static, str>),
    /// Lower-cased names (a peer's groups): `key:x` matches when one of them is `x`.
    Names(Vec<String>),
    Version(Option<Version>),
    /// Seconds since it was last seen (0 while connected).
    Age(Option<i64>),
    /// The row's addresses, for address and CIDR terms.
    Addrs(Vec<IpAddr>),
}

/// What a qualifier's values are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free text, matched as a substring.
    Text,
    /// One of these words, matched whole.
    Word(&'static [&'static str]),
    /// A name out of a list, matched whole.
    Names,
    /// A version with an optional comparison: `<0.40.0`, `>=0.39`, `=0.40.1`.
    Version,
    /// A duration with a comparison: `>30d`, `<12h`, `>2w`.
    Age,
}

/// A `key:value` term a table understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Qualifier {
    pub key: &'static str,
    pub kind: Kind,
}

impl Qualifier {
    pub const fn new(key: &'static str, kind: Kind) -> Qualifier {
        Qualifier { key, kind }
    }
}

/// A comparison in a term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
}

impl Op {
    /// Splits a leading `<`, `<=`, `=`, `>=` or `>` off `text` (none: equality).
    fn split(text: &str) -> (Op, &str) {
        for (prefix, op) in [
            ("<=", Op::Le),
            (">=", Op::Ge),
            ("<", Op::Lt),
            (">", Op::Gt),
            ("=", Op::Eq),
        ] {
            if let Some(rest) = text.strip_prefix(prefix) {
                return (op, rest);
            }
        }
        (Op::Eq, text)
    }

    fn holds(self, o: Ordering) -> bool {
        match self {
            Op::Lt => o.is_lt(),
            Op::Le => o.is_le(),
            Op::Eq => o.is_eq(),
            Op::Ge => o.is_ge(),
            Op::Gt => o.is_gt(),
        }
    }
}

/// One parsed term.
#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    /// Lower-cased substring of the row's text.
    Text(String),
    /// `key:value` on a text, word or names field (`whole`: the value must equal one).
    Has {
        key: &'static str,
        value: String,
        whole: bool,
    },
    Version(&'static str, Op, Version),
    /// Seconds.
    Age(&'static str, Op, i64),
    /// Any of the row's addresses inside the network.
    Within(ipnet::IpNet),
}

/// A search box's text, parsed for one table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Search {
    pub terms: Vec<Term>,
    /// What could not be understood, one message per term; those terms match nothing, so a
    /// mistyped qualifier never quietly shows everything.
    pub problems: Vec<String>,
}

/// Whether `key` looks like a qualifier name (`os`, `last_seen`), not text with a colon.
fn is_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// `30d`, `12h`, `2w` in seconds.
fn duration(text: &str) -> Option<i64> {
    let unit = match text.chars().last()? {
        'h' => 3_600,
        'd' => 86_400,
        'w' => 7 * 86_400,
        _ => return None,
    };
    let n: i64 = text[..text.len() - 1].parse().ok()?;
    (n >= 0).then(|| n.saturating_mul(unit))
}

impl Search {
    /// Parses `q` for a table answering `qualifiers` (and address terms when `addresses`).
    /// Without qualifiers every term is plain text, as in any table.
    pub fn parse(q: &str, qualifiers: &[Qualifier], addresses: bool) -> Search {
        let mut search = Search::default();
        for token in q.split_whitespace() {
            let lower = token.to_lowercase();
            if addresses {
                if let Ok(net) = lower.parse::<ipnet::IpNet>() {
                    search.terms.push(Term::Within(net.trunc()));
                    continue;
                }
                if let Ok(addr) = lower.parse::<IpAddr>() {
                    search.terms.push(Term::Within(ipnet::IpNet::from(addr)));
                    continue;
                }
            }
            let qualified = lower
                .split_once(':')
                .filter(|(key, _)| !qualifiers.is_empty() && is_key(key));
            let Some((key, value)) = qualified else {
                search.terms.push(Term::Text(lower));
                continue;
            };
            match Search::qualified(key, value, qualifiers) {
                Ok(term) => search.terms.push(term),
                Err(problem) => search.problems.push(problem),
            }
        }
        search
    }

    fn qualified(key: &str, value: &str, qualifiers: &[Qualifier]) -> Result<Term, String> {
        let Some(q) = qualifiers.iter().find(|q| q.key == key) else {
            let known: Vec<String> = qualifiers.iter().map(|q| format!("{}:", q.key)).collect();
            return Err(tf(
                "Unknown qualifier \"{key}:\". Known: {known}",
                &[("key", key), ("known", &known.join(" "))],
            ));
        };
        let bad = |expected: &str| {
            tf(
                "\"{key}:{value}\" is not understood: {expected}",
                &[("key", key), ("value", value), ("expected", expected)],
            )
        };
        if value.is_empty() {
            return Err(tf(
                "\"{key}:\" needs a value after the colon.",
                &[("key", key)],
            ));
        }
        match q.kind {
            Kind::Text => Ok(Term::Has {
                key: q.key,
                value: value.to_string(),
                whole: false,
            }),
            Kind::Names => Ok(Term::Has {
                key: q.key,
                value: value.to_string(),
                whole: true,
            }),
            Kind::Word(words) => {
                if words.contains(&value) {
                    Ok(Term::Has {
                        key: q.key,
                        value: value.to_string(),
                        whole: true,
                    })
                } else {
                    Err(bad(&tf("one of {words}", &[("words", &words.join(", "))])))
                }
            }
            Kind::Version => {
                let (op, rest) = Op::split(value);
                Version::parse(rest)
                    .filter(|_| rest.starts_with(|c: char| c.is_ascii_digit()))
                    .map(|v| Term::Version(q.key, op, v))
                    .ok_or_else(|| {
                        bad(&tf(
                            "a version such as {example}",
                            &[("example", "<0.40.0")],
                        ))
                    })
            }
            Kind::Age => {
                let (op, rest) = Op::split(value);
                duration(rest)
                    .map(|secs| Term::Age(q.key, op, secs))
                    .ok_or_else(|| {
                        bad(&tf(
                            "a time such as {example} (h, d or w)",
                            &[("example", ">30d")],
                        ))
                    })
            }
        }
    }

    /// Whether nothing is asked.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.problems.is_empty()
    }

    /// Whether a row with this search text and these fields matches every term. A search with
    /// problems matches nothing.
    pub fn matches(&self, text: &str, fields: &[(&'static str, Field)]) -> bool {
        self.problems.is_empty() && self.terms.iter().all(|t| term_matches(t, text, fields))
    }
}

fn field<'a>(fields: &'a [(&'static str, Field)], key: &str) -> Option<&'a Field> {
    fields.iter().find(|(k, _)| *k == key).map(|(_, f)| f)
}

fn term_matches(term: &Term, text: &str, fields: &[(&'static str, Field)]) -> bool {
    match term {
        Term::Text(t) => text.contains(t.as_str()),
        Term::Has { key, value, whole } => match field(fields, key) {
            Some(Field::Text(s)) if *whole => s.as_ref() == value.as_str(),
            Some(Field::Text(s)) => s.contains(value.as_str()),
            Some(Field::Names(names)) => names.iter().any(|n| n == value),
            _ => false,
        },
        Term::Version(key, op, v) => match field(fields, key) {
            Some(Field::Version(Some(mine))) => op.holds(mine.cmp(v)),
            _ => false,
        },
        Term::Age(key, op, secs) => match field(fields, key) {
            Some(Field::Age(Some(age))) => op.holds(age.cmp(secs)),
            _ => false,
        },
        Term::Within(net) => fields.iter().any(|(_, f)| match f {
            Field::Addrs(addrs) => addrs.iter().any(|a| net.contains(a)),
            _ => false,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q: &[Qualifier] = &[
        Qualifier::new("os", Kind::Text),
        Qualifier::new("group", Kind::Names),
        Qualifier::new("status", Kind::Word(&["online", "offline"])),
        Qualifier::new("version", Kind::Version),
        Qualifier::new("seen", Kind::Age),
    ];

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    fn peer(
        os: &str,
        groups: &[&str],
        online: bool,
        version: &str,
        age: i64,
        ip: &str,
    ) -> Vec<(&'static str, Field)> {
        vec![
            ("os", Field::Text(os.to_lowercase().into())),
            (
                "group",
                Field::Names(groups.iter().map(|g| g.to_lowercase()).collect()),
            ),
            (
                "status",
                Field::Text(if online { "online" } else { "offline" }.into()),
            ),
            ("version", Field::Version(Version::parse(version))),
            ("seen", Field::Age(Some(age))),
            ("ip", Field::Addrs(vec![ip.parse().unwrap()])),
        ]
    }

    #[test]
    fn versions_compare_as_numbers_not_text() {
        assert!(v("0.9.0") < v("0.10.0"));
        assert!(v("0.40") == v("0.40.0"));
        assert!(v("0.40.1-dev") > v("0.40.0"));
        assert!(v("v1.2.3") == v("1.2.3"));
        assert!(v("1.2.3.4.5") == v("1.2.3.4.9"));
        assert!(v("4294967295.1") > v("4294967294.9"));
        // A part past u32::MAX ends the version: `1.<too big>` reads as `1`.
        assert!(v("1.4294967296") == v("1"));
        assert!(v("0.59.1") > v("0.59.0") && v("0.60") > v("0.59.99"));
        assert_eq!(Version::parse("development"), None);
        assert_eq!(Version::parse("4294967296"), None);
        assert_eq!(Version::parse(""), None);
    }

    #[test]
    fn qualifiers_are_anded_with_text() {
        let linux = peer(
            "Linux 6.1",
            &["devs", "All"],
            true,
            "0.39.2",
            0,
            "100.92.1.5",
        );
        let mac = peer(
            "Darwin 14.1",
            &["devs"],
            false,
            "0.41.0",
            40 * 86_400,
            "100.64.0.9",
        );
        let s = Search::parse("os:linux group:DEVS", Q, true);
        assert!(s.problems.is_empty());
        assert!(s.matches("laptop", &linux));
        assert!(!s.matches("laptop", &mac));
        let s = Search::parse("version:<0.40.0", Q, true);
        assert!(s.matches("", &linux) && !s.matches("", &mac));
        let s = Search::parse("version:>=0.41", Q, true);
        assert!(!s.matches("", &linux) && s.matches("", &mac));
        let s = Search::parse("seen:>30d status:offline", Q, true);
        assert!(!s.matches("", &linux) && s.matches("", &mac));
        let s = Search::parse("100.92.0.0/16 gw", Q, true);
        assert!(s.matches("gw-1", &linux));
        assert!(!s.matches("laptop", &linux), "text terms still count");
        assert!(!s.matches("gw-2", &mac));
        let s = Search::parse("100.64.0.9", Q, true);
        assert!(s.matches("", &mac) && !s.matches("", &linux));
        // A group name must be whole: "dev" is not "devs".
        assert!(!Search::parse("group:dev", Q, true).matches("", &linux));
    }

    #[test]
    fn ipv6_ranges_and_addresses_are_not_qualifiers() {
        let six = vec![("ip", Field::Addrs(vec!["2001:db8::7".parse().unwrap()]))];
        let s = Search::parse("2001:db8::/32", Q, true);
        assert!(s.problems.is_empty());
        assert!(s.matches("", &six));
        assert!(!Search::parse("2001:db9::/32", Q, true).matches("", &six));
        // A network written with host bits set still means its network.
        assert!(Search::parse("2001:db8::1/32", Q, true).matches("", &six));
    }

    #[test]
    fn what_is_not_understood_is_reported_and_matches_nothing() {
        let any = peer("Linux", &[], true, "0.40.0", 0, "100.64.0.1");
        for (q, needle) in [
            ("colour:red", "Unknown qualifier \"colour:\""),
            ("status:asleep", "one of online, offline"),
            ("version:<new", "a version"),
            ("seen:>30x", "a time"),
            ("os:", "needs a value"),
        ] {
            let s = Search::parse(q, Q, true);
            assert_eq!(s.problems.len(), 1, "{q}");
            assert!(s.problems[0].contains(needle), "{q}: {}", s.problems[0]);
            assert!(!s.matches("linux", &any), "{q}");
        }
        // The message lists what is known.
        assert!(
            Search::parse("x:1", Q, true).problems[0].contains("os: group: status: version: seen:")
        );
    }

    #[test]
    fn tables_without_qualifiers_search_plain_text() {
        let s = Search::parse("https://x 10.0.0.0/8", &[], false);
        assert!(s.problems.is_empty());
        assert_eq!(
            s.terms,
            vec![
                Term::Text("https://x".into()),
                Term::Text("10.0.0.0/8".into())
            ]
        );
        // Text with a colon that is not a key stays text in a table with qualifiers too.
        let s = Search::parse("a1:b", Q, false);
        assert_eq!(s.terms, vec![Term::Text("a1:b".into())]);
        assert!(Search::parse("   ", Q, true).is_empty());
    }
}
