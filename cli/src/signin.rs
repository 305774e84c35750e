//! `srp-cognito sign-in`: the whole SRP sign-in over HTTPS against Cognito's JSON API;
//! `initiate` and `respond`: the same in two steps around the aws CLI.
//!
//! InitiateAuth (USER_SRP_AUTH) → PASSWORD_VERIFIER → tokens, or, with a remembered device,
//! → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER → tokens. Any other challenge (MFA,
//! NEW_PASSWORD_REQUIRED, …) is printed with its Session and the USERNAME to answer with,
//! for a script to answer. Neither call needs AWS credentials.

use std::fs::File;
use std::io::{self, BufReader, IsTerminal, Read};
use std::path::Path;

use serde_json::{Map, Value, json};
use srp_cognito::request::{
    GetTokensFromRefreshTokenRequest, InitiateAuthRequest, RespondToAuthChallengeRequest,
};
use srp_cognito::steps::InitiateAuth;
use srp_cognito::{
    AppClient, AuthFlow, AuthResponse, ClientSecret, Error, Password, PoolId, SecretBlockDecoding,
    ServiceCode, SignIn, Step,
    device::{DeviceGroupKey, DeviceKey, DevicePassword, RememberedDevice},
    refresh::GetTokensFromRefreshToken,
    steps::EphemeralSecret,
};
use zeroize::Zeroizing;

use crate::api::{Api, CognitoError, Failure, endpoint, escape, refused, write_secret_file};
use crate::args::{ClientArgs, SignInArgs};
use crate::input::{self, take};
use crate::{decoding, shown};

/// The environment variables of the secrets.
const PASSWORD_VARIABLE: &str = "SRP_COGNITO_PASSWORD";
const CLIENT_SECRET_VARIABLE: &str = "SRP_COGNITO_CLIENT_SECRET";

/// What marks a state file of `initiate` (and its format's version).
const STATE_MARK: &str = "srp_cognito_initiate_state";
/// The largest state file read (one is about 400 bytes).
const MAX_STATE_BYTES: u64 = 64 * 1024;
/// The same, as a buffer's capacity.
const MAX_STATE_LEN: usize = 64 * 1024;
/// The largest InitiateAuth response read on stdin.
const MAX_RESPONSE_BYTES: u64 = 1 << 20;

/// How a sign-in ended without failing.
pub(crate) enum Outcome {
    /// The AuthenticationResult.
    Tokens(Value),
    /// A challenge for the caller to answer (exit 3).
    Challenge(Value),
}

/// The user's password: `SRP_COGNITO_PASSWORD`, or the first line of stdin with
/// `--password-stdin`, or a prompt without echo on a terminal. Never argv; never empty.
fn password(from_stdin: bool) -> Result<Password, Failure> {
    if let Some(password) = input::secret_env(PASSWORD_VARIABLE, "the password")? {
        return Ok(Password::new(take(password)));
    }
    if from_stdin {
        let line = input::secret_line_from(io::stdin().lock(), "the password (stdin)")?;
        return Ok(Password::new(take(line)));
    }
    if io::stdin().is_terminal() {
        return Ok(Password::new(take(input::prompt_secret(
            "Password: ",
            "the password",
        )?)));
    }
    Err(Failure::Usage(format!(
        "no password: set {PASSWORD_VARIABLE}, pass --password-stdin, or run on a terminal"
    )))
}

/// The password when stdin carries other data: `SRP_COGNITO_PASSWORD` or the terminal.
fn password_without_stdin() -> Result<Password, Failure> {
    if let Some(password) = input::secret_env(PASSWORD_VARIABLE, "the password")? {
        return Ok(Password::new(take(password)));
    }
    let typed = input::prompt_secret("Password: ", "the password").map_err(|_| {
        Failure::Usage(format!(
            "no password: set {PASSWORD_VARIABLE} or run on a terminal (stdin carries the response)"
        ))
    })?;
    Ok(Password::new(take(typed)))
}

/// The app client, with `SRP_COGNITO_CLIENT_SECRET` when set (refused if set but empty).
fn app_client(client_id: &str) -> Result<AppClient, Failure> {
    let client = match input::secret_env(CLIENT_SECRET_VARIABLE, "the client secret")? {
        Some(secret) => AppClient::with_secret(client_id, ClientSecret::new(take(secret))),
        None => AppClient::new(client_id),
    };
    client.map_err(|e| Failure::Usage(format!("--client-id: {e}")))
}

/// The pool id, or a usage error that says what is wrong with it.
fn pool(pool_id: &str) -> Result<PoolId, Failure> {
    PoolId::parse(pool_id)
        .map_err(|e| Failure::Usage(format!("--pool-id {}: {e}", escape(pool_id))))
}

/// Cognito's URL: `--endpoint-url`, else the pool's region's endpoint.
fn url_for(pool: &PoolId, endpoint_url: Option<&str>) -> Result<String, Failure> {
    if let Some(url) = endpoint_url {
        return Ok(url.to_owned());
    }
    endpoint(pool.region()).ok_or_else(|| {
        Failure::Usage(format!(
            "the region {:?} of --pool-id is not a region's name (lowercase, as in \
             us-east-1_AbCdEf123): check the pool id, or give --endpoint-url for a local server",
            escape(pool.region())
        ))
    })
}

/// Cognito's refusal, with a hint where a missing client secret is the likely cause.
fn explained(error: &CognitoError, client: &AppClient) -> Failure {
    let mut text = format!(
        "{} (HTTP {}): {}",
        escape(&error.kind),
        error.status,
        escape(&error.message)
    );
    if error.code() == ServiceCode::NotAuthorized && !client.has_secret() {
        text.push_str(&format!(
            "\nsrp-cognito: if the app client has a secret, set {CLIENT_SECRET_VARIABLE}"
        ));
    }
    Failure::Refused(text)
}

/// One call whose Cognito refusal is explained.
fn call(
    api: &Api,
    client: &AppClient,
    target: &str,
    body: &impl serde::Serialize,
) -> Result<Map<String, Value>, Failure> {
    api.call_raw(target, body)?
        .map_err(|e| explained(&e, client))
}

/// A response of InitiateAuth or RespondToAuthChallenge, read as Cognito's: a challenge
/// (its parameters strings), or an AuthenticationResult with an AccessToken.
fn auth_response(response: &Map<String, Value>) -> Result<AuthResponse, Failure> {
    serde_json::from_value(Value::Object(response.clone())).map_err(|e| {
        Failure::Refused(format!(
            "the response is not Cognito's ({}); is the endpoint Cognito's?",
            escape(&e.to_string())
        ))
    })
}

/// The state machine's refusal of a response, said for the terminal.
fn step_refused(decoding: SecretBlockDecoding) -> impl Fn(Error) -> Failure {
    move |e| match e {
        Error::MalformedResponse => Failure::Refused(
            "the response is not Cognito's: neither a challenge nor tokens; is the endpoint \
             Cognito's?"
                .into(),
        ),
        Error::OutOfTurn => Failure::Refused(
            "Cognito's response does not fit the sign-in (a challenge out of turn, or a \
             device challenge without --device-key)"
                .into(),
        ),
        Error::TooManyRoundTrips => Failure::Refused("too many challenges".into()),
        other => claim_refused("the challenge", decoding)(other),
    }
}

/// The state machine for `flow` (one of the SRP flows `--flow` accepts).
fn machine(
    flow: AuthFlow,
    pool: PoolId,
    client: AppClient,
    username: &str,
    password: Password,
) -> Result<SignIn, Failure> {
    SignIn::new(flow, pool, client, username, password).map_err(refused("--flow"))
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

/// What `sign-in` prints for a challenge it leaves to the caller: Cognito's response and
/// the USERNAME to answer with (the challenge's, else the last one Cognito named).
fn challenge_output(response: Map<String, Value>, username: &str) -> Value {
    let mut out = response;
    out.insert("USERNAME".into(), Value::from(username));
    Value::Object(out)
}

/// Runs the sign-in: the library's state machine ([`srp_cognito::SignIn`]) decides,
/// this function carries its requests.
pub(crate) fn sign_in(options: &SignInArgs) -> Result<Outcome, Failure> {
    let pool = pool(&options.client.pool_id)?;
    let client = app_client(&options.client.client_id)?;
    let device = remembered_device(options)?;
    let url = url_for(&pool, options.endpoint_url.as_deref())?;
    crate::api::check_endpoint(&url, options.allow_insecure_http)?;
    let password = password(options.password_stdin)?;
    let decoding = decoding(options.lenient_secret_block);
    let api = Api::new(url);
    let args = &options.client;
    let mut sign_in =
        machine(args.flow, pool, client, &args.username, password)?.secret_block_decoding(decoding);
    if let Some(device) = device {
        sign_in = sign_in.device(device);
    }
    let init = sign_in.start().map_err(refused("InitiateAuth"))?;
    let request = InitiateAuthRequest::new(sign_in.client(), init);
    let mut response = call(
        &api,
        sign_in.client(),
        InitiateAuthRequest::TARGET,
        &request,
    )?;
    // The state machine ends a server's loop (SignIn::MAX_AUTOMATIC_ANSWERS).
    loop {
        let step = sign_in
            .next(auth_response(&response)?)
            .map_err(step_refused(decoding))?;
        let respond = match step {
            // What Cognito sent is printed as it came.
            Step::SignedIn(_) => {
                return Ok(Outcome::Tokens(
                    response.remove("AuthenticationResult").unwrap_or_default(),
                ));
            }
            Step::Pending(_) => {
                return Ok(Outcome::Challenge(challenge_output(
                    response,
                    sign_in.username(),
                )));
            }
            Step::Respond(respond) => respond,
        };
        let request = RespondToAuthChallengeRequest::from_respond(sign_in.client(), respond);
        response = call(
            &api,
            sign_in.client(),
            RespondToAuthChallengeRequest::TARGET,
            &request,
        )?;
    }
}

/// The remembered device from `--device-key`, `--device-group-key` and the password file
/// (clap requires the three together).
fn remembered_device(options: &SignInArgs) -> Result<Option<RememberedDevice>, Failure> {
    let (Some(key), Some(group), Some(path)) = (
        &options.device_key,
        &options.device_group_key,
        &options.device_password_file,
    ) else {
        return Ok(None);
    };
    let what = format!("the device password file {}", shown(path));
    let file = File::open(path).map_err(|e| Failure::Usage(format!("cannot read {what}: {e}")))?;
    let password = input::secret_line_from(BufReader::new(file), &what)?;
    Ok(Some(RememberedDevice::new(
        DeviceKey::new(key.as_str()),
        DeviceGroupKey::new(group.as_str()),
        DevicePassword::new(take(password)),
    )))
}

/// `initiate`: a fresh ephemeral secret kept in the state file, and the InitiateAuth
/// request for `aws cognito-idp initiate-auth --cli-input-json`.
pub(crate) fn initiate(
    options: &ClientArgs,
    device_key: Option<&str>,
    state: &Path,
) -> Result<Value, Failure> {
    pool(&options.pool_id)?;
    let client = app_client(&options.client_id)?;
    let eph = EphemeralSecret::random().map_err(refused("randomness"))?;
    let (user, srp_a) = (options.username.as_str(), eph.srp_a());
    let init = InitiateAuth::srp(options.flow, &client, user, srp_a, device_key)
        .map_err(refused("InitiateAuth"))?;
    // The public fields as JSON, then `a` (hex, encoded in constant time) written into a
    // buffer sized up front: no copy of `a` is left in a temporary or a reallocated buffer.
    let public = json!({
        STATE_MARK: 1,
        "pool_id": options.pool_id, "client_id": options.client_id,
        "username": options.username, "device_key": device_key,
        "secret_hash": client.has_secret(), "flow": options.flow.as_str(),
    })
    .to_string();
    let a = eph.expose_a_hex();
    let mut record = Zeroizing::new(String::with_capacity(public.len() + 16 + a.len()));
    record.push_str(&public[..public.len() - 1]);
    record.push_str(r#","a":""#);
    record.push_str(&a);
    record.push_str(r#""}"#);
    write_secret_file(state, record.as_bytes())?;
    serde_json::to_value(InitiateAuthRequest::new(&client, init))
        .map_err(|e| Failure::Refused(e.to_string()))
}

/// A state file of `initiate`, read.
struct State {
    pool_id: String,
    client_id: String,
    username: String,
    secret_hash: bool,
    flow: AuthFlow,
    a: Zeroizing<String>,
}

/// Reads `path` only if it is a state file of `initiate` that this user owns and no one
/// else can read: a regular file (not a link), mode 0600, our mark inside. Nothing is
/// removed here.
fn read_state(path: &Path) -> Result<State, Failure> {
    let shown = shown(path);
    let not_ours = |why: &str| {
        Failure::Usage(format!(
            "{shown} {why}: it is not a state file of `srp-cognito initiate` and was left as it is"
        ))
    };
    let link = std::fs::symlink_metadata(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Failure::Usage(format!(
            "the state file {shown} does not exist: initiate creates it and respond removes it \
             once its ephemeral secret has signed; run initiate again"
        )),
        _ => Failure::Usage(format!("cannot read the state file {shown}: {e}")),
    })?;
    if link.file_type().is_symlink() {
        return Err(not_ours("is a symbolic link"));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    let file = options
        .open(path)
        .map_err(|e| Failure::Usage(format!("cannot read the state file {shown}: {e}")))?;
    let metadata = file
        .metadata()
        .map_err(|e| Failure::Usage(format!("cannot read the state file {shown}: {e}")))?;
    if !metadata.is_file() {
        return Err(not_ours("is not a regular file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        #[expect(unsafe_code, reason = "one libc call: std has no geteuid")]
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if metadata.uid() != me {
            return Err(not_ours("belongs to another user"));
        }
        if metadata.mode() & 0o077 != 0 {
            return Err(not_ours(
                "can be read by other users (initiate makes it 0600)",
            ));
        }
    }
    if metadata.len() > MAX_STATE_BYTES {
        return Err(not_ours("is too large"));
    }
    let mut text = Zeroizing::new(String::with_capacity(MAX_STATE_LEN + 1));
    file.take(MAX_STATE_BYTES)
        .read_to_string(&mut text)
        .map_err(|_| not_ours("is not text"))?;
    let mut record: Value = serde_json::from_str(&text).map_err(|_| not_ours("is not JSON"))?;
    let Some(fields) = record
        .as_object_mut()
        .filter(|f| f.get(STATE_MARK) == Some(&json!(1)))
    else {
        return Err(not_ours("has no mark of initiate"));
    };
    // `a` is moved out of the parsed state (not copied), to be wiped when dropped.
    let a = match fields.remove("a") {
        Some(Value::String(a)) => Zeroizing::new(a),
        _ => return Err(not_ours("holds no ephemeral secret")),
    };
    let text = |k: &str| fields.get(k).and_then(Value::as_str).map(str::to_owned);
    let flow = text("flow").and_then(|name| name.parse::<AuthFlow>().ok());
    match (
        text("pool_id"),
        text("client_id"),
        text("username"),
        fields.get("secret_hash").and_then(Value::as_bool),
        flow,
    ) {
        (Some(pool_id), Some(client_id), Some(username), Some(secret_hash), Some(flow)) => {
            Ok(State {
                pool_id,
                client_id,
                username,
                secret_hash,
                flow,
                a,
            })
        }
        _ => Err(not_ours("lacks a field")),
    }
}

/// `respond`: the InitiateAuth response (as the aws CLI prints it) on stdin and the state
/// file give the RespondToAuthChallenge request for `aws cognito-idp
/// respond-to-auth-challenge --cli-input-json`. The state file is removed once its `a`
/// has signed a claim; on any failure before that it is kept, so the step can run again.
pub(crate) fn respond(path: &Path, decoding: SecretBlockDecoding) -> Result<Value, Failure> {
    let state = read_state(path)?;
    let kept = |failure: Failure| -> Failure {
        let note = format!(
            "\nsrp-cognito: nothing was signed: the state file {} is kept, run respond again",
            shown(path)
        );
        match failure {
            Failure::Usage(text) => Failure::Usage(text + &note),
            Failure::Refused(text) => Failure::Refused(text + &note),
        }
    };
    let pool = PoolId::parse(&state.pool_id).map_err(refused("the state's pool id"))?;
    let client = app_client(&state.client_id).map_err(&kept)?;
    if state.secret_hash && !client.has_secret() {
        return Err(kept(Failure::Usage(format!(
            "initiate sent a SECRET_HASH (the app client has a secret): set {CLIENT_SECRET_VARIABLE}"
        ))));
    }
    if !state.secret_hash && client.has_secret() {
        return Err(kept(Failure::Usage(format!(
            "{CLIENT_SECRET_VARIABLE} is set, but initiate ran without it: unset it, or run \
             initiate again with it"
        ))));
    }
    let response = input::read_stdin(MAX_RESPONSE_BYTES).map_err(|e| {
        kept(Failure::Usage(format!(
            "cannot read the InitiateAuth response: {e}"
        )))
    })?;
    let response: Map<String, Value> = serde_json::from_str(&response).map_err(|_| {
        kept(Failure::Usage(
            "stdin is not the InitiateAuth response JSON".into(),
        ))
    })?;
    let response = auth_response(&response).map_err(&kept)?;
    let password = password_without_stdin().map_err(&kept)?;
    let eph = EphemeralSecret::from_hex(&state.a).map_err(|e| kept(refused("a")(e)))?;
    // The sign-in as initiate began it, with the same `a`; the response's step decides.
    let mut sign_in = machine(state.flow, pool, client, &state.username, password)
        .map_err(&kept)?
        .secret_block_decoding(decoding);
    sign_in
        .start_with(eph)
        .map_err(|e| kept(refused("the state")(e)))?;
    let respond = match sign_in
        .next(response)
        .map_err(|e| kept(step_refused(decoding)(e)))?
    {
        Step::Respond(respond) => respond,
        Step::Pending(pending) => {
            return Err(kept(Failure::Usage(format!(
                "the response's challenge is {}, not one respond answers (PASSWORD_VERIFIER)",
                escape(pending.name().as_str())
            ))));
        }
        Step::SignedIn(_) => {
            return Err(kept(Failure::Usage(
                "the response holds tokens, no challenge: nothing to answer".into(),
            )));
        }
    };
    // Once its claim is signed, the ephemeral secret is spent (a SELECT_CHALLENGE answer
    // only sent its SRP_A: the state then serves the PASSWORD_VERIFIER that follows).
    if !sign_in.holds_ephemeral()
        && let Err(e) = std::fs::remove_file(path)
    {
        eprintln!(
            "srp-cognito: warning: cannot remove the spent state file {}: {e}",
            shown(path)
        );
    }
    let request = RespondToAuthChallengeRequest::from_respond(sign_in.client(), respond);
    serde_json::to_value(request).map_err(|e| Failure::Refused(e.to_string()))
}

/// `refresh`: new tokens for the refresh token of a sign-in's result on stdin, through
/// REFRESH_TOKEN_AUTH (SECRET_HASH takes the internal username the access token names, its
/// `username` claim) or, when asked, GetTokensFromRefreshToken (the client secret itself).
pub(crate) fn refresh(
    pool_id: &str,
    client_id: &str,
    device_key: Option<&str>,
    get_tokens: bool,
    endpoint_url: Option<&str>,
    allow_insecure_http: bool,
) -> Result<Value, Failure> {
    let pool = pool(pool_id)?;
    let client = app_client(client_id)?;
    let url = url_for(&pool, endpoint_url)?;
    crate::api::check_endpoint(&url, allow_insecure_http)?;
    let result = input::authentication_result()?;
    let refresh_token = result
        .refresh_token
        .as_ref()
        .ok_or_else(|| Failure::Usage("the sign-in result holds no RefreshToken".into()))?;
    let api = Api::new(url);
    let (operation, mut response) = if get_tokens {
        let get = GetTokensFromRefreshToken::new(&client, refresh_token, device_key)
            .map_err(refused("GetTokensFromRefreshToken"))?;
        let request = GetTokensFromRefreshTokenRequest::new(&get);
        let target = GetTokensFromRefreshTokenRequest::TARGET;
        (
            "GetTokensFromRefreshToken",
            call(&api, &client, target, &request)?,
        )
    } else {
        let username = token_username(result.access_token.expose_secret());
        if client.has_secret() && username.is_none() {
            return Err(Failure::Usage(
                "the access token names no username, which SECRET_HASH needs".into(),
            ));
        }
        let init =
            srp_cognito::refresh::refresh(&client, refresh_token, username.as_deref(), device_key)
                .map_err(refused("REFRESH_TOKEN_AUTH"))?;
        let request = InitiateAuthRequest::new(&client, init);
        (
            "REFRESH_TOKEN_AUTH",
            call(&api, &client, InitiateAuthRequest::TARGET, &request)?,
        )
    };
    match response.remove("AuthenticationResult") {
        Some(Value::Object(tokens)) if tokens.get("AccessToken").is_some_and(Value::is_string) => {
            Ok(Value::Object(tokens))
        }
        _ => Err(Failure::Refused(format!(
            "the response is not Cognito's: no AuthenticationResult after {operation}"
        ))),
    }
}

/// The `username` claim of a JWT access token (its payload read, not verified: it only
/// names whom SECRET_HASH is for, and Cognito checks the token itself).
fn token_username(token: &str) -> Option<String> {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let payload = token.split('.').nth(1)?;
    let claims: Value =
        serde_json::from_slice(&Base64UrlUnpadded::decode_vec(payload).ok()?).ok()?;
    claims
        .get("username")
        .or_else(|| claims.get("cognito:username"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}
