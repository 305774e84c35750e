//! Hostile input to the vector interface: random JSON to `compute` and `check_file` gives
//! a value or a typed refusal, never a panic; a 50 MB field is refused before parsing.

use proptest::prelude::*;
use serde_json::{Map, Value};
use srp_cognito_vectors::{check_file, compute, compute_json};

const KINDS: [&str; 11] = [
    "secret_hash",
    "timestamp",
    "srp_a",
    "password_verifier",
    "device_verifier",
    "device_password_verifier",
    "pad_hex",
    "u",
    "hkdf",
    "rfc5054",
    "other",
];
const FIELDS: [&str; 24] = [
    "username",
    "client_id",
    "client_secret",
    "unix_seconds",
    "a",
    "pool_id",
    "user_id_for_srp",
    "password",
    "srp_b",
    "salt",
    "secret_block",
    "timestamp",
    "device_group_key",
    "device_key",
    "random_password",
    "value",
    "srp_a",
    "ikm",
    "N",
    "g",
    "k",
    "x",
    "u",
    "b",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        hexish().prop_map(Value::from),
        "[a-z]{1,6}-[0-9]_[A-Za-z0-9]{1,8}".prop_map(Value::from),
        "(Mon|Tue) (Jan|Feb) [0-9]{1,2} [0-9]{2}:[0-9]{2}:[0-9]{2} UTC [0-9]{4}"
            .prop_map(Value::from),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 40, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::vec(
                (
                    prop_oneof![
                        proptest::sample::select(&FIELDS[..]).prop_map(str::to_owned),
                        ".{0,6}"
                    ],
                    inner
                ),
                0..10,
            )
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn compute_never_panics(kind in proptest::sample::select(&KINDS[..]), input in json()) {
        if let Err(e) = compute(kind, &input) {
            prop_assert!(!e.category().is_empty());
        }
    }

    #[test]
    fn compute_json_and_check_file_never_panic(text in ".{0,200}", value in json()) {
        let _ = compute_json(&text);
        let _ = check_file(&text);
        let request = serde_json::json!({"kind": "srp_a", "input": value});
        let _ = compute_json(&request.to_string());
        let _ = check_file(&serde_json::json!({"vectors": [value]}).to_string());
    }
}

/// Strings that are often hex, sometimes not.
fn hexish() -> impl Strategy<Value = String> {
    "[0-9a-fA-F]{1,80}|0{0,8}[0-9a-f]{0,8}|.{0,40}"
}

/// 50 MB, far past every limit.
const FIFTY_MB: usize = 50 * 1024 * 1024;

#[test]
fn fifty_megabyte_compute_request_is_refused() {
    let request = format!(
        r#"{{"kind":"srp_a","input":{{"a":"{}"}}}}"#,
        "1".repeat(FIFTY_MB)
    );
    let result = compute_json(&request);
    assert_eq!(result.map_err(|e| e.category()), Err("a_out_of_range"));
}
