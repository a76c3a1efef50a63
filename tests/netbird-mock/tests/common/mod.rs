//! Test helpers: requests through the one test HTTP client (`netbird_e2e::http`, which the
//! journeys use too), an in-process server, and a small
//! OpenAPI 3.1 schema validator over the in-repo contract `contract/netbird-api.json` (NetBird's
//! schemas, derived from `openapi.yml`, corrected where it rejects what the server accepts).

#![allow(dead_code)]

use netbird_e2e::http;
use netbird_mock::server::{spawn, App, Config};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};

// ---------------------------------------------------------------------------------------------
// HTTP client

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn message(&self) -> String {
        self.json()["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

/// A request through the one test HTTP client (`netbird_e2e::http`), read until the server
/// closes the connection, de-chunked.
pub fn raw_request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Resp {
    let buf = raw_bytes(addr, method, path, headers, body).expect("request");
    let (status, headers, mut body) = split_response(&buf);
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        body = http::dechunk(&body);
    }
    Resp {
        status,
        headers,
        body,
    }
}

/// Everything the server wrote before it closed the connection (nothing for a dropped one),
/// or the error reading it.
pub fn raw_bytes(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> std::io::Result<Vec<u8>> {
    http::raw(&addr.to_string(), method, path, headers, body)
}

/// Status line, lower-cased headers and the raw (not de-chunked) body of a response.
pub fn split_response(buf: &[u8]) -> (u16, Vec<(String, String)>, Vec<u8>) {
    http::split_response(buf).expect("a response head")
}

// ---------------------------------------------------------------------------------------------
// Server

pub struct Mock {
    pub addr: SocketAddr,
    pub app: Arc<App>,
}

impl Mock {
    pub fn start() -> Mock {
        Self::with(Config::default())
    }
    pub fn with(mut cfg: Config) -> Mock {
        cfg.listen = "127.0.0.1:0".into();
        let (addr, app) = spawn(cfg);
        Mock { addr, app }
    }
    pub fn token(&self, role: &str) -> String {
        self.app
            .tokens()
            .iter()
            .find(|t| t.role == role && !t.expired && (role != "admin" || t.label != "terraform"))
            .unwrap_or_else(|| panic!("no token for {role}"))
            .token
            .clone()
    }
    pub fn service_token(&self) -> String {
        self.app
            .tokens()
            .iter()
            .find(|t| t.label == "terraform")
            .unwrap()
            .token
            .clone()
    }
    pub fn user_id(&self, role: &str) -> String {
        self.app
            .tokens()
            .iter()
            .find(|t| t.role == role && (role != "admin" || t.label != "terraform"))
            .unwrap()
            .user_id
            .clone()
    }
    /// A request as `role` (a seeded role name) with a JSON body.
    pub fn call(&self, role: &str, method: &str, path: &str, body: Option<&Value>) -> Resp {
        let tok = if role == "service" {
            self.service_token()
        } else {
            self.token(role)
        };
        self.call_tok(&tok, method, path, body)
    }
    pub fn call_tok(&self, tok: &str, method: &str, path: &str, body: Option<&Value>) -> Resp {
        let auth = format!("Token {tok}");
        let b = body.map(|b| serde_json::to_vec(b).unwrap());
        let mut h = vec![
            ("Authorization", auth.as_str()),
            ("Origin", "http://console.test"),
        ];
        if b.is_some() {
            h.push(("Content-Type", "application/json"));
        }
        raw_request(self.addr, method, path, &h, b.as_deref())
    }
    pub fn call_raw(&self, role: &str, method: &str, path: &str, body: &[u8]) -> Resp {
        let auth = format!("Token {}", self.token(role));
        raw_request(
            self.addr,
            method,
            path,
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/json"),
            ],
            Some(body),
        )
    }
    pub fn owner(&self, method: &str, path: &str, body: Option<&Value>) -> Resp {
        self.call("owner", method, path, body)
    }
    pub fn get_ok(&self, path: &str) -> Value {
        let r = self.owner("GET", path, None);
        assert_eq!(r.status, 200, "GET {path}: {}", r.text());
        r.json()
    }
    pub fn group_id(&self, name: &str) -> String {
        let v = self.get_ok(&format!("/api/groups?name={name}"));
        v[0]["id"].as_str().unwrap().to_string()
    }
    /// A request to a test-only `/__mock/...` endpoint (no auth).
    pub fn ctl(&self, method: &str, path_and_query: &str) -> Resp {
        let body: Option<&[u8]> = if method == "GET" { None } else { Some(b"") };
        raw_request(self.addr, method, path_and_query, &[], body)
    }
    /// Adds a fault rule from a query string (`kind=drop&path=/api/routes`).
    pub fn fault(&self, query: &str) {
        let r = self.ctl("POST", &format!("/__mock/fault?{query}"));
        assert_eq!(r.status, 200, "fault {query}: {}", r.text());
    }
    /// The fault rules with their hit counts.
    pub fn faults(&self) -> Value {
        let r = self.ctl("GET", "/__mock/fault");
        assert_eq!(r.status, 200);
        r.json()
    }
    pub fn shape(&self, mode: &str) {
        let r = self.ctl("POST", &format!("/__mock/shape?mode={mode}"));
        assert_eq!(r.status, 200, "shape {mode}: {}", r.text());
    }
    pub fn requests(&self, method: &str, path: &str) -> u64 {
        let r = self.ctl(
            "GET",
            &format!("/__mock/requests?method={method}&path={path}"),
        );
        assert_eq!(r.status, 200);
        r.json()["count"].as_u64().unwrap()
    }
    /// The raw bytes of an authenticated request as the owner.
    pub fn owner_bytes(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> std::io::Result<Vec<u8>> {
        let auth = format!("Token {}", self.token("owner"));
        let b = body.map(|b| serde_json::to_vec(b).unwrap());
        let mut h = vec![
            ("Authorization", auth.as_str()),
            ("Origin", "http://console.test"),
        ];
        if b.is_some() {
            h.push(("Content-Type", "application/json"));
        }
        raw_bytes(self.addr, method, path, &h, b.as_deref())
    }
    pub fn peer_id(&self, name: &str) -> String {
        let v = self.get_ok(&format!("/api/peers?name={name}"));
        v.as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("peer {name}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// OpenAPI schema validation

/// The in-repo contract (`contract/netbird-api.json`): NetBird's OpenAPI schemas, derived from
/// `openapi.yml` by `contract/derive.rs` with its corrections (`CORRECTIONS` there).
pub fn contract_path() -> String {
    format!("{}/contract/netbird-api.json", env!("CARGO_MANIFEST_DIR"))
}

/// The contract: `schemas` by name, and `paths[template][method]` with `request` and
/// `responses[status]`, each `{media type: schema}`.
pub fn contract() -> &'static Value {
    static CONTRACT: OnceLock<Value> = OnceLock::new();
    CONTRACT.get_or_init(|| {
        let text = std::fs::read_to_string(contract_path())
            .unwrap_or_else(|e| panic!("read {}: {e}", contract_path()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", contract_path()))
    })
}

/// The target of a `$ref` (`#/schemas/Name`) in the contract.
pub fn resolve(r: &str) -> &'static Value {
    resolve_in(contract(), r)
}

/// The JSON request schema of an operation (`Value::Null` if it has none).
pub fn request_schema(method: &str, template: &str) -> &'static Value {
    &contract()["paths"][template][method.to_lowercase()]["request"]["application/json"]
}

/// The JSON schema of an operation's response with `status` (`Value::Null` if it has no JSON
/// body).
pub fn response_schema_for(method: &str, template: &str, status: u16) -> &'static Value {
    &contract()["paths"][template][method.to_lowercase()]["responses"][status.to_string()]
        ["application/json"]
}

fn resolve_in<'a>(root: &'a Value, r: &str) -> &'a Value {
    let mut cur = root;
    for part in r.trim_start_matches("#/").split('/') {
        cur = &cur[part.replace("~1", "/").replace("~0", "~")];
    }
    assert!(!cur.is_null(), "unresolved $ref {r}");
    cur
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "string" => v.is_string(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        _ => true,
    }
}

/// Validates `v` against `schema`, pushing `path: problem` lines to `errs`.
pub fn validate(schema: &Value, v: &Value, path: &str, errs: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        validate(resolve(r), v, path, errs);
    }
    if v.is_null() && schema.get("nullable") == Some(&json!(true)) {
        return;
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for s in all {
            validate(s, v, path, errs);
        }
    }
    for (key, exact) in [("oneOf", true), ("anyOf", false)] {
        if let Some(list) = schema.get(key).and_then(Value::as_array) {
            let passing = list
                .iter()
                .filter(|s| {
                    let mut e = Vec::new();
                    validate(s, v, path, &mut e);
                    e.is_empty()
                })
                .count();
            if (exact && passing != 1) || (!exact && passing == 0) {
                errs.push(format!("{path}: {passing} of {key} alternatives match"));
            }
        }
    }
    if let Some(t) = schema.get("type") {
        let ok = match t {
            Value::String(s) => type_ok(s, v),
            Value::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().unwrap_or(""), v)),
            _ => true,
        };
        if !ok {
            errs.push(format!("{path}: expected type {t}, got {v}"));
            return;
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errs.push(format!("{path}: {v} not in enum"));
        }
    }
    match v {
        Value::Object(map) => {
            if let Some(req) = schema.get("required").and_then(Value::as_array) {
                for r in req.iter().filter_map(Value::as_str) {
                    if !map.contains_key(r) {
                        errs.push(format!("{path}: missing required `{r}`"));
                    }
                }
            }
            let props = schema.get("properties").and_then(Value::as_object);
            for (k, val) in map {
                if let Some(ps) = props.and_then(|p| p.get(k)) {
                    validate(ps, val, &format!("{path}.{k}"), errs);
                } else {
                    match schema.get("additionalProperties") {
                        Some(Value::Bool(false)) => {
                            errs.push(format!("{path}: unexpected property `{k}`"))
                        }
                        Some(ap @ Value::Object(_)) => {
                            validate(ap, val, &format!("{path}.{k}"), errs)
                        }
                        _ => {}
                    }
                }
            }
        }
        Value::Array(items) => {
            if let Some(is) = schema.get("items") {
                for (i, it) in items.iter().enumerate() {
                    validate(is, it, &format!("{path}[{i}]"), errs);
                }
            }
            if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
                if (items.len() as u64) < min {
                    errs.push(format!("{path}: fewer than {min} items"));
                }
            }
            if let Some(max) = schema.get("maxItems").and_then(Value::as_u64) {
                if (items.len() as u64) > max {
                    errs.push(format!("{path}: more than {max} items"));
                }
            }
        }
        Value::String(s) => {
            let n = s.chars().count() as u64;
            if let Some(min) = schema.get("minLength").and_then(Value::as_u64) {
                if n < min {
                    errs.push(format!("{path}: shorter than {min}"));
                }
            }
            if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
                if n > max {
                    errs.push(format!("{path}: longer than {max}"));
                }
            }
            if schema.get("format") == Some(&json!("date-time"))
                && !(s.len() >= 20 && s.as_bytes()[10] == b'T' && s.ends_with('Z'))
            {
                errs.push(format!("{path}: not a date-time: {s}"));
            }
        }
        Value::Number(n) => {
            let f = n.as_f64().unwrap();
            if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
                if f < min {
                    errs.push(format!("{path}: below minimum {min}"));
                }
            }
            if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
                if f > max {
                    errs.push(format!("{path}: above maximum {max}"));
                }
            }
        }
        _ => {}
    }
}

/// The spec path template for a concrete path (`/api/routes/x` → `/api/routes/{routeId}`).
pub fn spec_template(path: &str) -> Option<String> {
    let path = path.split('?').next().unwrap();
    let path = if path == "/api/events" {
        "/api/events/audit"
    } else {
        path
    };
    let segs: Vec<&str> = path.split('/').collect();
    let paths = contract()["paths"].as_object().unwrap();
    // Literal matches win over templated ones (e.g. /api/users/current).
    let mut best: Option<(usize, String)> = None;
    for p in paths.keys() {
        let ps: Vec<&str> = p.split('/').collect();
        if ps.len() != segs.len() {
            continue;
        }
        let mut literal = 0;
        let ok = ps.iter().zip(&segs).all(|(a, b)| {
            if a.starts_with('{') {
                true
            } else {
                literal += 1;
                a == b
            }
        });
        if ok && best.as_ref().is_none_or(|(l, _)| literal > *l) {
            best = Some((literal, p.clone()));
        }
    }
    best.map(|(_, p)| p)
}

pub fn check(schema: &Value, v: &Value, what: &str) {
    let mut errs = Vec::new();
    validate(schema, v, "$", &mut errs);
    assert!(
        errs.is_empty(),
        "{what} does not match the spec:\n  {}\nvalue: {}",
        errs.join("\n  "),
        serde_json::to_string(v)
            .unwrap()
            .chars()
            .take(2000)
            .collect::<String>()
    );
}

/// Validates a request body against the operation's request schema.
pub fn check_request(method: &str, path: &str, body: &Value) {
    let t = spec_template(path).unwrap_or_else(|| panic!("{path} not in spec"));
    let schema = request_schema(method, &t);
    assert!(!schema.is_null(), "no request schema for {method} {t}");
    check(schema, body, &format!("request {method} {path}"));
}

/// Validates a response (success against the operation's 200 schema, errors against the
/// corrected ErrorResponse).
pub fn check_response(method: &str, path: &str, r: &Resp) {
    let what = format!("response {} to {method} {path}", r.status);
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=UTF-8"),
        "{what}"
    );
    let v = r.json();
    if r.status != 200 {
        check(&json!({"$ref": "#/schemas/ErrorResponse"}), &v, &what);
        assert_eq!(v["code"], json!(r.status), "{what}");
        return;
    }
    let t = spec_template(path).unwrap_or_else(|| panic!("{path} not in spec"));
    let op = &contract()["paths"][&t][method.to_lowercase()];
    assert!(!op.is_null(), "{method} {t} not in spec");
    let schema = response_schema_for(method, &t, 200);
    if schema.is_null() {
        // DELETE: `content: {}` in the spec; the server writes `{}`.
        assert_eq!(v, json!({}), "{what}");
    } else {
        check(schema, &v, &what);
    }
}

/// Records which (method, spec template) pairs got a validated 200.
pub static COVERED: Mutex<BTreeSet<(String, String)>> = Mutex::new(BTreeSet::new());

impl Mock {
    /// Sends a spec-valid request and checks the response shape; returns it.
    pub fn contract(&self, role: &str, method: &str, path: &str, body: Option<&Value>) -> Resp {
        if let Some(b) = body {
            check_request(method, path, b);
        }
        let r = self.call(role, method, path, body);
        check_response(method, path, &r);
        if r.status == 200 {
            COVERED.lock().unwrap().insert((
                method.to_string(),
                path.split('?').next().unwrap().to_string(),
            ));
        }
        r
    }
}
