//! Sign-up and passwords: SignUp, ConfirmSignUp, AdminConfirmSignUp, ForgotPassword,
//! ConfirmForgotPassword and ChangePassword, with Cognito's SecretHash and its user
//! existence rules. The codes Cognito would send by email or SMS are printed to serve's
//! standard error, or fixed by the embedder ([`crate::Codes`]).

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use serde_json::{Value, json};
use srp_cognito::server::Verifier;
use srp_cognito::{Password, ServiceCode};

use super::random::{random, uuid};
use super::request::{field, optional};
use super::sign_in::{check_hash_in, client, decoy_bytes, password_matches, same};
use super::state::{CODE_LIFETIME, Code, Codes, Purpose, State, Status, User, now_seconds};
use super::tokens::access;
use super::{Outcome, ServiceError};

/// `SecretHash` of the name typed, where the client has a secret.
fn check_secret_hash(
    body: &Value,
    typed: &str,
    client_id: &str,
    secret: Option<&str>,
) -> Result<(), ServiceError> {
    check_hash_in(body, "SecretHash", typed, client_id, secret)
}

/// Where a code goes: the user's email, else phone number, masked as Cognito masks it;
/// `None` for a user with neither (Cognito sends no code there).
fn delivery(attributes: &BTreeMap<String, String>) -> Option<Value> {
    if let Some(email) = attributes.get("email") {
        let (local, domain) = email.split_once('@').unwrap_or((email, ""));
        let first = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
        return Some(
            json!({"Destination": format!("{}***@{}***", first(local), first(domain)),
            "DeliveryMedium": "EMAIL", "AttributeName": "email"}),
        );
    }
    if let Some(phone) = attributes.get("phone_number") {
        let tail: String = phone
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return Some(json!({"Destination": format!("+*******{tail}"),
            "DeliveryMedium": "SMS", "AttributeName": "phone_number"}));
    }
    None
}

/// ForgotPassword's (and ResendConfirmationCode's) answer for a user a code can reach;
/// refused, as Cognito refuses it, for one it cannot (`what` is the code's purpose).
fn sent_to(attributes: &BTreeMap<String, String>, what: &str) -> Outcome {
    let details = delivery(attributes).ok_or_else(|| {
        ServiceError::new(ServiceCode::InvalidParameter,
            format!(
                "Cannot {what} for the user as there is no registered/verified email or phone_number"
            ),
        )
    })?;
    Ok(json!({ "CodeDeliveryDetails": details }))
}

/// A fresh code for `purpose`, given to the test as `codes` says.
fn send_code(
    codes: &Codes,
    pool: &str,
    username: &str,
    purpose: Purpose,
) -> Result<Code, ServiceError> {
    let code = match codes {
        Codes::Fixed(code) => code.clone(),
        Codes::Print => {
            let n = u32::from_be_bytes(random::<4>()?) % 1_000_000;
            let code = format!("{n:06}");
            let what = match purpose {
                Purpose::SignUp => "sign-up confirmation",
                Purpose::ForgotPassword => "password reset",
            };
            eprintln!("srp-cognito serve: {what} code for {username} in {pool}: {code}");
            code
        }
    };
    Ok(Code {
        purpose,
        code,
        expires: Instant::now() + CODE_LIFETIME,
    })
}

/// The user's pending code for `purpose` is `given` (compared in constant time); it is
/// used up when it matches.
fn take_code(user: &mut User, purpose: Purpose, given: &str) -> Result<(), ServiceError> {
    let mismatch = code_mismatch;
    let code = user
        .code
        .as_ref()
        .filter(|c| c.purpose == purpose)
        .ok_or_else(mismatch)?;
    if Instant::now() > code.expires {
        user.code = None;
        return Err(ServiceError::new(
            ServiceCode::ExpiredCode,
            "Invalid code provided, please request a code again.",
        ));
    }
    if !same(given, &code.code) {
        return Err(mismatch());
    }
    user.code = None;
    Ok(())
}

fn invalid_password(e: impl std::fmt::Display) -> ServiceError {
    ServiceError::new(ServiceCode::InvalidPassword, e.to_string())
}

/// SignUp: an UNCONFIRMED user with the password's verifier, and a confirmation code.
pub(crate) fn sign_up(state: &mut State, body: &Value) -> Outcome {
    let (pool_id, client_id, secret) = client(state, body)?;
    let typed = field(body, "Username")?.to_owned();
    check_secret_hash(body, &typed, &client_id, secret.as_deref())?;
    let password = field(body, "Password")?.to_owned();
    let mut attributes = BTreeMap::new();
    if let Some(list) = body.get("UserAttributes").and_then(Value::as_array) {
        for attribute in list {
            let name = field(attribute, "Name")?;
            let value = optional(attribute, "Value")?.unwrap_or("");
            attributes.insert(name.to_owned(), value.to_owned());
        }
    }
    let sub = uuid()?;
    let codes = state.codes.clone();
    let pool = state
        .pools
        .get_mut(&pool_id)
        .ok_or_else(|| super::request::not_found("User pool"))?;
    if pool.find(&typed).is_some() {
        return Err(ServiceError::new(
            ServiceCode::UsernameExists,
            "User already exists",
        ));
    }
    let username = match super::users::username_attribute(pool, &typed) {
        Some(attribute) => {
            attributes.insert(attribute.to_owned(), typed.clone());
            sub.clone()
        }
        None => typed,
    };
    pool.check_aliases(&username, &attributes)?;
    attributes.insert("sub".into(), sub.clone());
    let verifier = Verifier::for_user(&pool.id, &username, &Password::new(password))
        .map_err(invalid_password)?;
    let code = send_code(&codes, &pool_id, &username, Purpose::SignUp)?;
    let details = delivery(&attributes);
    pool.add_user(User {
        username,
        sub: sub.clone(),
        attributes,
        verifier,
        status: Status::Unconfirmed,
        enabled: true,
        totp: None,
        code: Some(code),
        devices: BTreeMap::new(),
        groups: BTreeSet::new(),
        created: now_seconds(),
        modified: now_seconds(),
    })?;
    let mut out = json!({"UserConfirmed": false, "UserSub": sub});
    if let Some(details) = details {
        out["CodeDeliveryDetails"] = details;
    }
    Ok(out)
}

/// The pool id, the client's "prevent user existence errors", and the internal username
/// of `Username` (None where there is no such user).
fn user_by_client(
    state: &State,
    body: &Value,
) -> Result<(String, bool, Option<String>), ServiceError> {
    let (pool_id, client_id, secret) = client(state, body)?;
    let typed = field(body, "Username")?;
    check_secret_hash(body, typed, &client_id, secret.as_deref())?;
    let pool = state
        .pools
        .get(&pool_id)
        .ok_or_else(|| super::request::not_found("User pool"))?;
    let prevent = pool
        .clients
        .get(&client_id)
        .is_some_and(|c| c.prevent_existence_errors);
    Ok((pool_id, prevent, pool.find(typed)))
}

/// The user a code is checked for; for one that does not exist, the wrong code's answer
/// where the client prevents user existence errors.
fn code_holder(username: Option<String>, prevent: bool) -> Result<String, ServiceError> {
    username.ok_or_else(|| {
        if prevent {
            code_mismatch()
        } else {
            no_such_user()
        }
    })
}

fn code_mismatch() -> ServiceError {
    ServiceError::new(
        ServiceCode::CodeMismatch,
        "Invalid verification code provided, please try again.",
    )
}

fn no_such_user() -> ServiceError {
    ServiceError::new(
        ServiceCode::UserNotFound,
        "Username/client id combination not found.",
    )
}

/// Only an UNCONFIRMED user can be confirmed.
fn unconfirmed(user: &User) -> Result<(), ServiceError> {
    if user.status == Status::Unconfirmed {
        return Ok(());
    }
    Err(ServiceError::new(
        ServiceCode::NotAuthorized,
        format!(
            "User cannot be confirmed. Current status is {}",
            user.status.as_str()
        ),
    ))
}

/// The user is confirmed and their email (where they gave one) verified.
fn confirm(user: &mut User) {
    user.status = Status::Confirmed;
    user.changed();
    if user.attributes.contains_key("email") {
        user.attributes
            .insert("email_verified".into(), "true".into());
    }
}

/// ConfirmSignUp: the code SignUp sent.
pub(crate) fn confirm_sign_up(state: &mut State, body: &Value) -> Outcome {
    let (pool, prevent, username) = user_by_client(state, body)?;
    let code = field(body, "ConfirmationCode")?;
    let username = code_holder(username, prevent)?;
    let user = state.user_mut(&pool, &username)?;
    unconfirmed(user)?;
    take_code(user, Purpose::SignUp, code)?;
    confirm(user);
    Ok(json!({}))
}

/// AdminConfirmSignUp: no code.
pub(crate) fn admin_confirm_sign_up(state: &mut State, body: &Value) -> Outcome {
    let pool = state.pool(body)?;
    let username = pool
        .find(field(body, "Username")?)
        .ok_or_else(super::request::user_not_found)?;
    let pool = pool.id.as_str().to_owned();
    let user = state.user_mut(&pool, &username)?;
    unconfirmed(user)?;
    user.code = None;
    confirm(user);
    Ok(json!({}))
}

/// For a user that does not exist: where the client prevents user existence errors, the
/// answer a real user's code would get, "sent" to a destination shaped as a real one (an
/// email typed, masked; for a name, letters derived from it, the pool and serve's decoy
/// key, the same every time).
fn simulated_delivery(state: &State, pool: &str, body: &Value, prevent: bool) -> Outcome {
    if !prevent {
        return Err(no_such_user());
    }
    let typed = field(body, "Username")?;
    let email = if typed.contains('@') {
        typed.to_owned()
    } else {
        let bytes = decoy_bytes(&state.decoy_key, "delivery", pool, typed)?;
        let letter = |b: u8| char::from(b'a' + b % 26);
        format!("{}x@{}x.com", letter(bytes[0]), letter(bytes[1]))
    };
    sent_to(
        &BTreeMap::from([("email".to_owned(), email)]),
        "send a code",
    )
}

/// ResendConfirmationCode: a new sign-up code for an UNCONFIRMED user.
pub(crate) fn resend_confirmation_code(state: &mut State, body: &Value) -> Outcome {
    let (pool, prevent, username) = user_by_client(state, body)?;
    let Some(username) = username else {
        return simulated_delivery(state, &pool, body, prevent);
    };
    let codes = state.codes.clone();
    let user = state.user_mut(&pool, &username)?;
    if user.status != Status::Unconfirmed {
        return Err(ServiceError::new(
            ServiceCode::InvalidParameter,
            "User is already confirmed.",
        ));
    }
    let answer = sent_to(&user.attributes, "resend the confirmation code")?;
    user.code = Some(send_code(&codes, &pool, &username, Purpose::SignUp)?);
    Ok(answer)
}

/// The user a password-reset code is for: refused, as Cognito refuses it, when disabled.
fn enabled_user<'s>(
    state: &'s mut State,
    pool: &str,
    username: &str,
) -> Result<&'s mut User, ServiceError> {
    let user = state.user_mut(pool, username)?;
    if !user.enabled {
        return Err(super::sign_in::disabled());
    }
    Ok(user)
}

/// AdminResetUserPassword: the user must reset their password (RESET_REQUIRED: their
/// sign-in gets PasswordResetRequiredException) with the code it sends.
pub(crate) fn admin_reset_user_password(state: &mut State, body: &Value) -> Outcome {
    let (pool, username) = state.named_user(body)?;
    let codes = state.codes.clone();
    let user = enabled_user(state, &pool, &username)?;
    let code = send_code(&codes, &pool, &username, Purpose::ForgotPassword)?;
    user.code = Some(code);
    user.status = Status::ResetRequired;
    user.changed();
    Ok(json!({}))
}

/// ForgotPassword: a code to reset the password with. For a user that does not exist,
/// where the client prevents user existence errors, the same answer as for one that does.
pub(crate) fn forgot_password(state: &mut State, body: &Value) -> Outcome {
    let (pool, prevent, username) = user_by_client(state, body)?;
    let Some(username) = username else {
        return simulated_delivery(state, &pool, body, prevent);
    };
    let codes = state.codes.clone();
    let user = enabled_user(state, &pool, &username)?;
    let answer = sent_to(&user.attributes, "reset password")?;
    let code = send_code(&codes, &pool, &username, Purpose::ForgotPassword)?;
    user.code = Some(code);
    Ok(answer)
}

/// ConfirmForgotPassword: the code and the new password; the user is confirmed and signed
/// out everywhere.
pub(crate) fn confirm_forgot_password(state: &mut State, body: &Value) -> Outcome {
    let (pool, prevent, username) = user_by_client(state, body)?;
    let code = field(body, "ConfirmationCode")?;
    let password = field(body, "Password")?;
    let username = code_holder(username, prevent)?;
    let pool_id = state
        .pools
        .get(&pool)
        .map(|p| p.id.clone())
        .ok_or_else(no_such_user)?;
    let verifier = Verifier::for_user(&pool_id, &username, &Password::new(password))
        .map_err(invalid_password)?;
    let user = state.user_mut(&pool, &username)?;
    take_code(user, Purpose::ForgotPassword, code)?;
    user.verifier = verifier;
    user.changed();
    if user.status != Status::Confirmed {
        user.status = Status::Confirmed;
    }
    state.sign_out(&pool, &username);
    Ok(json!({}))
}

/// ChangePassword: the user of the access token, their current password, the new one.
pub(crate) fn change_password(state: &mut State, body: &Value) -> Outcome {
    let (pool, username, _) = access(state, body)?;
    let previous = field(body, "PreviousPassword")?;
    let proposed = field(body, "ProposedPassword")?;
    let p = state.pools.get(&pool).ok_or_else(no_such_user)?;
    let user = p.users.get(&username).ok_or_else(no_such_user)?;
    if !password_matches(p, user, previous) {
        return Err(ServiceError::new(
            ServiceCode::NotAuthorized,
            "Incorrect username or password.",
        ));
    }
    let verifier =
        Verifier::for_user(&p.id, &username, &Password::new(proposed)).map_err(invalid_password)?;
    let user = state.user_mut(&pool, &username)?;
    user.verifier = verifier;
    user.changed();
    Ok(json!({}))
}
