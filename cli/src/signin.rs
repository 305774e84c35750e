//! `srp-cognito sign-in`: the whole SRP sign-in over HTTPS against Cognito's JSON API.
//!
//! InitiateAuth (USER_SRP_AUTH) → PASSWORD_VERIFIER → tokens, or, with a remembered device,
//! → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER → tokens. Any other challenge (MFA,
//! NEW_PASSWORD_REQUIRED, …) is printed with its Session for a script to answer.
//! Neither call needs AWS credentials.

use std::collections::HashMap;
use std::io::{self, BufRead, IsTerminal, Read, Write};

use serde_json::{Value, json};
use srp_cognito::request::{InitiateAuthRequest, RespondToAuthChallengeRequest};
use srp_cognito::{
    Answer, AppClient, Challenge, ChallengeName, ClientSecret, DevicePassword, EphemeralSecret,
    Error, InitiateAuth, Password, PoolId, RememberedDevice, ResponseBuilder, SecretBlockDecoding,
    Timestamp,
};
use zeroize::Zeroizing;

use crate::api::{Api, Failure, create_secret_file, endpoint, refused};

/// The options of `sign-in`.
pub(crate) struct Options {
    pub(crate) pool_id: String,
    pub(crate) client_id: String,
    pub(crate) username: String,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) device_key: Option<String>,
    pub(crate) device_group_key: Option<String>,
    pub(crate) device_password_file: Option<String>,
    pub(crate) password_stdin: bool,
    /// `--lenient-secret-block`: for emulators whose SECRET_BLOCK is not base64.
    pub(crate) secret_block: SecretBlockDecoding,
}

/// The user's password: `SRP_COGNITO_PASSWORD`, or the first line of stdin with
/// `--password-stdin`, or a prompt without echo on a terminal. Never argv.
fn password(from_stdin: bool) -> Result<Password, Failure> {
    if let Ok(password) = std::env::var("SRP_COGNITO_PASSWORD") {
        return Ok(Password::new(password));
    }
    if from_stdin {
        let mut line = Zeroizing::new(String::new());
        io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Failure::Refused(format!("cannot read the password from stdin: {e}")))?;
        return Ok(Password::new(line.trim_end_matches(['\r', '\n'])));
    }
    if io::stdin().is_terminal() {
        let typed = rpassword::prompt_password("Password: ")
            .map_err(|e| Failure::Refused(format!("cannot read the password: {e}")))?;
        return Ok(Password::new(typed));
    }
    Err(Failure::Usage(
        "no password: set SRP_COGNITO_PASSWORD, pass --password-stdin, or run on a terminal".into(),
    ))
}

/// The app client, with `SRP_COGNITO_CLIENT_SECRET` when set.
pub(crate) fn app_client(client_id: &str) -> Result<AppClient, Failure> {
    let client = match std::env::var("SRP_COGNITO_CLIENT_SECRET") {
        Ok(secret) => AppClient::with_secret(client_id, ClientSecret::new(secret)),
        Err(_) => AppClient::new(client_id),
    };
    client.map_err(|e| Failure::Usage(format!("client id: {e}")))
}

/// A challenge in a response, if there is one, its SECRET_BLOCK to be read as `decoding`
/// says.
fn challenge_of(
    response: &Value,
    decoding: SecretBlockDecoding,
) -> Option<(Challenge, Option<String>)> {
    let name = response["ChallengeName"].as_str()?;
    let parameters: HashMap<String, String> = response["ChallengeParameters"]
        .as_object()
        .map(|map| {
            map.iter()
                .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    let session = response["Session"].as_str().map(str::to_owned);
    let challenge = Challenge::new(name, parameters).with_secret_block_decoding(decoding);
    Some((challenge, session))
}

/// A refused claim; a SECRET_BLOCK that is not base64 points to `--lenient-secret-block`.
fn claim_refused(what: &str, decoding: SecretBlockDecoding) -> impl Fn(Error) -> Failure + '_ {
    move |e| {
        let hint = match (&e, decoding) {
            (
                Error::BadBase64 {
                    field: "SECRET_BLOCK",
                },
                SecretBlockDecoding::Strict,
            ) => {
                "; Cognito always sends base64: if this is a local emulator (moto sends its \
                 session id), pass --lenient-secret-block"
            }
            _ => "",
        };
        Failure::Refused(format!("{what}: {e} ({}){hint}", e.category()))
    }
}

/// Runs the sign-in; returns the JSON to print (AuthenticationResult, or the next
/// challenge with its Session).
pub(crate) fn sign_in(options: &Options) -> Result<Value, Failure> {
    let pool =
        PoolId::parse(&options.pool_id).map_err(|e| Failure::Usage(format!("--pool-id: {e}")))?;
    let client = app_client(&options.client_id)?;
    let device = remembered_device(options)?;
    let password = password(options.password_stdin)?;
    let url = match &options.endpoint_url {
        Some(url) => url.clone(),
        None => endpoint(pool.region()).ok_or_else(|| {
            Failure::Usage(format!(
                "no region in {}: give --endpoint-url",
                pool.as_str()
            ))
        })?,
    };
    let api = Api::new(url);
    let device_key = device.as_ref().map(|d| d.device_key.as_str());

    let a = EphemeralSecret::random().map_err(refused("randomness"))?;
    let init = InitiateAuth::user_srp_auth(&client, &options.username, a.srp_a(), device_key)
        .map_err(refused("InitiateAuth"))?;
    let mut response = api.call(
        InitiateAuthRequest::TARGET,
        &InitiateAuthRequest::new(&client, init),
    )?;
    let (mut user_a, mut device_a) = (Some(a), None);
    // At most four round trips: PASSWORD_VERIFIER, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER.
    for _ in 0..4 {
        let Some((challenge, session)) = challenge_of(&response, options.secret_block) else {
            return Ok(response["AuthenticationResult"].clone());
        };
        let now = Timestamp::now().map_err(refused("clock"))?;
        let builder =
            ResponseBuilder::new(&challenge, &client).fallback_username(&options.username);
        let builder = match device_key {
            Some(key) => builder.device_key(key),
            None => builder,
        };
        let responses = match (challenge.name(), &device, user_a.take()) {
            (ChallengeName::PasswordVerifier, _, Some(a)) => {
                let claim = challenge
                    .password_claim(a, &pool, &password, &now)
                    .map_err(claim_refused("PASSWORD_VERIFIER", options.secret_block))?;
                builder.build(Answer::PasswordVerifier(&claim))
            }
            (ChallengeName::DeviceSrpAuth, Some(_), _) => {
                let a = EphemeralSecret::random().map_err(refused("randomness"))?;
                let responses = builder.build(Answer::DeviceSrpAuth(a.srp_a()));
                device_a = Some(a);
                responses
            }
            (ChallengeName::DevicePasswordVerifier, Some(device), _) => {
                let a = device_a.take().ok_or_else(|| {
                    Failure::Refused("DEVICE_PASSWORD_VERIFIER out of turn".into())
                })?;
                let claim =
                    challenge
                        .device_password_claim(a, device, &now)
                        .map_err(claim_refused(
                            "DEVICE_PASSWORD_VERIFIER",
                            options.secret_block,
                        ))?;
                builder.build(Answer::DevicePasswordVerifier(&claim))
            }
            // Any other challenge is the script's to answer.
            _ => return Ok(response),
        }
        .map_err(refused("ChallengeResponses"))?;
        let request =
            RespondToAuthChallengeRequest::new(&client, &challenge, session.as_deref(), responses);
        response = api.call(RespondToAuthChallengeRequest::TARGET, &request)?;
    }
    Err(Failure::Refused("too many challenges".into()))
}

/// The remembered device from `--device-key`, `--device-group-key` and the password file.
fn remembered_device(options: &Options) -> Result<Option<RememberedDevice>, Failure> {
    match (
        &options.device_key,
        &options.device_group_key,
        &options.device_password_file,
    ) {
        (None, None, None) => Ok(None),
        (Some(key), Some(group), Some(file)) => {
            let text = Zeroizing::new(std::fs::read_to_string(file).map_err(|e| {
                Failure::Refused(format!("cannot read the device password file {file}: {e}"))
            })?);
            Ok(Some(RememberedDevice {
                device_key: key.clone(),
                device_group_key: group.clone(),
                device_password: DevicePassword::new(text.trim_end()),
            }))
        }
        _ => Err(Failure::Usage(
            "a remembered device needs --device-key, --device-group-key and --device-password-file"
                .into(),
        )),
    }
}

/// `initiate`: a fresh ephemeral secret kept in the state file, and the InitiateAuth
/// request for `aws cognito-idp initiate-auth --cli-input-json`.
pub(crate) fn initiate(
    pool_id: &str,
    client_id: &str,
    username: &str,
    device_key: Option<&str>,
    state: &str,
) -> Result<Value, Failure> {
    PoolId::parse(pool_id).map_err(|e| Failure::Usage(format!("--pool-id: {e}")))?;
    let client = app_client(client_id)?;
    let eph = EphemeralSecret::random().map_err(refused("randomness"))?;
    let init = InitiateAuth::user_srp_auth(&client, username, eph.srp_a(), device_key)
        .map_err(refused("InitiateAuth"))?;
    // The public fields as JSON, then `a` (hex, encoded in constant time) written into a
    // buffer sized up front: no copy of `a` is left in a temporary or a reallocated buffer.
    let public = json!({
        "pool_id": pool_id, "client_id": client_id, "username": username,
        "device_key": device_key,
    })
    .to_string();
    let a = eph.expose_a_hex();
    let mut record = Zeroizing::new(String::with_capacity(public.len() + 16 + a.len()));
    record.push_str(&public[..public.len() - 1]);
    record.push_str(r#","a":""#);
    record.push_str(&a);
    record.push_str(r#""}"#);
    let mut file = create_secret_file(state)?;
    Write::write_all(&mut file, record.as_bytes())
        .map_err(|e| Failure::Refused(format!("cannot write {state}: {e}")))?;
    serde_json::to_value(InitiateAuthRequest::new(&client, init))
        .map_err(|e| Failure::Refused(e.to_string()))
}

/// `respond`: the InitiateAuth response (as the aws CLI prints it) on stdin and the
/// state file (removed as soon as it is read) give the RespondToAuthChallenge request for
/// `aws cognito-idp respond-to-auth-challenge --cli-input-json`.
pub(crate) fn respond(state: &str, decoding: SecretBlockDecoding) -> Result<Value, Failure> {
    let record = Zeroizing::new(
        std::fs::read_to_string(state)
            .map_err(|e| Failure::Refused(format!("cannot read {state}: {e}")))?,
    );
    // The ephemeral secret is used once: the state goes before anything else can fail.
    std::fs::remove_file(state)
        .map_err(|e| Failure::Refused(format!("cannot remove {state}: {e}")))?;
    let mut record: Value = serde_json::from_str(&record)
        .map_err(|_| Failure::Refused(format!("{state} is not a state file of `initiate`")))?;
    // `a` is moved out of the parsed state (not copied), to be wiped when dropped.
    let a = match record.as_object_mut().and_then(|fields| fields.remove("a")) {
        Some(Value::String(a)) => Some(Zeroizing::new(a)),
        _ => None,
    };
    let field = |k: &str| record[k].as_str().map(str::to_owned);
    let (Some(pool_id), Some(client_id), Some(username), Some(a)) =
        (field("pool_id"), field("client_id"), field("username"), a)
    else {
        return Err(Failure::Refused(format!(
            "{state} is not a state file of `initiate`"
        )));
    };
    let pool = PoolId::parse(&pool_id).map_err(refused("pool id"))?;
    let client = app_client(&client_id)?;
    let mut input = Zeroizing::new(String::new());
    io::stdin()
        .lock()
        .take(1 << 20)
        .read_to_string(&mut input)
        .map_err(|e| Failure::Refused(format!("cannot read the InitiateAuth response: {e}")))?;
    let response: Value = serde_json::from_str(&input)
        .map_err(|_| Failure::Refused("stdin is not the InitiateAuth response JSON".into()))?;
    let Some((challenge, session)) = challenge_of(&response, decoding) else {
        return Err(Failure::Refused("the response holds no challenge".into()));
    };
    if *challenge.name() != ChallengeName::PasswordVerifier {
        return Err(Failure::Refused(format!(
            "the response's challenge is {}, not PASSWORD_VERIFIER",
            challenge.name()
        )));
    }
    let password = password_without_stdin()?;
    let eph = EphemeralSecret::from_hex(&a).map_err(refused("a"))?;
    let now = Timestamp::now().map_err(refused("clock"))?;
    let claim = challenge
        .password_claim(eph, &pool, &password, &now)
        .map_err(claim_refused("PASSWORD_VERIFIER", decoding))?;
    let builder = ResponseBuilder::new(&challenge, &client).fallback_username(&username);
    let builder = match record["device_key"].as_str() {
        Some(key) => builder.device_key(key),
        None => builder,
    };
    let responses = builder
        .build(Answer::PasswordVerifier(&claim))
        .map_err(refused("ChallengeResponses"))?;
    let request =
        RespondToAuthChallengeRequest::new(&client, &challenge, session.as_deref(), responses);
    serde_json::to_value(request).map_err(|e| Failure::Refused(e.to_string()))
}

/// The password when stdin carries other data: `SRP_COGNITO_PASSWORD` or the terminal.
fn password_without_stdin() -> Result<Password, Failure> {
    if let Ok(password) = std::env::var("SRP_COGNITO_PASSWORD") {
        return Ok(Password::new(password));
    }
    rpassword::prompt_password("Password: ")
        .map(Password::new)
        .map_err(|_| {
            Failure::Usage("no password: set SRP_COGNITO_PASSWORD or run on a terminal".into())
        })
}
