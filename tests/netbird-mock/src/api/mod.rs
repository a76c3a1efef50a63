//! Endpoint handlers. Each gets a [`Ctx`] with the locked state and returns the JSON body or
//! an [`ApiError`].

pub mod accounts;
pub mod dns;
pub mod groups;
pub mod peers;
pub mod policies;
pub mod posture;
pub mod routes;
pub mod setup_keys;
pub mod users;

use crate::state::{role_allows, Group, Op, State, User};
use serde::de::DeserializeOwned;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub message: String,
    /// Written as is (the group DELETE handler); otherwise lowercased like `util.WriteError`.
    pub raw: bool,
}

impl ApiError {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            raw: false,
        }
    }
    pub fn raw(status: u16, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            raw: true,
        }
    }
    /// InvalidArgument → 422.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(422, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(404, message)
    }
    pub fn denied() -> Self {
        Self::new(403, "permission denied")
    }
    /// Written directly by `util.WriteErrorResponse`, so not lowercased.
    pub fn parse() -> Self {
        Self::raw(400, "couldn't parse JSON request")
    }
    /// The message as the server writes it.
    pub fn text(&self) -> String {
        if self.raw {
            self.message.clone()
        } else {
            self.message.to_lowercase()
        }
    }
    pub fn body(&self) -> Vec<u8> {
        #[derive(Serialize)]
        struct ErrorBody {
            message: String,
            code: u16,
        }
        let mut v = serde_json::to_vec(&ErrorBody {
            message: self.text(),
            code: self.status,
        })
        .unwrap_or_default();
        v.push(b'\n');
        v
    }
}

pub type Out = Result<Vec<u8>, ApiError>;

pub fn json<T: Serialize + ?Sized>(v: &T) -> Out {
    let mut out = serde_json::to_vec(v).map_err(|_| ApiError::new(500, "internal server error"))?;
    out.push(b'\n');
    Ok(out)
}

pub fn empty() -> Out {
    Ok(b"{}\n".to_vec())
}

pub struct Ctx<'a> {
    pub st: &'a mut State,
    pub caller: String,
    pub params: Vec<String>,
    pub query: Vec<(String, String)>,
    pub body: &'a [u8],
}

impl Ctx<'_> {
    pub fn param(&self, i: usize) -> String {
        self.params.get(i).cloned().unwrap_or_default()
    }

    pub fn query(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Go's `json.NewDecoder(r.Body).Decode(&req)`: the first JSON value only, unknown fields
    /// ignored, `null` decodes to all zero values, any type mismatch is a 400.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        let mut it =
            serde_json::Deserializer::from_slice(self.body).into_iter::<serde_json::Value>();
        let v = match it.next() {
            Some(Ok(v)) => v,
            _ => return Err(ApiError::parse()),
        };
        let v = if v.is_null() {
            serde_json::Value::Object(Default::default())
        } else {
            v
        };
        serde_json::from_value(v).map_err(|_| ApiError::parse())
    }

    pub fn user(&self) -> &User {
        self.st
            .users
            .get(&self.caller)
            .expect("authenticated caller exists")
    }

    /// `permissionsManager.ValidateUserPermissions`: service users may read everything.
    pub fn can(&self, module: &str, op: Op) -> bool {
        let u = self.user();
        (op == Op::Read && u.is_service_user) || role_allows(&u.role, module, op)
    }

    pub fn allow(&self, module: &str, op: Op) -> Result<(), ApiError> {
        if self.can(module, op) {
            Ok(())
        } else {
            Err(ApiError::denied())
        }
    }

    pub fn record(&mut self, code: &str, target: &str, meta: Vec<(&str, String)>) {
        let caller = self.caller.clone();
        self.st.record(&caller, code, target, meta);
    }
}

/// `validateGroups` (management/server/nameserver.go).
pub fn validate_groups(st: &State, ids: &[String]) -> Result<(), ApiError> {
    if ids.is_empty() {
        return Err(ApiError::invalid(
            "the list of group ids should not be empty",
        ));
    }
    validate_group_ids(st, ids)
}

/// Each id non-empty and existing (an empty list passes).
pub fn validate_group_ids(st: &State, ids: &[String]) -> Result<(), ApiError> {
    for id in ids {
        if id.is_empty() {
            return Err(ApiError::invalid("group id should not be empty string"));
        }
        if !st.groups.contains(id) {
            return Err(ApiError::invalid(format!("group id {id} not found")));
        }
    }
    Ok(())
}

/// A group inside a peer or a policy rule. The server never fills `issued` there
/// (`groups.ToGroupsInfoMap`, the policies handler), so it is never sent.
#[derive(Serialize, Clone)]
pub struct GroupMinimum<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub peers_count: usize,
    pub resources_count: usize,
    #[serde(skip)]
    pub issued: &'a str,
}

impl<'a> GroupMinimum<'a> {
    pub fn of(g: &'a Group) -> Self {
        GroupMinimum {
            id: &g.id,
            name: &g.name,
            peers_count: g.peers.len(),
            resources_count: g.resources.len(),
            issued: &g.issued,
        }
    }
}

/// Serializes an empty vector as `null`, as Go does with a nil slice.
pub fn null_if_empty<T: Serialize, S: serde::Serializer>(v: &[T], s: S) -> Result<S::Ok, S::Error> {
    if v.is_empty() {
        s.serialize_none()
    } else {
        v.serialize(s)
    }
}
