//! Derives the compact contract `contract/netbird-api.json` from NetBird's full `openapi.yml`.
//!
//! Shared by the generator (`examples/derive-contract.rs`) and the freshness test
//! (`tests/contract.rs`), both through `#[path]`. It keeps only what a schema validator needs:
//! every component schema and, per path and method, the request and response schemas per
//! media type and status. Annotations (`description`, `example`, `summary`, `title`,
//! `default`, `readOnly`, `x-*`, `discriminator`, …) are dropped, `$ref`s are rewritten from
//! `#/components/schemas/X` to `#/schemas/X`, and the corrections in `CORRECTIONS` (where the
//! published spec rejects what the server accepts) are applied before that. The output is
//! deterministic: object keys sorted, one line per schema and per path.

#![allow(dead_code)]

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The file in the repository, relative to the crate (`CARGO_MANIFEST_DIR`).
pub const CONTRACT_FILE: &str = "contract/netbird-api.json";

/// How to regenerate the contract (printed when it is stale).
pub const REGENERATE: &str = "cargo run -p netbird-mock --example derive-contract -- \
     ../shared/netbird/openapi.yml tests/netbird-mock/contract/netbird-api.json";

/// Schema keywords that constrain a value; everything else is an annotation and is dropped.
const KEEP: &[&str] = &[
    "$ref",
    "type",
    "format",
    "enum",
    "const",
    "nullable",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minProperties",
    "maxProperties",
];

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options"];

/// One correction of the spec: what it changes, why, and where that is written down.
pub struct Correction {
    pub what: &'static str,
    pub why: &'static str,
    pub source: &'static str,
    apply: fn(&mut Value) -> Result<(), String>,
}

/// The spec's JSON-pointer target, or an error naming it (the spec changed upstream).
fn at<'a>(spec: &'a mut Value, pointer: &str) -> Result<&'a mut Value, String> {
    spec.pointer_mut(pointer)
        .ok_or_else(|| format!("{pointer} is not in the spec"))
}

fn set_nullable(spec: &mut Value, pointer: &str) -> Result<(), String> {
    at(spec, pointer)?
        .as_object_mut()
        .ok_or_else(|| format!("{pointer} is not a schema object"))?
        .insert("nullable".into(), json!(true));
    Ok(())
}

/// Removes `key` from the object at `pointer`; an error if it is not there any more (then the
/// correction is obsolete and should go).
fn remove_key(spec: &mut Value, pointer: &str, key: &str) -> Result<(), String> {
    at(spec, pointer)?
        .as_object_mut()
        .ok_or_else(|| format!("{pointer} is not an object"))?
        .remove(key)
        .map(drop)
        .ok_or_else(|| format!("{pointer} has no `{key}` any more: is the correction obsolete?"))
}

const S: &str = "/components/schemas";

/// The corrections for using `openapi.yml` as a test fixture: a strict validator run on the
/// spec as published rejects bodies the real server accepts and sends.
pub const CORRECTIONS: &[Correction] = &[
    // The server takes the route id from the URL; a body without `id` is valid.
    Correction {
        what: "RouteRequest.required: `id` removed",
        why: "`id` is not a property of RouteRequest; the server never requires it",
        source: "API-NOTES §13",
        apply: |s| {
            let req = at(s, &format!("{S}/RouteRequest/required"))?
                .as_array_mut()
                .ok_or("RouteRequest.required is not a list")?;
            let n = req.len();
            req.retain(|v| v != "id");
            if req.len() == n {
                return Err("RouteRequest.required has no `id` any more".into());
            }
            Ok(())
        },
    },
    // `maxLength: 32` sits on the item (a domain) but was meant as at most 32 items.
    Correction {
        what: "RouteRequest.domains.items: `maxLength` removed",
        why: "`maxLength: 32` was meant as 32 items, not 32 characters per domain",
        source: "API-NOTES §13",
        apply: |s| {
            let items = format!("{S}/RouteRequest/properties/domains/items");
            remove_key(s, &items, "maxLength")
        },
    },
    // Network routes carry `domains: null`.
    Correction {
        what: "RouteRequest.domains: nullable",
        why: "`Route.domains` is null for network routes",
        source: "API-NOTES §0.7, §13",
        apply: |s| set_nullable(s, &format!("{S}/RouteRequest/properties/domains")),
    },
    // Every error body is `{"message": ..., "code": <HTTP status>}`.
    Correction {
        what: "ErrorResponse: property `code` (integer) added; required [message, code]",
        why: "every error body carries the HTTP status as `code`",
        source: "API-NOTES §0.2, §13",
        apply: |s| {
            let er = at(s, &format!("{S}/ErrorResponse"))?;
            at(er, "/properties")?
                .as_object_mut()
                .ok_or("ErrorResponse.properties is not an object")?
                .insert("code".into(), json!({"type": "integer"}));
            er["required"] = json!(["message", "code"]);
            Ok(())
        },
    },
    // The spec writes minLength/maxLength (string keywords) on the `nameservers` array.
    Correction {
        what:
            "NameserverGroupRequest.nameservers: minItems 1, maxItems 3 (not minLength/maxLength)",
        why: "the spec puts string-length keywords on an array; the server wants 1..3 nameservers",
        source: "API-NOTES §13",
        apply: |s| {
            let p = format!("{S}/NameserverGroupRequest/properties/nameservers");
            remove_key(s, &p, "minLength")?;
            remove_key(s, &p, "maxLength")?;
            let ns = at(s, &p)?.as_object_mut().ok_or("not an object")?;
            ns.insert("minItems".into(), json!(1));
            ns.insert("maxItems".into(), json!(3));
            Ok(())
        },
    },
    // Arrays the server sends as `null` (when empty) although the spec requires them.
    Correction {
        what: "NameserverGroupRequest.domains: nullable",
        why: "NameserverGroup.domains is null when empty",
        source: "API-NOTES §0.7, §13",
        apply: |s| set_nullable(s, &format!("{S}/NameserverGroupRequest/properties/domains")),
    },
    Correction {
        what: "Group.peers and Group.resources: nullable",
        why: "both are null when empty",
        source: "API-NOTES §0.7, §13",
        apply: |s| {
            set_nullable(s, &format!("{S}/Group/allOf/1/properties/peers"))?;
            set_nullable(s, &format!("{S}/Group/allOf/1/properties/resources"))
        },
    },
    Correction {
        what: "PolicyRule.sources and PolicyRule.destinations: nullable",
        why: "null when empty, and always null with a sourceResource/destinationResource",
        source: "API-NOTES §0.7, §13",
        apply: |s| {
            set_nullable(s, &format!("{S}/PolicyRule/allOf/1/properties/sources"))?;
            set_nullable(
                s,
                &format!("{S}/PolicyRule/allOf/1/properties/destinations"),
            )
        },
    },
    Correction {
        what: "DNSSettings.disabled_management_groups: nullable",
        why: "can be null",
        source: "API-NOTES §0.7, §13",
        apply: |s| {
            set_nullable(
                s,
                &format!("{S}/DNSSettings/properties/disabled_management_groups"),
            )
        },
    },
    Correction {
        what: "AccountSettings.peer_expose_groups: nullable",
        why: "can be null",
        source: "API-NOTES §0.7, §13",
        apply: |s| {
            set_nullable(
                s,
                &format!("{S}/AccountSettings/properties/peer_expose_groups"),
            )
        },
    },
    // The spec declares `items: DNSSettings` (an array without `type`).
    Correction {
        what: "GET /api/dns/settings 200: schema is DNSSettings (was items: DNSSettings)",
        why: "the server returns one DNSSettings object, not an array",
        source: "API-NOTES §13",
        apply: |s| {
            *at(
                s,
                "/paths/~1api~1dns~1settings/get/responses/200/content/application~1json/schema",
            )? = json!({"$ref": "#/components/schemas/DNSSettings"});
            Ok(())
        },
    },
    // The server has about 143 activity codes, the spec's enum 112.
    Correction {
        what: "Event.activity_code: `enum` removed (an open set)",
        why: "the server writes codes the spec's enum lacks (account.setting.peer.expose.enable, user.peer.session.extend, agent_network.*, ...)",
        source: "API-NOTES §10; management/server/activity/codes.go",
        apply: |s| remove_key(s, &format!("{S}/Event/properties/activity_code"), "enum"),
    },
    // `GET /api/locations/countries` writes `[]api.Country` (handlers/policies/geolocations_handler.go).
    Correction {
        what: "GET /api/locations/countries 200: an array of Country (not of strings)",
        why: "getAllCountries writes a list of {country_code, country_name} objects",
        source: "API-NOTES §5; management/server/http/handlers/policies/geolocations_handler.go",
        apply: |s| {
            let p = "/paths/~1api~1locations~1countries/get/responses/200/content/application~1json/schema";
            *at(s, p)? = json!({"type": "array", "items": {"$ref": "#/components/schemas/Country"}});
            Ok(())
        },
    },
    // `GET /api/locations/countries/{country}/cities` writes `[]api.City`.
    Correction {
        what: "GET /api/locations/countries/{country}/cities 200: an array of City (not one City)",
        why: "getCitiesByCountry writes a list of {city_name, geoname_id} objects",
        source: "API-NOTES §5; management/server/http/handlers/policies/geolocations_handler.go",
        apply: |s| {
            let p = "/paths/~1api~1locations~1countries~1{country}~1cities/get/responses/200/content/application~1json/schema";
            *at(s, p)? = json!({"type": "array", "items": {"$ref": "#/components/schemas/City"}});
            Ok(())
        },
    },
];

pub fn yaml_to_json(v: serde_yaml::Value) -> Value {
    match v {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => json!(b),
        serde_yaml::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                json!(i)
            } else if let Some(u) = n.as_u64() {
                json!(u)
            } else {
                json!(n.as_f64().unwrap())
            }
        }
        serde_yaml::Value::String(s) => json!(s),
        serde_yaml::Value::Sequence(s) => Value::Array(s.into_iter().map(yaml_to_json).collect()),
        serde_yaml::Value::Mapping(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let k = match k {
                        serde_yaml::Value::String(s) => s,
                        other => serde_yaml::to_string(&other).unwrap().trim().to_string(),
                    };
                    (k, yaml_to_json(v))
                })
                .collect(),
        ),
        serde_yaml::Value::Tagged(t) => yaml_to_json(t.value),
    }
}

fn rewrite_ref(r: &str) -> Result<String, String> {
    r.strip_prefix("#/components/schemas/")
        .map(|name| format!("#/schemas/{name}"))
        .ok_or_else(|| format!("unsupported $ref {r} in a schema"))
}

/// A schema with only its validation keywords (recursively), `$ref`s rewritten.
fn schema(v: &Value) -> Result<Value, String> {
    let Value::Object(m) = v else {
        return Ok(v.clone()); // `additionalProperties: true` and the like
    };
    let mut out = Map::new();
    for (k, x) in m {
        if !KEEP.contains(&k.as_str()) {
            continue;
        }
        let x = match (k.as_str(), x) {
            ("$ref", Value::String(r)) => Value::String(rewrite_ref(r)?),
            ("properties", Value::Object(ps)) => Value::Object(
                ps.iter()
                    .map(|(name, p)| Ok((name.clone(), schema(p)?)))
                    .collect::<Result<_, String>>()?,
            ),
            ("items" | "additionalProperties" | "not", x) => schema(x)?,
            ("allOf" | "oneOf" | "anyOf", Value::Array(list)) => {
                Value::Array(list.iter().map(schema).collect::<Result<_, _>>()?)
            }
            (_, x) => x.clone(),
        };
        out.insert(k.clone(), x);
    }
    Ok(Value::Object(out))
}

/// `{media type: schema}` of a request body or response (`{}` when it has no body).
fn media(spec: &Value, obj: &Value) -> Result<Value, String> {
    let obj = match obj.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r
                .strip_prefix("#/components/responses/")
                .or_else(|| r.strip_prefix("#/components/requestBodies/"))
                .ok_or_else(|| format!("unsupported $ref {r}"))?;
            let kind = if r.contains("/responses/") {
                "responses"
            } else {
                "requestBodies"
            };
            spec["components"][kind]
                .get(name)
                .ok_or_else(|| format!("unresolved $ref {r}"))?
        }
        None => obj,
    };
    let mut out = Map::new();
    if let Some(content) = obj.get("content").and_then(Value::as_object) {
        for (mt, c) in content {
            out.insert(mt.clone(), schema(c.get("schema").unwrap_or(&json!({})))?);
        }
    }
    Ok(Value::Object(out))
}

/// Every `$ref` in `v` resolves inside `root`.
fn check_refs(root: &Value, v: &Value, errs: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(r) = m.get("$ref").and_then(Value::as_str) {
                if root.pointer(r.trim_start_matches('#')).is_none() {
                    errs.push(format!("unresolved $ref {r}"));
                }
            }
            m.values().for_each(|x| check_refs(root, x, errs));
        }
        Value::Array(a) => a.iter().for_each(|x| check_refs(root, x, errs)),
        _ => {}
    }
}

/// `commit <hash>`, `HEAD <hash>` and the path from the `SOURCE.md` beside the spec (the
/// shared folder's record of where it copied the spec from), if there is one.
fn upstream(spec_path: &Path) -> Value {
    let source = spec_path
        .parent()
        .map(|d| d.join("SOURCE.md"))
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    let find = |re: &str| {
        regex::Regex::new(re)
            .unwrap()
            .captures(&source)
            .map(|c| c[1].to_string())
    };
    match find(r"commit ([0-9a-f]{40})") {
        Some(commit) => json!({
            "repository": find(r"\b(github\.com/[\w.-]+/[\w.-]+)"),
            "path": find(r"path\s+`([^`]+)`"),
            "commit": commit,
            "repository_head": find(r"HEAD ([0-9a-f]{40})"),
            "recorded_in": "SOURCE.md beside openapi.yml",
        }),
        None => json!("upstream commit unknown (no SOURCE.md with a commit beside the spec)"),
    }
}

/// The contract derived from the spec at `spec_path`.
pub fn derive(spec_path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(spec_path)
        .map_err(|e| format!("read {}: {e}", spec_path.display()))?;
    let yaml = serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", spec_path.display()))?;
    let mut spec = yaml_to_json(yaml);
    for c in CORRECTIONS {
        (c.apply)(&mut spec).map_err(|e| format!("correction `{}`: {e}", c.what))?;
    }

    let schemas = spec["components"]["schemas"]
        .as_object()
        .ok_or("no components.schemas")?
        .iter()
        .map(|(name, s)| Ok((name.clone(), schema(s)?)))
        .collect::<Result<Map<_, _>, String>>()?;

    let mut paths = Map::new();
    for (p, item) in spec["paths"].as_object().ok_or("no paths")? {
        let mut ops = Map::new();
        for m in METHODS {
            let Some(op) = item.get(*m) else { continue };
            let mut o = Map::new();
            if let Some(body) = op.get("requestBody") {
                o.insert("request".into(), media(&spec, body)?);
            }
            let mut responses = Map::new();
            for (status, r) in op["responses"].as_object().into_iter().flatten() {
                responses.insert(status.clone(), media(&spec, r)?);
            }
            o.insert("responses".into(), Value::Object(responses));
            ops.insert(m.to_string(), Value::Object(o));
        }
        paths.insert(p.clone(), Value::Object(ops));
    }

    let license = spec_path
        .parent()
        .map(|d| d.join("LICENSE-openapi.txt"))
        .and_then(|p| std::fs::read_to_string(p).ok());
    let contract = json!({
        "about": "Derived from NetBird's openapi.yml by contract/derive.rs: schemas and, per \
                  path and method, request and response schemas per media type and status. \
                  Do not edit: regenerate (see the crate README).",
        "origin": {
            "openapi": spec["openapi"],
            "info_version": spec["info"]["version"],
            "spec_sha256": format!("{:x}", Sha256::digest(text.as_bytes())),
            "upstream": upstream(spec_path),
        },
        "license": {
            "spdx": "BSD-3-Clause",
            "text": license,
        },
        "corrections": CORRECTIONS
            .iter()
            .map(|c| json!({"what": c.what, "why": c.why, "source": c.source}))
            .collect::<Vec<_>>(),
        "schemas": schemas,
        "paths": paths,
    });
    let mut errs = Vec::new();
    check_refs(&contract, &contract, &mut errs);
    if errs.is_empty() {
        Ok(contract)
    } else {
        Err(errs.join("\n"))
    }
}

/// `v` with every object's keys in sorted order (whatever serde_json's map preserves).
fn sorted(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&m[k])))
                    .collect(),
            )
        }
        Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// The file's text: keys sorted; the top two levels one key per line, each schema, path
/// and origin/license field on one line.
pub fn render(contract: &Value) -> String {
    fn write(v: &Value, depth: usize, out: &mut String) {
        match v {
            Value::Object(m) if depth < 2 && !m.is_empty() => {
                let pad = "  ".repeat(depth + 1);
                out.push_str("{\n");
                for (i, (k, x)) in m.iter().enumerate() {
                    out.push_str(&pad);
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push_str(": ");
                    write(x, depth + 1, out);
                    out.push_str(if i + 1 < m.len() { ",\n" } else { "\n" });
                }
                out.push_str(&"  ".repeat(depth));
                out.push('}');
            }
            Value::Array(a) if depth < 2 && !a.is_empty() => {
                let pad = "  ".repeat(depth + 1);
                out.push_str("[\n");
                for (i, x) in a.iter().enumerate() {
                    out.push_str(&pad);
                    write(x, depth + 1, out);
                    out.push_str(if i + 1 < a.len() { ",\n" } else { "\n" });
                }
                out.push_str(&"  ".repeat(depth));
                out.push(']');
            }
            other => out.push_str(&serde_json::to_string(other).unwrap()),
        }
    }
    let mut out = String::new();
    write(&sorted(contract), 0, &mut out);
    out.push('\n');
    out
}
