//! Every vector of every file in test-vectors/: one test per file, so a failure names it,
//! on the backend the crate picks (`portable.rs` runs them all on the portable one).

mod files;

use files::{check, dir};
use serde_json::Value;
use srp_cognito_vectors::check_vector;

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
    let dir = dir();
    let mut tampered = 0;
    for (file, _) in files::FILES {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        let document: Value = serde_json::from_str(&text).unwrap();
        let Some(vectors) = document["vectors"].as_array() else {
            continue; // RFC 5054's single vector, checked by `rfc5054` above
        };
        for (i, vector) in vectors.iter().enumerate() {
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
                let problems = check_vector(&changed);
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
                assert!(!check_vector(&changed).is_empty(), "{file}: {id}");
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

/// Every vector fails once one of its input fields is misspelt, whether it expects a
/// result or a refusal, and the failure names the field.
#[test]
fn every_vector_with_a_misspelt_input_field_fails() {
    let mut misspelt = 0;
    for (file, _) in files::FILES {
        let text = std::fs::read_to_string(format!("{}/{file}", dir())).unwrap();
        let document: Value = serde_json::from_str(&text).unwrap();
        let Some(vectors) = document["vectors"].as_array() else {
            continue; // RFC 5054's single vector has no input object
        };
        for (i, vector) in vectors.iter().enumerate() {
            let id = vector["id"].as_str().unwrap();
            let input = vector["input"].as_object().unwrap();
            let key = input.keys().nth(i % input.len()).unwrap().clone();
            let mut changed = vector.clone();
            let fields = changed["input"].as_object_mut().unwrap();
            let value = fields.remove(&key).unwrap();
            let wrong = format!("{key}_");
            fields.insert(wrong.clone(), value);
            let problems = check_vector(&changed);
            let named = |field: &str| problems.iter().any(|p| p.contains(&format!("{field:?}")));
            assert!(
                named(&key) || named(&wrong),
                "{file}: {id}: {key}: {problems:?}"
            );
            misspelt += 1;
        }
    }
    assert_eq!(misspelt, 94 + 37, "every vector but RFC 5054's");
}
