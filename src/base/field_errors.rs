//! A form's errors, each at the field it belongs to. Every resource's validation returns them;
//! the form machinery shows each under its control. Pure.

/// Errors keyed by the API field name of the control they belong to (a route's "network_id",
/// "network", "domains", …). A list kept in field-name order (a handful of
/// fields; no map code in the wasm for it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Keeps the first message per field: the most basic problem is the one to fix first.
    pub fn insert(&mut self, field: &'static str, msg: impl Into<String>) {
        if let Err(at) = self.0.binary_search_by(|(f, _)| (*f).cmp(field)) {
            self.0.insert(at, (field, msg.into()));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fields that have a message, in name order.
    pub fn fields(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().map(|(f, _)| *f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_message_wins() {
        let mut e = FieldErrors::default();
        assert!(e.is_empty());
        e.insert("metric", "first");
        e.insert("metric", String::from("second"));
        assert_eq!(e.get("metric"), Some("first"));
        assert_eq!(e.get("network"), None);
        assert!(!e.is_empty());
        assert_eq!(e.fields().collect::<Vec<_>>(), ["metric"]);
    }
}
