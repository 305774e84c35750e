//! What the SDK crate's end-to-end tests share: provisioning through the SDK's admin
//! calls (moto and `srp-cognito serve` take the same), and the SDK's client for an endpoint.
#![allow(dead_code, reason = "each test binary uses a part of what is shared")]

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, DeviceConfigurationType, ExplicitAuthFlowsType, MessageActionType,
};
use srp_cognito::{
    Answer, AppClient, ChallengeName, ClientSecret, Password, PoolId, SecretBlockDecoding,
};
use srp_cognito_sdk::{Error, Outcome, SignedIn, sign_in};

pub const PASSWORD: &str = "correct horse Battery st4ple!";
pub const TEMPORARY: &str = "Temp0rary!pass";

/// The SDK's client for the endpoint at `url`; the admin calls are signed with credentials
/// neither test server checks.
pub fn client(url: &str) -> Client {
    let config = aws_sdk_cognitoidentityprovider::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(Credentials::new("test", "test", None, None, "tests"))
        .build();
    Client::from_conf(config)
}

/// An app client's id and secret, from which an [`AppClient`] is made for each use (it is
/// not `Clone`, by design).
pub struct App {
    pub id: String,
    pub secret: Option<String>,
}

impl App {
    pub fn client(&self) -> AppClient {
        match &self.secret {
            Some(secret) => {
                AppClient::with_secret(&self.id, ClientSecret::new(secret.as_str())).unwrap()
            }
            None => AppClient::new(&self.id).unwrap(),
        }
    }
}

/// A pool (remembering devices when `devices` says so), an app client (with a secret or
/// not; USER_SRP_AUTH, USER_AUTH and refresh) and a user with `PASSWORD`, confirmed
/// (`permanent`) or waiting for a new password.
pub async fn provision(
    cognito: &Client,
    secret: bool,
    user: &str,
    permanent: bool,
    devices: bool,
) -> (PoolId, App) {
    let pool = cognito
        .create_user_pool()
        .pool_name("srp-cognito-sdk")
        .set_device_configuration(devices.then(|| {
            DeviceConfigurationType::builder()
                .device_only_remembered_on_user_prompt(false)
                .build()
        }))
        .send()
        .await
        .expect("CreateUserPool");
    let pool_id = pool
        .user_pool()
        .and_then(|p| p.id())
        .expect("pool id")
        .to_owned();
    let client = cognito
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("sdk")
        .generate_secret(secret)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .send()
        .await
        .expect("CreateUserPoolClient");
    let client = client.user_pool_client().expect("a client");
    let app = App {
        id: client.client_id().expect("client id").to_owned(),
        secret: client.client_secret().map(str::to_owned),
    };
    cognito
        .admin_create_user()
        .user_pool_id(&pool_id)
        .username(user)
        .temporary_password(TEMPORARY)
        .message_action(MessageActionType::Suppress)
        .user_attributes(
            AttributeType::builder()
                .name("email")
                .value(format!("{user}@example.com"))
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("AdminCreateUser");
    if permanent {
        cognito
            .admin_set_user_password()
            .user_pool_id(&pool_id)
            .username(user)
            .password(PASSWORD)
            .permanent(true)
            .send()
            .await
            .expect("AdminSetUserPassword");
    }
    (PoolId::parse(&pool_id).unwrap(), app)
}

pub async fn tokens_of(outcome: Result<Outcome<'_>, Error>) -> SignedIn {
    match outcome.expect("a sign-in") {
        Outcome::SignedIn(signed_in) => signed_in,
        Outcome::Pending(pending) => panic!("pending {}", pending.challenge().name()),
    }
}

/// The sign-in of a user with the temporary password: NEW_PASSWORD_REQUIRED, answered
/// through the pending-challenge API with `PASSWORD`.
pub async fn new_password(
    cognito: &Client,
    pool: &PoolId,
    app: &App,
    user: &str,
    decoding: SecretBlockDecoding,
) -> SignedIn {
    let outcome = sign_in(
        cognito,
        pool.clone(),
        app.client(),
        user,
        Password::new(TEMPORARY),
    )
    .secret_block_decoding(decoding)
    .send()
    .await
    .expect("a sign-in");
    let Outcome::Pending(pending) = outcome else {
        panic!("NEW_PASSWORD_REQUIRED expected");
    };
    assert_eq!(
        *pending.challenge().name(),
        ChallengeName::NewPasswordRequired
    );
    let new = Password::new(PASSWORD);
    let answer = Answer::NewPassword {
        password: &new,
        attributes: &[],
    };
    tokens_of(pending.answer(answer).await).await
}
