//! Sign in with the AWS SDK for Rust and srp-cognito-sdk, as a program:
//!
//!   cargo run -p srp-cognito-sdk --example sign_in -- --pool-id P --client-id C --username U
//!       [--endpoint-url URL] [--lenient-secret-block] [--refresh]
//!
//! The password comes from SRP_COGNITO_PASSWORD, the client secret (for app clients that
//! have one) from SRP_COGNITO_CLIENT_SECRET. A challenge is answered from the environment
//! where it can be: NEW_PASSWORD_REQUIRED with SRP_COGNITO_NEW_PASSWORD, an MFA code
//! (SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP) with SRP_COGNITO_MFA_CODE. Prints the
//! AuthenticationResult as JSON (then, with --refresh, the refreshed one), or the pending
//! challenge. Exit codes as the CLI's: 0 tokens, 1 refused by Cognito, 2 usage, 3 a
//! challenge left unanswered.

use std::process::ExitCode;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Region};
use serde_json::json;
use srp_cognito::{
    Answer, AppClient, AuthenticationResult, ChallengeName, ClientSecret, Password, PoolId,
    SecretBlockDecoding,
};
use srp_cognito_sdk::{Outcome, SignedIn, refresh, sign_in};

struct Options {
    pool_id: String,
    client_id: String,
    username: String,
    endpoint_url: Option<String>,
    lenient: bool,
    refresh: bool,
}

fn options() -> Result<Options, String> {
    let (mut pool_id, mut client_id, mut username, mut endpoint_url) = (None, None, None, None);
    let (mut lenient, mut refresh) = (false, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let slot = match arg.as_str() {
            "--pool-id" => &mut pool_id,
            "--client-id" => &mut client_id,
            "--username" => &mut username,
            "--endpoint-url" => &mut endpoint_url,
            "--lenient-secret-block" => {
                lenient = true;
                continue;
            }
            "--refresh" => {
                refresh = true;
                continue;
            }
            other => return Err(format!("unknown argument {other:?}")),
        };
        *slot = Some(args.next().ok_or(format!("{arg} needs a value"))?);
    }
    let need = |value: Option<String>, name: &str| value.ok_or(format!("{name} is required"));
    Ok(Options {
        pool_id: need(pool_id, "--pool-id")?,
        client_id: need(client_id, "--client-id")?,
        username: need(username, "--username")?,
        endpoint_url,
        lenient,
        refresh,
    })
}

fn tokens_json(tokens: &AuthenticationResult) -> serde_json::Value {
    json!({
        "AccessToken": tokens.access_token.expose_secret(),
        "IdToken": tokens.id_token.as_ref().map(|t| t.expose_secret()),
        "RefreshToken": tokens.refresh_token.as_ref().map(|t| t.expose_secret()),
        "ExpiresIn": tokens.expires_in,
        "TokenType": tokens.token_type,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(e) => {
            eprintln!("sign_in: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&options).await {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("sign_in: {e}");
            ExitCode::from(1)
        }
    }
}

async fn run(options: &Options) -> Result<u8, srp_cognito_sdk::Error> {
    let pool = PoolId::parse(&options.pool_id)?;
    // The app client, with its secret where it has one (the sign-in keeps its own).
    let app = || match std::env::var("SRP_COGNITO_CLIENT_SECRET") {
        Ok(secret) => AppClient::with_secret(&options.client_id, ClientSecret::new(secret)),
        Err(_) => AppClient::new(&options.client_id),
    };
    let password = Password::new(std::env::var("SRP_COGNITO_PASSWORD").unwrap_or_default());
    let mut config = aws_sdk_cognitoidentityprovider::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(pool.region().to_owned()));
    if let Some(url) = &options.endpoint_url {
        config = config.endpoint_url(url);
    }
    let cognito = Client::from_conf(config.build());
    let decoding = if options.lenient {
        SecretBlockDecoding::Lenient
    } else {
        SecretBlockDecoding::Strict
    };

    // The sign-in: one call, then one per challenge the user answers.
    let mut outcome = sign_in(&cognito, pool, app()?, &options.username, password)
        .secret_block_decoding(decoding)
        .send()
        .await?;
    let signed_in: SignedIn = loop {
        let pending = match outcome {
            Outcome::SignedIn(signed_in) => break signed_in,
            Outcome::Pending(pending) => pending,
        };
        let name = pending.challenge().name().clone();
        let new_password = std::env::var("SRP_COGNITO_NEW_PASSWORD")
            .ok()
            .map(Password::new);
        let code = std::env::var("SRP_COGNITO_MFA_CODE").ok();
        outcome = match (&name, &new_password, code.as_deref()) {
            (ChallengeName::NewPasswordRequired, Some(new), _) => {
                pending
                    .answer(Answer::NewPassword {
                        password: new,
                        attributes: &[],
                    })
                    .await?
            }
            (ChallengeName::SoftwareTokenMfa, _, Some(code)) => {
                pending.answer(Answer::SoftwareTokenMfaCode(code)).await?
            }
            (ChallengeName::SmsMfa, _, Some(code)) => {
                pending.answer(Answer::SmsMfaCode(code)).await?
            }
            (ChallengeName::EmailOtp, _, Some(code)) => {
                pending.answer(Answer::EmailOtpCode(code)).await?
            }
            _ => {
                let shown = json!({
                    "ChallengeName": name.as_str(),
                    "CodeDeliveryDestination": pending.challenge().code_delivery_destination(),
                    "MfaTypes": pending.challenge().mfa_types(),
                    "RequiredAttributes": pending.challenge().required_attributes(),
                });
                println!("{shown:#}");
                return Ok(3);
            }
        };
    };
    println!("{:#}", tokens_json(&signed_in.tokens));
    if options.refresh {
        let token = signed_in
            .tokens
            .refresh_token
            .as_ref()
            .ok_or(srp_cognito_sdk::Error::Unexpected("no refresh token"))?;
        let fresh = refresh(&cognito, &app()?, token, Some(&signed_in.username), None).await?;
        println!("{:#}", tokens_json(&fresh));
    }
    Ok(0)
}
