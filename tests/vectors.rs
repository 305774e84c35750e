//! Every vector of every file in test-vectors/: one test per file, so a failure names it.
#![cfg(feature = "vectors")]

use srp_cognito::vectors::check_file;

fn check(file: &str, expected_count: usize) {
    let path = format!("{}/test-vectors/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let report = check_file(&text);
    for failure in &report.failures {
        eprintln!("{file}: {}: {}", failure.id, failure.problems.join("; "));
    }
    assert!(
        report.failures.is_empty(),
        "{file}: {} failed",
        report.failures.len()
    );
    assert_eq!(report.passed, expected_count, "{file}: vector count");
}

#[test]
fn secret_hash() {
    check("secret_hash.json", 10);
}

#[test]
fn timestamp() {
    check("timestamp.json", 12);
}

#[test]
fn srp_a() {
    check("srp_a.json", 10);
}

#[test]
fn password_verifier() {
    check("password_verifier.json", 12);
}

#[test]
fn device() {
    check("device.json", 12);
}

#[test]
fn invalid() {
    check("invalid.json", 9);
}

#[test]
fn invalid_extra() {
    check("invalid_extra.json", 37);
}

#[test]
fn published() {
    check("published.json", 29);
}

#[test]
fn rfc5054() {
    check("rfc5054.json", 1);
}

/// The checker must fail every vector once one of its expectations is changed: each
/// vector gets one field altered (a different field from one vector to the next).
#[test]
fn every_tampered_vector_fails() {
    use serde_json::Value;
    let dir = format!("{}/test-vectors", env!("CARGO_MANIFEST_DIR"));
    let mut tampered = 0;
    for file in [
        "secret_hash.json",
        "timestamp.json",
        "srp_a.json",
        "password_verifier.json",
        "device.json",
        "invalid.json",
        "published.json",
        "invalid_extra.json",
    ] {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        let document: Value = serde_json::from_str(&text).unwrap();
        for (i, vector) in document["vectors"].as_array().unwrap().iter().enumerate() {
            let mut changed = vector.clone();
            let id = vector["id"].as_str().unwrap();
            if let Some(expected) = changed.get_mut("expected").and_then(Value::as_object_mut) {
                if expected.is_empty() {
                    continue;
                }
                let key = expected.keys().nth(i % expected.len()).unwrap().clone();
                let value = expected[&key].as_str().unwrap();
                // Replace the last character by another one of the same alphabet.
                let last = value.chars().last().unwrap();
                let other = if last == '0' { '1' } else { '0' };
                let altered = format!("{}{other}", &value[..value.len() - 1]);
                expected.insert(key.clone(), Value::String(altered));
                let problems = srp_cognito::vectors::check_vector(&changed);
                assert!(
                    problems.iter().any(|p| p.starts_with(&key)),
                    "{file}: {id}: {key}: {problems:?}"
                );
            } else {
                let error = changed["error"].as_str().unwrap();
                changed["error"] = Value::from(if error == "u_zero" {
                    "bad_hex"
                } else {
                    "u_zero"
                });
                assert!(
                    !srp_cognito::vectors::check_vector(&changed).is_empty(),
                    "{file}: {id}"
                );
            }
            tampered += 1;
        }
    }
    assert_eq!(
        tampered,
        94 + 37,
        "every shared vector and every extra refusal"
    );
}
