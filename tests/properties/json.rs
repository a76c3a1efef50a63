//! The JSON reader (`base::json`) against serde_json, and the first-page array scan
//! (`base::json_array`).

use crate::common::{config, json, text};
use netbird_console::base::json::{self, FromJson, Kind, Reader};
use netbird_console::base::json_array;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

// ------------------------------------------------------------------- consumers of the models

/// A JSON value read with `json::Reader` alone, to compare with serde_json's reading.
#[derive(Debug, PartialEq)]
struct Same(Value);

impl FromJson for Same {
    fn from_json(r: &mut Reader<'_>) -> json::Result<Self> {
        Ok(Same(match r.kind()? {
            Kind::Null => r.skip().map(|_| Value::Null)?,
            Kind::Bool => Value::Bool(r.bool()?),
            Kind::Number => serde_json::from_str(r.raw()?).expect("a number the reader takes"),
            Kind::String => Value::String(r.string()?),
            Kind::Array => Value::Array(
                Vec::<Same>::from_json(r)?
                    .into_iter()
                    .map(|s| s.0)
                    .collect(),
            ),
            Kind::Object => {
                let mut members = serde_json::Map::new();
                r.fields(&mut |r, name| {
                    members.insert(name.to_string(), Same::from_json(r)?.0);
                    Ok(())
                })?;
                Value::Object(members)
            }
        }))
    }
}

proptest! {
    #![proptest_config(config(256))]

    // ---- json_array: the first-page scan agrees with serde on every array and every prefix of
    // it, and never panics

    #[test]
    fn array_leading_elements_decode_to_the_whole_array(items in vec(json(), 0..8), pretty in any::<bool>(),
                                                        limit in 0usize..10, cut in any::<Index>()) {
        let body = if pretty {
            serde_json::to_vec_pretty(&items).unwrap()
        } else {
            serde_json::to_vec(&items).unwrap()
        };
        let spans = json_array::leading(&body, limit);
        prop_assert_eq!(spans.len(), items.len().min(limit));
        // Compared with serde's reading of the same text (a float may not survive a round trip).
        let all: Vec<Value> = serde_json::from_slice(&body).unwrap();
        for (span, item) in spans.iter().zip(&all) {
            let each: Value = serde_json::from_slice(&body[span.clone()]).expect("each element decodes");
            prop_assert_eq!(&each, item);
        }
        // While the body is still arriving: only whole elements, the same ones; and resuming
        // from them once the rest is in finds the rest.
        let mut partial = json_array::leading(&body[..cut.index(body.len() + 1)], limit);
        prop_assert!(partial.len() <= spans.len());
        prop_assert_eq!(&partial[..], &spans[..partial.len()]);
        json_array::extend(&body, limit, &mut partial);
        prop_assert_eq!(&partial, &spans);
        // Found without a limit, the elements are the whole array, and closed says so; no cut
        // short of the end is.
        let mut every = Vec::new();
        json_array::extend(&body, usize::MAX, &mut every);
        prop_assert_eq!(every.len(), items.len());
        prop_assert!(json_array::closed(&body, &every));
        let short = cut.index(body.len());
        let mut some = Vec::new();
        json_array::extend(&body[..short], usize::MAX, &mut some);
        prop_assert!(!json_array::closed(&body[..short], &some));
    }

    #[test]
    fn array_scan_of_any_bytes_never_panics(body in prop_oneof![
        text().prop_map(String::into_bytes),
        "[\\[\\]{}\",:0-9a-z\\\\ ]{0,40}".prop_map(String::into_bytes),
        vec(any::<u8>(), 0..64),
    ], limit in 0usize..4) {
        let spans = json_array::leading(&body, limit);
        prop_assert!(spans.len() <= limit);
        prop_assert!(spans.iter().all(|s| s.start < s.end && s.end <= body.len()));
        // Every array serde accepts, the scan splits into its elements.
        if let Ok(all) = serde_json::from_slice::<Vec<Value>>(&body) {
            prop_assert_eq!(spans.len(), all.len().min(limit));
        }
    }

    #[test]
    fn plain_text_ends_where_a_byte_by_byte_look_finds(body in prop_oneof![
        vec(any::<u8>(), 0..80),
        "[a-z0-9 ._é\"\\\\\\n]{0,80}".prop_map(String::into_bytes),
        vec(prop_oneof![Just(b'a'), Just(b'"'), Just(b'\\'), Just(0x1f), Just(0x20), Just(0x7f), Just(0x80), Just(0xff), Just(0x00), Just(0x21), Just(0x5b), Just(0x5d)], 0..40),
    ], from in any::<Index>()) {
        let i = from.index(body.len() + 1);
        let slow = (i..body.len())
            .find(|&j| matches!(body[j], b'"' | b'\\' | 0..=0x1f))
            .unwrap_or(body.len());
        prop_assert_eq!(json_array::plain_end(&body, i), slow);
    }

    // ---- json: the reader reads what serde_json reads

    #[test]
    fn json_reads_every_value_as_serde_does(v in json(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
        let serde: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(json::decode_str::<Same>(&text), Ok(Same(serde)));
        // Cut short anywhere, it is an error (a number may still be a whole one).
        for cut in (0..text.len()).step_by(text.len() / 64 + 1) {
            if text.is_char_boundary(cut) && serde_json::from_str::<Value>(&text[..cut]).is_err() {
                prop_assert!(json::decode_str::<Same>(&text[..cut]).is_err(), "{:?}", &text[..cut]);
            }
        }
    }

    #[test]
    fn json_strings_read_back_however_escaped(s in text()) {
        prop_assert_eq!(json::decode_str::<String>(&serde_json::to_string(&s).unwrap()), Ok(s.clone()));
        // Every character as `\uXXXX` (a surrogate pair beyond the BMP).
        let escaped: String = s.encode_utf16().map(|u| format!("\\u{u:04x}")).collect();
        prop_assert_eq!(json::decode_str::<String>(&format!("\"{escaped}\"")), Ok(s));
    }
}
