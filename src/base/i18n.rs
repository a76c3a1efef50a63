//! The one message lookup. Every user-visible string goes through `t` (or `tf` with
//! `{name}` placeholders); its key is the English text itself, so English is built in at no
//! cost and another language is a catalogue file (`public/i18n/<lang>.json`, a flat JSON
//! object from English to the translation) fetched only when chosen. Until a catalogue is
//! installed, and for any key it lacks, the English text is shown. Numbers and relative times
//! go through hooks the browser layer sets from `Intl` for the chosen language. Pure.

use crate::base::json::{decode_str, Members};
use std::cell::RefCell;
use std::collections::HashMap;

/// The languages the console ships: code (BCP 47, also the catalogue's file name) and the
/// language's own name.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("en", "English"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("fr", "Français"),
    ("ja", "日本語"),
    ("ru", "Русский"),
    ("zh-CN", "简体中文"),
];

/// English: the keys themselves.
pub const ENGLISH: &str = "en";

/// How the chosen language writes a number (`12,345`) and a relative time (`-3, "day"`: three
/// days ago).
#[derive(Clone, Copy)]
pub struct Formats {
    pub number: fn(u64) -> String,
    pub relative: fn(i64, &str) -> String,
}

#[derive(Default)]
struct Chosen {
    catalogue: HashMap<String, String>,
    formats: Option<Formats>,
}

thread_local! {
    static CHOSEN: RefCell<Chosen> = RefCell::new(Chosen::default());
}

/// Makes `catalogue` (and `formats`) the language every lookup answers in.
pub fn install(catalogue: HashMap<String, String>, formats: Option<Formats>) {
    CHOSEN.with(|c| *c.borrow_mut() = Chosen { catalogue, formats });
}

/// Back to English.
pub fn reset() {
    install(HashMap::new(), None);
}

/// `text` in the chosen language.
pub fn t(text: &str) -> String {
    CHOSEN.with(|c| {
        c.borrow()
            .catalogue
            .get(text)
            .cloned()
            .unwrap_or_else(|| text.to_string())
    })
}

/// `text` in the chosen language with each `{name}` replaced by its value in `args`, in one
/// pass: a value that itself contains `{…}` (a server's name, say) is never filled in again.
pub fn tf(text: &str, args: &[(&str, &str)]) -> String {
    let template = t(text);
    let mut out = String::with_capacity(template.len());
    let mut rest = template.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The chosen language's number format, if it has one.
pub fn number_format() -> Option<fn(u64) -> String> {
    CHOSEN.with(|c| c.borrow().formats.map(|f| f.number))
}

/// The chosen language's relative-time format, if it has one.
pub fn relative_format() -> Option<fn(i64, &str) -> String> {
    CHOSEN.with(|c| c.borrow().formats.map(|f| f.relative))
}

/// A catalogue file: a flat JSON object of strings. Anything else is refused (a `null` value
/// reads as an empty string and is dropped, so the English text shows).
pub fn parse_catalogue(text: &str) -> Result<HashMap<String, String>, String> {
    let members: Members<String> = decode_str(text).map_err(|e| e.to_string())?;
    Ok(members
        .0
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect())
}

/// The language to use: the one chosen before (if still shipped), else the first of the
/// browser's languages the console ships (`de-AT` → `de`; `zh`, `zh-Hans`, `zh-CN`, `zh-SG` →
/// `zh-CN`), else English.
pub fn pick_language(stored: Option<&str>, browser: &[String]) -> &'static str {
    let shipped = |code: &str| LANGUAGES.iter().find(|(c, _)| *c == code).map(|(c, _)| *c);
    if let Some(code) = stored.and_then(shipped) {
        return code;
    }
    for lang in browser {
        let lower = lang.to_ascii_lowercase();
        let primary = lower.split('-').next().unwrap_or("");
        // A catalogue per language, not per region: `de-AT`, `fr-CA`, `es-MX` take their
        // language's.
        if let Some(code) = shipped(primary).filter(|c| !c.contains('-')) {
            return code;
        }
        // Traditional Chinese is not Simplified: only Hans regions and plain `zh`.
        if primary == "zh"
            && !matches!(lower.as_str(), "zh-tw" | "zh-hk" | "zh-mo")
            && !lower.starts_with("zh-hant")
        {
            return "zh-CN";
        }
    }
    ENGLISH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_the_key_and_a_catalogue_replaces_it() {
        reset();
        assert_eq!(t("Add route"), "Add route");
        assert_eq!(tf("{n} selected", &[("n", "3")]), "3 selected");
        // One pass: a value is never filled in again; unknown and unclosed braces stay.
        assert_eq!(tf("{a} and {b}", &[("a", "{b}"), ("b", "x")]), "{b} and x");
        assert_eq!(tf("{a} {zz} {", &[("a", "1")]), "1 {zz} {");
        let cat = parse_catalogue(r#"{"Add route": "添加路由", "{n} selected": "已选择 {n} 项"}"#)
            .unwrap();
        install(cat, None);
        assert_eq!(t("Add route"), "添加路由");
        assert_eq!(tf("{n} selected", &[("n", "3")]), "已选择 3 项");
        assert_eq!(t("Not in the catalogue"), "Not in the catalogue");
        reset();
        assert_eq!(t("Add route"), "Add route");
    }

    #[test]
    fn catalogues_are_flat_objects_of_strings() {
        assert!(parse_catalogue("[]").is_err());
        assert!(parse_catalogue(r#"{"a": 1}"#).is_err());
        assert!(parse_catalogue(r#"{"a": {"b": "c"}}"#).is_err());
        assert!(parse_catalogue("{").is_err());
        assert_eq!(parse_catalogue("{}").unwrap().len(), 0);
    }

    #[test]
    fn the_language_follows_the_choice_then_the_browser() {
        let browser = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(pick_language(None, &browser(&["zh-CN", "en"])), "zh-CN");
        assert_eq!(pick_language(None, &browser(&["zh"])), "zh-CN");
        assert_eq!(pick_language(None, &browser(&["zh-Hans-SG"])), "zh-CN");
        assert_eq!(pick_language(None, &browser(&["zh-TW"])), "en");
        assert_eq!(pick_language(None, &browser(&["de-DE", "zh-CN"])), "de");
        assert_eq!(pick_language(None, &browser(&["pt-BR", "fr-CA"])), "fr");
        assert_eq!(pick_language(None, &browser(&["es-419"])), "es");
        assert_eq!(pick_language(None, &browser(&["ja"])), "ja");
        assert_eq!(pick_language(None, &browser(&["ru-RU", "en"])), "ru");
        assert_eq!(pick_language(None, &browser(&["pt-BR", "it"])), "en");
        assert_eq!(pick_language(Some("de"), &browser(&["ja"])), "de");
        assert_eq!(pick_language(None, &browser(&["en-US", "zh-CN"])), "en");
        assert_eq!(pick_language(Some("en"), &browser(&["zh-CN"])), "en");
        assert_eq!(pick_language(Some("xx"), &browser(&["zh-CN"])), "zh-CN");
        assert_eq!(pick_language(None, &[]), "en");
    }
}
