use crate::base::json::{FromJson, Kind, Members, Reader};

/// An audit event. `activity_code` is open: the server knows more codes than the spec.
#[derive(Clone, Debug, Default, PartialEq, FromJson)]
pub struct Event {
    pub id: String,
    pub timestamp: String,
    pub activity: String,
    pub activity_code: String,
    pub initiator_id: String,
    pub initiator_name: String,
    pub initiator_email: String,
    pub target_id: String,
    pub meta: Members<MetaValue>,
}

/// One value of an event's `meta`: the server puts strings there, and also numbers, objects
/// and `null`.
#[derive(Clone, Debug, PartialEq)]
pub enum MetaValue {
    Null,
    Text(String),
    /// Anything else, as the JSON text the server sent.
    Json(String),
}

impl FromJson for MetaValue {
    fn from_json(r: &mut Reader<'_>) -> crate::base::json::Result<Self> {
        Ok(match r.kind()? {
            Kind::Null => r.skip().map(|_| MetaValue::Null)?,
            Kind::String => MetaValue::Text(r.string()?),
            _ => MetaValue::Json(r.raw()?.to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_and_odd_meta() {
        let e: Event = crate::base::json::decode_str(
            r#"{"id":"10","timestamp":"2026-11-01T10:00:00Z","activity":"Route created",
            "activity_code":"agent_network.budget.add","initiator_id":"u","initiator_name":"Alice",
            "initiator_email":"a@b.c","target_id":"r","meta":{"name":"office","count":3,"x":null}}"#,
        )
        .unwrap();
        assert_eq!(e.activity_code, "agent_network.budget.add");
        assert_eq!(e.meta.len(), 3);
        assert_eq!(e.meta.get("name"), Some(&MetaValue::Text("office".into())));
        assert_eq!(e.meta.get("count"), Some(&MetaValue::Json("3".into())));
        assert_eq!(e.meta.get("x"), Some(&MetaValue::Null));
        let e: Event = crate::base::json::decode_str(r#"{"id":"1","meta":null}"#).unwrap();
        assert!(e.meta.is_empty());
    }
}
