//! Challenge parameters (a JSON object of strings, as Cognito returns them) through the
//! claims of PASSWORD_VERIFIER and DEVICE_PASSWORD_VERIFIER and the ChallengeResponses
//! builder for every answer: a value or a typed refusal, never a panic.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use srp_cognito::steps::{Challenge, ResponseBuilder};
use srp_cognito::{
    Answer, AppClient, ClientSecret, MfaType, Password, PoolId, Selection, Timestamp,
    device::{DeviceGroupKey, DeviceKey, DevicePassword, RememberedDevice},
    steps::EphemeralSecret,
};

fuzz_target!(|data: &[u8]| {
    // First line: the challenge name; the rest: a JSON object of parameters.
    let text = String::from_utf8_lossy(data);
    let (name, rest) = text.split_once('\n').unwrap_or((&text, "{}"));
    let Ok(parameters) = serde_json::from_str::<HashMap<String, String>>(rest) else {
        return;
    };
    let challenge = Challenge::new(name, parameters);
    let client = AppClient::with_secret("3z57ildt8dipg4dt9wl5m6ulaf", ClientSecret::new("s"))
        .expect("client");
    let ts = Timestamp::from_unix_seconds(1_793_693_109).expect("timestamp");
    let password = Password::new("correct horse battery staple");
    let pool = PoolId::parse("us-east-1_AbCdEf123").expect("pool");
    let device = RememberedDevice::new(
        DeviceKey::new("us-east-1_0bd64aca"),
        DeviceGroupKey::new("-rZ8kjX5uJ"),
        DevicePassword::new("bstlTmF6bXzb2xDtmDq+p42VJXwJR5CfDmQoA6SjL+sW8UAdTI0XPA=="),
    );
    let builder = ResponseBuilder::new(&challenge, &client).device_key("us-east-1_0bd64aca");
    // The SRP claims need the SRP parameters: skip the exponentiations otherwise.
    if ["SALT", "SRP_B", "SECRET_BLOCK"]
        .iter()
        .all(|k| challenge.parameter(k).is_some())
    {
        let a = EphemeralSecret::from_bytes(&[0x5a; 32]).expect("a");
        if let Ok(claim) = challenge.password_claim(a, &pool, &password, &ts) {
            let _ = builder.build(Answer::PasswordVerifier(&claim));
        }
        let a = EphemeralSecret::from_bytes(&[0xa5; 32]).expect("a");
        if let Ok(claim) = challenge.device_password_claim(a, &device, &ts) {
            let _ = builder.build(Answer::DevicePasswordVerifier(&claim));
        }
    }
    let a = EphemeralSecret::from_bytes(&[0x33; 8]).expect("a");
    let attributes = [("name", "Alice")];
    for answer in [
        Answer::SmsMfaCode("123456"),
        Answer::SmsOtpCode("123456"),
        Answer::EmailOtpCode("12345678"),
        Answer::SoftwareTokenMfaCode("123456"),
        Answer::SelectMfaType(MfaType::SoftwareTokenMfa),
        Answer::SelectChallenge(Selection::Password(&password)),
        Answer::SelectChallenge(Selection::PasswordSrp(a.srp_a())),
        Answer::SelectChallenge(Selection::WebAuthn("{}")),
        Answer::MfaSetup,
        Answer::CustomChallenge("42"),
        Answer::DeviceSrpAuth(a.srp_a()),
        Answer::NewPassword {
            password: &password,
            attributes: &attributes,
        },
        Answer::Password(&password),
        Answer::PasswordSrp(a.srp_a()),
        Answer::WebAuthn("{}"),
        Answer::Other(&[("X", "y")]),
    ] {
        let _ = builder.build(answer);
    }
});
