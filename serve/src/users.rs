//! Users, as administrators see them: created (a temporary password, or a verifier from
//! `--provision`), their password set, described, listed with a filter, deleted, disabled
//! and enabled, their attributes updated.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};
use srp_cognito::server::Verifier;
use srp_cognito::{Password, ServiceCode};

use super::pools::with_next;
use super::random::{random_text, uuid};
use super::request::{field, limit, optional, page, paginate, strings, user_not_found};
use super::state::{MAX_USERS, Pool, State, Status, User, now_seconds};
use super::tokens::access;
use super::{Outcome, ServiceError};

pub(crate) fn admin_create_user(state: &mut State, body: &Value) -> Outcome {
    let typed = field(body, "Username")?.to_owned();
    let temporary = match optional(body, "TemporaryPassword")? {
        Some(p) => p.to_owned(),
        None => random_text(
            16,
            b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789",
        )?,
    };
    if body.get("ForceAliasCreation").and_then(Value::as_bool) == Some(true) {
        return Err(ServiceError::new(
            ServiceCode::InvalidParameter,
            "serve does not move an alias from one user to another (ForceAliasCreation)",
        ));
    }
    match optional(body, "MessageAction")? {
        None | Some("SUPPRESS") => {}
        Some("RESEND") => return resend_invitation(state, body, &typed, temporary),
        Some(_) => {
            return Err(ServiceError::new(
                ServiceCode::InvalidParameter,
                "MessageAction must be RESEND or SUPPRESS",
            ));
        }
    }
    let mut attributes = BTreeMap::new();
    if let Some(list) = body.get("UserAttributes").and_then(Value::as_array) {
        for attribute in list {
            let name = field(attribute, "Name")?;
            let value = attribute.get("Value").and_then(Value::as_str).unwrap_or("");
            attributes.insert(name.to_owned(), value.to_owned());
        }
    }
    let pool = state.pool_mut(body)?;
    if pool.users.len() >= MAX_USERS {
        return Err(limit("users"));
    }
    if pool.find(&typed).is_some() {
        return Err(ServiceError::new(
            ServiceCode::UsernameExists,
            "User account already exists",
        ));
    }
    let sub = uuid()?;
    // Where users sign in with an email (or phone), the name typed is that attribute
    // and the internal username is a UUID.
    let username = match username_attribute(pool, &typed) {
        Some(attribute) => {
            attributes.insert(attribute.to_owned(), typed.clone());
            sub.clone()
        }
        None => typed,
    };
    pool.check_aliases(&username, &attributes)?;
    attributes.insert("sub".into(), sub.clone());
    let verifier = Verifier::for_user(&pool.id, &username, &Password::new(temporary))
        .map_err(|e| ServiceError::new(ServiceCode::InvalidPassword, e.to_string()))?;
    let user = User {
        username: username.clone(),
        sub,
        attributes,
        verifier,
        status: Status::ForceChangePassword,
        enabled: true,
        totp: None,
        code: None,
        devices: BTreeMap::new(),
        groups: BTreeSet::new(),
        created: now_seconds(),
        modified: now_seconds(),
    };
    let described = describe_user(&user, "Attributes");
    pool.users.insert(username, user);
    Ok(json!({ "User": described }))
}

/// AdminCreateUser with `MessageAction` RESEND: a user still to set their password gets a
/// new temporary one (the one given, or drawn); any other is refused, as Cognito does.
fn resend_invitation(state: &mut State, body: &Value, typed: &str, temporary: String) -> Outcome {
    let pool = state.pool_mut(body)?;
    let username = pool.find(typed).ok_or_else(user_not_found)?;
    let verifier = Verifier::for_user(&pool.id, &username, &Password::new(temporary))
        .map_err(|e| ServiceError::new(ServiceCode::InvalidPassword, e.to_string()))?;
    let user = pool.users.get_mut(&username).ok_or_else(user_not_found)?;
    if user.status != Status::ForceChangePassword {
        return Err(ServiceError::new(
            ServiceCode::UnsupportedUserState,
            format!(
                "Resend not possible. {username} status is {}.",
                user.status.as_str()
            ),
        ));
    }
    user.verifier = verifier;
    user.changed();
    Ok(json!({ "User": describe_user(user, "Attributes") }))
}

pub(crate) fn admin_set_user_password(state: &mut State, body: &Value) -> Outcome {
    let typed = field(body, "Username")?;
    let password = field(body, "Password")?;
    let permanent = body
        .get("Permanent")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let pool = state.pool_mut(body)?;
    let username = pool.find(typed).ok_or_else(user_not_found)?;
    let verifier = Verifier::for_user(&pool.id, &username, &Password::new(password))
        .map_err(|e| ServiceError::new(ServiceCode::InvalidPassword, e.to_string()))?;
    let user = pool.users.get_mut(&username).ok_or_else(user_not_found)?;
    user.verifier = verifier;
    user.changed();
    user.status = if permanent {
        Status::Confirmed
    } else {
        Status::ForceChangePassword
    };
    Ok(json!({}))
}

pub(crate) fn admin_get_user(state: &mut State, body: &Value) -> Outcome {
    let pool = state.pool(body)?;
    let username = pool
        .find(field(body, "Username")?)
        .ok_or_else(user_not_found)?;
    let user = pool.users.get(&username).ok_or_else(user_not_found)?;
    let mut described = describe_user(user, "UserAttributes");
    add_mfa_settings(user, &mut described);
    Ok(described)
}

/// The UsernameAttributes entry `typed` is an instance of (an email, a phone number).
pub(crate) fn username_attribute<'a>(pool: &'a Pool, typed: &str) -> Option<&'a str> {
    pool.username_attributes
        .iter()
        .map(String::as_str)
        .find(|a| match *a {
            "email" => typed.contains('@'),
            "phone_number" => typed.starts_with('+'),
            _ => false,
        })
}

/// A user as AdminGetUser (`UserAttributes`) and ListUsers (`Attributes`) describe them.
pub(crate) fn describe_user(user: &User, attributes_key: &str) -> Value {
    described_with(user, attributes_key, None)
}

/// The same, with only the attributes `only` names where it is given (ListUsers'
/// `AttributesToGet`).
fn described_with(user: &User, attributes_key: &str, only: Option<&[String]>) -> Value {
    let attributes: Vec<Value> = user
        .attributes
        .iter()
        .filter(|(name, _)| only.is_none_or(|only| only.iter().any(|o| o == *name)))
        .map(|(name, value)| json!({"Name": name, "Value": value}))
        .collect();
    json!({
        "Username": user.username,
        attributes_key: attributes,
        "UserStatus": user.status.as_str(),
        "Enabled": user.enabled,
        "UserCreateDate": user.created,
        "UserLastModifiedDate": user.modified,
    })
}

/// GetUser's and AdminGetUser's `UserMFASettingList` and `PreferredMfaSetting`: software-token
/// MFA, the one factor serve offers, where the user has it on (what Amplify's
/// `fetchMFAPreference` reads).
pub(crate) fn add_mfa_settings(user: &User, out: &mut Value) {
    let on = user.totp.as_ref().is_some_and(|t| t.enabled);
    out["UserMFASettingList"] = if on {
        json!(["SOFTWARE_TOKEN_MFA"])
    } else {
        json!([])
    };
    if on {
        out["PreferredMfaSetting"] = json!("SOFTWARE_TOKEN_MFA");
    }
}

/// ListUsers' `Filter`: `attribute = "value"` (exact) or `attribute ^= "value"` (prefix),
/// on Cognito's filterable attributes.
struct Filter {
    attribute: String,
    value: String,
    prefix: bool,
}

const FILTERABLE: [&str; 11] = [
    "username",
    "email",
    "phone_number",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "cognito:user_status",
    "status",
    "sub",
    "email_verified",
];

impl Filter {
    fn parse(text: &str) -> Result<Filter, ServiceError> {
        let bad =
            || ServiceError::new(ServiceCode::InvalidParameter, "Error while parsing filter.");
        let (attribute, rest, prefix) = match text.split_once("^=") {
            Some((a, r)) => (a, r, true),
            None => {
                let (a, r) = text.split_once('=').ok_or_else(bad)?;
                (a, r, false)
            }
        };
        let attribute = attribute.trim();
        let value = rest
            .trim()
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .ok_or_else(bad)?;
        if !FILTERABLE.contains(&attribute) {
            return Err(bad());
        }
        Ok(Filter {
            attribute: attribute.to_owned(),
            value: value.replace("\\\"", "\""),
            prefix,
        })
    }

    fn matches(&self, user: &User) -> bool {
        let status = user.status.as_str();
        let enabled = if user.enabled { "Enabled" } else { "Disabled" };
        let value = match self.attribute.as_str() {
            "username" => Some(user.username.as_str()),
            "cognito:user_status" => Some(status),
            "status" => Some(enabled),
            other => user.attributes.get(other).map(String::as_str),
        };
        value.is_some_and(|v| {
            if self.prefix {
                v.starts_with(&self.value)
            } else {
                v == self.value
            }
        })
    }
}

/// ListUsers: a page (`Limit`, `PaginationToken`) of the users `Filter` matches, with the
/// attributes `AttributesToGet` names (all where it is not given).
pub(crate) fn list_users(state: &mut State, body: &Value) -> Outcome {
    let pool = state.pool(body)?;
    let filter = optional(body, "Filter")?
        .filter(|f| !f.trim().is_empty())
        .map(Filter::parse)
        .transpose()?;
    let only = body
        .get("AttributesToGet")
        .filter(|v| !v.is_null())
        .map(|_| strings(body, "AttributesToGet"));
    let (users, next) = paginate(
        &pool.users,
        body,
        "PaginationToken",
        page(body, "Limit"),
        |u| filter.as_ref().is_none_or(|f| f.matches(u)),
    )?;
    let users: Vec<Value> = users
        .into_iter()
        .map(|(_, u)| described_with(u, "Attributes", only.as_deref()))
        .collect();
    Ok(with_next(
        json!({ "Users": users }),
        "PaginationToken",
        next,
    ))
}

pub(crate) fn admin_delete_user(state: &mut State, body: &Value) -> Outcome {
    let (pool, username) = state.named_user(body)?;
    state
        .remove_user(&pool, &username)
        .ok_or_else(user_not_found)?;
    Ok(json!({}))
}

/// AdminDisableUser and AdminEnableUser. A disabled user's sign-in and refresh are
/// refused ("User is disabled."), and disabling signs them out everywhere, as Cognito does.
pub(crate) fn admin_set_enabled(state: &mut State, body: &Value, enabled: bool) -> Outcome {
    let (pool, username) = state.named_user(body)?;
    let user = state
        .pools
        .get_mut(&pool)
        .and_then(|p| p.users.get_mut(&username))
        .ok_or_else(user_not_found)?;
    user.enabled = enabled;
    user.changed();
    if !enabled {
        state.sign_out(&pool, &username);
    }
    Ok(json!({}))
}

/// AdminUpdateUserAttributes: names and values set (`sub` and `username` are read-only).
/// AdminUpdateUserAttributes: names and values set (`sub` and `username` are read-only;
/// an alias another user has is refused).
pub(crate) fn admin_update_user_attributes(state: &mut State, body: &Value) -> Outcome {
    let (pool, username) = state.named_user(body)?;
    update_attributes(state, body, &pool, &username)
}

/// UpdateUserAttributes: the same, for the user of an access token. No verification code
/// is sent (serve marks nothing unverified).
pub(crate) fn update_user_attributes(state: &mut State, body: &Value) -> Outcome {
    let (pool, username, _) = access(state, body)?;
    update_attributes(state, body, &pool, &username)
}

fn update_attributes(state: &mut State, body: &Value, pool: &str, username: &str) -> Outcome {
    let list = body
        .get("UserAttributes")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            ServiceError::new(ServiceCode::InvalidParameter, "UserAttributes is required")
        })?;
    let mut updates = Vec::with_capacity(list.len());
    for attribute in list {
        let name = field(attribute, "Name")?;
        if matches!(name, "sub" | "username") {
            return Err(ServiceError::new(
                ServiceCode::InvalidParameter,
                format!("Cannot modify the non-mutable attribute {name}"),
            ));
        }
        let value = optional(attribute, "Value")?.unwrap_or("");
        updates.push((name.to_owned(), value.to_owned()));
    }
    let pool = state.pools.get_mut(pool).ok_or_else(user_not_found)?;
    pool.check_aliases(username, updates.iter().map(|(n, v)| (n, v)))?;
    let user = pool.users.get_mut(username).ok_or_else(user_not_found)?;
    user.attributes.extend(updates);
    user.changed();
    Ok(json!({}))
}

/// AdminDeleteUserAttributes: the attributes named are removed (`sub`, and an attribute
/// the user signs in with where the pool has UsernameAttributes, cannot be).
pub(crate) fn admin_delete_user_attributes(state: &mut State, body: &Value) -> Outcome {
    let (pool, username) = state.named_user(body)?;
    delete_attributes(state, body, &pool, &username)
}

/// DeleteUserAttributes: the same, for the user of an access token.
pub(crate) fn delete_user_attributes(state: &mut State, body: &Value) -> Outcome {
    let (pool, username, _) = access(state, body)?;
    delete_attributes(state, body, &pool, &username)
}

fn delete_attributes(state: &mut State, body: &Value, pool: &str, username: &str) -> Outcome {
    if !body.get("UserAttributeNames").is_some_and(Value::is_array) {
        return Err(ServiceError::new(
            ServiceCode::InvalidParameter,
            "UserAttributeNames is required",
        ));
    }
    let names = strings(body, "UserAttributeNames");
    let pool = state.pools.get_mut(pool).ok_or_else(user_not_found)?;
    if let Some(name) = names
        .iter()
        .find(|n| n.as_str() == "sub" || pool.username_attributes.contains(n))
    {
        return Err(ServiceError::new(
            ServiceCode::InvalidParameter,
            format!("Cannot delete the attribute {name}: the user needs it"),
        ));
    }
    let user = pool.users.get_mut(username).ok_or_else(user_not_found)?;
    for name in &names {
        user.attributes.remove(name);
    }
    user.changed();
    Ok(json!({}))
}

/// DeleteUser: the user of an access token deletes themselves (their tokens go too).
pub(crate) fn delete_user(state: &mut State, body: &Value) -> Outcome {
    let (pool, username, _) = access(state, body)?;
    state
        .remove_user(&pool, &username)
        .ok_or_else(user_not_found)?;
    Ok(json!({}))
}

/// GetUser: the user of an access token, with their attributes and MFA settings.
pub(crate) fn get_user(state: &mut State, body: &Value) -> Outcome {
    let (pool_id, username, _) = access(state, body)?;
    let user = state
        .pools
        .get(&pool_id)
        .and_then(|pool| pool.users.get(&username))
        .ok_or_else(|| {
            ServiceError::new(ServiceCode::NotAuthorized, "Access Token has been revoked")
        })?;
    let attributes: Vec<Value> = user
        .attributes
        .iter()
        .map(|(name, value)| json!({"Name": name, "Value": value}))
        .collect();
    let mut out = json!({"Username": username, "UserAttributes": attributes});
    add_mfa_settings(user, &mut out);
    Ok(out)
}
