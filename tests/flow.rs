//! The sign-in state machine ([`SignIn`]) through every flow and transition, against a
//! server side written independently (`srp-cognito-reference`'s `Server`, num-bigint),
//! which checks every claim signature as Cognito does.

use std::collections::HashMap;

use srp_cognito::{
    Answer, AppClient, AuthFlow, AuthResponse, AuthenticationResult, ClientSecret, Error, Password,
    PoolId, SignIn, Step, Timestamp, Token,
    device::{
        ConfirmDevice, DeviceGroupKey, DeviceKey, DevicePassword, NewDeviceMetadata,
        RememberedDevice,
    },
    refresh::refresh,
    secret_hash,
    steps::EphemeralSecret,
};
use srp_cognito_reference::Server;

const POOL: &str = "us-east-1_AbCdEf123";
const CLIENT_ID: &str = "3z57ildt8dipg4dt9wl5m6ulaf";
const SECRET: &str = "client-s3cret";
const ALIAS: &str = "alice@example.com";
const INTERNAL: &str = "6f1d3f2a-5c36-4b4e-9d6c-0e3f2b8a9c11";
const PASSWORD: &str = "correct horse battery staple";
const SALT: &str = "0b7dcf905f418bf27b6623aa4d2f58f";
const BLOCK: &[u8] = b"the secret block, bound to this session";
const DEVICE_KEY: &str = "us-east-1_0bd64aca-0152-4a24-9b79-65554b5c2159";
const GROUP_KEY: &str = "-rZ8kjX5uJ";
const DEVICE_PASSWORD: &str = "bstlTmF6bXzb2xDtmDq+p42VJXwJR5CfDmQoA6SjL+sW8UAdTI0XPA==";

fn b64(bytes: &[u8]) -> String {
    srp_cognito_reference::base64(bytes)
}

fn client(with_secret: bool) -> AppClient {
    if with_secret {
        AppClient::with_secret(CLIENT_ID, ClientSecret::new(SECRET)).unwrap()
    } else {
        AppClient::new(CLIENT_ID).unwrap()
    }
}

fn now() -> Timestamp {
    Timestamp::from_unix_seconds(1_793_693_109).unwrap()
}

fn pool() -> PoolId {
    PoolId::parse(POOL).unwrap()
}

fn user_server(password: &str) -> Server {
    Server::new("AbCdEf123", INTERNAL, password, SALT, &[0x5a; 32])
}

fn device_server() -> Server {
    Server::new(GROUP_KEY, DEVICE_KEY, DEVICE_PASSWORD, "7fc3", &[0xa5; 32])
}

fn device() -> RememberedDevice {
    RememberedDevice::new(
        DeviceKey::new(DEVICE_KEY),
        DeviceGroupKey::new(GROUP_KEY),
        DevicePassword::new(DEVICE_PASSWORD),
    )
}

/// A challenge response, as Cognito sends it.
fn challenge(name: &str, parameters: &[(&str, &str)], session: &str) -> AuthResponse {
    let mut response = AuthResponse::default();
    response.challenge_name = Some(name.into());
    response.challenge_parameters = parameters
        .iter()
        .map(|&(k, v)| (k.to_owned(), v.to_owned()))
        .collect::<HashMap<_, _>>();
    response.session = Some(session.into());
    response
}

fn password_verifier(server: &Server) -> AuthResponse {
    challenge(
        "PASSWORD_VERIFIER",
        &[
            ("USERNAME", INTERNAL),
            ("USER_ID_FOR_SRP", INTERNAL),
            ("SALT", SALT),
            ("SRP_B", &server.srp_b()),
            ("SECRET_BLOCK", &b64(BLOCK)),
        ],
        "session-1",
    )
}

fn tokens(device: bool) -> AuthResponse {
    let mut result = AuthenticationResult::new(Token::new("access"));
    result.id_token = Some(Token::new("id"));
    result.refresh_token = Some(Token::new("refresh"));
    result.expires_in = Some(3600);
    result.token_type = Some("Bearer".into());
    result.new_device_metadata = device.then(|| {
        NewDeviceMetadata::new(DeviceKey::new(DEVICE_KEY), DeviceGroupKey::new(GROUP_KEY))
    });
    let mut response = AuthResponse::default();
    response.authentication_result = Some(result);
    response
}

fn respond(step: Step) -> srp_cognito::Respond {
    match step {
        Step::Respond(respond) => respond,
        other => panic!("expected a RespondToAuthChallenge, got {other:?}"),
    }
}

/// The user's claim, checked as Cognito checks it; SECRET_HASH and USERNAME as well.
fn check_user_claim(respond: &srp_cognito::Respond, srp_a: &str, server: &Server, secret: bool) {
    let r = &respond.responses;
    assert_eq!(respond.challenge_name.as_str(), "PASSWORD_VERIFIER");
    assert_eq!(
        r.get("USERNAME"),
        Some(INTERNAL),
        "the internal username, never the alias"
    );
    let expected = server.expected_signature(srp_a, BLOCK, now().as_str());
    assert_eq!(r.get("PASSWORD_CLAIM_SIGNATURE"), Some(expected.as_str()));
    assert_eq!(r.get("TIMESTAMP"), Some(now().as_str()));
    let hash =
        secret.then(|| secret_hash(INTERNAL, CLIENT_ID, &ClientSecret::new(SECRET)).unwrap());
    assert_eq!(r.get("SECRET_HASH"), hash.as_deref());
    assert_eq!(respond.session.as_deref(), Some("session-1"));
}

#[test]
fn user_srp_with_and_without_a_client_secret() {
    for secret in [false, true] {
        let server = user_server(PASSWORD);
        let mut sign_in = SignIn::user_srp(pool(), client(secret), ALIAS, Password::new(PASSWORD));
        let a = EphemeralSecret::from_bytes(&[0x42; 128]).unwrap();
        let srp_a = a.srp_a().as_str().to_owned();
        let init = sign_in.start_with(a).unwrap();
        assert_eq!(init.auth_flow, AuthFlow::UserSrpAuth);
        assert_eq!(
            init.parameters.get("USERNAME"),
            Some(ALIAS),
            "InitiateAuth: what was typed"
        );
        let hash =
            secret.then(|| secret_hash(ALIAS, CLIENT_ID, &ClientSecret::new(SECRET)).unwrap());
        assert_eq!(init.parameters.get("SECRET_HASH"), hash.as_deref());
        let step = sign_in
            .next_with(password_verifier(&server), &now(), &mut NoRng)
            .unwrap();
        check_user_claim(&respond(step), &srp_a, &server, secret);
        assert_eq!(sign_in.username(), INTERNAL);
        match sign_in.next(tokens(false)).unwrap() {
            Step::SignedIn(result) => assert_eq!(result.access_token.expose_secret(), "access"),
            other => panic!("{other:?}"),
        }
        // Over: anything more is out of turn.
        assert_eq!(sign_in.next(tokens(false)).err(), Some(Error::OutOfTurn));
    }
}

#[test]
fn a_wrong_password_signs_a_claim_the_server_refuses() {
    let server = user_server(PASSWORD);
    let mut sign_in = SignIn::user_srp(pool(), client(false), ALIAS, Password::new("wrong"));
    let a = EphemeralSecret::from_bytes(&[0x42; 128]).unwrap();
    let srp_a = a.srp_a().as_str().to_owned();
    sign_in.start_with(a).unwrap();
    let respond = respond(
        sign_in
            .next_with(password_verifier(&server), &now(), &mut NoRng)
            .unwrap(),
    );
    let expected = server.expected_signature(&srp_a, BLOCK, now().as_str());
    assert_ne!(
        respond.responses.get("PASSWORD_CLAIM_SIGNATURE"),
        Some(expected.as_str())
    );
}

/// DEVICE_KEY on every step; DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER answered, the
/// device's claim checked against its verifier.
#[test]
fn remembered_device_sign_in() {
    let (server, devices) = (user_server(PASSWORD), device_server());
    let mut sign_in =
        SignIn::user_srp(pool(), client(true), ALIAS, Password::new(PASSWORD)).device(device());
    let init = sign_in
        .start_with(EphemeralSecret::from_bytes(&[0x42; 128]).unwrap())
        .unwrap();
    assert_eq!(init.parameters.get("DEVICE_KEY"), Some(DEVICE_KEY));
    let first = respond(
        sign_in
            .next_with(password_verifier(&server), &now(), &mut NoRng)
            .unwrap(),
    );
    assert_eq!(first.responses.get("DEVICE_KEY"), Some(DEVICE_KEY));
    let mut rng = FixedRng(7);
    let device_srp = respond(
        sign_in
            .next_with(
                challenge("DEVICE_SRP_AUTH", &[("USERNAME", INTERNAL)], "session-2"),
                &now(),
                &mut rng,
            )
            .unwrap(),
    );
    assert_eq!(device_srp.challenge_name.as_str(), "DEVICE_SRP_AUTH");
    assert_eq!(device_srp.responses.get("DEVICE_KEY"), Some(DEVICE_KEY));
    assert_eq!(device_srp.session.as_deref(), Some("session-2"));
    let device_a = device_srp.responses.get("SRP_A").unwrap().to_owned();
    let hash = secret_hash(INTERNAL, CLIENT_ID, &ClientSecret::new(SECRET)).unwrap();
    assert_eq!(device_srp.responses.get("SECRET_HASH"), Some(hash.as_str()));
    // DEVICE_PASSWORD_VERIFIER carries no USERNAME (as moto): the remembered one is sent.
    let verifier = challenge(
        "DEVICE_PASSWORD_VERIFIER",
        &[
            ("SALT", "7fc3"),
            ("SRP_B", &devices.srp_b()),
            ("SECRET_BLOCK", &b64(BLOCK)),
        ],
        "session-3",
    );
    let claim = respond(sign_in.next_with(verifier, &now(), &mut rng).unwrap());
    let expected = devices.expected_signature(&device_a, BLOCK, now().as_str());
    assert_eq!(
        claim.responses.get("PASSWORD_CLAIM_SIGNATURE"),
        Some(expected.as_str())
    );
    assert_eq!(claim.responses.get("USERNAME"), Some(INTERNAL));
    assert_eq!(claim.responses.get("DEVICE_KEY"), Some(DEVICE_KEY));
    assert!(matches!(
        sign_in.next(tokens(false)).unwrap(),
        Step::SignedIn(_)
    ));
}

/// MFA after PASSWORD_VERIFIER, with empty parameters (as moto sends it): pending, and the
/// answer carries the internal username, SECRET_HASH, DEVICE_KEY and the session.
#[test]
fn a_pending_challenge_is_answered_with_what_the_sign_in_remembers() {
    let server = user_server(PASSWORD);
    let mut sign_in =
        SignIn::user_srp(pool(), client(true), ALIAS, Password::new(PASSWORD)).device(device());
    sign_in
        .start_with(EphemeralSecret::from_bytes(&[0x42; 128]).unwrap())
        .unwrap();
    sign_in
        .next_with(password_verifier(&server), &now(), &mut NoRng)
        .unwrap();
    let Step::Pending(pending) = sign_in
        .next_with(
            challenge("SOFTWARE_TOKEN_MFA", &[], "session-mfa"),
            &now(),
            &mut NoRng,
        )
        .unwrap()
    else {
        panic!("MFA is the caller's");
    };
    assert_eq!(pending.name().as_str(), "SOFTWARE_TOKEN_MFA");
    // A wrong answer leaves the challenge pending.
    assert_eq!(
        sign_in.answer(Answer::SmsMfaCode("123456")).err(),
        Some(Error::AnswerMismatch)
    );
    let answer = sign_in
        .answer(Answer::SoftwareTokenMfaCode("123456"))
        .unwrap();
    let r = &answer.responses;
    assert_eq!(r.get("SOFTWARE_TOKEN_MFA_CODE"), Some("123456"));
    assert_eq!(r.get("USERNAME"), Some(INTERNAL));
    assert_eq!(r.get("DEVICE_KEY"), Some(DEVICE_KEY));
    let hash = secret_hash(INTERNAL, CLIENT_ID, &ClientSecret::new(SECRET)).unwrap();
    assert_eq!(r.get("SECRET_HASH"), Some(hash.as_str()));
    assert_eq!(answer.session.as_deref(), Some("session-mfa"));
    assert_eq!(
        sign_in.answer(Answer::SoftwareTokenMfaCode("1")).err(),
        Some(Error::OutOfTurn)
    );
    assert!(format!("{answer:?}").contains("<redacted>"));
    assert!(!format!("{answer:?}").contains("session-mfa"));
}

#[test]
fn what_a_pending_challenge_shows() {
    let mut sign_in = SignIn::user_srp(pool(), client(false), "bob", Password::new(PASSWORD));
    sign_in.start().unwrap();
    let required = r#"["userAttributes.name","userAttributes.email"]"#;
    let Step::Pending(pending) = sign_in
        .next(challenge(
            "NEW_PASSWORD_REQUIRED",
            &[("USERNAME", "bob"), ("requiredAttributes", required)],
            "s",
        ))
        .unwrap()
    else {
        panic!("a new password is the caller's");
    };
    assert_eq!(pending.required_attributes(), ["name", "email"]);
    let attributes = [("name", "Bob")];
    let new = Password::new("n3w password");
    let answer = sign_in
        .answer(Answer::NewPassword {
            password: &new,
            attributes: &attributes,
        })
        .unwrap();
    assert_eq!(answer.responses.get("userAttributes.name"), Some("Bob"));

    let mut sign_in = SignIn::user_srp(pool(), client(false), "bob", Password::new(PASSWORD));
    sign_in.start().unwrap();
    let choose = challenge(
        "SELECT_MFA_TYPE",
        &[("MFAS_CAN_CHOOSE", r#"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"#)],
        "s",
    );
    let Step::Pending(pending) = sign_in.next(choose).unwrap() else {
        panic!("SELECT_MFA_TYPE is the caller's");
    };
    assert_eq!(pending.mfa_types(), ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
    let sms = challenge(
        "SMS_MFA",
        &[("CODE_DELIVERY_DESTINATION", "+*******1234")],
        "s",
    );
    let mut sign_in = SignIn::user_srp(pool(), client(false), "bob", Password::new(PASSWORD));
    sign_in.start().unwrap();
    let Step::Pending(pending) = sign_in.next(sms).unwrap() else {
        panic!("SMS_MFA is the caller's");
    };
    assert_eq!(pending.code_delivery_destination(), Some("+*******1234"));
    // No USERNAME in any challenge: what was typed.
    let answer = sign_in.answer(Answer::SmsMfaCode("1")).unwrap();
    assert_eq!(answer.responses.get("USERNAME"), Some("bob"));
}

/// USER_AUTH preferring PASSWORD_SRP: a SELECT_CHALLENGE is answered with the same SRP_A,
/// then PASSWORD_VERIFIER.
#[test]
fn user_auth_chooses_password_srp() {
    let server = user_server(PASSWORD);
    let mut sign_in = SignIn::user_auth(pool(), client(false), ALIAS, Password::new(PASSWORD));
    let a = EphemeralSecret::from_bytes(&[0x42; 128]).unwrap();
    let srp_a = a.srp_a().as_str().to_owned();
    let init = sign_in.start_with(a).unwrap();
    assert_eq!(init.auth_flow, AuthFlow::UserAuth);
    assert_eq!(
        init.parameters.get("PREFERRED_CHALLENGE"),
        Some("PASSWORD_SRP")
    );
    let mut select = challenge("SELECT_CHALLENGE", &[("USERNAME", INTERNAL)], "session-0");
    select.available_challenges = vec!["EMAIL_OTP".into(), "PASSWORD_SRP".into()];
    let chosen = respond(sign_in.next_with(select, &now(), &mut NoRng).unwrap());
    assert_eq!(chosen.responses.get("ANSWER"), Some("PASSWORD_SRP"));
    assert_eq!(chosen.responses.get("SRP_A"), Some(srp_a.as_str()));
    let claim = respond(
        sign_in
            .next_with(password_verifier(&server), &now(), &mut NoRng)
            .unwrap(),
    );
    check_user_claim(&claim, &srp_a, &server, false);
}

/// CUSTOM_AUTH starting with SRP: PASSWORD_VERIFIER answered, the custom challenge handed
/// over.
#[test]
fn custom_auth_starts_with_srp() {
    let server = user_server(PASSWORD);
    let mut sign_in = SignIn::custom_srp(pool(), client(false), ALIAS, Password::new(PASSWORD));
    let a = EphemeralSecret::from_bytes(&[0x42; 128]).unwrap();
    let srp_a = a.srp_a().as_str().to_owned();
    let init = sign_in.start_with(a).unwrap();
    assert_eq!(init.parameters.get("CHALLENGE_NAME"), Some("SRP_A"));
    let claim = respond(
        sign_in
            .next_with(password_verifier(&server), &now(), &mut NoRng)
            .unwrap(),
    );
    check_user_claim(&claim, &srp_a, &server, false);
    let custom = challenge(
        "CUSTOM_CHALLENGE",
        &[("USERNAME", INTERNAL), ("question", "2+2?")],
        "s-c",
    );
    let Step::Pending(pending) = sign_in.next(custom).unwrap() else {
        panic!("custom challenges are the caller's");
    };
    assert_eq!(pending.parameter("question"), Some("2+2?"));
    let answer = sign_in.answer(Answer::CustomChallenge("4")).unwrap();
    assert_eq!(answer.responses.get("ANSWER"), Some("4"));
}

/// Every error out of a step ends the sign-in: a refused claim (here `B ≡ 0 mod N`) is not
/// followed by answering a later challenge, not even one for the user.
#[test]
fn an_error_ends_the_sign_in() {
    let mut sign_in = SignIn::user_srp(pool(), client(false), ALIAS, Password::new(PASSWORD));
    sign_in.start().unwrap();
    let zero_b = challenge(
        "PASSWORD_VERIFIER",
        &[
            ("USERNAME", INTERNAL),
            ("USER_ID_FOR_SRP", INTERNAL),
            ("SALT", SALT),
            ("SRP_B", "00"),
            ("SECRET_BLOCK", "AA=="),
        ],
        "s",
    );
    assert_eq!(
        sign_in.next_with(zero_b, &now(), &mut NoRng).err(),
        Some(Error::BModNZero)
    );
    assert_eq!(sign_in.pending(), None);
    let mfa = challenge("SOFTWARE_TOKEN_MFA", &[("USERNAME", INTERNAL)], "s");
    assert_eq!(sign_in.next(mfa).err(), Some(Error::OutOfTurn));
    assert_eq!(
        sign_in.answer(Answer::SoftwareTokenMfaCode("123456")).err(),
        Some(Error::OutOfTurn)
    );
    // A next before start sent nothing: refused, and the sign-in can still start.
    let mut sign_in = SignIn::user_srp(pool(), client(false), ALIAS, Password::new(PASSWORD));
    assert_eq!(sign_in.next(tokens(false)).err(), Some(Error::OutOfTurn));
    sign_in.start().unwrap();
}

#[test]
fn wrong_transitions_are_typed_errors() {
    let server = user_server(PASSWORD);
    // Before start, and a second start.
    let mut sign_in = SignIn::user_srp(pool(), client(false), ALIAS, Password::new(PASSWORD));
    assert_eq!(sign_in.next(tokens(false)).err(), Some(Error::OutOfTurn));
    assert_eq!(
        sign_in.answer(Answer::MfaSetup).err(),
        Some(Error::OutOfTurn)
    );
    sign_in.start().unwrap();
    assert_eq!(sign_in.start().err(), Some(Error::OutOfTurn));
    // Neither a challenge nor tokens: refused, and the sign-in is over.
    assert_eq!(
        sign_in.next(AuthResponse::default()).err(),
        Some(Error::MalformedResponse)
    );
    assert_eq!(
        sign_in
            .next_with(password_verifier(&server), &now(), &mut NoRng)
            .err(),
        Some(Error::OutOfTurn)
    );
    // A second PASSWORD_VERIFIER: `a` was consumed by the first.
    let mut sign_in = SignIn::user_srp(pool(), client(false), ALIAS, Password::new(PASSWORD));
    sign_in.start().unwrap();
    sign_in
        .next_with(password_verifier(&server), &now(), &mut NoRng)
        .unwrap();
    assert_eq!(
        sign_in
            .next_with(password_verifier(&server), &now(), &mut NoRng)
            .err(),
        Some(Error::OutOfTurn)
    );
    // Device challenges without a device, or out of order.
    let mut sign_in = SignIn::user_srp(pool(), client(false), ALIAS, Password::new(PASSWORD));
    sign_in.start().unwrap();
    sign_in
        .next_with(password_verifier(&server), &now(), &mut NoRng)
        .unwrap();
    let device_srp = challenge("DEVICE_SRP_AUTH", &[("USERNAME", INTERNAL)], "s");
    assert_eq!(sign_in.next(device_srp).err(), Some(Error::OutOfTurn));
    let mut sign_in =
        SignIn::user_srp(pool(), client(false), ALIAS, Password::new(PASSWORD)).device(device());
    sign_in.start().unwrap();
    sign_in
        .next_with(password_verifier(&server), &now(), &mut NoRng)
        .unwrap();
    let verifier = challenge(
        "DEVICE_PASSWORD_VERIFIER",
        &[("SALT", "01"), ("SRP_B", "02"), ("SECRET_BLOCK", "AA==")],
        "s",
    );
    assert_eq!(sign_in.next(verifier).err(), Some(Error::OutOfTurn));
    // Debug shows neither the password nor a session.
    let shown = format!("{sign_in:?}");
    assert!(
        !shown.contains(PASSWORD) && !shown.contains("session-1"),
        "{shown}"
    );
    // Nor does a response: its session and its tokens are redacted.
    let shown = format!("{:?}", password_verifier(&server));
    assert!(!shown.contains("session-1"), "{shown}");
    let shown = format!("{:?}", tokens(true));
    assert!(
        !shown.contains("\"access\"") && !shown.contains("\"refresh\""),
        "{shown}"
    );
}

#[test]
fn confirm_device_and_refresh() {
    let Some(Step::SignedIn(result)) = ({
        let server = user_server(PASSWORD);
        let mut sign_in = SignIn::user_srp(pool(), client(true), ALIAS, Password::new(PASSWORD));
        sign_in.start().unwrap();
        sign_in
            .next_with(password_verifier(&server), &now(), &mut NoRng)
            .unwrap();
        sign_in.next(tokens(true)).ok()
    }) else {
        panic!("tokens");
    };
    let confirm = ConfirmDevice::for_result(&result).unwrap();
    assert_eq!(confirm.device_key, DEVICE_KEY);
    assert!(confirm.verifier.password_verifier().len() > 500);
    let device = confirm.into_remembered_device();
    assert_eq!(device.device_group_key, GROUP_KEY);
    let refresh_token = result.refresh_token.as_ref().unwrap();
    // SECRET_HASH of a refresh: the internal username.
    let init = refresh(
        &client(true),
        refresh_token,
        Some(INTERNAL),
        Some(DEVICE_KEY),
    )
    .unwrap();
    assert_eq!(init.auth_flow.as_str(), "REFRESH_TOKEN_AUTH");
    assert_eq!(init.parameters.get("REFRESH_TOKEN"), Some("refresh"));
    let hash = secret_hash(INTERNAL, CLIENT_ID, &ClientSecret::new(SECRET)).unwrap();
    assert_eq!(init.parameters.get("SECRET_HASH"), Some(hash.as_str()));
    assert_eq!(init.parameters.get("DEVICE_KEY"), Some(DEVICE_KEY));
    assert!(init.parameters.get("USERNAME").is_none());
    assert!(
        !format!("{init:?}").contains("refresh\""),
        "the refresh token is redacted"
    );
    assert_eq!(
        refresh(&client(true), refresh_token, None, None).err(),
        Some(Error::MissingParameter { name: "USERNAME" })
    );
    assert!(refresh(&client(false), refresh_token, None, None).is_ok());
    let without = tokens(false);
    let result = without.authentication_result.unwrap();
    assert_eq!(
        ConfirmDevice::for_result(&result).err(),
        Some(Error::MissingParameter {
            name: "NewDeviceMetadata"
        })
    );
}

/// An RNG that must not be used.
struct NoRng;

impl rand_core::TryRng for NoRng {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        unreachable!("no randomness expected")
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        unreachable!("no randomness expected")
    }
    fn try_fill_bytes(&mut self, _: &mut [u8]) -> Result<(), Self::Error> {
        unreachable!("no randomness expected")
    }
}

impl rand_core::TryCryptoRng for NoRng {}

/// Fixed bytes: the device's ephemeral secret, deterministic.
struct FixedRng(u8);

impl rand_core::TryRng for FixedRng {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(u32::from(self.0))
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        Ok(u64::from(self.0))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for byte in dst {
            self.0 = self.0.wrapping_mul(31).wrapping_add(7);
            *byte = self.0;
        }
        Ok(())
    }
}

impl rand_core::TryCryptoRng for FixedRng {}

#[test]
fn next_at_signs_at_the_given_time_with_the_os_randomness() {
    // The entry point of targets without std's clock (the npm package): the same claim as
    // next_with at that time, which the verifying server accepts.
    let server = user_server(PASSWORD);
    let mut sign_in = SignIn::user_srp(pool(), client(false), ALIAS, Password::new(PASSWORD));
    let a = EphemeralSecret::from_bytes(&[0x42; 128]).unwrap();
    let srp_a = a.srp_a().as_str().to_owned();
    sign_in.start_with(a).unwrap();
    let step = sign_in.next_at(password_verifier(&server), &now()).unwrap();
    check_user_claim(&respond(step), &srp_a, &server, false);
}

/// A server that keeps asking (DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER, again and again)
/// is cut off after MAX_AUTOMATIC_ANSWERS answers in a row, so a transport's loop ends;
/// `holds_ephemeral` follows the ephemeral secrets through it.
#[test]
fn a_server_that_keeps_asking_is_cut_off() {
    let (server, devices) = (user_server(PASSWORD), device_server());
    let mut sign_in =
        SignIn::user_srp(pool(), client(false), ALIAS, Password::new(PASSWORD)).device(device());
    assert!(!sign_in.holds_ephemeral());
    sign_in
        .start_with(EphemeralSecret::from_bytes(&[0x42; 128]).unwrap())
        .unwrap();
    assert!(sign_in.holds_ephemeral(), "a waits for PASSWORD_VERIFIER");
    let mut rng = FixedRng(7);
    let mut answered = 0;
    let mut response = password_verifier(&server);
    let error = loop {
        match sign_in.next_with(response, &now(), &mut rng) {
            Ok(Step::Respond(respond)) => {
                answered += 1;
                assert!(answered < 100, "never cut off");
                let device_a = respond.challenge_name.as_str() == "DEVICE_SRP_AUTH";
                assert_eq!(sign_in.holds_ephemeral(), device_a, "{answered}");
                response = if device_a {
                    challenge(
                        "DEVICE_PASSWORD_VERIFIER",
                        &[
                            ("SALT", "7fc3"),
                            ("SRP_B", &devices.srp_b()),
                            ("SECRET_BLOCK", &b64(BLOCK)),
                        ],
                        "session-3",
                    )
                } else {
                    challenge("DEVICE_SRP_AUTH", &[("USERNAME", INTERNAL)], "session-2")
                };
            }
            Ok(other) => panic!("{other:?}"),
            Err(e) => break e,
        }
    };
    assert_eq!(error, Error::TooManyRoundTrips);
    assert_eq!(answered, SignIn::MAX_AUTOMATIC_ANSWERS);
    assert!(!sign_in.holds_ephemeral());
    // Over: nothing more is taken.
    assert_eq!(sign_in.next(tokens(false)).unwrap_err(), Error::OutOfTurn);
}

/// The cap counts answers in a row: a challenge the user answers starts the count again.
#[test]
fn a_users_answer_starts_the_count_again() {
    let server = user_server(PASSWORD);
    let mut sign_in = SignIn::user_srp(pool(), client(false), ALIAS, Password::new(PASSWORD));
    sign_in
        .start_with(EphemeralSecret::from_bytes(&[0x42; 128]).unwrap())
        .unwrap();
    respond(
        sign_in
            .next_with(password_verifier(&server), &now(), &mut NoRng)
            .unwrap(),
    );
    // More custom challenges than MAX_AUTOMATIC_ANSWERS, each answered by the user.
    for round in 0..2 * SignIn::MAX_AUTOMATIC_ANSWERS {
        let custom = challenge("CUSTOM_CHALLENGE", &[("USERNAME", INTERNAL)], "s");
        assert!(
            matches!(sign_in.next(custom).unwrap(), Step::Pending(_)),
            "{round}"
        );
        sign_in.answer(Answer::CustomChallenge("42")).unwrap();
    }
    assert!(matches!(
        sign_in.next(tokens(false)).unwrap(),
        Step::SignedIn(_)
    ));
}

#[test]
fn a_flow_by_name() {
    for name in ["USER_SRP_AUTH", "USER_AUTH", "CUSTOM_AUTH"] {
        let flow: AuthFlow = name.parse().unwrap();
        let mut sign_in =
            SignIn::new(flow, pool(), client(false), ALIAS, Password::new(PASSWORD)).unwrap();
        assert_eq!(sign_in.start().unwrap().auth_flow.as_str(), name);
    }
    let refresh = SignIn::new(
        AuthFlow::RefreshTokenAuth,
        pool(),
        client(false),
        ALIAS,
        Password::new(PASSWORD),
    );
    assert_eq!(refresh.unwrap_err(), Error::UnsupportedFlow);
    assert_eq!(
        "user_srp".parse::<AuthFlow>(),
        Err(Error::UnknownName { what: "AuthFlow" })
    );
}
