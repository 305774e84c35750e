//! The ChallengeResponses builder: the exact keys of every challenge, and the USERNAME,
//! SECRET_HASH and DEVICE_KEY rules.

use std::collections::HashMap;

use srp_cognito::steps::{Challenge, InitiateAuth, ResponseBuilder};
use srp_cognito::{
    Answer, AppClient, AuthFlow, ChallengeName, ClientSecret, Error, MfaType, Parameters, Password,
    PoolId, Selection, Timestamp,
    device::{DeviceGroupKey, DeviceKey, DevicePassword, RememberedDevice},
    secret_hash,
    steps::EphemeralSecret,
};

const CLIENT_ID: &str = "3z57ildt8dipg4dt9wl5m6ulaf";
const SECRET: &str = "c8i0amgpness5o79dzbj7knvy6am54ckrwyoive4c923f5n00ck";
/// Cognito's internal username, as challenges carry it.
const INTERNAL: &str = "0c3e7a52-59c6-402f-a8f9-bf47a648593c";
/// The alias the user typed at sign-in.
const ALIAS: &str = "alice@example.com";

fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn confidential() -> AppClient {
    AppClient::with_secret(CLIENT_ID, ClientSecret::new(SECRET)).unwrap()
}

fn expected_hash(username: &str) -> String {
    secret_hash(username, CLIENT_ID, &ClientSecret::new(SECRET)).unwrap()
}

fn respond(name: &str, answer: Answer<'_>) -> Result<Parameters, Error> {
    let challenge = Challenge::new(name, params(&[("USERNAME", INTERNAL)]));
    ResponseBuilder::new(&challenge, &confidential()).build(answer)
}

fn keys(result: &Result<Parameters, Error>) -> Vec<&str> {
    result.as_ref().expect("accepted").keys()
}

#[test]
fn every_challenge_has_exactly_its_keys() {
    let password = Password::new("correct horse");
    let a = EphemeralSecret::from_hex("1234").unwrap();
    let srp_a = a.srp_a();
    let attrs = [("name", "Alice"), ("custom:team", "blue")];
    let cases: Vec<(&str, Answer<'_>, Vec<&str>)> = vec![
        (
            "SMS_MFA",
            Answer::SmsMfaCode("123456"),
            vec!["SMS_MFA_CODE"],
        ),
        (
            "SMS_OTP",
            Answer::SmsOtpCode("123456"),
            vec!["SMS_OTP_CODE"],
        ),
        (
            "EMAIL_OTP",
            Answer::EmailOtpCode("12345678"),
            vec!["EMAIL_OTP_CODE"],
        ),
        (
            "SOFTWARE_TOKEN_MFA",
            Answer::SoftwareTokenMfaCode("123456"),
            vec!["SOFTWARE_TOKEN_MFA_CODE"],
        ),
        (
            "SELECT_MFA_TYPE",
            Answer::SelectMfaType(MfaType::SoftwareTokenMfa),
            vec!["ANSWER"],
        ),
        (
            "SELECT_CHALLENGE",
            Answer::SelectChallenge(Selection::Password(&password)),
            vec!["ANSWER", "PASSWORD"],
        ),
        (
            "SELECT_CHALLENGE",
            Answer::SelectChallenge(Selection::PasswordSrp(srp_a)),
            vec!["ANSWER", "SRP_A"],
        ),
        (
            "SELECT_CHALLENGE",
            Answer::SelectChallenge(Selection::WebAuthn("{\"id\":\"x\"}")),
            vec!["ANSWER", "CREDENTIAL"],
        ),
        (
            "SELECT_CHALLENGE",
            Answer::SelectChallenge(Selection::SmsOtp),
            vec!["ANSWER"],
        ),
        (
            "SELECT_CHALLENGE",
            Answer::SelectChallenge(Selection::EmailOtp),
            vec!["ANSWER"],
        ),
        ("MFA_SETUP", Answer::MfaSetup, vec![]),
        (
            "CUSTOM_CHALLENGE",
            Answer::CustomChallenge("42"),
            vec!["ANSWER"],
        ),
        (
            "NEW_PASSWORD_REQUIRED",
            Answer::NewPassword {
                password: &password,
                attributes: &attrs,
            },
            vec![
                "NEW_PASSWORD",
                "userAttributes.custom:team",
                "userAttributes.name",
            ],
        ),
        ("PASSWORD", Answer::Password(&password), vec!["PASSWORD"]),
        ("PASSWORD_SRP", Answer::PasswordSrp(srp_a), vec!["SRP_A"]),
        (
            "WEB_AUTHN",
            Answer::WebAuthn("{\"id\":\"x\"}"),
            vec!["CREDENTIAL"],
        ),
        (
            "EMAIL_MFA",
            Answer::Other(&[("EMAIL_MFA_CODE", "123")]),
            vec!["EMAIL_MFA_CODE"],
        ),
    ];
    for (name, answer, specific) in cases {
        let result = respond(name, answer);
        let mut want = specific.clone();
        want.extend(["SECRET_HASH", "USERNAME"]);
        want.sort_unstable();
        assert_eq!(keys(&result), want, "{name}");
        let responses = result.unwrap();
        assert_eq!(responses.get("USERNAME"), Some(INTERNAL), "{name}");
        assert_eq!(
            responses.get("SECRET_HASH"),
            Some(expected_hash(INTERNAL).as_str())
        );
    }
}

#[test]
fn answers_carry_their_values() {
    let password = Password::new("correct horse");
    let r = respond("SELECT_MFA_TYPE", Answer::SelectMfaType(MfaType::EmailOtp)).unwrap();
    assert_eq!(r.get("ANSWER"), Some("EMAIL_OTP"));
    let r = respond(
        "SELECT_CHALLENGE",
        Answer::SelectChallenge(Selection::Password(&password)),
    )
    .unwrap();
    assert_eq!(
        (r.get("ANSWER"), r.get("PASSWORD")),
        (Some("PASSWORD"), Some("correct horse"))
    );
    assert!(
        !format!("{r:?}").contains("correct horse"),
        "Debug must redact PASSWORD"
    );
    let attrs = [("name", "Alice")];
    let r = respond(
        "NEW_PASSWORD_REQUIRED",
        Answer::NewPassword {
            password: &password,
            attributes: &attrs,
        },
    )
    .unwrap();
    assert_eq!(r.get("userAttributes.name"), Some("Alice"));
    assert_eq!(r.get("NEW_PASSWORD"), Some("correct horse"));
}

#[test]
fn no_secret_no_secret_hash() {
    let challenge = Challenge::new("SMS_MFA", params(&[("USERNAME", INTERNAL)]));
    let client = AppClient::new(CLIENT_ID).unwrap();
    let r = ResponseBuilder::new(&challenge, &client)
        .build(Answer::SmsMfaCode("1"))
        .unwrap();
    assert_eq!(r.keys(), ["SMS_MFA_CODE", "USERNAME"]);
}

#[test]
fn username_is_the_challenges_never_the_alias() {
    let client = confidential();
    // USER_ID_FOR_SRP stands in when USERNAME is absent.
    let challenge = Challenge::new("SMS_MFA", params(&[("USER_ID_FOR_SRP", INTERNAL)]));
    let r = ResponseBuilder::new(&challenge, &client)
        .fallback_username(ALIAS)
        .build(Answer::SmsMfaCode("1"))
        .unwrap();
    assert_eq!(r.get("USERNAME"), Some(INTERNAL));
    assert_eq!(r.get("SECRET_HASH"), Some(expected_hash(INTERNAL).as_str()));
    // The fallback only when the challenge names nobody.
    let bare = Challenge::new("SMS_MFA", HashMap::new());
    let r = ResponseBuilder::new(&bare, &client)
        .fallback_username(ALIAS)
        .build(Answer::SmsMfaCode("1"))
        .unwrap();
    assert_eq!(r.get("USERNAME"), Some(ALIAS));
    assert_eq!(
        ResponseBuilder::new(&bare, &client).build(Answer::SmsMfaCode("1")),
        Err(Error::MissingParameter { name: "USERNAME" })
    );
}

/// A PASSWORD_VERIFIER vector from the shared files, in a challenge whose USERNAME differs
/// from USER_ID_FOR_SRP (as local emulators send it): the signature must use
/// USER_ID_FOR_SRP, the response's USERNAME and SECRET_HASH the USERNAME.
#[test]
fn password_verifier_signs_user_id_for_srp_and_answers_username() {
    let path = format!(
        "{}/test-vectors/password_verifier.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let vector = &file["vectors"][0];
    let (input, expected) = (&vector["input"], &vector["expected"]);
    let s = |k: &str| input[k].as_str().unwrap();
    let challenge = Challenge::new(
        "PASSWORD_VERIFIER",
        params(&[
            ("USERNAME", INTERNAL),
            ("USER_ID_FOR_SRP", s("user_id_for_srp")),
            ("SALT", s("salt")),
            ("SRP_B", s("srp_b")),
            ("SECRET_BLOCK", s("secret_block")),
        ]),
    );
    let a = EphemeralSecret::from_hex(s("a")).unwrap();
    assert_eq!(a.srp_a().as_str(), expected["srp_a"]);
    let claim = challenge
        .password_claim(
            a,
            &PoolId::parse(s("pool_id")).unwrap(),
            &Password::new(s("password")),
            &Timestamp::parse(s("timestamp")).unwrap(),
        )
        .unwrap();
    assert_eq!(claim.signature(), expected["password_claim_signature"]);
    let r = ResponseBuilder::new(&challenge, &confidential())
        .build(Answer::PasswordVerifier(&claim))
        .unwrap();
    assert_eq!(
        r.keys(),
        [
            "PASSWORD_CLAIM_SECRET_BLOCK",
            "PASSWORD_CLAIM_SIGNATURE",
            "SECRET_HASH",
            "TIMESTAMP",
            "USERNAME"
        ]
    );
    assert_eq!(r.get("USERNAME"), Some(INTERNAL));
    assert_eq!(r.get("SECRET_HASH"), Some(expected_hash(INTERNAL).as_str()));
    assert_eq!(
        r.get("PASSWORD_CLAIM_SECRET_BLOCK"),
        Some(s("secret_block"))
    );
    assert_eq!(r.get("TIMESTAMP"), Some(s("timestamp")));
    assert_eq!(
        r.get("PASSWORD_CLAIM_SIGNATURE"),
        expected["password_claim_signature"].as_str()
    );
}

#[test]
fn device_flow_keys_and_signature() {
    let path = format!("{}/test-vectors/device.json", env!("CARGO_MANIFEST_DIR"));
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let vector = file["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["kind"] == "device_password_verifier")
        .unwrap();
    let (input, expected) = (&vector["input"], &vector["expected"]);
    let s = |k: &str| input[k].as_str().unwrap();
    let device = RememberedDevice::new(
        DeviceKey::new(s("device_key")),
        DeviceGroupKey::new(s("device_group_key")),
        DevicePassword::new(s("random_password")),
    );
    let client = confidential();

    // DEVICE_SRP_AUTH: SRP_A, DEVICE_KEY, USERNAME and SECRET_HASH.
    let a = EphemeralSecret::from_hex(s("a")).unwrap();
    let srp_auth = Challenge::new("DEVICE_SRP_AUTH", params(&[("USERNAME", INTERNAL)]));
    let r = ResponseBuilder::new(&srp_auth, &client)
        .device_key(&device.device_key)
        .build(Answer::DeviceSrpAuth(a.srp_a()))
        .unwrap();
    assert_eq!(r.keys(), ["DEVICE_KEY", "SECRET_HASH", "SRP_A", "USERNAME"]);
    assert_eq!(r.get("SRP_A"), expected["srp_a"].as_str());
    assert_eq!(
        ResponseBuilder::new(&srp_auth, &client).build(Answer::DeviceSrpAuth(a.srp_a())),
        Err(Error::MissingParameter { name: "DEVICE_KEY" })
    );

    // DEVICE_PASSWORD_VERIFIER.
    let verifier = Challenge::new(
        "DEVICE_PASSWORD_VERIFIER",
        params(&[
            ("USERNAME", INTERNAL),
            ("SALT", s("salt")),
            ("SRP_B", s("srp_b")),
            ("SECRET_BLOCK", s("secret_block")),
        ]),
    );
    let claim = verifier
        .device_password_claim(a, &device, &Timestamp::parse(s("timestamp")).unwrap())
        .unwrap();
    assert_eq!(claim.signature(), expected["password_claim_signature"]);
    let r = ResponseBuilder::new(&verifier, &client)
        .device_key(&device.device_key)
        .build(Answer::DevicePasswordVerifier(&claim))
        .unwrap();
    assert_eq!(
        r.keys(),
        [
            "DEVICE_KEY",
            "PASSWORD_CLAIM_SECRET_BLOCK",
            "PASSWORD_CLAIM_SIGNATURE",
            "SECRET_HASH",
            "TIMESTAMP",
            "USERNAME"
        ]
    );
    assert!(!format!("{device:?}").contains(s("random_password")));
}

#[test]
fn device_key_is_added_to_every_response() {
    let challenge = Challenge::new("SOFTWARE_TOKEN_MFA", params(&[("USERNAME", INTERNAL)]));
    let r = ResponseBuilder::new(&challenge, &confidential())
        .device_key("us-east-1_0bd64aca")
        .build(Answer::SoftwareTokenMfaCode("123456"))
        .unwrap();
    assert_eq!(r.get("DEVICE_KEY"), Some("us-east-1_0bd64aca"));
}

#[test]
fn refusals() {
    assert_eq!(
        respond("ADMIN_NO_SRP_AUTH", Answer::MfaSetup),
        Err(Error::UnsupportedChallenge)
    );
    assert_eq!(
        respond("SMS_MFA", Answer::SoftwareTokenMfaCode("1")),
        Err(Error::AnswerMismatch)
    );
    assert_eq!(
        respond("SOME_NEW_THING", Answer::SmsMfaCode("1")),
        Err(Error::AnswerMismatch)
    );
    assert_eq!(
        respond("SOME_NEW_THING", Answer::Other(&[("USERNAME", "mallory")])),
        Err(Error::AnswerMismatch)
    );
    assert_eq!(
        respond("SMS_MFA", Answer::SmsMfaCode("")),
        Err(Error::EmptyInput {
            field: "SMS_MFA_CODE"
        })
    );
    let not_pv = Challenge::new("SMS_MFA", params(&[("USERNAME", INTERNAL)]));
    let a = EphemeralSecret::from_hex("1234").unwrap();
    let pool = PoolId::parse("us-east-1_abc").unwrap();
    let ts = Timestamp::from_unix_seconds(0).unwrap();
    assert_eq!(
        not_pv.password_claim(a, &pool, &Password::new(""), &ts),
        Err(Error::AnswerMismatch)
    );
    let pv = Challenge::new(
        "PASSWORD_VERIFIER",
        params(&[("USER_ID_FOR_SRP", INTERNAL)]),
    );
    let a = EphemeralSecret::from_hex("1234").unwrap();
    assert_eq!(
        pv.password_claim(a, &pool, &Password::new(""), &ts),
        Err(Error::MissingParameter { name: "SALT" })
    );
}

#[test]
fn challenge_names_round_trip() {
    for name in [
        "SMS_MFA",
        "SMS_OTP",
        "EMAIL_OTP",
        "SOFTWARE_TOKEN_MFA",
        "SELECT_MFA_TYPE",
        "SELECT_CHALLENGE",
        "MFA_SETUP",
        "PASSWORD_VERIFIER",
        "CUSTOM_CHALLENGE",
        "DEVICE_SRP_AUTH",
        "DEVICE_PASSWORD_VERIFIER",
        "NEW_PASSWORD_REQUIRED",
        "PASSWORD",
        "PASSWORD_SRP",
        "WEB_AUTHN",
        "ADMIN_NO_SRP_AUTH",
        "SOMETHING_NEW",
    ] {
        let parsed = ChallengeName::parse(name);
        assert_eq!(parsed.as_str(), name);
        assert_eq!(
            matches!(parsed, ChallengeName::Other(_)),
            name == "SOMETHING_NEW"
        );
    }
}

#[test]
fn initiate_auth_parameters() {
    let a = EphemeralSecret::from_hex("1234").unwrap();
    let client = confidential();
    let init =
        InitiateAuth::srp(AuthFlow::UserSrpAuth, &client, ALIAS, a.srp_a(), Some("dk")).unwrap();
    assert_eq!(init.auth_flow.as_str(), "USER_SRP_AUTH");
    assert_eq!(
        init.parameters.keys(),
        ["DEVICE_KEY", "SECRET_HASH", "SRP_A", "USERNAME"]
    );
    // At InitiateAuth the typed name is the USERNAME, and SECRET_HASH goes with it.
    assert_eq!(
        init.parameters.get("SECRET_HASH"),
        Some(expected_hash(ALIAS).as_str())
    );
    let custom = InitiateAuth::srp(AuthFlow::CustomAuth, &client, ALIAS, a.srp_a(), None).unwrap();
    assert_eq!(custom.auth_flow.as_str(), "CUSTOM_AUTH");
    assert_eq!(custom.parameters.get("CHALLENGE_NAME"), Some("SRP_A"));
    let user_auth = InitiateAuth::srp(AuthFlow::UserAuth, &client, ALIAS, a.srp_a(), None).unwrap();
    assert_eq!(user_auth.auth_flow.as_str(), "USER_AUTH");
    assert_eq!(
        user_auth.parameters.get("PREFERRED_CHALLENGE"),
        Some("PASSWORD_SRP")
    );
    assert_eq!(
        user_auth.parameters.keys(),
        ["PREFERRED_CHALLENGE", "SECRET_HASH", "SRP_A", "USERNAME"]
    );
}

#[cfg(feature = "serde")]
#[test]
fn request_bodies_serialize_as_cognito_takes_them() {
    use srp_cognito::request::{
        AnalyticsMetadata, InitiateAuthRequest, RequestContext, RespondToAuthChallengeRequest,
        UserContextData,
    };
    use std::collections::BTreeMap;
    let client = confidential();
    let challenge = Challenge::new("SMS_MFA", params(&[("USERNAME", INTERNAL)]));
    let responses = ResponseBuilder::new(&challenge, &client)
        .build(Answer::SmsMfaCode("123456"))
        .unwrap();
    let mut user_context = UserContextData::default();
    user_context.ip_address = Some("192.0.2.1".into());
    let mut context = RequestContext::default();
    context.client_metadata = Some(BTreeMap::from([("k".to_owned(), "v".to_owned())]));
    context.analytics_metadata = Some(AnalyticsMetadata::new("ep"));
    context.user_context_data = Some(user_context);
    let body = RespondToAuthChallengeRequest::new(&client, &challenge, Some("sess"), responses)
        .with_context(context);
    let json = serde_json::to_value(&body).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "ChallengeName": "SMS_MFA",
            "ClientId": CLIENT_ID,
            "Session": "sess",
            "ChallengeResponses": {
                "USERNAME": INTERNAL,
                "SMS_MFA_CODE": "123456",
                "SECRET_HASH": expected_hash(INTERNAL),
            },
            "ClientMetadata": {"k": "v"},
            "AnalyticsMetadata": {"AnalyticsEndpointId": "ep"},
            "UserContextData": {"IpAddress": "192.0.2.1"},
        })
    );
    let a = EphemeralSecret::from_hex("2").unwrap();
    let init = InitiateAuth::srp(AuthFlow::UserSrpAuth, &client, ALIAS, a.srp_a(), None).unwrap();
    let json = serde_json::to_value(InitiateAuthRequest::new(&client, init)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "AuthFlow": "USER_SRP_AUTH",
            "ClientId": CLIENT_ID,
            "AuthParameters": {"USERNAME": ALIAS, "SRP_A": "4", "SECRET_HASH": expected_hash(ALIAS)},
        })
    );
}
