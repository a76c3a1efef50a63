//! The in-repo contract (`contract/netbird-api.json`) is what `contract/derive.rs` makes of
//! NetBird's `openapi.yml`. Checked only when `NETBIRD_OPENAPI` names the full spec (`.ci/test`
//! sets it when `../shared/netbird/openapi.yml` exists); skipped otherwise, since a fresh clone
//! has no spec beside it.

#[path = "../contract/derive.rs"]
mod derive;

use serde_json::Value;
use std::path::{Path, PathBuf};

fn committed() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(derive::CONTRACT_FILE);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Names of the entries of `section` that differ between the two contracts.
fn differing(a: &Value, b: &Value, section: &str) -> Vec<String> {
    let empty = serde_json::Map::new();
    let (a, b) = (
        a[section].as_object().unwrap_or(&empty),
        b[section].as_object().unwrap_or(&empty),
    );
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| k.to_string())
        .collect()
}

#[test]
fn contract_matches_openapi_spec() {
    let Some(spec) = std::env::var_os("NETBIRD_OPENAPI") else {
        eprintln!(
            "contract_matches_openapi_spec: skipped (NETBIRD_OPENAPI is not set; point it at \
             NetBird's openapi.yml to check contract/netbird-api.json against it)"
        );
        return;
    };
    let spec = PathBuf::from(spec);
    let fresh = derive::derive(&spec).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
    let old = committed();
    if fresh != old {
        let mut diff = Vec::new();
        for section in ["origin", "license", "schemas", "paths"] {
            let d = differing(&fresh, &old, section);
            if !d.is_empty() {
                diff.push(format!("{section}: {}", d.join(", ")));
            }
        }
        if fresh["corrections"] != old["corrections"] {
            diff.push("corrections".into());
        }
        panic!(
            "{} is stale against {spec}:\n  {}\nregenerate it with\n  cargo run -p netbird-mock \
             --example derive-contract -- {spec} tests/netbird-mock/{}",
            derive::CONTRACT_FILE,
            diff.join("\n  "),
            derive::CONTRACT_FILE,
            spec = spec.display(),
        );
    }
    // The file is byte for byte what the generator writes (no hand edits, same layout).
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(derive::CONTRACT_FILE);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .replace("\r\n", "\n")
            == derive::render(&fresh),
        "{} has the right content but not the generator's layout; regenerate it with\n  {}",
        derive::CONTRACT_FILE,
        derive::REGENERATE
    );
}
