//! Secrets never show in `Debug` or in error messages; secret types are not `Clone` and
//! are wiped on drop.

use std::collections::HashMap;

use srp_cognito::request::RespondToAuthChallengeRequest;
use srp_cognito::steps::{Challenge, ResponseBuilder, SessionKey};
use srp_cognito::{
    Answer, AppClient, ClientSecret, Parameters, Password, PoolId, Selection,
    device::{DeviceGroupKey, DeviceKey, DevicePassword, DeviceVerifier, RememberedDevice},
    secret_hash,
    steps::EphemeralSecret,
};
use zeroize::ZeroizeOnDrop;

/// Compiles only if `T` is not `Clone` (the call is ambiguous otherwise).
trait AmbiguousIfClone<A> {
    fn check() {}
}
impl<T> AmbiguousIfClone<()> for T {}
impl<T: Clone> AmbiguousIfClone<u8> for T {}

fn wiped_on_drop<T: ZeroizeOnDrop>() {}

#[test]
fn secret_types_are_not_clone_and_are_wiped() {
    <EphemeralSecret as AmbiguousIfClone<_>>::check();
    <SessionKey as AmbiguousIfClone<_>>::check();
    <Password as AmbiguousIfClone<_>>::check();
    <ClientSecret as AmbiguousIfClone<_>>::check();
    <DevicePassword as AmbiguousIfClone<_>>::check();
    <DeviceVerifier as AmbiguousIfClone<_>>::check();
    <RememberedDevice as AmbiguousIfClone<_>>::check();
    <AppClient as AmbiguousIfClone<_>>::check();
    <Parameters as AmbiguousIfClone<_>>::check();
    wiped_on_drop::<EphemeralSecret>();
    wiped_on_drop::<SessionKey>();
    wiped_on_drop::<Password>();
    wiped_on_drop::<ClientSecret>();
    wiped_on_drop::<DevicePassword>();
}

#[test]
fn debug_never_shows_a_secret() {
    let a_hex = "5ec7e75ec7e75ec7e75ec7e7";
    let a = EphemeralSecret::from_hex(a_hex).unwrap();
    assert!(!format!("{a:?}").contains(a_hex));

    let pool = PoolId::parse("us-east-1_abc").unwrap();
    let password = Password::new("p4ssw0rd-visible?");
    let session = SessionKey::user(a, &pool, "alice", &password, "0a1b", "123456").unwrap();
    let shown = format!("{session:?}");
    for secret in [
        session.expose_x_hex().to_string(),
        session.expose_s_hex().to_string(),
        session.expose_key_hex().to_string(),
    ] {
        assert!(!shown.contains(&secret), "{shown}");
    }
    assert!(shown.contains(&session.u_hex()));
    assert!(!format!("{password:?}").contains("p4ssw0rd"));

    let client = AppClient::with_secret("client", ClientSecret::new("cl13nt-s3cret")).unwrap();
    assert!(!format!("{client:?}").contains("cl13nt-s3cret"));

    let verifier = DeviceVerifier::from_parts(
        &DeviceGroupKey::new("-grp"),
        &DeviceKey::new("dev"),
        DevicePassword::new("d3v1ce-pw"),
        &[7; 16],
    )
    .unwrap();
    assert!(!format!("{verifier:?}").contains("d3v1ce-pw"));
    let device = RememberedDevice::new(
        DeviceKey::new("dev"),
        DeviceGroupKey::new("-grp"),
        verifier.into_device_password(),
    );
    assert!(!format!("{device:?}").contains("d3v1ce-pw"));
}

/// Answers print which answer they are, never the code, custom answer, credential or
/// password they carry; a request prints its Session redacted.
#[test]
fn debug_never_shows_an_answer_or_a_session() {
    let secret = "s3cr3t-4nsw3r";
    let password = Password::new(secret);
    let other = [("CODE", secret)];
    let attributes = [("name", "Alice")];
    let answers = [
        Answer::SmsMfaCode(secret),
        Answer::SmsOtpCode(secret),
        Answer::EmailOtpCode(secret),
        Answer::SoftwareTokenMfaCode(secret),
        Answer::CustomChallenge(secret),
        Answer::WebAuthn(secret),
        Answer::SelectChallenge(Selection::WebAuthn(secret)),
        Answer::SelectChallenge(Selection::Password(&password)),
        Answer::Password(&password),
        Answer::NewPassword {
            password: &password,
            attributes: &attributes,
        },
        Answer::Other(&other),
    ];
    for answer in &answers {
        let shown = format!("{answer:?}");
        assert!(!shown.contains(secret), "{shown}");
        assert!(shown.contains("redacted"), "{shown}");
    }
    let user = HashMap::from([("USERNAME".to_owned(), "alice".to_owned())]);
    let challenge = Challenge::new("CUSTOM_CHALLENGE", user);
    let client = AppClient::new("client").unwrap();
    let responses = ResponseBuilder::new(&challenge, &client)
        .build(Answer::CustomChallenge(secret))
        .unwrap();
    let request = RespondToAuthChallengeRequest::new(&client, &challenge, Some(secret), responses);
    let shown = format!("{request:?}");
    assert!(!shown.contains(secret), "{shown}");
}

#[test]
fn errors_do_not_echo_their_input() {
    let secretish = "zz-very-secret-zz";
    let errors = [
        EphemeralSecret::from_hex(secretish).unwrap_err(),
        PoolId::parse(secretish).unwrap_err(),
        secret_hash("u", "c", &ClientSecret::new("")).unwrap_err(),
    ];
    for e in errors {
        assert!(!e.to_string().contains("very-secret"), "{e}");
        assert!(!format!("{e:?}").contains("very-secret"), "{e:?}");
    }
    let challenge = Challenge::new(
        "PASSWORD_VERIFIER",
        HashMap::from([("SRP_B".to_owned(), secretish.to_owned())]),
    );
    let a = EphemeralSecret::from_hex("5").unwrap();
    let pool = PoolId::parse("us-east-1_abc").unwrap();
    let ts = srp_cognito::Timestamp::from_unix_seconds(0).unwrap();
    let e = challenge
        .password_claim(a, &pool, &Password::new("pw"), &ts)
        .unwrap_err();
    assert!(!e.to_string().contains("very-secret"), "{e}");
}
