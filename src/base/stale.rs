//! The stale-edit check every form runs before a PUT, pure. The API has no ETags and PUT
//! replaces the whole object, so a form compares, as requests, the version it loaded, the
//! server's version now and the user's: what changed where, and the two combined. A resource
//! takes part by listing the fields its request sends (`FieldSpec`) and turning a model into its
//! request (serialized into `Fields`).

use crate::base::i18n::t;
use serde::Serialize;
use serde_json::Value;

/// A request's fields, as its JSON object.
pub type Fields = serde_json::Map<String, Value>;

/// One field a resource's request sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// Its API name.
    pub field: &'static str,
    /// Its label in the form.
    pub label: &'static str,
    /// Its values are IDs shown by name (peers, groups).
    pub by_name: bool,
}

impl FieldSpec {
    pub const fn new(field: &'static str, label: &'static str) -> FieldSpec {
        FieldSpec {
            field,
            label,
            by_name: false,
        }
    }

    pub const fn named(field: &'static str, label: &'static str) -> FieldSpec {
        FieldSpec {
            field,
            label,
            by_name: true,
        }
    }
}

/// `request` as its JSON object (empty if it does not serialize to one).
pub fn fields_of<T: Serialize>(request: &T) -> Fields {
    match serde_json::to_value(request) {
        Ok(Value::Object(map)) => map,
        _ => Fields::new(),
    }
}

/// One field where the server's current version and the user's differ.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub field: &'static str,
    pub label: &'static str,
    /// The server's current value, for display (IDs shown through `name`).
    pub server: String,
    pub mine: String,
    /// Someone else changed it since the form loaded.
    pub changed_on_server: bool,
    /// The user changed it.
    pub changed_by_me: bool,
}

impl Difference {
    /// Both sides changed the same field differently: combining cannot keep both.
    pub fn is_conflict(&self) -> bool {
        self.changed_on_server && self.changed_by_me
    }
}

/// The fields where the server's current version (`server`) and the user's (`mine`) differ,
/// given the version the form loaded (`base`), in `spec` order. `name` turns an ID into what
/// the admin knows it by.
pub fn differences(
    base: &Fields,
    server: &Fields,
    mine: &Fields,
    spec: &[FieldSpec],
    name: &dyn Fn(&str) -> String,
) -> Vec<Difference> {
    spec.iter()
        .filter_map(|f| {
            let (b, s, m) = (base.get(f.field), server.get(f.field), mine.get(f.field));
            (s != m).then(|| Difference {
                field: f.field,
                label: f.label,
                server: display(f.by_name, s, name),
                mine: display(f.by_name, m, name),
                changed_on_server: s != b,
                changed_by_me: m != b,
            })
        })
        .collect()
}

fn display(by_name: bool, value: Option<&Value>, name: &dyn Fn(&str) -> String) -> String {
    let text = |s: &str| if by_name { name(s) } else { s.to_string() };
    match value {
        None | Some(Value::Null) => "—".to_string(),
        Some(Value::Bool(true)) => t("on"),
        Some(Value::Bool(false)) => t("off"),
        Some(Value::String(s)) if s.is_empty() => "—".to_string(),
        Some(Value::String(s)) => text(s),
        Some(Value::Array(items)) if items.is_empty() => "—".to_string(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(text).unwrap_or_else(|| v.to_string()))
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => other.to_string(),
    }
}

/// The server's current version with the user's own changes on top: every field the user
/// changed since loading takes the user's value, every other field the server's. Where both
/// changed a field, the user's value wins (the form shows which fields those were). A field
/// absent from the chosen side stays absent.
pub fn combine(base: &Fields, server: &Fields, mine: &Fields, spec: &[FieldSpec]) -> Fields {
    let mut merged = Fields::new();
    for f in spec {
        let pick = if mine.get(f.field) != base.get(f.field) {
            mine.get(f.field)
        } else {
            server.get(f.field)
        };
        if let Some(v) = pick {
            merged.insert(f.field.into(), v.clone());
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SPEC: &[FieldSpec] = &[
        FieldSpec::new("name", "Name"),
        FieldSpec::new("port", "Port"),
        FieldSpec::named("groups", "Groups"),
        FieldSpec::new("on", "Enabled"),
    ];

    fn fields(v: Value) -> Fields {
        fields_of(&v)
    }

    #[test]
    fn differences_say_who_changed_what_in_spec_order() {
        let base = fields(json!({"name": "a", "port": 1, "groups": ["g1"], "on": true}));
        let server = fields(json!({"name": "theirs", "port": 2, "groups": ["g1"], "on": true}));
        let mine = fields(json!({"name": "mine", "port": 1, "groups": ["g2"], "on": true}));
        let name = |id: &str| format!("name-of-{id}");
        let d = differences(&base, &server, &mine, SPEC, &name);
        let got: Vec<_> = d.iter().map(|x| x.field).collect();
        assert_eq!(got, ["name", "port", "groups"]);
        assert!(d[0].is_conflict());
        assert!(d[1].changed_on_server && !d[1].changed_by_me);
        assert_eq!((d[1].server.as_str(), d[1].mine.as_str()), ("2", "1"));
        assert!(!d[2].changed_on_server && d[2].changed_by_me);
        assert_eq!(
            (d[2].server.as_str(), d[2].mine.as_str()),
            ("name-of-g1", "name-of-g2")
        );
        assert!(differences(&base, &base, &base, SPEC, &name).is_empty());
    }

    #[test]
    fn values_display_for_people() {
        let empty = fields(json!({"name": "", "groups": [], "on": false}));
        let full = fields(json!({"name": "x", "groups": ["a", "b"], "on": true}));
        let d = differences(&empty, &empty, &full, SPEC, &|s: &str| s.to_uppercase());
        assert_eq!(d[0].server, "—");
        assert_eq!(d[1].server, "—");
        assert_eq!(d[1].mine, "A, B");
        assert_eq!((d[2].server.as_str(), d[2].mine.as_str()), ("off", "on"));
    }

    #[test]
    fn combine_keeps_their_changes_and_mine() {
        let base = fields(json!({"name": "a", "port": 1, "groups": ["g1"], "on": true}));
        let server = fields(json!({"name": "a", "port": 2, "groups": ["g1"], "on": false}));
        let mine = fields(json!({"name": "b", "port": 1, "groups": ["g1"]}));
        let merged = combine(&base, &server, &mine, SPEC);
        assert_eq!(
            Value::Object(merged),
            json!({"name": "b", "port": 2, "groups": ["g1"]}),
            "my removal of `on` is a change of mine and wins"
        );
    }
}
