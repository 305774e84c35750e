//! The calls moto does not implement (ConfirmDevice, UpdateDeviceStatus,
//! GetTokensFromRefreshToken), through the real AWS SDK for Rust (its HTTP, its
//! serialization, no AWS credentials) against a scripted server on 127.0.0.1 that checks
//! each request's X-Amz-Target and body and answers as Cognito does.

use std::sync::{Arc, Mutex};

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Region};
use serde_json::{Value, json};
use srp_cognito::{
    AppClient, AuthenticationResult, ClientSecret, ServiceCode, Token,
    device::{DeviceGroupKey, DeviceKey, NewDeviceMetadata},
};
use srp_cognito_sdk::{Error, SignedIn, confirm_device, get_tokens_from_refresh_token};

#[path = "../../cli/tests/scripted/mod.rs"]
mod scripted;

const DEVICE_KEY: &str = "us-east-1_0bd64aca-0152-4a24-9b79-65554b5c2159";

/// The requests a scripted server saw: X-Amz-Target and JSON body.
type Seen = Arc<Mutex<Vec<(String, Value)>>>;

/// A server answering each request with the next of `replies`, and an SDK client for it.
fn server(replies: Vec<(u16, Value)>) -> (Client, Seen) {
    let seen: Seen = Arc::default();
    let log = Arc::clone(&seen);
    let url = scripted::serve(move |target, body| {
        let mut log = log.lock().unwrap();
        log.push((
            target.to_owned(),
            serde_json::from_slice(body).unwrap_or(Value::Null),
        ));
        let (status, reply) = &replies[(log.len() - 1).min(replies.len() - 1)];
        let headers = vec![(
            "Content-Type".to_owned(),
            "application/x-amz-json-1.1".to_owned(),
        )];
        (*status, headers, reply.to_string())
    });
    let config = aws_sdk_cognitoidentityprovider::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(url)
        .build();
    (Client::from_conf(config), seen)
}

fn tokens() -> Value {
    json!({"AuthenticationResult": {"AccessToken": "access-2", "IdToken": "id-2",
        "RefreshToken": "refresh-2", "ExpiresIn": 3600, "TokenType": "Bearer"}})
}

#[tokio::test]
async fn get_tokens_from_refresh_token_sends_the_secret_and_the_device() {
    let (cognito, seen) = server(vec![(200, tokens())]);
    let app = AppClient::with_secret("client", ClientSecret::new("s3cr3t")).unwrap();
    let token = Token::new("refresh-1");
    let result = get_tokens_from_refresh_token(&cognito, &app, &token, Some(DEVICE_KEY))
        .await
        .expect("tokens");
    assert_eq!(result.access_token.expose_secret(), "access-2");
    assert_eq!(
        result.refresh_token.as_ref().map(Token::expose_secret),
        Some("refresh-2"),
        "a rotated refresh token"
    );
    let seen = seen.lock().unwrap();
    assert_eq!(
        seen[0].0,
        "AWSCognitoIdentityProviderService.GetTokensFromRefreshToken"
    );
    assert_eq!(
        seen[0].1,
        json!({"ClientId": "client", "ClientSecret": "s3cr3t", "DeviceKey": DEVICE_KEY,
            "RefreshToken": "refresh-1"})
    );
}

#[tokio::test]
async fn a_refused_refresh_is_cognitos_typed_error() {
    let refusal =
        json!({"__type": "NotAuthorizedException", "message": "Refresh Token has expired"});
    let (cognito, _) = server(vec![(400, refusal)]);
    let app = AppClient::new("client").unwrap();
    let token = Token::new("refresh-1");
    match get_tokens_from_refresh_token(&cognito, &app, &token, None).await {
        Err(Error::Service(e)) => {
            assert_eq!(e.code(), ServiceCode::NotAuthorized);
            assert_eq!(e.name(), "NotAuthorizedException");
            assert_eq!(e.message(), "Refresh Token has expired");
            assert_eq!(e.status(), Some(400));
            // The SDK's own error is kept as the source.
            let source = std::error::Error::source(&e).expect("the SDK's error");
            assert!(
                format!("{source:?}").contains("NotAuthorized"),
                "{source:?}"
            );
        }
        other => panic!("expected NotAuthorizedException, got {other:?}"),
    }
    // An empty token never leaves the process.
    let empty = Token::new("");
    assert!(matches!(
        get_tokens_from_refresh_token(&cognito, &app, &empty, None).await,
        Err(Error::Refused(_))
    ));
}

fn signed_in() -> SignedIn {
    let mut tokens = AuthenticationResult::new(Token::new("access-1"));
    tokens.expires_in = Some(3600);
    tokens.new_device_metadata = Some(NewDeviceMetadata::new(
        DeviceKey::new(DEVICE_KEY),
        DeviceGroupKey::new("-rZ8kjX5uJ"),
    ));
    SignedIn::new(tokens, "alice")
}

#[tokio::test]
async fn confirm_device_then_remember_where_users_choose() {
    for (necessary, remember, calls) in [(true, true, 2), (true, false, 1), (false, true, 1)] {
        let (cognito, seen) = server(vec![
            (200, json!({"UserConfirmationNecessary": necessary})),
            (200, json!({})),
        ]);
        let device = confirm_device(&cognito, &signed_in(), Some("laptop"), remember)
            .await
            .expect("confirmed");
        assert_eq!(device.device_key, DEVICE_KEY);
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), calls, "{necessary} {remember}");
        let (target, body) = &seen[0];
        assert_eq!(target, "AWSCognitoIdentityProviderService.ConfirmDevice");
        assert_eq!(body["AccessToken"], "access-1");
        assert_eq!(body["DeviceKey"], DEVICE_KEY);
        assert_eq!(body["DeviceName"], "laptop");
        let config = &body["DeviceSecretVerifierConfig"];
        assert!(
            config["PasswordVerifier"]
                .as_str()
                .is_some_and(|v| v.len() > 400)
        );
        assert!(config["Salt"].as_str().is_some_and(|s| !s.is_empty()));
        if calls == 2 {
            assert_eq!(
                seen[1],
                (
                    "AWSCognitoIdentityProviderService.UpdateDeviceStatus".to_owned(),
                    json!({"AccessToken": "access-1", "DeviceKey": DEVICE_KEY,
                        "DeviceRememberedStatus": "remembered"})
                )
            );
        }
    }
    // Tokens without NewDeviceMetadata: refused before anything is sent.
    let (cognito, seen) = server(vec![(200, json!({}))]);
    let mut without = signed_in();
    without.tokens.new_device_metadata = None;
    assert!(matches!(
        confirm_device(&cognito, &without, None, true).await,
        Err(Error::Refused(_))
    ));
    assert!(seen.lock().unwrap().is_empty());
}
