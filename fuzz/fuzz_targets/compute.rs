//! The `compute` JSON interface (every vector kind) and the vector-file checker: any text,
//! a value or a typed refusal, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use srp_cognito_vectors::{check_file, compute_json};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match compute_json(&text) {
        Ok(expected) => assert!(!expected.is_empty()),
        Err(e) => assert!(!e.category().is_empty()),
    }
    if text.starts_with('{') && text.contains("vectors") {
        let _ = check_file(&text);
    }
});
