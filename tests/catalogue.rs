#![cfg(not(target_arch = "wasm32"))]
//! The message catalogues (`public/i18n/<lang>.json`) against the code. The keys the console
//! uses are the English texts of every `t("…")` and `tf("…", …)` call under `src/` (found by a
//! small Rust lexer below: comments, `#[cfg(test)]` items and the inside of other string
//! literals are skipped), plus the texts that are plain data and translated where they are
//! shown: the column titles of the tables, their filters' labels, the route form's field labels
//! and the registry's section labels and nouns.
//!
//! Every catalogue must translate every key, hold no key the console no longer uses, and keep
//! each key's `{placeholders}` exactly. A failure prints the keys, one JSON string a line, ready
//! to copy.

use netbird_console::base::i18n::parse_catalogue;
use netbird_console::base::listing::{Column, Filter};
use netbird_console::registry::plural_noun;
use netbird_console::resources::names::Names;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

// ---- a lexer: just enough Rust to find the calls

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    /// A string literal's value (escapes decoded), of any kind: plain, raw, byte.
    Str(String),
    Punct(char),
    /// Numbers, char literals, lifetimes.
    Other,
}

/// The tokens of `src` with their line numbers. Errors on an unterminated literal or comment.
fn lex(src: &str) -> Result<Vec<(Tok, usize)>, String> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    while i < c.len() {
        let start_line = line;
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            loop {
                if i >= c.len() {
                    return Err(format!("line {start_line}: unterminated comment"));
                }
                if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if c[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if ch.is_alphabetic() || ch == '_' {
            let s = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let ident: String = c[s..i].iter().collect();
            let raw_prefix = matches!(ident.as_str(), "r" | "br" | "cr");
            if raw_prefix && (at(i) == '"' || at(i) == '#') {
                let mut hashes = 0;
                while at(i + hashes) == '#' {
                    hashes += 1;
                }
                if at(i + hashes) == '"' {
                    // A raw string: no escapes, ends at `"` and as many `#`.
                    i += hashes + 1;
                    let s = i;
                    loop {
                        if i >= c.len() {
                            return Err(format!("line {start_line}: unterminated raw string"));
                        }
                        if c[i] == '"' && (0..hashes).all(|k| at(i + 1 + k) == '#') {
                            break;
                        }
                        if c[i] == '\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                    out.push((Tok::Str(c[s..i].iter().collect()), start_line));
                    i += 1 + hashes;
                    continue;
                }
                if ident == "r" && hashes == 1 {
                    // A raw identifier: `r#type`.
                    let s = i + 1;
                    i = s;
                    while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                        i += 1;
                    }
                    out.push((Tok::Ident(c[s..i].iter().collect()), start_line));
                    continue;
                }
            }
            // `b"…"` and `c"…"` lex as this identifier and then a string: never a key.
            out.push((Tok::Ident(ident), start_line));
        } else if ch.is_ascii_digit() {
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push((Tok::Other, start_line));
        } else if ch == '"' {
            i += 1;
            let mut value = String::new();
            loop {
                let Some(&x) = c.get(i) else {
                    return Err(format!("line {start_line}: unterminated string"));
                };
                i += 1;
                match x {
                    '"' => break,
                    '\\' => {
                        let e = at(i);
                        i += 1;
                        match e {
                            'n' => value.push('\n'),
                            'r' => value.push('\r'),
                            't' => value.push('\t'),
                            '0' => value.push('\0'),
                            '\\' | '"' | '\'' => value.push(e),
                            'x' => {
                                let hex: String = c[i..(i + 2).min(c.len())].iter().collect();
                                let v = u32::from_str_radix(&hex, 16)
                                    .map_err(|_| format!("line {line}: bad \\x escape"))?;
                                value.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                                i += 2;
                            }
                            'u' => {
                                if at(i) != '{' {
                                    return Err(format!("line {line}: bad \\u escape"));
                                }
                                let close = (i..c.len())
                                    .find(|&k| c[k] == '}')
                                    .ok_or_else(|| format!("line {line}: bad \\u escape"))?;
                                let hex: String =
                                    c[i + 1..close].iter().filter(|&&d| d != '_').collect();
                                let v = u32::from_str_radix(&hex, 16)
                                    .map_err(|_| format!("line {line}: bad \\u escape"))?;
                                value.push(
                                    char::from_u32(v)
                                        .ok_or_else(|| format!("line {line}: bad \\u escape"))?,
                                );
                                i = close + 1;
                            }
                            // A line continuation: the newline and the white space after it go.
                            '\n' | '\r' => {
                                if e == '\n' {
                                    line += 1;
                                }
                                while i < c.len() && c[i].is_whitespace() {
                                    if c[i] == '\n' {
                                        line += 1;
                                    }
                                    i += 1;
                                }
                            }
                            other => return Err(format!("line {line}: unknown escape \\{other}")),
                        }
                    }
                    '\n' => {
                        line += 1;
                        value.push('\n');
                    }
                    x => value.push(x),
                }
            }
            out.push((Tok::Str(value), start_line));
        } else if ch == '\'' {
            if at(i + 1) == '\\' {
                // An escaped char literal: `'\''`, `'\n'`, `'\u{1f}'`.
                i += 3;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                // A lifetime or a label: `'static`, `'outer`.
                i += 1;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
            }
            out.push((Tok::Other, start_line));
        } else {
            out.push((Tok::Punct(ch), start_line));
            i += 1;
        }
    }
    Ok(drop_test_items(out))
}

fn punct(t: Option<&(Tok, usize)>, p: char) -> bool {
    matches!(t, Some((Tok::Punct(x), _)) if *x == p)
}

fn ident(t: Option<&(Tok, usize)>, name: &str) -> bool {
    matches!(t, Some((Tok::Ident(x), _)) if x == name)
}

/// The tokens without the items marked `#[cfg(test)]` (their texts are never shown).
fn drop_test_items(toks: Vec<(Tok, usize)>) -> Vec<(Tok, usize)> {
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let is_cfg_test = punct(toks.get(i), '#')
            && punct(toks.get(i + 1), '[')
            && ident(toks.get(i + 2), "cfg")
            && punct(toks.get(i + 3), '(')
            && ident(toks.get(i + 4), "test")
            && punct(toks.get(i + 5), ')')
            && punct(toks.get(i + 6), ']');
        if !is_cfg_test {
            out.push(toks[i].clone());
            i += 1;
            continue;
        }
        // Skip the item: up to its `;`, or its `{ … }` block.
        i += 7;
        while i < toks.len() && !punct(toks.get(i), '{') && !punct(toks.get(i), ';') {
            i += 1;
        }
        if punct(toks.get(i), '{') {
            let mut depth = 0;
            while i < toks.len() {
                if punct(toks.get(i), '{') {
                    depth += 1;
                } else if punct(toks.get(i), '}') {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                i += 1;
            }
        }
        i += 1;
    }
    out
}

/// One `t(…)` or `tf(…)` call.
#[derive(Debug)]
struct Call {
    func: &'static str,
    line: usize,
    /// The key, when it is a string literal.
    key: Option<String>,
    /// For `tf` with a literal `&[("name", …), …]`: the names given.
    args: Option<Vec<String>>,
}

/// Every call of `t` or `tf` (an identifier of its own, not a method, not the definition).
fn calls(toks: &[(Tok, usize)]) -> Vec<Call> {
    let mut out = Vec::new();
    for (i, (tok, line)) in toks.iter().enumerate() {
        let func = match tok {
            Tok::Ident(name) if name == "t" => "t",
            Tok::Ident(name) if name == "tf" => "tf",
            _ => continue,
        };
        let before = i.checked_sub(1).and_then(|b| toks.get(b));
        if !punct(toks.get(i + 1), '(') || ident(before, "fn") || punct(before, '.') {
            continue;
        }
        let literal = match toks.get(i + 2) {
            Some((Tok::Str(s), _)) => Some(s.clone()),
            _ => None,
        };
        // `t("…")`, also with rustfmt's trailing comma; `tf("…", args)`.
        let ends = match func {
            "t" => {
                punct(toks.get(i + 3), ')')
                    || (punct(toks.get(i + 3), ',') && punct(toks.get(i + 4), ')'))
            }
            _ => punct(toks.get(i + 3), ','),
        };
        let key = literal.filter(|_| ends);
        let args = if func == "tf" && key.is_some() {
            literal_arg_names(&toks[i + 4..])
        } else {
            None
        };
        out.push(Call {
            func,
            line: *line,
            key,
            args,
        });
    }
    out
}

/// The names of `&[("name", value), …]` at the start of `toks`, or `None` when the arguments
/// are not written out there.
fn literal_arg_names(toks: &[(Tok, usize)]) -> Option<Vec<String>> {
    if !punct(toks.first(), '&') || !punct(toks.get(1), '[') {
        return None;
    }
    let mut names = Vec::new();
    let mut depth = 0;
    for (k, (tok, _)) in toks.iter().enumerate().skip(1) {
        match tok {
            Tok::Punct('[' | '(' | '{') => {
                depth += 1;
                if depth == 2 && punct(toks.get(k), '(') {
                    match (toks.get(k + 1), toks.get(k + 2)) {
                        (Some((Tok::Str(name), _)), Some((Tok::Punct(','), _))) => {
                            names.push(name.clone())
                        }
                        _ => return None,
                    }
                }
            }
            Tok::Punct(']' | ')' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(names);
                }
            }
            _ if depth == 1 && !punct(toks.get(k), ',') => return None,
            _ => {}
        }
    }
    None
}

/// The `{name}` placeholders of a text, and whether every `{` and `}` belongs to one written
/// `{lowercase_name}`.
fn placeholders(text: &str) -> (BTreeSet<String>, bool) {
    let mut names = BTreeSet::new();
    let mut well_formed = true;
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            well_formed = false;
            rest = &rest[open + 1..];
            continue;
        }
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if close > 0
                    && after[..close]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    && after[..close].starts_with(|c: char| c.is_ascii_lowercase()) =>
            {
                names.insert(after[..close].to_string());
                rest = &after[close + 1..];
            }
            _ => {
                well_formed = false;
                rest = after;
            }
        }
    }
    (names, well_formed)
}

// ---- what the console uses

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// Every `t`/`tf` call under `src/`, with the file it is in (relative to the crate).
fn source_calls() -> Vec<(String, Call)> {
    let root = manifest_dir();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(!files.is_empty(), "no Rust files under src/");
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read a source file");
        let name = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .display()
            .to_string();
        let toks = lex(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        out.extend(calls(&toks).into_iter().map(|c| (name.clone(), c)));
    }
    out
}

/// The tables' column titles (the table translates them when rendering).
fn column_tables() -> Vec<(&'static str, &'static [Column])> {
    use netbird_console::resources::*;
    vec![
        ("NAMESERVER_COLUMNS", dns::rows::NAMESERVER_COLUMNS),
        ("EVENT_COLUMNS", event::rows::EVENT_COLUMNS),
        ("GROUP_COLUMNS", group::rows::GROUP_COLUMNS),
        ("PEER_COLUMNS", peer::rows::PEER_COLUMNS),
        ("POLICY_COLUMNS", policy::rows::POLICY_COLUMNS),
        (
            "POSTURE_CHECK_COLUMNS",
            posture_check::rows::POSTURE_CHECK_COLUMNS,
        ),
        ("ROUTE_COLUMNS", route::rows::ROUTE_COLUMNS),
        ("SETUP_KEY_COLUMNS", setup_key::rows::SETUP_KEY_COLUMNS),
        ("USER_COLUMNS", user::rows::USER_COLUMNS),
        ("ACCESS_COLUMNS", network::rows::ACCESS_COLUMNS),
    ]
}

/// The tables' filters (the table translates their labels when rendering; the option labels
/// are `t` calls of their own, or names).
fn filter_lists() -> Vec<(&'static str, Vec<Filter>)> {
    use netbird_console::resources::*;
    vec![
        ("group_filters", group::rows::group_filters()),
        ("peer_filters", peer::rows::peer_filters()),
        ("policy_filters", policy::rows::policy_filters(&[])),
        (
            "route_filters",
            route::rows::route_filters(&[], &Names::default()),
        ),
        ("setup_key_filters", setup_key::rows::setup_key_filters()),
        ("user_filters", user::rows::user_filters()),
        ("access_filters", network::rows::access_filters()),
        ("nameserver_filters", dns::rows::nameserver_filters()),
    ]
}

/// The fields of each request the stale-edit check compares, with their labels.
fn field_lists() -> Vec<(
    &'static str,
    &'static [netbird_console::base::stale::FieldSpec],
)> {
    use netbird_console::resources::*;
    vec![
        (
            "account::fields::SETTINGS_FIELDS",
            account::fields::SETTINGS_FIELDS,
        ),
        (
            "dns::validation::NAMESERVER_FIELDS",
            dns::validation::NAMESERVER_FIELDS,
        ),
        (
            "group::validation::GROUP_FIELDS",
            group::validation::GROUP_FIELDS,
        ),
        (
            "peer::validation::PEER_FIELDS",
            peer::validation::PEER_FIELDS,
        ),
        (
            "policy::validation::POLICY_FIELDS",
            policy::validation::POLICY_FIELDS,
        ),
        (
            "posture_check::validation::FIELDS",
            posture_check::validation::FIELDS,
        ),
        ("route::write::FIELDS", route::write::FIELDS),
        (
            "setup_key::validation::SETUP_KEY_FIELDS",
            setup_key::validation::SETUP_KEY_FIELDS,
        ),
        (
            "user::validation::USER_FIELDS",
            user::validation::USER_FIELDS,
        ),
    ]
}

/// Every key the console uses, with where it is used first.
fn used_keys() -> BTreeMap<String, String> {
    let mut keys = BTreeMap::new();
    for (file, call) in source_calls() {
        if let Some(key) = call.key {
            keys.entry(key)
                .or_insert_with(|| format!("{file}:{}", call.line));
        }
    }
    for (name, columns) in column_tables() {
        for c in columns {
            keys.entry(c.title.to_string())
                .or_insert_with(|| format!("column of {name}"));
        }
    }
    for (name, filters) in filter_lists() {
        for f in filters {
            keys.entry(f.label.to_string())
                .or_insert_with(|| format!("filter of {name}"));
        }
    }
    // The stale-edit panel translates each field's label.
    for (name, fields) in field_lists() {
        for f in fields {
            keys.entry(f.label.to_string())
                .or_insert_with(|| format!("field of {name}"));
        }
    }
    // The audit log's resource names and action words, looked up with a variable.
    for text in netbird_console::resources::event::activity::texts() {
        keys.entry(text.to_string())
            .or_insert_with(|| "event::activity::texts".to_string());
    }
    for e in netbird_console::registry::RESOURCES {
        keys.entry(e.label.to_string())
            .or_insert_with(|| "label in registry::RESOURCES".to_string());
        // The browser layer looks up `t(&plural_noun(noun, n))` (counts on the home page, the
        // table's search box): both forms of each noun are keys.
        for n in [1, 2] {
            keys.entry(plural_noun(e.noun, n))
                .or_insert_with(|| "noun in registry::RESOURCES".to_string());
        }
    }
    keys
}

fn catalogues() -> Vec<(String, std::collections::HashMap<String, String>)> {
    let dir = manifest_dir().join("public/i18n");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no catalogue in {}", dir.display());
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&path).expect("read a catalogue");
            let cat = parse_catalogue(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, cat)
        })
        .collect()
}

fn json(s: &str) -> String {
    serde_json::to_string(s).expect("a string is JSON")
}

// ---- the checks

#[test]
fn every_catalogue_translates_exactly_the_keys_in_use() {
    let used = used_keys();
    println!("The console uses {} keys.", used.len());
    let mut failures = Vec::new();
    for (name, cat) in catalogues() {
        let missing: Vec<&String> = used.keys().filter(|k| !cat.contains_key(*k)).collect();
        let mut unused: Vec<&String> = cat.keys().filter(|k| !used.contains_key(*k)).collect();
        unused.sort();
        let mut wrong: Vec<(&String, &String)> = cat
            .iter()
            .filter(|(k, v)| placeholders(k).0 != placeholders(v).0)
            .collect();
        wrong.sort();
        if !missing.is_empty() {
            println!(
                "\n{name}: {} keys are used but not translated (one JSON string a line):",
                missing.len()
            );
            for k in &missing {
                println!("{}", json(k));
            }
            failures.push(format!("{name}: {} missing", missing.len()));
        }
        if !unused.is_empty() {
            println!("\n{name}: {} keys are no longer used:", unused.len());
            for k in &unused {
                println!("{}", json(k));
            }
            failures.push(format!("{name}: {} unused", unused.len()));
        }
        if !wrong.is_empty() {
            println!(
                "\n{name}: {} translations do not keep their key's {{placeholders}}:",
                wrong.len()
            );
            for (k, v) in &wrong {
                println!("{}: {}", json(k), json(v));
            }
            failures.push(format!("{name}: {} with other placeholders", wrong.len()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("; "));
}

#[test]
fn calls_fill_exactly_their_keys_placeholders() {
    let mut problems = Vec::new();
    let mut dynamic = Vec::new();
    for (file, call) in source_calls() {
        let at = format!("{file}:{}", call.line);
        let Some(key) = &call.key else {
            dynamic.push(format!(
                "{at}: {}(…) with a key that is not a string literal",
                call.func
            ));
            continue;
        };
        let (names, well_formed) = placeholders(key);
        if !well_formed {
            problems.push(format!(
                "{at}: {} has a brace that is not a {{lowercase_name}}",
                json(key)
            ));
        }
        match (call.func, &call.args) {
            ("t", _) if !names.is_empty() => {
                problems.push(format!("{at}: t({}) has placeholders: use tf", json(key)))
            }
            ("tf", Some(args)) => {
                let given: BTreeSet<String> = args.iter().cloned().collect();
                if given != names || given.len() != args.len() {
                    problems.push(format!(
                        "{at}: tf({}) is given {args:?}, its placeholders are {names:?}",
                        json(key)
                    ));
                }
            }
            _ => {}
        }
    }
    // Not an error: these keys must reach the catalogue some other way (as the column titles,
    // filter labels, form field labels and section labels do, collected in `used_keys`).
    println!("Calls whose key is not a literal:");
    for d in &dynamic {
        println!("  {d}");
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn every_table_of_the_resources_is_collected() {
    // The column and filter lists `used_keys` imports must be all of them: a new table's
    // titles would otherwise never reach the catalogue.
    let root = manifest_dir().join("src/resources");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let (mut consts, mut filter_fns) = (BTreeSet::new(), BTreeSet::new());
    for path in files.iter().filter(|p| p.ends_with("rows.rs")) {
        let toks = lex(&std::fs::read_to_string(path).unwrap()).unwrap();
        for w in toks.windows(6) {
            let kinds: Vec<&Tok> = w.iter().map(|(t, _)| t).collect();
            if let [Tok::Ident(kw), Tok::Ident(name), Tok::Punct(':'), Tok::Punct('&'), Tok::Punct('['), Tok::Ident(ty)] =
                kinds.as_slice()
            {
                if kw == "const" && ty == "Column" {
                    consts.insert(name.clone());
                }
            }
            if let [Tok::Ident(kw), Tok::Ident(name), Tok::Punct('('), ..] = kinds.as_slice() {
                if kw == "fn" && name.ends_with("_filters") {
                    filter_fns.insert(name.clone());
                }
            }
        }
    }
    let imported: BTreeSet<String> = column_tables().iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        consts, imported,
        "column lists in src/resources/*/rows.rs vs. column_tables()"
    );
    // `route_state_filters` is part of `route_filters`.
    filter_fns.remove("route_state_filters");
    let imported: BTreeSet<String> = filter_lists().iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        filter_fns, imported,
        "filter lists in src/resources/*/rows.rs vs. filter_lists()"
    );
}

#[test]
fn the_lexer_reads_rust() {
    let src = r####"
        // t("in a comment")
        /* t("in a /* nested */ block") */
        fn t(text: &str) -> String { text.to_string() }
        let a = t("plain");
        let b = i18n::t("with \"quotes\", a \\ and\na newline \u{201c}x\u{201d} \x41");
        let c = tf("{n} of {total}", &[("n", &x.to_string()), ("total", &f(y, z))]);
        let d = t(r#"raw "one""#);
        let e = tf(r"raw {two}", args);
        let f = "t(\"inside a string\")";
        let g = 'x'; let h = '"'; let i = '\''; let j: &'static str = "";
        let k = x.t("method");
        let l = at("not t");
        let m = t("continued \
                   line");
        let m2 = t(
            "trailing comma",
        );
        let n = t(label);
        let o = r#type; let p = b"t(\"bytes\")"; let q = br#"t("raw bytes")"#;
        #[cfg(test)]
        mod tests { fn x() { t("test only"); } }
        let r = t("after the tests");
    "####;
    let toks = lex(src).unwrap();
    type Found<'a> = Vec<(&'a str, Option<String>, Option<Vec<String>>)>;
    let found: Found = calls(&toks)
        .into_iter()
        .map(|c| (c.func, c.key, c.args))
        .collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        found,
        vec![
            ("t", s("plain"), None),
            (
                "t",
                s("with \"quotes\", a \\ and\na newline \u{201c}x\u{201d} A"),
                None
            ),
            (
                "tf",
                s("{n} of {total}"),
                Some(vec!["n".to_string(), "total".to_string()])
            ),
            ("t", s("raw \"one\""), None),
            ("tf", s("raw {two}"), None),
            ("t", s("continued line"), None),
            ("t", s("trailing comma"), None),
            ("t", None, None),
            ("t", s("after the tests"), None),
        ]
    );
    assert_eq!(
        placeholders("{n} of {total}"),
        (["n", "total"].iter().map(|s| s.to_string()).collect(), true)
    );
    assert!(!placeholders("{N}").1 && !placeholders("a } b").1 && !placeholders("{}").1);
}
