//! Finds the leading elements of a JSON array while its body is still arriving, so that a list
//! page can decode and show its first page as soon as those bytes are in, and decode the rest of
//! a long list (13 MB for 10,000 peers) while it is still arriving. This is a structural scan only:
//! each element is still decoded by `crate::base::json`, which rejects what is not valid JSON.

use std::ops::Range;

/// The byte ranges of up to `limit` leading elements of the JSON array that `body` begins
/// (the whole body, or only the part received so far). An element counts only once what
/// follows it (`,` or `]`) has arrived, so a number cut short is never taken for a whole one.
/// A body that does not start an array, or whose structure breaks, gives the elements before
/// the break: the caller then decodes the whole body and reports its error as usual.
pub fn leading(body: &[u8], limit: usize) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    extend(body, limit, &mut spans);
    spans
}

/// Like `leading`, resuming after the `spans` found in an earlier, shorter prefix of `body`
/// (as more of it arrives), so that no byte is scanned twice.
pub fn extend(body: &[u8], limit: usize, spans: &mut Vec<Range<usize>>) {
    let (open, at) = match spans.last() {
        None => (b'[', 0),
        Some(last) => (b',', last.end),
    };
    let mut i = skip_space(body, at);
    if body.get(i) != Some(&open) {
        return;
    }
    i = skip_space(body, i + 1);
    while spans.len() < limit {
        let start = i;
        let Some(end) = skip_value(body, i) else {
            break;
        };
        i = skip_space(body, end);
        match body.get(i) {
            Some(b',') => {
                spans.push(start..end);
                i = skip_space(body, i + 1);
            }
            Some(b']') => {
                spans.push(start..end);
                break;
            }
            _ => break,
        }
    }
}

/// Whether `body` is one whole JSON array whose elements are exactly `spans` (as `extend` found
/// them, with no limit): after the last element (or the opening bracket) only the closing
/// bracket follows, then nothing but whitespace.
pub fn closed(body: &[u8], spans: &[Range<usize>]) -> bool {
    let i = match spans.last() {
        Some(last) => skip_space(body, last.end),
        None => {
            let i = skip_space(body, 0);
            if body.get(i) != Some(&b'[') {
                return false;
            }
            skip_space(body, i + 1)
        }
    };
    body.get(i) == Some(&b']') && skip_space(body, i + 1) == body.len()
}

fn skip_space(body: &[u8], mut i: usize) -> usize {
    while matches!(body.get(i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        i += 1;
    }
    i
}

/// The index just past the value starting at `i`: a string, or an object or array with its
/// nested strings skipped whole (a bracket inside a string is text), or a bare scalar.
fn skip_value(body: &[u8], i: usize) -> Option<usize> {
    match body.get(i)? {
        b'"' => skip_string(body, i + 1),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while let Some(&b) = body.get(j) {
                match b {
                    b'"' => {
                        j = skip_string(body, j + 1)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        b',' | b']' | b'}' | b':' => None,
        _ => {
            let len = body[i..]
                .iter()
                .position(|b| matches!(b, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t'))?;
            Some(i + len)
        }
    }
}

/// The index just past the closing quote of a string whose contents start at `i`.
fn skip_string(body: &[u8], mut i: usize) -> Option<usize> {
    loop {
        i = plain_end(body, i);
        match body.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// The index of the first byte from `i` on that ends a run of plain string text: a quote, a
/// backslash or a control character (`body.len()` if none does). Most of a list's bytes are
/// such runs (names, addresses, member names), so they are looked through eight bytes at a
/// time.
pub fn plain_end(body: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte's high bit is set in `zero(x)` where `x` has a zero byte, and possibly in bytes
    // above one (a borrow): the lowest set bit is always a true match. Likewise for bytes
    // below 0x20.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x;
    while let Some(word) = body.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let w = u64::from_le_bytes(word);
        let found = (zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')))
            | (w.wrapping_sub(ONES * 0x20) & !w))
            & HIGH;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while matches!(body.get(i), Some(&b) if b != b'"' && b != b'\\' && b >= 0x20) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(body: &str, limit: usize) -> Vec<&str> {
        leading(body.as_bytes(), limit)
            .into_iter()
            .map(|r| &body[r])
            .collect()
    }

    #[test]
    fn splits_objects_strings_and_scalars() {
        let body = r#" [ {"a":1,"b":[1,2,{"c":"]}"}]} , {"x":"a\"b\\"} ,3, "s,]", null,[[]] ] "#;
        assert_eq!(
            parts(body, 10),
            vec![
                r#"{"a":1,"b":[1,2,{"c":"]}"}]}"#,
                r#"{"x":"a\"b\\"}"#,
                "3",
                r#""s,]""#,
                "null",
                "[[]]"
            ]
        );
        assert_eq!(parts("[1,2,3,4]", 2), vec!["1", "2"]);
        assert_eq!(parts("[1,2,3,4]", 0), Vec::<&str>::new());
        assert_eq!(parts(" [ \n ] ", 5), Vec::<&str>::new());
    }

    #[test]
    fn a_partial_body_gives_only_whole_elements() {
        let body = r#"[{"id":"a"},{"id":"b"},12345,"x"]"#;
        let mut seen = Vec::new();
        for cut in 0..=body.len() {
            let got = parts(&body[..cut], 10);
            assert!(
                got.len() >= seen.len(),
                "elements never disappear as bytes arrive"
            );
            assert_eq!(got[..], parts(body, 10)[..got.len()], "cut at {cut}");
            seen = got;
        }
        // A number is whole only once what follows it has arrived.
        assert_eq!(parts(r#"[{"id":"a"},1234"#, 10), vec![r#"{"id":"a"}"#]);
        assert_eq!(parts(r#"[{"id":"a"},{"id""#, 10), vec![r#"{"id":"a"}"#]);
    }

    #[test]
    fn extending_as_bytes_arrive_finds_what_one_scan_finds() {
        let body = r#"[{"id":"a"}, {"id":"b"},12345 ,"x,]", [1,[2]]]"#;
        for step in 1..8 {
            let mut spans = Vec::new();
            let mut cut = 0;
            while cut < body.len() {
                cut = (cut + step).min(body.len());
                extend(&body.as_bytes()[..cut], 4, &mut spans);
            }
            assert_eq!(spans, leading(body.as_bytes(), 4), "step {step}");
        }
    }

    #[test]
    fn anything_else_gives_the_elements_before_the_break() {
        for body in ["", "null", "{}", "[", "]", "[,1]", r#"["\"]"#] {
            assert!(parts(body, 3).is_empty(), "{body:?}");
        }
        assert_eq!(parts("[1 2]", 3), Vec::<&str>::new());
        assert_eq!(parts("[1,]", 3), vec!["1"]);
        assert_eq!(parts("[1,2]x", 3), vec!["1", "2"]);
    }

    #[test]
    fn closed_only_when_the_elements_found_are_the_whole_array() {
        let all = |body: &str| {
            let mut spans = Vec::new();
            extend(body.as_bytes(), usize::MAX, &mut spans);
            closed(body.as_bytes(), &spans)
        };
        for body in [
            "[]",
            " [ ] \n",
            "[1]",
            r#"[{"a":"]"}, 2 ,"x"] "#,
            "[[1],[]]",
        ] {
            assert!(all(body), "{body:?}");
        }
        for body in [
            "", "null", "{}", "[", "[1", "[1,", "[1,]", "[1 2]", "[1,2]x", "[1,2]]", "[,1]",
        ] {
            assert!(!all(body), "{body:?}");
        }
        // Found with a limit, the rest of the elements are not the whole array.
        let mut spans = Vec::new();
        extend(b"[1,2,3]", 2, &mut spans);
        assert!(!closed(b"[1,2,3]", &spans));
        // Every cut of a body short of its end is not whole.
        let body = r#"[{"id":"a"},{"id":"b"}]"#;
        for cut in 0..body.len() {
            let mut spans = Vec::new();
            extend(&body.as_bytes()[..cut], usize::MAX, &mut spans);
            assert!(!closed(&body.as_bytes()[..cut], &spans), "cut at {cut}");
        }
    }

    #[test]
    fn each_element_decodes_to_what_the_whole_array_holds() {
        let body =
            r#"[{"id":"a","groups":[{"name":"x]"}]},{"id":"b\u00e9","n":null},[],"",-1.5e3,true]"#;
        let all: Vec<serde_json::Value> = serde_json::from_str(body).unwrap();
        let each: Vec<serde_json::Value> = leading(body.as_bytes(), usize::MAX)
            .into_iter()
            .map(|r| serde_json::from_slice(&body.as_bytes()[r]).unwrap())
            .collect();
        assert_eq!(each, all);
    }
}
