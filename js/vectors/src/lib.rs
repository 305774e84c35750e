//! The npm package's `srp-cognito/vectors` entry: `compute`, the test-vector harness of
//! `test-vectors/FORMAT.md`, in WebAssembly. It is built apart from the package's main
//! WebAssembly, so that what a sign-in loads carries no harness and no `hazmat`
//! intermediates (`x`, `S`, the key).
//!
//! `compute` does not wipe its request (passwords, `a`, client secrets in a vector's
//! input): it is for test vectors, never for real secrets.

use serde_json::{Value, json};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

/// The most JSON text `compute` reads, as the tools' `compute` reads at most 1 MiB from
/// stdin.
const MAX_JSON_BYTES: usize = 1 << 20;

/// `compute`: a FORMAT.md `{"kind": ..., "input": {...}}` request in, the expected object
/// or `{"error": category}` out, as JSON text.
#[wasm_bindgen]
#[must_use]
pub fn compute(request: String) -> String {
    let request = Zeroizing::new(request);
    if request.len() > MAX_JSON_BYTES {
        return json!({ "error": "bad_json" }).to_string();
    }
    let out = match srp_cognito_vectors::compute_json(&request) {
        Ok(expected) => Value::Object(expected),
        Err(e) => json!({ "error": e.category() }),
    };
    out.to_string()
}
