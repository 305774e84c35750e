//! Signing in (InitiateAuth, RespondToAuthChallenge and their admin forms), with
//! Cognito's rules: SECRET_HASH on every call that needs it
//! (the name typed at InitiateAuth, the internal username after), USERNAME and
//! USER_ID_FOR_SRP as Cognito sets them, sessions single-use and expiring, claims verified
//! by the library's server half, devices remembered and used.

use base64ct::{Base64, Encoding};
use serde_json::{Value, json};
use srp_cognito::server::{ServerEphemeral, ServerSessionKey, Verifier};
use srp_cognito::{
    ClientSecret, Password, Timestamp,
    device::{DeviceGroupKey, DeviceKey},
    secret_hash,
};
use subtle::ConstantTimeEq;

use super::devices::device_not_found;
use super::state::{
    Challenge, Device, MAX_DEVICES, Mfa, Pending, Pool, REGION, State, Status, User, field,
    now_seconds, optional, random, uuid, uuid_of,
};
use super::tokens::{access, refresh, tokens};
use super::{Outcome, ServiceError};

/// The clock skew allowed between a claim's TIMESTAMP and this server's clock.
const MAX_SKEW_SECONDS: u32 = 300;

pub(crate) fn incorrect() -> ServiceError {
    ServiceError::new("NotAuthorizedException", "Incorrect username or password.")
}

pub(crate) fn disabled() -> ServiceError {
    ServiceError::new("NotAuthorizedException", "User is disabled.")
}

pub(crate) fn bad_session() -> ServiceError {
    ServiceError::new("NotAuthorizedException", "Invalid session for the user.")
}

/// The pool id and the client's secret of `ClientId`.
pub(crate) fn client(
    state: &State,
    body: &Value,
) -> Result<(String, String, Option<String>), ServiceError> {
    let id = field(body, "ClientId")?;
    let pool = state.client_pools.get(id).ok_or_else(|| {
        ServiceError::new(
            "ResourceNotFoundException",
            "User pool client does not exist.",
        )
    })?;
    let secret = state
        .pools
        .get(pool)
        .and_then(|p| p.clients.get(id))
        .and_then(|c| c.secret.clone());
    Ok((pool.clone(), id.to_owned(), secret))
}

/// Checks SECRET_HASH in `parameters` for `username`, where the client has a secret.
pub(crate) fn check_secret_hash(
    parameters: &Value,
    username: &str,
    client_id: &str,
    secret: Option<&str>,
) -> Result<(), ServiceError> {
    check_hash_in(parameters, "SECRET_HASH", username, client_id, secret)
}

/// Checks the secret hash under `key` (`SECRET_HASH` in auth parameters, `SecretHash` in
/// SignUp and the like) for `username`, where the client has a secret, in constant time.
pub(crate) fn check_hash_in(
    parameters: &Value,
    key: &str,
    username: &str,
    client_id: &str,
    secret: Option<&str>,
) -> Result<(), ServiceError> {
    let Some(secret) = secret else {
        return Ok(());
    };
    let refused = || {
        ServiceError::new(
            "NotAuthorizedException",
            format!("Unable to verify secret hash for client {client_id}"),
        )
    };
    let given = parameters
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(refused)?;
    let want =
        secret_hash(username, client_id, &ClientSecret::new(secret)).map_err(|_| refused())?;
    if same(given, &want) {
        Ok(())
    } else {
        Err(refused())
    }
}

fn parameters<'a>(body: &'a Value, name: &str) -> Result<&'a Value, ServiceError> {
    body.get(name).filter(|p| p.is_object()).ok_or_else(|| {
        ServiceError::new("InvalidParameterException", format!("{name} is required"))
    })
}

pub(crate) fn initiate_auth(state: &mut State, body: &Value) -> Outcome {
    initiate(state, body, false)
}

/// AdminInitiateAuth: InitiateAuth with the pool named, and the admin flows
/// (ADMIN_USER_PASSWORD_AUTH) open where the client allows them.
pub(crate) fn admin_initiate_auth(state: &mut State, body: &Value) -> Outcome {
    same_pool(state, body)?;
    initiate(state, body, true)
}

/// AdminRespondToAuthChallenge: RespondToAuthChallenge with the pool named.
pub(crate) fn admin_respond_to_auth_challenge(state: &mut State, body: &Value) -> Outcome {
    same_pool(state, body)?;
    respond_to_auth_challenge(state, body)
}

/// The admin operations name the pool: it must be the client's.
fn same_pool(state: &State, body: &Value) -> Result<(), ServiceError> {
    let (pool_id, _, _) = client(state, body)?;
    if field(body, "UserPoolId")? == pool_id {
        Ok(())
    } else {
        Err(ServiceError::new(
            "ResourceNotFoundException",
            "User pool client does not exist.",
        ))
    }
}

/// The refusal for a user that does not exist: `UserNotFoundException` (LEGACY, the API's
/// default), or the wrong password's where the client prevents user existence errors.
fn no_such_user(prevent: bool) -> ServiceError {
    if prevent {
        incorrect()
    } else {
        ServiceError::new("UserNotFoundException", "User does not exist.")
    }
}

/// Whether `password` is the user's: its verifier, recomputed with the user's salt, is
/// the stored one (compared in constant time).
pub(crate) fn password_matches(pool: &Pool, user: &User, password: &str) -> bool {
    Verifier::for_user_with_salt(
        &pool.id,
        &user.username,
        &Password::new(password),
        user.verifier.salt_bytes(),
    )
    .is_ok_and(|v| bool::from(v.expose_verifier().ct_eq(user.verifier.expose_verifier())))
}

/// Cognito's `AuthFlowType`.
const FLOWS: [&str; 8] = [
    "USER_SRP_AUTH",
    "REFRESH_TOKEN_AUTH",
    "REFRESH_TOKEN",
    "CUSTOM_AUTH",
    "ADMIN_NO_SRP_AUTH",
    "USER_PASSWORD_AUTH",
    "ADMIN_USER_PASSWORD_AUTH",
    "USER_AUTH",
];

/// The `ALLOW_` value a legacy `ExplicitAuthFlows` value stands for.
fn legacy_flow(value: &str) -> Option<&'static str> {
    match value {
        "ADMIN_NO_SRP_AUTH" => Some("ALLOW_ADMIN_USER_PASSWORD_AUTH"),
        "USER_PASSWORD_AUTH" => Some("ALLOW_USER_PASSWORD_AUTH"),
        "CUSTOM_AUTH_FLOW_ONLY" => Some("ALLOW_CUSTOM_AUTH"),
        _ => None,
    }
}

/// Refuses, in Cognito's words, a flow that is not one (a validation error) and a flow
/// sent to the other operation (the admin flows to InitiateAuth, USER_PASSWORD_AUTH to
/// AdminInitiateAuth).
fn check_flow(flow: &str, admin: bool) -> Result<(), ServiceError> {
    if !FLOWS.contains(&flow) {
        return Err(ServiceError::new(
            "InvalidParameterException",
            format!(
                "1 validation error detected: Value '{}' at 'authFlow' failed to satisfy \
                 constraint: Member must satisfy enum value set: [{}]",
                crate::shown(flow),
                FLOWS.join(", ")
            ),
        ));
    }
    let elsewhere = if admin {
        flow == "USER_PASSWORD_AUTH"
    } else {
        matches!(flow, "ADMIN_NO_SRP_AUTH" | "ADMIN_USER_PASSWORD_AUTH")
    };
    if elsewhere {
        return Err(ServiceError::new(
            "InvalidParameterException",
            "Initiate Auth method not supported",
        ));
    }
    Ok(())
}

fn initiate(state: &mut State, body: &Value, admin: bool) -> Outcome {
    let (pool_id, client_id, secret) = client(state, body)?;
    let flow = field(body, "AuthFlow")?;
    check_flow(flow, admin)?;
    let p = parameters(body, "AuthParameters")?;
    let app = state
        .pools
        .get(&pool_id)
        .and_then(|pool| pool.clients.get(&client_id))
        .ok_or_else(|| {
            ServiceError::new(
                "ResourceNotFoundException",
                "User pool client does not exist.",
            )
        })?;
    let prevent = app.prevent_existence_errors;
    // A legacy ExplicitAuthFlows value allows what its ALLOW_ successor does.
    let allowed = |f: &str| {
        app.flows
            .iter()
            .any(|a| a == f || legacy_flow(a) == Some(f))
    };
    let by_password = match flow {
        "USER_SRP_AUTH" if allowed("ALLOW_USER_SRP_AUTH") => false,
        "USER_AUTH" if allowed("ALLOW_USER_AUTH") => {
            if optional(p, "PREFERRED_CHALLENGE")? != Some("PASSWORD_SRP") {
                return Err(ServiceError::new(
                    "InvalidParameterException",
                    "serve offers USER_AUTH with PREFERRED_CHALLENGE=PASSWORD_SRP only",
                ));
            }
            false
        }
        "USER_PASSWORD_AUTH" if !admin && allowed("ALLOW_USER_PASSWORD_AUTH") => true,
        "ADMIN_USER_PASSWORD_AUTH" | "ADMIN_NO_SRP_AUTH"
            if admin && allowed("ALLOW_ADMIN_USER_PASSWORD_AUTH") =>
        {
            true
        }
        "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN" if allowed("ALLOW_REFRESH_TOKEN_AUTH") => {
            return refresh(state, p, &pool_id, &client_id, secret.as_deref());
        }
        _ => {
            return Err(ServiceError::new(
                "InvalidParameterException",
                format!("{} flow not enabled for this client", crate::shown(flow)),
            ));
        }
    };
    let typed = field(p, "USERNAME")?;
    // SECRET_HASH at InitiateAuth: of the name typed.
    check_secret_hash(p, typed, &client_id, secret.as_deref())?;
    let device_key = optional(p, "DEVICE_KEY")?.map(str::to_owned);
    let pool = state.pools.get(&pool_id).ok_or_else(incorrect)?;
    if by_password {
        let password = field(p, "PASSWORD")?;
        let username = pool.find(typed).ok_or_else(|| no_such_user(prevent))?;
        let user = pool
            .users
            .get(&username)
            .ok_or_else(|| no_such_user(prevent))?;
        if !password_matches(pool, user, password) {
            return Err(incorrect());
        }
        if !user.enabled {
            return Err(disabled());
        }
        return password_accepted(state, &pool_id, &client_id, &username, device_key);
    }
    let srp_a = field(p, "SRP_A")?;
    let ephemeral = ServerEphemeral::random().map_err(internal)?;
    let srp_refused = |e: srp_cognito::Error| {
        ServiceError::new("InvalidParameterException", format!("SRP_A: {e}"))
    };
    let (username, pending) = match pool.find(typed) {
        Some(username) => {
            let user = pool.users.get(&username).ok_or_else(incorrect)?;
            if !user.enabled {
                return Err(disabled());
            }
            let session =
                ServerSessionKey::user(ephemeral, &user.verifier, &pool.id, &username, srp_a)
                    .map_err(srp_refused)?;
            (
                username,
                Pending::PasswordClaim {
                    session,
                    device_key,
                },
            )
        }
        None if prevent => {
            // As Cognito: a simulated first step, with the same salt and internal id for
            // the same name in this pool, so that no one learns the user does not exist.
            let by_name = pool.username_attributes.is_empty();
            let (username, verifier) = decoy(&state.decoy_key, &pool_id, typed, by_name)?;
            let session = ServerSessionKey::user(ephemeral, &verifier, &pool.id, &username, srp_a)
                .map_err(srp_refused)?;
            (username, Pending::Decoy { session })
        }
        None => return Err(no_such_user(false)),
    };
    let session = pending.srp().ok_or_else(|| internal("no SRP session"))?;
    let mut parameters = srp_parameters(session, &username);
    parameters["USER_ID_FOR_SRP"] = Value::from(username.as_str());
    let block = session.secret_block().to_owned();
    let token = state.open(Challenge::new(pool_id, client_id, username, pending))?;
    state.blocks.insert(block, token.clone());
    Ok(json!({
        "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeParameters": parameters,
        "Session": token,
    }))
}

/// The simulated user of a name that does not exist: an internal id shaped as a real
/// user's would be (the name itself where users sign in by username, `by_name`; a UUID
/// where they sign in by email or phone) and a verifier with a 16-byte salt, derived from
/// the name, the pool and `key` (so the same every time), and a random `v` (no password
/// matches it).
fn decoy(
    key: &str,
    pool_id: &str,
    typed: &str,
    by_name: bool,
) -> Result<(String, Verifier), ServiceError> {
    let salt = decoy_bytes(key, "salt", pool_id, typed)?;
    let id = decoy_bytes(key, "id", pool_id, typed)?;
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&id[..16]);
    let username = if by_name {
        typed.to_owned()
    } else {
        uuid_of(bytes)
    };
    let v = random::<384>()?;
    let verifier = Verifier::from_parts(&salt[..16], &v).map_err(internal)?;
    Ok((username, verifier))
}

/// 32 bytes for the decoy of `typed` in `pool_id`, one `purpose` each: HMAC-SHA256 under
/// serve's decoy `key` (through the library's SECRET_HASH), the same every time.
pub(crate) fn decoy_bytes(
    key: &str,
    purpose: &str,
    pool_id: &str,
    typed: &str,
) -> Result<Vec<u8>, ServiceError> {
    let mac = secret_hash(
        &format!("{purpose}:{pool_id}:"),
        typed,
        &ClientSecret::new(key),
    )
    .map_err(internal)?;
    Base64::decode_vec(&mac).map_err(internal)
}

/// Whether a secret (a SECRET_HASH, a client secret) is the expected one, compared in
/// constant time (the lengths are public).
pub(crate) fn same(given: &str, expected: &str) -> bool {
    bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
}

/// The parameters of PASSWORD_VERIFIER and DEVICE_PASSWORD_VERIFIER.
fn srp_parameters(session: &ServerSessionKey, username: &str) -> Value {
    json!({
        "SALT": session.salt(),
        "SECRET_BLOCK": session.secret_block(),
        "SRP_B": session.srp_b(),
        "USERNAME": username,
    })
}

pub(crate) fn internal(e: impl std::fmt::Display) -> ServiceError {
    ServiceError::new("InternalErrorException", e.to_string())
}

pub(crate) fn respond_to_auth_challenge(state: &mut State, body: &Value) -> Outcome {
    let (pool_id, client_id, secret) = client(state, body)?;
    let name = field(body, "ChallengeName")?;
    let r = parameters(body, "ChallengeResponses")?;
    // The challenge: by its Session, or (PASSWORD_VERIFIER, whose state travels in its
    // secret block) by the block, as Cognito accepts a response without a Session.
    let token = match optional(body, "Session")? {
        Some(token) => token.to_owned(),
        None => {
            let block = optional(r, "PASSWORD_CLAIM_SECRET_BLOCK")?.ok_or_else(bad_session)?;
            state.blocks.get(block).cloned().ok_or_else(bad_session)?
        }
    };
    // A remembered device named in the PASSWORD_VERIFIER response (where
    // amazon-cognito-identity-js names it) must be the user's: Cognito refuses an unknown one
    // with ResourceNotFoundException before it spends the session, and the SDK retries
    // without it.
    let pending = state.challenges.get(&token).ok_or_else(bad_session)?;
    if let (Pending::PasswordClaim { .. }, Some(key)) =
        (&pending.pending, optional(r, "DEVICE_KEY")?)
    {
        let known = state
            .pools
            .get(&pending.pool)
            .and_then(|p| p.users.get(&pending.username))
            .is_some_and(|u| u.devices.contains_key(key));
        if !known {
            return Err(device_not_found());
        }
    }
    // Single use: taken out whatever the verdict.
    let challenge = state.challenges.remove(&token).ok_or_else(bad_session)?;
    if let Some(session) = challenge.pending.srp() {
        state.blocks.remove(session.secret_block());
    }
    if challenge.client != client_id || challenge.pool != pool_id {
        return Err(bad_session());
    }
    // After InitiateAuth, USERNAME and SECRET_HASH are the internal username's (a decoy's
    // internal id names no user: refused here as a wrong password).
    let typed = field(r, "USERNAME")?;
    let pool = state.pools.get(&pool_id).ok_or_else(incorrect)?;
    if pool.find(typed).as_deref() != Some(challenge.username.as_str()) {
        return Err(incorrect());
    }
    // Disabled since the challenge began: no answer signs in.
    if pool
        .users
        .get(&challenge.username)
        .is_some_and(|user| !user.enabled)
    {
        return Err(disabled());
    }
    check_secret_hash(r, &challenge.username, &client_id, secret.as_deref())?;
    let username = challenge.username.clone();
    let (pool_id, client_id) = (pool_id.as_str(), client_id.as_str());
    match (name, challenge.pending) {
        (
            "PASSWORD_VERIFIER",
            Pending::PasswordClaim {
                session,
                device_key,
            },
        ) => {
            verify_claim(&session, r)?;
            // The device: named in this response, or at InitiateAuth.
            let device_key = optional(r, "DEVICE_KEY")?.map(str::to_owned).or(device_key);
            password_accepted(state, pool_id, client_id, &username, device_key)
        }
        ("PASSWORD_VERIFIER", Pending::Decoy { .. }) => Err(incorrect()),
        ("NEW_PASSWORD_REQUIRED", Pending::NewPassword { device_key }) => {
            let new = field(r, "NEW_PASSWORD")?;
            let pool = state.pools.get_mut(pool_id).ok_or_else(bad_session)?;
            let verifier = Verifier::for_user(&pool.id, &username, &Password::new(new))
                .map_err(|e| ServiceError::new("InvalidPasswordException", e.to_string()))?;
            let user = pool.users.get_mut(&username).ok_or_else(incorrect)?;
            user.verifier = verifier;
            user.status = Status::Confirmed;
            after_password(state, pool_id, client_id, &username, device_key)
        }
        ("DEVICE_SRP_AUTH", Pending::DeviceSrp { device_key }) => {
            if field(r, "DEVICE_KEY")? != device_key {
                return Err(incorrect());
            }
            let srp_a = field(r, "SRP_A")?;
            let device = pool
                .users
                .get(&username)
                .and_then(|user| user.devices.get(&device_key))
                .ok_or_else(incorrect)?;
            let verifier = device.verifier.as_ref().ok_or_else(incorrect)?;
            let ephemeral = ServerEphemeral::random().map_err(internal)?;
            let session = ServerSessionKey::device(
                ephemeral,
                verifier,
                &DeviceGroupKey::new(device.group_key.as_str()),
                &DeviceKey::new(device_key.as_str()),
                srp_a,
            )
            .map_err(|e| ServiceError::new("InvalidParameterException", format!("SRP_A: {e}")))?;
            // As Cognito: the device's key beside SRP_B (SDK helpers read it from here).
            let mut parameters = srp_parameters(&session, &username);
            parameters["DEVICE_KEY"] = Value::from(device_key.as_str());
            let block = session.secret_block().to_owned();
            let response = challenge_response(
                state,
                "DEVICE_PASSWORD_VERIFIER",
                parameters,
                Challenge::new(
                    pool_id,
                    client_id,
                    username,
                    Pending::DeviceClaim {
                        session,
                        device_key,
                    },
                ),
            )?;
            if let Some(token) = response["Session"].as_str() {
                state.blocks.insert(block, token.to_owned());
            }
            Ok(response)
        }
        (
            "DEVICE_PASSWORD_VERIFIER",
            Pending::DeviceClaim {
                session,
                device_key,
            },
        ) => {
            if field(r, "DEVICE_KEY")? != device_key {
                return Err(incorrect());
            }
            verify_claim(&session, r)?;
            tokens(state, pool_id, client_id, &username, Some(device_key), None)
        }
        ("SOFTWARE_TOKEN_MFA", Pending::SoftwareTokenMfa) => {
            let code = field(r, "SOFTWARE_TOKEN_MFA_CODE")?;
            let right = pool
                .users
                .get(&username)
                .and_then(|user| user.totp.as_ref())
                .is_some_and(|totp| totp.enabled && crate::mfa::code_matches(&totp.secret, code));
            if !right {
                return Err(ServiceError::new(
                    "CodeMismatchException",
                    "Invalid code received for user",
                ));
            }
            finish_sign_in(state, pool_id, client_id, &username)
        }
        (
            "MFA_SETUP",
            Pending::MfaSetup {
                secret: Some(secret),
                verified: true,
            },
        ) => {
            let user = state
                .pools
                .get_mut(pool_id)
                .and_then(|pool| pool.users.get_mut(&username))
                .ok_or_else(incorrect)?;
            user.totp = Some(crate::state::Totp {
                secret,
                pending: None,
                verified: true,
                enabled: true,
            });
            finish_sign_in(state, pool_id, client_id, &username)
        }
        ("MFA_SETUP", Pending::MfaSetup { .. }) => Err(ServiceError::new(
            "InvalidParameterException",
            "MFA_SETUP: associate and verify a software token under this session first",
        )),
        _ => Err(ServiceError::new(
            "InvalidParameterException",
            format!(
                "{} does not answer this session's challenge",
                crate::shown(name)
            ),
        )),
    }
}

/// The password was right (by SRP or in clear): a user who must still act is stopped
/// here (a new password, an unconfirmed sign-up), else the second factor and the tokens.
fn password_accepted(
    state: &mut State,
    pool_id: &str,
    client_id: &str,
    username: &str,
    device_key: Option<String>,
) -> Outcome {
    let user = state
        .pools
        .get(pool_id)
        .and_then(|pool| pool.users.get(username))
        .ok_or_else(incorrect)?;
    match user.status {
        Status::Confirmed => after_password(state, pool_id, client_id, username, device_key),
        Status::Unconfirmed => Err(ServiceError::new(
            "UserNotConfirmedException",
            "User is not confirmed.",
        )),
        Status::ResetRequired => Err(ServiceError::new(
            "PasswordResetRequiredException",
            "Password reset required for the user",
        )),
        Status::ForceChangePassword => {
            let attributes: serde_json::Map<String, Value> = user
                .attributes
                .iter()
                .filter(|(k, _)| k.as_str() != "sub")
                .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
                .collect();
            let parameters = json!({
                "USER_ID_FOR_SRP": username,
                "requiredAttributes": "[]",
                "userAttributes": Value::Object(attributes).to_string(),
            });
            challenge_response(
                state,
                "NEW_PASSWORD_REQUIRED",
                parameters,
                Challenge::new(
                    pool_id,
                    client_id,
                    username,
                    Pending::NewPassword { device_key },
                ),
            )
        }
    }
}

/// A challenge to send, under a new Session.
fn challenge_response(
    state: &mut State,
    name: &str,
    parameters: Value,
    next: Challenge,
) -> Outcome {
    let token = state.open(next)?;
    Ok(json!({"ChallengeName": name, "ChallengeParameters": parameters, "Session": token}))
}

/// Checks PASSWORD_CLAIM_SIGNATURE against the session, at this server's time.
fn verify_claim(session: &ServerSessionKey, r: &Value) -> Result<(), ServiceError> {
    let now = Timestamp::now().map_err(internal)?;
    session
        .verify(
            field(r, "PASSWORD_CLAIM_SECRET_BLOCK")?,
            field(r, "TIMESTAMP")?,
            field(r, "PASSWORD_CLAIM_SIGNATURE")?,
            &now,
            MAX_SKEW_SECONDS,
        )
        .map_err(|_| incorrect())
}

/// After the password: DEVICE_SRP_AUTH for a remembered device (which stands in for the
/// second factor), else the pool's MFA (SOFTWARE_TOKEN_MFA, or MFA_SETUP where MFA is
/// required and the user has none), else the tokens.
fn after_password(
    state: &mut State,
    pool_id: &str,
    client_id: &str,
    username: &str,
    device_key: Option<String>,
) -> Outcome {
    let pool = state.pools.get(pool_id).ok_or_else(incorrect)?;
    let user = pool.users.get(username).ok_or_else(incorrect)?;
    if let Some(key) = device_key {
        let known = user
            .devices
            .get(&key)
            .is_some_and(|d| d.verifier.is_some() && d.remembered);
        if known {
            return challenge_response(
                state,
                "DEVICE_SRP_AUTH",
                json!({"USERNAME": username}),
                Challenge::new(
                    pool_id,
                    client_id,
                    username,
                    Pending::DeviceSrp { device_key: key },
                ),
            );
        }
    }
    let totp = user.totp.as_ref().is_some_and(|t| t.enabled);
    let second = match (pool.mfa, totp) {
        (Mfa::Off, _) | (Mfa::Optional, false) => None,
        (_, true) => Some((
            "SOFTWARE_TOKEN_MFA",
            json!({"USER_ID_FOR_SRP": username, "FRIENDLY_DEVICE_NAME": "TOTP"}),
            Pending::SoftwareTokenMfa,
        )),
        (Mfa::On, false) => Some((
            "MFA_SETUP",
            json!({"USER_ID_FOR_SRP": username, "MFAS_CAN_SETUP": "[\"SOFTWARE_TOKEN_MFA\"]"}),
            Pending::MfaSetup {
                secret: None,
                verified: false,
            },
        )),
    };
    match second {
        Some((name, parameters, pending)) => challenge_response(
            state,
            name,
            parameters,
            Challenge::new(pool_id, client_id, username, pending),
        ),
        None => finish_sign_in(state, pool_id, client_id, username),
    }
}

/// Every factor passed: the tokens, with a new device where the pool remembers devices.
fn finish_sign_in(state: &mut State, pool_id: &str, client_id: &str, username: &str) -> Outcome {
    let pool = state.pools.get(pool_id).ok_or_else(incorrect)?;
    let new_device = if pool.devices {
        let key = format!("{REGION}_{}", uuid()?);
        let group = format!(
            "-{}",
            &Base64::encode_string(&random::<9>()?)[..9].replace(['+', '/'], "x")
        );
        Some((key, group))
    } else {
        None
    };
    if let Some((key, group)) = &new_device {
        let pool = state.pools.get_mut(pool_id).ok_or_else(incorrect)?;
        let user = pool.users.get_mut(username).ok_or_else(incorrect)?;
        // Bounded: a device never confirmed (or not remembered) makes way.
        if user.devices.len() >= MAX_DEVICES {
            let spare = user
                .devices
                .iter()
                .find(|(_, d)| d.verifier.is_none() || !d.remembered)
                .or_else(|| user.devices.iter().next())
                .map(|(k, _)| k.clone());
            if let Some(spare) = spare {
                user.devices.remove(&spare);
            }
        }
        // One group key per user, as Cognito keeps it.
        let group = user
            .devices
            .values()
            .next()
            .map_or_else(|| group.clone(), |d| d.group_key.clone());
        user.devices.insert(
            key.clone(),
            Device {
                group_key: group,
                name: None,
                created: now_seconds(),
                verifier: None,
                remembered: false,
            },
        );
    }
    let metadata = new_device.map(|(key, _)| key);
    tokens(state, pool_id, client_id, username, None, metadata)
}

pub(crate) fn get_user(state: &mut State, body: &Value) -> Outcome {
    let (pool_id, username, _) = access(state, body)?;
    let user = state
        .pools
        .get(&pool_id)
        .and_then(|pool| pool.users.get(&username))
        .ok_or_else(|| {
            ServiceError::new("NotAuthorizedException", "Access Token has been revoked")
        })?;
    let attributes: Vec<Value> = user
        .attributes
        .iter()
        .map(|(name, value)| json!({"Name": name, "Value": value}))
        .collect();
    let mut out = json!({"Username": username, "UserAttributes": attributes});
    crate::state::add_mfa_settings(user, &mut out);
    Ok(out)
}
