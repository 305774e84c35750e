//! Test vectors in the format of `test-vectors/FORMAT.md`: compute a vector's `expected`
//! object from its `input`, and check whole vector files.
//!
//! This is the interface through which any implementation's vectors can be checked
//! against `srp-cognito` (the CLI's `compute` and `verify-vectors` are thin wrappers).
//! Every field of a vector's input is read exactly once, on every path: an unknown
//! field, a misspelt one or one the harness reads twice fails the vector with its name,
//! whether the vector expects a result or a refusal.
//!
//! NOTE: the outputs of the `password_verifier` and `device_password_verifier` kinds
//! include the secrets `x`, `s` and `hkdf_key`: that is what test vectors are for. Do
//! not feed real credentials to these functions.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use srp_cognito::hazmat::{
    self, decode_hex, encode_hex, hkdf_key, number_to_hex_vartime, pad_vartime, scrambler_u_vartime,
};
use srp_cognito::limits::{MAX_SALT_DIGITS, MAX_SRP_B_DIGITS};
use srp_cognito::steps::SessionKey;
use srp_cognito::{
    ClientSecret, Error, Password, PoolId, Timestamp,
    device::{DeviceGroupKey, DeviceKey, DevicePassword, DeviceVerifier},
    secret_hash,
    steps::EphemeralSecret,
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
    /// The harness read an input field twice: a bug here, never the vector's fault.
    ReadTwice {
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
            ComputeError::ReadTwice { .. } => "harness_read_twice",
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
            ComputeError::ReadTwice { field } => {
                write!(f, "the harness read input field {field:?} twice")
            }
        }
    }
}

impl std::error::Error for ComputeError {}

/// A vector's `input` object. Every field must be read exactly once: a kind reads all
/// of its fields first (a missing or mistyped one is noted, not returned at once), then
/// [`Input::finish`] refuses the first bad or unread field, and only then does the kind
/// compute. So a refusal by the crate can never hide a misspelt field.
struct Input<'a> {
    fields: &'a Map<String, Value>,
    reads: HashMap<&'a str, usize>,
    /// The first field that was missing or of the wrong JSON type.
    bad: Option<String>,
}

impl<'a> Input<'a> {
    fn new(input: &'a Value) -> Result<Self, ComputeError> {
        let fields = input.as_object().ok_or(ComputeError::BadInput {
            field: "input".into(),
        })?;
        Ok(Input {
            fields,
            reads: HashMap::new(),
            bad: None,
        })
    }

    fn take(&mut self, key: &'a str) -> Option<&'a Value> {
        let (key, value) = self.fields.get_key_value(key)?;
        *self.reads.entry(key.as_str()).or_default() += 1;
        Some(value)
    }

    fn note_bad(&mut self, key: &str) {
        self.bad.get_or_insert_with(|| key.to_owned());
    }

    /// A string field that may be absent.
    fn optional(&mut self, key: &'a str) -> Option<&'a str> {
        let value = self.take(key)?;
        let text = value.as_str();
        if text.is_none() {
            self.note_bad(key);
        }
        text
    }

    /// A string field that must be present ("" stands in for a missing one, noted).
    fn text(&mut self, key: &'a str) -> &'a str {
        self.optional(key).unwrap_or_else(|| {
            self.note_bad(key);
            ""
        })
    }

    /// An integer field that must be present (0 stands in for a missing one, noted).
    fn integer(&mut self, key: &'a str) -> i64 {
        let value = self.take(key).and_then(Value::as_i64);
        value.unwrap_or_else(|| {
            self.note_bad(key);
            0
        })
    }

    /// The first missing or mistyped field, else the first field no one read.
    fn finish(&self) -> Result<(), ComputeError> {
        if let Some(field) = &self.bad {
            return Err(ComputeError::BadInput {
                field: field.clone(),
            });
        }
        match self
            .fields
            .keys()
            .find(|k| !self.reads.contains_key(k.as_str()))
        {
            Some(extra) => Err(ComputeError::BadInput {
                field: extra.clone(),
            }),
            None => Ok(()),
        }
    }

    /// A field read more than once, if any.
    fn read_twice(&self) -> Option<String> {
        let mut twice: Vec<&str> = (self.reads.iter())
            .filter(|&(_, &count)| count > 1)
            .map(|(&key, _)| key)
            .collect();
        twice.sort_unstable();
        twice.first().map(|&key| key.to_owned())
    }
}

type Expected = Map<String, Value>;

fn put(out: &mut Expected, key: &str, value: impl Into<String>) {
    out.insert(key.to_owned(), Value::String(value.into()));
}

/// Computes the `expected` object of a vector of `kind` from its `input`.
///
/// # Errors
/// [`ComputeError::UnknownKind`], [`ComputeError::BadInput`] (a missing, mistyped or
/// unknown field, checked before anything is computed), the crate's refusal of the input
/// ([`ComputeError::Refused`]), or [`ComputeError::ReadTwice`] (a bug of this harness).
///
/// ```
/// use serde_json::json;
/// let out = srp_cognito_vectors::compute("timestamp", &json!({"unix_seconds": 1793693109}))?;
/// assert_eq!(out["timestamp"], "Tue Nov 3 08:05:09 UTC 2026");
/// # Ok::<(), srp_cognito_vectors::ComputeError>(())
/// ```
pub fn compute(kind: &str, input: &Value) -> Result<Expected, ComputeError> {
    let mut input = Input::new(input)?;
    let mut out = Expected::new();
    let result = compute_kind(kind, &mut input, &mut out);
    if let Some(field) = input.read_twice() {
        return Err(ComputeError::ReadTwice { field });
    }
    result.map(|()| out)
}

fn compute_kind(kind: &str, input: &mut Input<'_>, out: &mut Expected) -> Result<(), ComputeError> {
    match kind {
        "secret_hash" => {
            let username = input.text("username");
            let client_id = input.text("client_id");
            let secret = ClientSecret::new(input.text("client_secret"));
            input.finish()?;
            put(
                out,
                "secret_hash",
                secret_hash(username, client_id, &secret)?,
            );
        }
        "timestamp" => {
            let secs = input.integer("unix_seconds");
            input.finish()?;
            let timestamp = Timestamp::from_unix_seconds(secs)?;
            put(out, "timestamp", timestamp.as_str());
        }
        "srp_a" => {
            let a = input.text("a");
            input.finish()?;
            put(out, "srp_a", EphemeralSecret::from_hex(a)?.srp_a().as_str());
        }
        "password_verifier" | "device_password_verifier" => verifier(kind, input, out)?,
        "device_verifier" => {
            let group_key = input.text("device_group_key");
            let device_key = input.text("device_key");
            let password = DevicePassword::new(input.text("random_password"));
            let salt = input.text("salt");
            input.finish()?;
            let salt = decode_hex("salt", salt, MAX_SALT_DIGITS)?;
            let verifier = DeviceVerifier::from_parts(
                &DeviceGroupKey::new(group_key),
                &DeviceKey::new(device_key),
                password,
                &salt,
            )?;
            put(out, "password_verifier", verifier.password_verifier());
            put(out, "salt", verifier.salt());
        }
        "pad_hex" => {
            let value = input.text("value");
            input.finish()?;
            let value = decode_hex("value", value, MAX_GENERIC_HEX_DIGITS)?;
            put(out, "padded", encode_hex(&pad_vartime(&value)).as_str());
        }
        "u" => {
            let (a, b) = (input.text("srp_a"), input.text("srp_b"));
            input.finish()?;
            let a = decode_hex("srp_a", a, MAX_GENERIC_HEX_DIGITS)?;
            let b = decode_hex("srp_b", b, MAX_GENERIC_HEX_DIGITS)?;
            put(
                out,
                "u",
                number_to_hex_vartime(&scrambler_u_vartime(&a, &b)).as_str(),
            );
        }
        "hkdf" => {
            let (ikm, salt) = (input.text("ikm"), input.text("salt"));
            input.finish()?;
            let ikm = decode_hex("ikm", ikm, MAX_GENERIC_HEX_DIGITS)?;
            let salt = decode_hex("salt", salt, MAX_GENERIC_HEX_DIGITS)?;
            put(out, "key", encode_hex(&hkdf_key(&ikm, &salt)[..]).as_str());
        }
        "rfc5054" => rfc5054(input, out)?,
        _ => return Err(ComputeError::UnknownKind),
    }
    Ok(())
}

/// The `password_verifier` and `device_password_verifier` kinds.
fn verifier(kind: &str, input: &mut Input<'_>, out: &mut Expected) -> Result<(), ComputeError> {
    let a = input.text("a");
    let salt = input.text("salt");
    let srp_b = input.text("srp_b");
    let secret_block = input.optional("secret_block");
    let timestamp = input.optional("timestamp");
    // (realm, user, password): the pool id, USER_ID_FOR_SRP and the password, or the
    // device group key, the device key and the device password.
    let (realm, user, password) = if kind == "password_verifier" {
        let realm = input.text("pool_id");
        (realm, input.text("user_id_for_srp"), input.text("password"))
    } else {
        let realm = input.text("device_group_key");
        (
            realm,
            input.text("device_key"),
            input.text("random_password"),
        )
    };
    input.finish()?;
    match (secret_block, timestamp) {
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
        _ => {}
    }
    let a = EphemeralSecret::from_hex(a)?;
    let srp_a = a.srp_a().clone();
    let session = if kind == "password_verifier" {
        let pool = PoolId::parse(realm)?;
        SessionKey::user(a, &pool, user, &Password::new(password), salt, srp_b)?
    } else {
        let password = DevicePassword::new(password);
        SessionKey::device(a, realm, user, &password, salt, srp_b)?
    };
    put(out, "srp_a", srp_a.as_str());
    put(out, "u", session.u_hex());
    put(out, "x", session.expose_x_hex().as_str());
    put(out, "s", session.expose_s_hex().as_str());
    put(out, "hkdf_key", session.expose_key_hex().as_str());
    if let (Some(block), Some(ts)) = (secret_block, timestamp) {
        let claim = session.claim(block, &Timestamp::parse(ts)?)?;
        put(out, "password_claim_signature", claim.signature());
    }
    Ok(())
}

/// RFC 5054 Appendix B's arithmetic, in its own group, on the crate's engine
/// ([`hazmat::rfc5054_vartime`]): `v`, `A`, `B`, and `S` as both sides compute it. `I`, `P` and
/// `s` are read and not used: the RFC's SHA-1 hashing is not Cognito's, so `k`, `x` and
/// `u` are taken as given.
fn rfc5054(input: &mut Input<'_>, out: &mut Expected) -> Result<(), ComputeError> {
    let names = ["N", "g", "k", "x", "u", "a", "b"];
    let texts = names.map(|name| input.text(name));
    for unused in ["I", "P", "s"] {
        input.text(unused);
    }
    input.finish()?;
    let mut values = Vec::with_capacity(names.len());
    for (name, text) in names.into_iter().zip(texts) {
        values.push(decode_hex(name, text, MAX_GENERIC_HEX_DIGITS)?);
    }
    let [n, g, k, x, u, a, b] = &values[..] else {
        unreachable!("seven names, seven values")
    };
    let r = hazmat::rfc5054_vartime(n, g, k, x, u, a, b).map_err(|e| ComputeError::BadInput {
        field: e.field.into(),
    })?;
    for (key, value) in [
        ("v", &r.v),
        ("A", &r.big_a),
        ("B", &r.big_b),
        ("S", &r.s_client),
        ("S_server", &r.s_server),
    ] {
        put(out, key, number_to_hex_vartime(value).as_str());
    }
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

/// The vector files (`*.json`) of `folder` (the repository's `test-vectors/`), and how many
/// vectors they hold together (RFC 5054's file counts one): what a language package's
/// `run-vectors` must report passing.
///
/// # Panics
/// When the folder or a file cannot be read, or a file is not JSON: for tests only.
#[must_use]
pub fn vector_files(folder: &std::path::Path) -> (Vec<std::path::PathBuf>, usize) {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(folder)
        .expect("the vector folder")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let count = files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("a vector file");
            let document: Value = serde_json::from_str(&text).expect("JSON");
            document["vectors"].as_array().map_or(1, Vec::len)
        })
        .sum();
    (files, count)
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
    if let Err(e @ ComputeError::ReadTwice { .. }) = &result {
        problems.push(e.to_string());
        return problems;
    }
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
                    "refused as {} ({e}), expected error {error}",
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

    /// A misspelt or unknown field fails the vector with its name, also when the vector
    /// expects a refusal that the crate would give anyway.
    #[test]
    fn a_misspelt_field_fails_a_refusal_vector() {
        let vector = json!({"id": "t", "kind": "password_verifier", "comment": "",
            "input": {"a": "0", "salt": "01", "srp_b": "02", "pool_id": "us-east-1_abc",
                "user_id_for_srp": "u", "pasword": "p"},
            "error": "a_out_of_range"});
        let problems = check_vector(&vector);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("\"password\""), "{problems:?}");
        let mut renamed = vector.clone();
        let input = renamed["input"].as_object_mut().unwrap();
        input.remove("pasword");
        input.insert("password".into(), json!("p"));
        assert!(check_vector(&renamed).is_empty());
        input_with_extra_field_fails(renamed);
    }

    fn input_with_extra_field_fails(mut vector: Value) {
        vector["input"]["tz"] = json!("UTC");
        let problems = check_vector(&vector);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("\"tz\""), "{problems:?}");
    }

    #[test]
    fn a_field_read_twice_is_caught() {
        let value = json!({"unix_seconds": 0});
        let mut input = Input::new(&value).unwrap();
        input.integer("unix_seconds");
        assert_eq!(input.read_twice(), None);
        input.integer("unix_seconds");
        assert_eq!(input.read_twice().as_deref(), Some("unix_seconds"));
        assert_eq!(input.finish(), Ok(()));
        let e = ComputeError::ReadTwice {
            field: "unix_seconds".into(),
        };
        assert_eq!(e.category(), "harness_read_twice");
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
