//! Property tests: random strings, bytes and JSON fed to every parser, to the protocol
//! steps and to `compute` give a value or a typed error, never a panic.

use std::collections::HashMap;

use proptest::prelude::*;
use srp_cognito::steps::{Challenge, ResponseBuilder, SessionKey};
use srp_cognito::{
    Answer, AppClient, ClientSecret, Password, PoolId, SecretBlockDecoding, Timestamp,
    device::{DeviceGroupKey, DeviceKey, DevicePassword, DeviceVerifier},
    secret_hash,
    steps::EphemeralSecret,
};

/// Strings that are often hex (of any length, odd or even, with leading zeros), sometimes not.
fn hexish() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[0-9a-fA-F]{1,80}",
        2 => "0{0,8}[0-9a-f]{0,8}",
        2 => "[0-9a-fA-F]{760,780}",
        1 => ".{0,40}",
        1 => Just(String::new()),
    ]
}

fn base64ish() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9+/]{0,64}={0,2}",
        "[A-Za-z0-9_\\-]{0,64}={0,3}",
        ".{0,40}"
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsers_never_panic(text in ".{0,80}", bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = PoolId::parse(&text);
        let _ = Timestamp::parse(&text);
        let _ = EphemeralSecret::from_hex(&text);
        let _ = EphemeralSecret::from_bytes(&bytes);
        let _ = secret_hash(&text, &text, &ClientSecret::new(text.clone()));
        let _ = AppClient::new(text.clone());
        let lossy = String::from_utf8_lossy(&bytes);
        let _ = PoolId::parse(&lossy);
        let _ = Timestamp::parse(&lossy);
    }

    #[test]
    fn timestamps_round_trip(secs in any::<i64>()) {
        match Timestamp::from_unix_seconds(secs) {
            Ok(ts) => prop_assert_eq!(Timestamp::parse(ts.as_str()), Ok(ts)),
            Err(_) => prop_assert!(!(0..=253_402_300_799).contains(&secs)),
        }
    }

    #[test]
    fn pool_ids_match_the_sdk_regex(id in "[a-zA-Z0-9_\\-]{0,60}") {
        // ^[\w-]+_[0-9a-zA-Z]+$ and at most 55 characters, checked here by a second reading.
        let last = id.rfind('_');
        let ok = id.len() <= 55 && last.is_some_and(|i| {
            i > 0 && i + 1 < id.len() && id[i + 1..].chars().all(|c| c.is_ascii_alphanumeric())
        });
        prop_assert_eq!(PoolId::parse(&id).is_ok(), ok, "{}", id);
        if let Ok(pool) = PoolId::parse(&id) {
            prop_assert_eq!(pool.name(), id.split('_').nth(1).unwrap_or(""));
        }
    }
}

proptest! {
    // Each case can run two 3072-bit exponentiations: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn protocol_steps_never_panic(
        a in hexish(), salt in hexish(), srp_b in hexish(), block in base64ish(),
        user in prop_oneof![4 => "[a-z0-9@.]{1,20}", 1 => ".{0,20}"],
        pool in prop_oneof![4 => "[a-z0-9\\-]{1,12}_[A-Za-z0-9]{1,6}", 1 => "[a-z0-9_\\-]{0,12}_[A-Za-z0-9]{0,6}"], device_salt in proptest::collection::vec(any::<u8>(), 0..40),
    ) {
        if let (Ok(a), Ok(pool)) = (EphemeralSecret::from_hex(&a), PoolId::parse(&pool))
            && let Ok(session) = SessionKey::user(a, &pool, &user, &Password::new(user.clone()), &salt, &srp_b)
        {
            let ts = Timestamp::from_unix_seconds(0).unwrap();
            let strict = session.claim(&block, &ts);
            let lenient = session.claim_with(&block, &ts, SecretBlockDecoding::Lenient);
            // Whatever strict base64 accepts, the lenient reading signs identically.
            if let Ok(strict) = strict {
                prop_assert_eq!(Some(strict), lenient.ok());
            }
        }
        let _ = DeviceVerifier::from_parts(&DeviceGroupKey::new(user.as_str()), &DeviceKey::new(user.as_str()), DevicePassword::new(user.clone()), &device_salt);
    }

    #[test]
    fn builder_never_panics(
        name in prop_oneof![Just("PASSWORD_VERIFIER".to_owned()), Just("SMS_MFA".to_owned()), Just("ADMIN_NO_SRP_AUTH".to_owned()), ".{0,20}"],
        keys in proptest::collection::vec(prop_oneof![Just("USERNAME".to_owned()), Just("USER_ID_FOR_SRP".to_owned()), Just("SALT".to_owned()), Just("SRP_B".to_owned()), Just("SECRET_BLOCK".to_owned()), ".{0,12}"], 0..6),
        values in proptest::collection::vec(hexish(), 6),
        code in ".{0,10}",
    ) {
        let params: HashMap<String, String> = keys.into_iter().zip(values).collect();
        let challenge = Challenge::new(name.as_str(), params);
        let client = AppClient::with_secret("client", ClientSecret::new("secret")).unwrap();
        let builder = ResponseBuilder::new(&challenge, &client);
        let _ = builder.build(Answer::SmsMfaCode(&code));
        let _ = builder.build(Answer::Other(&[(code.as_str(), "v")]));
        let _ = builder.build(Answer::CustomChallenge(&code));
        if let Ok(a) = EphemeralSecret::from_hex("5") {
            let pool = PoolId::parse("us-east-1_abc").unwrap();
            let ts = Timestamp::from_unix_seconds(0).unwrap();
            if let Ok(claim) = challenge.password_claim(a, &pool, &Password::new(code.clone()), &ts) {
                let _ = builder.build(Answer::PasswordVerifier(&claim));
            }
        }
    }
}
