//! Answering a challenge (RespondToAuthChallenge, AdminRespondToAuthChallenge): the
//! challenge found by its Session (or PASSWORD_VERIFIER's secret block), taken out whatever
//! the verdict, checked against the client, the user (USERNAME is the internal username
//! now, SECRET_HASH with it) and a disable since it began; then each challenge's own answer,
//! and what comes after the password (a new password, the remembered device, the second
//! factor, the tokens).

use base64ct::{Base64, Encoding};
use serde_json::{Value, json};
use srp_cognito::server::{ServerEphemeral, ServerSessionKey, Verifier};
use srp_cognito::{
    Password, ServiceCode, Timestamp,
    device::{DeviceGroupKey, DeviceKey},
};

use super::devices::device_not_found;
use super::random::{random, uuid};
use super::request::{field, optional};
use super::sign_in::{
    bad_session, check_secret_hash, client, disabled, incorrect, internal, parameters, same_pool,
    srp_parameters,
};
use super::state::{
    Challenge, Device, MAX_DEVICES, Mfa, Pending, State, Status, Totp, now_seconds,
};
use super::tokens::tokens;
use super::{Outcome, ServiceError};

/// The clock skew allowed between a claim's TIMESTAMP and this server's clock.
const MAX_SKEW_SECONDS: u32 = 300;

/// AdminRespondToAuthChallenge: RespondToAuthChallenge with the pool named.
pub(crate) fn admin_respond_to_auth_challenge(state: &mut State, body: &Value) -> Outcome {
    same_pool(state, body)?;
    respond_to_auth_challenge(state, body)
}

/// The challenge being answered, taken out of the state and checked: whose it is.
struct Answering {
    pool_id: String,
    client_id: String,
    /// The internal username (what USERNAME must name now).
    username: String,
    pending: Pending,
}

pub(crate) fn respond_to_auth_challenge(state: &mut State, body: &Value) -> Outcome {
    let name = field(body, "ChallengeName")?;
    let r = parameters(body, "ChallengeResponses")?;
    let answering = take(state, body, r)?;
    let (pool_id, client_id) = (answering.pool_id.as_str(), answering.client_id.as_str());
    let username = answering.username.as_str();
    match (name, answering.pending) {
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
            password_accepted(state, pool_id, client_id, username, device_key)
        }
        ("PASSWORD_VERIFIER", Pending::Decoy { .. }) => Err(incorrect()),
        ("NEW_PASSWORD_REQUIRED", Pending::NewPassword { device_key }) => {
            let new = field(r, "NEW_PASSWORD")?;
            let pool = state.pools.get_mut(pool_id).ok_or_else(bad_session)?;
            let verifier = Verifier::for_user(&pool.id, username, &Password::new(new))
                .map_err(|e| ServiceError::new(ServiceCode::InvalidPassword, e.to_string()))?;
            let user = pool.users.get_mut(username).ok_or_else(incorrect)?;
            user.verifier = verifier;
            user.status = Status::Confirmed;
            user.changed();
            after_password(state, pool_id, client_id, username, device_key)
        }
        ("DEVICE_SRP_AUTH", Pending::DeviceSrp { device_key }) => device_srp(
            state,
            &answering.pool_id,
            client_id,
            username,
            device_key,
            r,
        ),
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
            tokens(state, pool_id, client_id, username, Some(device_key), None)
        }
        ("SOFTWARE_TOKEN_MFA", Pending::SoftwareTokenMfa) => {
            let code = field(r, "SOFTWARE_TOKEN_MFA_CODE")?;
            let right = state
                .pools
                .get(pool_id)
                .and_then(|pool| pool.users.get(username))
                .and_then(|user| user.totp.as_ref())
                .is_some_and(|totp| totp.enabled && crate::mfa::code_matches(&totp.secret, code));
            if !right {
                return Err(ServiceError::new(
                    ServiceCode::CodeMismatch,
                    "Invalid code received for user",
                ));
            }
            finish_sign_in(state, pool_id, client_id, username)
        }
        (
            "MFA_SETUP",
            Pending::MfaSetup {
                secret: Some(secret),
                verified: true,
            },
        ) => {
            let user = state.user_mut(pool_id, username).map_err(|_| incorrect())?;
            user.totp = Some(Totp {
                secret,
                pending: None,
                verified: true,
                enabled: true,
            });
            finish_sign_in(state, pool_id, client_id, username)
        }
        ("MFA_SETUP", Pending::MfaSetup { .. }) => Err(ServiceError::new(
            ServiceCode::InvalidParameter,
            "MFA_SETUP: associate and verify a software token under this session first",
        )),
        _ => Err(ServiceError::new(
            ServiceCode::InvalidParameter,
            format!(
                "{} does not answer this session's challenge",
                crate::shown(name)
            ),
        )),
    }
}

/// The challenge `body` answers, taken out (single use, whatever the verdict) and checked:
/// the client and pool it was opened for, the user USERNAME names, still enabled, and
/// SECRET_HASH of the internal username.
fn take(state: &mut State, body: &Value, r: &Value) -> Result<Answering, ServiceError> {
    let (pool_id, client_id, secret) = client(state, body)?;
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
    Ok(Answering {
        pool_id,
        client_id,
        username: challenge.username,
        pending: challenge.pending,
    })
}

/// DEVICE_SRP_AUTH: the device's SRP_A against its verifier; DEVICE_PASSWORD_VERIFIER
/// next, naming the device beside SRP_B as Cognito does.
fn device_srp(
    state: &mut State,
    pool_id: &str,
    client_id: &str,
    username: &str,
    device_key: String,
    r: &Value,
) -> Outcome {
    if field(r, "DEVICE_KEY")? != device_key {
        return Err(incorrect());
    }
    let srp_a = field(r, "SRP_A")?;
    let device = state
        .pools
        .get(pool_id)
        .and_then(|pool| pool.users.get(username))
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
    .map_err(|e| ServiceError::new(ServiceCode::InvalidParameter, format!("SRP_A: {e}")))?;
    // As Cognito: the device's key beside SRP_B (SDK helpers read it from here).
    let mut parameters = srp_parameters(&session, username);
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

/// The password was right (by SRP or in clear): a user who must still act is stopped
/// here (a new password, an unconfirmed sign-up), else the second factor and the tokens.
pub(crate) fn password_accepted(
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
            ServiceCode::UserNotConfirmed,
            "User is not confirmed.",
        )),
        Status::ResetRequired => Err(ServiceError::new(
            ServiceCode::PasswordResetRequired,
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
pub(crate) fn challenge_response(
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
        // A device key starts with its pool's region, as Cognito's do.
        let key = format!("{}_{}", pool.id.region(), uuid()?);
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
