//! Hostile input: fields far larger than Cognito sends are refused before any parsing or
//! arithmetic (a 50 MB SRP_B costs a length comparison), through every entry point.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use srp_cognito::limits::{MAX_SALT_DIGITS, MAX_SECRET_BLOCK_CHARS, MAX_SRP_B_DIGITS};
use srp_cognito::steps::{Challenge, SessionKey};
use srp_cognito::{Error, Password, PoolId, Timestamp, steps::EphemeralSecret};

const FIFTY_MB: usize = 50 * 1024 * 1024;

fn refused_quickly(what: &str, f: impl FnOnce() -> Result<(), Error>, want: Error) {
    let start = Instant::now();
    assert_eq!(f(), Err(want), "{what}");
    // A bound on denial of service, not a benchmark: parsing 50 MB of hex would take
    // far longer than this.
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{what}: {:?}",
        start.elapsed()
    );
}

#[test]
fn fifty_megabyte_fields_are_refused_before_parsing() {
    let huge_hex = "f".repeat(FIFTY_MB);
    let huge_base64 = "A".repeat(FIFTY_MB);
    let pool = PoolId::parse("us-east-1_abc").unwrap();
    let ts = Timestamp::from_unix_seconds(0).unwrap();
    refused_quickly(
        "SRP_B",
        || {
            let a = EphemeralSecret::from_hex("5")?;
            SessionKey::user(a, &pool, "u", &Password::new("p"), "01", &huge_hex).map(|_| ())
        },
        Error::TooLarge {
            field: "SRP_B",
            max: MAX_SRP_B_DIGITS,
        },
    );
    refused_quickly(
        "SALT",
        || {
            let a = EphemeralSecret::from_hex("5")?;
            SessionKey::user(a, &pool, "u", &Password::new("p"), &huge_hex, "02").map(|_| ())
        },
        Error::TooLarge {
            field: "SALT",
            max: MAX_SALT_DIGITS,
        },
    );
    refused_quickly(
        "SECRET_BLOCK",
        || {
            let a = EphemeralSecret::from_hex("5")?;
            let session = SessionKey::user(a, &pool, "u", &Password::new("p"), "01", "02")?;
            session.claim(&huge_base64, &ts).map(|_| ())
        },
        Error::TooLarge {
            field: "SECRET_BLOCK",
            max: MAX_SECRET_BLOCK_CHARS,
        },
    );
    refused_quickly(
        "a",
        || EphemeralSecret::from_hex(&huge_hex).map(|_| ()),
        Error::AOutOfRange,
    );
    refused_quickly(
        "SRP_B through a challenge",
        || {
            let params = HashMap::from([
                ("USER_ID_FOR_SRP".to_owned(), "u".to_owned()),
                ("SALT".to_owned(), "01".to_owned()),
                ("SRP_B".to_owned(), huge_hex.clone()),
                ("SECRET_BLOCK".to_owned(), "AAAA".to_owned()),
            ]);
            let challenge = Challenge::new("PASSWORD_VERIFIER", params);
            let a = EphemeralSecret::from_hex("5")?;
            challenge
                .password_claim(a, &pool, &Password::new("p"), &ts)
                .map(|_| ())
        },
        Error::TooLarge {
            field: "SRP_B",
            max: MAX_SRP_B_DIGITS,
        },
    );
}
