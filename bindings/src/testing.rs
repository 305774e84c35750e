//! For tests and test vectors only (feature `testing`; no build that signs users in has
//! it): the vector harness's `compute` and the process-wide choice of arithmetic backend.
//! `compute` reads the library's intermediates (`x`, `S`, the key) and does not wipe its
//! request: test inputs only, never real secrets.

use serde_json::{Value, json};
use zeroize::Zeroizing;

use crate::Refusal;
use crate::json::{Json, MAX_JSON_BYTES, text, to_json};

/// `compute`: a FORMAT.md `{"kind": ..., "input": {...}}` request (JSON) in, the expected
/// object or `{"error": category}` out, as JSON text. A request that is not UTF-8 JSON of
/// at most 1 MiB is `{"error": "bad_json"}`, as the tools' `compute` answers.
///
/// # Errors
/// `internal` only (the result always serializes).
pub fn compute(request: &[u8]) -> Result<Json, Refusal> {
    let out = match std::str::from_utf8(request) {
        Ok(request) if request.len() <= MAX_JSON_BYTES => {
            match srp_cognito_vectors::compute_json(request) {
                Ok(expected) => Value::Object(expected),
                Err(e) => json!({ "error": e.category() }),
            }
        }
        _ => json!({ "error": "bad_json" }),
    };
    to_json(&out)
}

/// Makes `name` (`portable`, `avx512ifma`, `portable32`, `host-bigint`) the arithmetic
/// backend of the whole process; its name back.
///
/// # Errors
/// `backend_unavailable` for a backend this CPU or build cannot run.
pub fn select_backend(name: &[u8]) -> Result<Json, Refusal> {
    let backend: srp_cognito::hazmat::Backend = text("backend", name)?.parse()?;
    srp_cognito::hazmat::select_backend(backend)?;
    Ok(Zeroizing::new(backend.name().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;

    #[test]
    fn compute_answers_every_request_with_json() {
        let out = compute(br#"{"kind": "srp_a", "input": {"a": "02"}}"#).unwrap();
        assert_eq!(out.as_str(), r#"{"srp_a":"4"}"#);
        for bad in [&b"not json"[..], b"\xff"] {
            assert_eq!(compute(bad).unwrap().as_str(), r#"{"error":"bad_json"}"#);
        }
        let unknown = compute(br#"{"kind": "nope", "input": {}}"#).unwrap();
        assert_eq!(unknown.as_str(), r#"{"error":"unknown_kind"}"#);
        let status = select_backend(b"no-such").unwrap_err().status;
        assert_eq!(status, Status::BackendUnavailable);
    }
}
