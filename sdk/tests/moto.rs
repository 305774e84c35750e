//! End to end with the real AWS SDK for Rust (its HTTP, its serialization) against moto's
//! Cognito (PyPI `moto[server]`, one server per test on a free 127.0.0.1 port): pools,
//! clients and users provisioned through the SDK's admin calls, then srp-cognito-sdk's
//! sign-in with and without a client secret, a wrong password, NEW_PASSWORD_REQUIRED and
//! SOFTWARE_TOKEN_MFA answered through the pending-challenge API, a refresh, and the
//! `sign_in` example as a program.
//!
//! moto accepts any SRP signature and sends a SECRET_BLOCK that is not base64 (hence the
//! lenient decoding); the claims themselves are checked by the library's tests against a
//! server that verifies them. Ignored unless asked for (`--include-ignored`); then a
//! missing moto fails them.

use std::process::{Command, Output};

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Region};
use aws_sdk_cognitoidentityprovider::types::SoftwareTokenMfaSettingsType;
use srp_cognito::{
    Answer, AppClient, ChallengeName, ClientSecret, Password, PoolId, SecretBlockDecoding,
    ServiceCode,
};
use srp_cognito_sdk::{Outcome, SignedIn, refresh, sign_in};

#[path = "../../cli/tests/common/mod.rs"]
mod common;
#[path = "../../cli/tests/moto_server/mod.rs"]
mod moto_server;

mod support;

use support::{PASSWORD, TEMPORARY, new_password, provision, tokens_of};

/// moto on a free port, stopped when dropped, and an SDK client for it.
struct Moto {
    server: moto_server::MotoServer,
}

impl Moto {
    fn start() -> Moto {
        let server = moto_server::start();
        Moto { server }
    }

    /// The SDK's client; the admin calls are signed with credentials moto does not check.
    fn client(&self) -> Client {
        support::client(&self.server.url)
    }
}

/// Software-token MFA for the user of `access`, preferred (moto takes any code).
async fn enable_totp(cognito: &Client, access: &str) {
    cognito
        .associate_software_token()
        .access_token(access)
        .send()
        .await
        .expect("AssociateSoftwareToken");
    cognito
        .verify_software_token()
        .access_token(access)
        .user_code("123456")
        .send()
        .await
        .expect("VerifySoftwareToken");
    cognito
        .set_user_mfa_preference()
        .access_token(access)
        .software_token_mfa_settings(
            SoftwareTokenMfaSettingsType::builder()
                .enabled(true)
                .preferred_mfa(true)
                .build(),
        )
        .send()
        .await
        .expect("SetUserMFAPreference");
}

#[tokio::test]
#[ignore = "end to end: needs moto_server from pip; run with --include-ignored"]
async fn sign_in_with_and_without_a_secret_then_refresh() {
    let moto = Moto::start();
    let cognito = moto.client();
    for secret in [false, true] {
        let (pool, app) = provision(&cognito, secret, "alice", true, false).await;
        let outcome = sign_in(
            &cognito,
            pool.clone(),
            app.client(),
            "alice",
            Password::new(PASSWORD),
        )
        .secret_block_decoding(SecretBlockDecoding::Lenient)
        .send()
        .await;
        let signed_in = tokens_of(outcome).await;
        assert!(!signed_in.tokens.access_token.expose_secret().is_empty());
        assert_eq!(signed_in.username, "alice");
        let token = signed_in
            .tokens
            .refresh_token
            .as_ref()
            .expect("a refresh token");
        let fresh = refresh(
            &cognito,
            &app.client(),
            token,
            Some(&signed_in.username),
            None,
        )
        .await
        .expect("a refresh");
        assert!(!fresh.access_token.expose_secret().is_empty());
        // A wrong client secret: Cognito's refusal, typed. (moto accepts any SRP signature:
        // wrong passwords are refused by the tests against a verifying server.)
        if secret {
            let wrong = AppClient::with_secret(&app.id, ClientSecret::new("wrong")).unwrap();
            let refused = sign_in(&cognito, pool, wrong, "alice", Password::new(PASSWORD))
                .secret_block_decoding(SecretBlockDecoding::Lenient)
                .send()
                .await;
            let code = refused.err().and_then(|e| e.service_code());
            assert_eq!(code, Some(ServiceCode::NotAuthorized));
        }
    }
}

#[tokio::test]
#[ignore = "end to end: needs moto_server from pip; run with --include-ignored"]
async fn new_password_required_then_software_token_mfa() {
    let moto = Moto::start();
    let cognito = moto.client();
    let (pool, app) = provision(&cognito, false, "carol", false, false).await;
    // The temporary password: NEW_PASSWORD_REQUIRED, answered through the pending API.
    let signed_in =
        new_password(&cognito, &pool, &app, "carol", SecretBlockDecoding::Lenient).await;
    // TOTP for the user, then a sign-in stops at SOFTWARE_TOKEN_MFA.
    enable_totp(&cognito, signed_in.tokens.access_token.expose_secret()).await;
    let outcome = sign_in(
        &cognito,
        pool,
        app.client(),
        "carol",
        Password::new(PASSWORD),
    )
    .secret_block_decoding(SecretBlockDecoding::Lenient)
    .send()
    .await
    .expect("a sign-in");
    let Outcome::Pending(pending) = outcome else {
        panic!("SOFTWARE_TOKEN_MFA expected");
    };
    assert_eq!(*pending.challenge().name(), ChallengeName::SoftwareTokenMfa);
    let signed_in = tokens_of(pending.answer(Answer::SoftwareTokenMfaCode("123456")).await).await;
    assert!(!signed_in.tokens.access_token.expose_secret().is_empty());
}

/// The example as a program: tokens and a refresh for a client with a secret (a new
/// password answered from the environment) and for one without (an MFA code answered).
#[tokio::test]
#[ignore = "end to end: needs moto_server from pip; run with --include-ignored"]
async fn the_example_signs_in_answers_and_refreshes() {
    let moto = Moto::start();
    let cognito = moto.client();
    let (pool, app) = provision(&cognito, true, "dave", false, false).await;
    let secret = app.secret.clone().expect("a secret");
    let url = moto.server.url.as_str();
    let dave = |env: &[(&str, &str)]| example(&pool, &app.id, "dave", url, env);
    let with_secret = ("SRP_COGNITO_CLIENT_SECRET", secret.as_str());
    // Without a new password: the challenge is printed, exit 3.
    let output = dave(&[("SRP_COGNITO_PASSWORD", TEMPORARY), with_secret]);
    assert_exit(&output, 3);
    assert!(String::from_utf8_lossy(&output.stdout).contains("NEW_PASSWORD_REQUIRED"));
    // With one: tokens, then refreshed tokens.
    let output = dave(&[
        ("SRP_COGNITO_PASSWORD", TEMPORARY),
        ("SRP_COGNITO_NEW_PASSWORD", PASSWORD),
        with_secret,
    ]);
    assert_exit(&output, 0);
    assert_eq!(access_tokens(&output), 2, "signed in, then refreshed");
    // A wrong client secret: refused by Cognito, exit 1.
    let output = dave(&[
        ("SRP_COGNITO_PASSWORD", PASSWORD),
        ("SRP_COGNITO_CLIENT_SECRET", "wrong"),
    ]);
    assert_exit(&output, 1);
    assert!(String::from_utf8_lossy(&output.stderr).contains("NotAuthorizedException"));

    // A client without a secret, a user with software-token MFA: the code from the
    // environment answers SOFTWARE_TOKEN_MFA, then a refresh.
    let (pool, app) = provision(&cognito, false, "erin", true, false).await;
    let signed_in = tokens_of(
        sign_in(
            &cognito,
            pool.clone(),
            app.client(),
            "erin",
            Password::new(PASSWORD),
        )
        .secret_block_decoding(SecretBlockDecoding::Lenient)
        .send()
        .await,
    )
    .await;
    enable_totp(&cognito, signed_in.tokens.access_token.expose_secret()).await;
    let erin = |env: &[(&str, &str)]| example(&pool, &app.id, "erin", url, env);
    let output = erin(&[("SRP_COGNITO_PASSWORD", PASSWORD)]);
    assert_exit(&output, 3);
    assert!(String::from_utf8_lossy(&output.stdout).contains("SOFTWARE_TOKEN_MFA"));
    let output = erin(&[
        ("SRP_COGNITO_PASSWORD", PASSWORD),
        ("SRP_COGNITO_MFA_CODE", "123456"),
    ]);
    assert_exit(&output, 0);
    assert_eq!(access_tokens(&output), 2, "signed in, then refreshed");
}

/// Runs the `sign_in` example for `user` against moto, with `env` as its only
/// `SRP_COGNITO_*` variables, refreshing after the sign-in.
fn example(pool: &PoolId, client_id: &str, user: &str, url: &str, env: &[(&str, &str)]) -> Output {
    let example = std::env::current_exe()
        .expect("the test's path")
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/debug")
        .join("examples/sign_in");
    let mut command = Command::new(example);
    command.args([
        "--pool-id",
        pool.as_str(),
        "--client-id",
        client_id,
        "--username",
        user,
        "--endpoint-url",
        url,
        "--lenient-secret-block",
        "--refresh",
    ]);
    for variable in [
        "SRP_COGNITO_PASSWORD",
        "SRP_COGNITO_CLIENT_SECRET",
        "SRP_COGNITO_NEW_PASSWORD",
        "SRP_COGNITO_MFA_CODE",
    ] {
        command.env_remove(variable);
    }
    command
        .envs(env.iter().copied())
        .output()
        .expect("the example runs")
}

fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// How many AuthenticationResults the example printed.
fn access_tokens(output: &Output) -> usize {
    String::from_utf8_lossy(&output.stdout)
        .matches("AccessToken")
        .count()
}

/// The futures can cross threads (a multi-threaded runtime's `spawn`).
#[test]
fn futures_are_send() {
    fn send<T: Send>(_: &T) {}
    let config = aws_sdk_cognitoidentityprovider::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .build();
    let cognito = Client::from_conf(config);
    let pool = PoolId::parse("us-east-1_AbCdEf123").unwrap();
    let app = AppClient::new("client").unwrap();
    let sign_in = sign_in(&cognito, pool, app, "alice", Password::new("pw")).send();
    send(&sign_in);
    let app = AppClient::new("client").unwrap();
    let token = srp_cognito::Token::new("refresh");
    send(&refresh(&cognito, &app, &token, None, None));
    send(&srp_cognito_sdk::get_tokens_from_refresh_token(
        &cognito, &app, &token, None,
    ));
    let signed_in = SignedIn::new(srp_cognito::AuthenticationResult::new(token), "alice");
    send(&srp_cognito_sdk::confirm_device(
        &cognito, &signed_in, None, true,
    ));
}
