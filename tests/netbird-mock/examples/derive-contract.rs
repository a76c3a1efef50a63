//! Regenerates the mock's in-repo API contract from NetBird's full OpenAPI spec:
//!
//! ```sh
//! cargo run -p netbird-mock --example derive-contract -- \
//!     ../shared/netbird/openapi.yml tests/netbird-mock/contract/netbird-api.json
//! ```
//!
//! The output path defaults to the crate's `contract/netbird-api.json`. The derivation itself
//! (what is kept, the corrections) is in `contract/derive.rs`.

#[path = "../contract/derive.rs"]
mod derive;

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args_os().skip(1);
    let (Some(spec), out) = (args.next(), args.next()) else {
        eprintln!("usage: derive-contract <openapi.yml> [<out.json>]");
        std::process::exit(2);
    };
    let out = out
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(derive::CONTRACT_FILE));
    let contract = derive::derive(&PathBuf::from(spec)).unwrap_or_else(|e| {
        eprintln!("derive-contract: {e}");
        std::process::exit(1);
    });
    let text = derive::render(&contract);
    std::fs::write(&out, &text).unwrap_or_else(|e| {
        eprintln!("derive-contract: write {}: {e}", out.display());
        std::process::exit(1);
    });
    eprintln!(
        "derive-contract: {} schemas, {} paths, {} corrections -> {} ({} bytes)",
        contract["schemas"].as_object().map_or(0, |m| m.len()),
        contract["paths"].as_object().map_or(0, |m| m.len()),
        contract["corrections"].as_array().map_or(0, |a| a.len()),
        out.display(),
        text.len()
    );
}
