//! srp-cognito-sdk with the real AWS SDK for Rust against `srp-cognito serve` run
//! in-process, which verifies every claim as Cognito does (moto accepts any): right and
//! wrong passwords with and without a client secret, USER_AUTH, NEW_PASSWORD_REQUIRED
//! answered, a device confirmed then used (and a wrong device password refused), both
//! refreshes with the device key.

use aws_sdk_cognitoidentityprovider::Client;
use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::Value;
use srp_cognito::{
    Password, SecretBlockDecoding, SignIn,
    device::{DevicePassword, RememberedDevice},
};
use srp_cognito_sdk::{
    Error, Outcome, SignInBuilder, confirm_device, get_tokens_from_refresh_token, refresh, sign_in,
};

mod support;

use support::{PASSWORD, new_password, provision, tokens_of};

fn serve() -> Client {
    let server = srp_cognito_serve::Server::bind("127.0.0.1:0".parse().unwrap()).unwrap();
    support::client(&server.spawn())
}

fn refused(outcome: Result<Outcome<'_>, Error>) -> String {
    match outcome {
        Err(Error::Service(e)) => e.name().to_owned(),
        other => panic!("expected Cognito's refusal, got {other:?}"),
    }
}

fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&Base64UrlUnpadded::decode_vec(payload).unwrap()).unwrap()
}

#[tokio::test]
async fn right_and_wrong_passwords_and_user_auth() {
    let cognito = serve();
    for secret in [false, true] {
        let (pool, app) = provision(&cognito, secret, "alice", true, false).await;
        let signed_in = tokens_of(
            sign_in(
                &cognito,
                pool.clone(),
                app.client(),
                "alice",
                Password::new(PASSWORD),
            )
            .send()
            .await,
        )
        .await;
        assert_eq!(signed_in.username, "alice");
        let wrong = sign_in(
            &cognito,
            pool.clone(),
            app.client(),
            "alice",
            Password::new("wrong"),
        )
        .send()
        .await;
        assert_eq!(refused(wrong), "NotAuthorizedException");
        // USER_AUTH preferring PASSWORD_SRP.
        let user_auth = SignIn::user_auth(pool, app.client(), "alice", Password::new(PASSWORD));
        let signed_in = tokens_of(SignInBuilder::with(&cognito, user_auth).send().await).await;
        assert_eq!(
            claims(signed_in.tokens.access_token.expose_secret())["username"],
            "alice"
        );
    }
}

#[tokio::test]
async fn new_password_then_a_remembered_device_and_refreshes() {
    let cognito = serve();
    let (pool, app) = provision(&cognito, true, "bob", false, true).await;
    let signed_in = new_password(&cognito, &pool, &app, "bob", SecretBlockDecoding::Strict).await;
    assert!(signed_in.tokens.new_device_metadata.is_some());

    // Remember the device, then sign in through it.
    let device = confirm_device(&cognito, &signed_in, Some("laptop"), true)
        .await
        .expect("ConfirmDevice");
    let key = device.device_key.clone();
    let group = device.device_group_key.clone();
    let password = device.device_password.expose_secret().to_owned();
    let through = sign_in(
        &cognito,
        pool.clone(),
        app.client(),
        "bob",
        Password::new(PASSWORD),
    )
    .device(Some(device))
    .send()
    .await;
    let signed_in = tokens_of(through).await;
    assert_eq!(
        claims(signed_in.tokens.access_token.expose_secret())["device_key"],
        key.as_str()
    );
    // A wrong device password is refused.
    let wrong = RememberedDevice::new(
        key.clone(),
        group,
        DevicePassword::new(format!("{password}x")),
    );
    let refusal = sign_in(&cognito, pool, app.client(), "bob", Password::new(PASSWORD))
        .device(Some(wrong))
        .send()
        .await;
    assert_eq!(refused(refusal), "NotAuthorizedException");

    // Both refreshes, with the device key.
    let token = signed_in
        .tokens
        .refresh_token
        .as_ref()
        .expect("a refresh token");
    let app = app.client();
    let fresh = refresh(&cognito, &app, token, Some(&signed_in.username), Some(&key))
        .await
        .expect("REFRESH_TOKEN_AUTH");
    assert_eq!(
        claims(fresh.access_token.expose_secret())["device_key"],
        key.as_str()
    );
    let fresh = get_tokens_from_refresh_token(&cognito, &app, token, Some(&key))
        .await
        .expect("GetTokensFromRefreshToken");
    assert_eq!(
        claims(fresh.access_token.expose_secret())["username"],
        signed_in.username.as_str()
    );
    // A refresh's SECRET_HASH computed with another name is refused.
    match refresh(&cognito, &app, token, Some("someone-else"), Some(&key)).await {
        Err(Error::Service(e)) => {
            assert!(e.message().contains("secret hash"), "{e}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}
