//! Test vectors in the format of `test-vectors/FORMAT.md`: compute a vector's `expected`
//! object from its `input`, and check whole vector files.
//!
//! This is the interface through which any implementation's vectors can be checked
//! against this crate (the CLI's `compute` and `verify-vectors` are thin wrappers).
//!
//! NOTE: the outputs of the `password_verifier` and `device_password_verifier` kinds
//! include the secrets `x`, `s` and `hkdf_key`: that is what test vectors are for. Do
//! not feed real credentials to these functions.

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::arith::mul_add;
use crate::encoding::{bytes_to_hex, decode_hex, number_to_hex, pad};
use crate::limits::{MAX_SALT_DIGITS, MAX_SRP_B_DIGITS};
use crate::srp::{hkdf_16, scrambler_u};
use crate::uint::Uint;
use crate::uint::mont::{Mont, MontParams};
use crate::uint::pow::pow;
use crate::{
    ClientSecret, DevicePassword, DeviceVerifier, EphemeralSecret, Error, Password, PoolId,
    Session, Timestamp, secret_hash,
};

/// The largest hex input of the `rfc5054`, `pad_hex`, `u` and `hkdf` kinds, in digits.
const MAX_GENERIC_HEX_DIGITS: usize = 2 * MAX_SRP_B_DIGITS;

/// Why a vector's input was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ComputeError {
    /// The crate refused the input (the vector format's `error` categories).
    Refused(Error),
    /// The text is not JSON, or not an object with `kind` and `input`.
    BadJson,
    /// The kind is not one of FORMAT.md's.
    UnknownKind,
    /// An input field is missing, of the wrong JSON type, or not one the kind takes.
    BadInput {
        /// The field.
        field: String,
    },
}

impl ComputeError {
    /// The category name: the crate error's ([`Error::category`]), or `bad_json`,
    /// `unknown_kind`, `bad_input`.
    #[must_use]
    pub fn category(&self) -> &'static str {
        match self {
            ComputeError::Refused(e) => e.category(),
            ComputeError::BadJson => "bad_json",
            ComputeError::UnknownKind => "unknown_kind",
            ComputeError::BadInput { .. } => "bad_input",
        }
    }
}

impl From<Error> for ComputeError {
    fn from(e: Error) -> Self {
        ComputeError::Refused(e)
    }
}

impl core::fmt::Display for ComputeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ComputeError::Refused(e) => write!(f, "{e}"),
            ComputeError::BadJson => f.write_str("not a JSON object with kind and input"),
            ComputeError::UnknownKind => f.write_str("unknown kind"),
            ComputeError::BadInput { field } => write!(f, "bad input field {field:?}"),
        }
    }
}

impl std::error::Error for ComputeError {}

/// A vector's `input` object, each field of which must be read exactly once.
struct Input<'a> {
    fields: &'a Map<String, Value>,
    read: HashSet<&'a str>,
}

impl<'a> Input<'a> {
    fn new(input: &'a Value) -> Result<Self, ComputeError> {
        let fields = input.as_object().ok_or(ComputeError::BadInput {
            field: "input".into(),
        })?;
        Ok(Input {
            fields,
            read: HashSet::new(),
        })
    }

    fn optional(&mut self, key: &'a str) -> Result<Option<&'a str>, ComputeError> {
        match self.fields.get(key) {
            None => Ok(None),
            Some(value) => {
                self.read.insert(key);
                value
                    .as_str()
                    .map(Some)
                    .ok_or(ComputeError::BadInput { field: key.into() })
            }
        }
    }

    fn text(&mut self, key: &'a str) -> Result<&'a str, ComputeError> {
        self.optional(key)?
            .ok_or(ComputeError::BadInput { field: key.into() })
    }

    fn integer(&mut self, key: &'a str) -> Result<i64, ComputeError> {
        self.read.insert(key);
        self.fields
            .get(key)
            .and_then(Value::as_i64)
            .ok_or(ComputeError::BadInput { field: key.into() })
    }

    /// Refuses any field the kind did not read.
    fn finish(&self) -> Result<(), ComputeError> {
        match self.fields.keys().find(|k| !self.read.contains(k.as_str())) {
            Some(extra) => Err(ComputeError::BadInput {
                field: extra.clone(),
            }),
            None => Ok(()),
        }
    }
}

type Expected = Map<String, Value>;

fn put(out: &mut Expected, key: &str, value: impl Into<String>) {
    out.insert(key.to_owned(), Value::String(value.into()));
}

/// Computes the `expected` object of a vector of `kind` from its `input`.
///
/// # Errors
/// [`ComputeError::UnknownKind`], [`ComputeError::BadInput`], or the crate's refusal of
/// the input ([`ComputeError::Refused`]).
///
/// ```
/// use serde_json::json;
/// let out = srp_cognito::vectors::compute("timestamp", &json!({"unix_seconds": 1793693109}))?;
/// assert_eq!(out["timestamp"], "Tue Nov 3 08:05:09 UTC 2026");
/// # Ok::<(), srp_cognito::vectors::ComputeError>(())
/// ```
pub fn compute(kind: &str, input: &Value) -> Result<Expected, ComputeError> {
    let mut input = Input::new(input)?;
    let mut out = Expected::new();
    match kind {
        "secret_hash" => {
            let username = input.text("username")?;
            let client_id = input.text("client_id")?;
            let secret = ClientSecret::new(input.text("client_secret")?);
            input.finish()?;
            put(
                &mut out,
                "secret_hash",
                secret_hash(username, client_id, &secret)?,
            );
        }
        "timestamp" => {
            let secs = input.integer("unix_seconds")?;
            input.finish()?;
            put(
                &mut out,
                "timestamp",
                Timestamp::from_unix_seconds(secs)?.as_str(),
            );
        }
        "srp_a" => {
            let a = EphemeralSecret::from_hex(input.text("a")?)?;
            input.finish()?;
            put(&mut out, "srp_a", a.srp_a().as_str());
        }
        "password_verifier" | "device_password_verifier" => {
            verifier(kind, &mut input, &mut out)?;
        }
        "device_verifier" => {
            let group_key = input.text("device_group_key")?;
            let device_key = input.text("device_key")?;
            let password = DevicePassword::new(input.text("random_password")?);
            let salt = decode_hex("salt", input.text("salt")?, MAX_SALT_DIGITS)?;
            input.finish()?;
            let verifier = DeviceVerifier::from_parts(group_key, device_key, password, &salt)?;
            put(&mut out, "password_verifier", verifier.password_verifier());
            put(&mut out, "salt", verifier.salt());
        }
        "pad_hex" => {
            let value = decode_hex("value", input.text("value")?, MAX_GENERIC_HEX_DIGITS)?;
            input.finish()?;
            put(&mut out, "padded", bytes_to_hex(&pad(&value)).as_str());
        }
        "u" => {
            let a = decode_hex("srp_a", input.text("srp_a")?, MAX_GENERIC_HEX_DIGITS)?;
            let b = decode_hex("srp_b", input.text("srp_b")?, MAX_GENERIC_HEX_DIGITS)?;
            input.finish()?;
            put(
                &mut out,
                "u",
                number_to_hex(&scrambler_u(&pad(&a), &b)).as_str(),
            );
        }
        "hkdf" => {
            let ikm = decode_hex("ikm", input.text("ikm")?, MAX_GENERIC_HEX_DIGITS)?;
            let salt = decode_hex("salt", input.text("salt")?, MAX_GENERIC_HEX_DIGITS)?;
            input.finish()?;
            put(
                &mut out,
                "key",
                bytes_to_hex(&hkdf_16(&ikm, &salt)[..]).as_str(),
            );
        }
        "rfc5054" => rfc5054(&mut input, &mut out)?,
        _ => return Err(ComputeError::UnknownKind),
    }
    Ok(out)
}

/// The `password_verifier` and `device_password_verifier` kinds.
fn verifier<'a>(kind: &str, input: &mut Input<'a>, out: &mut Expected) -> Result<(), ComputeError> {
    let a = input.text("a")?;
    let salt = input.text("salt")?;
    let srp_b = input.text("srp_b")?;
    let secret_block = input.optional("secret_block")?;
    let timestamp = input.optional("timestamp")?;
    let a = EphemeralSecret::from_hex(a)?;
    let srp_a = a.srp_a().clone();
    let session = if kind == "password_verifier" {
        let pool = PoolId::parse(input.text("pool_id")?)?;
        let user = input.text("user_id_for_srp")?;
        let password = Password::new(input.text("password")?);
        input.finish()?;
        Session::user(a, &pool, user, &password, salt, srp_b)?
    } else {
        let group_key = input.text("device_group_key")?;
        let device_key = input.text("device_key")?;
        let password = DevicePassword::new(input.text("random_password")?);
        input.finish()?;
        Session::device(a, group_key, device_key, &password, salt, srp_b)?
    };
    put(out, "srp_a", srp_a.as_str());
    put(out, "u", session.u_hex());
    put(out, "x", session.expose_x_hex().as_str());
    put(out, "s", session.expose_s_hex().as_str());
    put(out, "hkdf_key", session.expose_key_hex().as_str());
    match (secret_block, timestamp) {
        (Some(block), Some(ts)) => {
            let claim = session.claim(block, &Timestamp::parse(ts)?)?;
            put(out, "password_claim_signature", claim.signature());
        }
        (None, None) => {}
        (Some(_), None) => {
            return Err(ComputeError::BadInput {
                field: "timestamp".into(),
            });
        }
        (None, Some(_)) => {
            return Err(ComputeError::BadInput {
                field: "secret_block".into(),
            });
        }
    }
    Ok(())
}

/// Limbs of RFC 5054's 1024-bit group.
const RFC5054_LIMBS: usize = 16;

/// RFC 5054 Appendix B's arithmetic, in its own group: from `N`, `g`, `k`, `x`, `u`, `a`,
/// `b`: `v = g^x`, `A = g^a`, `B = k·v + g^b`, `S = (B − k·g^x)^(a + u·x)`, all mod `N`
/// (and `S` checked against the server's `(A·v^u)^b`). `I`, `P` and `s` are read and not
/// used: the RFC's SHA-1 hashing is not Cognito's, so `k`, `x` and `u` are taken as given.
fn rfc5054(input: &mut Input<'_>, out: &mut Expected) -> Result<(), ComputeError> {
    let mut hex = |key: &'static str| -> Result<_, ComputeError> {
        Ok(decode_hex(key, input.text(key)?, MAX_GENERIC_HEX_DIGITS)?)
    };
    let (n, g, k, x, u, a, b) = (
        hex("N")?,
        hex("g")?,
        hex("k")?,
        hex("x")?,
        hex("u")?,
        hex("a")?,
        hex("b")?,
    );
    for unused in ["I", "P", "s"] {
        input.text(unused)?;
    }
    input.finish()?;
    // The engine, generic over its limb count, runs the RFC's 1024-bit group on 16 limbs.
    let bad = |field: &str| ComputeError::BadInput {
        field: field.into(),
    };
    let p = Uint::<RFC5054_LIMBS>::from_be_slice(&n)
        .and_then(MontParams::new)
        .ok_or_else(|| bad("N"))?;
    let enter = |field: &str, value: &[u8]| -> Result<Mont<RFC5054_LIMBS>, ComputeError> {
        Uint::from_be_slice(value)
            .map(|v| p.to_mont(&v))
            .ok_or_else(|| bad(field))
    };
    let leave = |value: &Mont<RFC5054_LIMBS>| {
        let mut bytes = [0u8; 8 * RFC5054_LIMBS];
        p.retrieve(value).write_be(&mut bytes);
        number_to_hex(&bytes)
    };
    let (g, k) = (enter("g", &g)?, enter("k", &k)?);
    let v = pow(&p, &g, &x);
    let big_a = pow(&p, &g, &a);
    let big_b = Mont(p.add(&p.mul(&k, &v).0, &pow(&p, &g, &b).0));
    let base = Mont(p.sub(&big_b.0, &p.mul(&k, &pow(&p, &g, &x)).0));
    let s_client = pow(&p, &base, &mul_add(&a, &u, &x));
    let s_server = pow(&p, &p.mul(&big_a, &pow(&p, &v, &u)), &b);
    put(out, "v", leave(&v).as_str());
    put(out, "A", leave(&big_a).as_str());
    put(out, "B", leave(&big_b).as_str());
    put(out, "S", leave(&s_client).as_str());
    put(out, "S_server", leave(&s_server).as_str());
    Ok(())
}
/// Parses a `compute` request, `{"kind": ..., "input": {...}}`, and computes it.
///
/// # Errors
/// [`ComputeError::BadJson`] for text that is not such an object; else as [`compute`].
pub fn compute_json(text: &str) -> Result<Expected, ComputeError> {
    let request: Value = serde_json::from_str(text).map_err(|_| ComputeError::BadJson)?;
    let object = request.as_object().ok_or(ComputeError::BadJson)?;
    let kind = object
        .get("kind")
        .and_then(Value::as_str)
        .ok_or(ComputeError::BadJson)?;
    let input = object.get("input").ok_or(ComputeError::BadJson)?;
    if object.keys().any(|k| k != "kind" && k != "input") {
        return Err(ComputeError::BadJson);
    }
    compute(kind, input)
}

/// One failed vector: its id and what differed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The vector's `id` (or `#index` when it has none).
    pub id: String,
    /// What went wrong: one line per differing field or problem.
    pub problems: Vec<String>,
}

/// The result of checking one vector file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileReport {
    /// Vectors that passed.
    pub passed: usize,
    /// Vectors that failed.
    pub failures: Vec<Failure>,
}

/// Checks every vector of a vector file's text (FORMAT.md's `{"vectors": [...]}`, or
/// RFC 5054's `{"vector": {...}}`).
#[must_use]
pub fn check_file(text: &str) -> FileReport {
    let mut report = FileReport::default();
    let file_failure = |problem: &str| FileReport {
        passed: 0,
        failures: vec![Failure {
            id: "(file)".into(),
            problems: vec![problem.into()],
        }],
    };
    let Ok(document) = serde_json::from_str::<Value>(text) else {
        return file_failure("not JSON");
    };
    if let Some(vector) = document.get("vector") {
        record(&mut report, "rfc5054".into(), check_rfc5054(vector));
        return report;
    }
    let Some(vectors) = document.get("vectors").and_then(Value::as_array) else {
        return file_failure("no \"vectors\" array");
    };
    let mut seen = HashSet::new();
    for (index, vector) in vectors.iter().enumerate() {
        let id = vector
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(|| format!("#{index}"), str::to_owned);
        let mut problems = check_vector(vector);
        if !seen.insert(id.clone()) {
            problems.push("duplicate id".into());
        }
        record(&mut report, id, problems);
    }
    report
}

fn record(report: &mut FileReport, id: String, problems: Vec<String>) {
    if problems.is_empty() {
        report.passed += 1;
    } else {
        report.failures.push(Failure { id, problems });
    }
}

/// Checks one vector object; returns its problems (none when it passes).
#[must_use]
pub fn check_vector(vector: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(fields) = vector.as_object() else {
        return vec!["not an object".into()];
    };
    for key in fields.keys() {
        if !["id", "kind", "comment", "input", "expected", "error"].contains(&key.as_str()) {
            problems.push(format!("unknown field {key:?}"));
        }
    }
    let (Some(kind), Some(input)) = (
        fields.get("kind").and_then(Value::as_str),
        fields.get("input"),
    ) else {
        problems.push("no kind or input".into());
        return problems;
    };
    let result = compute(kind, input);
    match (fields.get("expected"), fields.get("error"), result) {
        (Some(expected), None, Ok(actual)) => match expected.as_object() {
            Some(expected) => compare(expected, &actual, &mut problems),
            None => problems.push("expected is not an object".into()),
        },
        (Some(_), None, Err(e)) => problems.push(format!("refused ({}): {e}", e.category())),
        (None, Some(error), Ok(_)) => problems.push(format!("accepted, expected error {error}")),
        (None, Some(error), Err(e)) => {
            if error.as_str() != Some(e.category()) {
                problems.push(format!(
                    "refused as {}, expected error {error}",
                    e.category()
                ));
            }
        }
        _ => problems.push("needs exactly one of expected and error".into()),
    }
    problems
}

fn compare(expected: &Map<String, Value>, actual: &Expected, problems: &mut Vec<String>) {
    for (key, want) in expected {
        match actual.get(key) {
            None => problems.push(format!("{key}: not computed for this kind")),
            Some(got) if got != want => problems.push(format!("{key}: expected {want}, got {got}")),
            Some(_) => {}
        }
    }
}

fn check_rfc5054(vector: &Value) -> Vec<String> {
    let Some(fields) = vector.as_object() else {
        return vec!["not an object".into()];
    };
    let inputs = ["I", "P", "s", "N", "g", "k", "x", "u", "a", "b"];
    let outputs = ["v", "A", "B", "S"];
    let mut input = Map::new();
    let mut expected = Map::new();
    let mut problems = Vec::new();
    for (key, value) in fields {
        if inputs.contains(&key.as_str()) {
            input.insert(key.clone(), value.clone());
        } else if outputs.contains(&key.as_str()) {
            expected.insert(key.clone(), value.clone());
        } else {
            problems.push(format!("unknown field {key:?}"));
        }
    }
    if let Some(s) = expected.get("S").cloned() {
        expected.insert("S_server".into(), s);
    }
    if expected.len() != outputs.len() + 1 {
        problems.push("needs v, A, B and S".into());
    }
    match compute("rfc5054", &Value::Object(input)) {
        Ok(actual) => compare(&expected, &actual, &mut problems),
        Err(e) => problems.push(format!("refused ({}): {e}", e.category())),
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_input_field_is_consumed() {
        let extra = json!({"unix_seconds": 0, "tz": "UTC"});
        assert_eq!(
            compute("timestamp", &extra),
            Err(ComputeError::BadInput { field: "tz".into() })
        );
        assert_eq!(compute("nope", &json!({})), Err(ComputeError::UnknownKind));
        assert_eq!(compute_json("{"), Err(ComputeError::BadJson));
        assert_eq!(compute_json("[1]"), Err(ComputeError::BadJson));
    }

    #[test]
    fn a_changed_expectation_fails() {
        let good = json!({"id": "t", "kind": "timestamp", "comment": "",
            "input": {"unix_seconds": 0}, "expected": {"timestamp": "Thu Jan 1 00:00:00 UTC 1970"}});
        assert!(check_vector(&good).is_empty());
        let mut bad = good.clone();
        bad["expected"]["timestamp"] = json!("Thu Jan 01 00:00:00 UTC 1970");
        assert_eq!(check_vector(&bad).len(), 1);
        let mut unknown = good.clone();
        unknown["expected"]["weekday"] = json!("Thu");
        assert_eq!(check_vector(&unknown).len(), 1);
        let mut wrong_error = good;
        wrong_error.as_object_mut().unwrap().remove("expected");
        wrong_error["error"] = json!("bad_hex");
        assert_eq!(check_vector(&wrong_error).len(), 1);
    }
}
