//! Reads JSON into the console's models: one small pull parser, and `#[derive(FromJson)]` on each
//! model (crate `netbird-json-derive`, src/json-derive), which reads every field from the member
//! of its name. Serde's derived deserializers did this before; they were compiled once per model
//! and per reader and were the largest part of the wasm (twiggy: 150 KB of 1.1 MB). Writing JSON
//! still goes through serde. Pure; `tests/properties.rs` checks the parser against serde_json.
//!
//! The derive honours the serde attributes that change reading: `#[serde(rename = "type")]`, and
//! `#[serde(skip)]`/`#[serde(skip_deserializing)]` (not read); `#[serde(default)]` is allowed and
//! changes nothing. A field of the console's own, which no JSON sets, is `#[json(skip)]` (still
//! written by `Serialize`); `#[json(rename = "...")]` names the member for reading only. A serde
//! attribute that would make serde read differently (`rename_all`, `flatten`, `alias`...) is a
//! compile error. Types that are not plain objects (enums, `Members`, objects that embed
//! another's members) implement `FromJson` by hand; a derived struct's `read_member` reads one
//! member into it, for those.
//!
//! Like the models' serde attributes before, `null` or a missing member reads as the field's
//! default and unknown members are skipped; a value of the wrong type, or anything that is not
//! JSON, is an error (the answer is not what was expected). Numbers are checked against JSON's
//! grammar, and against their type's range where they are read as integers.

use std::borrow::Cow;
use std::fmt;

/// `#[derive(FromJson)]` (the trait and the derive share the name, as serde's do).
pub use netbird_json_derive::FromJson;

/// Why a body is not the JSON expected, and where (a byte offset).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub what: &'static str,
    pub at: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.what, self.at)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Nesting deeper than this is refused (serde_json's limit), so that no answer can exhaust the
/// stack.
const MAX_DEPTH: usize = 127;

/// What the next value is, from its first character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// A position in a JSON text, read one value at a time.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
    depth: usize,
}

/// Reads a whole JSON text as a `T`: one value, then nothing but whitespace.
pub fn decode<T: FromJson>(bytes: &[u8]) -> Result<T> {
    let mut r = Reader::new(bytes)?;
    let value = T::from_json(&mut r)?;
    r.end()?;
    Ok(value)
}

/// Reads a whole JSON array of `T`s (`null`: none), handing each to `each` as it is read,
/// without building a list of them.
pub fn decode_each<T: FromJson>(bytes: &[u8], each: &mut dyn FnMut(T)) -> Result<()> {
    let mut r = Reader::new(bytes)?;
    r.each(&mut |r| {
        each(T::from_json(r)?);
        Ok(())
    })?;
    r.end()
}

/// What reading `bytes` as a list (`decode::<Vec<T>>`) says of its structure alone: fine for
/// `null` or a whole array, else the error the reading stops at. For a body read element by
/// element (`ui::api::Body::array_of`) that did not close as an array. (Not generic.)
pub fn array_structure(bytes: &[u8]) -> Result<()> {
    decode::<Vec<Ignored>>(bytes).map(drop)
}

/// `decode` for text at hand (storage, configuration).
pub fn decode_str<T: FromJson>(text: &str) -> Result<T> {
    decode(text.as_bytes())
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Result<Reader<'a>> {
        let text = std::str::from_utf8(bytes).map_err(|e| Error {
            what: "invalid UTF-8",
            at: e.valid_up_to(),
        })?;
        Ok(Reader {
            text,
            at: 0,
            depth: 0,
        })
    }

    /// Checks that only whitespace is left.
    fn end(&mut self) -> Result<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => self.fail("trailing characters"),
        }
    }

    /// An error at the current position.
    pub fn error(&self, what: &'static str) -> Error {
        Error { what, at: self.at }
    }

    fn fail<T>(&self, what: &'static str) -> Result<T> {
        Err(self.error(what))
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The next character after whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.bytes();
        while let Some(&b) = bytes.get(self.at) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    /// Consumes `b` if it comes next.
    fn eat(&mut self, b: u8) -> bool {
        let next = self.peek() == Some(b);
        if next {
            self.at += 1;
        }
        next
    }

    fn literal(&mut self, word: &str) -> Result<()> {
        if !self.bytes()[self.at..].starts_with(word.as_bytes()) {
            return self.fail("expected a value");
        }
        self.at += word.len();
        Ok(())
    }

    fn enter(&mut self) -> Result<()> {
        if self.depth == MAX_DEPTH {
            return self.fail("nested too deeply");
        }
        self.depth += 1;
        Ok(())
    }

    pub fn kind(&mut self) -> Result<Kind> {
        Ok(match self.peek() {
            Some(b'n') => Kind::Null,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'-' | b'0'..=b'9') => Kind::Number,
            Some(b'"') => Kind::String,
            Some(b'[') => Kind::Array,
            Some(b'{') => Kind::Object,
            Some(_) => return self.fail("expected a value"),
            None => return self.fail("unexpected end"),
        })
    }

    /// Reads `null` if that comes next.
    pub fn null(&mut self) -> Result<bool> {
        if self.peek() != Some(b'n') {
            return Ok(false);
        }
        self.literal("null")?;
        Ok(true)
    }

    /// A boolean (`null`: false).
    pub fn bool(&mut self) -> Result<bool> {
        let (word, value) = match self.peek() {
            Some(b't') => ("true", true),
            Some(b'f') => ("false", false),
            Some(b'n') => ("null", false),
            _ => return self.fail("expected a boolean"),
        };
        self.literal(word)?;
        Ok(value)
    }

    /// An integer that fits `T` (`null`: 0). A fraction or exponent is not an integer.
    pub fn integer<T: std::str::FromStr + Default>(&mut self) -> Result<T> {
        if self.null()? {
            return Ok(T::default());
        }
        let at = self.at;
        let (text, integer) = self.number()?;
        // `-0` is zero, also for unsigned types.
        let text = if text == "-0" { "0" } else { text };
        match text.parse().ok().filter(|_| integer) {
            Some(n) => Ok(n),
            None => Err(Error {
                what: "expected an integer in range",
                at,
            }),
        }
    }

    /// The text of a number in JSON's grammar, and whether it is an integer.
    fn number(&mut self) -> Result<(&'a str, bool)> {
        let bytes = self.bytes();
        let digits = |mut i: usize| {
            while matches!(bytes.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
            i
        };
        self.peek();
        let start = self.at;
        let mut i = start + usize::from(bytes.get(start) == Some(&b'-'));
        i = match bytes.get(i) {
            Some(b'0') => i + 1,
            Some(b'1'..=b'9') => digits(i),
            _ => return self.fail("expected a number"),
        };
        let mut integer = true;
        if bytes.get(i) == Some(&b'.') {
            integer = false;
            let end = digits(i + 1);
            if end == i + 1 {
                self.at = end;
                return self.fail("expected a digit");
            }
            i = end;
        }
        if matches!(bytes.get(i), Some(b'e' | b'E')) {
            integer = false;
            i += 1;
            if matches!(bytes.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let end = digits(i);
            if end == i {
                self.at = end;
                return self.fail("expected a digit");
            }
            i = end;
        }
        self.at = i;
        Ok((&self.text[start..i], integer))
    }

    /// A string (`null`: empty).
    pub fn string(&mut self) -> Result<String> {
        if self.null()? {
            return Ok(String::new());
        }
        self.str().map(Cow::into_owned)
    }

    /// A string, borrowed from the text unless it has escapes.
    fn str(&mut self) -> Result<Cow<'a, str>> {
        if !self.eat(b'"') {
            return self.fail("expected a string");
        }
        let bytes = self.bytes();
        let plain = |i: usize| crate::base::json_array::plain_end(bytes, i);
        let start = self.at;
        let mut i = plain(start);
        if bytes.get(i) == Some(&b'"') {
            self.at = i + 1;
            return Ok(Cow::Borrowed(&self.text[start..i]));
        }
        let mut out = String::from(&self.text[start..i]);
        loop {
            self.at = i;
            match bytes.get(i) {
                Some(b'"') => {
                    self.at = i + 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at = i + 1;
                    out.push(self.escape()?);
                    i = plain(self.at);
                    out.push_str(&self.text[self.at..i]);
                }
                Some(_) => return self.fail("control character in a string"),
                None => return self.fail("unterminated string"),
            }
        }
    }

    /// The character an escape stands for; `at` is just past its backslash.
    fn escape(&mut self) -> Result<char> {
        let Some(&b) = self.bytes().get(self.at) else {
            return self.fail("unterminated string");
        };
        self.at += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        if !self.bytes()[self.at..].starts_with(b"\\u") {
                            return self.fail("lone surrogate");
                        }
                        self.at += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return self.fail("lone surrogate");
                        }
                        0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return self.fail("lone surrogate"),
                    _ => unit,
                };
                match char::from_u32(code) {
                    Some(c) => c,
                    None => return self.fail("invalid escape"),
                }
            }
            _ => {
                // At the escaped character, not inside it (it may take several bytes).
                self.at -= 1;
                return self.fail("invalid escape");
            }
        })
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = self
                .bytes()
                .get(self.at)
                .and_then(|&b| (b as char).to_digit(16));
            let Some(digit) = digit else {
                return self.fail("invalid escape");
            };
            unit = unit * 16 + digit;
            self.at += 1;
        }
        Ok(unit)
    }

    /// Reads each element of an array (`null`: none) with `item`, which reads exactly one value.
    pub fn each(&mut self, item: &mut dyn FnMut(&mut Reader<'a>) -> Result<()>) -> Result<()> {
        if self.null()? {
            return Ok(());
        }
        if !self.eat(b'[') {
            return self.fail("expected an array");
        }
        self.enter()?;
        if !self.eat(b']') {
            loop {
                item(self)?;
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b']') {
                    break;
                }
                return self.fail("expected `,` or `]`");
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Reads each member of an object (`null`: none) with `member`, given the member's name;
    /// it reads exactly one value (`skip` for members it does not know).
    pub fn fields(
        &mut self,
        member: &mut dyn FnMut(&mut Reader<'a>, &str) -> Result<()>,
    ) -> Result<()> {
        if self.null()? {
            return Ok(());
        }
        if !self.eat(b'{') {
            return self.fail("expected an object");
        }
        self.enter()?;
        if !self.eat(b'}') {
            loop {
                if self.peek() != Some(b'"') {
                    return self.fail("expected a member name");
                }
                let name = self.str()?;
                if !self.eat(b':') {
                    return self.fail("expected `:`");
                }
                member(self, &name)?;
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b'}') {
                    break;
                }
                return self.fail("expected `,` or `}`");
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Checks and passes over the next value, whatever it is.
    pub fn skip(&mut self) -> Result<()> {
        match self.kind()? {
            Kind::Null => self.literal("null"),
            Kind::Bool => self.bool().map(drop),
            Kind::Number => self.number().map(drop),
            Kind::String => self.str().map(drop),
            Kind::Array => self.each(&mut |r| r.skip()),
            Kind::Object => self.fields(&mut |r, _| r.skip()),
        }
    }

    /// The next value's JSON text, as sent.
    pub fn raw(&mut self) -> Result<&'a str> {
        self.peek();
        let start = self.at;
        self.skip()?;
        Ok(&self.text[start..self.at])
    }
}

/// A value that can be read from JSON.
pub trait FromJson: Sized {
    fn from_json(r: &mut Reader<'_>) -> Result<Self>;
}

impl FromJson for String {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        r.string()
    }
}

impl FromJson for bool {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        r.bool()
    }
}

impl FromJson for i64 {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        r.integer()
    }
}

impl FromJson for u64 {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        r.integer()
    }
}

impl FromJson for u32 {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        r.integer()
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        if r.null()? {
            return Ok(None);
        }
        T::from_json(r).map(Some)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        let mut items = Vec::new();
        r.each(&mut |r| {
            items.push(T::from_json(r)?);
            Ok(())
        })?;
        Ok(items)
    }
}

/// An object's members, in the order sent, for objects keyed by data (not by field names):
/// a permission per module, an event's details. A list rather than a map: there are a few of
/// them, and the wasm then holds no map code for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Members<T>(pub Vec<(String, T)>);

impl<T> Default for Members<T> {
    fn default() -> Self {
        Members(Vec::new())
    }
}

impl<T> Members<T> {
    /// The value of the first member named `name`.
    pub fn get(&self, name: &str) -> Option<&T> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: FromJson> FromJson for Members<T> {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        let mut members = Vec::new();
        r.fields(&mut |r, name| {
            members.push((name.to_string(), T::from_json(r)?));
            Ok(())
        })?;
        Ok(Members(members))
    }
}

/// Nothing, as `null` (a form's draft that is based on no object).
impl FromJson for () {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        if r.null()? {
            Ok(())
        } else {
            Err(r.error("expected null"))
        }
    }
}

/// A pair, as a JSON array of two.
impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        let (mut a, mut b) = (None, None);
        r.each(&mut |r| {
            if a.is_none() {
                a = Some(A::from_json(r)?);
            } else if b.is_none() {
                b = Some(B::from_json(r)?);
            } else {
                return Err(r.error("expected two elements"));
            }
            Ok(())
        })?;
        match (a, b) {
            (Some(a), Some(b)) => Ok((a, b)),
            _ => Err(r.error("expected two elements")),
        }
    }
}

/// Any value, checked and not kept (to count the elements of a list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ignored;

impl FromJson for Ignored {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        r.skip().map(|_| Ignored)
    }
}

/// Any value, kept whole: an object written back as the server sent it, with members the
/// console does not model (a group's detach edits the fresh JSON of the objects using it).
impl FromJson for serde_json::Value {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        use serde_json::{Number, Value};
        Ok(match r.kind()? {
            Kind::Null => {
                r.null()?;
                Value::Null
            }
            Kind::Bool => Value::Bool(r.bool()?),
            Kind::Number => {
                let (text, _) = r.number()?;
                let n = if let Ok(i) = text.parse::<i64>() {
                    Number::from(i)
                } else if let Ok(u) = text.parse::<u64>() {
                    Number::from(u)
                } else {
                    text.parse::<f64>()
                        .ok()
                        .and_then(Number::from_f64)
                        .ok_or_else(|| r.error("expected a number"))?
                };
                Value::Number(n)
            }
            Kind::String => Value::String(r.string()?),
            Kind::Array => {
                let mut items = Vec::new();
                r.each(&mut |r| {
                    items.push(Value::from_json(r)?);
                    Ok(())
                })?;
                Value::Array(items)
            }
            Kind::Object => {
                let mut members = serde_json::Map::new();
                r.fields(&mut |r, name| {
                    let v = Value::from_json(r)?;
                    members.insert(name.to_string(), v);
                    Ok(())
                })?;
                Value::Object(members)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_value_is_kept_whole() {
        let text = r#"{"a":[1,-2,18446744073709551615,2.5,"x\u00e9",true,null],"b":{"c":{}}}"#;
        let mine: serde_json::Value = decode_str(text).unwrap();
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(mine, theirs);
        assert!(decode_str::<serde_json::Value>("[1,").is_err());
    }

    #[derive(Debug, Default, PartialEq, FromJson)]
    struct Thing {
        id: String,
        #[serde(rename = "type")]
        kind: String,
        count: u64,
        on: bool,
        tags: Vec<String>,
        limit: Option<u32>,
    }

    fn thing(text: &str) -> Result<Thing> {
        decode(text.as_bytes())
    }

    #[test]
    fn reads_every_field_skips_other_members_and_nulls_are_defaults() {
        let t = thing(
            r#" {"id":"a\"b\u00e9\ud83d\ude00","type":"x","count":3,"on":true,
            "tags":["p",null],"other":{"deep":[1,2.5e-3,{"z":null}]},"limit":7} "#,
        )
        .unwrap();
        assert_eq!(t.id, "a\"bé😀");
        assert_eq!(t.kind, "x");
        assert_eq!((t.count, t.on, t.limit), (3, true, Some(7)));
        assert_eq!(t.tags, ["p", ""]);
        let t = thing(r#"{"id":null,"count":null,"on":null,"tags":null,"limit":null}"#).unwrap();
        assert_eq!(t, Thing::default());
        assert_eq!(thing("null").unwrap(), Thing::default());
        assert_eq!(thing("{}").unwrap(), Thing::default());
    }

    /// The derive's attributes. `Default` gives every field a value no JSON sends, so that a
    /// field left alone is told from one read.
    #[derive(Debug, PartialEq, FromJson, serde::Serialize)]
    struct Attrs {
        #[serde(rename = "type")]
        kind: String,
        /// Read from `n`, written as `written`.
        #[json(rename = "n")]
        #[serde(rename = "written")]
        count: u64,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tags: Vec<String>,
        #[serde(skip)]
        local: u32,
        #[serde(skip_deserializing)]
        written_only: u32,
        #[json(skip)]
        mine: u32,
        r#ref: Option<String>,
    }

    impl Default for Attrs {
        fn default() -> Self {
            Attrs {
                kind: "none".into(),
                count: 1,
                tags: vec!["t".into()],
                local: 7,
                written_only: 8,
                mine: 9,
                r#ref: Some("r".into()),
            }
        }
    }

    #[test]
    fn derive_renames_skips_and_keeps_defaults() {
        let attrs = |text: &str| decode_str::<Attrs>(text).unwrap();
        let a = attrs(
            r#"{"type":"x","n":3,"tags":["a"],"local":1,"written_only":2,"mine":3,"ref":"s",
            "kind":"no","count":4,"written":5,"unknown":{"deep":[1,{"type":"y"}]}}"#,
        );
        assert_eq!(
            a,
            Attrs {
                kind: "x".into(),
                count: 3,
                tags: vec!["a".into()],
                r#ref: Some("s".into()),
                ..Attrs::default()
            },
            "renamed members read, skipped fields and unknown members left alone"
        );
        // A member not sent leaves the field's default; `null` reads as the type's default.
        assert_eq!(attrs(r#"{"unknown":1}"#), Attrs::default());
        assert_eq!(attrs("{}"), Attrs::default());
        assert_eq!(attrs("null"), Attrs::default());
        let nulls = attrs(r#"{"type":null,"n":null,"tags":null,"ref":null,"local":null}"#);
        assert_eq!(
            nulls,
            Attrs {
                kind: String::new(),
                count: 0,
                tags: Vec::new(),
                r#ref: None,
                ..Attrs::default()
            }
        );
        // Serde still writes by its own names; `read_member` reads one member.
        let written = serde_json::to_value(&a).unwrap();
        assert_eq!(written["type"], "x");
        assert_eq!(written["written"], 3);
        assert_eq!(written["mine"], 9);
        assert!(written.get("local").is_none());
        let mut one = Attrs::default();
        let mut r = Reader::new(b"5").unwrap();
        one.read_member(&mut r, "n").unwrap();
        assert_eq!(one.count, 5);
    }

    /// Every field of a model is read: a `Route` with no field at its default, written by serde,
    /// reads back the same (a field the derive missed would come back as its default).
    #[test]
    fn derive_reads_every_field_of_a_model() {
        use crate::resources::{Route, SetupKey};
        let route = Route {
            id: "r1".into(),
            network_id: "office".into(),
            description: "d".into(),
            enabled: true,
            network_type: "IPv4".into(),
            network: "10.0.0.0/24".into(),
            domains: vec!["example.com".into()],
            peer: "p".into(),
            peer_groups: vec!["pg".into()],
            metric: 9999,
            masquerade: true,
            groups: vec!["g".into()],
            access_control_groups: vec!["acg".into()],
            keep_route: true,
            skip_auto_apply: true,
        };
        let text = serde_json::to_string(&route).unwrap();
        assert_eq!(decode_str::<Route>(&text), Ok(route.clone()));
        assert_ne!(decode_str::<Route>("{}").unwrap(), route);
        assert!(decode_str::<Route>(&text).unwrap().skip_auto_apply);
        let key: SetupKey = decode_str(r#"{"id":"k","type":"reusable","key_type":"no"}"#).unwrap();
        assert_eq!(key.key_type, "reusable");
    }

    #[test]
    fn wrong_types_and_broken_json_are_errors_with_a_position() {
        for (text, what) in [
            (r#"{"id":1}"#, "expected a string"),
            (r#"{"count":-1}"#, "expected an integer in range"),
            (r#"{"count":1.0}"#, "expected an integer in range"),
            (
                r#"{"count":18446744073709551616}"#,
                "expected an integer in range",
            ),
            (r#"{"on":"true"}"#, "expected a boolean"),
            (r#"{"tags":"a"}"#, "expected an array"),
            (r#"{"id":"a""#, "expected `,` or `}`"),
            (r#"{"id":"a"#, "unterminated string"),
            (r#"{"id":"\x"}"#, "invalid escape"),
            (r#"{"id":"\é"}"#, "invalid escape"),
            (r#"{"id":"\ud800"}"#, "lone surrogate"),
            (r#"{"id":"\udc00"}"#, "lone surrogate"),
            ("{\"id\":\"a\u{1}\"}", "control character in a string"),
            (r#"{"x":01}"#, "expected `,` or `}`"),
            (r#"{"x":1.}"#, "expected a digit"),
            (r#"{"x":-}"#, "expected a number"),
            (r#"{"x":tru}"#, "expected a value"),
            (r#"{"x":[1,]}"#, "expected a value"),
            (r#"{x:1}"#, "expected a member name"),
            (r#"{"x" 1}"#, "expected `:`"),
            (r#"{} {}"#, "trailing characters"),
            ("", "expected an object"),
            ("[]", "expected an object"),
        ] {
            assert_eq!(thing(text).map_err(|e| e.what), Err(what), "{text}");
        }
        // An offset is always at a character, never inside one.
        assert_eq!(thing(r#"{"id":"\é"}"#).unwrap_err().at, 8);
        let e = thing(r#"{"id":"ok","count":"3"}"#).unwrap_err();
        assert_eq!(e.to_string(), "expected a number at byte 19");
        assert_eq!(
            decode::<String>(b"\"\xff\"").unwrap_err().what,
            "invalid UTF-8"
        );
    }

    #[test]
    fn integers_fit_their_type() {
        assert_eq!(decode::<i64>(b"-9223372036854775808"), Ok(i64::MIN));
        assert!(decode::<i64>(b"9223372036854775808").is_err());
        assert_eq!(decode::<u64>(b"-0"), Ok(0));
        assert!(decode::<u32>(b"4294967296").is_err());
        assert_eq!(decode::<u32>(b"null"), Ok(0));
    }

    #[test]
    fn nesting_is_limited_instead_of_exhausting_the_stack() {
        let deep = "[".repeat(100_000);
        assert_eq!(
            decode::<Ignored>(deep.as_bytes()).unwrap_err().what,
            "nested too deeply"
        );
        // serde_json's limit: 127 levels.
        for depth in [1, 127, 128] {
            let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            let serde = serde_json::from_str::<serde_json::Value>(&text).is_ok();
            assert_eq!(decode::<Ignored>(text.as_bytes()).is_ok(), serde, "{depth}");
            assert_eq!(serde, depth <= 127);
        }
    }

    #[test]
    fn raw_gives_a_value_as_sent_and_kind_looks_ahead() {
        let mut r = Reader::new(br#"  {"a": [1, "x"]} "#).unwrap();
        assert_eq!(r.kind(), Ok(Kind::Object));
        assert_eq!(r.raw(), Ok(r#"{"a": [1, "x"]}"#));
        assert_eq!(r.kind().unwrap_err().what, "unexpected end");
    }

    #[test]
    fn maps_and_lists_of_anything() {
        let m: Members<Vec<u64>> = decode(br#"{"b":[1,2],"a":null}"#).unwrap();
        assert_eq!(m.get("a"), Some(&Vec::new()));
        assert_eq!(m.get("b"), Some(&vec![1, 2]));
        assert_eq!(m.0[0].0, "b", "in the order sent");
        assert_eq!(m.get("c"), None);
        let n: Vec<Ignored> = decode(br#"[{"x":[]},"s",1,null,true]"#).unwrap();
        assert_eq!(n.len(), 5);
    }
}
