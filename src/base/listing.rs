//! The pure half of the one table every list page uses: rows of plain display data, the list
//! state that lives in the URL query (page, size, sort, search, filters), and the search →
//! filter → sort → page pipeline. The view (`ui::table`) only renders what this computes.

pub use crate::base::search::{Field, Search};
use std::borrow::Cow;
use std::cmp::Ordering;

pub const PAGE_SIZES: &[usize] = &[10, 25, 50, 100, 1000];
pub const DEFAULT_PAGE_SIZE: usize = 25;

/// How a cell sorts: numbers (and IPv4 addresses) numerically, the rest by lower-cased text.
/// Cells of one column sort by `Cell::sort_value`: an empty cell, then numbers, then text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortKey {
    Empty,
    Num(i64),
    /// This lower-cased text (a key other than the cell's own text).
    Text(String),
    /// The cell's own text, compared without regard to case. What a text cell sorts by: a
    /// list of 10,000 peers would otherwise hold 60,000 lower-cased copies of its cells.
    Caseless,
}

/// A cell's `SortKey` as the sort compares it, made only while a column is sorted.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortValue<'a> {
    Empty,
    Num(i64),
    Text(Cow<'a, str>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Neutral,
    Good,
    Warn,
    Bad,
    Info,
}

impl Tone {
    pub fn class(self) -> &'static str {
        match self {
            Tone::Neutral => "badge",
            Tone::Good => "badge badge--good",
            Tone::Warn => "badge badge--warn",
            Tone::Bad => "badge badge--bad",
            Tone::Info => "badge badge--info",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellStyle {
    Plain,
    Strong,
    Mono,
    Muted,
    Badge(Tone),
}

/// One cell: the text shown (always rendered as text, never as HTML), how it sorts, how it looks.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    pub sort: SortKey,
    pub style: CellStyle,
    /// A tooltip with the full value (e.g. an exact timestamp).
    pub title: Option<String>,
    /// Secondary line under the text.
    pub sub: Option<String>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        let sort = if text.is_empty() {
            SortKey::Empty
        } else {
            SortKey::Caseless
        };
        Cell::sorted(text, sort)
    }
    /// A number shown as `shown`, sorted by `n`.
    pub fn num(n: i64, shown: impl Into<String>) -> Cell {
        Cell::sorted(shown, SortKey::Num(n))
    }
    /// A count shown as `shown`, sorted by it (a count past `i64::MAX`, none in practice,
    /// sorts as `i64::MAX`).
    pub fn count(n: u64, shown: impl Into<String>) -> Cell {
        Cell::num(i64::try_from(n).unwrap_or(i64::MAX), shown)
    }
    /// `text`, sorted by `sort` (no lower-cased copy of it is made only to be replaced).
    pub fn sorted(text: impl Into<String>, sort: SortKey) -> Cell {
        Cell {
            text: text.into(),
            sort,
            style: CellStyle::Plain,
            title: None,
            sub: None,
        }
    }
    /// An IP address: IPv4 sorts numerically.
    pub fn ip(ip: &str) -> Cell {
        let sort = match ip.parse::<std::net::Ipv4Addr>() {
            Ok(v4) => SortKey::Num(i64::from(u32::from(v4))),
            Err(_) if ip.is_empty() => SortKey::Empty,
            Err(_) => SortKey::Caseless,
        };
        Cell::sorted(ip, sort).mono()
    }
    /// What this cell sorts by among the cells of its column: empty cells first, then
    /// numbers, then text in lower case (borrowed where it is already, as most names are).
    pub fn sort_value(&self) -> SortValue<'_> {
        match &self.sort {
            SortKey::Empty => SortValue::Empty,
            SortKey::Num(n) => SortValue::Num(*n),
            SortKey::Text(t) => SortValue::Text(Cow::Borrowed(t)),
            SortKey::Caseless
                if self
                    .text
                    .bytes()
                    .any(|b| !b.is_ascii() || b.is_ascii_uppercase()) =>
            {
                SortValue::Text(Cow::Owned(self.text.to_lowercase()))
            }
            SortKey::Caseless => SortValue::Text(Cow::Borrowed(&self.text)),
        }
    }
    pub fn sorted_by(mut self, sort: SortKey) -> Cell {
        self.sort = sort;
        self
    }
    pub fn strong(mut self) -> Cell {
        self.style = CellStyle::Strong;
        self
    }
    pub fn mono(mut self) -> Cell {
        self.style = CellStyle::Mono;
        self
    }
    pub fn muted(mut self) -> Cell {
        self.style = CellStyle::Muted;
        self
    }
    pub fn badge(mut self, tone: Tone) -> Cell {
        self.style = CellStyle::Badge(tone);
        self
    }
    pub fn titled(mut self, title: impl Into<String>) -> Cell {
        self.title = Some(title.into());
        self
    }
    pub fn with_sub(mut self, sub: impl Into<String>) -> Cell {
        let sub = sub.into();
        if !sub.is_empty() {
            self.sub = Some(sub);
        }
        self
    }
}

/// A row: its stable id (the resource id), its cells in column order, a precomputed lower-case
/// search text, and the facet values its filters match on.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: String,
    pub cells: Vec<Cell>,
    pub search: String,
    /// A fixed word (`online`) is borrowed, not copied: a list of 10,000 peers has 30,000.
    pub facets: Vec<(&'static str, Cow<'static, str>)>,
    /// Typed values for qualified search terms (`os:linux`), in tables that offer them.
    pub fields: Vec<(&'static str, Field)>,
}

/// Appends `text` in lower case: in place for ASCII text (nearly all of it), without the
/// temporary string `to_lowercase` makes; a list of 10,000 peers builds 150,000 of them.
fn push_lowercase(out: &mut String, text: &str) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&text.to_lowercase());
    }
}

impl Row {
    /// Builds a row; the search text is every cell's text and sub-line plus `extra_search`.
    pub fn new(id: impl Into<String>, cells: Vec<Cell>, extra_search: &[&str]) -> Row {
        // Plain loops: built for each of 10,000 peers, mostly before the browser has optimised
        // the code, where each adapter of an iterator chain is a call of its own.
        let mut room = 0;
        for c in &cells {
            room += c.text.len() + 1 + c.sub.as_ref().map_or(0, |s| s.len() + 1);
        }
        for text in extra_search {
            room += text.len() + 1;
        }
        let mut search = String::with_capacity(room);
        let mut add = |text: &str| {
            push_lowercase(&mut search, text);
            search.push('\u{1f}');
        };
        for c in &cells {
            add(&c.text);
            if let Some(sub) = &c.sub {
                add(sub);
            }
        }
        for text in extra_search {
            add(text);
        }
        Row {
            id: id.into(),
            cells,
            search,
            facets: Vec::new(),
            fields: Vec::new(),
        }
    }
    pub fn field(mut self, key: &'static str, value: Field) -> Row {
        self.fields.push((key, value));
        self
    }
    /// Room for `facets` facets and `fields` fields, for a row that adds that many.
    pub fn with_capacity(mut self, facets: usize, fields: usize) -> Row {
        self.facets.reserve_exact(facets);
        self.fields.reserve_exact(fields);
        self
    }
    pub fn facet(mut self, key: &'static str, value: impl Into<Cow<'static, str>>) -> Row {
        self.facets.push((key, value.into()));
        self
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    /// The key used in the URL (`sort=name`).
    pub key: &'static str,
    pub title: &'static str,
    pub numeric: bool,
}

impl Column {
    pub const fn new(key: &'static str, title: &'static str) -> Column {
        Column {
            key,
            title,
            numeric: false,
        }
    }
    pub const fn numeric(key: &'static str, title: &'static str) -> Column {
        Column {
            key,
            title,
            numeric: true,
        }
    }
}

/// The columns hidden in a table, as stored (`"groups,owner"`): the keys of `columns` it
/// names, in table order, never the first (a row's name, which stays in view). Unknown keys
/// (a column since renamed or removed) are dropped.
pub fn hidden_columns(stored: &str, columns: &[Column]) -> Vec<&'static str> {
    columns
        .iter()
        .skip(1)
        .map(|c| c.key)
        .filter(|key| stored.split(',').any(|s| s.trim() == *key))
        .collect()
}

/// The table's `data-hide` tokens for `hidden` columns: `c<n>` for each, `n` the column's
/// place among the row's cells from 1 (`offset` cells come before the first column: a
/// selection checkbox). The stylesheet hides `c2` to `c12`.
pub fn hidden_tokens(hidden: &[&str], columns: &[Column], offset: usize) -> String {
    columns
        .iter()
        .enumerate()
        .filter(|(_, c)| hidden.contains(&c.key))
        .map(|(i, _)| format!("c{}", i + 1 + offset))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a table's search understands beyond plain words: its qualifiers (`os:linux`) and
/// whether an address or CIDR term tests the rows' addresses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SearchSpec {
    pub qualifiers: &'static [crate::base::search::Qualifier],
    pub addresses: bool,
}

impl SearchSpec {
    pub fn parse(self, q: &str) -> Search {
        Search::parse(q, self.qualifiers, self.addresses)
    }
}

/// A filter control: a URL key and its options as (value, label).
#[derive(Clone, Debug, PartialEq)]
pub struct Filter {
    pub key: &'static str,
    pub label: &'static str,
    pub options: Vec<(String, String)>,
}

/// The table state, as it is in the URL query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    /// 1-based.
    pub page: usize,
    pub size: usize,
    pub sort: Option<String>,
    pub desc: bool,
    pub q: String,
    /// (filter key, value), in filter order.
    pub filters: Vec<(String, String)>,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            page: 1,
            size: DEFAULT_PAGE_SIZE,
            sort: None,
            desc: false,
            q: String::new(),
            filters: Vec::new(),
        }
    }
}

impl ListQuery {
    /// Reads the state from decoded query pairs. Unknown keys and bad values are ignored, so
    /// any URL gives a valid state.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        filter_keys: &[&str],
    ) -> ListQuery {
        let mut q = ListQuery::default();
        for (k, v) in pairs {
            match k {
                "page" => q.page = v.parse::<usize>().ok().filter(|p| *p >= 1).unwrap_or(1),
                "size" => {
                    q.size = v
                        .parse::<usize>()
                        .ok()
                        .filter(|s| PAGE_SIZES.contains(s))
                        .unwrap_or(DEFAULT_PAGE_SIZE)
                }
                "sort" if !v.is_empty() => {
                    let (desc, key) = match v.strip_prefix('-') {
                        Some(key) => (true, key),
                        None => (false, v),
                    };
                    q.sort = Some(key.to_string());
                    q.desc = desc;
                }
                "q" => q.q = v.to_string(),
                _ if filter_keys.contains(&k) && !v.is_empty() => {
                    q.filters.retain(|(fk, _)| fk != k);
                    q.filters.push((k.to_string(), v.to_string()));
                }
                _ => {}
            }
        }
        q
    }

    /// The query string (`?q=a&page=2`), listing only what differs from the defaults, so that
    /// shared links stay short. Empty when everything is default.
    pub fn to_query_string(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode_query_value(&self.q)));
        }
        for (k, v) in &self.filters {
            parts.push(format!(
                "{}={}",
                encode_query_value(k),
                encode_query_value(v)
            ));
        }
        if let Some(s) = &self.sort {
            let dash = if self.desc { "-" } else { "" };
            parts.push(format!("sort={dash}{}", encode_query_value(s)));
        }
        if self.size != DEFAULT_PAGE_SIZE {
            parts.push(format!("size={}", self.size));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    pub fn filter(&self, key: &str) -> Option<&str> {
        self.filters
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The state after clicking a column header: ascending, then descending, then ascending.
    pub fn toggled_sort(&self, key: &str) -> ListQuery {
        let desc = self.sort.as_deref() == Some(key) && !self.desc;
        ListQuery {
            sort: Some(key.to_string()),
            desc,
            page: 1,
            ..self.clone()
        }
    }
    pub fn with_page(&self, page: usize) -> ListQuery {
        ListQuery {
            page: page.max(1),
            ..self.clone()
        }
    }
    pub fn with_size(&self, size: usize) -> ListQuery {
        let size = if PAGE_SIZES.contains(&size) {
            size
        } else {
            DEFAULT_PAGE_SIZE
        };
        // Keep the first visible row on screen.
        // Saturating: `page` comes from the URL and may be huge.
        let first = self.page.saturating_sub(1).saturating_mul(self.size);
        ListQuery {
            size,
            page: first / size + 1,
            ..self.clone()
        }
    }
    pub fn with_search(&self, q: &str) -> ListQuery {
        ListQuery {
            q: q.to_string(),
            page: 1,
            ..self.clone()
        }
    }
    pub fn with_filter(&self, key: &str, value: &str) -> ListQuery {
        let mut next = ListQuery {
            page: 1,
            ..self.clone()
        };
        next.filters.retain(|(k, _)| k != key);
        if !value.is_empty() {
            next.filters.push((key.to_string(), value.to_string()));
        }
        next
    }
}

/// Percent-encodes a query value (everything but RFC 3986 unreserved characters).
pub fn encode_query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The result of the pipeline for one page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    /// Indices into the row slice, for the rows of the current page, in display order.
    pub page_rows: Vec<usize>,
    /// How many rows match the search and filters.
    pub matching: usize,
    /// The current page after clamping (1-based), and the number of pages (at least 1).
    pub page: usize,
    pub pages: usize,
    /// 1-based positions of the first and last row shown (0 and 0 when none).
    pub first: usize,
    pub last: usize,
}

/// Search → filter → sort → paginate, in a table without qualifiers: search terms are AND-ed,
/// case-insensitive substrings.
pub fn list(rows: &[Row], columns: &[Column], q: &ListQuery) -> Listing {
    list_searched(rows, columns, q, &Search::parse(&q.q, &[], false))
}

/// Search → filter → sort → paginate, with `q`'s search already parsed for the table.
pub fn list_searched(rows: &[Row], columns: &[Column], q: &ListQuery, search: &Search) -> Listing {
    let matched = matching_rows(rows, columns, q, search);
    let matching = matched.len();
    let size = q.size.max(1);
    let pages = matching.div_ceil(size).max(1);
    let page = q.page.clamp(1, pages);
    let start = (page - 1) * size;
    let end = (start + size).min(matching);
    let page_rows = matched
        .get(start..end)
        .map(<[usize]>::to_vec)
        .unwrap_or_default();
    let (first, last) = if page_rows.is_empty() {
        (0, 0)
    } else {
        (start + 1, end)
    };
    Listing {
        page_rows,
        matching,
        page,
        pages,
        first,
        last,
    }
}

/// Every row the view shows across its pages (search → filter → sort, no pagination), as
/// indices into `rows` in display order: what "select all matching" and export take.
pub fn matching_rows(
    rows: &[Row],
    columns: &[Column],
    q: &ListQuery,
    search: &Search,
) -> Vec<usize> {
    let mut matched: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| search.matches(&r.search, &r.fields))
        .filter(|(_, r)| {
            q.filters
                .iter()
                .all(|(k, v)| r.facets.iter().any(|(fk, fv)| fk == k && fv == v))
        })
        .map(|(i, _)| i)
        .collect();
    if let Some(col) = q
        .sort
        .as_deref()
        .and_then(|s| columns.iter().position(|c| c.key == s))
    {
        // Each cell's value once (a lower-cased copy only of text that is not already), not
        // twice in each of the sort's comparisons.
        let values: Vec<Option<SortValue>> = matched
            .iter()
            .map(|&i| rows[i].cells.get(col).map(Cell::sort_value))
            .collect();
        let mut order: Vec<usize> = (0..matched.len()).collect();
        crate::base::sort::sort_indices(&mut order, &|a, b| {
            let (a, b) = (&values[a], &values[b]);
            // Empty cells last in both directions.
            let empty = |v: &Option<SortValue>| matches!(v, None | Some(SortValue::Empty));
            match (empty(a), empty(b)) {
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                _ if q.desc => b.cmp(a),
                _ => a.cmp(b),
            }
        });
        matched = order.into_iter().map(|p| matched[p]).collect();
    }
    matched
}

impl Default for Listing {
    /// Nothing to show: one empty page.
    fn default() -> Listing {
        Listing {
            page_rows: Vec::new(),
            matching: 0,
            page: 1,
            pages: 1,
            first: 0,
            last: 0,
        }
    }
}

/// How many leading rows (in the server's order) are enough to show the page `q` asks for, when
/// that page is the first one, unsearched, unfiltered and unsorted: `list` over just those rows
/// gives the same page. `None` when the page needs every row. A long list shows its first page
/// from these while the rest is still arriving.
pub fn head_rows_needed(q: &ListQuery, columns: &[Column]) -> Option<usize> {
    let sorted = q
        .sort
        .as_deref()
        .is_some_and(|s| columns.iter().any(|c| c.key == s));
    let plain = q.page <= 1 && q.q.trim().is_empty() && q.filters.is_empty() && !sorted;
    plain.then_some(q.size.max(1))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageItem {
    Page(usize),
    Gap,
}

/// Pages longer than this render only the rows near the viewport, between two spacers.
pub const VIRTUAL_FROM: usize = 100;
/// Rows rendered beyond each edge of the viewport.
pub const VIRTUAL_OVERSCAN: usize = 15;

/// Which rows of a page of `len` to render, as `start..end`: those within the viewport plus
/// the overscan. `top_px` is where the page's first row would start, relative to the top of
/// the viewport (negative when scrolled past); `row_px` is the measured average row height.
/// Short pages render whole.
pub fn virtual_window(len: usize, top_px: f64, viewport_px: f64, row_px: f64) -> (usize, usize) {
    if len <= VIRTUAL_FROM {
        return (0, len);
    }
    let row = if row_px.is_finite() && row_px >= 8.0 {
        row_px
    } else {
        48.0
    };
    let above = if top_px.is_finite() {
        (-top_px).max(0.0)
    } else {
        0.0
    };
    let viewport = if viewport_px.is_finite() {
        viewport_px.clamp(0.0, 20_000.0)
    } else {
        1000.0
    };
    // Float-to-int casts saturate, so huge offsets land at the end.
    let first = ((above / row) as usize).min(len);
    let shown = (viewport / row).ceil() as usize + 1;
    let start = first.saturating_sub(VIRTUAL_OVERSCAN);
    let end = first
        .saturating_add(shown)
        .saturating_add(VIRTUAL_OVERSCAN)
        .min(len);
    (start.min(end), end)
}

/// The page buttons: first, last, and `siblings` on each side of the current page, with gaps.
pub fn page_window(current: usize, pages: usize, siblings: usize) -> Vec<PageItem> {
    let pages = pages.max(1);
    let current = current.clamp(1, pages);
    let lo = current.saturating_sub(siblings).max(1);
    let hi = current.saturating_add(siblings).min(pages);
    let mut out = Vec::new();
    let push_range = |from: usize, to: usize, out: &mut Vec<PageItem>| {
        for p in from..=to {
            out.push(PageItem::Page(p));
        }
    };
    if lo > 1 {
        out.push(PageItem::Page(1));
        if lo == 3 {
            out.push(PageItem::Page(2));
        } else if lo > 3 {
            out.push(PageItem::Gap);
        }
    }
    push_range(lo, hi, &mut out);
    if hi < pages {
        if hi == pages - 2 {
            out.push(PageItem::Page(pages - 1));
        } else if hi < pages - 2 {
            out.push(PageItem::Gap);
        }
        out.push(PageItem::Page(pages));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use PageItem::{Gap, Page};

    #[test]
    fn hidden_columns_are_known_keys_in_table_order_never_the_first() {
        const COLS: &[Column] = &[
            Column::new("name", "Name"),
            Column::new("ip", "Address"),
            Column::new("groups", "Groups"),
            Column::new("owner", "Owner"),
        ];
        assert_eq!(hidden_columns("owner, ip", COLS), ["ip", "owner"]);
        assert_eq!(hidden_columns("name,gone,,groups", COLS), ["groups"]);
        assert!(hidden_columns("", COLS).is_empty());
        assert_eq!(hidden_tokens(&["ip", "owner"], COLS, 0), "c2 c4");
        assert_eq!(hidden_tokens(&["ip", "owner"], COLS, 1), "c3 c5");
        assert_eq!(hidden_tokens(&[], COLS, 1), "");
    }

    /// Rows are built by the ten thousand: their cells are allocated with the allocator's
    /// plain alignment (8 bytes). A wider one (an `i128` key) sends each row's cells through
    /// the slower aligned allocation (`memalign`), with padding.
    #[test]
    fn cells_and_rows_need_no_more_than_the_allocators_plain_alignment() {
        assert!(std::mem::align_of::<Cell>() <= 8);
        assert!(std::mem::align_of::<Row>() <= 8);
        assert!(std::mem::align_of::<Field>() <= 8);
    }

    #[test]
    fn a_rows_search_text_is_each_text_lowercased_in_order_ascii_or_not() {
        let row = Row::new(
            "id",
            vec![
                Cell::text("Web-GW").with_sub("DE".to_string()),
                Cell::text("Straße İSTANBUL ÄÖ"),
                Cell::text(""),
            ],
            &["HOST-1", "Ω"],
        );
        let expected = ["web-gw", "de", "Straße İSTANBUL ÄÖ", "", "host-1", "Ω"]
            .iter()
            .map(|s| s.to_lowercase() + "\u{1f}")
            .collect::<String>();
        assert_eq!(row.search, expected);
        assert!(row
            .search
            .starts_with("web-gw\u{1f}de\u{1f}straße i\u{307}stanbul äö\u{1f}"));
    }

    const COLS: &[Column] = &[
        Column::new("name", "Name"),
        Column::numeric("metric", "Metric"),
        Column::new("ip", "IP"),
    ];

    #[test]
    fn only_the_plain_first_page_can_be_shown_from_the_head() {
        let q = |s: &str| {
            let pairs = crate::base::url::query_pairs(s);
            ListQuery::from_pairs(
                pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                &["type"],
            )
        };
        assert_eq!(head_rows_needed(&q(""), COLS), Some(DEFAULT_PAGE_SIZE));
        assert_eq!(head_rows_needed(&q("size=1000&page=1"), COLS), Some(1000));
        // An unknown sort key sorts nothing, and blank search terms search nothing.
        assert_eq!(head_rows_needed(&q("sort=nope&q=+"), COLS), Some(25));
        for needs_all in ["page=2", "sort=name", "sort=-ip", "q=a", "type=subnet"] {
            assert_eq!(head_rows_needed(&q(needs_all), COLS), None, "{needs_all}");
        }
    }

    fn rows() -> Vec<Row> {
        vec![
            Row::new(
                "a",
                vec![
                    Cell::text("Office"),
                    Cell::num(100, "100"),
                    Cell::ip("100.64.0.10"),
                ],
                &[],
            )
            .facet("status", "on"),
            Row::new(
                "b",
                vec![
                    Cell::text("backup"),
                    Cell::num(9, "9"),
                    Cell::ip("100.64.0.9"),
                ],
                &["rack-7"],
            )
            .facet("status", "off"),
            Row::new(
                "c",
                vec![Cell::text("Cloud"), Cell::num(5000, "5000"), Cell::ip("")],
                &[],
            )
            .facet("status", "on"),
        ]
    }

    fn q(s: &str) -> ListQuery {
        let pairs: Vec<(&str, &str)> = s.split('&').filter_map(|p| p.split_once('=')).collect();
        ListQuery::from_pairs(pairs, &["status"])
    }

    #[test]
    fn query_round_trip_and_defaults() {
        assert_eq!(ListQuery::default().to_query_string(), "");
        let parsed = q("q=office a&status=on&sort=-metric&size=100&page=3");
        assert_eq!(
            parsed.to_query_string(),
            "?q=office%20a&status=on&sort=-metric&size=100&page=3"
        );
        assert_eq!(parsed.filter("status"), Some("on"));
        // Bad values fall back to defaults; unknown keys are ignored.
        let bad = q("page=0&size=7&sort=&foo=bar&status=");
        assert_eq!(bad, ListQuery::default());
        assert_eq!(q("page=-2").page, 1);
        assert_eq!(q("page=99999999999999999999999").page, 1);
    }

    #[test]
    fn search_is_case_insensitive_and_anded() {
        let r = rows();
        let ids = |q: &ListQuery| {
            list(&r, COLS, q)
                .page_rows
                .iter()
                .map(|i| r[*i].id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&q("q=OFF")), vec!["a"]);
        assert_eq!(ids(&q("q=rack")), vec!["b"]);
        assert_eq!(ids(&q("q=100.64 backup")), vec!["b"]);
        assert_eq!(ids(&q("q=zzz")), Vec::<String>::new());
        assert_eq!(ids(&q("status=on")), vec!["a", "c"]);
        assert_eq!(ids(&q("status=on&q=cloud")), vec!["c"]);
    }

    #[test]
    fn sorting_numbers_ips_text_and_empties() {
        let r = rows();
        let ids = |q: &ListQuery| {
            list(&r, COLS, q)
                .page_rows
                .iter()
                .map(|i| r[*i].id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&q("sort=metric")), vec!["b", "a", "c"]);
        assert_eq!(ids(&q("sort=-metric")), vec!["c", "a", "b"]);
        assert_eq!(ids(&q("sort=name")), vec!["b", "c", "a"]);
        // 100.64.0.9 < 100.64.0.10 numerically; the empty IP stays last both ways.
        assert_eq!(ids(&q("sort=ip")), vec!["b", "a", "c"]);
        assert_eq!(ids(&q("sort=-ip")), vec!["a", "b", "c"]);
        // An unknown sort column keeps the server order.
        assert_eq!(ids(&q("sort=nope")), vec!["a", "b", "c"]);
    }

    #[test]
    fn pagination_clamps_and_counts() {
        let many: Vec<Row> = (0..523)
            .map(|i| Row::new(i.to_string(), vec![Cell::num(i, i.to_string())], &[]))
            .collect();
        let l = list(&many, COLS, &q("size=50&page=2"));
        assert_eq!(
            (l.first, l.last, l.matching, l.pages, l.page),
            (51, 100, 523, 11, 2)
        );
        let l = list(&many, COLS, &q("size=50&page=11"));
        assert_eq!((l.first, l.last, l.page_rows.len()), (501, 523, 23));
        let l = list(&many, COLS, &q("size=50&page=999"));
        assert_eq!(l.page, 11);
        let l = list(&[], COLS, &ListQuery::default());
        assert_eq!(
            (l.first, l.last, l.pages, l.page, l.matching),
            (0, 0, 1, 1, 0)
        );
    }

    #[test]
    fn state_transitions() {
        let base = q("q=x&page=4&size=25");
        assert_eq!(
            base.toggled_sort("name").to_query_string(),
            "?q=x&sort=name"
        );
        assert_eq!(
            base.toggled_sort("name")
                .toggled_sort("name")
                .to_query_string(),
            "?q=x&sort=-name"
        );
        assert_eq!(base.with_search("y").page, 1);
        // Row 76 (first on page 4 at 25) stays visible at size 50 → page 2.
        assert_eq!(base.with_size(50).page, 2);
        assert_eq!(base.with_size(13).size, DEFAULT_PAGE_SIZE);
        assert_eq!(
            base.with_filter("status", "on").filter("status"),
            Some("on")
        );
        assert_eq!(
            base.with_filter("status", "on")
                .with_filter("status", "")
                .filter("status"),
            None
        );
    }

    #[test]
    fn page_windows() {
        assert_eq!(page_window(1, 1, 1), vec![Page(1)]);
        assert_eq!(page_window(1, 5, 1), vec![Page(1), Page(2), Gap, Page(5)]);
        assert_eq!(
            page_window(3, 5, 1),
            vec![Page(1), Page(2), Page(3), Page(4), Page(5)]
        );
        assert_eq!(
            page_window(6, 11, 1),
            vec![Page(1), Gap, Page(5), Page(6), Page(7), Gap, Page(11)]
        );
        assert_eq!(
            page_window(11, 11, 1),
            vec![Page(1), Gap, Page(10), Page(11)]
        );
        assert_eq!(page_window(50, 3, 1), vec![Page(1), Page(2), Page(3)]);
        // Found by tests/properties.rs: `current + siblings` overflowed.
        assert_eq!(page_window(usize::MAX, usize::MAX, 1).len(), 4);
        assert_eq!(page_window(1, 2, usize::MAX), vec![Page(1), Page(2)]);
    }

    #[test]
    fn virtual_windows() {
        // Short pages render whole.
        assert_eq!(virtual_window(100, -5000.0, 800.0, 40.0), (0, 100));
        // At the top: the viewport's rows plus the overscan below.
        assert_eq!(
            virtual_window(1000, 120.0, 800.0, 40.0),
            (0, 21 + VIRTUAL_OVERSCAN)
        );
        // Scrolled 400 rows down.
        let (s, e) = virtual_window(1000, -16_000.0, 800.0, 40.0);
        assert_eq!(
            (s, e),
            (400 - VIRTUAL_OVERSCAN, 400 + 21 + VIRTUAL_OVERSCAN)
        );
        // Past the end, and odd numbers from the browser.
        assert_eq!(
            virtual_window(1000, -1e12, 800.0, 40.0),
            (1000 - VIRTUAL_OVERSCAN, 1000)
        );
        let (s, e) = virtual_window(1000, f64::NAN, f64::INFINITY, 0.0);
        assert!(s <= e && e <= 1000 && e > 0);
        assert_eq!(virtual_window(0, 0.0, 800.0, 40.0), (0, 0));
    }

    #[test]
    fn huge_page_from_the_url_survives_a_size_change() {
        // Found by tests/properties.rs: `(page - 1) * size` overflowed for `?page=<huge>`.
        let huge = q(&format!("page={}", usize::MAX));
        assert_eq!(huge.page, usize::MAX);
        let resized = huge.with_size(50);
        assert_eq!(resized.size, 50);
        assert!(resized.page >= 1);
        let l = list(&rows(), COLS, &resized);
        assert_eq!((l.page, l.pages), (1, 1));
    }

    #[test]
    fn encoding() {
        assert_eq!(encode_query_value("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }
}
