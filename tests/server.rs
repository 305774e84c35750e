//! The server half (`srp_cognito::server`) against the client half and against an
//! independent server (`srp-cognito-reference`, num-bigint): both halves agree on every
//! random input, the reference computes the same `SRP_B` and accepts the same claims, and a
//! change to A, B, the block, the timestamp, the user id or the password is refused.

use std::collections::HashMap;
use std::time::Instant;

use num_bigint::BigUint;
use proptest::prelude::*;
use srp_cognito::server::{ServerEphemeral, ServerSessionKey, Verifier};
use srp_cognito::steps::Challenge;
use srp_cognito::{
    Error, Password, PoolId, Timestamp,
    device::{DeviceGroupKey, DeviceKey, DevicePassword, DeviceVerifier, RememberedDevice},
    steps::EphemeralSecret,
};
use srp_cognito_reference::Server;

const SKEW: u32 = 300;

fn now() -> Timestamp {
    Timestamp::from_unix_seconds(1_793_693_109).unwrap()
}

/// The PASSWORD_VERIFIER (or DEVICE_PASSWORD_VERIFIER) challenge a session sends.
fn challenge(name: &str, session: &ServerSessionKey, user: &str) -> Challenge {
    let p = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    Challenge::new(
        name,
        HashMap::from([
            p("USERNAME", user),
            p("USER_ID_FOR_SRP", user),
            p("SALT", session.salt()),
            p("SRP_B", session.srp_b()),
            p("SECRET_BLOCK", session.secret_block()),
        ]),
    )
}

/// Which input the client gets wrong.
#[derive(Clone, Copy, Debug)]
enum Change {
    None,
    /// The server computes with another client's A.
    SrpA,
    /// The client receives B with one bit flipped.
    SrpB,
    Block,
    Timestamp,
    UserId,
    Password,
}

/// One sign-in's inputs.
struct Inputs<'a> {
    pool: &'a str,
    user: &'a str,
    password: &'a str,
    a: &'a [u8],
    b: &'a [u8],
    salt: &'a [u8],
    block: &'a [u8],
}

/// A user's sign-in through both halves, with `change` made; the server's verdict.
fn user_sign_in(inputs: &Inputs<'_>, change: Change) -> Result<(), Error> {
    let Inputs {
        pool,
        user,
        password,
        a,
        b,
        salt,
        block,
    } = *inputs;
    let pool = PoolId::parse(pool).unwrap();
    let record = Verifier::for_user_with_salt(&pool, user, &Password::new(password), salt)?;
    let client_a = EphemeralSecret::from_bytes(a)?;
    let other_a = EphemeralSecret::from_bytes(&[0x42; 128])?;
    let sent_a = match change {
        Change::SrpA => other_a.srp_a().as_str().to_owned(),
        _ => client_a.srp_a().as_str().to_owned(),
    };
    let session = ServerSessionKey::user(
        ServerEphemeral::from_parts(b, block)?,
        &record,
        &pool,
        user,
        &sent_a,
    )?;
    let mut parameters = challenge("PASSWORD_VERIFIER", &session, user);
    if let Change::SrpB = change {
        let mut flipped = session.srp_b().to_owned().into_bytes();
        let last = flipped.len() - 1;
        flipped[last] = if flipped[last] == b'0' { b'1' } else { b'0' };
        parameters = Challenge::new(
            "PASSWORD_VERIFIER",
            HashMap::from([
                ("USERNAME".to_owned(), user.to_owned()),
                ("USER_ID_FOR_SRP".to_owned(), user.to_owned()),
                ("SALT".to_owned(), session.salt().to_owned()),
                ("SRP_B".to_owned(), String::from_utf8(flipped).unwrap()),
                ("SECRET_BLOCK".to_owned(), session.secret_block().to_owned()),
            ]),
        );
    }
    if let Change::UserId = change {
        parameters = challenge("PASSWORD_VERIFIER", &session, &format!("{user}x"));
    }
    let typed = match change {
        Change::Password => format!("{password}!"),
        _ => password.to_owned(),
    };
    let claim = parameters.password_claim(client_a, &pool, &Password::new(typed), &now())?;
    let sent_block = match change {
        Change::Block => srp_cognito_reference::base64(b"another session's block"),
        _ => claim.secret_block().to_owned(),
    };
    let timestamp = match change {
        Change::Timestamp => Timestamp::from_unix_seconds(now().unix_seconds() + 1)?,
        _ => claim.timestamp().clone(),
    };
    session.verify(
        &sent_block,
        timestamp.as_str(),
        claim.signature(),
        &now(),
        SKEW,
    )
}

fn identity() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9@._\u{e9}\u{4e2d}-]{1,40}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Client and server agree on random users, passwords, salts (leading zero bytes
    /// included), `a`, `b` and blocks; every single change is refused.
    #[test]
    fn both_halves_agree_and_every_change_is_refused(
        pool_name in "[0-9a-zA-Z]{1,20}",
        user in identity(),
        password in "\\PC{0,40}",
        a in proptest::collection::vec(any::<u8>(), 1..160),
        b in proptest::collection::vec(any::<u8>(), 1..160),
        salt in proptest::collection::vec(any::<u8>(), 1..32),
        block in proptest::collection::vec(any::<u8>(), 1..200),
    ) {
        prop_assume!(a.iter().any(|&x| x != 0) && b.iter().any(|&x| x != 0));
        prop_assume!(salt.iter().any(|&x| x != 0));
        let pool = format!("us-east-1_{pool_name}");
        let inputs = Inputs { pool: &pool, user: &user, password: &password, a: &a, b: &b, salt: &salt, block: &block };
        let run = |change| user_sign_in(&inputs, change);
        prop_assert_eq!(run(Change::None), Ok(()));
        for change in [Change::SrpA, Change::SrpB, Change::Timestamp, Change::UserId, Change::Password] {
            prop_assert_eq!(run(change), Err(Error::ClaimRefused), "{:?}", change);
        }
        prop_assert_eq!(run(Change::Block), Err(Error::SecretBlockMismatch));
    }
}

/// The same `SRP_B` and the same verdicts as the independent server.
#[test]
fn the_reference_server_computes_the_same() {
    let pool = PoolId::parse("us-east-1_AbCdEf123").unwrap();
    for (user, password, salt, b) in [
        ("alice", "pw", vec![0x0b, 0x7d, 0xcf], vec![0x5a; 32]),
        (
            "6f1d3f2a-5c36",
            "correct horse",
            vec![0x80; 16],
            vec![0xff; 128],
        ),
        ("bob", "", vec![0x00, 0x01], vec![0x01]),
    ] {
        let record =
            Verifier::for_user_with_salt(&pool, user, &Password::new(password), &salt).unwrap();
        let reference = Server::new("AbCdEf123", user, password, &hex::encode(&salt), &b);
        let a = EphemeralSecret::from_bytes(&[0x33; 128]).unwrap();
        let srp_a = a.srp_a().as_str().to_owned();
        let block = b"block".to_vec();
        let session = ServerSessionKey::user(
            ServerEphemeral::from_parts(&b, &block).unwrap(),
            &record,
            &pool,
            user,
            &srp_a,
        )
        .unwrap();
        assert_eq!(session.srp_b(), reference.srp_b(), "{user}");
        assert_eq!(
            session.salt(),
            BigUint::from_bytes_be(&salt).to_str_radix(16),
            "SALT as Cognito sends it"
        );
        let timestamp = now();
        let signature = reference.expected_signature(&srp_a, &block, timestamp.as_str());
        assert_eq!(
            session.verify(
                session.secret_block(),
                timestamp.as_str(),
                &signature,
                &now(),
                0
            ),
            Ok(())
        );
    }
}

/// A device: the verifier ConfirmDevice carries (base64, as the SDKs send it), then
/// DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER; a wrong device password is refused.
#[test]
fn remembered_device_through_both_halves() {
    let (group, key) = (
        DeviceGroupKey::new("-rZ8kjX5uJ"),
        DeviceKey::new("us-east-1_0bd64aca-0152-4a24-9b79-65554b5c2159"),
    );
    let confirm = DeviceVerifier::generate(&group, &key).unwrap();
    let record = Verifier::from_device_config(confirm.password_verifier(), confirm.salt()).unwrap();
    let password = confirm.into_device_password().expose_secret().to_owned();
    for (device_password, verdict) in [
        (password.clone(), Ok(())),
        (format!("{password}x"), Err(Error::ClaimRefused)),
    ] {
        let device = RememberedDevice::new(
            key.clone(),
            group.clone(),
            DevicePassword::new(device_password),
        );
        let a = EphemeralSecret::random().unwrap();
        let session = ServerSessionKey::device(
            ServerEphemeral::random().unwrap(),
            &record,
            &group,
            &key,
            a.srp_a().as_str(),
        )
        .unwrap();
        let challenge = challenge("DEVICE_PASSWORD_VERIFIER", &session, "alice");
        let claim = challenge.device_password_claim(a, &device, &now()).unwrap();
        assert_eq!(
            session.verify(
                claim.secret_block(),
                claim.timestamp().as_str(),
                claim.signature(),
                &now(),
                SKEW
            ),
            verdict
        );
    }
}

fn one_session(srp_a: &str) -> Result<ServerSessionKey, Error> {
    let pool = PoolId::parse("us-east-1_AbCdEf123").unwrap();
    let record = Verifier::for_user_with_salt(&pool, "u", &Password::new("p"), &[7; 16]).unwrap();
    ServerSessionKey::user(
        ServerEphemeral::from_parts(&[9; 128], b"block").unwrap(),
        &record,
        &pool,
        "u",
        srp_a,
    )
}

#[test]
fn hostile_srp_a_is_refused_quickly() {
    let n_hex = hex::encode(srp_cognito::hazmat::N);
    let start = Instant::now();
    let huge = "f".repeat(50 << 20);
    assert!(matches!(
        one_session(&huge),
        Err(Error::TooLarge { field: "SRP_A", .. })
    ));
    assert!(start.elapsed().as_secs_f64() < 1.0, "{:?}", start.elapsed());
    assert!(matches!(
        one_session(&format!("0{n_hex}")),
        Err(Error::TooLarge { .. })
    ));
    assert_eq!(one_session("0").unwrap_err(), Error::AModNZero);
    assert_eq!(one_session(&n_hex).unwrap_err(), Error::AModNZero);
    assert_eq!(
        one_session("").unwrap_err(),
        Error::EmptyInput { field: "SRP_A" }
    );
    assert_eq!(
        one_session("xyz").unwrap_err(),
        Error::BadHex { field: "SRP_A" }
    );
    assert!(
        one_session("1").is_ok(),
        "A = 1 is a group element (its S is public, but Cognito takes it)"
    );
}

#[test]
fn timestamps_outside_cognitos_form_or_the_skew_are_refused() {
    let pool = PoolId::parse("us-east-1_AbCdEf123").unwrap();
    let record = Verifier::for_user(&pool, "u", &Password::new("p")).unwrap();
    let a = EphemeralSecret::random().unwrap();
    let session = ServerSessionKey::user(
        ServerEphemeral::random().unwrap(),
        &record,
        &pool,
        "u",
        a.srp_a().as_str(),
    )
    .unwrap();
    // The form is checked before the signature.
    let block = session.secret_block().to_owned();
    for bad in [
        "Tue Nov 03 08:05:09 UTC 2026",
        "Wed Nov 3 08:05:09 UTC 2026",
        "Tue Nov 3 08:05:09 GMT 2026",
        "Tue Nov 3 8:05:09 UTC 2026",
        "Tue, 03 Nov 2026 08:05:09 GMT",
    ] {
        assert_eq!(
            session.verify(&block, bad, "AAAA", &now(), SKEW),
            Err(Error::BadTimestamp),
            "{bad}"
        );
    }
    // A correct claim made 301 s before or after the server's clock.
    for offset in [-301, 301] {
        let at = Timestamp::from_unix_seconds(now().unix_seconds() + offset).unwrap();
        let client_a = EphemeralSecret::random().unwrap();
        let session = ServerSessionKey::user(
            ServerEphemeral::random().unwrap(),
            &record,
            &pool,
            "u",
            client_a.srp_a().as_str(),
        )
        .unwrap();
        let claim = challenge("PASSWORD_VERIFIER", &session, "u")
            .password_claim(client_a, &pool, &Password::new("p"), &at)
            .unwrap();
        let verdict = |skew| {
            session.verify(
                claim.secret_block(),
                claim.timestamp().as_str(),
                claim.signature(),
                &now(),
                skew,
            )
        };
        assert_eq!(verdict(SKEW), Err(Error::TimestampSkew), "{offset}");
        assert_eq!(verdict(301), Ok(()), "{offset}");
    }
    // Signatures that are not base64, or not 32 bytes.
    let ts = now();
    for bad in ["", "not base64!", "AAAA"] {
        assert_eq!(
            session.verify(&block, ts.as_str(), bad, &now(), SKEW),
            Err(Error::ClaimRefused)
        );
    }
}

#[test]
fn verifiers_from_devices_and_storage() {
    let n = srp_cognito::hazmat::N;
    assert_eq!(
        Verifier::from_parts(&[1], &n).unwrap_err(),
        Error::BadVerifier
    );
    assert_eq!(
        Verifier::from_parts(&[1], &[0; 10]).unwrap_err(),
        Error::BadVerifier
    );
    assert_eq!(
        Verifier::from_parts(&[1], &[1; 386]).unwrap_err(),
        Error::BadVerifier
    );
    assert_eq!(
        Verifier::from_parts(&[1], &[]).unwrap_err(),
        Error::BadVerifier
    );
    let mut padded = vec![0u8];
    padded.extend_from_slice(&[0xab; 384]);
    assert!(
        Verifier::from_parts(&[1], &padded).is_ok(),
        "padHex's 00 is formatting"
    );
    assert_eq!(
        Verifier::from_parts(&[0, 0], &[2]).unwrap_err(),
        Error::EmptyInput { field: "salt" }
    );
    assert!(matches!(
        Verifier::from_device_config("not base64", "AAAA"),
        Err(Error::BadBase64 { .. })
    ));
    assert!(matches!(
        Verifier::from_device_config(&"A".repeat(1 << 20), "AAAA"),
        Err(Error::TooLarge { .. })
    ));
    let pool = PoolId::parse("us-east-1_AbCdEf123").unwrap();
    let record = Verifier::for_user(&pool, "u", &Password::new("p")).unwrap();
    let stored = Verifier::from_parts(record.salt_bytes(), record.expose_verifier()).unwrap();
    assert_eq!(stored.expose_verifier(), record.expose_verifier());
    assert_eq!(stored.salt_hex(), record.salt_hex());
    assert!(!format!("{record:?}").contains(&hex::encode(record.expose_verifier())[..16]));
    assert_eq!(
        ServerEphemeral::from_parts(&[0; 128], b"b").unwrap_err(),
        Error::AOutOfRange
    );
    assert_eq!(
        format!("{:?}", ServerEphemeral::random().unwrap()),
        "ServerEphemeral(<redacted>)"
    );
}
