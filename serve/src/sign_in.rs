//! Starting a sign-in (InitiateAuth, AdminInitiateAuth), with Cognito's rules: the flows
//! the client allows (the legacy names too), SECRET_HASH with the name typed, USERNAME and
//! USER_ID_FOR_SRP as Cognito sets them, a decoy PASSWORD_VERIFIER where the client hides
//! whether users exist. What every sign-in step shares (the client, SECRET_HASH, the
//! refusals) is here too; the answers to challenges are in `challenges.rs`.

use base64ct::{Base64, Encoding};
use serde_json::{Value, json};
use srp_cognito::server::{ServerEphemeral, ServerSessionKey, Verifier};
use srp_cognito::{ClientSecret, Password, ServiceCode, secret_hash};
use subtle::ConstantTimeEq;

use super::challenges::password_accepted;
use super::random::{random, uuid_of};
use super::request::{field, optional};
use super::state::{Challenge, Pending, Pool, State, User};
use super::tokens::refresh;
use super::{Outcome, ServiceError};

pub(crate) fn incorrect() -> ServiceError {
    ServiceError::new(
        ServiceCode::NotAuthorized,
        "Incorrect username or password.",
    )
}

pub(crate) fn disabled() -> ServiceError {
    ServiceError::new(ServiceCode::NotAuthorized, "User is disabled.")
}

pub(crate) fn bad_session() -> ServiceError {
    ServiceError::new(ServiceCode::NotAuthorized, "Invalid session for the user.")
}

/// The pool id and the client's secret of `ClientId`.
pub(crate) fn client(
    state: &State,
    body: &Value,
) -> Result<(String, String, Option<String>), ServiceError> {
    let id = field(body, "ClientId")?;
    let pool = state.client_pools.get(id).ok_or_else(|| {
        ServiceError::new(
            ServiceCode::ResourceNotFound,
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
            ServiceCode::NotAuthorized,
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

pub(crate) fn parameters<'a>(body: &'a Value, name: &str) -> Result<&'a Value, ServiceError> {
    body.get(name).filter(|p| p.is_object()).ok_or_else(|| {
        ServiceError::new(ServiceCode::InvalidParameter, format!("{name} is required"))
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

/// The admin operations name the pool: it must be the client's.
pub(crate) fn same_pool(state: &State, body: &Value) -> Result<(), ServiceError> {
    let (pool_id, _, _) = client(state, body)?;
    if field(body, "UserPoolId")? == pool_id {
        Ok(())
    } else {
        Err(ServiceError::new(
            ServiceCode::ResourceNotFound,
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
        ServiceError::new(ServiceCode::UserNotFound, "User does not exist.")
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
            ServiceCode::InvalidParameter,
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
            ServiceCode::InvalidParameter,
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
                ServiceCode::ResourceNotFound,
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
                    ServiceCode::InvalidParameter,
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
                ServiceCode::InvalidParameter,
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
        ServiceError::new(ServiceCode::InvalidParameter, format!("SRP_A: {e}"))
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
pub(crate) fn srp_parameters(session: &ServerSessionKey, username: &str) -> Value {
    json!({
        "SALT": session.salt(),
        "SECRET_BLOCK": session.secret_block(),
        "SRP_B": session.srp_b(),
        "USERNAME": username,
    })
}

pub(crate) fn internal(e: impl std::fmt::Display) -> ServiceError {
    ServiceError::new(ServiceCode::InternalError, e.to_string())
}
