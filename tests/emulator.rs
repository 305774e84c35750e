//! A local emulator's `SECRET_BLOCK` that is not base64 (moto sends its session id, a
//! UUID), read with [`SecretBlockDecoding::Lenient`].
//!
//! Expected values: AWS's amazon-cognito-identity-js 6.3.21, run by
//! `tests/js/emulator_secret_block.js` (fixed `a` and clock, moto-shaped replies) on
//! 2026-11-22. The SDK signs `Buffer.from(SECRET_BLOCK, 'base64')`, which reads `-` as
//! the URL-safe digit 62.

use std::collections::HashMap;

use srp_cognito::steps::Challenge;
use srp_cognito::{
    Error, Password, PoolId, SecretBlockDecoding, Timestamp,
    device::{DeviceGroupKey, DeviceKey, DevicePassword, RememberedDevice},
    steps::EphemeralSecret,
};

/// The script's `A_HEX`: SHA-256 of "emulator 0" … "emulator 3", concatenated.
const A: &str = "f35116d78bcca2dd9a80bf337cb68c7ba0bfa71fa1bc6a1e3bc1b3eb2c76af523ba724695aaed946a80bb53d775213dbc3206cac55e0a18c396ca99efaf38e71eef939a25a175c79ec6f13052f598722af6345a0e605e2310b08764e9e79b09a861d556b65f1461fafa006eb5814d88e5d694f307ee17e58e74351236cf0dfc6";
/// `SRP_A` the SDK sent in InitiateAuth and DEVICE_SRP_AUTH.
const SRP_A: &str = "15a491dee1630b5d4652f078c8c109d48bfce7f400ecb0c541f2cc62913ee0b027a6e8a7e93c68903864238f5b57c04a95c94932b5ab6fc12abb5e8658b3a9c51a3c16a5d9e510eaa8c7a11a16810ea476cbc1dbff7804fc38dd1ad41f9442d835da0a92d4a775611e7a2d9a51fdbf942c90e085a881c986ad1250fdab2cd11cd7bc202b6cb754cd67aa7b92b73eaac36ffa238e55ab4dcba3c8615efdad9f8ab5884e590090637ff0b9aeaf09ff093b13f17bcd02a0929bbe648fdfe1a2aef5f16fe9e481529db87c09692e70888b9784051aec176ea6fc3e540baa433eaab5701d4bd7a6c1f4bab1dab494d8b92d7439e097929838dcd721cd5cbb487a66011b5fc2b2a083a29d4fe2c4c18885060fd0ef17c945f61438eb906b9f2087f796f9aebf0d845d6ba08dd82596dcb1c22124a7c0a02390cc39cf2c651fef13723292d87a26b5be2205942c31c81e7fc2096d59112d577c7df18cdd1acce0c8810ceaa59fd4056ee6798d6bbbcf59183776e4533ef887a711149f6d5686d893613f";
const TIMESTAMP: &str = "Sun Nov 22 01:02:03 UTC 2026";

fn challenge(name: &str, params: &[(&str, &str)]) -> Challenge {
    let params: HashMap<String, String> = params
        .iter()
        .map(|&(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    Challenge::new(name, params)
}

fn user_challenge() -> Challenge {
    challenge(
        "PASSWORD_VERIFIER",
        &[
            ("SALT", "3b1f0e5c8d2a4f6e9b7c1d0a2e4f6a8c"),
            ("SRP_B", "c2e4a6f8b0d2e4f6a8c0e2a4b6d8f0a2"),
            ("USERNAME", "alice"),
            ("USER_ID_FOR_SRP", "f7d3a1c2-5b6e-4f80-9a1b-2c3d4e5f6a7b"),
            ("SECRET_BLOCK", "81505697-18c7-4b0e-9a44-5a2a6e1f3c0d"),
        ],
    )
}

fn device_challenge() -> Challenge {
    challenge(
        "DEVICE_PASSWORD_VERIFIER",
        &[
            ("SALT", "0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
            ("SRP_B", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
            ("SECRET_BLOCK", "e0c4b9f2-7a1d-4c3e-8b5f-6d2a9e1c7b40"),
            ("USERNAME", "f7d3a1c2-5b6e-4f80-9a1b-2c3d4e5f6a7b"),
        ],
    )
}

fn device() -> RememberedDevice {
    RememberedDevice::new(
        DeviceKey::new("us-east-1_6ad521da-43f4-4e55-a0f6-ab02b02e2245"),
        DeviceGroupKey::new("-xq0jx01Rv"),
        DevicePassword::new("3qLnxDr4ci5imN53asJv0ZWt/lg3l5baGjjbq/UFsf1nnhNcSPVncA=="),
    )
}

fn pool() -> PoolId {
    PoolId::parse("us-east-1_0123456789abcdef0123456789abcdef").unwrap()
}

fn a() -> EphemeralSecret {
    let a = EphemeralSecret::from_hex(A).unwrap();
    assert_eq!(a.srp_a().as_str(), SRP_A);
    a
}

#[test]
fn user_claim_matches_amazon_cognito_identity_js() {
    let timestamp = Timestamp::parse(TIMESTAMP).unwrap();
    let claim = user_challenge()
        .with_secret_block_decoding(SecretBlockDecoding::Lenient)
        .password_claim(a(), &pool(), &Password::new("Pässwörd-1"), &timestamp)
        .unwrap();
    assert_eq!(
        claim.signature(),
        "ttZuAuv7Ke50hxqWM8Q4SriYbcpAp4va5Ku9fyCndDE="
    );
    assert_eq!(claim.secret_block(), "81505697-18c7-4b0e-9a44-5a2a6e1f3c0d");
}

#[test]
fn device_claim_matches_amazon_cognito_identity_js() {
    let timestamp = Timestamp::parse(TIMESTAMP).unwrap();
    let claim = device_challenge()
        .with_secret_block_decoding(SecretBlockDecoding::Lenient)
        .device_password_claim(a(), &device(), &timestamp)
        .unwrap();
    assert_eq!(
        claim.signature(),
        "qAhwE57veASi/K0qOYYA8FmNTjgz4+/F8AT+yBMDQ7c="
    );
    assert_eq!(claim.secret_block(), "e0c4b9f2-7a1d-4c3e-8b5f-6d2a9e1c7b40");
}

#[test]
fn strict_is_the_default_and_refuses_a_uuid() {
    let timestamp = Timestamp::parse(TIMESTAMP).unwrap();
    let user = user_challenge();
    assert_eq!(user.secret_block_decoding(), SecretBlockDecoding::Strict);
    let refused = user.password_claim(a(), &pool(), &Password::new("Pässwörd-1"), &timestamp);
    assert!(matches!(
        refused,
        Err(Error::BadBase64 {
            field: "SECRET_BLOCK"
        })
    ));
    let refused = device_challenge().device_password_claim(a(), &device(), &timestamp);
    assert!(matches!(
        refused,
        Err(Error::BadBase64 {
            field: "SECRET_BLOCK"
        })
    ));
}

#[test]
fn lenient_still_refuses_what_no_base64_reading_accepts() {
    let timestamp = Timestamp::parse(TIMESTAMP).unwrap();
    for block in ["not*base64!", "abcde", "", "ab=c"] {
        let mut params: Vec<(&str, &str)> = vec![
            ("SALT", "3b1f0e5c8d2a4f6e9b7c1d0a2e4f6a8c"),
            ("SRP_B", "c2e4a6f8b0d2e4f6a8c0e2a4b6d8f0a2"),
            ("USER_ID_FOR_SRP", "f7d3a1c2"),
        ];
        params.push(("SECRET_BLOCK", block));
        let refused = challenge("PASSWORD_VERIFIER", &params)
            .with_secret_block_decoding(SecretBlockDecoding::Lenient)
            .password_claim(a(), &pool(), &Password::new("p"), &timestamp);
        assert!(
            matches!(
                refused,
                Err(Error::BadBase64 { .. } | Error::EmptyInput { .. })
            ),
            "{block:?}: {refused:?}"
        );
    }
    let huge = "A".repeat(srp_cognito::limits::MAX_SECRET_BLOCK_CHARS + 4);
    let params = [
        ("SALT", "3b1f"),
        ("SRP_B", "c2e4"),
        ("USER_ID_FOR_SRP", "f7d3a1c2"),
        ("SECRET_BLOCK", huge.as_str()),
    ];
    let refused = challenge("PASSWORD_VERIFIER", &params)
        .with_secret_block_decoding(SecretBlockDecoding::Lenient)
        .password_claim(a(), &pool(), &Password::new("p"), &timestamp);
    assert!(
        matches!(refused, Err(Error::TooLarge { .. })),
        "{refused:?}"
    );
}
