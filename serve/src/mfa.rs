//! TOTP multi-factor authentication as Cognito runs it: a pool's MfaConfiguration (OFF,
//! ON, OPTIONAL: SetUserPoolMfaConfig, GetUserPoolMfaConfig), a user's authenticator app
//! associated (AssociateSoftwareToken) and verified (VerifySoftwareToken), by an access
//! token or under an MFA_SETUP session, and chosen (SetUserMFAPreference,
//! AdminSetUserMFAPreference). Codes are RFC 6238's (HMAC-SHA1, 30-second steps, 6 digits),
//! one step of clock skew either way, checked by totp-rs.

use serde_json::{Value, json};
use srp_cognito::ServiceCode;
use totp_rs::{Algorithm, Builder, Secret};
use zeroize::Zeroizing;

use super::random::random;
use super::request::{field, optional, user_not_found};
use super::state::{Challenge, Mfa, Pending, State, Totp};
use super::tokens::access;
use super::{Outcome, ServiceError};

/// Bytes of a TOTP secret (160 bits, RFC 4226's recommendation, as Cognito's 32 base32
/// characters).
const SECRET_BYTES: usize = 20;

/// The authenticator of `secret`: SHA-1, 6 digits, 30-second steps, one step of skew.
fn authenticator(secret: &[u8]) -> Option<totp_rs::Totp> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret.to_vec())
        .build()
        .ok()
}

/// Whether `code` is the authenticator's code for now (or one step before or after).
pub(crate) fn code_matches(secret: &[u8], code: &str) -> bool {
    let now = super::state::now_seconds();
    authenticator(secret).is_some_and(|totp| totp.check(code, now).is_some())
}

/// The secret as authenticator apps take it: base32, no padding.
fn base32(secret: &[u8]) -> String {
    Secret::from(secret.to_vec()).to_base32()
}

fn fresh_secret() -> Result<Zeroizing<Vec<u8>>, ServiceError> {
    Ok(Zeroizing::new(random::<SECRET_BYTES>()?.to_vec()))
}

/// The MFA_SETUP challenge under `Session`, taken out (single use) for a new session.
fn setup_challenge(state: &mut State, body: &Value) -> Result<Option<Challenge>, ServiceError> {
    let Some(session) = optional(body, "Session")? else {
        return Ok(None);
    };
    let invalid = || ServiceError::new(ServiceCode::NotAuthorized, "Invalid session for the user.");
    match state.challenges.get(session) {
        Some(Challenge {
            pending: Pending::MfaSetup { .. },
            ..
        }) => Ok(state.challenges.remove(session)),
        _ => Err(invalid()),
    }
}

/// AssociateSoftwareToken: a new secret for the user of the access token, or for the
/// MFA_SETUP session (answered with a new Session).
pub(crate) fn associate_software_token(state: &mut State, body: &Value) -> Outcome {
    let secret = fresh_secret()?;
    let code = base32(&secret);
    if let Some(mut challenge) = setup_challenge(state, body)? {
        challenge.pending = Pending::MfaSetup {
            secret: Some(secret),
            verified: false,
        };
        let session = state.open(challenge)?;
        return Ok(json!({"SecretCode": code, "Session": session}));
    }
    let (pool, username, _) = access(state, body)?;
    let user = state.user_mut(&pool, &username)?;
    // A new association replaces an unverified one; a verified one stays in force until
    // the new one is verified.
    match &mut user.totp {
        Some(totp) if totp.verified => totp.pending = Some(secret),
        _ => {
            user.totp = Some(Totp {
                secret,
                pending: None,
                verified: false,
                enabled: false,
            });
        }
    }
    Ok(json!({ "SecretCode": code }))
}

fn mismatch() -> ServiceError {
    ServiceError::new(ServiceCode::EnableSoftwareTokenMfa, "Code mismatch")
}

/// VerifySoftwareToken: the user's code from the newly associated secret.
pub(crate) fn verify_software_token(state: &mut State, body: &Value) -> Outcome {
    let code = field(body, "UserCode")?.to_owned();
    if let Some(mut challenge) = setup_challenge(state, body)? {
        let Pending::MfaSetup {
            secret: Some(secret),
            ..
        } = challenge.pending
        else {
            return Err(ServiceError::new(
                ServiceCode::InvalidParameter,
                "AssociateSoftwareToken first",
            ));
        };
        if !code_matches(&secret, &code) {
            return Err(mismatch());
        }
        challenge.pending = Pending::MfaSetup {
            secret: Some(secret),
            verified: true,
        };
        let session = state.open(challenge)?;
        return Ok(json!({"Status": "SUCCESS", "Session": session}));
    }
    let (pool, username, _) = access(state, body)?;
    let user = state.user_mut(&pool, &username)?;
    let totp = user.totp.as_mut().ok_or_else(|| {
        ServiceError::new(
            ServiceCode::InvalidParameter,
            "AssociateSoftwareToken first",
        )
    })?;
    // The newly associated secret: the pending one of a verified user, else the first.
    if let Some(pending) = totp.pending.take() {
        if !code_matches(&pending, &code) {
            totp.pending = Some(pending);
            return Err(mismatch());
        }
        totp.secret = pending;
    } else if !code_matches(&totp.secret, &code) {
        return Err(mismatch());
    }
    totp.verified = true;
    Ok(json!({"Status": "SUCCESS"}))
}

/// The `SoftwareTokenMfaSettings` of a preference call: whether TOTP is to be enabled.
fn wants_totp(body: &Value) -> Option<bool> {
    body.get("SoftwareTokenMfaSettings")
        .and_then(|s| s.get("Enabled"))
        .and_then(Value::as_bool)
}

fn set_preference(state: &mut State, pool: &str, username: &str, body: &Value) -> Outcome {
    // Asking for a factor serve does not offer is refused, not dropped without a word
    // (turning one off is what it already is).
    for settings in ["SMSMfaSettings", "EmailMfaSettings"] {
        let wanted =
            |flag: &str| body.get(settings).and_then(|s| s.get(flag)) == Some(&Value::Bool(true));
        if wanted("Enabled") || wanted("PreferredMfa") {
            return Err(ServiceError::new(
                ServiceCode::InvalidParameter,
                format!("{settings}: serve offers software-token MFA only"),
            ));
        }
    }
    let user = state.user_mut(pool, username)?;
    if let Some(enabled) = wants_totp(body) {
        match &mut user.totp {
            Some(totp) if totp.verified => totp.enabled = enabled,
            _ if !enabled => {}
            _ => {
                return Err(ServiceError::new(
                    ServiceCode::InvalidParameter,
                    "User has not verified software token mfa",
                ));
            }
        }
    }
    Ok(json!({}))
}

/// SetUserMFAPreference, for the user of the access token.
pub(crate) fn set_user_mfa_preference(state: &mut State, body: &Value) -> Outcome {
    let (pool, username, _) = access(state, body)?;
    set_preference(state, &pool, &username, body)
}

/// AdminSetUserMFAPreference.
pub(crate) fn admin_set_user_mfa_preference(state: &mut State, body: &Value) -> Outcome {
    let pool = state.pool(body)?;
    let username = pool
        .find(field(body, "Username")?)
        .ok_or_else(user_not_found)?;
    let pool = pool.id.as_str().to_owned();
    set_preference(state, &pool, &username, body)
}

/// SetUserPoolMfaConfig: MfaConfiguration (ON needs software-token MFA enabled, the one
/// factor serve offers).
pub(crate) fn set_user_pool_mfa_config(state: &mut State, body: &Value) -> Outcome {
    let mfa = optional(body, "MfaConfiguration")?
        .map(Mfa::parse)
        .transpose()?;
    let totp = body
        .get("SoftwareTokenMfaConfiguration")
        .and_then(|c| c.get("Enabled"))
        .and_then(Value::as_bool);
    if mfa.is_some_and(|m| m != Mfa::Off) && totp == Some(false) {
        return Err(ServiceError::new(
            ServiceCode::InvalidParameter,
            "serve offers software-token MFA only: it cannot be disabled while MFA is on",
        ));
    }
    let id = field(body, "UserPoolId")?.to_owned();
    let pool = state
        .pools
        .get_mut(&id)
        .ok_or_else(|| super::request::not_found("User pool"))?;
    if let Some(mfa) = mfa {
        pool.mfa = mfa;
    }
    Ok(mfa_config(pool.mfa))
}

fn mfa_config(mfa: Mfa) -> Value {
    json!({
        "MfaConfiguration": mfa.as_str(),
        "SoftwareTokenMfaConfiguration": {"Enabled": mfa != Mfa::Off},
    })
}

/// GetUserPoolMfaConfig.
pub(crate) fn get_user_pool_mfa_config(state: &mut State, body: &Value) -> Outcome {
    Ok(mfa_config(state.pool(body)?.mfa))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_is_rfc_4648() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(
            base32(b"12345678901234567890"),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        );
    }

    #[test]
    fn rfc_6238_sha1_vectors() {
        // RFC 6238 Appendix B's SHA-1 seed; its 8-digit codes end in these 6 digits.
        let totp = authenticator(b"12345678901234567890").unwrap();
        assert_eq!(totp.generate(59).to_string(), "287082");
        assert_eq!(totp.generate(1_111_111_109).to_string(), "081804");
        assert_eq!(totp.generate(2_000_000_000).to_string(), "279037");
        assert!(totp.check("287082", 59).is_some());
        assert!(totp.check("287083", 59).is_none());
    }
}
