//! Lists: the list state in the URL query, the table pipeline (search, filter, sort, page),
//! the page buttons, the rows a long page renders, and the export of a view to CSV and JSON.

use crate::common::{cidr, config, id, number_text, text};
use netbird_console::base::export;
use netbird_console::base::listing::{
    self, encode_query_value, page_window, virtual_window, Cell, Column, ListQuery, PageItem, Row,
    SortKey, DEFAULT_PAGE_SIZE, PAGE_SIZES, VIRTUAL_FROM, VIRTUAL_OVERSCAN,
};
use netbird_console::base::url::{percent_decode, query_pairs as url_query_pairs};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value};

// -------------------------------------------------------------------------------- consumers

/// Sorts by every column both ways and searches for the first cell's text.
pub(crate) fn exercise_rows(rows: &[Row], columns: &[Column]) {
    for c in columns {
        for desc in [false, true] {
            let q = ListQuery {
                sort: Some(c.key.to_string()),
                desc,
                ..ListQuery::default()
            };
            let l = listing::list(rows, columns, &q);
            assert_eq!(l.matching, rows.len());
        }
    }
    if let Some(first) = rows.first().and_then(|r| r.cells.first()) {
        let q = ListQuery::default().with_search(&first.text);
        let l = listing::list(rows, columns, &q);
        assert!(
            l.page_rows.contains(&0),
            "searching for the shown text {:?} must find its row",
            first.text
        );
    }
}

// ----------------------------------------------------------------------- query-string codec

/// Decodes a `?a=b&c=d` string the way a browser router does (percent-decoding, `+` as is).
fn decode_query(qs: &str) -> Vec<(String, String)> {
    fn unescape(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if b[i] == b'%' && i + 2 < b.len() {
                if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
            }
            out.push(b[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    qs.strip_prefix('?')
        .unwrap_or(qs)
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (unescape(k), unescape(v))
        })
        .collect()
}

const FILTER_KEYS: &[&str] = &["status", "os", "via", "group", "type", "enabled", "kind"];
const COLS: &[Column] = &[
    Column::new("name", "Name"),
    Column::numeric("n", "N"),
    Column::new("ip", "IP"),
    Column::new("when", "When"),
];

fn query_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    let k = prop_oneof![
        3 => select(vec!["page", "size", "sort", "q", "status", "os", "via", "group", "type"])
            .prop_map(String::from),
        1 => text(),
    ];
    let v = prop_oneof![
        2 => number_text(),
        2 => select(vec!["", "-", "--x", "-name", "name", "n", "-ip", "ip", "when", "on", "off",
                         "a", "1", "0", "10", "25", "50", "100", "1000"])
            .prop_map(String::from),
        2 => text(),
    ];
    vec((k, v), 0..12)
}

fn from_pairs(pairs: &[(String, String)]) -> ListQuery {
    ListQuery::from_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        FILTER_KEYS,
    )
}

/// Any list state, including ones no URL produces (page 0, size 0, huge numbers).
fn raw_query() -> impl Strategy<Value = ListQuery> {
    let n = prop_oneof![any::<usize>(), 0usize..30, select(vec![0, 1, usize::MAX])];
    (
        n.clone(),
        n,
        option::of(select(vec!["name", "n", "ip", "when", "x", ""]).prop_map(String::from)),
        any::<bool>(),
        prop_oneof!["[a-z0-9. ]{0,6}", text()],
        vec(
            (
                select(FILTER_KEYS).prop_map(String::from),
                select(vec!["on", "off", "a", ""]).prop_map(String::from),
            ),
            0..3,
        ),
    )
        .prop_map(|(page, size, sort, desc, q, filters)| ListQuery {
            page,
            size,
            sort,
            desc,
            q,
            filters,
        })
}

fn arb_rows() -> impl Strategy<Value = Vec<Row>> {
    let sort_key = prop_oneof![
        Just(SortKey::Empty),
        any::<i64>().prop_map(SortKey::Num),
        (-5i64..5).prop_map(SortKey::Num),
        text().prop_map(SortKey::Text),
        "[a-c]{0,2}".prop_map(SortKey::Text),
        Just(SortKey::Caseless),
    ];
    let cell = prop_oneof![
        (text(), sort_key, text()).prop_map(|(t, s, sub)| Cell::text(t).sorted_by(s).with_sub(sub)),
        "[a-c ]{0,4}".prop_map(Cell::text),
        "[a-cA-CÄä ]{0,4}".prop_map(Cell::text),
        text().prop_map(|t| Cell::ip(&t)),
        cidr().prop_map(|c| Cell::ip(c.split('/').next().unwrap_or(""))),
        any::<i64>().prop_map(|n| Cell::num(n, n.to_string())),
    ];
    let row = (
        id(),
        vec(cell, 0..5),
        vec(text(), 0..2),
        vec(
            (select(FILTER_KEYS), select(vec!["on", "off", "a", ""])),
            0..3,
        ),
    )
        .prop_map(|(id, cells, extra, facets)| {
            let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
            facets
                .into_iter()
                .fold(Row::new(id, cells, &extra), |r, (k, v)| r.facet(k, v))
        });
    vec(row, 0..40)
}

fn check_listing(rows: &[Row], q: &ListQuery) {
    let l = listing::list(rows, COLS, q);
    let size = q.size.max(1);
    assert!(l.pages >= 1 && (1..=l.pages).contains(&l.page), "{l:?}");
    assert!(l.matching <= rows.len());
    assert_eq!(l.pages, l.matching.div_ceil(size).max(1));
    assert!(l.page_rows.len() <= size);
    if l.page_rows.is_empty() {
        assert_eq!((l.first, l.last), (0, 0));
        assert_eq!(l.matching, 0);
    } else {
        assert_eq!(l.last - l.first + 1, l.page_rows.len());
        assert!(l.last <= l.matching);
    }
    // The first-page shortcut gives the same page from only the rows it asks for.
    if let Some(head) = listing::head_rows_needed(q, COLS) {
        let early = listing::list(&rows[..head.min(rows.len())], COLS, q);
        assert_eq!(
            (&early.page_rows, early.page, early.first, early.last),
            (&l.page_rows, l.page, l.first, l.last)
        );
    }
    let mut seen = l.page_rows.clone();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), l.page_rows.len(), "a row shown twice");
    let terms: Vec<String> = q.q.split_whitespace().map(str::to_lowercase).collect();
    for &i in &l.page_rows {
        let r = &rows[i];
        assert!(terms.iter().all(|t| r.search.contains(t.as_str())));
        for (k, v) in &q.filters {
            assert!(r.facets.iter().any(|(fk, fv)| fk == k && fv == v));
        }
    }
    // Sorted (within the page), empty cells last in both directions.
    if let Some(col) = q
        .sort
        .as_deref()
        .and_then(|s| COLS.iter().position(|c| c.key == s))
    {
        // The order a lower-cased copy of each text cell would give (`Caseless` sorts without one).
        let keys: Vec<Option<Key>> = l
            .page_rows
            .iter()
            .map(|&i| rows[i].cells.get(col).map(key))
            .collect();
        for w in keys.windows(2) {
            let empty = |k: &Option<Key>| matches!(k, None | Some(Key::Empty));
            match (empty(&w[0]), empty(&w[1])) {
                (true, false) => panic!("an empty cell sorted before a filled one"),
                (false, false) if q.desc => assert!(w[0] >= w[1]),
                (false, false) => assert!(w[0] <= w[1]),
                _ => {}
            }
        }
    }
}

/// A cell's sort key as an owned, ordered value: `SortKey` with the cell's own text lower-cased.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Empty,
    Num(i64),
    Text(String),
}

fn key(c: &Cell) -> Key {
    match &c.sort {
        SortKey::Empty => Key::Empty,
        SortKey::Num(n) => Key::Num(*n),
        SortKey::Text(t) => Key::Text(t.clone()),
        SortKey::Caseless => Key::Text(c.text.to_lowercase()),
    }
}

/// Reads CSV as RFC 4180 says (quoted fields, doubled quotes, CRLF line ends).
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            ',' if !quoted => record.push(std::mem::take(&mut field)),
            '\r' if !quoted && chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            c => field.push(c),
        }
    }
    assert!(
        field.is_empty() && record.is_empty() && !quoted,
        "a line without its CRLF"
    );
    records
}

/// The export of the whole view `q` asks for: every matching row (the page shown is a window
/// of them), in JSON and in CSV with the same fields, a formula-like text behind a `'`.
fn check_export(rows: &[Row], q: &ListQuery) -> Result<(), TestCaseError> {
    let all = listing::matching_rows(rows, COLS, q, &listing::Search::parse(&q.q, &[], false));
    let l = listing::list(rows, COLS, q);
    prop_assert_eq!(all.len(), l.matching);
    if !l.page_rows.is_empty() {
        prop_assert_eq!(&all[l.first - 1..l.last], &l.page_rows[..]);
    }
    let view: Vec<&Row> = all.iter().map(|&i| &rows[i]).collect();
    let text_of = |r: &Row, i: usize| r.cells.get(i).map_or(String::new(), |c| c.text.clone());
    let json: Value = serde_json::from_str(&export::json(COLS, &view)).expect("export JSON parses");
    let want: Vec<Value> = view
        .iter()
        .map(|r| {
            let mut m = Map::new();
            m.insert("id".into(), Value::String(r.id.clone()));
            for (i, c) in COLS.iter().enumerate() {
                m.insert(c.key.into(), Value::String(text_of(r, i)));
            }
            Value::Object(m)
        })
        .collect();
    prop_assert_eq!(json, Value::Array(want));
    let csv = export::csv(COLS, &view);
    prop_assert!(csv.starts_with('\u{feff}'), "no byte-order mark");
    let records = read_csv(&csv['\u{feff}'.len_utf8()..]);
    let shown = |s: String| {
        if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{s}")
        } else {
            s
        }
    };
    let header: Vec<String> = std::iter::once("id")
        .chain(COLS.iter().map(|c| c.title))
        .map(String::from)
        .collect();
    prop_assert_eq!(records.len(), view.len() + 1);
    prop_assert_eq!(&records[0], &header);
    for (r, record) in view.iter().zip(&records[1..]) {
        let want: Vec<String> = std::iter::once(r.id.clone())
            .chain((0..COLS.len()).map(|i| text_of(r, i)))
            .map(shown)
            .collect();
        prop_assert_eq!(record, &want);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(1024))]

    // ---- list state (URL query) and the table pipeline

    #[test]
    fn list_query_from_any_pairs(pairs in query_pairs()) {
        let q = from_pairs(&pairs);
        prop_assert!(q.page >= 1);
        prop_assert!(PAGE_SIZES.contains(&q.size));
        for (i, (k, _)) in q.filters.iter().enumerate() {
            prop_assert!(FILTER_KEYS.contains(&k.as_str()));
            prop_assert!(q.filters[..i].iter().all(|(other, _)| other != k), "filter {k} twice");
        }
        // The URL it writes reads back as the same state.
        let qs = q.to_query_string();
        prop_assert!(qs.is_empty() || qs.starts_with('?'));
        prop_assert!(qs.bytes().all(|b| b.is_ascii_graphic()), "{qs}");
        let back = decode_query(&qs);
        let again = from_pairs(&back);
        prop_assert_eq!(&again, &q, "{}", qs);
        // The console's own decoder (`+` as a space) reads it back the same.
        let pairs = url_query_pairs(&qs);
        let again = from_pairs(&pairs);
        prop_assert_eq!(&again, &q, "{}", qs);
        if q == ListQuery::default() {
            prop_assert_eq!(qs, "");
        }
    }

    #[test]
    fn list_state_transitions(pairs in query_pairs(), raw in raw_query(), size in any::<usize>(),
                              page in any::<usize>(), key in text(), value in text()) {
        for q in [from_pairs(&pairs), raw] {
            let s = q.with_size(size);
            prop_assert!(PAGE_SIZES.contains(&s.size) && s.page >= 1);
            let s = q.with_size(*PAGE_SIZES.last().unwrap_or(&DEFAULT_PAGE_SIZE));
            prop_assert!(s.page >= 1);
            prop_assert!(q.with_page(page).page >= 1);
            let t = q.toggled_sort(&key);
            prop_assert_eq!(t.sort.as_deref(), Some(key.as_str()));
            prop_assert_eq!(t.page, 1);
            prop_assert_eq!(q.with_search(&value).q, value.clone());
            let f = q.with_filter("status", &value);
            prop_assert_eq!(f.filter("status"), (!value.is_empty()).then_some(value.as_str()));
            // Only what differs from the defaults is written: nothing for the default state.
            let qs = q.to_query_string();
            prop_assert!(qs.is_empty() || qs.starts_with('?'), "{}", qs);
            prop_assert!(qs.bytes().all(|b| b.is_ascii_graphic()), "{}", qs);
            let default_state = q.q.is_empty() && q.filters.is_empty() && q.sort.is_none()
                && q.size == DEFAULT_PAGE_SIZE && q.page <= 1;
            prop_assert_eq!(qs.is_empty(), default_state, "{}", qs);
            // A search typed into any state reads back from the URL it writes (the codec itself
            // is checked on the whole value below).
            let typed: String = value.chars().take(64).collect();
            let searched = q.with_search(&typed).to_query_string();
            prop_assert_eq!(from_pairs(&decode_query(&searched)).q, typed);
        }
        // Percent-encoding leaves only unreserved characters and `%XX`, and decodes back.
        let encoded = encode_query_value(&value);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)),
                     "{}", encoded);
        prop_assert_eq!(percent_decode(&encoded), value.clone());
    }

    #[test]
    fn page_windows(current in prop_oneof![any::<usize>(), 0usize..20, Just(usize::MAX)],
                    pages in prop_oneof![any::<usize>(), 0usize..20, Just(usize::MAX)],
                    siblings in prop_oneof![0usize..4, Just(usize::MAX)]) {
        // A window of every page would be as long as `pages`: only ask that of small counts.
        let pages = if siblings > 1_000 { pages % 50 } else { pages };
        let w = page_window(current, pages, siblings);
        let last = pages.max(1);
        prop_assert_eq!(w.first(), Some(&PageItem::Page(1)));
        prop_assert_eq!(w.last(), Some(&PageItem::Page(last)));
        prop_assert!(w.contains(&PageItem::Page(current.clamp(1, last))));
        if siblings < 1_000 {
            prop_assert!(w.len() <= 2 * siblings + 5);
        }
        let mut prev: Option<usize> = None;
        let mut gap = false;
        for item in &w {
            match *item {
                PageItem::Gap => {
                    prop_assert!(!gap && prev.is_some(), "{w:?}");
                    gap = true;
                }
                PageItem::Page(p) => {
                    if let Some(q) = prev {
                        // A gap stands for two pages or more; otherwise pages are consecutive.
                        if gap {
                            prop_assert!(p > q && p - q >= 3, "{w:?}");
                        } else {
                            prop_assert_eq!(p, q + 1, "{:?}", w);
                        }
                    }
                    prev = Some(p);
                    gap = false;
                }
            }
        }
    }

    #[test]
    fn virtual_windows(len in prop_oneof![0usize..400, any::<usize>()],
                       top in prop_oneof![any::<f64>(), -1e5f64..100.0, Just(f64::NAN), Just(f64::NEG_INFINITY)],
                       viewport in prop_oneof![any::<f64>(), 0f64..2000.0, Just(f64::INFINITY)],
                       row in prop_oneof![any::<f64>(), 0f64..100.0, Just(f64::NAN)]) {
        let (start, end) = virtual_window(len, top, viewport, row);
        prop_assert!(start <= end && end <= len, "{}..{} of {}", start, end, len);
        if len <= VIRTUAL_FROM {
            prop_assert_eq!((start, end), (0, len));
        } else {
            // At most a 20,000-pixel viewport of rows at least 8 pixels high, and the overscan.
            prop_assert!(end - start <= 20_000 / 8 + 1 + 2 * VIRTUAL_OVERSCAN, "{}..{}", start, end);
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn list_pipeline(rows in arb_rows(), pairs in query_pairs(), raw in raw_query(),
                     sort in select(vec!["name", "n", "ip", "when"]), desc in any::<bool>(),
                     size in select(PAGE_SIZES), page in 0usize..5) {
        check_listing(&rows, &from_pairs(&pairs));
        check_listing(&rows, &raw);
        let sorted = ListQuery { sort: Some(sort.to_string()), desc, size, page, ..ListQuery::default() };
        check_listing(&rows, &sorted);
    }

    #[test]
    fn exports_of_any_view(rows in arb_rows(),
                           q in prop_oneof![query_pairs().prop_map(|p| from_pairs(&p)), raw_query()]) {
        check_export(&rows, &q)?;
    }
}
