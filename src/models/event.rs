use super::null_default;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An audit event. `activity_code` is open: the server knows more codes than the spec.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Event {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub timestamp: String,
    #[serde(deserialize_with = "null_default")]
    pub activity: String,
    #[serde(deserialize_with = "null_default")]
    pub activity_code: String,
    #[serde(deserialize_with = "null_default")]
    pub initiator_id: String,
    #[serde(deserialize_with = "null_default")]
    pub initiator_name: String,
    #[serde(deserialize_with = "null_default")]
    pub initiator_email: String,
    #[serde(deserialize_with = "null_default")]
    pub target_id: String,
    #[serde(deserialize_with = "null_default")]
    pub meta: BTreeMap<String, serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_and_odd_meta() {
        let e: Event = serde_json::from_str(
            r#"{"id":"10","timestamp":"2026-11-01T10:00:00Z","activity":"Route created",
            "activity_code":"agent_network.budget.add","initiator_id":"u","initiator_name":"Alice",
            "initiator_email":"a@b.c","target_id":"r","meta":{"name":"office","count":3,"x":null}}"#,
        )
        .unwrap();
        assert_eq!(e.activity_code, "agent_network.budget.add");
        assert_eq!(e.meta.len(), 3);
        let e: Event = serde_json::from_str(r#"{"id":"1","meta":null}"#).unwrap();
        assert!(e.meta.is_empty());
    }
}
