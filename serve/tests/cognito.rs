//! Where serve was not yet the Cognito that clients expect, each seen failing with a
//! client nobody here wrote: DEVICE_PASSWORD_VERIFIER without `DEVICE_KEY`, a user
//! disabled mid-sign-in still signed in, a decoy's `USER_ID_FOR_SRP` unlike a real user's,
//! GetUser without the MFA settings Amplify reads, SMS preferences dropped without a word,
//! and a second AssociateSoftwareToken replacing the verified secret before it was verified.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use srp_cognito::device::ConfirmDevice;
use srp_cognito::request::ConfirmDeviceRequest;
use srp_cognito::{Answer, AuthenticationResult};
use totp_rs::{Algorithm, Builder, Secret};

mod common;

use common::{End, call, drive, initiate, pool_and_client, respond, serve, srp, user};

const PASSWORD: &str = "Pa55word!";

fn signed_in(end: End) -> AuthenticationResult {
    match end {
        End::SignedIn(result) => result,
        other => panic!("not signed in: {other:?}"),
    }
}

#[test]
fn device_password_verifier_names_the_device() {
    let address = serve();
    let (pool, client) = pool_and_client(
        &address,
        json!({"PoolName": "devices", "DeviceConfiguration": {
            "ChallengeRequiredOnNewDevice": false, "DeviceOnlyRememberedOnUserPrompt": false}}),
        json!({}),
    );
    user(&address, &pool, "dora", PASSWORD);
    let mut first = srp(&pool, &client, "dora", PASSWORD);
    let reply = initiate(&address, &mut first);
    let result = signed_in(drive(&address, &mut first, reply, &mut Vec::new()));
    let confirm = ConfirmDevice::for_result(&result).unwrap();
    let body = ConfirmDeviceRequest::new(&result.access_token, &confirm, Some("laptop"));
    let (status, answer) = call(
        &address,
        "ConfirmDevice",
        &serde_json::to_value(body).unwrap(),
    );
    assert_eq!(status, 200, "{answer}");
    let key = confirm.device_key.as_str().to_owned();

    let mut again = srp(&pool, &client, "dora", PASSWORD).device(confirm.into_remembered_device());
    let reply = initiate(&address, &mut again);
    let mut seen = Vec::new();
    signed_in(drive(&address, &mut again, reply, &mut seen));
    let (_, parameters) = seen
        .iter()
        .find(|(name, _)| name == "DEVICE_PASSWORD_VERIFIER")
        .expect("DEVICE_PASSWORD_VERIFIER");
    assert_eq!(parameters["DEVICE_KEY"], key.as_str(), "{parameters}");
}

#[test]
fn a_user_disabled_after_initiate_auth_is_not_signed_in() {
    let address = serve();
    let (pool, client) = pool_and_client(&address, json!({"PoolName": "p"}), json!({}));
    user(&address, &pool, "erin", PASSWORD);
    let mut signing = srp(&pool, &client, "erin", PASSWORD);
    let (status, challenge) = initiate(&address, &mut signing);
    assert_eq!(status, 200, "{challenge}");
    let (status, answer) = call(
        &address,
        "AdminDisableUser",
        &json!({"UserPoolId": pool, "Username": "erin"}),
    );
    assert_eq!(status, 200, "{answer}");
    let end = drive(&address, &mut signing, (status, challenge), &mut Vec::new());
    match end {
        End::Refused(400, error) => {
            assert_eq!(error["__type"], "NotAuthorizedException", "{error}");
            assert_eq!(error["message"], "User is disabled.", "{error}");
        }
        other => panic!("a disabled user got {other:?}"),
    }
}

/// USER_ID_FOR_SRP of InitiateAuth for `typed`.
fn user_id_for_srp(address: &str, pool: &str, client: &str, typed: &str) -> String {
    let (status, challenge) = initiate(address, &mut srp(pool, client, typed, PASSWORD));
    assert_eq!(status, 200, "{challenge}");
    challenge["ChallengeParameters"]["USER_ID_FOR_SRP"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[test]
fn a_decoy_looks_like_a_user_where_existence_is_hidden() {
    let address = serve();
    let hidden = json!({"PreventUserExistenceErrors": "ENABLED"});
    // Users sign in by username: a real user's id is the username, a decoy's the name typed.
    let (pool, client) = pool_and_client(&address, json!({"PoolName": "names"}), hidden.clone());
    user(&address, &pool, "alice", PASSWORD);
    assert_eq!(user_id_for_srp(&address, &pool, &client, "alice"), "alice");
    assert_eq!(
        user_id_for_srp(&address, &pool, &client, "mallory"),
        "mallory"
    );
    // Users sign in by email: both are UUIDs, the decoy's the same every time.
    let (pool, client) = pool_and_client(
        &address,
        json!({"PoolName": "emails", "UsernameAttributes": ["email"]}),
        hidden,
    );
    let (status, answer) = call(
        &address,
        "AdminCreateUser",
        &json!({"UserPoolId": pool, "Username": "bob@example.com", "MessageAction": "SUPPRESS"}),
    );
    assert_eq!(status, 200, "{answer}");
    call(
        &address,
        "AdminSetUserPassword",
        &json!({"UserPoolId": pool, "Username": "bob@example.com", "Password": PASSWORD, "Permanent": true}),
    );
    let real = user_id_for_srp(&address, &pool, &client, "bob@example.com");
    let decoy = user_id_for_srp(&address, &pool, &client, "eve@example.com");
    assert!(is_uuid(&real) && is_uuid(&decoy), "{real} {decoy}");
    assert_eq!(
        decoy,
        user_id_for_srp(&address, &pool, &client, "eve@example.com")
    );
}

/// The code an authenticator app shows now for the base32 `secret`.
fn totp(secret: &str) -> String {
    let bytes = Secret::try_from_base32(secret).unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(30)
        .with_secret(bytes.to_vec())
        .build()
        .unwrap()
        .generate(now)
        .to_string()
}

/// AssociateSoftwareToken for the access token: the secret's base32.
fn associate(address: &str, access_token: &str) -> String {
    let (status, answer) = call(
        address,
        "AssociateSoftwareToken",
        &json!({"AccessToken": access_token}),
    );
    assert_eq!(status, 200, "{answer}");
    answer["SecretCode"].as_str().unwrap().to_owned()
}

fn verify(address: &str, access_token: &str, code: &str) -> (u16, Value) {
    call(
        address,
        "VerifySoftwareToken",
        &json!({"AccessToken": access_token, "UserCode": code}),
    )
}

/// A sign-in answered with `code` at SOFTWARE_TOKEN_MFA.
fn sign_in_with_code(address: &str, pool: &str, client: &str, code: &str) -> End {
    let mut signing = srp(pool, client, "gina", PASSWORD);
    let reply = initiate(address, &mut signing);
    match drive(address, &mut signing, reply, &mut Vec::new()) {
        End::Pending(name) if name == "SOFTWARE_TOKEN_MFA" => {}
        other => panic!("no MFA challenge: {other:?}"),
    }
    let answer = signing.answer(Answer::SoftwareTokenMfaCode(code)).unwrap();
    let reply = respond(address, &signing, answer);
    drive(address, &mut signing, reply, &mut Vec::new())
}

#[test]
fn totp_settings_are_shown_sms_is_refused_and_a_new_secret_waits_for_its_code() {
    let address = serve();
    let (pool, client) = pool_and_client(&address, json!({"PoolName": "mfa"}), json!({}));
    let (status, answer) = call(
        &address,
        "SetUserPoolMfaConfig",
        &json!({"UserPoolId": pool, "MfaConfiguration": "OPTIONAL",
            "SoftwareTokenMfaConfiguration": {"Enabled": true}}),
    );
    assert_eq!(status, 200, "{answer}");
    user(&address, &pool, "gina", PASSWORD);
    let mut signing = srp(&pool, &client, "gina", PASSWORD);
    let reply = initiate(&address, &mut signing);
    let tokens = signed_in(drive(&address, &mut signing, reply, &mut Vec::new()));
    let access = tokens.access_token.expose_secret().to_owned();
    let get_user = || call(&address, "GetUser", &json!({"AccessToken": access}));
    assert_eq!(get_user().1["UserMFASettingList"], json!([]));
    assert!(get_user().1.get("PreferredMfaSetting").is_none());

    let first = associate(&address, &access);
    assert_eq!(verify(&address, &access, &totp(&first)).0, 200);
    let (status, answer) = call(
        &address,
        "SetUserMFAPreference",
        &json!({"AccessToken": access,
            "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": true}}),
    );
    assert_eq!(status, 200, "{answer}");
    let (_, described) = get_user();
    assert_eq!(
        described["UserMFASettingList"],
        json!(["SOFTWARE_TOKEN_MFA"])
    );
    assert_eq!(described["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA");
    let (_, admin) = call(
        &address,
        "AdminGetUser",
        &json!({"UserPoolId": pool, "Username": "gina"}),
    );
    assert_eq!(admin["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA");

    // SMS (or email) MFA, which serve does not offer, is refused rather than dropped.
    let (status, refused) = call(
        &address,
        "SetUserMFAPreference",
        &json!({"AccessToken": access, "SMSMfaSettings": {"Enabled": true}}),
    );
    assert_eq!(
        (status, refused["__type"].as_str()),
        (400, Some("InvalidParameterException"))
    );
    let (status, _) = call(
        &address,
        "SetUserMFAPreference",
        &json!({"AccessToken": access, "SMSMfaSettings": {"Enabled": false}}),
    );
    assert_eq!(status, 200, "turning off what is off is no change");

    // A second association: the verified secret stays in force until the new one is
    // verified, then the new one replaces it.
    let second = associate(&address, &access);
    assert_ne!(first, second);
    signed_in(sign_in_with_code(&address, &pool, &client, &totp(&first)));
    assert_eq!(verify(&address, &access, &totp(&second)).0, 200);
    signed_in(sign_in_with_code(&address, &pool, &client, &totp(&second)));
    if totp(&first) != totp(&second) {
        match sign_in_with_code(&address, &pool, &client, &totp(&first)) {
            End::Refused(400, error) => assert_eq!(error["__type"], "CodeMismatchException"),
            other => panic!("the replaced secret's code: {other:?}"),
        }
    }
}

#[test]
fn flows_are_checked_in_cognitos_words_and_legacy_values_honoured() {
    let address = serve();
    let (pool, client) = pool_and_client(
        &address,
        json!({"PoolName": "legacy"}),
        json!({"ExplicitAuthFlows": ["ADMIN_NO_SRP_AUTH"]}),
    );
    user(&address, &pool, "hal", PASSWORD);
    let parameters = json!({"USERNAME": "hal", "PASSWORD": PASSWORD});
    let admin = |flow: &str| {
        call(
            &address,
            "AdminInitiateAuth",
            &json!({"UserPoolId": pool, "ClientId": client, "AuthFlow": flow,
                "AuthParameters": parameters}),
        )
    };
    let user_side = |flow: &str| {
        call(
            &address,
            "InitiateAuth",
            &json!({"ClientId": client, "AuthFlow": flow, "AuthParameters": parameters}),
        )
    };
    // The legacy ADMIN_NO_SRP_AUTH allows ADMIN_USER_PASSWORD_AUTH, under either name.
    for flow in ["ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"] {
        let (status, answer) = admin(flow);
        assert_eq!(status, 200, "{flow}: {answer}");
        assert!(answer["AuthenticationResult"]["AccessToken"].is_string());
    }
    let message = |(status, error): (u16, Value)| {
        assert_eq!(status, 400, "{error}");
        assert_eq!(error["__type"], "InvalidParameterException", "{error}");
        error["message"].as_str().unwrap().to_owned()
    };
    assert_eq!(
        message(user_side("ADMIN_USER_PASSWORD_AUTH")),
        "Initiate Auth method not supported"
    );
    assert_eq!(
        message(admin("USER_PASSWORD_AUTH")),
        "Initiate Auth method not supported"
    );
    let unknown = message(user_side("PASSWORD_PLEASE"));
    assert!(
        unknown.starts_with(
            "1 validation error detected: Value 'PASSWORD_PLEASE' at 'authFlow' failed to satisfy constraint"
        ),
        "{unknown}"
    );
    // Not enabled for this client: USER_SRP_AUTH.
    assert!(message(user_side("USER_SRP_AUTH")).contains("not enabled"));
}

#[test]
fn codes_go_where_users_can_receive_them_and_a_decoys_destination_looks_real() {
    let address = serve();
    let (pool, client) = pool_and_client(
        &address,
        json!({"PoolName": "codes"}),
        json!({"PreventUserExistenceErrors": "ENABLED"}),
    );
    let forgot = |name: &str| {
        call(
            &address,
            "ForgotPassword",
            &json!({"ClientId": client, "Username": name}),
        )
    };
    // A sign-up without an email or a phone: Cognito sends no code, so no destination.
    let (status, signed_up) = call(
        &address,
        "SignUp",
        &json!({"ClientId": client, "Username": "ivy", "Password": PASSWORD}),
    );
    assert_eq!(status, 200, "{signed_up}");
    assert!(
        signed_up.get("CodeDeliveryDetails").is_none(),
        "{signed_up}"
    );
    call(
        &address,
        "AdminConfirmSignUp",
        &json!({"UserPoolId": pool, "Username": "ivy"}),
    );
    let (status, refused) = forgot("ivy");
    assert_eq!(
        (status, refused["__type"].as_str()),
        (400, Some("InvalidParameterException")),
        "{refused}"
    );
    // A user with an email: masked as Cognito masks it.
    user(&address, &pool, "jack", PASSWORD);
    let destination = |(status, answer): (u16, Value)| {
        assert_eq!(status, 200, "{answer}");
        answer["CodeDeliveryDetails"]["Destination"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(destination(forgot("jack")), "j***@e***");
    // Names that are no one's: a destination of the same shape, the same every time, and
    // an email typed masked as a real one would be.
    let shape = |d: &str| {
        let c: Vec<char> = d.chars().collect();
        c.len() == 9 && c[0].is_ascii_lowercase() && &d[1..5] == "***@" && &d[6..] == "***"
    };
    let decoys: Vec<String> = ["mallory", "trent", "oscar", "peggy"]
        .iter()
        .map(|name| destination(forgot(name)))
        .collect();
    assert!(decoys.iter().all(|d| shape(d)), "{decoys:?}");
    // Destinations vary between names as real users' do (one constant would give it away).
    assert!(decoys.iter().any(|d| *d != decoys[0]), "{decoys:?}");
    assert_eq!(destination(forgot("mallory")), decoys[0]);
    assert_eq!(destination(forgot("zed@zoo.example")), "z***@z***");
    // An administrator's reset of a disabled user is refused.
    call(
        &address,
        "AdminDisableUser",
        &json!({"UserPoolId": pool, "Username": "jack"}),
    );
    let (status, refused) = call(
        &address,
        "AdminResetUserPassword",
        &json!({"UserPoolId": pool, "Username": "jack"}),
    );
    assert_eq!(
        (status, refused["__type"].as_str()),
        (400, Some("NotAuthorizedException")),
        "{refused}"
    );
}
