//! Hex, base64, pool-id, timestamp and challenge-name parsing: any bytes, no panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use serde_json::json;
use srp_cognito::steps::SessionKey;
use srp_cognito::{
    ChallengeName, Password, PoolId, SecretBlockDecoding, Timestamp, steps::EphemeralSecret,
};
use srp_cognito_vectors::compute;

/// One session, built once: its claim decodes the fuzzed base64.
fn session() -> &'static SessionKey {
    static SESSION: OnceLock<SessionKey> = OnceLock::new();
    SESSION.get_or_init(|| {
        let a = EphemeralSecret::from_bytes(&[0x5a; 32]).expect("a");
        let pool = PoolId::parse("us-east-1_abc").expect("pool");
        SessionKey::user(a, &pool, "u", &Password::new("p"), "01", "7fc3").expect("session")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let middle = (0..=text.len() / 2)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let (left, right) = text.split_at(middle);
    let _ = PoolId::parse(&text);
    let _ = Timestamp::parse(&text);
    let _ = ChallengeName::parse(&text);
    let _ = compute("pad_hex", &json!({ "value": text }));
    let _ = compute("u", &json!({ "srp_a": left, "srp_b": right }));
    let _ = compute("hkdf", &json!({ "ikm": left, "salt": right }));
    let ts = Timestamp::from_unix_seconds(0).expect("timestamp");
    let strict = session().claim(&text, &ts);
    let lenient = session().claim_with(&text, &ts, SecretBlockDecoding::Lenient);
    // Whatever strict base64 accepts, the emulators' reading signs identically.
    if let Ok(strict) = strict {
        assert_eq!(Some(strict), lenient.ok());
    }
    if data.len() >= 8 {
        let secs = i64::from_le_bytes(data[..8].try_into().expect("8 bytes"));
        if let Ok(ts) = Timestamp::from_unix_seconds(secs) {
            assert_eq!(Timestamp::parse(ts.as_str()).as_ref(), Ok(&ts));
        }
    }
});
