//! The cases of `tests/reference.rs`, `tests/reference_portable.rs` and
//! `tests/reference_portable32.rs`.

use super::setup;
use num_bigint::BigUint;
use proptest::prelude::*;
use srp_cognito::steps::SessionKey;
use srp_cognito::{
    Error, Password, PoolId, Timestamp,
    device::{DeviceGroupKey, DeviceKey, DevicePassword, DeviceVerifier},
    steps::EphemeralSecret,
};
use srp_cognito_reference::{self as reference, base64, big, n};

/// `SRP_B` candidates: below `N`, at or above it (up to 2N, unreduced), short, with zeros.
fn srp_b() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 1..384).prop_map(hex::encode),
        proptest::collection::vec(any::<u8>(), 384).prop_map(|r| {
            // N + r, r < N: as sent, above N.
            (n() + BigUint::from_bytes_be(&r) % n()).to_str_radix(16)
        }),
        "0{1,6}[1-9a-f][0-9a-f]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn user_session_matches_the_reference(
        a in proptest::collection::vec(any::<u8>(), 1..160),
        srp_b in srp_b(),
        salt in "0{0,4}[0-9a-fA-F]{1,40}",
        user in "[a-z0-9@._\\-]{1,24}|\\PC{1,8}",
        password in "\\PC{0,24}",
        pool_name in "[0-9a-zA-Z]{1,12}",
        secret_block in proptest::collection::vec(any::<u8>(), 1..64),
        secs in 0i64..253_402_300_799,
    ) {
        setup();
        prop_assume!(BigUint::from_bytes_be(&a) != BigUint::ZERO);
        let pool = PoolId::parse(&format!("us-east-1_{pool_name}")).unwrap();
        let ts = Timestamp::from_unix_seconds(secs).unwrap();
        let want_eph = reference::Ephemeral::new(&a);
        let want = reference::password_claim(&want_eph, &reference::Challenge {
            realm: &pool_name, user: &user, password: &password, srp_b: &srp_b,
            salt: &salt, secret_block: &secret_block, timestamp: ts.as_str(),
        });
        let eph = EphemeralSecret::from_bytes(&a).unwrap();
        prop_assert_eq!(eph.srp_a().as_str(), want_eph.srp_a());
        let session = match SessionKey::user(eph, &pool, &user, &Password::new(password.clone()), &salt, &srp_b) {
            Ok(session) => session,
            Err(e) => {
                // Only a B that is a multiple of N may be refused (and is, by the reference's maths).
                prop_assert_eq!(e, Error::BModNZero);
                prop_assert_eq!(big(&srp_b) % n(), BigUint::ZERO);
                return Ok(());
            }
        };
        prop_assert_eq!(session.u_hex(), want.u);
        prop_assert_eq!(&**session.expose_x_hex(), want.x.as_str());
        prop_assert_eq!(&**session.expose_s_hex(), want.s.as_str());
        prop_assert_eq!(&**session.expose_key_hex(), want.key.as_str());
        let claim = session.claim(&base64(&secret_block), &ts).unwrap();
        prop_assert_eq!(claim.signature(), want.signature.as_str());
    }

    #[test]
    fn device_verifier_matches_the_reference(
        group_key in "-[A-Za-z0-9]{9}",
        device_key in "[a-z]{2}-[a-z]{4}-[0-9]_[0-9a-f\\-]{36}",
        password in proptest::collection::vec(any::<u8>(), 40).prop_map(|b| base64(&b)),
        salt in proptest::collection::vec(any::<u8>(), 16),
    ) {
        setup();
        let (verifier, salt_b64) = reference::device_verifier(&group_key, &device_key, &password, &salt);
        let got = DeviceVerifier::from_parts(&DeviceGroupKey::new(group_key.as_str()), &DeviceKey::new(device_key.as_str()), DevicePassword::new(password.clone()), &salt).unwrap();
        prop_assert_eq!(got.password_verifier(), verifier);
        prop_assert_eq!(got.salt(), salt_b64);
    }
}

/// The reference itself agrees with a shared vector, so the comparison above means something.
#[test]
fn the_reference_reproduces_a_shared_vector() {
    setup();
    let path = format!(
        "{}/test-vectors/password_verifier.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let vector = &file["vectors"][3];
    let (input, expected) = (&vector["input"], &vector["expected"]);
    let s = |k: &str| input[k].as_str().unwrap();
    let pool = PoolId::parse(s("pool_id")).unwrap();
    let block = <base64ct::Base64 as base64ct::Encoding>::decode_vec(s("secret_block")).unwrap();
    let eph = reference::Ephemeral::new(&big(s("a")).to_bytes_be());
    let want = reference::password_claim(
        &eph,
        &reference::Challenge {
            realm: pool.name(),
            user: s("user_id_for_srp"),
            password: s("password"),
            srp_b: s("srp_b"),
            salt: s("salt"),
            secret_block: &block,
            timestamp: s("timestamp"),
        },
    );
    assert_eq!(eph.srp_a(), expected["srp_a"].as_str().unwrap());
    assert_eq!(
        want.signature,
        expected["password_claim_signature"].as_str().unwrap()
    );
}
